"""Ending the ``jobnotes`` process without tearing down every object it holds.

A finished build or check still holds a vault's worth of objects; at a normal exit the
interpreter frees them one by one, which costs a 10,000-note vault some 20 ms for
nothing. Once the command is done, its output flushed and the exit handlers run, the
process can end at once, as long as no other thread is still working.
"""

from __future__ import annotations

import atexit
import os
import sys
from collections.abc import Callable
from typing import NoReturn


def run_then_exit(command: Callable[[], object]) -> NoReturn:
    """Run ``command`` (a click command in standalone mode, which ends in SystemExit) and
    end the process with its exit code. Whatever is unusual (another thread alive, an
    exit message instead of a code, output that cannot be flushed) takes the normal
    way out."""
    try:
        command()
    except SystemExit as exc:
        code = exc.code
        if code is None:
            code = 0
        if not isinstance(code, int) or not _alone():
            raise
        run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)
        if run_exit_handlers is None or not _flushed():
            raise
        run_exit_handlers()
        _flushed()                  # what the handlers said, too
        os._exit(code & 0xFF)
    raise SystemExit(0)


def _flushed() -> bool:
    """Flush stdout and stderr; False when one cannot take its output."""
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        return False
    return True


def _alone() -> bool:
    """No thread besides this one (a normal exit would wait for them)."""
    threading = sys.modules.get("threading")
    return threading is None or threading.active_count() == 1
