# (c) a chain of 1,000 nested awaits; the innermost coroutine yields to the loop 1,000 times.
import asyncio
import sys

DEPTH = 1000
K = 1000
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
