// PriorityQueue: items come out lowest first, compared as Python compares them (lists element
// by element, like tuples); items that do not compare are CPython's TypeError, and the item
// stays in the queue (heapq appended it before comparing).
import asyncio, { print, repr, str } from "asyncio";

function* main() {
  const q = new asyncio.PriorityQueue<unknown[]>();
  for (const item of [[3, "c"], [1, "a"], [2, "b"], [1, "A"], [2, "a", 0], [2, "a"]]) {
    q.put_nowait(item);
  }
  print(repr(q));
  print(str(q));
  while (!q.empty()) print(q.get_nowait());

  const words = new asyncio.PriorityQueue<string>(2);
  yield* words.put("pear");
  yield* words.put("apple");
  print("full:", words.full());
  const waiting = asyncio.create_task(words.put("fig"));
  yield* asyncio.sleep(0);
  print(str(words));
  print(yield* words.get(), "then", yield* words.get(), "then", yield* words.get());
  yield* waiting;

  const mixed = new asyncio.PriorityQueue<unknown>();
  mixed.put_nowait(1);
  try {
    mixed.put_nowait("one");
  } catch (e) {
    if (!(e instanceof asyncio.TypeError)) throw e;
    print("TypeError:", str(e));
  }
  print("qsize after the failed put:", mixed.qsize(), str(mixed));
  try {
    mixed.put_nowait([1, {}]);
    mixed.put_nowait([1, {}]);
  } catch (e) {
    if (!(e instanceof asyncio.TypeError)) throw e;
    print("TypeError:", str(e));
  }
  const nested = new asyncio.PriorityQueue<[unknown[], string]>();
  for (const item of [[[2, 1], "x"], [[1, 5], "y"], [[1, 5, 0], "z"], [[2], "w"]] as [unknown[], string][]) {
    nested.put_nowait(item);
  }
  print([0, 1, 2, 3].map(() => nested.get_nowait()[1]));
  print(q instanceof asyncio.Queue);
}

asyncio.run(main());
