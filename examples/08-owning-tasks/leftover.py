# main starts a ticker that would tick five times, a second apart, and returns
# after 1.5 seconds without awaiting it. A module-level list keeps the task.
import asyncio

background = []

async def ticker():
    try:
        for i in range(5):
            print("  tick", i)
            await asyncio.sleep(1)
    finally:
        print("  ticker: finally")

async def main():
    background.append(asyncio.create_task(ticker(), name="ticker"))
    await asyncio.sleep(1.5)
    print("main: returning")

asyncio.run(main())
print("after asyncio.run():", background[0])
