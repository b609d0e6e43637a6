"""The applications page of a built site in a real browser: how long it takes to open,
to filter and to sort, at each size.

    python bench/browser_table.py                        # 1,000 and 10,000 notes
    python bench/browser_table.py --sizes 10000 --repeat 5

For each size: a generated vault is built (``jobnotes build``), the site is served over
HTTP from this process, and its applications page is opened in headless Chromium
(Debian's, through Playwright) ``--repeat`` times in a fresh tab. Each step is timed from
just before it to the first frame after it: opening the page (to its load event), typing
three letters one at a time into the search, clearing it, choosing a status and then
none, and sorting by a column header twice (A-Z, then Z-A). Prints the median of each.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import genvault  # noqa: E402
from measure import (  # noqa: E402
    CHROMIUM,
    fast_tmp,
    jobnotes_command,
    launch_chromium,
    ms,
    right_aligned,
)

TODAY = "2026-11-27"
NEXT_FRAME = "new Promise(done => requestAnimationFrame(() => setTimeout(done, 0)))"
STEPS = ("open", "type 1st letter", "type 2nd", "type 3rd", "clear search", "status",
         "status off", "sort A-Z", "sort Z-A")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def serve_folder(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def timed(page, action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    page.evaluate(NEXT_FRAME)
    return time.perf_counter() - started


def one_visit(browser, url: str) -> dict[str, float]:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    search, status = "input[name=q]", "select[name=status]"
    header = page.locator("#apps-table thead button").first
    actions: list[Callable[[], object]] = [
        lambda: page.goto(url, wait_until="load"),
        lambda: page.fill(search, "a"),
        lambda: page.fill(search, "al"),
        lambda: page.fill(search, "ald"),
        lambda: page.fill(search, ""),
        lambda: page.select_option(status, "rejected"),
        lambda: page.select_option(status, ""),
        lambda: header.click(),
        lambda: header.click(),
    ]
    times = {step: timed(page, action) for step, action in zip(STEPS, actions, strict=True)}
    page.close()
    return times


def measure_size(size: int, repeat: int, work: Path, browser) -> dict[str, object]:
    vault, out = work / f"vault-{size}", work / f"site-{size}"
    for folder in (vault, out):
        if folder.exists():
            shutil.rmtree(folder)
    genvault.generate(vault, size, seed=1, today=date.fromisoformat(TODAY))
    subprocess.run([*jobnotes_command(), "build", str(vault), "-o", str(out), "--today", TODAY,
                    "--no-cache"], check=True, stdout=subprocess.DEVNULL)
    html = (out / "applications" / "index.html").read_text(encoding="utf-8")
    rows = html.count("<tr data-status=") + html.count('<tr class="row-beyond" data-status=')
    server, root = serve_folder(out)
    try:
        visits = [one_visit(browser, root + "applications/") for _ in range(repeat)]
    finally:
        server.shutdown()
        shutil.rmtree(vault, ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)
    return {"size": size, "rows": rows, "megabytes": len(html.encode()) / 1e6,
            "medians": {s: statistics.median(v[s] for v in visits) for s in STEPS}}


def report(results: list[dict[str, object]]) -> str:
    rows = [("notes", "table rows", "page", *STEPS)]
    for r in results:
        medians: dict[str, float] = r["medians"]  # type: ignore[assignment]
        rows.append((f"{r['size']:,}", f"{r['rows']:,}", f"{r['megabytes']:.1f} MB",
                     *(ms(medians[s]) for s in STEPS)))
    return right_aligned(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    if not os.path.exists(CHROMIUM):
        print(f"{CHROMIUM} is missing: apt-get install chromium", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    work = fast_tmp() / f"jobnotes-table-bench-{os.getpid()}"
    work.mkdir(parents=True, exist_ok=True)
    results = []
    try:
        with sync_playwright() as p:
            browser = launch_chromium(p)
            for size in (int(s) for s in args.sizes.split(",")):
                results.append(measure_size(size, args.repeat, work, browser))
                print(f"{size:,} notes measured", file=sys.stderr, flush=True)
            browser.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
