"""Loading a whole vault: good notes in, bad notes reported, one crash never stops the rest."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import jobnotes.load
from jobnotes.diagnostics import Severity, sort_diagnostics
from jobnotes.load import load_vault, slugify
from jobnotes.settings import Settings

TODAY = date(2026, 11, 27)


def application(company: str, role: str, extra: str = "") -> str:
    return (f"---\ncompany: {company}\nrole: {role}\nstatus: applied\nchannel: job-board\n"
            f"applied: 2026-03-05\n{extra}---\nNotes.\n")


FILES: dict[str, str | bytes] = {
    "applications/acme.md": application("Acme", "Analyst", 'contacts: ["[[Jane Doe]]"]\n'),
    "applications/Acme!.md": application("Acme", "Engineer"),
    "applications/sub/acme.md": application("Acme", "Designer"),
    "applications/no-status.md": "---\ncompany: Initech\nrole: Analyst\n---\n",
    "applications/latin1.md": "---\ncompany: Café\n---\n".encode("latin-1"),
    "applications/plain.md": "No front matter here.\n",
    "people/Jane Doe.md": "---\nrole: recruiter\nmet: 2026-03-01\n---\n",
    "notes/unrelated.md": "Not a job note.\n",
}


def rules(vault, rel: str) -> list[str]:
    return sorted(d.rule for d in vault.diagnostics if d.path == rel)


def test_good_notes_load_and_bad_ones_are_reported(vault) -> None:
    loaded = load_vault(vault(FILES), today=TODAY)
    assert sorted(a.rel for a in loaded.applications) == [
        "applications/Acme!.md", "applications/acme.md", "applications/sub/acme.md"]
    assert [p.name for p in loaded.people] == ["Jane Doe"]
    assert loaded.files_checked == 7
    assert sorted(loaded.skipped) == [
        "applications/latin1.md", "applications/no-status.md", "applications/plain.md"]
    assert rules(loaded, "applications/no-status.md") == ["required"]
    assert rules(loaded, "applications/latin1.md") == ["encoding"]
    assert rules(loaded, "applications/plain.md") == ["frontmatter-missing"]
    assert {d.path for d in loaded.diagnostics} == {
        "applications/no-status.md", "applications/latin1.md", "applications/plain.md"}
    assert loaded.diagnostics == sort_diagnostics(loaded.diagnostics)
    assert loaded.today == TODAY and loaded.root == vault(FILES)


def test_slugs_are_unique_in_path_order(vault) -> None:
    loaded = load_vault(vault(FILES), today=TODAY)
    slugs = {note.rel: note.slug for note in [*loaded.applications, *loaded.people]}
    assert slugs == {
        "applications/Acme!.md": "acme",
        "applications/acme.md": "acme-2",
        "applications/sub/acme.md": "acme-3",
        "people/Jane Doe.md": "jane-doe",
    }


@pytest.mark.parametrize(("stem", "slug"), [
    ("Jane Doe", "jane-doe"), ("Zoë's café", "zoe-s-cafe"), ("---", "note"),
    ("Acme — Data Analyst (2026)", "acme-data-analyst-2026"),
])
def test_slugify(stem: str, slug: str) -> None:
    assert slugify(stem) == slug


def test_an_exception_in_one_note_becomes_an_internal_finding(vault, monkeypatch) -> None:
    real = jobnotes.load.validate_application

    def flaky(rel, *args, **kwargs):
        if rel == "applications/acme.md":
            raise RuntimeError("boom")
        return real(rel, *args, **kwargs)

    monkeypatch.setattr(jobnotes.load, "validate_application", flaky)
    loaded = load_vault(vault(FILES), today=TODAY)
    [d] = [d for d in loaded.diagnostics if d.rule == "internal"]
    assert (d.path, d.severity) == ("applications/acme.md", Severity.ERROR)
    assert d.message == "could not read this note: RuntimeError: boom; please report it"
    assert "applications/acme.md" in loaded.skipped
    assert len(loaded.applications) == 2


def test_unreadable_note_is_a_finding(vault, monkeypatch) -> None:
    root = vault({"applications/a.md": application("Acme", "Analyst"),
                  "applications/b.md": application("Initech", "Analyst")})
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "a.md":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    loaded = load_vault(root, today=TODAY, settings=Settings())
    [d] = loaded.diagnostics
    assert (d.path, d.rule, d.severity) == ("applications/a.md", "read-error", Severity.ERROR)
    assert "Permission denied" in d.message
    assert [a.company for a in loaded.applications] == ["Initech"]


def test_cross_checks_run_over_the_loaded_notes(vault) -> None:
    root = vault({
        "applications/a.md": application("Acme", "Analyst", 'contacts: ["[[Jane Doe]]"]\n'),
        "applications/b.md": application("acme", "analyst"),
    })
    loaded = load_vault(root, today=TODAY, settings=Settings())
    assert [(d.path, d.rule, d.line, d.column) for d in loaded.diagnostics] == [
        ("applications/a.md", "contact-unknown", 7, 12),
        ("applications/b.md", "duplicate-application", 3, 7),
    ]


def test_settings_are_read_from_the_vault(vault) -> None:
    root = vault({
        "jobnotes.toml": '[channels]\nlist = ["job-board", "meetup"]\n',
        "applications/a.md": application("Acme", "Analyst").replace("job-board", "meetup"),
    })
    loaded = load_vault(root, today=TODAY)
    assert loaded.settings.channels == ["job-board", "meetup"]
    assert loaded.diagnostics == []
    assert loaded.applications[0].channel == "meetup"


def test_given_settings_findings_are_kept(vault) -> None:
    from jobnotes.diagnostics import warning

    extra = warning("jobnotes.toml", 3, 1, "settings-unknown-key", "unknown setting")
    loaded = load_vault(vault({"applications/a.md": application("Acme", "Analyst")}),
                        today=TODAY, settings=Settings(), settings_diagnostics=[extra])
    assert loaded.diagnostics == [extra]


def test_custom_folders(vault) -> None:
    settings = Settings()
    settings.folders.applications = "jobs"
    root = vault({"jobs/a.md": application("Acme", "Analyst"),
                  "applications/b.md": "not read\n"})
    loaded = load_vault(root, today=TODAY, settings=settings)
    assert [a.rel for a in loaded.applications] == ["jobs/a.md"]
    assert loaded.files_checked == 1


def test_folder_and_listing_findings_are_the_same_whichever_way_the_vault_is_read(
        vault) -> None:
    from jobnotes.load import NoteCache, load_cached

    root = vault({"jobnotes.toml": "", "Applications/a.md": application("Acme", "Analyst"),
                  "people/Jane Doe.md": "---\nrole: recruiter\n---\n",
                  "people/old.md/x.md": "---\nrole: peer\n---\n"})
    plain = load_vault(root, today=TODAY).diagnostics
    assert [(d.path, d.rule) for d in plain] == [("applications", "notes-folder"),
                                                 ("people/old.md", "not-a-note")]
    assert load_vault(root, today=TODAY, cache=NoteCache()).diagnostics == plain
    assert load_cached(root, today=TODAY, use_cache=True).diagnostics == plain
    assert load_cached(root, today=TODAY, use_cache=True).diagnostics == plain   # kept
