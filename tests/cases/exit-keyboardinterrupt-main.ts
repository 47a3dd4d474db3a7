// An uncaught KeyboardInterrupt: a traceback, and CPython ends by SIGINT (a shell says 130).
import asyncio, { print } from "asyncio";

function* main() {
  print("main runs");
  throw new asyncio.KeyboardInterrupt();
}

await asyncio.run(main());
