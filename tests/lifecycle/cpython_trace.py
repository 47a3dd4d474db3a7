"""Record the life-cycle transitions CPython's own asyncio goes through for a program.

    PYENV_VERSION=3.13.0 python3.13 tests/lifecycle/cpython_trace.py PROGRAM.py > transitions.json

Runs PROGRAM.py (a Python twin of an example) with three instruments, so that the life-cycle
view's model, built from our runtime's events, can be compared with what CPython does:

- every Task is asyncio's pure-Python reference Task (`tasks._PyTask`, whose behaviour and
  ordering are those of the C Task) subclassed to observe each `__step`;
- the loop's `call_soon` notices a task's wake-up being queued (Suspended -> Scheduled), at the
  moment the awaited future completes, as Task.__wakeup is queued by Future.__schedule_callbacks;
- the loop runs on a virtual clock (the selector "waits" by advancing it), so sleeps cost no
  real time, and counts its iterations (`_run_once`) as our runtime does: 1 for the first.

A task's first step that throws CancelledError into a coroutine that never started does not
make it Running: its body never runs (the seed's "2a Canceled"). An eager task (the loop's
task factory is asyncio.eager_task_factory) goes Created -> Running inside create_task().

Output: JSON, a list of {"task", "from", "to", "outcome", "iteration"}; the program's own
standard output goes to standard error so that it does not mix with the JSON.
"""

import asyncio
import asyncio.base_events
import asyncio.events
import asyncio.futures
import asyncio.tasks
import inspect
import json
import runpy
import selectors
import sys

TRANSITIONS = []
STATE = {}
# a task's transitions carry its name at that moment: its name when it was created, then the
# one set_name() gave it, as the life-cycle view does (the runtime reports task-created, then
# task-renamed)
NAMES = {}
LOOPS = []


def record(task, to, outcome=None):
    frm = STATE.get(id(task))
    if frm == to and to != "done":
        return
    STATE[id(task)] = to
    loop = task.get_loop()
    TRANSITIONS.append({
        "task": NAMES.setdefault(id(task), task.get_name()),
        "from": frm,
        "to": to,
        "outcome": outcome,
        "iteration": getattr(loop, "_lc_iteration", 0),
    })


class TracedTask(asyncio.tasks._PyTask):
    def __init__(self, *args, **kwargs):
        STATE[id(self)] = "created"
        NAMES.pop(id(self), None)  # the id of a freed task can come back
        # an eager task (eager_start=True, Python 3.12+) runs its first step inside __init__
        super().__init__(*args, **kwargs)
        NAMES.setdefault(id(self), self.get_name())
        if STATE[id(self)] == "created":
            # Task.__init__ queued the first step with call_soon
            record(self, "scheduled")

    def _lc_after_step(self):
        if self.done():
            if self.cancelled():
                outcome = "cancelled"
            elif self._exception is not None:
                outcome = "exception"
            else:
                outcome = "result"
            record(self, "done", outcome)
        elif self._fut_waiter is not None:
            record(self, "suspended")
        else:
            # a bare yield (sleep(0)) or an error thrown back in: the next step is queued
            record(self, "scheduled")

    def _Task__eager_start(self):
        # Created -> Running inside create_task(), never Scheduled first
        record(self, "running")
        try:
            return super()._Task__eager_start()
        finally:
            self._lc_after_step()

    def set_name(self, value):
        super().set_name(value)
        NAMES[id(self)] = self.get_name()

    def _Task__step(self, exc=None):
        coro = self._coro
        never_started = inspect.getcoroutinestate(coro) == inspect.CORO_CREATED if inspect.iscoroutine(coro) else False
        throwing = exc is not None or self._must_cancel
        if not (never_started and throwing):
            record(self, "running")
        try:
            return super()._Task__step(exc)
        finally:
            self._lc_after_step()


class VirtualSelector(selectors.DefaultSelector):
    """Instead of waiting, advance the loop's virtual clock by the timeout."""

    def __init__(self, loop):
        super().__init__()
        self._lc_loop = loop

    def select(self, timeout=None):
        if timeout:
            self._lc_loop._lc_now += timeout
        return super().select(0)


class TracedLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        self._lc_now = 1000.0
        self._lc_iteration = 0
        super().__init__()
        self._selector = VirtualSelector(self)
        LOOPS.append(self)

    def time(self):
        return self._lc_now

    def _run_once(self):
        self._lc_iteration += 1
        return super()._run_once()

    def create_task(self, coro, *, name=None, context=None):
        self._check_closed()
        if self._task_factory is asyncio.eager_task_factory:
            # as CPython 3.13.0's create_task does with a factory: the factory makes the task
            # (eagerly, without its name), then create_task names it
            task = TracedTask(coro, loop=self, context=context, eager_start=True)
            task.set_name(name)
            return task
        if self._task_factory is not None:
            return super().create_task(coro, name=name, context=context)
        task = TracedTask(coro, loop=self, name=name, context=context)
        if task._source_traceback:
            del task._source_traceback[-1]
        return task

    def call_soon(self, callback, *args, context=None):
        owner = getattr(callback, "__self__", None)
        # (the function keeps its unmangled __name__ "__wakeup", so compare the function itself)
        if isinstance(owner, TracedTask) and getattr(callback, "__func__", None) is asyncio.tasks._PyTask._Task__wakeup:
            if STATE.get(id(owner)) == "suspended":
                record(owner, "scheduled")
        return super().call_soon(callback, *args, context=context)


class TracedPolicy(asyncio.DefaultEventLoopPolicy):
    def new_event_loop(self):
        return TracedLoop()


def main():
    path = sys.argv[1]
    asyncio.set_event_loop_policy(TracedPolicy())
    real_stdout = sys.stdout
    sys.stdout = sys.stderr
    status = 0
    try:
        runpy.run_path(path, run_name="__main__")
    except BaseException as e:  # the program's own failure is part of what it does
        status = 1
        print(f"program ended with {type(e).__name__}: {e}", file=sys.stderr)
    finally:
        sys.stdout = real_stdout
    json.dump({"status": status, "transitions": TRANSITIONS}, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
