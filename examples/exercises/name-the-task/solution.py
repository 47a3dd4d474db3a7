import asyncio


async def greet(who):
    return f"hello, {who}"


async def main():
    # Inside main the loop is running, so create_task() can schedule the task on it.
    task = asyncio.create_task(greet("world"), name="greeter")
    print(task.get_name())
    print(await task)


asyncio.run(main())
