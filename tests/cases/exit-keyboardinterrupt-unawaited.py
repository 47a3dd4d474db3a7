# KeyboardInterrupt in a task nobody awaits ends the program: its traceback first, then the
# task, freed at exit, reports its exception as never retrieved.
import asyncio

async def child():
    print("child raises")
    raise KeyboardInterrupt

async def main():
    task = asyncio.create_task(child())
    await asyncio.sleep(1)
    print("main resumed")

asyncio.run(main())
print("never printed")
