# The same main runs twice, with the default task factory and then with the eager
# one. main creates the worker's task first, and gives the worker its job second.
import asyncio

jobs = {}

async def worker(name):
    print(f"  {name} found:", jobs.get(name, "nothing"))

async def main(factory):
    asyncio.get_running_loop().set_task_factory(factory)
    task = asyncio.create_task(worker("w"), name="w")
    jobs["w"] = "its job"
    await task

for factory in (None, asyncio.eager_task_factory):
    jobs.clear()
    print("eager factory:", factory is not None)
    asyncio.run(main(factory))
