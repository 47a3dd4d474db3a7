# The three factories called at module level, where no loop is running: a new
# loop is made and set as the current one, but not started until the end.
import asyncio

async def work(label):
    print(f"  {label}: runs")

loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
print("is the loop running?", loop.is_running())

coro = work("asyncio.create_task")
try:
    asyncio.create_task(coro)
except RuntimeError as e:
    print("asyncio.create_task():", repr(e))
    coro.close()

by_loop = loop.create_task(work("loop.create_task"))
print("loop.create_task():", by_loop)
by_ensure = asyncio.ensure_future(work("ensure_future"))
print("ensure_future():", by_ensure)
print("on this loop:", by_ensure.get_loop() is loop)

print("run_until_complete ->", loop.run_until_complete(asyncio.gather(by_loop, by_ensure)))
asyncio.set_event_loop(None)
loop.close()

coro = work("a closed loop")
try:
    loop.create_task(coro)
except RuntimeError as e:
    print("after close():", repr(e))
    coro.close()

coro = work("no current loop")
try:
    asyncio.ensure_future(coro)
except RuntimeError as e:
    print("ensure_future(), no loop set:", repr(e))
    coro.close()
