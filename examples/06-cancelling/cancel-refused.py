# cancel() is a request. The coroutine receives it as a CancelledError and may catch
# it and carry on; the task then ends with a result, not cancelled.
import asyncio

async def stubborn():
    try:
        await asyncio.sleep(3600)
    except asyncio.CancelledError:
        print("  stubborn: cancel request received, and declined")
    await asyncio.sleep(0.1)
    return "finished anyway"

async def main():
    task = asyncio.create_task(stubborn())
    await asyncio.sleep(0)
    print("cancel() ->", task.cancel())
    print("await ->", repr(await task))
    print("cancelled() =", task.cancelled(), "| cancelling() =", task.cancelling())
    print(task)

asyncio.run(main())
