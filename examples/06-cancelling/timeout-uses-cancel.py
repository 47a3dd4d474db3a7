# asyncio.timeout() is built on cancel() and uncancel(). When time runs out it cancels
# the current task; on the way out of "async with" it turns the CancelledError into
# TimeoutError and withdraws its request, so the task is not left cancelling.
import asyncio

async def main():
    me = asyncio.current_task()
    print("entering timeout(0.1): cancelling() =", me.cancelling())
    try:
        async with asyncio.timeout(0.1):
            await asyncio.sleep(3600)
    except TimeoutError as e:
        print("caught", repr(e), "| its cause:", repr(e.__cause__))
    print("cancelling() =", me.cancelling(), "| cancelled() =", me.cancelled())
    await asyncio.sleep(0)
    print("main goes on normally")

asyncio.run(main())
