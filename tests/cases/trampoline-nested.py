# Deep chains of awaits (the runtime's trampoline, issue 12): values, exceptions caught at a
# middle level, finally blocks in order, cancellation through the chain, reprs, a sync
# generator that delegates with `yield from`, an async generator, wait_for on a chain.
import asyncio


async def leaf(n):
    await asyncio.sleep(0)
    if n < 0:
        raise ValueError(f"negative {n}")
    return n


async def chain(depth, n):
    if depth == 0:
        return await leaf(n)
    return await chain(depth - 1, n) + 1


async def catcher(depth):
    try:
        return await chain(depth, -1)
    except ValueError as e:
        print("caught at the middle:", repr(e))
        return -100


async def guarded(depth, log):
    try:
        if depth == 0:
            await asyncio.sleep(10)
        else:
            await guarded(depth - 1, log)
    finally:
        log.append(depth)


def numbers(n):
    for i in range(n):
        yield i


def twice(n):
    yield from numbers(n)
    yield from numbers(n)


async def with_sync_generators():
    await asyncio.sleep(0)
    total = 0
    for x in twice(3):
        total += x
    return [total, list(twice(2))]


async def ticks(n):
    for i in range(n):
        await chain(3, i)
        yield i


async def main():
    print(await chain(200, 5))
    print(await catcher(50))
    print(await asyncio.gather(chain(10, 1), chain(20, 2), chain(0, 3)))

    log = []
    t = asyncio.create_task(guarded(30, log))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print(t)
    t.cancel("stop")
    try:
        await t
    except asyncio.CancelledError as e:
        print("cancelled:", repr(e))
    print(log[:3], log[-3:], len(log))

    print(await with_sync_generators())
    print([i async for i in ticks(4)])

    try:
        await asyncio.wait_for(chain(5, 0), 0)
    except TimeoutError:
        print("timed out at once")
    try:
        await asyncio.wait_for(guarded(5, []), 1)
    except TimeoutError:
        print("timed out later")


asyncio.run(main())
