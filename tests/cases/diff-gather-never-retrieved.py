# A failed gather() that nobody awaits: the report of its lost exception starts with the
# object's class name, _GatheringFuture (CPython's self.__class__.__name__), like Task's and Future's.
import asyncio


async def bad(what):
    await asyncio.sleep(0.1)
    raise ValueError(what)


async def main():
    g = asyncio.gather(bad("in gather"))
    await asyncio.sleep(0.5)
    print("gather done:", g.done(), "| child exception retrieved by gather itself")
    g = None
    t = asyncio.create_task(bad("in task"))
    await asyncio.sleep(0.5)
    print("task done:", t.done())
    t = None
    f = asyncio.get_running_loop().create_future()
    f.set_exception(ValueError("in future"))
    f = None
    await asyncio.sleep(0)
    print("main ends")


asyncio.run(main())
