// Queue.shutdown() (3.13): put() raises QueueShutDown at once; get() goes on until the queue is
// empty, then raises it; waiting putters and getters are woken to see it. shutdown(immediate=
// True) empties the queue, marks its items done (join() returns) and fails getters at once.
import asyncio, { print, repr, str } from "asyncio";

function* consumer(q: asyncio.Queue<unknown>, name: string) {
  while (true) {
    let item: unknown;
    try {
      item = yield* q.get();
    } catch (e) {
      if (!(e instanceof asyncio.QueueShutDown)) throw e;
      print(name, "sees the shutdown");
      return;
    }
    print(name, "got", item);
    q.task_done();
  }
}

function* producer(q: asyncio.Queue<unknown>, name: string) {
  try {
    yield* q.put(name);
    print(name, "put");
  } catch (e) {
    if (!(e instanceof asyncio.QueueShutDown)) throw e;
    print(name, "put refused:", repr(e));
  }
}

function* main() {
  const q = new asyncio.Queue<unknown>(2);
  q.put_nowait(1);
  q.put_nowait(2);
  const blocked = asyncio.create_task(producer(q, "p1"));
  yield* asyncio.sleep(0);
  q.shutdown();
  print(str(q));
  yield* blocked;
  try {
    q.put_nowait(3);
  } catch (e) {
    if (!(e instanceof asyncio.QueueShutDown)) throw e;
    print("put_nowait refused");
  }
  yield* asyncio.gather(consumer(q, "c1"), consumer(q, "c2"));
  print(str(q));

  const q2 = new asyncio.Queue<unknown>();
  for (let i = 0; i < 3; i++) q2.put_nowait(i);
  const getters = [asyncio.create_task(consumer(new asyncio.Queue(), "idle"))];
  const joiner = asyncio.create_task(q2.join());
  yield* asyncio.sleep(0);
  print("before:", str(q2), "join done:", joiner.done());
  q2.shutdown(true);
  print("after:", str(q2));
  yield* joiner;
  print("join returned:", str(q2));
  try {
    q2.get_nowait();
  } catch (e) {
    if (!(e instanceof asyncio.QueueShutDown)) throw e;
    print("get_nowait:", repr(e), e instanceof asyncio.Exception);
  }
  getters[0].cancel();
  yield* asyncio.gather(...getters, { return_exceptions: true });

  const q3 = new asyncio.Queue<unknown>();
  const waiting = asyncio.create_task(consumer(q3, "c3"));
  yield* asyncio.sleep(0);
  q3.shutdown(true);
  yield* waiting;
  q3.shutdown();
  print(str(q3));
}

asyncio.run(main());
