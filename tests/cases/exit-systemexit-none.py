# SystemExit without a code: status 0, nothing printed; nor is the line after asyncio.run().
import asyncio

async def main():
    print("stopping")
    raise SystemExit()

asyncio.run(main())
print("never printed")
