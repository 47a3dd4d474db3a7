// Timers given the very same deadline by call_at() run in the order CPython's timer heap pops
// them (heapq compares deadlines only), not in the order they were scheduled; cancelled timers
// are dropped from the heap's head, or the heap is rebuilt without them (heapify) once more
// than half of more than 100 timers are cancelled, which changes that order again.
import asyncio, { print } from "asyncio";

const order: unknown[] = [];
const append = (x: unknown) => void order.push(x);

function* main() {
  const loop = asyncio.get_running_loop();
  let t = loop.time() + 1;
  for (let i = 0; i < 6; i++) loop.call_at(t, append, i);
  yield* asyncio.sleep(2);
  print("with main's sleep in the heap:", order);

  order.length = 0;
  t = loop.time() + 1;
  let handles = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => loop.call_at(t, append, i));
  handles[0].cancel();
  handles[3].cancel();
  yield* asyncio.sleep(2);
  print("two cancelled:", order);

  order.length = 0;
  t = loop.time() + 1;
  handles = Array.from({ length: 120 }, (_, i) => loop.call_at(t, append, i));
  for (let i = 0; i < 120; i += 2) handles[i].cancel();
  for (let i = 1; i < 70; i += 4) handles[i].cancel();
  yield* asyncio.sleep(0);
  yield* asyncio.sleep(2);
  print("rebuilt heap:", order);

  order.length = 0;
  t = loop.time() + 1;
  for (let i = 0; i < 3; i++) {
    loop.call_later(1, append, `later${i}`);
    loop.call_at(t, append, `at${i}`);
  }
  yield* asyncio.sleep(2);
  print("call_later among them:", order);
}

asyncio.run(main());
