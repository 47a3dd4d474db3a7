# Awaiting a task adds one more done callback: the awaiting task's wake-up joins the
# task's list, in order. Callbacks added before the await run before the awaiting
# task resumes, and callbacks added after run after it.
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
    print(task)
    task.add_done_callback(late)
    await w

asyncio.run(main())
