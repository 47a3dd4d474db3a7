// LifoQueue: the last item put is the first one got; a getter waiting on an empty queue gets
// the first item put after it, and the queue's repr shows its list and its waiters.
import asyncio, { print, repr, str } from "asyncio";

function* getter(q: asyncio.LifoQueue<unknown>, name: string) {
  const item = yield* q.get();
  print(name, "got", item);
  q.task_done();
}

function* main() {
  const q = new asyncio.LifoQueue<unknown>();
  for (let i = 0; i < 4; i++) yield* q.put(i);
  print(repr(q));
  print([0, 1, 2, 3].map(() => q.get_nowait()));
  for (let i = 0; i < 4; i++) q.task_done();
  const tasks = [0, 1].map((i) => asyncio.create_task(getter(q, `g${i}`)));
  yield* asyncio.sleep(0);
  print(str(q));
  q.put_nowait("x");
  q.put_nowait("y");
  q.put_nowait("z");
  print(str(q));
  yield* asyncio.gather(...tasks);
  print(str(q), q.get_nowait());
  q.task_done();
  yield* q.join();
  print("joined:", str(q));
  try {
    q.get_nowait();
  } catch (e) {
    if (!(e instanceof asyncio.QueueEmpty)) throw e;
    print("empty:", repr(e));
  }
}

asyncio.run(main());
