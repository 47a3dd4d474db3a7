# asyncio.create_task() wraps a coroutine in a Task, schedules it and returns at
# once: the caller keeps running, and the body starts only when the loop gets control.
import asyncio

async def greet(name):
    print(f"  greet: hello, {name}")
    return len(name)

async def main():
    coro = greet("Ada")
    print("a coroutine object:", asyncio.iscoroutine(coro))
    task = asyncio.create_task(coro)
    print("create_task() returned a Task:", isinstance(task, asyncio.Task))
    print("the task wraps that very coroutine:", task.get_coro() is coro)
    print("main goes on; greet has not printed anything yet")
    print("await task ->", await task)

asyncio.run(main())
