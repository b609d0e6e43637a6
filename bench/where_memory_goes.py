"""Where a first `jobnotes build` holds its memory, in every process.

    python bench/where_memory_goes.py                 # 10,000 notes
    python bench/where_memory_goes.py --notes 1000 --top 25
    python bench/where_memory_goes.py --vault PATH    # a vault of your own

Two runs of the same first build (empty cache):

1. As a user starts it, every process's memory read from /proc every 20 ms. Printed:
   the peak of the whole tree (PSS: a page two processes share counts half in each,
   what bench/run.py reports), the main process's memory when it forks the process
   that shares the pages with it, and how much of that memory the two still share when
   the pages are done. A page of memory either process writes to after the fork, even
   only to change an object's reference count, exists twice from then on.
2. In one process (nothing forked) under tracemalloc: the Python objects alive when
   the page process would be forked (everything read, checked and aggregated), by the
   file whose code made them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import sysconfig
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import _children, compile_bytecode, fast_tmp, first_build  # noqa: E402

TODAY = "2026-11-27"
MB = 1024           # smaps figures are in kB


def rollup(pid: int) -> dict[str, int]:
    """/proc/PID/smaps_rollup as {field: kB}; empty once the process is gone."""
    found: dict[str, int] = {}
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as fh:
            for line in fh:
                parts = line.split()
                if len(parts) == 3 and parts[2] == "kB":
                    found[parts[0].rstrip(":")] = int(parts[1])
    except OSError:
        pass
    return found


@dataclass
class Timeline:
    """Samples of every process of the build: time -> {pid: smaps_rollup}."""

    samples: list[tuple[float, dict[int, dict[str, int]]]] = field(default_factory=list)

    def add(self, when: float, root: int) -> None:
        pids, i = [root], 0
        while i < len(pids):
            pids += _children(pids[i])
            i += 1
        self.samples.append((when, {pid: r for pid in pids if (r := rollup(pid))}))

    def peak(self) -> tuple[float, int]:
        """(when, kB) of the largest PSS of the whole tree."""
        return max(((t, sum(r.get("Pss", 0) for r in procs.values()))
                    for t, procs in self.samples), key=lambda pair: pair[1])

    def page_process(self, root: int) -> int | None:
        """The child seen in the most samples: the one that builds pages (the others
        read notes or list folders for a moment)."""
        seen: dict[int, int] = {}
        for _, procs in self.samples:
            for pid in procs:
                if pid != root:
                    seen[pid] = seen.get(pid, 0) + 1
        return max(seen, key=seen.__getitem__) if seen else None


def sample_build(build: list[str], env: dict[str, str]) -> tuple[Timeline, int, float]:
    timeline = Timeline()
    started = time.perf_counter()
    proc = subprocess.Popen(build, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    while proc.poll() is None:
        timeline.add(time.perf_counter() - started, proc.pid)
        time.sleep(0.02)
    return timeline, proc.pid, time.perf_counter() - started


def whole_build_report(timeline: Timeline, root: int, seconds: float) -> str:
    when, peak = timeline.peak()
    lines = [f"whole build: {seconds:.1f} s; peak of every process together (PSS) "
             f"{peak / MB:.0f} MB at {when:.1f} s"]
    child = timeline.page_process(root)
    if child is None:
        return "\n".join([*lines, "one process: no page process was forked"])
    both = [(t, procs) for t, procs in timeline.samples if root in procs and child in procs]
    before = [procs[root] for t, procs in timeline.samples
              if t < both[0][0] and root in procs and child not in procs]
    # The largest of the last samples: one taken while the fork is under way already
    # finds the pages shared, though the new process is not listed yet.
    held = max((r.get("Private_Dirty", 0) for r in before[-10:]), default=0)
    end_t, end = both[-1]
    shared = end[root].get("Shared_Dirty", 0)
    lines += [
        f"main process when the page process is forked: {held / MB:.0f} MB of its own "
        f"(at {both[0][0]:.1f} s)",
        f"when the pages are done ({end_t:.1f} s): {shared / MB:.0f} MB of it still shared; "
        f"{max(0, held - shared) / MB:.0f} MB were written to by one process or the other "
        "and are held twice",
        f"  main process {end[root].get('Private_Dirty', 0) / MB:.0f} MB of its own, page "
        f"process {end[child].get('Private_Dirty', 0) / MB:.0f} MB of its own, "
        f"PSS together {(end[root].get('Pss', 0) + end[child].get('Pss', 0)) / MB:.0f} MB",
    ]
    return "\n".join(lines)


# --- the heap at the fork, in one process ------------------------------------------------

def heap_at_fork(vault: str, out: str, top: int) -> None:
    """Run in a process of its own: the build with nothing forked, stopped where the page
    process would be forked, printing the live Python objects by the file that made them."""
    import tracemalloc

    tracemalloc.start()
    import jobnotes.forked
    import jobnotes.load
    import jobnotes.site.stream as stream

    jobnotes.forked.can_fork = lambda: False            # every note read here
    jobnotes.load.can_fork = lambda: False
    stream.parallel = lambda vault: True                # ... and stop at the fork
    prime = stream._prime

    def report(site: object) -> None:
        prime(site)
        import gc

        gc.collect()
        snapshot = tracemalloc.take_snapshot().filter_traces(
            [tracemalloc.Filter(False, tracemalloc.__file__)])
        stats = snapshot.statistics("filename")
        total = sum(s.size for s in stats)
        print(f"Python objects alive at the fork: {total / 2**20:.1f} MB "
              f"({sum(s.count for s in stats):,} blocks)")
        print("    MB   share  made by")
        for stat in stats[:top]:
            name = _short(stat.traceback[0].filename)
            print(f"{stat.size / 2**20:6.1f}  {100 * stat.size / total:5.1f}%  {name}")
        rest = sum(s.size for s in stats[top:])
        print(f"{rest / 2**20:6.1f}  {100 * rest / total:5.1f}%  (everything else)")
        sys.stdout.flush()
        os._exit(0)

    stream._prime = report
    from jobnotes.cli import main

    main(["build", vault, "-o", out, "--today", TODAY])


def _short(filename: str) -> str:
    for marker in ("/jobnotes/", "/site-packages/"):
        if marker in filename:
            kept = filename.split(marker, 1)[1]
            return f"jobnotes/{kept}" if marker == "/jobnotes/" else kept
    if filename.startswith("<frozen importlib"):
        return "(imported modules' code)"
    stdlib = sysconfig.get_paths()["stdlib"]
    if filename.startswith(stdlib + os.sep):
        return f"Python's {filename[len(stdlib) + 1:]}"
    return filename


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=10000)
    parser.add_argument("--vault", type=Path, default=None, help="measure this vault instead")
    parser.add_argument("--top", type=int, default=20, help="files to list")
    parser.add_argument("--heap-at-fork", nargs=2, metavar=("VAULT", "OUT"),
                        help=argparse.SUPPRESS)     # the second run, in its own process
    args = parser.parse_args(argv)
    if args.heap_at_fork:
        heap_at_fork(*args.heap_at_fork, args.top)
        return 1                                    # only reached if no fork point came
    if not Path("/proc/self/smaps_rollup").exists():
        print("this needs Linux's /proc/PID/smaps_rollup", file=sys.stderr)
        return 1
    compile_bytecode()
    work = fast_tmp() / f"jobnotes-mem-{os.getpid()}"
    try:
        vault, env, build = first_build(work, args.vault, args.notes, TODAY)
        timeline, root, seconds = sample_build(build, env)
        print(whole_build_report(timeline, root, seconds))
        print()
        shutil.rmtree(work / "cache", ignore_errors=True)
        env = dict(os.environ, JOBNOTES_CACHE_DIR=str(work / "cache-heap"))
        subprocess.run([sys.executable, __file__, "--top", str(args.top), "--heap-at-fork",
                        str(vault), str(work / "out-heap")], env=env, check=False)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
