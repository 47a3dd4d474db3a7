# A done callback is called with the task, only after the task is done, and always
# by the loop on a later turn: never from inside add_done_callback(), not even when
# the task is already done.
import asyncio

def report(task):
    print(f"  report: {task.get_name()} done() = {task.done()},",
          f"result() = {task.result()!r}")

async def work():
    await asyncio.sleep(0)
    print("  work: returning")
    return 99

async def main():
    task = asyncio.create_task(work(), name="work")
    task.add_done_callback(report)
    print(task)
    await asyncio.wait([task])
    print("main: the task is done; adding the callback once more")
    task.add_done_callback(report)
    print("main: add_done_callback() returned, report has not run")
    await asyncio.sleep(0)
    print("main: after one turn of the loop")

asyncio.run(main())
