# A TaskGroup child that times out: its TimeoutError (raised from the CancelledError that
# asyncio.timeout() turned into it) is printed inside the group's frame with its cause.
import asyncio


async def slow_call():
    async with asyncio.timeout(0.1):
        await asyncio.sleep(5)


async def main():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(slow_call())


asyncio.run(main())
