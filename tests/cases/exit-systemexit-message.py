# SystemExit with a code that is not an int: Python prints it on stderr, status 1.
import asyncio

async def main():
    raise SystemExit("configuration missing")

asyncio.run(main())
