// SystemExit without a code: status 0, nothing printed; nor is the line after asyncio.run().
import asyncio, { print } from "asyncio";

function* main() {
  print("stopping");
  throw new asyncio.SystemExit();
}

await asyncio.run(main());
print("never printed");
