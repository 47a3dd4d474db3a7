import asyncio


async def worker():
    try:
        async with asyncio.timeout(1):
            for job in ["a", "b", "c"]:
                try:
                    await asyncio.sleep(0.2)
                    print(f"{job}: done")
                except asyncio.CancelledError:
                    # main asked to skip this job: withdraw its request, then carry on. Without
                    # uncancel(), cancelling() stays at 1 and the timeout takes its own expiry
                    # for someone else's cancellation.
                    asyncio.current_task().uncancel()
                    print(f"{job}: skipped")
            print("worker: waiting for more jobs")
            await asyncio.sleep(3600)
    except TimeoutError:
        print("worker: no more jobs, stopping")
    return "finished"


async def main():
    w = asyncio.create_task(worker(), name="worker")
    print("main: created the worker")
    await asyncio.sleep(0.1)
    w.cancel()   # skip the job the worker is on
    try:
        print("main:", await w)
    except asyncio.CancelledError:
        print("main: the worker was cancelled")


asyncio.run(main())
