# A done task never runs again. Awaiting it once more hands back the stored result,
# cancel() refuses, set_result() is not allowed, and its coroutine is spent: a new
# task around it fails.
import asyncio

async def once():
    print("  once: the body runs")
    return "only once"

async def main():
    task = asyncio.create_task(once())
    print("first await ->", repr(await task))
    print("second await ->", repr(await task))
    print("cancel() ->", task.cancel())
    try:
        task.set_result("again")
    except RuntimeError as e:
        print("set_result() ->", repr(e))
    again = asyncio.create_task(task.get_coro())
    print(again)
    try:
        await again
    except RuntimeError as e:
        print("await the new task ->", repr(e))

asyncio.run(main())
