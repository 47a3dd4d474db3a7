# A callback that raises: the loop logs "Exception in callback" with a traceback that starts in
# asyncio's Handle._run (events.py) and goes into the callback; the program goes on.
import asyncio


def broken(n):
    raise RuntimeError(f"callback {n} failed")


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(broken, 1)
    loop.call_soon(broken, 2)
    await asyncio.sleep(0.2)
    print("main goes on")


asyncio.run(main())
