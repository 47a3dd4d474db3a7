# The start-up workload: a task created, awaited and printed; no time passes.
import asyncio


async def greet(name):
    await asyncio.sleep(0)
    return f"hello, {name}"


async def main():
    task = asyncio.create_task(greet("world"))
    print(await task)
    print(task)


asyncio.run(main())
