# An exception that escapes the coroutine ends the task: it is done, and keeps the
# exception. exception() returns it; result() and await raise that same object again.
import asyncio

async def fetch():
    await asyncio.sleep(0)
    raise ValueError("the milk has gone off")

async def main():
    task = asyncio.create_task(fetch())
    await asyncio.wait([task])
    print(task)
    err = task.exception()
    print("exception() ->", repr(err))
    try:
        task.result()
    except ValueError as e:
        print("result() raised", repr(e), "| the same object:", e is err)
    try:
        await task
    except ValueError as e:
        print("await raised it too | the same object:", e is err)

asyncio.run(main())
