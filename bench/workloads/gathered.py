# 100,000 tasks each doing 10 sleep(0), gathered.
import asyncio

N = 100_000
K = 10

async def worker():
    for _ in range(K):
        await asyncio.sleep(0)

async def main():
    tasks = [asyncio.create_task(worker()) for _ in range(N)]
    await asyncio.gather(*tasks)

def workload():
    asyncio.run(main())
    return N * (K + 1) + 2
