# An unhandled exception ends its task, not the program: main goes on. Nobody ever
# asks the task for its outcome, so when the task is freed asyncio logs "Task
# exception was never retrieved" with the traceback, on standard error.
import asyncio

async def explode():
    raise RuntimeError("nobody is listening")

async def main():
    task = asyncio.create_task(explode())
    await asyncio.sleep(0)
    print("main: the task is done:", task.done())
    print("main:", task)
    print("main: and the program goes on")

asyncio.run(main())
print("after asyncio.run(): the program ends normally")
