"""The least a first build of a vault can cost with its Markdown library: every note's
body rendered by markdown-it-py, CommonMark preset, no plugins, no templates, nothing
written, the notes shared between two processes as a build shares them.

    python bench/markdown_floor.py VAULT        # prints the seconds it took

``bench/run.py`` times it as a whole process next to jobnotes and Hugo: a first build
can be no faster than this, whatever else it does.
"""

from __future__ import annotations

import multiprocessing
import sys
import time
from pathlib import Path


def _body(text: str) -> str:
    """The note without its front matter (the notes bench/genvault.py writes)."""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            return text[end + 5:]
    return text


def render_all(paths: list[str]) -> int:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark")
    size = 0
    for path in paths:
        size += len(md.render(_body(Path(path).read_text(encoding="utf-8"))))
    return size


def main(vault: Path) -> None:
    started = time.perf_counter()
    paths = sorted(str(p) for p in vault.rglob("*.md"))
    halves = [paths[0::2], paths[1::2]]
    with multiprocessing.get_context("fork").Pool(2) as pool:
        sizes = pool.map(render_all, halves)
    print(f"{len(paths)} bodies, {sum(sizes)} characters of HTML, "
          f"{time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
