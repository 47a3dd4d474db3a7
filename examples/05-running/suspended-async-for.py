# async for awaits the iterator's __anext__() before every item. An asynchronous
# generator runs its own body, awaits included, inside those calls, so the task
# that iterates is suspended there, between one item and the next.
import asyncio

async def ticks(count):
    for i in range(1, count + 1):
        await asyncio.sleep(0.1)
        yield i

async def consume():
    async for tick in ticks(3):
        print("  consume: got tick", tick)
    return "all ticks"

async def main():
    task = asyncio.create_task(consume(), name="consumer")
    await asyncio.sleep(0)
    print("between items:", task)
    print("await ->", repr(await task))

asyncio.run(main())
