# create_task() called twice: once at module level, before asyncio.run(), and once
# from a plain function that the running loop calls as a callback.
import asyncio

started = []

async def work(origin):
    print(f"  work: started from {origin}")

def from_callback():
    started.append(asyncio.create_task(work("a plain callback")))

async def main():
    asyncio.get_running_loop().call_soon(from_callback)
    await asyncio.sleep(0)
    await started[0]
    print("main: done")

coro = work("module level")
try:
    asyncio.create_task(coro)
except RuntimeError as e:
    print("outside any loop:", repr(e))
    coro.close()   # it never ran, so Python would warn "never awaited"
asyncio.run(main())
