# get_running_loop() is how today's code reaches the loop: it works in coroutines
# and in callbacks that the loop runs, and raises anywhere else instead of guessing.
import asyncio

def callback(loop):
    print("in a callback: the same loop:", asyncio.get_running_loop() is loop)

async def main():
    loop = asyncio.get_running_loop()
    print("in a coroutine: is_running() =", loop.is_running())
    print("get_event_loop() gives the same loop here:", asyncio.get_event_loop() is loop)
    loop.call_soon(callback, loop)
    await asyncio.sleep(0)
    return loop

try:
    asyncio.get_running_loop()
except RuntimeError as e:
    print("before asyncio.run():", repr(e))
loop = asyncio.run(main())
print("after asyncio.run(): is_closed() =", loop.is_closed())
