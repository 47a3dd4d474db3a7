# No public method tells a scheduled task from a suspended one: done(), cancelled()
# and _state agree. Only the repr's wait_for=, which mirrors _fut_waiter, differs.
import asyncio

async def nap():
    await asyncio.sleep(3600)

async def main():
    suspended = asyncio.create_task(nap(), name="suspended")
    await asyncio.sleep(0)          # its first step runs; it now waits in sleep(3600)
    # queued, not started:
    scheduled = asyncio.create_task(nap(), name="scheduled")
    for t in (scheduled, suspended):
        print(f"{t.get_name()}:", f"done()={t.done()}",
              f"cancelled()={t.cancelled()}", f"_state={t._state}")
    print(scheduled)
    print(suspended)
    print("_fut_waiter:", scheduled._fut_waiter, "versus", suspended._fut_waiter)
    for t in (scheduled, suspended):
        t.cancel()
    await asyncio.wait([scheduled, suspended])

asyncio.run(main())
