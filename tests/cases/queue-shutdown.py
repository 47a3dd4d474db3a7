# Queue.shutdown() (3.13): put() raises QueueShutDown at once; get() goes on until the queue is
# empty, then raises it; waiting putters and getters are woken to see it. shutdown(immediate=
# True) empties the queue, marks its items done (join() returns) and fails getters at once.
import asyncio


async def consumer(q, name):
    while True:
        try:
            item = await q.get()
        except asyncio.QueueShutDown:
            print(name, "sees the shutdown")
            return
        print(name, "got", item)
        q.task_done()


async def producer(q, name):
    try:
        await q.put(name)
        print(name, "put")
    except asyncio.QueueShutDown as e:
        print(name, "put refused:", repr(e))


async def main():
    q = asyncio.Queue(maxsize=2)
    q.put_nowait(1)
    q.put_nowait(2)
    blocked = asyncio.create_task(producer(q, "p1"))
    await asyncio.sleep(0)
    q.shutdown()
    print(str(q))
    await blocked
    try:
        q.put_nowait(3)
    except asyncio.QueueShutDown:
        print("put_nowait refused")
    await asyncio.gather(consumer(q, "c1"), consumer(q, "c2"))
    print(str(q))

    q2 = asyncio.Queue()
    for i in range(3):
        q2.put_nowait(i)
    getters = [asyncio.create_task(consumer(asyncio.Queue(), "idle"))]
    joiner = asyncio.create_task(q2.join())
    await asyncio.sleep(0)
    print("before:", str(q2), "join done:", joiner.done())
    q2.shutdown(immediate=True)
    print("after:", str(q2))
    await joiner
    print("join returned:", str(q2))
    try:
        q2.get_nowait()
    except asyncio.QueueShutDown as e:
        print("get_nowait:", repr(e), isinstance(e, Exception))
    getters[0].cancel()
    await asyncio.gather(*getters, return_exceptions=True)

    q3 = asyncio.Queue()
    waiting = asyncio.create_task(consumer(q3, "c3"))
    await asyncio.sleep(0)
    q3.shutdown(True)
    await waiting
    q3.shutdown()
    print(str(q3))


asyncio.run(main())
