# cancelling() counts the cancel() requests still standing; uncancel() withdraws one.
# Two requests deliver a single CancelledError. In Python 3.13, a request withdrawn
# before the task starts is gone: the task runs normally.
import asyncio

async def patient():
    me = asyncio.current_task()
    try:
        await asyncio.sleep(3600)
    except asyncio.CancelledError:
        print("  patient: one CancelledError for", me.cancelling(), "requests")
        print("  patient: uncancel() ->", me.uncancel())
        print("  patient: uncancel() ->", me.uncancel())
    return "carried on"

async def quick():
    print("  quick: runs normally")
    return "ran"

async def main():
    task = asyncio.create_task(patient())
    await asyncio.sleep(0)
    task.cancel()
    task.cancel()
    print("after two cancel(): cancelling() =", task.cancelling())
    print("await ->", repr(await task), "| cancelled() =", task.cancelled())

    late = asyncio.create_task(quick())
    print("cancel() ->", late.cancel(), "| uncancel() ->", late.uncancel())
    print("await ->", repr(await late), "| cancelled() =", late.cancelled())

asyncio.run(main())
