# LifoQueue: the last item put is the first one got; a getter waiting on an empty queue gets
# the first item put after it, and the queue's repr shows its list and its waiters.
import asyncio


async def getter(q, name):
    item = await q.get()
    print(name, "got", item)
    q.task_done()


async def main():
    q = asyncio.LifoQueue()
    for i in range(4):
        await q.put(i)
    print(repr(q))
    print([q.get_nowait() for _ in range(4)])
    for _ in range(4):
        q.task_done()
    tasks = [asyncio.create_task(getter(q, f"g{i}")) for i in range(2)]
    await asyncio.sleep(0)
    print(str(q))
    q.put_nowait("x")
    q.put_nowait("y")
    q.put_nowait("z")
    print(str(q))
    await asyncio.gather(*tasks)
    print(str(q), q.get_nowait())
    q.task_done()
    await q.join()
    print("joined:", str(q))
    try:
        q.get_nowait()
    except asyncio.QueueEmpty as e:
        print("empty:", repr(e))


asyncio.run(main())
