# PriorityQueue: items come out lowest first, compared as Python compares them (lists element
# by element, like tuples); items that do not compare are CPython's TypeError, and the item
# stays in the queue (heapq appended it before comparing).
import asyncio


async def main():
    q = asyncio.PriorityQueue()
    for item in [[3, "c"], [1, "a"], [2, "b"], [1, "A"], [2, "a", 0], [2, "a"]]:
        q.put_nowait(item)
    print(repr(q))
    print(str(q))
    while not q.empty():
        print(q.get_nowait())

    words = asyncio.PriorityQueue(maxsize=2)
    await words.put("pear")
    await words.put("apple")
    print("full:", words.full())
    waiting = asyncio.create_task(words.put("fig"))
    await asyncio.sleep(0)
    print(str(words))
    print(await words.get(), "then", await words.get(), "then", await words.get())
    await waiting

    mixed = asyncio.PriorityQueue()
    mixed.put_nowait(1)
    try:
        mixed.put_nowait("one")
    except TypeError as e:
        print("TypeError:", e)
    print("qsize after the failed put:", mixed.qsize(), str(mixed))
    try:
        mixed.put_nowait([1, {}])
        mixed.put_nowait([1, {}])
    except TypeError as e:
        print("TypeError:", e)
    nested = asyncio.PriorityQueue()
    for item in [[[2, 1], "x"], [[1, 5], "y"], [[1, 5, 0], "z"], [[2], "w"]]:
        nested.put_nowait(item)
    print([nested.get_nowait()[1] for _ in range(4)])
    print(isinstance(q, asyncio.Queue))


asyncio.run(main())
