# TaskGroup: KeyboardInterrupt raised in a child, or SystemExit in the body, is not collected in a group.
# The task re-raises it out of the event loop at once; asyncio.run() then cancels what is left,
# the group's __aexit__ re-raises it as it is, and it escapes run().
import asyncio


async def boom():
    await asyncio.sleep(0.1)
    raise KeyboardInterrupt("ki")


async def other(n):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("other", n, "cancelled")
        raise


async def main():
    tg = asyncio.TaskGroup()
    try:
        async with tg:
            tg.create_task(boom())
            tg.create_task(other(1))
            print(tg)
    except BaseException as e:
        print("main caught", repr(e))
        raise
    finally:
        print("finally", tg)


try:
    asyncio.run(main())
except KeyboardInterrupt as e:
    print("escaped run:", repr(e))


async def main2():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(other(3))
        await asyncio.sleep(0)
        raise SystemExit(2)


try:
    asyncio.run(main2())
except SystemExit as e:
    print("SystemExit escaped run:", repr(e))
