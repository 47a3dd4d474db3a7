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

for i, (exc, in_main) in enumerate([(ValueError("bad"), False), (SystemExit(3), False),
                                    (KeyboardInterrupt(), False), (ValueError("bad"), True)]):
    print(f"run {i + 1}:", "main raises" if in_main else "a task raises", repr(exc))
    try:
        asyncio.run(main(exc, in_main))
        print("asyncio.run() returned")
    except BaseException as e:
        print("asyncio.run() raised", repr(e))
