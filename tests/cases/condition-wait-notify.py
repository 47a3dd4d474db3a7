# Condition: wait() releases the lock until notify(); wait_for() re-checks a predicate with
# Python's truth rules; notify(n) and notify_all() wake waiters in order; each woken task
# takes the lock again before wait() returns.
import asyncio


async def consumer(cond, items, name):
    async with cond:
        print(name, "waits, lock held:", cond.locked())
        got = await cond.wait_for(lambda: items)
        print(name, "got", list(got), "lock held:", cond.locked())
        items.pop(0)


async def waiter(cond, name):
    async with cond:
        print(name, "waiting")
        result = await cond.wait()
        print(name, "woken:", result)


async def main():
    cond = asyncio.Condition()
    print(repr(cond))
    items = []
    tasks = [asyncio.create_task(consumer(cond, items, f"c{i}")) for i in range(2)]
    tasks += [asyncio.create_task(waiter(cond, f"w{i}")) for i in range(3)]
    await asyncio.sleep(0)
    print(repr(cond), "locked:", cond.locked())
    async with cond:
        print("repr:", "[" + repr(cond).split("[")[1])
        cond.notify(2)
        print("notified 2, lock still held:", cond.locked())
    await asyncio.sleep(0)
    async with cond:
        items.append("a")
        cond.notify_all()
    await asyncio.sleep(0)
    async with cond:
        items.append("b")
        cond.notify_all()
    await asyncio.gather(*tasks)
    print("left:", items, repr(cond))
    try:
        cond.notify()
    except RuntimeError as e:
        print("notify without the lock:", repr(e))
    try:
        await cond.wait()
    except RuntimeError as e:
        print("wait without the lock:", repr(e))
    lock = asyncio.Lock()
    shared = asyncio.Condition(lock)
    async with lock:
        print("shared lock seen by the condition:", shared.locked())


asyncio.run(main())
