# Three tasks run the same coroutine function; only the second is given a name.
import asyncio

async def download(filename):
    await asyncio.sleep(0)
    return filename

async def main():
    a = asyncio.create_task(download("a.txt"))
    b = asyncio.create_task(download("b.txt"), name="fetch-b")
    c = asyncio.create_task(download("c.txt"))
    print([t.get_name() for t in (a, b, c)])
    c.set_name("fetch-c")
    print([t.get_name() for t in (a, b, c)], "| main:", asyncio.current_task().get_name())
    await asyncio.gather(a, b, c)

asyncio.run(main())
