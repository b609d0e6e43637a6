"""The work `jobnotes serve` does after one note is saved, without the browser.

    python bench/serve_rebuild.py                    # 1,000 and 10,000 notes
    python bench/serve_rebuild.py --sizes 1000 --edits 20

For each size: a generated vault is loaded by a serve session in this process (with its
idle collector running, as in ``jobnotes serve``), the page of one application is
rendered, then that note's ``role:`` is changed ``--edits`` times. Before each edit serve
is left idle until its idle collection has run, as between two saves. Each sample times
what follows the file event: the rebuild (re-reading the note, publishing the new state),
rendering the note's page in the new state (until the new page is in place), then the
dashboard and the applications table in that same state, as open tabs showing them
would render them when they reload. Then serve starts again on the same vault, as the
next day or after a restart: from what the first session kept in the cache (a folder of
the benchmark's own, empty at the start of each size).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import time
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent))

import genvault  # noqa: E402
from measure import fast_tmp, ms, right_aligned  # noqa: E402

if TYPE_CHECKING:
    from jobnotes.serve.session import ServeSession

TODAY = date(2026, 11, 27)
TARGETS = {1000: 0.050, 10000: 0.200}
TABS = ("index.html", "applications/index.html")    # the dashboard, the applications table


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
    cache = work / f"serve-cache-{size}"
    shutil.rmtree(cache, ignore_errors=True)
    os.environ["JOBNOTES_CACHE_DIR"] = str(cache)
    session = ServeSession(vault, today=TODAY, echo=lambda line: None)
    try:
        started = time.perf_counter()
        session.rebuild()           # as `jobnotes serve` does: before the collector's thread
        first = time.perf_counter() - started
        session.collector.start()
        site = session._pages
        assert site is not None
        page = site.site.links.note(note.relative_to(vault).as_posix())
        assert page is not None
        started = time.perf_counter()
        site.get(page)
        first_page = time.perf_counter() - started
        for tab in TABS:
            site.get(tab)
        rebuilds: list[float] = []
        renders: list[float] = []
        tabs: dict[str, list[float]] = {tab: [] for tab in TABS}
        for i in range(edits):
            _wait_idle(session)
            role = f"Probe {i}"
            note.write_text(re.sub(r"^role: .*$", f"role: {role}", original, count=1,
                                   flags=re.M), encoding="utf-8")
            t0 = time.perf_counter()
            session.rebuild([Change(ChangeKind.NOTE, note)])
            t1 = time.perf_counter()
            files = session.site.state.files
            html = files.get(page)
            t2 = time.perf_counter()
            assert html is not None and role.encode() in html
            rebuilds.append(t1 - t0)
            renders.append(t2 - t1)
            for tab in TABS:
                t0 = time.perf_counter()
                assert files.get(tab) is not None
                tabs[tab].append(time.perf_counter() - t0)
            del files, html     # as the server, keep no state a rebuild replaced
    finally:
        session.close()
    idle = session.collector.seconds
    restart = _start(vault, page)
    shutil.rmtree(vault, ignore_errors=True)
    shutil.rmtree(cache, ignore_errors=True)
    return {"size": size, "first": first, "first_page": first_page, "rebuilds": rebuilds,
            "renders": renders, "tabs": tabs, "idle": idle, "restart": restart}


def _start(vault: Path, page: str) -> float:
    """Seconds from a new serve session to its first state and ``page`` in it."""
    from jobnotes.serve.session import ServeSession

    session = ServeSession(vault, today=TODAY, echo=lambda line: None)
    try:
        started = time.perf_counter()
        session.rebuild()
        assert session.site.state.files.get(page) is not None
        return time.perf_counter() - started
    finally:
        session.close()


def _wait_idle(session: ServeSession) -> None:
    """Leave serve idle until its idle collection has run (it runs once per rebuild)."""
    collector = session.collector
    if not collector.wait_collections(collector.collections + 1, timeout=120):
        raise SystemExit("serve's idle collection did not run")


def report(results: list[dict[str, object]]) -> str:
    header = ("notes", "rebuild", "page", "event->page", "target", "dashboard", "max",
              "table", "max", "serve start", "restart", "idle gc")
    rows = [header]
    for r in results:
        totals = [a + b for a, b in zip(r["rebuilds"], r["renders"], strict=True)]  # type: ignore[arg-type]
        target = TARGETS.get(r["size"])  # type: ignore[arg-type]
        tabs: dict[str, list[float]] = r["tabs"]  # type: ignore[assignment]
        dashboard, table = tabs["index.html"], tabs["applications/index.html"]
        rows.append((f"{r['size']:,}", ms(statistics.median(r["rebuilds"])),  # type: ignore[arg-type]
                     ms(statistics.median(r["renders"])),  # type: ignore[arg-type]
                     ms(statistics.median(totals)), f"<= {ms(target)}" if target else "",
                     ms(statistics.median(dashboard)), ms(max(dashboard)),
                     ms(statistics.median(table)), ms(max(table)),
                     ms(r["first"] + r["first_page"]),  # type: ignore[operator]
                     ms(r["restart"]),  # type: ignore[arg-type]
                     ms(statistics.median(r["idle"])) if r["idle"] else "-"))  # type: ignore[arg-type]
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
    print("After one note is saved, in `jobnotes serve` (medians, and the slowest edit):")
    print()
    print(report(results))
    print()
    print("rebuild: re-read the note and publish the new state; page: render the note's page")
    print("in it; event->page: both, the new page in place. dashboard/table: rendering them")
    print("in the same new state, as open tabs showing them would on reload (median, then")
    print("max over the edits). serve start: first state and first page, with an empty")
    print("cache; restart: the same for a second session, from what the first one kept.")
    print("idle gc: the collection serve makes once idle after a save (median), off any")
    print("request's path.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
