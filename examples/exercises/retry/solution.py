import asyncio

attempts = 0


async def fetch():
    global attempts
    attempts += 1
    print(f"attempt {attempts}")
    await asyncio.sleep(0)
    if attempts < 3:
        raise OSError("try again")
    return "data"


async def retry(make, times):
    """Runs make() as a task, again after an OSError: `times` runs at most."""
    task = asyncio.create_task(make())
    for _ in range(1, times):
        try:
            return await task
        except OSError as e:
            print("failed:", repr(e))
        # A done task never runs again and its coroutine is spent: a new attempt is a new
        # task around a new coroutine.
        task = asyncio.create_task(make())
    return await task


async def main():
    print(await retry(fetch, 5))


asyncio.run(main())
