# A task runs on its own once the loop gets control: nobody has to await it.
# main only keeps a reference and, at the very end, reads the result.
import asyncio

async def ticker(count):
    for i in range(1, count + 1):
        print(f"  ticker: tick {i}")
        await asyncio.sleep(0.2)
    return f"{count} ticks"

async def main():
    task = asyncio.create_task(ticker(3))
    for chore in ("reading", "writing", "resting", "looking up"):
        print(f"main: {chore}")
        await asyncio.sleep(0.3)
    print("main: never awaited the task; done() =", task.done())
    print("main: result() =", repr(task.result()))

asyncio.run(main())
