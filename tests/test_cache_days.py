"""Notes checked on one day are reused on the next only where the check says the same.

The first ``check`` or build of a morning need not read every note again: a note without
findings holds on every later day from its latest date compared with today. Whatever the
order of the days (a user may also pass an earlier ``--today``), the findings and the site
are those a run without any cache gives.
"""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobnotes.checkday import CheckDay, holds_from, holds_on
from jobnotes.cli import main
from tests.conftest import hash_tree, write_vault

CLEAN = """\
---
company: {company}
role: Data Analyst
status: applied
channel: job-board
applied: 2026-11-02
---

## Notes
- [x] Sent a thank-you email ✅ 2026-11-03
"""

# A task ticked on 28 November: a date after today on the 27th, fine from the 28th.
TICKED_ON_28 = CLEAN.format(company="Tick").replace("2026-11-03", "2026-11-28")
# Applied on 28 November: the same for a stage date in the front matter.
APPLIED_ON_28 = CLEAN.format(company="Stage").replace("applied: 2026-11-02",
                                                      "applied: 2026-11-28")
# A date written as "yes": its hint quotes today's date as an example.
DATE_AS_YES = CLEAN.format(company="Initech").replace("applied: 2026-11-02", "applied: yes")


def _check(root: Path, day: str, *, cached: bool = True) -> str:
    env = None if cached else {"JOBNOTES_CACHE": "off"}
    result = CliRunner().invoke(main, ["check", str(root), "--today", day], env=env)
    assert result.exit_code in (0, 1), result.output
    return result.output


def test_the_next_morning_only_notes_with_findings_are_read_again(tmp_path, notes_read):
    root = write_vault(tmp_path / "vault", {
        "applications/acme.md": CLEAN.format(company="Acme"),
        "applications/globex.md": CLEAN.format(company="Globex"),
        "applications/yes.md": DATE_AS_YES,
    })
    first = _check(root, "2026-11-27")
    assert "for example applied: 2026-11-27" in first
    assert sorted(notes_read) == ["applications/acme.md", "applications/globex.md",
                             "applications/yes.md"]
    notes_read.clear()
    second = _check(root, "2026-11-28")
    assert notes_read == ["applications/yes.md"]
    assert "for example applied: 2026-11-28" in second and "2026-11-27" not in second
    assert second == _check(root, "2026-11-28", cached=False)


@pytest.mark.parametrize("note", [TICKED_ON_28, APPLIED_ON_28, DATE_AS_YES],
                         ids=["task-date", "stage-date", "hint-quotes-today"])
def test_findings_follow_the_day_in_any_order_of_days(tmp_path, note):
    root = write_vault(tmp_path / "vault", {"applications/a.md": note})
    for day in ["2026-11-27", "2026-11-28", "2026-11-27", "2026-11-30", "2026-11-26",
                "2026-11-28"]:
        assert _check(root, day) == _check(root, day, cached=False), day
    quoted = "after today" if note is not DATE_AS_YES else "for example applied: 2026-11-2"
    assert quoted in _check(root, "2026-11-27")
    assert ("after today" not in _check(root, "2026-11-28") if note is not DATE_AS_YES
            else "for example applied: 2026-11-28" in _check(root, "2026-11-28"))


def test_the_site_of_a_new_day_is_the_one_a_build_without_cache_writes(tmp_path):
    root = write_vault(tmp_path / "vault", {
        "applications/tick.md": TICKED_ON_28,
        "applications/stage.md": APPLIED_ON_28,
        "applications/acme.md": CLEAN.format(company="Acme"),
    })
    out = tmp_path / "site"
    for day in ["2026-11-27", "2026-11-28", "2026-11-27"]:
        built = CliRunner().invoke(main, ["build", str(root), "-o", str(out), "--today", day])
        assert built.exit_code == 0, built.output
        fresh = tmp_path / f"fresh-{day}"
        CliRunner().invoke(main, ["build", str(root), "-o", str(fresh), "--today", day,
                                  "--no-cache"])
        assert hash_tree(out) == hash_tree(fresh), day


_DAYS = st.integers(min_value=-4, max_value=4).map(lambda n: date(2026, 11, 27) + timedelta(n))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(applied=_DAYS, ticked=st.none() | _DAYS, days=st.lists(_DAYS, min_size=1, max_size=4))
def test_a_cached_check_says_what_a_fresh_one_says_on_every_day(applied, ticked, days):
    note = CLEAN.format(company="Acme").replace("applied: 2026-11-02",
                                                f"applied: {applied.isoformat()}")
    note = note.replace("✅ 2026-11-03", f"✅ {ticked.isoformat()}" if ticked else "")
    with tempfile.TemporaryDirectory() as folder:
        root = write_vault(Path(folder) / "vault", {"applications/a.md": note})
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("JOBNOTES_CACHE_DIR", str(Path(folder) / "cache"))
            for day in days:
                assert _check(root, day.isoformat()) == _check(root, day.isoformat(),
                                                               cached=False)


def test_a_check_day_notes_how_the_check_used_it():
    def used(how) -> date | None:  # type: ignore[no-untyped-def]
        today = CheckDay(date(2026, 11, 27))
        how(today)
        return holds_from([], today)

    assert used(lambda today: None) == date.min
    # Earlier dates compared with it, either way round: the same answer from the day after.
    assert used(lambda t: (date(2026, 11, 20) > t, t >= date(2026, 11, 25))) == date(2026, 11, 26)
    # Today or a later date compared, or any other use: this very day only.
    for use in (lambda t: date(2026, 11, 27) == t, lambda t: date(2026, 11, 29) > t,
                lambda t: t.year, lambda t: t.isoformat(), lambda t: f"{t}", lambda t: str(t),
                lambda t: t + timedelta(days=1), lambda t: t - date(2026, 1, 1),
                lambda t: hash(t), lambda t: t.replace(day=1), lambda t: t.toordinal()):
        assert used(use) is None
    today = CheckDay(date(2026, 11, 27))
    assert today == date(2026, 11, 27) and isinstance(today, date)
    assert holds_from(["a finding"], CheckDay(date(2026, 11, 27))) is None
    assert holds_on(date(2026, 11, 30), date(2026, 11, 27), date(2026, 11, 20))
    assert not holds_on(date(2026, 11, 19), date(2026, 11, 27), date(2026, 11, 20))
    assert holds_on(date(2026, 11, 27), date(2026, 11, 27), None)
    assert not holds_on(date(2026, 11, 28), date(2026, 11, 27), None)
