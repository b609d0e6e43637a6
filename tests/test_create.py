"""init and new: the right files, valid YAML, and never an overwrite."""

from __future__ import annotations

from datetime import date

import pytest
import yaml
from conftest import hash_tree
from hypothesis import given, settings
from hypothesis import strategies as st

from jobnotes.create import init_vault, new_application, new_person, slugify, yaml_text
from jobnotes.errors import JobnotesError, UsageError
from jobnotes.load import load_vault
from jobnotes.settings import Settings, load_settings, settings_template

TODAY = date(2024, 5, 14)


def front_matter(path):
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    return yaml.safe_load(text.split("---\n")[1])


def test_init_lays_out_an_empty_folder(tmp_path):
    root = tmp_path / "search"
    result = init_vault(root)
    names = sorted(str(p.relative_to(root)) for p in result.created)
    assert names == [".gitignore", "applications", "jobnotes.toml", "people",
                     "templates/application.md", "templates/person.md"]
    assert result.skipped == []
    assert (root / "jobnotes.toml").read_text() == settings_template()
    assert "_site/" in (root / ".gitignore").read_text().splitlines()
    assert load_settings(root) == (Settings(), [])


def test_application_template_has_every_key_and_section(tmp_path):
    init_vault(tmp_path)
    text = (tmp_path / "templates/application.md").read_text()
    keys = yaml.safe_load(text.split("---\n")[1].replace("{{date}}", "2024-01-01"))
    assert {"company", "role", "status", "channel", "applied", "screening", "interviews",
            "offer", "rejected", "withdrawn", "accepted", "declined", "feedback_requested",
            "feedback_received", "contacts", "skills", "type", "location", "url", "salary",
            "resume", "tags", "next_action", "next_action_date", "excitement"} <= set(keys)
    assert "applied: {{date}}" in text
    for heading in ("## Job description", "## Notes", "## Feedback", "## Post-mortem",
                    "### Job description match", "### Resume and cover letter",
                    "### Screening", "### Interviews", "### Follow-up", "### What went well",
                    "### What to improve", "### Action plan"):
        assert f"\n{heading}\n" in text
    assert "\n- [ ] " in text


def test_init_never_touches_an_existing_vault(vault):
    root = vault({
        "jobnotes.toml": '[folders]\napplications = "jobs"\n',
        ".gitignore": "*.tmp\n",
        "templates/person.md": "mine\n",
        ".obsidian/app.json": "{}",
        "Daily/2024-05-01.md": "# a day\n",
    })
    before = hash_tree(root)
    result = init_vault(root)
    after = hash_tree(root)
    assert {k: after[k] for k in before} == before
    assert sorted(str(p.relative_to(root)) for p in result.skipped) == [
        ".gitignore", "jobnotes.toml", "templates/person.md"]
    assert (root / "jobs").is_dir()           # the folder names of the existing settings
    assert not (root / "applications").exists()
    assert init_vault(root).created == []


def test_init_refuses_a_file(tmp_path):
    (tmp_path / "f").write_text("x")
    with pytest.raises(UsageError):
        init_vault(tmp_path / "f")


def test_new_application_from_the_built_in_template(tmp_path):
    path = new_application(tmp_path, Settings(), "Acme", "Data Analyst", today=TODAY,
                           channel="referral", url="https://acme.example/jobs/42")
    assert path == tmp_path / "applications/acme-data-analyst.md"
    data = front_matter(path)
    assert data["company"] == "Acme" and data["role"] == "Data Analyst"
    assert (data["status"], data["applied"], data["channel"]) == ("applied", TODAY, "referral")
    assert data["url"] == "https://acme.example/jobs/42"
    assert data["screening"] is None and data["interviews"] == []
    assert "## Post-mortem" in path.read_text()


def test_new_notes_read_back_without_problems(tmp_path):
    init_vault(tmp_path)
    settings = Settings()
    new_application(tmp_path, settings, "Acme", "Analyst", today=TODAY, channel="job-board")
    new_application(tmp_path, settings, "Globex", "Engineer", today=TODAY, status="wishlist")
    new_person(tmp_path, settings, "Jane Doe", today=TODAY, company="Acme", role="recruiter")
    loaded = load_vault(tmp_path, today=TODAY)
    assert [d.as_text() for d in loaded.diagnostics] == []
    wish = next(a for a in loaded.applications if a.company == "Globex")
    assert (wish.status, wish.applied) == ("wishlist", None)


def test_second_identical_new_gets_a_suffix_and_keeps_the_first(tmp_path):
    first = new_application(tmp_path, Settings(), "Acme", "Analyst", today=TODAY)
    original = first.read_bytes()
    second = new_application(tmp_path, Settings(), "Acme", "Analyst", today=TODAY, again=True)
    third = new_application(tmp_path, Settings(), "ACME", "analyst", today=TODAY, again=True)
    assert [p.name for p in (first, second, third)] == [
        "acme-analyst.md", "acme-analyst-2.md", "acme-analyst-3.md"]
    assert first.read_bytes() == original


@pytest.mark.parametrize("company, role", [
    ("Yes", "No"), ("Acme: Labs", "Analyst #2"), ("#hashtag", "- dash"), ("null", "true"),
    ('Say "hi" \\ bye', "12:30"), ("2024-05-01", "1e3"), ("[[Acme]]", "{role}"),
    ("Zürich Café", "Ingénieur·e"), ("& anchor", "*alias"), ("@at", "`tick`"),
    ("O'Brien & Sons", "'quoted'"), ("{{company}}", "{{date}}"),
])
def test_tricky_names_give_yaml_that_reads_back_the_same(tmp_path, company, role):
    path = new_application(tmp_path, Settings(), company, role, today=TODAY)
    data = front_matter(path)
    assert (data["company"], data["role"]) == (company, role)


def test_vault_template_is_used_and_filled(vault):
    root = vault({"templates/application.md": """\
        ---
        company: "{{company}}"
        role: {{role}}
        status: applied
        channel: job-board
        applied: {{date}}
        title: "{{company}} / {{role}}"
        ---
        # {{title}}
        Added {{date:DD.MM.YYYY}} for {{company}}; {{time}} stays.
        """})
    path = new_application(root, Settings(), 'Acme: "Labs"', "Analyst", today=TODAY)
    data = front_matter(path)
    assert data == {"company": 'Acme: "Labs"', "role": "Analyst", "status": "applied",
                    "channel": "job-board", "applied": TODAY,
                    "title": 'Acme: "Labs" / Analyst'}
    body = path.read_text().split("---\n", 2)[2]
    assert body == ('# acme-labs-analyst\nAdded 14.05.2024 for Acme: "Labs"; '
                    "{{time}} stays.\n")


def test_keys_missing_from_a_vault_template_are_added(vault):
    root = vault({"templates/application.md": "Just notes.\n"})
    path = new_application(root, Settings(), "Acme", "Analyst", today=TODAY)
    assert front_matter(path) == {"company": "Acme", "role": "Analyst", "status": "applied",
                                  "applied": TODAY, "channel": "other"}
    assert path.read_text().endswith("Just notes.\n")


def test_broken_vault_template_is_a_clear_error(vault):
    root = vault({"templates/application.md": "---\ncompany: x\n"})
    with pytest.raises(UsageError, match="templates/application.md"):
        new_application(root, Settings(), "Acme", "Analyst", today=TODAY)
    assert not (root / "applications/acme-analyst.md").exists()


@pytest.mark.parametrize(("template", "expected"), [
    ("---\n: : bad\n---\n",
     "The template templates/application.md is not valid YAML at line 2: did not find "
     "expected key. Fix the template, or delete it to use the built-in one."),
    ("---\ncompany: x\nlocation: [Berlin\nnotes: y\n---\n",
     "The template templates/application.md is not valid YAML at line 3: the [ opened here "
     "is never closed"),
])
def test_a_template_with_broken_yaml_names_its_line_in_a_sentence(vault, template, expected):
    root = vault({"templates/application.md": template})
    with pytest.raises(UsageError) as caught:
        new_application(root, Settings(), "Acme", "Analyst", today=TODAY, channel="other")
    message = str(caught.value)
    assert message.startswith(expected)
    assert "while parsing" not in message and "<unicode string>" not in message
    assert "\n" not in message
    assert not (root / "applications").exists() or not any((root / "applications").iterdir())


STATUS_DATES = {
    "wishlist": {"applied": None},
    "applied": {"applied": TODAY},
    "screening": {"applied": TODAY, "screening": TODAY},
    "interviewing": {"applied": TODAY, "interviews": [TODAY]},
    "offer": {"applied": TODAY, "offer": TODAY},
    "accepted": {"applied": TODAY, "offer": TODAY, "accepted": TODAY},
    "declined": {"applied": TODAY, "offer": TODAY, "declined": TODAY},
    "rejected": {"applied": TODAY, "rejected": TODAY},
    "withdrawn": {"applied": TODAY, "withdrawn": TODAY},
    "ghosted": {"applied": TODAY},
}


@pytest.mark.parametrize("status", sorted(STATUS_DATES))
def test_a_new_note_has_the_dates_its_status_needs(tmp_path, status):
    path = new_application(tmp_path, Settings(), "Acme", "Analyst", today=TODAY, status=status)
    data = front_matter(path)
    assert data["status"] == status
    for key, value in STATUS_DATES[status].items():
        assert data[key] == value, key
    others = {"screening", "offer", "rejected", "withdrawn", "accepted", "declined"}
    assert all(data[key] is None for key in others - set(STATUS_DATES[status]))
    loaded = load_vault(tmp_path, today=TODAY)
    assert [d.as_text() for d in loaded.diagnostics] == []


@pytest.mark.parametrize(("url", "channel"), [
    (None, "other"),
    ("https://acme.example/careers/42", "other"),
    ("https://www.linkedin.com/jobs/view/123", "job-board"),
    ("https://de.indeed.com/viewjob?jk=1", "job-board"),
])
def test_a_missing_channel_is_chosen_and_the_user_told(tmp_path, url, channel):
    told: list[str] = []
    path = new_application(tmp_path, Settings(), "Acme", "Analyst", today=TODAY, url=url,
                           notice=told.append)
    assert front_matter(path)["channel"] == channel
    assert len(told) == 1 and f'set to "{channel}"' in told[0]
    assert "change it in the note" in told[0]


def test_a_given_or_templated_channel_is_kept_and_nothing_is_said(vault):
    told: list[str] = []
    root = vault({"templates/application.md": "---\nchannel: referral\n---\n"})
    path = new_application(root, Settings(), "Acme", "Analyst", today=TODAY, notice=told.append)
    assert front_matter(path)["channel"] == "referral"
    other = new_application(root, Settings(), "Beta", "Analyst", today=TODAY,
                            channel="networking", notice=told.append)
    assert front_matter(other)["channel"] == "networking"
    wish = new_application(root, Settings(), "Gamma", "Analyst", today=TODAY,
                           status="wishlist", notice=told.append)
    assert front_matter(wish)["channel"] == "referral"
    assert told == []


def test_without_an_other_channel_the_last_configured_one_is_used(tmp_path):
    settings = Settings()
    settings.channels = ["job-board", "networking", "misc"]
    path = new_application(tmp_path, settings, "Acme", "Analyst", today=TODAY)
    assert front_matter(path)["channel"] == "misc"


@pytest.mark.parametrize(("url", "fix"), [("acme.example/jobs", "(https://acme.example/jobs)."),
                                          ("javascript:alert(1)", "in front.")])
def test_an_address_that_is_not_a_web_address_is_refused(tmp_path, url, fix):
    with pytest.raises(UsageError, match="not a web address") as caught:
        new_application(tmp_path, Settings(), "Acme", "Analyst", today=TODAY, url=url)
    assert str(caught.value).endswith(fix)
    assert not (tmp_path / "applications").exists()


def test_unknown_channel_suggests_one(tmp_path):
    with pytest.raises(UsageError, match='Did you mean "referral"'):
        new_application(tmp_path, Settings(), "Acme", "Analyst", today=TODAY,
                        channel="refferal")
    assert not (tmp_path / "applications").exists()


def test_unknown_status_and_empty_names_are_refused(tmp_path):
    with pytest.raises(UsageError, match="wishlist"):
        new_application(tmp_path, Settings(), "Acme", "Analyst", today=TODAY, status="wish")
    with pytest.raises(UsageError):
        new_application(tmp_path, Settings(), "  ", "Analyst", today=TODAY)


def test_slug():
    assert slugify("Zürich Café, Inc. — Data/ML") == "zurich-cafe-inc-data-ml"
    assert slugify("株式会社 Analyst") == "株式会社-analyst"      # a name of its own
    assert slugify("«»") == "note"


def test_new_person_keeps_the_name_as_file_name(tmp_path):
    settings = Settings()
    path = new_person(tmp_path, settings, "Jane Doe", today=TODAY, company="Acme",
                      role="interviewer")
    assert path == tmp_path / "people/Jane Doe.md"
    data = front_matter(path)
    assert (data["met"], data["company"], data["role"]) == (None, "Acme", "interviewer")
    with pytest.raises(JobnotesError, match=r"people/Jane Doe\.md already exists"):
        new_person(tmp_path, settings, "Jane Doe", today=TODAY)
    odd = new_person(tmp_path, settings, 'Ana "Q" de/la [Cruz]: #1?', today=TODAY)
    assert odd.name == "Ana Q de la Cruz 1.md"
    # A name given as its file name is the name: no "Bo Lind.md.md".
    assert new_person(tmp_path, settings, "Bo Lind.md", today=TODAY).name == "Bo Lind.md"
    with pytest.raises(UsageError, match="interviewer"):
        new_person(tmp_path, settings, "Bob", today=TODAY, role="interviwer")


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=30))
def test_any_text_is_quoted_so_that_it_reads_back(text):
    assert yaml.safe_load(f"k: {yaml_text(text)}") == {"k": text or None}


# --- when you met -------------------------------------------------------------------------

def _agenda(root, today: str) -> str:
    from click.testing import CliRunner

    from jobnotes.cli import main

    result = CliRunner().invoke(main, ["today", str(root), "--today", today])
    assert result.exit_code == 0, result.output
    return result.output


def _new(root, *args: str):
    from click.testing import CliRunner

    from jobnotes.cli import main

    return CliRunner().invoke(main, ["new", *args, "--vault", str(root),
                                     "--today", "2024-05-14"])


def test_a_person_added_without_a_meeting_date_owes_nothing(tmp_path):
    root = tmp_path / "vault"
    init_vault(root)
    assert _new(root, "--person", "Old Colleague").exit_code == 0
    assert front_matter(root / "people/Old Colleague.md")["met"] is None
    for day in ("2024-05-14", "2024-05-15", "2024-05-20"):
        text = _agenda(root, day)
        assert "Thank Old Colleague" not in text
        assert "Connect with Old Colleague" not in text


def test_met_sets_the_meeting_and_its_reminders(tmp_path):
    root = tmp_path / "vault"
    init_vault(root)
    assert _new(root, "--person", "Jane Doe", "--met", "2024-05-13").exit_code == 0
    assert _new(root, "--person", "Sam Roe", "--met", "today").exit_code == 0
    assert front_matter(root / "people/Jane Doe.md")["met"] == date(2024, 5, 13)
    assert front_matter(root / "people/Sam Roe.md")["met"] == TODAY
    text = _agenda(root, "2024-05-14")
    assert "• Thank Jane Doe — A short thank-you note after meeting on Monday 13 May" in text
    assert "• Thank Sam Roe — " in text
    assert "Connect with Jane Doe on LinkedIn" in _agenda(root, "2024-05-16")


def test_met_is_checked_before_anything_is_written(tmp_path):
    root = tmp_path / "vault"
    init_vault(root)
    before = hash_tree(root)
    future = _new(root, "--person", "Jane Doe", "--met", "2024-06-01")
    assert future.exit_code == 2
    assert "The meeting date 2024-06-01 is after today (2024-05-14)" in future.output
    bad = _new(root, "--person", "Jane Doe", "--met", "13/05/2024")
    assert bad.exit_code == 2 and "'--met'" in bad.output and "YYYY-MM-DD" in bad.output
    alone = _new(root, "Acme", "Analyst", "--met", "2024-05-13")
    assert alone.exit_code == 2 and "--met goes with --person" in alone.output
    assert hash_tree(root) == before


def test_met_overrides_a_template_that_fills_in_the_date(tmp_path):
    # An older person template still says "met: {{date}}": without --met it stays empty.
    root = tmp_path / "vault"
    init_vault(root)
    (root / "templates/person.md").write_text("---\nmet: {{date}}\nrole: peer\n---\n",
                                               encoding="utf-8")
    path = new_person(root, Settings(), "Jane Doe", today=TODAY)
    assert front_matter(path) == {"met": None, "role": "peer"}
    path = new_person(root, Settings(), "Sam Roe", today=TODAY, met=date(2024, 5, 1))
    assert front_matter(path)["met"] == date(2024, 5, 1)
