"""Where a build's time goes: cProfile (or pyinstrument) around ``jobnotes build``.

    python bench/profile_build.py --notes 1000              # cumulative, top 15
    python bench/profile_build.py --notes 10000 --sort tottime --top 25
    python bench/profile_build.py --notes 1000 --command check
    python bench/profile_build.py --notes 1000 --pyinstrument   # if pyinstrument is installed

The command runs in this process, through the same click entry point a user
starts, so lazy imports are charged to the build as they would be.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import os
import pstats
import shutil
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import genvault  # noqa: E402
from measure import fast_tmp  # noqa: E402

TODAY = "2026-11-27"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=1000)
    parser.add_argument("--vault", type=Path, default=None, help="profile this vault instead")
    parser.add_argument("--command", choices=("build", "check"), default="build")
    parser.add_argument("--sort", default="cumulative",
                        help="pstats sort keys, comma-separated: cumulative,tottime")
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--pyinstrument", action="store_true")
    args = parser.parse_args(argv)

    work = fast_tmp() / f"jobnotes-profile-{os.getpid()}"
    vault = args.vault
    if vault is None:
        vault = work / "vault"
        genvault.generate(vault, args.notes, today=date.fromisoformat(TODAY))
    cli_args = [args.command, str(vault), "--today", TODAY]
    if args.command == "build":
        cli_args += ["-o", str(work / "out"), "--force"]

    from jobnotes.cli import main as jobnotes_main

    def run() -> None:
        with contextlib.suppress(SystemExit):
            jobnotes_main.main(args=cli_args, standalone_mode=False)

    sink = io.StringIO()
    real_stdout, real_stderr = sys.stdout, sys.stderr
    started = time.perf_counter()
    try:
        if args.pyinstrument:
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.001)
            profiler.start()
            sys.stdout = sys.stderr = sink
            run()
            sys.stdout, sys.stderr = real_stdout, real_stderr
            profiler.stop()
            print(profiler.output_text(unicode=True, color=False, show_all=False))
        else:
            profile = cProfile.Profile()
            sys.stdout = sys.stderr = sink
            profile.runcall(run)
            sys.stdout, sys.stderr = real_stdout, real_stderr
            stats = pstats.Stats(profile)
            for key in args.sort.split(","):
                stats.sort_stats(key).print_stats(args.top)
    finally:
        sys.stdout, sys.stderr = real_stdout, real_stderr
        shutil.rmtree(work, ignore_errors=True)
    last = sink.getvalue().strip().splitlines()[-2:]
    print("\n".join(last))
    print(f"{args.command} of {vault}: {time.perf_counter() - started:.2f} s under the profiler")
    return 0


if __name__ == "__main__":
    sys.exit(main())
