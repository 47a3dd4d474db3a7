# Task names under task factories in CPython 3.13.0: loop.create_task() calls the factory
# without the name, so an eager first step runs as Task-N, then calls task.set_name(name) even
# when name is None: the task ends up named 'None' (later 3.13 releases pass name= on).
# create_eager_task_factory() takes a Task subclass; asyncio.run()'s shutdown tasks go through
# the factory too (the loop is not running then, so they are scheduled, not eager).
import asyncio


class LoudTask(asyncio.Task):
    pass


async def step(label):
    print("  step", label, "runs as", asyncio.current_task().get_name())
    return label


def logging_factory(loop, coro, **kwargs):
    task = asyncio.Task(coro, loop=loop, eager_start=True, **kwargs)
    print("  factory made", task.get_name(), "| loop running:", loop.is_running(), "| done:", task.done())
    return task


async def main():
    loop = asyncio.get_running_loop()
    loop.set_task_factory(asyncio.create_eager_task_factory(LoudTask))
    t1 = asyncio.create_task(step("one"))
    t2 = asyncio.create_task(step("two"), name="custom")
    t3 = asyncio.ensure_future(step("three"))
    print(t1, t2, t3, sep="\n")
    results = await asyncio.gather(step("g1"), step("g2"))
    print("gather:", results)
    t4 = asyncio.Task(step("four"), loop=loop, eager_start=True)
    print(t4.get_name())
    loop.set_task_factory(logging_factory)
    t5 = asyncio.create_task(step("five"))
    print(t5.get_name())
    print("main returns")


asyncio.run(main())
print("after run")
