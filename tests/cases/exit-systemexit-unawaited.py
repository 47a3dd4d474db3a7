# SystemExit in a task nobody awaits still ends the program (status 3); the task keeps the
# exception too, reported as never retrieved when it is freed.
import asyncio

async def child():
    print("child raises")
    raise SystemExit(3)

async def main():
    task = asyncio.create_task(child())
    await asyncio.sleep(1)
    print("main resumed")

asyncio.run(main())
print("never printed")
