# asyncio.sleep("soon") fails when awaited, as CPython's coroutine compares `delay <= 0`: a
# TypeError whose traceback ends in asyncio's own sleep() (tasks.py). Never a hang.
import asyncio


async def main():
    pending = asyncio.sleep("later")
    print("calling sleep() raised nothing yet:", asyncio.iscoroutine(pending))
    pending.close()
    try:
        await asyncio.sleep(float("nan"))
    except ValueError as e:
        print("nan:", repr(e))
    print("sleeping", repr("soon"))
    await asyncio.sleep("soon")


asyncio.run(main())
