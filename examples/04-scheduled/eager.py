# The loop is given the eager task factory (Python 3.12+). Then main creates two
# tasks: one whose coroutine never suspends, and one that sleeps halfway.
import asyncio

async def quick():
    print("  quick: runs")
    return "quick"

async def slow():
    print("  slow: first step")
    await asyncio.sleep(0.1)
    print("  slow: second step")

async def main():
    asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory)
    print("main: creating quick")
    q = asyncio.create_task(quick(), name="quick")
    print("main: got", q)
    print("main: creating slow")
    s = asyncio.create_task(slow(), name="slow")
    print("main: got", s)
    await s

asyncio.run(main())
