# An uncaught SystemExit(3) out of asyncio.run(): no traceback, exit status 3.
import asyncio

async def main():
    print("main runs")
    raise SystemExit(3)

asyncio.run(main())
print("never printed")
