# One task, followed through its life: created and scheduled, running, suspended
# on a future, running again, done with a result.
import asyncio

def show(step, task):
    print(f"{step}: _state={task._state}",
          f"done()={task.done()}", f"cancelled()={task.cancelled()}")
    print("   ", repr(task))

async def work(gate):
    print("3 running: the body starts")
    value = await gate
    print("3 running again: resumed with", value)
    return value * 2

async def main():
    gate = asyncio.get_running_loop().create_future()
    task = asyncio.create_task(work(gate), name="tour")
    show("1-2 created and scheduled", task)
    await asyncio.sleep(0)
    show("3a suspended", task)
    gate.set_result(21)
    await asyncio.sleep(0)
    show("4 done (3b result)", task)
    print("result():", task.result())

asyncio.run(main())
