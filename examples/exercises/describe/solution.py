import asyncio


async def ok():
    return 42


async def bad():
    raise ValueError("no milk")


async def slow():
    await asyncio.sleep(3600)


def describe(task):
    """One line about any task, whatever its state. It must never raise."""
    name = task.get_name()
    # done() and cancelled() never raise; exception() and result() raise unless both
    # say the task finished without being cancelled.
    if not task.done():
        return f"{name}: still pending"
    if task.cancelled():
        return f"{name}: cancelled"
    error = task.exception()
    if error is not None:
        return f"{name}: failed with {error!r}"
    return f"{name}: result {task.result()!r}"


async def main():
    tasks = [
        asyncio.create_task(ok(), name="ok"),
        asyncio.create_task(bad(), name="bad"),
        asyncio.create_task(slow(), name="gone"),
        asyncio.create_task(slow(), name="slow"),
    ]
    await asyncio.sleep(0)
    tasks[2].cancel()
    await asyncio.sleep(0)
    for task in tasks:
        print(describe(task))


asyncio.run(main())
