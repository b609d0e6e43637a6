"""A ✅ done date in a task list that cannot be right gets a warning at its line."""

from __future__ import annotations

from datetime import date

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from jobnotes.cli import main
from jobnotes.schema_tasks import done_date_findings
from tests.conftest import APPLIED_NOTE, write_vault

TODAY = date(2026, 11, 27)
PLAN = """
## Post-mortem

### Action plan

- [x] Mock interview with a friend ✅ {first}
- [ ] Rewrite the summary
"""


def check(tmp_path, body: str) -> str:
    root = write_vault(tmp_path / "vault", {"applications/acme.md": APPLIED_NOTE + body})
    result = CliRunner().invoke(main, ["check", str(root), "--today", TODAY.isoformat()])
    assert "Traceback" not in result.output
    return result.output


def test_an_impossible_done_date_is_named_at_its_line_and_column(tmp_path):
    out = check(tmp_path, PLAN.format(first="2026-02-30"))
    # The front matter has 7 lines; the task is the 6th line of the body.
    assert ("applications/acme.md:13:38: warning: the task's done date 2026-02-30 is not a "
            "real date (February 2026 has 28 days) [done-date]") in out
    assert "the last day of February 2026 is 2026-02-28" in out


def test_a_done_date_after_today_is_a_warning(tmp_path):
    out = check(tmp_path, PLAN.format(first="2026-12-05"))
    assert ("warning: the task is marked done on 2026-12-05, after today (2026-11-27) "
            "[done-date]") in out
    assert "counts as a win from that day" in out


def test_an_unpadded_done_date_is_told_how_to_write_it(tmp_path):
    out = check(tmp_path, PLAN.format(first="2026-3-4"))
    assert "the task's done date 2026-3-4 is not written as YYYY-MM-DD" in out
    assert "write it as 2026-03-04" in out


def test_good_dates_code_and_words_after_the_mark_are_left_alone(tmp_path):
    body = PLAN.format(first="2026-11-20") + (
        "\n```\n- [x] an example ✅ 2026-02-30\n```\n\n"
        "- [x] Ship it ✅ tomorrow\n"
        "Plain text with ✅ 2026-02-31 is not a task.\n")
    assert "done-date" not in check(tmp_path, body)


def test_a_person_note_is_checked_too(tmp_path):
    root = write_vault(tmp_path / "vault", {
        "applications/acme.md": APPLIED_NOTE,
        "people/Jane Doe.md": "---\ncompany: Acme\n---\n- [x] Coffee chat ✅ 2026-13-01\n"})
    out = CliRunner().invoke(main, ["check", str(root), "--today", "2026-11-27"]).output
    assert ("people/Jane Doe.md:4:21: warning: the task's done date 2026-13-01 is not a real "
            "date (there is no month 13)") in out


@given(st.text(alphabet="- [x]✅0123456789\n>`~*.)ab ", max_size=200))
def test_any_body_gives_findings_not_errors(body: str) -> None:
    for finding in done_date_findings("a.md", body, 5, TODAY):
        assert finding.rule == "done-date" and finding.line >= 5 and finding.column >= 1
