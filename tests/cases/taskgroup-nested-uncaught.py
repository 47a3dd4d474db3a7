# Nested TaskGroups: a child that runs its own group fails with that group's ExceptionGroup,
# which the outer group collects; nobody catches the outer group, so the program ends with
# CPython's group traceback (the | framed, numbered members, nested) and exit status 1.
import asyncio


async def leaf(name, delay):
    await asyncio.sleep(delay)
    if name.startswith("bad"):
        raise ValueError(name)
    print(name, "done")


async def middle():
    async with asyncio.TaskGroup() as inner:
        inner.create_task(leaf("bad-inner-1", 0.1))
        inner.create_task(leaf("bad-inner-2", 0.1))
        inner.create_task(leaf("ok-inner", 0.05))


async def slow():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        print("slow cancelled")
        raise


async def main():
    async with asyncio.TaskGroup() as outer:
        outer.create_task(middle())
        outer.create_task(slow())
        outer.create_task(leaf("bad-outer", 0.3))
        print(outer)
    print("not reached")


asyncio.run(main())
