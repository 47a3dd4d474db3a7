# Awaiting a coroutine runs it inside the caller's own task, to the end, before the
# caller goes on. Wrapping it in a task gives it a task of its own, so several run
# side by side while the caller is free.
import asyncio

async def brew(drink, seconds):
    me = asyncio.current_task().get_name()
    print(f"  {drink}: starts, inside {me}")
    await asyncio.sleep(seconds)
    print(f"  {drink}: ready")
    return drink

async def main():
    loop = asyncio.get_running_loop()

    print("1. await each coroutine directly")
    start = loop.time()
    await brew("tea", 1)
    await brew("coffee", 2)
    print("   took", round(loop.time() - start), "seconds")

    print("2. wrap each coroutine in a task, then await the tasks")
    start = loop.time()
    tea = asyncio.create_task(brew("tea", 1))
    coffee = asyncio.create_task(brew("coffee", 2))
    print("   main: both tasks created, main is still running")
    await tea
    await coffee
    print("   took", round(loop.time() - start), "seconds")

asyncio.run(main())
