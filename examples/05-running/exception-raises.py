# exception() is not a safe "did it fail?" test: it raises InvalidStateError while the
# task is not done and CancelledError once it was cancelled. Ask done() and
# cancelled() first.
import asyncio

async def slow():
    await asyncio.sleep(3600)

async def broken():
    raise KeyError("missing")

def failed(task):
    return task.done() and not task.cancelled() and task.exception() is not None

async def main():
    task = asyncio.create_task(slow())
    try:
        task.exception()
    except asyncio.InvalidStateError as e:
        print("not done yet:", repr(e))
    task.cancel()
    await asyncio.wait([task])
    try:
        task.exception()
    except asyncio.CancelledError as e:
        print("cancelled:", repr(e))
    bad = asyncio.create_task(broken())
    await asyncio.wait([bad])
    print("failed(bad) =", failed(bad), "| failed(cancelled task) =", failed(task))

asyncio.run(main())
