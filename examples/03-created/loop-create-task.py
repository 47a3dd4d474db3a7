# The loop's own create_task() method: reach the loop with get_running_loop(),
# then ask it for a task. It takes a name, like asyncio.create_task().
import asyncio

async def square(n):
    await asyncio.sleep(0)
    return n * n

async def main():
    loop = asyncio.get_running_loop()
    task = loop.create_task(square(7), name="square-7")
    print(task)
    print("the task belongs to this loop:", task.get_loop() is loop)
    print("await task ->", await task)

asyncio.run(main())
