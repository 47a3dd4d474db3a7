# get_event_loop() with no loop: the warning names the line of the reader's code that called
# it, here inside a function; after asyncio.run() has set the loop back to None, it raises.
import asyncio

def setup():
    return asyncio.get_event_loop()

loop = setup()
print(type(loop).__name__, loop.is_closed())
loop.close()

async def main():
    print("main")

asyncio.run(main())
try:
    asyncio.get_event_loop()
except RuntimeError as e:
    print("RuntimeError:", e)
