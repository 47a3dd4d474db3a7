# 100,000 tasks each doing 10 sleep(0), each awaited in turn.
import asyncio

N = 100_000
K = 10

async def worker():
    for _ in range(K):
        await asyncio.sleep(0)

async def main():
    tasks = [asyncio.create_task(worker()) for _ in range(N)]
    for t in tasks:
        await t

def workload():
    asyncio.run(main())
    # Task steps: each worker runs K + 1 steps (main's few are not counted).
    return N * (K + 1)
