# Barrier: tasks wait() until three of them are there, then all go on together, each with its
# index; reset() and abort() break the waiting tasks out with BrokenBarrierError.
import asyncio


async def party(barrier, name, delay):
    await asyncio.sleep(delay)
    print(name, "arrives:", repr(barrier).split("[")[1].rstrip(">"))
    try:
        index = await barrier.wait()
        print(name, "passes with index", index)
    except asyncio.BrokenBarrierError as e:
        print(name, "broken out:", repr(e))


async def main():
    barrier = asyncio.Barrier(3)
    print(repr(barrier))
    print("parties", barrier.parties, "n_waiting", barrier.n_waiting, "broken", barrier.broken)
    await asyncio.gather(*(party(barrier, f"p{i}", i * 0.1) for i in range(3)))
    print(repr(barrier))

    waiting = [asyncio.create_task(party(barrier, f"r{i}", 0)) for i in range(2)]
    await asyncio.sleep(0.05)
    print("n_waiting before reset:", barrier.n_waiting)
    await barrier.reset()
    await asyncio.gather(*waiting)
    print(repr(barrier))

    async with barrier as index:
        pass
    print("not reached")


async def aborted():
    barrier = asyncio.Barrier(2)
    t = asyncio.create_task(party(barrier, "a0", 0))
    await asyncio.sleep(0.01)
    await barrier.abort()
    await t
    print(repr(barrier), "broken:", barrier.broken)
    try:
        await barrier.wait()
    except asyncio.BrokenBarrierError as e:
        print("after abort:", repr(e))
    try:
        asyncio.Barrier(0)
    except ValueError as e:
        print(repr(e))


asyncio.run(aborted())
try:
    asyncio.run(asyncio.wait_for(main(), 5))
except TimeoutError:
    print("the last barrier never filled")
