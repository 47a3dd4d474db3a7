# main starts a task that raises SystemExit(3), then sleeps. Nothing awaits the
# task and nothing catches anything.
import asyncio

async def stop():
    print("stop: raising SystemExit(3)")
    raise SystemExit(3)

async def main():
    task = asyncio.create_task(stop())
    await asyncio.sleep(1)
    print("main: woke up")

asyncio.run(main())
print("after asyncio.run()")
