// Queue: a bounded queue blocks the producer; join() waits until every item is marked done.
import asyncio, { print } from "asyncio";

function* producer(q: asyncio.Queue<number>) {
  for (let i = 0; i < 4; i++) {
    yield* q.put(i);
    print("put", i, "qsize", q.qsize(), "full", q.full());
  }
}

function* consumer(q: asyncio.Queue<number>, name: string) {
  while (true) {
    const item = yield* q.get();
    print(`${name} got ${item}`);
    yield* asyncio.sleep(0.01);
    q.task_done();
  }
}

function* main() {
  const q = new asyncio.Queue<number>(2);
  const workers = [0, 1].map((n) => asyncio.create_task(consumer(q, `w${n}`)));
  yield* producer(q);
  yield* q.join();
  print("all done, empty:", q.empty());
  for (const w of workers) {
    w.cancel();
  }
  const results = yield* asyncio.gather(...workers, { return_exceptions: true });
  print(results.map((r) => (r as object).constructor.name));
}

asyncio.run(main());
