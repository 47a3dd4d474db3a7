# 10,000 tasks sleeping random virtual durations (10 sleeps each, a fixed pseudo-random sequence).
import asyncio

N = 10_000
K = 10
seed = 12345

def random():
    # The same linear congruential generator as the TypeScript twin.
    global seed
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed / 2147483648

async def sleeper(delays):
    for d in delays:
        await asyncio.sleep(d)

async def main():
    tasks = []
    for _ in range(N):
        delays = [int(random() * 1000) / 1000 + 0.001 for _ in range(K)]
        tasks.append(asyncio.create_task(sleeper(delays)))
    await asyncio.gather(*tasks)

def workload():
    asyncio.run(main())
    return N * (K + 1) + 2
