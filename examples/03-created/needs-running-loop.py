# What create_task() needs is a running event loop, not an enclosing coroutine:
# it fails at module level, before asyncio.run(), yet works inside a plain
# function when the running loop is the one calling that function.
import asyncio

async def work(origin):
    print(f"  work: started from {origin}")

def from_callback():
    asyncio.create_task(work("a plain callback"))

async def main():
    asyncio.get_running_loop().call_soon(from_callback)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("main: done")

coro = work("module level")
try:
    asyncio.create_task(coro)
except RuntimeError as e:
    print("outside any loop:", repr(e))
    coro.close()   # it never ran, so Python would warn "never awaited"
asyncio.run(main())
