"""`jobnotes serve` left running past midnight shows the new day's agenda without a save."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from jobnotes.serve import session as session_module
from jobnotes.serve.session import ServeSession
from tests.conftest import copy_example


class _Clock(date):
    """``date`` whose ``today()`` a test sets."""

    now = date(2026, 11, 27)

    @classmethod
    def today(cls) -> date:  # type: ignore[override]
        return cls.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> type[_Clock]:
    monkeypatch.setattr(session_module, "date", _Clock)
    monkeypatch.setattr(_Clock, "now", date(2026, 11, 27))
    return _Clock


def _dashboard(session: ServeSession) -> str:
    page = session.site.state.files.get("index.html")
    assert page is not None
    return page.decode("utf-8")


def test_past_midnight_the_dashboard_is_about_the_new_day(tmp_path: Path, clock) -> None:
    root = copy_example(tmp_path / "vault")
    lines: list[str] = []
    session = ServeSession(root, echo=lines.append)
    session.rebuild()
    session.coalescer.start()
    try:
        assert '<time datetime="2026-11-27">Friday 27 November 2026' in _dashboard(session)
        session.check_day()                     # the same day: nothing to do
        assert session.coalescer.wait_idle()
        assert sum(line.startswith("Built in") for line in lines) == 1
        clock.now = date(2026, 11, 28)
        session.check_day()
        session.check_day()                     # asked for once, however often it looks
        assert session.coalescer.wait_idle()
        page = _dashboard(session)
        assert '<time datetime="2026-11-28">Saturday 28 November 2026' in page
        assert "2026-11-27" not in page.split('class="eyebrow"')[1][:80]
        assert [line for line in lines if "new day" in line] == [
            "A new day (2026-11-28): building again."]
        assert sum(line.startswith("Built in") for line in lines) == 2
    finally:
        session.close()


def test_with_today_given_the_day_never_moves(tmp_path: Path, clock) -> None:
    root = copy_example(tmp_path / "vault")
    lines: list[str] = []
    session = ServeSession(root, today=date(2026, 11, 27), echo=lines.append)
    session.rebuild()
    session.coalescer.start()
    try:
        clock.now = date(2026, 11, 29)
        session.check_day()
        assert session.coalescer.wait_idle()
        assert '<time datetime="2026-11-27">' in _dashboard(session)
        assert sum(line.startswith("Built in") for line in lines) == 1
    finally:
        session.close()


TICKED = """\
---
company: Tick Tock
role: Analyst
status: applied
channel: job-board
applied: 2026-11-02
---

## Notes
- [x] Sent the portfolio ✅ 2026-11-28
"""


def test_the_new_day_reads_again_only_the_notes_whose_check_may_differ(
        tmp_path: Path, clock, notes_read: list[str]) -> None:
    root = copy_example(tmp_path / "vault")
    (root / "applications/tick-tock.md").write_text(TICKED, encoding="utf-8")
    session = ServeSession(root, echo=lambda line: None)
    session.rebuild()
    session.coalescer.start()
    try:
        everything = len(notes_read)
        notes_read.clear()
        assert "after today" in str(session.site.state.findings)
        clock.now = date(2026, 11, 28)
        session.check_day()
        assert session.coalescer.wait_idle()
        assert "applications/tick-tock.md" in notes_read
        assert len(notes_read) < everything / 2
        fresh = ServeSession(root, echo=lambda line: None)
        fresh.rebuild()
        assert session.site.state.findings == fresh.site.state.findings
        assert "after today" not in str(session.site.state.findings)
        for page in ("index.html", "applications/index.html", "problems.html",
                     "applications/tick-tock.html"):
            shown = session.site.state.files.get(page)
            assert shown is not None and shown == fresh.site.state.files.get(page), page
        fresh.close()
    finally:
        session.close()
