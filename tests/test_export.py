"""Exports (CSV, JSON, printable report) and the redacted copy of a vault; the calendar
export is tested in test_export_ics.py."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLE_VAULT, hash_tree, write_vault
from test_schema_export import validate

from jobnotes.build import build_site
from jobnotes.cli import JobnotesGroup
from jobnotes.cli_interop import export
from jobnotes.interop.export_csv import export_csv
from jobnotes.interop.export_json import export_json, export_schema
from jobnotes.interop.redact import drop_private, redact_vault
from jobnotes.interop.report import csp_hash, render_report
from jobnotes.load import load_vault

TODAY = date(2026, 3, 21)
EXAMPLE_TODAY = date(2026, 11, 27)

NOTES = {
    "applications/acme-analyst.md": """\
        ---
        company: Acme
        role: Data Analyst
        status: rejected
        channel: referral
        applied: 2026-03-02
        screening: 2026-03-05
        interviews: [2026-03-10, 2026-03-17]
        rejected: 2026-03-20
        contacts: ["[[Jane Doe]]"]
        salary: "EUR 50,000 / year"
        location: Berlin
        ---

        ## Notes

        Met Jane Doe (jane@acme.example, +46 70 123 45 67). Jane asked about 60k.

        ## Notes (private)

        Money is tight this month.

        ## Feedback

        Doe said the case study was strong. See [[Jane Doe|Jane]].
        """,
    "applications/birch-engineer.md": """\
        ---
        company: Birch
        role: Engineer
        status: applied
        channel: job-board
        applied: 2026-03-01
        next_action: Email Jane about the role
        next_action_date: 2026-03-24
        ---
        """,
    "applications/cobalt-wish.md": """\
        ---
        company: Cobalt
        role: Wish Role
        status: wishlist
        ---
        """,
    "people/Jane Doe.md": """\
        ---
        company: Acme
        role: hiring-manager
        email: jane@acme.example
        linkedin: https://www.linkedin.com/in/jane-doe-1234
        met: 2026-03-10
        ---

        Jane likes cycling. Phone +46 70 123 45 67.
        """,
}


@pytest.fixture
def small(vault):
    return load_vault(vault(NOTES), today=TODAY)


@pytest.fixture(scope="module")
def example():
    return load_vault(EXAMPLE_VAULT, today=EXAMPLE_TODAY)


def cli():
    group = JobnotesGroup()
    group.add_command(export)
    return group


# --- CSV -----------------------------------------------------------------------------------

def test_csv_round_trip_keeps_every_stage_date(example) -> None:
    rows = list(csv.DictReader(io.StringIO(export_csv(example))))
    assert len(rows) == len(example.applications)
    by_note = {row["note_file"]: row for row in rows}
    for app in example.applications:
        row = by_note[app.rel]
        assert (row["company"], row["role"], row["status"]) == (app.company, app.role,
                                                                 app.status)
        for key in ("applied", "screening", "offer", "rejected", "withdrawn", "accepted",
                    "declined", "feedback_requested", "feedback_received"):
            value = getattr(app, key)
            empty = "none" if key == "feedback_requested" and app.feedback_not_possible else ""
            assert row[key] == (value.isoformat() if value else empty), (app.rel, key)
        interviews = [row[f"interview_{n}"] for n in range(1, len(app.interviews) + 1)]
        assert interviews == [d.isoformat() for d in sorted(app.interviews)]
        assert int(row["interview_count"]) == len(app.interviews)
        assert row["contacts"] == "; ".join(app.contacts)
        assert row["outcome"] and row["furthest_stage"]


def test_csv_stage_and_outcome(small) -> None:
    row = next(csv.DictReader(io.StringIO(export_csv(small))))
    assert row["company"] == "Birch"       # sorted by date applied
    rows = {r["company"]: r for r in csv.DictReader(io.StringIO(export_csv(small)))}
    acme = rows["Acme"]
    assert (acme["interview_1"], acme["interview_2"]) == ("2026-03-10", "2026-03-17")
    assert acme["furthest_stage"] == "Interview 2"
    assert acme["outcome"] == "Rejected after interview 2"
    assert rows["Cobalt"]["applied"] == ""


def test_csv_columns_stay_put_as_interviews_are_recorded(tmp_path: Path) -> None:
    note = ("---\ncompany: Acme\nrole: Analyst\nstatus: {status}\nchannel: referral\n"
            "applied: 2026-03-02\n{interviews}---\n")

    def header(count: int) -> list[str]:
        days = [f"2026-03-{10 + n:02d}" for n in range(count)]
        interviews = f"interviews: [{', '.join(days)}]\n" if days else ""
        status = "interviewing" if days else "applied"
        root = write_vault(tmp_path / f"v{count}", {
            "applications/acme.md": note.format(status=status, interviews=interviews)})
        text = export_csv(load_vault(root, today=date(2026, 3, 31)))
        return next(csv.reader(io.StringIO(text)))

    none, two, five = header(0), header(2), header(5)
    assert none == two == five
    assert [c for c in none if c.startswith("interview_")] == [
        "interview_count", *(f"interview_{n}" for n in range(1, 6))]
    six = header(6)             # a longer process than usual gets its own column
    assert six[:len(five)] != five and "interview_6" in six


def test_csv_cells_never_run_as_formulas(vault) -> None:
    root = vault({"applications/x.md": """\
        ---
        company: "=HYPERLINK(\\"http://evil.example\\")"
        role: "+1 analyst"
        status: applied
        channel: job-board
        applied: 2026-03-01
        location: "@home"
        next_action: "-2 days"
        ---
        """})
    text = export_csv(load_vault(root, today=TODAY))
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["company"] == "'=HYPERLINK(\"http://evil.example\")"
    assert row["role"] == "'+1 analyst"
    assert row["location"] == "'@home"
    assert row["next_action"] == "'-2 days"
    assert row["applied"] == "2026-03-01"


def test_csv_to_file_with_bom_and_vault_untouched(vault, tmp_path: Path) -> None:
    root = vault(NOTES)
    before = hash_tree(root)
    out = tmp_path / "out" / "apps.csv"
    result = CliRunner().invoke(cli(), ["export", "csv", str(root), "--today", "2026-03-21",
                                        "--bom", "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == 3
    plain = CliRunner().invoke(cli(), ["export", "csv", str(root), "--today", "2026-03-21"])
    assert plain.output.startswith("company,")
    assert hash_tree(root) == before


def test_csv_to_file_says_how_many_applications_in_plain_english(vault,
                                                                 tmp_path: Path) -> None:
    one = vault({"applications/acme-analyst.md": NOTES["applications/acme-analyst.md"]})
    out = tmp_path / "one.csv"
    result = CliRunner().invoke(cli(), ["export", "csv", str(one), "--today", "2026-03-21",
                                        "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"Wrote 1 application to {out}" in result.output
    vault({"applications/birch-analyst.md":
           NOTES["applications/acme-analyst.md"].replace("Acme", "Birch")})
    result = CliRunner().invoke(cli(), ["export", "csv", str(one), "--today", "2026-03-21",
                                        "-o", str(out)])
    assert f"Wrote 2 applications to {out}" in result.output


@pytest.mark.parametrize("folder", ["applications", "people"])
def test_export_refuses_to_write_among_the_notes(vault, folder: str) -> None:
    root = vault(NOTES)
    before = hash_tree(root)
    target = root / folder / "export.csv"
    result = CliRunner().invoke(cli(), ["export", "csv", str(root), "-o", str(target)])
    assert result.exit_code == 2
    assert "inside the notes folder" in result.output
    assert hash_tree(root) == before


# --- JSON -----------------------------------------------------------------------------------

def test_json_round_trip_matches_its_schema(example) -> None:
    document = json.loads(json.dumps(export_json(example), ensure_ascii=False))
    assert validate(document, export_schema()) == []
    assert document["schema_version"] == 1
    assert len(document["applications"]) == len(example.applications)
    assert len(document["people"]) == len(example.people)
    assert len(document["findings"]) == len(example.diagnostics)
    counts = document["aggregates"]["status_counts"]
    informational = sum(a.is_informational for a in example.applications)
    assert informational == 2
    assert sum(counts.values()) == len(example.applications) - informational
    assert document["aggregates"]["funnel"]["informational"] == informational
    # The scorecard as the dashboard shows it: 10 of the 110 touches due came late (six
    # contacts silent for years before this search, Mattias Krona going cold now).
    network = {p["key"]: p for p in document["aggregates"]["scorecard"]}["network"]
    assert network["figure"] == ("Thank-you notes on time for 66 % of contacts; "
                                 "touches on time: 35 of 45")


def test_json_content(small) -> None:
    document = export_json(small)
    assert validate(json.loads(json.dumps(document)), export_schema()) == []
    acme = next(a for a in document["applications"] if a["company"] == "Acme")
    assert acme["interviews"] == ["2026-03-10", "2026-03-17"]
    assert acme["contacts"] == ["Jane Doe"]
    assert acme["furthest_stage"] == {"key": "interview-2", "label": "Interview 2",
                                      "interviews": 2}
    assert acme["outcome"]["kind"] == "rejected" and acme["outcome"]["date"] == "2026-03-20"
    assert "## Feedback" in acme["body"]
    jane = document["people"][0]
    assert (jane["name"], jane["email"], jane["met"]) == ("Jane Doe", "jane@acme.example",
                                                          "2026-03-10")
    funnel = {s["key"]: s["count"] for s in document["aggregates"]["funnel"]["steps"]}
    assert funnel["applied"] == 2 and funnel["interviewed"] == 1
    assert document["aggregates"]["funnel"]["wishlist"] == 1


def test_json_cli_without_bodies(vault) -> None:
    root = vault(NOTES)
    result = CliRunner().invoke(cli(), ["export", "json", str(root), "--today", "2026-03-21",
                                        "--no-body"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert validate(document, export_schema()) == []
    assert all("body" not in a for a in document["applications"] + document["people"])


# --- report -----------------------------------------------------------------------------------

def test_report_lists_sent_applications_printably(small) -> None:
    html = render_report(small)
    assert "Acme" in html and "Birch" in html
    assert "Cobalt" not in html                              # a wishlist entry was never sent
    assert html.index("Birch") < html.index("Acme")           # by date applied
    text = re.sub(r"<[^>]+>", "", html)                      # as a reader sees it
    assert "Rejected after interview 2" in text and "2026-03-20" in text
    style = re.search(r"<style>(.*)</style>", html, re.S)
    assert style and "@media print" in style.group(1)
    csp = re.search(r'Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert f"'{csp_hash(style.group(1))}'" in csp and "default-src 'none'" in csp
    assert not re.search(r"<(?:link|script|img|iframe)\b", html)


def test_report_period_and_escaping(vault) -> None:
    notes = dict(NOTES)
    notes["applications/evil.md"] = """\
        ---
        company: "<script>alert(1)</script>"
        role: Analyst
        status: applied
        channel: job-board
        applied: 2026-03-15
        ---
        """
    loaded = load_vault(vault(notes), today=TODAY)
    html = render_report(loaded, start=date(2026, 3, 2), end=date(2026, 3, 31))
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert "Birch" not in html and "Acme" in html


def test_report_cli(vault, tmp_path: Path) -> None:
    root = vault(NOTES)
    out = tmp_path / "report.html"
    result = CliRunner().invoke(cli(), ["export", "report", str(root), "--today", "2026-03-21",
                                        "--from", "2026-03-02", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Acme" in out.read_text("utf-8")
    bad = CliRunner().invoke(cli(), ["export", "report", str(root), "--from", "2026-04-01",
                                     "--to", "2026-03-01"])
    assert bad.exit_code == 2 and "after" in bad.output


# --- redaction ------------------------------------------------------------------------------

def test_redacted_vault_keeps_figures_not_names(small) -> None:
    redacted = redact_vault(small)
    text = repr([redacted.applications, redacted.people, redacted.diagnostics])
    for secret in ("Jane", "Doe", "jane@acme.example", "EUR 50,000", "60k", "123 45 67",
                   "linkedin.com", "Money is tight", "cycling"):
        assert secret not in text, secret
    assert [p.name for p in redacted.people] == ["Contact A"]
    acme = next(a for a in redacted.applications if a.company == "Acme")
    original = next(a for a in small.applications if a.company == "Acme")
    assert acme.contacts == ["Contact A"] and "[[Contact A|Contact A]]" in acme.body
    for key in ("status", "applied", "screening", "interviews", "rejected", "channel",
                "location"):
        assert getattr(acme, key) == getattr(original, key)
    assert len(redacted.applications) == len(small.applications)
    assert small.people[0].name == "Jane Doe"            # the original is not changed
    assert redact_vault(small).people[0].name == "Contact A"   # stable


def test_private_sections_are_dropped() -> None:
    body = ("## Notes\n\nkeep\n\n## Private\n\ngone\n\n### sub\n\ngone too\n\n"
            "## Feedback #private\n\ngone\n\n## Post-mortem\n\n```\n## private in code\n```\n"
            "kept %%hidden%%\n")
    result = drop_private(body)
    assert "keep" in result and "## Post-mortem" in result and "## private in code" in result
    assert "gone" not in result and "hidden" not in result


def test_redacted_build_of_the_example_vault_names_no_contact(example, tmp_path: Path) -> None:
    names = {p.name for p in example.people} | {c for a in example.applications
                                                for c in a.contacts}
    emails = {p.email for p in example.people if p.email}
    salaries = {a.salary for a in example.applications if a.salary}
    assert names and emails and salaries
    out = tmp_path / "site"
    build_site(redact_vault(example), out)
    text = "\n".join(p.read_text("utf-8", errors="replace")
                     for p in out.rglob("*") if p.is_file())
    found = [s for s in names | emails | salaries if s in text]
    assert found == []
    parts = {w for name in names for w in re.findall(r"\w{3,}", name)}
    assert [w for w in parts if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text)] == []
    assert "Contact A" in text
    assert len(list((out / "applications").glob("*.html"))) > len(example.applications) // 2


@pytest.mark.browser
def test_report_styles_apply_under_its_csp_in_a_browser(small, tmp_path: Path) -> None:
    from tests.browser import chromium_browser

    path = tmp_path / "report.html"
    path.write_text(render_report(small), encoding="utf-8")
    with chromium_browser() as browser:
        page = browser.new_page()
        problems: list[str] = []
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("request", lambda r: problems.append(r.url)
                if not r.url.startswith("file:") else None)
        page.goto(path.as_uri())
        collapse = page.evaluate(
            "getComputedStyle(document.querySelector('table')).borderCollapse")
        assert collapse == "collapse"            # the inline stylesheet was allowed
        page.emulate_media(media="print")
        size = page.evaluate("getComputedStyle(document.body).fontSize")
        assert size == "13.3333px"               # the print rules apply (10pt)
        assert problems == []
