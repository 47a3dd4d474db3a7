# Calling a coroutine function runs none of its body: it only builds a coroutine
# object. Something has to drive that object; here asyncio.run() does.
import asyncio

async def hello(name):
    print(f"  hello: the body runs now, greeting {name}")
    return f"hi, {name}"

coro = hello("Grace")
print("hello('Grace') was called, but nothing was printed by its body")
print("is it a coroutine?", asyncio.iscoroutine(coro))
result = asyncio.run(coro)
print("asyncio.run() returned", repr(result))
