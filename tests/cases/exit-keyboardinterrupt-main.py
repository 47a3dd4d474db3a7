# An uncaught KeyboardInterrupt: a traceback, and CPython ends by SIGINT (a shell says 130).
import asyncio

async def main():
    print("main runs")
    raise KeyboardInterrupt

asyncio.run(main())
