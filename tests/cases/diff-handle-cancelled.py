# A cancelled handle forgets its callback, as CPython's Handle.cancel() drops it: the repr is
# <Handle cancelled>, a TimerHandle keeps its deadline; cancelling twice, or after the
# callback ran, changes nothing.
import asyncio


def ring(name):
    print("ring", name)


async def main():
    loop = asyncio.get_running_loop()
    h = loop.call_soon(ring, "soon")
    print(h)
    h.cancel()
    print(h, h.cancelled())
    h.cancel()
    t = loop.call_later(5, ring, "later")
    t.cancel()
    print(str(t).replace(f"when={t.when()}", "when=T"), t.cancelled())
    done = loop.call_soon(ring, "done")
    await asyncio.sleep(0)
    done.cancel()
    print(done, done.cancelled())
    await asyncio.sleep(0)


asyncio.run(main())
