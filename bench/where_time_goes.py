"""Where a whole `jobnotes build` spends its CPU, in every process: py-spy, by stage.

    python bench/where_time_goes.py                   # 10,000 notes, first build
    python bench/where_time_goes.py --notes 1000 --top 30
    python bench/where_time_goes.py --vault PATH      # a vault of your own

py-spy samples the build as a user starts it, the forked second process included,
and the samples are shared out over the pipeline's stages (a sample counts for
every stage on its stack, so the shares can add up to more than 100 %), followed by
the functions that spend the most time themselves. py-spy is installed with pip
when it is missing; it needs to be allowed to read the build's memory (ptrace),
which containers sometimes forbid.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import compile_bytecode, fast_tmp, first_build  # noqa: E402

TODAY = "2026-11-27"

# Stage -> a pattern of the frames that belong to it, in pipeline order.
STAGES: tuple[tuple[str, str], ...] = (
    ("read: front matter (YAML with positions)", r"jobnotes/frontmatter\.py"),
    ("validate: schema", r"jobnotes/schema\.py"),
    ("validate: links (Obsidian syntax, link graph)", r"jobnotes/obsidian/"),
    ("aggregate: skills in job descriptions", r"jobnotes/jd/"),
    ("aggregate: analysis", r"jobnotes/analysis/"),
    ("render: Markdown (markdown-it-py)", r"markdown_it/|mdit_py_plugins/"),
    ("render: sanitizing HTML (nh3)", r"\bsanitize \("),
    ("render: templates (Jinja2)", r"jinja2/|site-templates/"),
    ("write: output files", r"jobnotes/site/output\.py"),
    ("cache: reading and saving", r"jobnotes/cache\.py|\bpickle\b"),
    ("start-up: imports", r"_find_and_load"),
)


def ensure_py_spy() -> str | None:
    found = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    if Path(found).exists():
        return found
    print(f"installing py-spy ({sys.executable} -m pip install py-spy) ...", file=sys.stderr)
    done = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "py-spy"],
                          capture_output=True, text=True, check=False)
    found = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    if done.returncode != 0 or not Path(found).exists():
        print(f"py-spy could not be installed: {done.stderr.strip()[-300:]}", file=sys.stderr)
        return None
    return found


def summarize(raw: Path, top: int) -> str:
    """The stage shares and the functions with the most time of their own."""
    by_stage: Counter[str] = Counter()
    by_function: Counter[str] = Counter()
    total = 0
    patterns = [(name, re.compile(pattern)) for name, pattern in STAGES]
    for line in raw.read_text(encoding="utf-8").splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        samples = int(count)
        total += samples
        for name, pattern in patterns:
            if pattern.search(stack):
                by_stage[name] += samples
        leaf = stack.rsplit(";", 1)[-1]
        by_function[re.sub(r":\d+\)$", ")", leaf)] += samples
    if not total:
        return "no samples"
    lines = [f"{total} samples (every process of the build)", "", "share  stage"]
    lines += [f"{100 * by_stage[name] / total:5.1f}%  {name}" for name, _ in STAGES]
    lines += ["", "self   function"]
    lines += [f"{100 * n / total:5.1f}%  {name}" for name, n in by_function.most_common(top)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=10000)
    parser.add_argument("--vault", type=Path, default=None, help="profile this vault instead")
    parser.add_argument("--top", type=int, default=20, help="functions to list")
    parser.add_argument("--rate", type=int, default=250, help="samples a second")
    args = parser.parse_args(argv)
    spy = ensure_py_spy()
    if spy is None:
        return 1
    compile_bytecode()      # as installed: the profile is of building, not compiling
    work = fast_tmp() / f"jobnotes-spy-{os.getpid()}"
    try:
        _, env, build = first_build(work, args.vault, args.notes, TODAY)
        raw = work / "samples.txt"
        done = subprocess.run([spy, "record", "--subprocesses", "--rate", str(args.rate),
                               "--format", "raw", "--output", str(raw), "--", *build],
                              env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0 or not raw.exists():
            print(f"py-spy failed: {done.stderr.strip()[-500:]}", file=sys.stderr)
            return 1
        print(summarize(raw, args.top))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
