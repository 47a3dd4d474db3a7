# A chain of DEPTH nested awaits (BENCH_DEPTH, default 500); the innermost coroutine does
# 20,000 sleep(0) at its end.
import asyncio
import os
import sys

DEPTH = int(os.environ.get("BENCH_DEPTH", "500"))
K = 20_000
sys.setrecursionlimit(10_000)

async def innermost():
    for _ in range(K):
        await asyncio.sleep(0)
    return 0

async def nested(n):
    if n == 0:
        return await innermost()
    return await nested(n - 1) + 1

async def main():
    return await nested(DEPTH)

def workload():
    asyncio.run(main())
    return K + 1
