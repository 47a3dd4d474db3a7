# A task whose TaskGroup failed, never awaited: "Task exception was never retrieved" reports the
# ExceptionGroup with its group traceback; a group set on a Future without being raised has no
# "Exception Group Traceback" header, only its framed members.
import asyncio


async def bad(n):
    await asyncio.sleep(0.1)
    raise ValueError(f"bad {n}")


async def worker():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(bad(1))
        tg.create_task(bad(2))


async def main():
    f = asyncio.get_running_loop().create_future()
    f.set_exception(ExceptionGroup("set, not raised", [KeyError("k"), ExceptionGroup("inner", [TypeError("t")])]))
    print(f)
    f = None
    t = asyncio.create_task(worker(), name="worker")
    await asyncio.sleep(1)
    print(t)
    t = None
    print("main ends")


asyncio.run(main())
