# Cancelling a task that awaits another task passes the request down: the inner task
# is cancelled first, and its CancelledError travels back up through the await.
import asyncio

async def inner():
    try:
        await asyncio.sleep(3600)
    except asyncio.CancelledError:
        print("  inner: cancelled")
        raise

async def outer():
    child = asyncio.create_task(inner(), name="inner")
    try:
        await child
    except asyncio.CancelledError:
        print("  outer: cancelled too, after inner; inner.cancelled() =", child.cancelled())
        raise

async def main():
    task = asyncio.create_task(outer(), name="outer")
    await asyncio.sleep(0)      # outer starts inner and waits for it
    await asyncio.sleep(0)      # inner starts and waits in sleep(3600)
    print("cancel outer ->", task.cancel())
    await asyncio.wait([task])
    print(task)

asyncio.run(main())
