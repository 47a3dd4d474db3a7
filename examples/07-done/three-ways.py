# Three ways to be done: a result, an exception, or cancellation. done() is True for
# all three; the repr and cancelled() say which one it was.
import asyncio

async def succeed():
    return "a result"

async def fail():
    raise ValueError("a failure")

async def linger():
    await asyncio.sleep(3600)

async def main():
    ok = asyncio.create_task(succeed(), name="ok")
    bad = asyncio.create_task(fail(), name="bad")
    gone = asyncio.create_task(linger(), name="gone")
    await asyncio.sleep(0)
    gone.cancel()
    await asyncio.wait([ok, bad, gone])
    for t in (ok, bad, gone):
        print(t)
        print("    done() =", t.done(), "| cancelled() =", t.cancelled())
    print("bad.exception() ->", repr(bad.exception()))

asyncio.run(main())
