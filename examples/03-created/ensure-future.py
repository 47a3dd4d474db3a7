# asyncio.ensure_future() makes a Task only when it is handed a coroutine: a Task or
# a Future comes back unchanged, and anything that cannot be awaited is refused.
import asyncio

async def compute():
    return 42

async def main():
    task = asyncio.ensure_future(compute())
    print("from a coroutine:", task)
    print("from a task, the same object:", asyncio.ensure_future(task) is task)
    fut = asyncio.get_running_loop().create_future()
    print("from a future, the same object:", asyncio.ensure_future(fut) is fut)
    try:
        asyncio.ensure_future(42)
    except TypeError as e:
        print("from 42:", repr(e))
    fut.cancel()
    print("await task ->", await task)

asyncio.run(main())
