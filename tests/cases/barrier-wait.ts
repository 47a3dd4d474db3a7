// Barrier: tasks wait() until three of them are there, then all go on together, each with its
// index; reset() and abort() break the waiting tasks out with BrokenBarrierError.
import asyncio, { print, repr } from "asyncio";

function* party(barrier: asyncio.Barrier, name: string, delay: number) {
  yield* asyncio.sleep(delay);
  print(name, "arrives:", repr(barrier).split("[")[1].replace(/>+$/, ""));
  try {
    const index = yield* barrier.wait();
    print(name, "passes with index", index);
  } catch (e) {
    if (!(e instanceof asyncio.BrokenBarrierError)) throw e;
    print(name, "broken out:", repr(e));
  }
}

function* main() {
  const barrier = new asyncio.Barrier(3);
  print(repr(barrier));
  print("parties", barrier.parties, "n_waiting", barrier.n_waiting, "broken", barrier.broken);
  yield* asyncio.gather(...[0, 1, 2].map((i) => party(barrier, `p${i}`, i * 0.1)));
  print(repr(barrier));

  const waiting = [0, 1].map((i) => asyncio.create_task(party(barrier, `r${i}`, 0)));
  yield* asyncio.sleep(0.05);
  print("n_waiting before reset:", barrier.n_waiting);
  yield* barrier.reset();
  yield* asyncio.gather(...waiting);
  print(repr(barrier));

  yield* asyncio.async_with(barrier, function* (_index) {});
  print("not reached");
}

function* aborted() {
  const barrier = new asyncio.Barrier(2);
  const t = asyncio.create_task(party(barrier, "a0", 0));
  yield* asyncio.sleep(0.01);
  yield* barrier.abort();
  yield* t;
  print(repr(barrier), "broken:", barrier.broken);
  try {
    yield* barrier.wait();
  } catch (e) {
    if (!(e instanceof asyncio.BrokenBarrierError)) throw e;
    print("after abort:", repr(e));
  }
  try {
    new asyncio.Barrier(0);
  } catch (e) {
    if (!(e instanceof asyncio.ValueError)) throw e;
    print(repr(e));
  }
}

await asyncio.run(aborted());
try {
  await asyncio.run(asyncio.wait_for(main(), 5));
} catch (e) {
  if (!(e instanceof asyncio.TimeoutError)) throw e;
  print("the last barrier never filled");
}
