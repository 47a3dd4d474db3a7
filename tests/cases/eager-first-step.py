# Eager tasks (3.12+): the first step runs inside create_task(), with the new task as
# current_task() and the creator's restored after. A coroutine that never suspends gives a task
# already done when create_task() returns, never scheduled (its coroutine is dropped: get_coro()
# is None); one that suspends runs the rest of its body later, like any task.
import asyncio


def who():
    t = asyncio.current_task()
    return t.get_name() if t else None


async def never_suspends(x):
    print("  never_suspends runs in", who())
    return x * 2


async def suspends(x):
    print("  suspends starts in", who())
    await asyncio.sleep(0.1)
    print("  suspends resumes in", who())
    return x


async def main():
    loop = asyncio.get_running_loop()
    lazy = asyncio.create_task(never_suspends(0), name="lazy")
    print("lazy created:", lazy.done(), "| current:", who())
    loop.set_task_factory(asyncio.eager_task_factory)
    print("factory:", loop.get_task_factory() is asyncio.eager_task_factory)
    print("creating a")
    a = asyncio.create_task(never_suspends(1))
    print("a created:", a.done(), a.result(), "| current:", who(), "| coro:", a.get_coro())
    print(a)
    print("creating b")
    b = asyncio.create_task(suspends(2), name="b")
    print("b created:", b.done(), "| current:", who())
    print(b)
    print("lazy ran?", lazy.done())
    print("results:", await lazy, await b)
    loop.set_task_factory(None)
    print("factory:", loop.get_task_factory())
    c = asyncio.Task(never_suspends(3), loop=loop, eager_start=True)
    print(c, c.done())
    try:
        loop.set_task_factory(42)
    except TypeError as e:
        print("TypeError:", e)


asyncio.run(main())
