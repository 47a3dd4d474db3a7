# Fire-and-forget, done safely: each task goes into a set when it is created, and
# its done callback takes it out again when it finishes.
import asyncio

background = set()

async def notify(user, delay):
    await asyncio.sleep(delay)
    print(f"  notified {user}")

async def main():
    for user, delay in [("ada", 0.2), ("bob", 0.1)]:
        task = asyncio.create_task(notify(user, delay))
        background.add(task)
        task.add_done_callback(background.discard)
    print("main: tasks kept:", len(background))
    await asyncio.sleep(0.15)
    print("main: tasks kept:", len(background))
    await asyncio.sleep(0.1)
    print("main: tasks kept:", len(background))

asyncio.run(main())
