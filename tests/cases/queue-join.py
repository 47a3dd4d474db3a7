# Queue: a bounded queue blocks the producer; join() waits until every item is marked done.
import asyncio


async def producer(q):
    for i in range(4):
        await q.put(i)
        print("put", i, "qsize", q.qsize(), "full", q.full())


async def consumer(q, name):
    while True:
        item = await q.get()
        print(f"{name} got {item}")
        await asyncio.sleep(0.01)
        q.task_done()


async def main():
    q = asyncio.Queue(maxsize=2)
    workers = [asyncio.create_task(consumer(q, f"w{n}")) for n in range(2)]
    await producer(q)
    await q.join()
    print("all done, empty:", q.empty())
    for w in workers:
        w.cancel()
    results = await asyncio.gather(*workers, return_exceptions=True)
    print([type(r).__name__ for r in results])


asyncio.run(main())
