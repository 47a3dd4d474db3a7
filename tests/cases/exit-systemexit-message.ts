// SystemExit with a code that is not an int: Python prints it on stderr, status 1.
import asyncio from "asyncio";

function* main() {
  throw new asyncio.SystemExit("configuration missing");
}

await asyncio.run(main());
