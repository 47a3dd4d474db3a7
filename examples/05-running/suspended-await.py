# await on a future that is not done suspends the task: the task records the future
# in _fut_waiter, adds its own wake-up as the future's done callback, and gives the
# loop control. Setting the result only schedules the wake-up.
import asyncio

async def waiter(gate):
    print("  waiter: about to await the gate")
    value = await gate
    print("  waiter: woke up with", repr(value))
    return value

async def main():
    gate = asyncio.get_running_loop().create_future()
    task = asyncio.create_task(waiter(gate), name="waiter")
    await asyncio.sleep(0)
    print("suspended:", task)
    print("_fut_waiter is gate:", task._fut_waiter is gate)
    print("gate:", gate)
    gate.set_result("open")
    print("result set, wake-up not yet run:", task)
    await task
    print("done:", task)

asyncio.run(main())
