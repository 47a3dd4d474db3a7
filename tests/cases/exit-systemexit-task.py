# SystemExit in a task that main awaits leaves the loop at once: main never resumes.
import asyncio

async def child():
    print("child raises")
    raise SystemExit(3)

async def main():
    task = asyncio.create_task(child())
    await task
    print("main resumed")

asyncio.run(main())
