# A coroutine function passed uncalled: CPython's TypeError, word for word.
import asyncio

async def greet():
    print("hello")

async def main():
    try:
        asyncio.create_task(greet)
    except TypeError as e:
        print("TypeError:", e)
    asyncio.create_task(greet)

asyncio.run(main())
