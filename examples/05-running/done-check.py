# done() is False while a task is scheduled, running or suspended, and True once it
# has finished in any way. Inside its own body a task is never done.
import asyncio

async def work():
    me = asyncio.current_task()
    print("  work, while running: done() =", me.done())
    await asyncio.sleep(0.1)
    return "ok"

async def main():
    task = asyncio.create_task(work())
    print("scheduled: done() =", task.done())
    await asyncio.sleep(0)
    print("suspended: done() =", task.done())
    await asyncio.sleep(0.2)
    print("finished:  done() =", task.done())
    if task.done():
        print("so result() is safe to call:", task.result())

asyncio.run(main())
