# A task suspended in sleep() is cancelled, and the request is taken back at once
# with uncancel(). Then main waits for the task.
import asyncio

async def sleeper():
    try:
        await asyncio.sleep(3600)
        print("  sleeper: woke up normally")
    except asyncio.CancelledError:
        print("  sleeper: CancelledError")
        raise

async def main():
    task = asyncio.create_task(sleeper())
    await asyncio.sleep(0)
    print("cancel() ->", task.cancel(), "| uncancel() ->", task.uncancel())
    try:
        await task
    except asyncio.CancelledError:
        pass
    print("cancelled() =", task.cancelled())

asyncio.run(main())
