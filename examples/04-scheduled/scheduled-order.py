# main creates three tasks, prints two lines, then awaits asyncio.sleep(0).
import asyncio

async def worker(name):
    print(f"  {name}: started")

async def main():
    tasks = [asyncio.create_task(worker(name), name=name) for name in ["first", "second", "third"]]
    print("main: created three tasks")
    print("main: about to await")
    await asyncio.sleep(0)
    print("main: back, done() =", [t.done() for t in tasks])

asyncio.run(main())
