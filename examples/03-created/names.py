# Every task has a name. Without one it gets "Task-N" from a single counter for the
# whole program (asyncio.run()'s main task is Task-1); a name tells apart tasks that
# run the same coroutine function, and set_name() can change it later.
import asyncio

async def download(filename):
    await asyncio.sleep(0)
    return filename

async def main():
    print("main runs in", asyncio.current_task().get_name())
    a = asyncio.create_task(download("a.txt"))
    b = asyncio.create_task(download("b.txt"), name="fetch-b")
    c = asyncio.create_task(download("c.txt"))
    print([t.get_name() for t in (a, b, c)])
    c.set_name("fetch-c")
    print("after set_name():", c)
    print(await asyncio.gather(a, b, c))

asyncio.run(main())
