# The same program with KeyboardInterrupt, the exception Ctrl-C raises, in the
# task: again nothing awaits the task and nothing catches anything.
import asyncio

async def interrupt():
    print("interrupt: raising KeyboardInterrupt")
    raise KeyboardInterrupt

async def main():
    task = asyncio.create_task(interrupt())
    await asyncio.sleep(1)
    print("main: woke up")

asyncio.run(main())
print("after asyncio.run()")
