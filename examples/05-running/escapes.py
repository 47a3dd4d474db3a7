# Four runs of asyncio.run(). In the first three, main starts a task that raises
# and then sleeps; in the last one, main raises the exception itself.
import asyncio

async def fails(exc):
    raise exc

async def main(exc, in_main):
    if in_main:
        raise exc
    task = asyncio.create_task(fails(exc))
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("  main: cancelled while asyncio.run() cleans up")
        raise
    print("  main: carried on; the task holds", repr(task.exception()))

for exc, in_main in [(ValueError("bad"), False), (SystemExit(3), False),
                     (KeyboardInterrupt(), False), (ValueError("bad"), True)]:
    try:
        asyncio.run(main(exc, in_main))
        print("asyncio.run() returned")
    except BaseException as e:
        print("asyncio.run() raised", repr(e))
