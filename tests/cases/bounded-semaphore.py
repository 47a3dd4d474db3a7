# BoundedSemaphore: a Semaphore that refuses to be released above its initial value; at most
# two workers hold it at once, the others wait their turn in order.
import asyncio


async def worker(sem, name, log):
    async with sem:
        log.append(f"{name} in")
        await asyncio.sleep(0.1)
        log.append(f"{name} out")


async def main():
    sem = asyncio.BoundedSemaphore(2)
    print(repr(sem))
    log = []
    tasks = [asyncio.create_task(worker(sem, f"w{i}", log)) for i in range(4)]
    await asyncio.sleep(0)
    print(repr(sem), "locked:", sem.locked())
    await asyncio.gather(*tasks)
    print(log)
    print(repr(sem))
    await sem.acquire()
    sem.release()
    try:
        sem.release()
    except ValueError as e:
        print("released too many times:", repr(e))
    print(repr(sem))
    try:
        asyncio.BoundedSemaphore(-1)
    except ValueError as e:
        print(repr(e))
    print(isinstance(sem, asyncio.Semaphore))


asyncio.run(main())
