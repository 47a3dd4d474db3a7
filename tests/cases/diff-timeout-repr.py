# The repr of asyncio.timeout(): the state in brackets, and while it is active `when=` after
# them, rounded to 3 digits as round(when, 3) does (a tie to the even digit).
import asyncio


async def main():
    cm = asyncio.timeout(None)
    print(repr(cm))
    async with cm:
        print(repr(cm))
        cm.reschedule(None)
        print(repr(cm))
    print(repr(cm))
    for when in [5, 2.5, 1.0625, 0.0625, 2.0014999, 1000.123456]:
        async with asyncio.timeout_at(when) as cm:
            print(when, "->", repr(cm))
    cm = asyncio.timeout(0)
    try:
        async with cm:
            await asyncio.sleep(1)
    except TimeoutError:
        print(repr(cm), cm.expired())


asyncio.run(main())
