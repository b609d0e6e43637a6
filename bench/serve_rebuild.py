"""The work `jobnotes serve` does after one note is saved, without the browser.

    python bench/serve_rebuild.py                    # 1,000 and 10,000 notes
    python bench/serve_rebuild.py --sizes 1000 --edits 20

For each size: a generated vault is loaded by a serve session in this process, the page
of one application is rendered, then that note's ``role:`` is changed ``--edits`` times.
Each sample times what follows the file event: the rebuild (re-reading the note,
publishing the new state) and rendering the note's page in the new state, i.e. until
the new page is in place. The dashboard and the applications table are timed once
after the last edit, as a tab showing them would render them.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import genvault  # noqa: E402
from measure import fast_tmp, ms, right_aligned  # noqa: E402

TODAY = date(2026, 11, 27)
TARGETS = {1000: 0.050, 10000: 0.200}



def measure(size: int, edits: int, work: Path) -> dict[str, object]:
    from jobnotes.serve.filter import Change, ChangeKind
    from jobnotes.serve.session import ServeSession

    vault = work / f"rebuild-{size}"
    if vault.exists():
        shutil.rmtree(vault)
    genvault.generate(vault, size, seed=1, today=TODAY)
    notes = sorted((vault / "applications").glob("*.md"))
    note = notes[len(notes) // 2]
    original = note.read_text(encoding="utf-8")
    session = ServeSession(vault, today=TODAY, echo=lambda line: None)
    started = time.perf_counter()
    session.rebuild()
    first = time.perf_counter() - started
    site = session._pages
    assert site is not None
    page = site.site.links.note(note.relative_to(vault).as_posix())
    assert page is not None
    started = time.perf_counter()
    site.get(page)
    first_page = time.perf_counter() - started
    rebuilds, renders = [], []
    for i in range(edits):
        role = f"Probe {i}"
        note.write_text(re.sub(r"^role: .*$", f"role: {role}", original, count=1, flags=re.M),
                        encoding="utf-8")
        t0 = time.perf_counter()
        session.rebuild([Change(ChangeKind.NOTE, note)])
        t1 = time.perf_counter()
        html = session.site.state.files.get(page)
        t2 = time.perf_counter()
        assert html is not None and role.encode() in html
        rebuilds.append(t1 - t0)
        renders.append(t2 - t1)
    others = {}
    for other in ("index.html", "applications/index.html"):
        t0 = time.perf_counter()
        session.site.state.files.get(other)
        others[other] = time.perf_counter() - t0
    shutil.rmtree(vault, ignore_errors=True)
    return {"size": size, "first": first, "first_page": first_page, "rebuilds": rebuilds,
            "renders": renders, "others": others}


def report(results: list[dict[str, object]]) -> str:
    header = ("notes", "rebuild", "page", "event->page", "target", "dashboard", "table",
              "serve start")
    rows = [header]
    for r in results:
        totals = [a + b for a, b in zip(r["rebuilds"], r["renders"], strict=True)]  # type: ignore[arg-type]
        target = TARGETS.get(r["size"])  # type: ignore[arg-type]
        others: dict[str, float] = r["others"]  # type: ignore[assignment]
        rows.append((f"{r['size']:,}", ms(statistics.median(r["rebuilds"])),  # type: ignore[arg-type]
                     ms(statistics.median(r["renders"])),  # type: ignore[arg-type]
                     ms(statistics.median(totals)), f"<= {ms(target)}" if target else "",
                     ms(others["index.html"]), ms(others["applications/index.html"]),
                     ms(r["first"] + r["first_page"])))  # type: ignore[operator]
    return right_aligned(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--edits", type=int, default=20)
    args = parser.parse_args(argv)
    work = fast_tmp() / "jobnotes-bench"
    work.mkdir(parents=True, exist_ok=True)
    results = []
    for size in (int(s) for s in args.sizes.split(",")):
        print(f"{size:,} notes: {args.edits} edits ...", flush=True)
        results.append(measure(size, args.edits, work))
    print()
    print("After one note is saved, in `jobnotes serve` (medians):")
    print()
    print(report(results))
    print()
    print("rebuild: re-read the note and publish the new state; page: render the note's page")
    print("in it; event->page: both, the new page in place. dashboard/table: rendering them")
    print("once after a save, as an open tab showing them would. serve start: first state")
    print("and first page.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
