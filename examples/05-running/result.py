# A task that finishes normally has a result: what its coroutine returned, or None
# when it just ran off its end. result() gives it, but only once the task is done.
import asyncio

async def add(a, b):
    await asyncio.sleep(0)
    return a + b

async def shout(text):
    print(f"  {text.upper()}!")

async def main():
    total = asyncio.create_task(add(2, 3))
    quiet = asyncio.create_task(shout("hello"))
    try:
        total.result()
    except asyncio.InvalidStateError as e:
        print("too early:", repr(e))
    await asyncio.wait([total, quiet])
    print("add() result():", total.result())
    print("shout() result():", quiet.result())
    print(total)
    print(quiet)

asyncio.run(main())
