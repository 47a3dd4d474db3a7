# One task in each situation, and what done(), cancelled(), result() and
# exception() say about it. The table on the takeaways page is this output.
import asyncio

METHODS = [("done()", lambda t: t.done()),
           ("cancelled()", lambda t: t.cancelled()),
           ("result()", lambda t: t.result()),
           ("exception()", lambda t: t.exception())]

def row(situation, task):
    cells = [situation]
    for name, method in METHODS:
        try:
            cells.append(repr(method(task)))
        except BaseException as e:
            cells.append(f"raises {type(e).__name__}")
    print(" | ".join(cells))

async def nap():
    await asyncio.sleep(3600)

async def answer():
    return 42

async def broken():
    raise ValueError("bad")

async def running():
    row("running (asks itself)", asyncio.current_task())

async def main():
    print(" | ".join(["task"] + [name for name, _ in METHODS]))
    suspended = asyncio.create_task(nap())
    done_ok = asyncio.create_task(answer())
    failed = asyncio.create_task(broken())
    cancelled = asyncio.create_task(nap())
    await asyncio.sleep(0)
    cancelled.cancel()
    scheduled = asyncio.create_task(running())
    row("scheduled", scheduled)
    await asyncio.sleep(0)
    row("suspended", suspended)
    row("done: result", done_ok)
    row("done: exception", failed)
    row("done: cancelled", cancelled)
    suspended.cancel()

asyncio.run(main())
