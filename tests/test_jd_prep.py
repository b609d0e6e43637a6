"""Interview prep: skills to prepare stories for, gaps to prepare answers for, and the
#improve themes of earlier post-mortems."""

from __future__ import annotations

from datetime import date

from jobnotes.jd.prep import earlier_improve_themes, next_interview, prep_panel, upcoming_prep
from jobnotes.load import load_vault
from jobnotes.model import Application
from jobnotes.settings import Settings

TODAY = date(2024, 6, 14)
SETTINGS = Settings(skills=["SQL", "Python", "Tableau"], learning=["dbt"])


def rejected_note(company: str, rejected: str, tags: list[str]) -> str:
    lines = "\n".join(f"- {tag}" for tag in tags)
    return f"""\
---
company: {company}
role: Analyst
status: rejected
channel: job-board
applied: 2024-04-01
interviews: [2024-04-20]
rejected: {rejected}
---

## Post-mortem

### What to improve

{lines}
"""


UPCOMING = """\
---
company: Nimbus
role: Data Analyst
status: interviewing
channel: referral
applied: 2024-05-20
interviews: [2024-06-03, 2024-06-18, 2024-06-25]
---

## Job description

You will work in SQL and Python every day, with dbt models on Snowflake.

Nice to have:
- Tableau
- Looker
"""


def load(vault, files: dict[str, str]):
    root = vault(files)
    loaded = load_vault(root, today=TODAY, settings=SETTINGS)
    assert not [d for d in loaded.diagnostics if d.is_error], loaded.diagnostics
    return loaded


def files() -> dict[str, str]:
    return {
        "applications/nimbus.md": UPCOMING,
        "applications/acme.md": rejected_note(
            "Acme", "2024-05-02", ["#improve/behavioral-answers", "#improve/sql-speed"]),
        "applications/beta.md": rejected_note(
            "Beta", "2024-05-20", ["#improve/behavioral-answers", "#strength/sql"]),
        "applications/gamma.md": rejected_note(
            "Gamma", "2024-06-01", ["#improve/behavioral-answers", "#improve/questions"]),
        # Rejected today: not "earlier" yet.
        "applications/delta.md": rejected_note("Delta", "2024-06-14", ["#improve/late"]),
    }


def by_stem(loaded, stem: str) -> Application:
    return next(a for a in loaded.applications if a.stem == stem)


def test_prep_panel_for_the_next_interview(vault):
    loaded = load(vault, files())
    nimbus = by_stem(loaded, "nimbus")
    panel = prep_panel(nimbus, loaded.applications, SETTINGS, TODAY)
    assert panel is not None
    assert (panel.interview, panel.round, panel.days) == (date(2024, 6, 18), 2, 4)
    assert [s.name for s in panel.stories] == ["SQL", "Python", "Tableau"]
    assert [(s.name, s.status, s.required) for s in panel.gaps] == [
        ("dbt", "learning", True), ("Snowflake", "gap", True), ("Looker", "gap", False)]
    assert panel.match.percent == 50      # (2 + 0.25) / (4 + 0.5)


def test_prep_themes_most_frequent_first_with_links(vault):
    loaded = load(vault, files())
    panel = prep_panel(by_stem(loaded, "nimbus"), loaded.applications, SETTINGS, TODAY)
    assert panel is not None
    themes = panel.themes
    assert [(t.tag, t.count) for t in themes] == [
        ("improve/behavioral-answers", 3),
        ("improve/questions", 1),            # most recent first among equal counts
        ("improve/sql-speed", 1),
    ]
    top = themes[0]
    assert top.label == "behavioral answers"
    assert [n.rel for n in top.notes] == [
        "applications/gamma.md", "applications/beta.md", "applications/acme.md"]
    assert all(n.line == 15 for n in top.notes)  # the line of the tag in the note
    text = (loaded.root / "applications/gamma.md").read_text().splitlines()
    assert "#improve/behavioral-answers" in text[14]


def test_no_panel_without_an_upcoming_interview(vault):
    loaded = load(vault, files())
    acme = by_stem(loaded, "acme")
    assert next_interview(acme, TODAY) is None
    assert prep_panel(acme, loaded.applications, SETTINGS, TODAY) is None


def test_an_interview_today_is_upcoming():
    app = Application(rel="applications/a.md", slug="a", stem="a", company="A", role="R",
                      status="interviewing", interviews=[date(2024, 6, 14)])
    assert next_interview(app, TODAY) == (date(2024, 6, 14), 1)
    panel = prep_panel(app, [app], SETTINGS, TODAY)
    assert panel is not None and panel.days == 0 and panel.themes == ()


def test_upcoming_prep_lists_the_coming_week(vault):
    later = UPCOMING.replace("Nimbus", "Orbit").replace(
        "[2024-06-03, 2024-06-18, 2024-06-25]", "[2024-06-22]")
    soon = UPCOMING.replace("Nimbus", "Pulsar").replace(
        "[2024-06-03, 2024-06-18, 2024-06-25]", "[2024-06-15]")
    loaded = load(vault, {**files(), "applications/orbit.md": later,
                          "applications/pulsar.md": soon})
    panels = upcoming_prep(loaded.applications, SETTINGS, TODAY)
    assert [(p.title, p.interview.isoformat()) for p in panels] == [
        ("Pulsar — Data Analyst", "2024-06-15"), ("Nimbus — Data Analyst", "2024-06-18")]
    assert upcoming_prep(loaded.applications, SETTINGS, TODAY, days=10)[-1].title.startswith(
        "Orbit")


def test_earlier_themes_leave_out_the_note_itself(vault):
    loaded = load(vault, files())
    themes = earlier_improve_themes(loaded.applications, TODAY,
                                    exclude="applications/gamma.md")
    assert [(t.tag, t.count) for t in themes] == [
        ("improve/behavioral-answers", 2), ("improve/sql-speed", 1)]


def test_panel_json_shape(vault):
    loaded = load(vault, files())
    panel = prep_panel(by_stem(loaded, "nimbus"), loaded.applications, SETTINGS, TODAY)
    assert panel is not None
    data = panel.as_dict()
    assert data["interview"] == "2024-06-18" and data["round"] == 2
    assert [s["name"] for s in data["stories"]] == ["SQL", "Python", "Tableau"]
    assert data["themes"][0]["notes"][0] == {
        "rel": "applications/gamma.md", "slug": "gamma", "title": "Gamma — Analyst",
        "line": 15, "rejected": "2024-06-01"}
