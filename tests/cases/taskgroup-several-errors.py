# TaskGroup: children that fail in the same iteration, and an error in the body itself, all end
# up in one ExceptionGroup; several except* clauses each take their part, the rest goes on.
import asyncio


async def fail(exc, delay=None):
    if delay is not None:
        await asyncio.sleep(delay)
    raise exc


async def main():
    try:
        try:
            async with asyncio.TaskGroup() as tg:
                tg.create_task(fail(ValueError("v1")))
                tg.create_task(fail(TypeError("t1")))
                tg.create_task(fail(KeyError("k1")))
                await asyncio.sleep(0)
                raise ValueError("from the body")
        except* ValueError as eg:
            print("ValueErrors:", repr(eg))
        except* TypeError as eg:
            print("TypeErrors:", repr(eg))
    except ExceptionGroup as rest:
        print("left over:", repr(rest), "|", rest)

    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail(ValueError("a")))
            tg.create_task(fail(ValueError("b")))
            tg.create_task(fail(ValueError("late"), 0.2))
    except* ValueError as eg:
        print("two at once:", repr(eg))
        print([str(e) for e in eg.exceptions])


asyncio.run(main())
