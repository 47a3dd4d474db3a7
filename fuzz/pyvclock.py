"""Run an asyncio program under CPython on a virtual clock.

usage: python3.13 fuzz/pyvclock.py PROGRAM.py

The fuzzer's reference is CPython 3.13 itself, with one change: time. On the wall clock a
program whose timers fall due at the same nominal moment (sleep(0.25) twice, or a sleep(0.5)
against two sleep(0.25) in a row) is ordered by microseconds of real scheduling latency,
and every sleep costs real time. Here, as in our runtime's virtual clock
(runtime-api.md section 5):

* loop.time() only moves when the loop has nothing ready: it then jumps to the earliest
  pending timer, so the loop never blocks and sleep(3600) costs nothing;
* timers due at the same moment run in the order they were scheduled (CPython's heap of
  TimerHandles compares `when` only, so equal deadlines would otherwise pop in heap order);
* a loop with nothing ready and no timer pending, where CPython would wait forever, is a
  deadlock: reported on stderr, exit status 86 (the fuzzer drops such programs).

Everything else (Task, Future, the ready queue, gather/wait/wait_for/shield, reprs, logging)
is CPython's own code, untouched.
"""

import asyncio
import asyncio.base_events
import asyncio.events
import itertools
import os
import runpy
import sys

DEADLOCK_STATUS = 86
# A program that pushes virtual time this far has a runaway loop of timers.
VIRTUAL_TIME_LIMIT = 10_000_000.0

_start = 1000.0  # an integer start keeps sums of dyadic delays (k/8 s) exact
_now = _start
_seq = itertools.count()


def _time(self):
    return _now


_base_timer = asyncio.events.TimerHandle


class TimerHandle(_base_timer):  # same class name, so reprs read "<TimerHandle ...>"
    """A TimerHandle that breaks ties between equal deadlines by scheduling order."""

    __slots__ = ("_fuzz_seq",)

    def __init__(self, when, callback, args, loop, context=None):
        super().__init__(when, callback, args, loop, context)
        self._fuzz_seq = next(_seq)

    def _key(self):
        return (self._when, self._fuzz_seq)

    def __lt__(self, other):
        if isinstance(other, TimerHandle):
            return self._key() < other._key()
        return NotImplemented

    def __le__(self, other):
        if isinstance(other, TimerHandle):
            return self._key() <= other._key()
        return NotImplemented

    def __gt__(self, other):
        if isinstance(other, TimerHandle):
            return self._key() > other._key()
        return NotImplemented

    def __ge__(self, other):
        if isinstance(other, TimerHandle):
            return self._key() >= other._key()
        return NotImplemented

    __hash__ = _base_timer.__hash__


_orig_run_once = asyncio.base_events.BaseEventLoop._run_once


def _run_once(self):
    global _now
    if not self._ready and not self._stopping:
        live = [h._when for h in self._scheduled if not h._cancelled]
        if not live:
            sys.stdout.flush()
            sys.stderr.write("pyvclock: deadlock: nothing ready and no timer pending\n")
            sys.stderr.flush()
            os._exit(DEADLOCK_STATUS)
        _now = max(_now, min(live))
        if _now - _start > VIRTUAL_TIME_LIMIT:
            sys.stdout.flush()
            sys.stderr.write("pyvclock: virtual time limit exceeded\n")
            sys.stderr.flush()
            os._exit(DEADLOCK_STATUS)
    _orig_run_once(self)


asyncio.base_events.BaseEventLoop.time = _time
asyncio.base_events.BaseEventLoop._run_once = _run_once
# base_events.call_at builds `events.TimerHandle(...)` through the module attribute.
asyncio.events.TimerHandle = TimerHandle

if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.stderr.write(__doc__)
        sys.exit(2)
    path = sys.argv[1]
    sys.argv = [path]
    sys.path[0] = os.path.dirname(os.path.abspath(path))
    runpy.run_path(path, run_name="__main__")
