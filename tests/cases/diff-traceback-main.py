# An exception that leaves main: between <module> and main CPython prints asyncio.run's own
# frames (runners.py twice, base_events.py), then main and the task it awaited.
import asyncio


async def fetch(n):
    await asyncio.sleep(0.1)
    raise ConnectionError(f"no answer from server {n}")


async def main():
    task = asyncio.create_task(fetch(3))
    print("waiting")
    await task


asyncio.run(main())
