# Module-level ensure_future() with no loop running and none set: a DeprecationWarning, and a
# pending task on a new loop, which get_event_loop() then returns (no second warning).
import asyncio

async def greet():
    print("hello")

task = asyncio.ensure_future(greet())
print(task)
loop = asyncio.get_event_loop()
print(loop is task.get_loop(), loop.is_running())
loop.run_until_complete(task)
print(task)
