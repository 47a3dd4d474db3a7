# "async with" can suspend too: entering asyncio.Lock awaits lock.acquire(), so a
# task that finds the lock taken waits at the "async with" line until it is free.
import asyncio

async def worker(name, lock):
    print(f"  {name}: wants the lock")
    async with lock:
        print(f"  {name}: holds the lock")
        await asyncio.sleep(0.1)
    print(f"  {name}: let it go")

async def main():
    lock = asyncio.Lock()
    a = asyncio.create_task(worker("a", lock), name="a")
    b = asyncio.create_task(worker("b", lock), name="b")
    await asyncio.sleep(0)
    print("b is suspended at async with:", b)
    await asyncio.gather(a, b)

asyncio.run(main())
