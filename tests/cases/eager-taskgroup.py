# Eager children in a TaskGroup, as CPython 3.13.0 runs them: a child that finishes in its
# eager first step is handed to the group's _on_task_done at once and never counted in
# tasks=; one that fails there cancels the parent (the task running the block) right away, so
# the block goes on until its next await, where CancelledError arrives (3.13.2 changed this,
# gh-128550). The error still comes out in the group's ExceptionGroup.
import asyncio


async def quick(x):
    print("  quick", x, "in", asyncio.current_task().get_name())
    return x


async def slow(x):
    print("  slow", x, "starts")
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("  slow", x, "cancelled")
        raise
    return x


async def broken():
    print("  broken raises at once")
    raise ValueError("eager failure")


async def main():
    me = asyncio.current_task()
    asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory)
    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(quick(1))
        b = tg.create_task(slow(2))
        print(tg, "| a done:", a.done())
    print("first group done:", a.result(), b.result())

    try:
        async with asyncio.TaskGroup() as tg:
            s = tg.create_task(slow(3))
            print("before broken:", tg, "| cancelling() =", me.cancelling())
            tg.create_task(broken())
            print("after broken:", tg, "| cancelling() =", me.cancelling())
            print("the block still runs until it awaits")
            await asyncio.sleep(0)
            print("not reached")
    except* ValueError as eg:
        print("caught", repr(eg), "| cancelling() =", me.cancelling())
    print("slow 3 cancelled:", s.cancelled())


asyncio.run(main())
