# outer creates inner and awaits it; main then cancels outer, and only outer.
import asyncio

async def inner():
    try:
        await asyncio.sleep(3600)
    except asyncio.CancelledError:
        print("  inner: CancelledError")
        raise

async def outer():
    child = asyncio.create_task(inner(), name="inner")
    try:
        await child
    except asyncio.CancelledError:
        print("  outer: CancelledError, inner.cancelled() =", child.cancelled())
        raise

async def main():
    task = asyncio.create_task(outer(), name="outer")
    await asyncio.sleep(0)      # outer starts inner and waits for it
    await asyncio.sleep(0)      # inner starts and waits in sleep(3600)
    task.cancel()
    await asyncio.wait([task])
    print("outer.cancelled() =", task.cancelled())

asyncio.run(main())
