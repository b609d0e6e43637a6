"""`jobnotes skills`: every application by match, or one in detail, as text or JSON."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from jobnotes.cli import JobnotesGroup
from jobnotes.cli_skills import skills

TODAY = "2024-06-14"

SETTINGS = """\
[skills]
have = ["SQL", "Python", "Tableau"]
learning = ["dbt"]
"""

NIMBUS = """\
---
company: Nimbus
role: Data Analyst
status: interviewing
channel: referral
applied: 2024-05-20
interviews: [2024-06-03, 2024-06-18]
skills: [SQL, Snowflake]
---

## Job description

You will work in SQL and Python every day, with dbt models on Snowflake.

Nice to have:
- Tableau
"""

ACME = """\
---
company: Acme
role: Analyst
status: rejected
channel: job-board
applied: 2024-04-01
interviews: [2024-04-20]
rejected: 2024-05-02
---

## Job description

SQL and Tableau.

## Post-mortem

### What to improve

- #improve/behavioral-answers
"""

BAKERY = """\
---
company: Crumb
role: Baker
status: applied
channel: other
applied: 2024-06-01
---

## Job description

Early starts and good coffee.
"""


@pytest.fixture
def root(vault):
    return vault({"jobnotes.toml": SETTINGS, "applications/nimbus.md": NIMBUS,
                  "applications/acme-analyst.md": ACME, "applications/crumb.md": BAKERY})


def run(*args: str):
    group = JobnotesGroup(commands={"skills": skills})
    return CliRunner().invoke(group, ["skills", *args, "--today", TODAY])


def test_all_applications_best_match_first(root):
    result = run(str(root))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["100", "%", "Acme", "—", "Analyst", "2", "of", "2", "required"]
    assert lines[1].startswith(" 53 %  Nimbus — Data Analyst")
    assert lines[1].endswith("2 of 4 required, 1 of 1 nice to have; missing: dbt (learning), "
                             "Snowflake")
    assert lines[2].startswith("    —  Crumb — Baker")
    assert lines[2].endswith("no known skill in the job description")
    assert "Stage reached by match score (applications sent):" in result.output
    assert "  above 75 %     1 sent   response 1 (100 %)   interview 1 (100 %)   offer 0 (0 %)" \
        in lines
    assert "  1 sent without any known skill are not counted." in lines
    assert lines[-1].startswith("Score: skills you have / skills asked for")


def test_one_note_in_detail_with_its_prep(root):
    result = run(str(root), "nimbus")
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("Nimbus — Data Analyst\napplications/nimbus.md\n"
                          "Match: 53 % (2 of 4 required, 1 of 1 nice to have)\n")
    assert "  SQL                          have      line 13\n" in out
    assert "  Python                       have      line 13   not listed\n" in out
    assert "  dbt                          learning  line 13   not listed\n" in out
    assert "\nNice to have\n  Tableau                      have      line 16" in out
    assert "Missing: dbt (learning), Snowflake\n" in out
    assert "Interview prep: interview 2 on Tuesday 18 June (in 4 days)\n" in out
    assert "  Prepare a story for: SQL, Python, Tableau\n" in out
    assert "  Prepare an answer for: dbt (learning), Snowflake\n" in out
    assert "    #improve/behavioral-answers (1 note)\n" in out
    assert "      applications/acme-analyst.md:19  Acme — Analyst\n" in out


def test_note_by_path_from_inside_the_vault(root, monkeypatch):
    monkeypatch.chdir(root / "applications")
    result = run("acme-analyst.md")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Acme — Analyst\napplications/acme-analyst.md\n")
    assert "Interview prep" not in result.output


def test_note_by_unique_prefix_and_stem_case(root):
    assert run(str(root), "ACME").output.startswith("Acme — Analyst\n")


def test_json_for_all(root):
    result = run(str(root), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["today"] == TODAY and data["optional_weight"] == 0.25
    assert [a["slug"] for a in data["applications"]] == ["acme-analyst", "nimbus", "crumb"]
    nimbus = data["applications"][1]
    assert nimbus["percent"] == 53 and nimbus["band"] == "50-75"
    assert nimbus["missing"] == ["dbt", "Snowflake"]
    assert [b["applications"] for b in data["payoff"]["bands"]] == [0, 1, 1]
    assert data["payoff"]["unscored"] == 1


def test_json_for_one_note(root):
    data = json.loads(run(str(root), "nimbus", "--format", "json").output)
    assert data["match"]["rel"] == "applications/nimbus.md"
    skills_by_name = {s["name"]: s for s in data["match"]["skills"]}
    assert skills_by_name["Tableau"]["required"] is False
    assert data["prep"]["interview"] == "2024-06-18"
    assert data["prep"]["themes"][0]["tag"] == "improve/behavioral-answers"
    assert json.loads(run(str(root), "acme-analyst", "--format", "json").output)["prep"] is None


def test_unknown_note_is_a_clear_error(root):
    result = run(str(root), "nimbsu")
    assert result.exit_code == 2
    assert "no application note named nimbsu" in result.output
    assert "Did you mean nimbus?" in result.output
    assert "Traceback" not in result.output


def test_missing_vault_folder_is_a_clear_error(tmp_path):
    result = run(str(tmp_path / "nowhere"), "nimbus")
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_notes_with_errors_are_reported_as_left_out(vault):
    root = vault({"applications/nimbus.md": NIMBUS,
                  "applications/broken.md": "---\ncompany: X\n---\n"})
    result = run(str(root))
    assert result.exit_code == 0
    assert "1 note with errors left out; run `jobnotes check` to see them." in result.output


def test_empty_vault(vault):
    root = vault({"jobnotes.toml": SETTINGS})
    assert run(str(root)).output.startswith("No application notes found.")


def test_an_informational_interview_note(vault):
    note = NIMBUS.replace("status: interviewing", "status: interviewing\ntype: informational")
    root = vault({"applications/nimbus.md": note})
    result = run(str(root), "nimbus")
    assert result.exit_code == 0, result.output
    assert "Interview prep" not in result.output


@pytest.mark.parametrize("name", ["binary", "Binary", "binary.md", "applications/binary.md",
                                  "broken"])
def test_a_note_with_errors_says_so_and_points_to_check(vault, name):
    root = vault({"applications/nimbus.md": NIMBUS,
                  "applications/binary.md": b"\xff\xfe---\ncompany: X\n",
                  "applications/broken.md": "---\nrole: Analyst\nstatus: applied\n---\n"})
    result = run(str(root), name)
    assert result.exit_code == 2
    rel = "applications/broken.md" if name == "broken" else "applications/binary.md"
    assert (f"Error: the application note {rel} has errors, so it cannot be shown; "
            "run `jobnotes check` to see them and fix the note.") in result.output
    assert "no application note named" not in result.output
    assert "Traceback" not in result.output


def test_before_you_list_your_skills_no_application_scores_zero(vault, tmp_path):
    """A new vault has `have = []`: every application would score 0 %; instead each says
    where to list your skills, in the terminal and on the site."""
    root = vault({"jobnotes.toml": "[skills]\nhave = []\n", "applications/nimbus.md": NIMBUS,
                  "applications/acme.md": ACME})
    result = run(str(root), "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert "0 %" not in result.output
    why = "list your own skills in jobnotes.toml ([skills] have = [...]) to get one"
    assert result.output.count(why) == 3          # both applications, and the bands
    data = json.loads(run(str(root), "--today", TODAY, "--format", "json").output)
    assert {m["percent"] for m in data["applications"]} == {None}

    from jobnotes.cli import main
    out = tmp_path / "site"
    built = CliRunner().invoke(main, ["build", str(root), "-o", str(out), "--today", TODAY])
    assert built.exit_code == 0, built.output
    page = (out / "applications" / "nimbus.html").read_text()
    assert "No score yet: list your own skills in <code>jobnotes.toml</code>" in page
    assert "<dt>Match</dt>" not in page
    assert "No scores yet: list your own skills" in (out / "skills.html").read_text()
