# wait_for() and timeout() raise TimeoutError from the CancelledError they caught: the cause's
# traceback runs from where it was caught down to where the task was suspended, the
# TimeoutError's from <module> to asyncio's __aexit__ (timeouts.py).
import asyncio


async def slow():
    await asyncio.sleep(10)


async def guarded():
    async with asyncio.timeout(0.5):
        await slow()


async def main():
    try:
        await guarded()
    except TimeoutError:
        print("guarded timed out")
    await asyncio.wait_for(slow(), 1)


asyncio.run(main())
