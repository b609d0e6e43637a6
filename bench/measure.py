"""Timing and memory of whole processes, for the benchmark scripts.

Each command runs as its own process; wall time is measured around it and the
peak resident memory comes from ``wait4`` (the largest of the process and the
children it waited for). With ``sample=True`` a thread also sums the proportional
set size (PSS) of the whole process tree every few milliseconds, so a build that
fans out to worker processes is charged for all of them, shared pages once.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Run:
    seconds: float
    maxrss_mb: float          # from wait4: the largest single process of the tree
    tree_mb: float = 0.0      # sampled PSS sum of the whole tree (0 when not sampled)
    returncode: int = 0
    output: str = ""          # stdout + stderr tail, kept for error reports

    @property
    def peak_mb(self) -> float:
        return max(self.maxrss_mb, self.tree_mb)


@dataclass
class Series:
    """Repeated runs of one measurement."""

    runs: list[Run] = field(default_factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return bool(self.runs) and self.error is None

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def peak_mb(self) -> float:
        return max(r.peak_mb for r in self.runs)


def fast_tmp() -> Path:
    """A folder on tmpfs when the machine has one, else the normal temporary folder."""
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK):
        return shm
    return Path(tempfile.gettempdir())


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as fh:
            for line in fh:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    try:
        with open(f"/proc/{pid}/statm", "rb") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
    except OSError:
        return 0


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for tid in tasks:
        try:
            with open(f"/proc/{pid}/task/{tid}/children", "rb") as fh:
                found += [int(c) for c in fh.read().split()]
        except OSError:
            continue
    return found


def tree_kb(pid: int) -> int:
    """PSS of ``pid`` and all its descendants, in KB."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        total += _pss_kb(current)
        stack += _children(current)
    return total


class _Sampler(threading.Thread):
    def __init__(self, pid: int, interval: float = 0.02) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_kb = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.peak_kb = max(self.peak_kb, tree_kb(self.pid))
            self.done.wait(self.interval)


def run_once(cmd: Sequence[str], *, env: dict[str, str] | None = None, cwd: Path | None = None,
             sample: bool = False, timeout: float | None = None) -> Run:
    """Run ``cmd`` to completion; stdout and stderr are kept, not shown."""
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        proc = subprocess.Popen(list(cmd), stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, env=env, cwd=cwd)
        sampler = _Sampler(proc.pid) if sample else None
        if sampler:
            sampler.start()
        timer = threading.Timer(timeout, proc.kill) if timeout else None
        if timer:
            timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        if timer:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        if sampler:
            sampler.done.set()
            sampler.join()
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    return Run(seconds=seconds, maxrss_mb=usage.ru_maxrss / 1024,
               tree_mb=(sampler.peak_kb / 1024 if sampler else 0.0),
               returncode=proc.returncode, output=text[-3000:])


def series(cmd: Sequence[str], repeat: int, *, env: dict[str, str] | None = None,
           cwd: Path | None = None, before: Callable[[int], None] | None = None,
           ok_codes: tuple[int, ...] = (0,), slow: float = 60.0,
           timeout: float | None = None) -> Series:
    """``repeat`` runs of ``cmd``; ``before(i)`` prepares run i (untimed).

    A run slower than ``slow`` seconds ends the series early: one long run is
    already a stable figure, and the machine is shared.
    """
    result = Series()
    for i in range(repeat):
        if before is not None:
            before(i)
        run = run_once(cmd, env=env, cwd=cwd, timeout=timeout)
        if run.returncode not in ok_codes:
            result.error = (f"`{' '.join(map(str, cmd))}` exited with {run.returncode}:\n"
                            + run.output.strip()[-1500:])
            return result
        result.runs.append(run)
        if run.seconds > slow:
            break
    return result


# Debian's Chromium, which the browser benchmarks drive through Playwright (never a
# downloaded one), started as the browser tests start it.
CHROMIUM = "/usr/bin/chromium"


def launch_chromium(playwright: Any) -> Any:
    """Headless Chromium from ``playwright`` (a ``sync_playwright()`` context)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
        "--no-sandbox", "--disable-gpu", "--disable-background-networking"])


def jobnotes_command() -> list[str]:
    """The ``jobnotes`` console script next to this Python, else ``python -m jobnotes``."""
    script = Path(sys.executable).parent / "jobnotes"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "jobnotes"]


def compile_bytecode() -> None:
    """Compile the jobnotes that commands run here use (``PYTHONPATH`` included), as
    ``pip install`` does; compileall writes even under PYTHONDONTWRITEBYTECODE."""
    code = ("import compileall, os, jobnotes; "
            "compileall.compile_dir(os.path.dirname(jobnotes.__file__), quiet=1)")
    subprocess.run([sys.executable, "-c", code], check=True)


def first_build(work: Path, vault: Path | None, notes: int, today: str,
                ) -> tuple[Path, dict[str, str], list[str]]:
    """What a script that studies one first build runs: the vault (``vault``, else one of
    ``notes`` notes generated into ``work``), the environment (an empty cache folder in
    ``work``) and the command that builds it into ``work/out``, as a user starts it."""
    from datetime import date

    import genvault

    if vault is None:
        vault = work / "vault"
        genvault.generate(vault, notes, today=date.fromisoformat(today))
    env = dict(os.environ, JOBNOTES_CACHE_DIR=str(work / "cache"))
    build = [sys.executable, "-m", "jobnotes", "build", str(vault), "-o", str(work / "out"),
             "--today", today]
    return vault, env, build


def use_snapshot(dest: Path) -> Path:
    """Run jobnotes from a frozen copy of its source from now on (for child processes).

    A long benchmark then measures one version of the code even while the work tree
    changes. The copy goes first on PYTHONPATH, ahead of an editable install.
    """
    import jobnotes

    package = Path(jobnotes.__file__).resolve().parent
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(package, dest / "jobnotes", ignore=ignore)
    templates = package.parent / "site-templates"
    if templates.is_dir() and not (package / "site-templates").is_dir():
        shutil.copytree(templates, dest / "site-templates", ignore=ignore)
    old = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = str(dest) + (os.pathsep + old if old else "")
    compile_bytecode()
    return dest


def ms(seconds: float) -> str:
    """``123 ms`` below ten seconds, ``12.3 s`` above."""
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def right_aligned(rows: Sequence[Sequence[str]]) -> str:
    """Rows of cells as a text table, right-aligned, a rule under the first (the header)."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "-" * len(lines[0]))
    return "\n".join(lines)
