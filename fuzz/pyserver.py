"""A fork server for the fuzzer: CPython 3.13 on pyvclock's virtual clock, started once.

usage: python3.13 fuzz/pyserver.py    (driven by fuzz/exec.ts over stdin/stdout)

Starting CPython and importing asyncio costs about 0.15 s of CPU, several times what a fuzz
program itself costs. This process pays it once: it imports asyncio with pyvclock's
patches, then for each request forks, and the child runs the program exactly as
`python3.13 fuzz/pyvclock.py PROGRAM.py` would (its own __main__, a fresh Task-N counter, a
fresh virtual clock, normal interpreter shutdown), with standard output and error written to
the files named in the request.

Protocol, one JSON object per line: request {"py": path, "out": path, "err": path,
"timeout": seconds}; reply {"status": N} (N = 124 when the child ran out of time).
"""

import json
import os
import runpy
import signal
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pyvclock  # noqa: E402,F401  (installs the virtual clock)

TIMEOUT_STATUS = 124


def child(req):
    for fd, path in ((1, req["out"]), (2, req["err"])):
        f = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(f, fd)
        os.close(f)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    signal.alarm(int(req.get("timeout", 30)))
    path = req["py"]
    sys.argv = [path]
    sys.path[0] = os.path.dirname(os.path.abspath(path))
    os.chdir(sys.path[0])
    try:
        runpy.run_path(path, run_name="__main__")
        status = 0
    except SystemExit as e:
        # What Python's own exit does with the code (pythonrun.c, _Py_HandleSystemExit):
        # None is 0, an int is the status, anything else is printed with str() and gives 1.
        if e.code is None:
            status = 0
        elif isinstance(e.code, int):
            status = e.code
        else:
            print(e.code, file=sys.stderr)
            status = 1
    except KeyboardInterrupt:
        # CPython prints the traceback, then kills itself with SIGINT (main.c, exit_sigint):
        # the parent sees status 130, as a shell does.
        sys.excepthook(*sys.exc_info())
        sys.stdout.flush()
        sys.stderr.flush()
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGINT)
        status = 130
    except BaseException:
        sys.excepthook(*sys.exc_info())
        status = 1
    # leave through the normal interpreter shutdown, as a script run does
    sys.exit(status)


def main():
    out = sys.stdout
    for line in sys.stdin:
        if not line.strip():
            continue
        req = json.loads(line)
        out.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            child(req)  # never returns
        _, wait_status = os.waitpid(pid, 0)
        if os.WIFSIGNALED(wait_status):
            status = TIMEOUT_STATUS if os.WTERMSIG(wait_status) == signal.SIGALRM else 128 + os.WTERMSIG(wait_status)
        else:
            status = os.WEXITSTATUS(wait_status)
        out.write(json.dumps({"status": status}) + "\n")
        out.flush()


if __name__ == "__main__":
    main()
