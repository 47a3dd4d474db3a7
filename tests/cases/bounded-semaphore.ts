// BoundedSemaphore: a Semaphore that refuses to be released above its initial value; at most
// two workers hold it at once, the others wait their turn in order.
import asyncio, { print, repr } from "asyncio";

function* worker(sem: asyncio.BoundedSemaphore, name: string, log: string[]) {
  yield* asyncio.async_with(sem, function* () {
    log.push(`${name} in`);
    yield* asyncio.sleep(0.1);
    log.push(`${name} out`);
  });
}

function* main() {
  const sem = new asyncio.BoundedSemaphore(2);
  print(repr(sem));
  const log: string[] = [];
  const tasks = [0, 1, 2, 3].map((i) => asyncio.create_task(worker(sem, `w${i}`, log)));
  yield* asyncio.sleep(0);
  print(repr(sem), "locked:", sem.locked());
  yield* asyncio.gather(...tasks);
  print(log);
  print(repr(sem));
  yield* sem.acquire();
  sem.release();
  try {
    sem.release();
  } catch (e) {
    if (!(e instanceof asyncio.ValueError)) throw e;
    print("released too many times:", repr(e));
  }
  print(repr(sem));
  try {
    new asyncio.BoundedSemaphore(-1);
  } catch (e) {
    if (!(e instanceof asyncio.ValueError)) throw e;
    print(repr(e));
  }
  print(sem instanceof asyncio.Semaphore);
}

asyncio.run(main());
