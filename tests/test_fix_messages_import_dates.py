"""`jobnotes import`: the day/month order is called settled only by a date that settles it."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from jobnotes.cli import main

USER_CSV = ("Company,Role,Status,Applied\nInitech,Data Engineer,Applied,11/05/2026\n"
            'Wayne,"Analyst, BI",Ghosted,3.9.2026\n')


@pytest.fixture
def root(vault) -> Path:
    return vault({"jobnotes.toml": "", "applications/.keep": ""})


def preview(root: Path, tmp_path: Path, text: str, *args: str):
    path = tmp_path / "jobs.csv"
    path.write_text(text, encoding="utf-8")
    return CliRunner().invoke(main, ["import", str(path), "--vault", str(root),
                                     "--today", "2026-11-27", *args])


def dates_line(output: str) -> str:
    return next(line for line in output.splitlines() if line.startswith("Dates:"))


def test_ambiguous_dates_are_a_guess_that_names_the_switch(root: Path, tmp_path: Path) -> None:
    result = preview(root, tmp_path, USER_CSV)
    assert result.exit_code == 0, result.output
    assert dates_line(result.output) == (
        "Dates: day first, a guess: no date in the file has a day above 12 to settle it, "
        "and dots as in `3.9.2026` usually put the day first. If `11/05/2026` is November 5 "
        "(not 11 May), run again with --monthfirst.")
    assert "2026-05-11" in result.output and "2026-09-03" in result.output


def test_the_switch_reads_them_month_first(root: Path, tmp_path: Path) -> None:
    result = preview(root, tmp_path, USER_CSV, "--monthfirst")
    assert result.exit_code == 0, result.output
    assert dates_line(result.output) == "Dates: month first (--monthfirst)."
    assert "2026-11-05" in result.output and "2026-03-09" in result.output


def test_only_dotted_dates_name_the_dotted_one(root: Path, tmp_path: Path) -> None:
    result = preview(root, tmp_path, "Company,Role,Applied\nAcme,Analyst,3.9.2026\n")
    assert dates_line(result.output).endswith(
        "If `3.9.2026` is March 9 (not 3 September), run again with --monthfirst.")


def test_a_day_above_12_settles_the_order(root: Path, tmp_path: Path) -> None:
    result = preview(root, tmp_path, USER_CSV + "Acme,Analyst,Applied,13/02/2026\n")
    assert dates_line(result.output) == "Dates: day first, as `13/02/2026` shows."


def test_a_month_first_date_settles_the_order(root: Path, tmp_path: Path) -> None:
    text = "Company,Role,Applied\nAcme,Analyst,02/13/2026\nBirch,Analyst,03/05/2026\n"
    result = preview(root, tmp_path, text)
    assert dates_line(result.output) == "Dates: month first, as `02/13/2026` shows."
    assert "2026-03-05" in result.output


def test_dots_against_a_month_first_date_ask_for_the_order(root: Path, tmp_path: Path) -> None:
    text = "Company,Role,Applied\nAcme,Analyst,02/13/2026\nBirch,Analyst,3.9.2026\n"
    result = preview(root, tmp_path, text)
    assert result.exit_code == 2
    assert ("line 3: the date `3.9.2026` could be day/month or month/day, and the file's "
            "dates disagree (`02/13/2026` puts the month first, but dots as in `3.9.2026` "
            "usually put the day first). Run again with --dayfirst") in result.output
