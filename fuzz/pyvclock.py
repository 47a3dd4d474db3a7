"""Run an asyncio program under CPython on a virtual clock.

usage: python3.13 fuzz/pyvclock.py PROGRAM.py

The fuzzer's reference is CPython 3.13 itself, with one change: time. On the wall clock a
program whose timers fall due at the same nominal moment (sleep(0.25) twice, or a sleep(0.5)
against two sleep(0.25) in a row) is ordered by microseconds of real scheduling latency,
and every sleep costs real time. Here, as in our runtime's virtual clock
(runtime-api.md section 5):

* loop.time() only moves when the loop has nothing ready: it then jumps to the earliest
  pending timer, so the loop never blocks and sleep(3600) costs nothing;
* timers due at the same moment whose deadlines the loop computed from its clock
  (call_later, sleep, asyncio.timeout, wait_for) run in the order they were scheduled, as on
  CPython's moving clock; deadlines given by the program (call_at) keep CPython's heap order
  among equals, and go among the loop's where their loop.time() read went (runtime-api.md
  section 5);
* a loop with nothing ready and no timer pending, where CPython would wait forever, is a
  deadlock: reported on stderr, exit status 86 (the fuzzer drops such programs).

Everything else (Task, Future, the ready queue, gather/wait/wait_for/shield, reprs, logging)
is CPython's own code, untouched.
"""

import asyncio
import asyncio.base_events
import asyncio.events
import asyncio.timeouts
import itertools
import os
import runpy
import sys

DEADLOCK_STATUS = 86
# A program that pushes virtual time this far has a runaway loop of timers.
VIRTUAL_TIME_LIMIT = 10_000_000.0

_start = 1000.0  # an integer start keeps sums of dyadic delays (k/8 s) exact
_now = _start
# Every read of the clock has a number, in order. A deadline computed from the clock by the
# loop (call_later, asyncio.timeout) keeps the number of its read; one the program gives to
# call_at keeps the number of the program's last loop.time() read. On CPython's moving clock
# that is the order of the deadlines themselves.
_reads = itertools.count(1)
_last_program_read = 0
_pending_clock_read = None
_ASYNCIO_DIR = os.path.dirname(asyncio.__file__)


def _time(self):
    global _last_program_read
    # a read by the program (not by asyncio's own code, nor by this file)
    caller = sys._getframe(1).f_code.co_filename
    if not caller.startswith(_ASYNCIO_DIR) and caller != __file__:
        _last_program_read = next(_reads)
    return _now


_base_timer = asyncio.events.TimerHandle


class TimerHandle(_base_timer):  # same class name, so reprs read "<TimerHandle ...>"
    """A TimerHandle ordered as the runtime's virtual clock orders it (runtime-api.md section 5)."""

    __slots__ = ("_fuzz_clock", "_fuzz_read")

    def __init__(self, when, callback, args, loop, context=None):
        global _pending_clock_read
        super().__init__(when, callback, args, loop, context)
        self._fuzz_clock = _pending_clock_read is not None
        self._fuzz_read = _pending_clock_read if self._fuzz_clock else _last_program_read
        _pending_clock_read = None

    def __lt__(self, other):
        if not isinstance(other, TimerHandle):
            return NotImplemented
        if self._when != other._when:
            return self._when < other._when
        # the very same deadline given twice by the program: equal, heapq's order decides
        if not self._fuzz_clock and not other._fuzz_clock:
            return False
        return self._fuzz_read < other._fuzz_read

    def __gt__(self, other):
        if not isinstance(other, TimerHandle):
            return NotImplemented
        return other.__lt__(self)

    def __le__(self, other):
        if not isinstance(other, TimerHandle):
            return NotImplemented
        return not other.__lt__(self)

    def __ge__(self, other):
        if not isinstance(other, TimerHandle):
            return NotImplemented
        return not self.__lt__(other)

    __hash__ = _base_timer.__hash__


_orig_call_later = asyncio.base_events.BaseEventLoop.call_later


def _call_later(self, delay, callback, *args, context=None):
    global _pending_clock_read
    _pending_clock_read = next(_reads)
    try:
        return _orig_call_later(self, delay, callback, *args, context=context)
    finally:
        _pending_clock_read = None


_orig_timeout = asyncio.timeouts.timeout
_orig_reschedule = asyncio.timeouts.Timeout.reschedule
_timeout_reads = {}  # id(Timeout) -> (its deadline, the read it came from)


def _timeout(delay):
    t = _orig_timeout(delay)
    if delay is not None:
        _timeout_reads[id(t)] = (t.when(), next(_reads))
    return t


def _reschedule(self, when):
    global _pending_clock_read
    first = _timeout_reads.pop(id(self), None)
    if first is not None and first[0] == when:
        _pending_clock_read = first[1]
    try:
        return _orig_reschedule(self, when)
    finally:
        _pending_clock_read = None


asyncio.base_events.BaseEventLoop.call_later = _call_later
asyncio.timeouts.timeout = _timeout
asyncio.timeout = _timeout
asyncio.timeouts.Timeout.reschedule = _reschedule

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
