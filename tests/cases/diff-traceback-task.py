# A task's exception, never retrieved: CPython's report shows the task's own frames only (the
# coroutine and what it called), not the line that started the program.
import asyncio


async def parse(text):
    await asyncio.sleep(0)
    return int(text)


async def load(text):
    value = await parse(text)
    return value * 2


async def main():
    task = asyncio.create_task(load("x"))
    await asyncio.sleep(0.1)
    print("done:", task.done())


asyncio.run(main())
