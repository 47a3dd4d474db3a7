// "async with" can suspend too: entering asyncio.Lock awaits lock.acquire(), so a
// task that finds the lock taken waits at the "async with" line until it is free.
// This runtime writes `async with cm:` as yield* asyncio.async_with(cm, body): it
// awaits cm.__aenter__(), runs the body, then awaits cm.__aexit__(), as Python does.
import asyncio, { print } from "asyncio";

function* worker(name: string, lock: asyncio.Lock) {
  print(`  ${name}: wants the lock`);
  yield* asyncio.async_with(lock, function* () {
    print(`  ${name}: holds the lock`);
    yield* asyncio.sleep(0.1);
  });
  print(`  ${name}: let it go`);
}

function* main() {
  const lock = new asyncio.Lock();
  const a = asyncio.create_task(worker("a", lock), { name: "a" });
  const b = asyncio.create_task(worker("b", lock), { name: "b" });
  yield* asyncio.sleep(0);
  print("b is suspended at async with:", b);
  yield* asyncio.gather(a, b);
}

asyncio.run(main());
