# cancel() on a suspended task cancels what it waits for and returns True, but the
# task is not cancelled yet: it must run once more, to receive CancelledError at
# its await, where except and finally blocks get their turn. Once it is cancelled,
# result() raises CancelledError.
import asyncio

async def download():
    try:
        print("  download: started")
        await asyncio.sleep(3600)
    except asyncio.CancelledError as e:
        print("  download: got", repr(e), "at the await")
        raise
    finally:
        print("  download: cleaning up")

async def main():
    task = asyncio.create_task(download())
    await asyncio.sleep(0)
    print("cancel() ->", task.cancel("user pressed stop"))
    print("right after: cancelled() =", task.cancelled())
    print("  ", task)
    await asyncio.wait([task])
    print("afterwards: cancelled() =", task.cancelled())
    print("  ", task)
    try:
        task.result()
    except asyncio.CancelledError as e:
        print("result() raises", repr(e))

asyncio.run(main())
