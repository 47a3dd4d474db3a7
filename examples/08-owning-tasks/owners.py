# Two ways to own tasks: a TaskGroup, whose async with block ends only when its
# tasks are done, and gather(), which collects results in the order given.
import asyncio

async def fetch(name, delay):
    await asyncio.sleep(delay)
    print(f"  {name}: fetched")
    return name.upper()

async def main():
    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(fetch("a", 0.2))
        b = tg.create_task(fetch("b", 0.1))
        print("main: end of the async with body")
    print("main: after the block:", a.result(), b.result())
    print("main: gather ->", await asyncio.gather(fetch("c", 0.2), fetch("d", 0.1)))

asyncio.run(main())
