# Timers given the very same deadline by call_at() run in the order CPython's timer heap pops
# them (heapq compares deadlines only), not in the order they were scheduled; cancelled timers
# are dropped from the heap's head, or the heap is rebuilt without them (heapify) once more
# than half of more than 100 timers are cancelled, which changes that order again.
import asyncio

order = []


async def main():
    loop = asyncio.get_running_loop()
    t = loop.time() + 1
    for i in range(6):
        loop.call_at(t, order.append, i)
    await asyncio.sleep(2)
    print("with main's sleep in the heap:", order)

    order.clear()
    t = loop.time() + 1
    handles = [loop.call_at(t, order.append, i) for i in range(8)]
    handles[0].cancel()
    handles[3].cancel()
    await asyncio.sleep(2)
    print("two cancelled:", order)

    order.clear()
    t = loop.time() + 1
    handles = [loop.call_at(t, order.append, i) for i in range(120)]
    for h in handles[::2]:
        h.cancel()
    for h in handles[1:70:4]:
        h.cancel()
    await asyncio.sleep(0)
    await asyncio.sleep(2)
    print("rebuilt heap:", order)

    order.clear()
    t = loop.time() + 1
    for i in range(3):
        loop.call_later(1, order.append, f"later{i}")
        loop.call_at(t, order.append, f"at{i}")
    await asyncio.sleep(2)
    print("call_later among them:", order)


asyncio.run(main())
