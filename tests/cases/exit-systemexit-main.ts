// An uncaught SystemExit(3) out of asyncio.run(): no traceback, exit status 3.
import asyncio, { print } from "asyncio";

function* main() {
  print("main runs");
  throw new asyncio.SystemExit(3);
}

await asyncio.run(main());
print("never printed");
