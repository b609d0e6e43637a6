"""Save-to-screen latency of ``jobnotes serve``, measured in a real browser.

    python bench/serve_latency.py                      # 100, 1,000 and 10,000 notes
    python bench/serve_latency.py --sizes 1000 --edits 20
    python bench/serve_latency.py --page dashboard     # the dashboard instead

For each size: a generated vault (a fresh copy) is served by ``jobnotes serve`` on a
free port, an application's page is opened in headless Chromium (Debian's, through
Playwright), and the note's ``role:`` is changed ``--edits`` times. Each sample is the
time from just before the file is written to the moment the page shows the new value
in its heading (``h1``, or the page head that holds it). With ``--page dashboard`` the
dashboard is open instead, and each edit plans the note's next action for today under a
new name, which the dashboard's agenda then lists. The page updates itself (in place,
or by reloading) through the live-reload script the server injects; nobody touches it.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import genvault  # noqa: E402
from measure import (  # noqa: E402
    fast_tmp,
    jobnotes_command,
    launch_chromium,
    ms,
    right_aligned,
    use_snapshot,
)

TODAY = "2026-11-27"
TARGETS = {1000: 0.150, 10000: 0.400}
SHOWS = """value => [...document.querySelectorAll('h1, .page-head')]
    .some(el => el.textContent.includes(value))"""
AGENDA_SHOWS = """value => [...document.querySelectorAll('.reminder-title')]
    .some(el => el.textContent.includes(value))"""
_BUILT = re.compile(r"Built in (\d+) ms")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """``jobnotes serve`` in a child process, its output collected line by line."""

    def __init__(self, vault: Path, port: int) -> None:
        self.port = port
        self.url = f"http://127.0.0.1:{port}/"
        self.lines: list[str] = []
        cmd = [*jobnotes_command(), "serve", str(vault), "--port", str(port), "--today", TODAY]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, text=True, bufsize=1)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))

    def build_times(self) -> list[float]:
        return [int(m.group(1)) / 1000 for line in self.lines if (m := _BUILT.search(line))]

    def wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("jobnotes serve exited:\n" + "\n".join(self.lines[-20:]))
            try:
                with urllib.request.urlopen(self.url, timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                time.sleep(0.1)
        raise RuntimeError(f"jobnotes serve did not answer within {timeout:.0f} s:\n"
                           + "\n".join(self.lines[-20:]))

    def page_for(self, stem: str) -> str:
        """The URL of the application page made from the note ``stem``."""
        direct = f"{self.url}applications/{stem}.html"
        try:
            with urllib.request.urlopen(direct, timeout=5):
                return direct
        except urllib.error.HTTPError:
            pass
        with urllib.request.urlopen(f"{self.url}applications/index.html", timeout=10) as resp:
            html = resp.read().decode("utf-8")
        match = re.search(r'href="([^"]*' + re.escape(stem) + r'[^"]*\.html)"', html)
        if not match:
            raise RuntimeError(f"no page found for {stem}")
        return self.url + "applications/" + match.group(1).rsplit("/", 1)[-1]

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._reader.join(timeout=5)


def _with_role(text: str, role: str) -> str:
    return re.sub(r"^role: .*$", f"role: {role}", text, count=1, flags=re.M)


def _with_next_action(text: str, action: str) -> str:
    """The note with its next action ``action``, planned for today."""
    text = re.sub(r"^next_action(_date)?: .*\n", "", text, flags=re.M)
    return text.replace("\n---\n", f"\nnext_action: {action}\nnext_action_date: {TODAY}\n---\n",
                        1)


def measure_size(size: int, edits: int, work: Path, browser, pause: float,
                 timeout: float, dashboard: bool = False) -> dict[str, object]:
    vault = work / f"serve-{size}"
    if vault.exists():
        shutil.rmtree(vault)
    genvault.generate(vault, size, seed=1, today=date.fromisoformat(TODAY))
    notes = sorted((vault / "applications").glob("*.md"))
    note = notes[len(notes) // 2]
    original = note.read_text(encoding="utf-8")
    server = Server(vault, free_port())
    samples: list[float] = []
    reloads: list[float] = []     # save -> the reloaded page's navigation start
    try:
        started = time.perf_counter()
        server.wait_ready(timeout=600)
        first_build = time.perf_counter() - started
        page = browser.new_page()
        page.goto(server.url if dashboard else server.page_for(note.stem), wait_until="load")
        builds_before = len(server.build_times())
        for i in range(edits):
            role = f"Latency probe {size} {i} {os.getpid()}"
            text = _with_next_action(original, role) if dashboard else _with_role(original, role)
            wall, t0 = time.time(), time.perf_counter()
            note.write_text(text, encoding="utf-8")
            page.wait_for_function(AGENDA_SHOWS if dashboard else SHOWS, arg=role,
                                   timeout=timeout * 1000)
            samples.append(time.perf_counter() - t0)
            # When the page was updated in place, when that update started; else when the
            # reloaded page's navigation started.
            started = page.evaluate(
                "window.jobnotesUpdate ? window.jobnotesUpdate.started : performance.timeOrigin")
            reloads.append(started / 1000 - wall)
            page.wait_for_load_state("load")
            time.sleep(pause)
        server_builds = server.build_times()[builds_before:]
        page.close()
    finally:
        note.write_text(original, encoding="utf-8")
        server.stop()
        shutil.rmtree(vault, ignore_errors=True)
    return {"size": size, "samples": samples, "reloads": reloads, "first_build": first_build,
            "server_builds": server_builds}



def report(results: list[dict[str, object]]) -> str:
    header = ("notes", "median", "p90", "min", "max", "save->update", "server build",
              "serve start", "target")
    rows = [header]
    for r in results:
        s: list[float] = r["samples"]  # type: ignore[assignment]
        builds: list[float] = r["server_builds"]  # type: ignore[assignment]
        p90 = statistics.quantiles(s, n=10, method="inclusive")[8] if len(s) > 1 else s[0]
        target = TARGETS.get(r["size"])  # type: ignore[arg-type]
        rows.append((f"{r['size']:,}", ms(statistics.median(s)), ms(p90), ms(min(s)),
                     ms(max(s)), ms(statistics.median(r["reloads"])),  # type: ignore[arg-type]
                     ms(statistics.median(builds)) if builds else "—",
                     f"{r['first_build']:.1f} s", f"<= {ms(target)}" if target else ""))
    return right_aligned(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--pause", type=float, default=0.3,
                        help="seconds between a page showing an edit and the next edit")
    parser.add_argument("--timeout", type=float, default=120,
                        help="seconds to wait for one edit to show")
    parser.add_argument("--snapshot", action="store_true",
                        help="measure a frozen copy of the source")
    parser.add_argument("--page", choices=("application", "dashboard"), default="application",
                        help="the page open in the browser: the edited note's, or the "
                             "dashboard")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    work = fast_tmp() / f"jobnotes-serve-bench-{os.getpid()}"
    work.mkdir(parents=True, exist_ok=True)
    if args.snapshot:
        use_snapshot(work / "source")
    print(f"{os.cpu_count()} cores, load average "
          f"{', '.join(f'{x:.2f}' for x in os.getloadavg())} at start", flush=True)
    results = []
    try:
        with sync_playwright() as p:
            browser = launch_chromium(p)
            try:
                for size in sizes:
                    print(f"{size:,} notes: {args.edits} edits ...", flush=True)
                    results.append(measure_size(size, args.edits, work, browser, args.pause,
                                                args.timeout, args.page == "dashboard"))
            finally:
                browser.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    shown = "the dashboard" if args.page == "dashboard" else "the note's page"
    print(f"\nTime from a note's save to the open page ({shown}) showing the change:\n")
    print(report(results))
    print("\nsave->update: from the save to the start of the page's update (watch, debounce, "
          "build, event);\nserver build: the build time `jobnotes serve` printed (medians). "
          "The rest is the browser loading and drawing the page.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
