# Scheduling puts a task's first step at the back of the loop's ready queue.
# Nothing starts while the current task keeps control; then the steps run in the
# order the tasks were created.
import asyncio

async def worker(name):
    print(f"  {name}: started")

async def main():
    names = ["first", "second", "third"]
    tasks = [asyncio.create_task(worker(name)) for name in names]
    print("main: three tasks created, none has started:", [t.done() for t in tasks])
    print("main: still busy; the loop cannot run them until main awaits")
    await asyncio.sleep(0)
    print("main: back after one turn of the loop:", [t.done() for t in tasks])

asyncio.run(main())
