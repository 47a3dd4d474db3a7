"""Runs one workload module under CPython on a virtual clock and prints its figures as JSON.

usage: python3.13 vclock_runner.py WORKLOAD.py

The clock trick: the loop's selector never blocks; when the loop would wait for a timer, the
virtual time jumps by the timeout instead (as the TypeScript runtime's virtual clock does).
Everything else is CPython's own asyncio.
"""
import asyncio
import asyncio.base_events
import importlib.util
import json
import resource
import selectors
import sys
import time

_now = 100.0


class VirtualSelector(selectors.DefaultSelector):
    def select(self, timeout=None):
        global _now
        if timeout is not None and timeout > 0:
            _now += timeout
        return super().select(0)


class VirtualLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        super().__init__(VirtualSelector())

    def time(self):
        return _now


class Policy(asyncio.DefaultEventLoopPolicy):
    def new_event_loop(self):
        return VirtualLoop()


asyncio.set_event_loop_policy(Policy())
spec = importlib.util.spec_from_file_location("workload", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
t0 = time.perf_counter()
steps = module.workload()
seconds = time.perf_counter() - t0
peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "steps": steps, "peakKB": peak_kb}))
