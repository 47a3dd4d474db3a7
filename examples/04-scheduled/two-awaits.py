# main creates a task, then awaits twice before it reaches asyncio.sleep(0):
# a coroutine that returns at once, and a future that already has its result.
import asyncio

async def worker():
    print("  worker: started")

async def quick():
    return "quick"

async def main():
    task = asyncio.create_task(worker())
    print("main:", await quick())
    ready = asyncio.get_running_loop().create_future()
    ready.set_result("ready")
    print("main:", await ready)
    await asyncio.sleep(0)
    print("main: done() =", task.done())

asyncio.run(main())
