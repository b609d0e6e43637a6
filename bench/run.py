"""Measure jobnotes against Hugo and MkDocs on the same generated vaults, in one run.

    python bench/run.py                     # 1,000 and 10,000 notes, 5 runs each
    python bench/run.py --quick             # 1,000 notes, 3 runs: while optimizing
    python bench/run.py --sizes 1000,10000 --with-100k --json results.json

Every figure is a whole process, started as a user would start it, with its output
on tmpfs when the machine has one; times are medians of ``--repeat`` runs. Hugo is
installed with apt-get and MkDocs with pip when they are missing; a tool that
cannot be installed is skipped with a note.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import competitors  # noqa: E402
import genvault  # noqa: E402
from measure import (  # noqa: E402
    Series,
    compile_bytecode,
    fast_tmp,
    jobnotes_command,
    run_once,
    series,
    use_snapshot,
)

TODAY = "2026-11-27"
ROWS = (  # key, label, target
    ("first", "jobnotes build, first (no cache)", "<= Hugo"),
    ("nochange", "jobnotes rebuild, nothing changed", "<= 0.3 s at 10k"),
    ("onechange", "jobnotes rebuild, one note changed", "(serve: 50/200 ms)"),
    ("check", "jobnotes check, nothing changed", "<= 0.5 s at 1k"),
    ("check_edit", "jobnotes check, one note changed", "<= 0.5 s at 1k"),
    ("check_day", "jobnotes check, first of a new day", "<= 0.5 s at 1k"),
    ("check_skill", "jobnotes check, a skill added to a note", "<= 0.5 s at 1k"),
    ("help", "jobnotes --help", "<= 0.15 s"),
    ("mem", "jobnotes peak memory, first build", "<= Hugo / 5"),
    ("floor", "markdown-it-py alone, every body", "a first build's floor"),
    ("hugo", "Hugo build", ""),
    ("hugo_mem", "Hugo peak memory", ""),
    ("mkdocs", "MkDocs build", ""),
    ("mkdocs_mem", "MkDocs peak memory", ""),
)
MEMORY_ROWS = {"mem", "hugo_mem", "mkdocs_mem"}


@dataclass
class SizeResult:
    notes: int
    times: dict[str, Series] = field(default_factory=dict)
    memory: dict[str, float] = field(default_factory=dict)   # MB
    pages: dict[str, int] = field(default_factory=dict)      # HTML files written


def _html_count(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.html")) if folder.exists() else 0


def _fresh(path: Path) -> Path:
    if path.exists():
        shutil.rmtree(path)
    return path


def _env(cache: Path) -> dict[str, str]:
    """The environment for jobnotes with its cache pointed at ``cache``."""
    env = dict(os.environ)
    env["XDG_CACHE_HOME"] = str(cache)
    env["JOBNOTES_CACHE_DIR"] = str(cache / "jobnotes")
    return env


def _edit_note(path: Path, original: str, i: int) -> None:
    """Change one line of the note's body, so its content differs from every other run."""
    path.write_text(original.replace("\n## Notes\n", f"\n## Notes\n\n- Bench edit {i}.\n", 1),
                    encoding="utf-8")


def _add_skill(path: Path, original: str, i: int) -> None:
    """Add a skill the shipped list does not know to the note's ``skills:`` list, another
    each run: the vocabulary every description is read with changes each time."""
    path.write_text(original.replace("\nskills:\n", f"\nskills:\n  - Bench skill {i}\n", 1),
                    encoding="utf-8")


def bench_jobnotes(vault: Path, work: Path, result: SizeResult, repeat: int,
                   help_series: Series | None) -> None:
    jn = jobnotes_command()
    out = work / "jobnotes-out"
    build = [*jn, "build", str(vault), "-o", str(out), "--today", TODAY, "--force"]
    caches = work / "caches"

    def cold(i: int) -> None:
        _fresh(out)
        _fresh(caches / f"cold-{i}").mkdir(parents=True)

    # First build: a fresh cache folder and no output folder each time.
    first = Series()
    for i in range(repeat):
        cold(i)
        one = series(build, 1, env=_env(caches / f"cold-{i}"))
        first.runs += one.runs
        first.error = first.error or one.error
        if one.error or (one.runs and one.runs[0].seconds > 60):
            break
    result.times["first"] = first
    result.pages["jobnotes"] = _html_count(out)
    cold(repeat)
    mem = run_once(build, env=_env(caches / f"cold-{repeat}"), sample=True)
    result.memory["mem"] = mem.peak_mb

    warm_env = _env(_fresh(caches / "warm"))
    (caches / "warm").mkdir(parents=True)
    _fresh(out)
    run_once(build, env=warm_env)                                   # fills the cache
    result.times["nochange"] = series(build, repeat, env=warm_env)

    notes = sorted((vault / "applications").glob("*.md"))
    listing = [n for n in notes if "\nskills:\n" in n.read_text(encoding="utf-8")]
    note = (listing or notes)[len(listing or notes) // 2]
    original = note.read_text(encoding="utf-8")
    try:
        result.times["onechange"] = series(
            build, repeat, env=warm_env, before=lambda i: _edit_note(note, original, i))
    finally:
        note.write_text(original, encoding="utf-8")

    check = [*jn, "check", str(vault), "--today", TODAY]
    result.times["check"] = series(check, repeat, env=warm_env)
    # As in a pre-commit hook: the note just edited is read again, the rest come from the
    # cache (an unchanged vault is answered from the last check's findings, above).
    try:
        result.times["check_edit"] = series(
            check, repeat, env=warm_env, before=lambda i: _edit_note(note, original, i + 100))
    finally:
        note.write_text(original, encoding="utf-8")
    # The first check of a morning: no note changed, but the date did (a new --today for
    # every run), so the last check's findings do not answer it.
    on_day = [*check[:-1], TODAY]

    def next_day(i: int) -> None:
        on_day[-1] = (date.fromisoformat(TODAY) + timedelta(days=i + 1)).isoformat()

    result.times["check_day"] = series(on_day, repeat, env=warm_env, before=next_day)
    # Tailoring a skills: list: a spelling the vocabulary lacks joins it.
    try:
        result.times["check_skill"] = series(
            check, repeat, env=warm_env, before=lambda i: _add_skill(note, original, i))
    finally:
        note.write_text(original, encoding="utf-8")
    if help_series is not None:
        result.times["help"] = help_series


def bench_floor(vault: Path, result: SizeResult, repeat: int) -> None:
    """markdown-it-py rendering every note body in two processes, nothing else: no first
    build with this Markdown library can be faster (bench/markdown_floor.py)."""
    script = Path(__file__).resolve().parent / "markdown_floor.py"
    result.times["floor"] = series([sys.executable, str(script), str(vault)], repeat)


def bench_hugo(vault: Path, work: Path, result: SizeResult, repeat: int) -> None:
    site, out, cache = work / "hugo-site", work / "hugo-out", work / "hugo-cache"
    competitors.make_hugo_site(vault, site)
    cmd = competitors.hugo_command(site, out, cache)

    def before(_: int) -> None:
        _fresh(out)
        _fresh(cache)

    result.times["hugo"] = series(cmd, repeat, before=before)
    result.pages["hugo"] = _html_count(out)
    before(0)
    result.memory["hugo_mem"] = run_once(cmd, sample=True).peak_mb


def bench_mkdocs(vault: Path, work: Path, result: SizeResult, repeat: int) -> None:
    site, out = work / "mkdocs-site", work / "mkdocs-out"
    competitors.make_mkdocs_site(vault, site, out)
    cmd = competitors.mkdocs_command(site)
    result.times["mkdocs"] = series(cmd, repeat, before=lambda _: _fresh(out), slow=30,
                                    timeout=1800)
    result.pages["mkdocs"] = _html_count(out)
    if result.times["mkdocs"].ok and result.times["mkdocs"].median < 120:
        _fresh(out)
        result.memory["mkdocs_mem"] = run_once(cmd, sample=True).peak_mb


def _warm_up(jn: list[str], work: Path) -> None:
    """Bytecode compiled, as installing a package does, then one small build and check,
    so no timed run pays for compiling or first reads. (Running alone does not compile:
    PYTHONDONTWRITEBYTECODE may be set, and then every run compiled jobnotes again.)"""
    compile_bytecode()
    genvault.generate(_fresh(work) / "vault", 30, today=date.fromisoformat(TODAY))
    for cmd in ([*jn, "build", str(work / "vault"), "-o", str(work / "out"), "--today", TODAY,
                 "--force"], [*jn, "check", str(work / "vault"), "--today", TODAY]):
        run = run_once(cmd, env=_env(work / "cache"))
        if run.returncode not in (0, 1):
            print(f"note: warm-up `{' '.join(cmd)}` exited with {run.returncode}:\n"
                  f"{run.output.strip()[-800:]}", flush=True)
    shutil.rmtree(work, ignore_errors=True)


# -- the table ----------------------------------------------------------------------------

def _seconds(value: float) -> str:
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def _cell(result: SizeResult, key: str) -> tuple[str, float | None]:
    if key in MEMORY_ROWS:
        mb = result.memory.get(key)
        return (f"{mb:.0f} MB", mb) if mb else ("—", None)
    got = result.times.get(key)
    if got is None:
        return "—", None
    if not got.ok:
        return "failed", None
    n = len(got.runs)
    return _seconds(got.median) + ("" if n > 1 else " (1 run)"), got.median


def _ratio(result: SizeResult, key: str, value: float | None) -> str:
    if value is None:
        return ""
    if key in MEMORY_ROWS:
        base = result.memory.get("hugo_mem")
    else:
        hugo = result.times.get("hugo")
        base = hugo.median if hugo is not None and hugo.ok else None
    return f"{value / base:.2f}x" if base else ""


def render_table(results: list[SizeResult]) -> str:
    header = ["measurement"]
    for r in results:
        header += [f"{r.notes:,} notes", "/ Hugo"]
    header.append("target")
    rows = [header]
    for key, label, target in ROWS:
        row = [label]
        for r in results:
            text, value = _cell(r, key)
            row += [text, _ratio(r, key, value)]
        row.append(target)
        rows.append(row)
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = []
    for n, row in enumerate(rows):
        middle = zip(row[1:-1], widths[1:-1], strict=True)
        cells = [row[0].ljust(widths[0])] + [c.rjust(w) for c, w in middle]
        lines.append("  ".join(cells) + "  " + row[-1])
        if n == 0:
            lines.append("-" * len(lines[0]))
    return "\n".join(lines)


def _errors(results: list[SizeResult]) -> list[str]:
    return [f"[{r.notes:,} notes, {key}] {s.error}" for r in results
            for key, s in r.times.items() if s.error]


def _machine(tools: dict[str, str | None]) -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    found = "; ".join(f"{name}: {version or 'skipped'}" for name, version in tools.items())
    return (f"{os.cpu_count()} cores ({cpu}), load average {load} at start; "
            f"Python {platform.python_version()}; {found}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000",
                        help="comma-separated vault sizes in notes (default 1000,10000)")
    parser.add_argument("--with-100k", action="store_true", help="also 100,000 notes")
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement")
    parser.add_argument("--quick", action="store_true", help="1,000 notes, 3 runs")
    parser.add_argument("--no-hugo", action="store_true")
    parser.add_argument("--no-mkdocs", action="store_true")
    parser.add_argument("--workdir", type=Path, default=None,
                        help="where vaults and outputs go (default: on tmpfs)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--snapshot", action="store_true",
                        help="measure a frozen copy of the source (for long runs while "
                             "the code is being edited)")
    parser.add_argument("--json", type=Path, default=None, help="also write results as JSON")
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    repeat = args.repeat
    if args.quick:
        sizes, repeat = [1000], 3
    if args.with_100k and 100_000 not in sizes:
        sizes.append(100_000)

    tools = {"hugo": None if args.no_hugo else competitors.ensure_hugo(),
             "mkdocs": None if args.no_mkdocs else competitors.ensure_mkdocs()}
    root = args.workdir or fast_tmp() / f"jobnotes-bench-{os.getpid()}"
    root.mkdir(parents=True, exist_ok=True)
    machine = _machine(tools)
    print(machine, flush=True)
    if args.snapshot:
        print(f"measuring a copy of the source in {use_snapshot(root / 'source')}")
    jn = jobnotes_command()
    _warm_up(jn, root / "warm-up")
    help_series = series([*jn, "--help"], max(repeat, 10))
    results: list[SizeResult] = []
    started = time.perf_counter()
    try:
        for size in sizes:
            work = root / f"n{size}"
            vault = work / "vault"
            t0 = time.perf_counter()
            _fresh(work).mkdir(parents=True)
            genvault.generate(vault, size, seed=1, today=date.fromisoformat(TODAY))
            print(f"\n{size:,} notes: vault generated in {time.perf_counter() - t0:.1f} s; "
                  "measuring jobnotes ...", flush=True)
            result = SizeResult(size)
            results.append(result)
            bench_jobnotes(vault, work, result, repeat, help_series)
            bench_floor(vault, result, repeat)
            if tools["hugo"]:
                print("  measuring Hugo ...", flush=True)
                bench_hugo(vault, work, result, repeat)
            if tools["mkdocs"]:
                print("  measuring MkDocs ...", flush=True)
                bench_mkdocs(vault, work, result, repeat)
            print(f"  pages written: {result.pages}", flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)

    print(f"\nMedians of {repeat} whole-process runs (fewer when one run took over a minute, "
          f"marked); output on {root.parent}; {time.perf_counter() - started:.0f} s in all.")
    print("Ratios are jobnotes (or MkDocs) divided by Hugo at the same size, in this run.\n")
    print(render_table(results))
    for message in _errors(results):
        print("\nFAILED " + message)
    if args.json:
        data = {"machine": machine, "repeat": repeat, "sizes": {
            r.notes: {"seconds": {k: [run.seconds for run in s.runs] for k, s in r.times.items()},
                      "errors": {k: s.error for k, s in r.times.items() if s.error},
                      "memory_mb": r.memory, "pages": r.pages} for r in results}}
        args.json.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return 1 if _errors(results) else 0


if __name__ == "__main__":
    sys.exit(main())
