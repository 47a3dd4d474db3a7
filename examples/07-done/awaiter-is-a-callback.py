# work gets a done callback, early, before the watcher task starts awaiting it,
# and a second one, late, while the watcher is waiting.
import asyncio

def early(task):
    print("  early callback")

def late(task):
    print("  late callback")

async def work():
    await asyncio.sleep(0)
    return "done"

async def watcher(task):
    await task
    print("  watcher resumed")

async def main():
    task = asyncio.create_task(work(), name="work")
    task.add_done_callback(early)
    w = asyncio.create_task(watcher(task), name="watcher")
    await asyncio.sleep(0)      # watcher has started and waits on task
    waiting = repr(task)
    task.add_done_callback(late)
    await w
    print("while the watcher waited:", waiting)

asyncio.run(main())
