# Awaiting another task suspends on that task. The repr shows the whole chain: the
# parent waits for the child (wait_for=<Task ...>), the child for its sleep, and the
# child's cb=[Task.task_wakeup()] is the parent waiting to be woken.
import asyncio

async def child():
    await asyncio.sleep(0.1)
    return "from the child"

async def parent():
    kid = asyncio.create_task(child(), name="child")
    return await kid

async def main():
    task = asyncio.create_task(parent(), name="parent")
    await asyncio.sleep(0)      # parent starts, creates child, waits for it
    await asyncio.sleep(0)      # child starts and waits in sleep(0.1)
    print(task)
    print("await parent ->", repr(await task))

asyncio.run(main())
