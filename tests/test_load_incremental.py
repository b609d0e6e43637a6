"""Loading again after edits (``jobnotes serve``): the result is always what a load from
scratch gives, and a note that did not change is the very object loaded before."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jobnotes.load import NoteCache, load_vault
from jobnotes.model import Vault
from jobnotes.settings import Settings
from jobnotes.vault import list_vault
from tests.conftest import write_vault

TODAY = date(2026, 11, 27)


def application(company: str, role: str, extra: str = "", body: str = "Notes.\n") -> str:
    return (f"---\ncompany: {company}\nrole: {role}\nstatus: applied\nchannel: job-board\n"
            f"applied: 2026-03-05\n{extra}---\n{body}")


def person(role: str = "recruiter", body: str = "## Notes\n\nMet at a meetup.\n") -> str:
    return f"---\nrole: {role}\nmet: 2026-03-01\n---\n{body}"


JD = "\n## Job description\n\nYou know Python, SQL and Tableau.\n"

FILES: dict[str, str | bytes] = {
    "applications/acme.md": application(
        "Acme", "Analyst", 'contacts: ["[[Jane Doe]]"]\nskills: [SQL]\ntags: [remote]\n',
        "See [[Jane Doe#Notes]], [[Home#Intro]] and [[Jane Doe#Nowhere]].\n" + JD),
    "applications/beta.md": application(
        "Beta", "Engineer", 'contacts: ["[[Bob Ray]]"]\nskills: [SQL]\n',
        "Links to [[Missing Note]] and [[Ideas]].\n\n## Job description\n\n"
        "Quuxlang and SQL, Tableau nice to have.\n"),
    "applications/sub/acme.md": application("Acme", "Designer"),
    "applications/plain.md": "No front matter here.\n",
    "people/Jane Doe.md": person(),
    "people/Ann Lee.md": person("peer", "Knows [[acme]] and [[beta#Links]].\n"),
    "Home.md": "# Intro\n\nThe job search.\n",
    "notes/Ideas.md": "---\ntags: [idea]\n---\nAn idea.\n",
}


def _snapshot(vault: Vault) -> dict[str, object]:
    """Everything a load returns that the site and ``check`` use."""
    graph = vault.link_graph
    assert graph is not None
    notes = [*vault.applications, *vault.people]
    return {
        "applications": vault.applications,
        "people": vault.people,
        "diagnostics": [d.as_dict() for d in vault.diagnostics],
        "slugs": [(note.rel, note.slug) for note in notes],
        "skipped": vault.skipped,
        "files_checked": vault.files_checked,
        "published": graph.published,
        "linked_from": graph.linked_from,
        "tags": graph.tags(),
        "tracked": sorted(rel for rel in (*vault.skipped, *(n.rel for n in notes))
                          if graph.is_tracked(rel)),
        "resolved": {(note.rel, name): graph.index.resolve(name, note.rel).rel
                     for note in notes for name in ("Ideas", "Missing Note", "pic.png",
                                                    "Jane Doe", "acme", "New Idea")},
    }


def assert_same_as_fresh(root: Path, loaded: Vault) -> None:
    assert _snapshot(loaded) == _snapshot(load_vault(root, today=TODAY))


def settle(root: Path, clock: list[int]) -> None:
    """Give every folder changed lately an old time of its own, as if it had been left
    alone for a while (the folder times of a listing are trusted only then)."""
    recent = time.time_ns() - 60 * 10**9
    for folder in [root, *(p for p in root.rglob("*") if p.is_dir())]:
        if folder.stat().st_mtime_ns > recent:
            clock[0] += 10**9
            os.utime(folder, ns=(clock[0], clock[0]))


# --- edits: each changes the vault and returns the paths a watcher reports as notes ----------

Edit = Callable[[Path], set[str]]


def _write(root: Path, rel: str, text: str) -> set[str]:
    write_vault(root, {rel: text})
    return {rel}


def _append(rel: str, text: str) -> Edit:
    def edit(root: Path) -> set[str]:
        with open(root / rel, "a", encoding="utf-8") as handle:
            handle.write(text)
        return {rel}
    return edit


def _put(rel: str, text: str | bytes, *, note: bool = True) -> Edit:
    return lambda root: _write(root, rel, text) if note else _write(root, rel, text) - {rel}


def _delete(rel: str) -> Edit:
    def edit(root: Path) -> set[str]:
        (root / rel).unlink(missing_ok=True)
        return {rel} if rel.endswith(".md") else set()
    return edit


def _rename(rel: str, to: str) -> Edit:
    def edit(root: Path) -> set[str]:
        if (root / rel).exists():
            (root / to).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).rename(root / to)
        return {rel, to}
    return edit


def _saved_by_rename(rel: str, text: str) -> Edit:
    """As many editors save: a temporary file written, then renamed over the note."""
    def edit(root: Path) -> set[str]:
        temporary = root / (rel + ".tmp")
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, root / rel)
        return {rel}
    return edit


def _both(*edits: Edit) -> Edit:
    return lambda root: set().union(*(edit(root) for edit in edits))


EDITS: dict[str, Edit] = {
    "body": _append("applications/acme.md", "\nAlso [[Ann Lee]] and [[#Job description]].\n"),
    "front matter": _put("applications/beta.md", application(
        "Beta", "Lead Engineer", 'contacts: ["[[Bob Ray]]", "[[Jane Doe]]"]\n',
        "Links to [[Missing Note]].\n")),
    "break yaml": _put("applications/sub/acme.md", "---\ncompany: [Acme\nrole: x\n---\n"),
    "fix yaml": _put("applications/sub/acme.md", application("Acme", "Designer")),
    "break person": _put("people/Jane Doe.md", "---\nrole: [oops\n---\n"),
    "fix person": _put("people/Jane Doe.md", person()),
    "add note": _put("applications/gamma.md", application("Gamma", "Analyst", "",
                                                          "Knows [[Jane Doe#Notes]].\n")),
    "delete note": _delete("applications/beta.md"),
    "restore note": _put("applications/beta.md", FILES["applications/beta.md"]),
    "rename note": _rename("applications/acme.md", "applications/zeta/acme.md"),
    "rename back": _rename("applications/zeta/acme.md", "applications/acme.md"),
    "add duplicate": _put("applications/acme-again.md", application("ACME ", "analyst")),
    "drop duplicate": _delete("applications/acme-again.md"),
    "add contact person": _put("people/Bob Ray.md", person()),
    "remove contact person": _delete("people/Bob Ray.md"),
    "add a person named nearly so": _put("people/Bob Rae.md", person()),
    "rename person": _rename("people/Jane Doe.md", "people/Jane Roe.md"),
    "new heading in person": _put("people/Jane Doe.md", person(body="## Nowhere\n\nHi.\n")),
    "link to a new file": _both(_put("notes/New Idea.md", "A new idea.\n", note=False),
                                _append("applications/beta.md", "\nNow [[New Idea]] too.\n")),
    "other note changes": _put("Home.md", "# Outro\n\nDone.\n", note=False),
    "attachment appears": _both(_append("applications/acme.md", "\n![[pic.png]]\n"),
                                _put("files/pic.png", "png", note=False)),
    "new skills": _put("applications/acme.md", application(
        "Acme", "Analyst", 'contacts: ["[[Jane Doe]]"]\nskills: [Tableau, Quuxlang]\n', JD)),
    "known skill added": _put("applications/acme.md", application(
        "Acme", "Analyst", 'contacts: ["[[Jane Doe]]"]\nskills: [SQL, Python]\n', JD)),
    "slug clash": _put("people/acme.md", person()),
    "site marker": _put("applications/sub/.jobnotes-site", "", note=False),
    "site marker gone": _delete("applications/sub/.jobnotes-site"),
    "saved by rename": _saved_by_rename("applications/beta.md", application(
        "Beta", "Engineer", "", "Links to [[Ideas#Nope]].\n")),
    "same text again": _put("applications/beta.md", FILES["applications/beta.md"]),
    "not utf-8": _put("applications/beta.md", "---\ncompany: Café\n---\n".encode("latin-1")),
}


def run(root: Path, steps: list[tuple[str, bool, bool]]) -> None:
    """Load, then after each (edit, watcher tells, folders settle) step load again with
    the cache and compare with a load from scratch."""
    cache = NoteCache()
    clock = [1_600_000_000 * 10**9]
    settle(root, clock)
    assert_same_as_fresh(root, load_vault(root, today=TODAY, cache=cache))
    for name, told, settled in steps:
        dirty = EDITS[name](root)
        if not told:
            # Unreported edits are found by their file times: give each its own time.
            for rel in dirty:
                if (root / rel).exists():
                    clock[0] += 10**9
                    os.utime(root / rel, ns=(clock[0], clock[0]))
        if settled:
            settle(root, clock)
        loaded = load_vault(root, today=TODAY, cache=cache, dirty=dirty if told else set())
        assert_same_as_fresh(root, loaded)


@pytest.mark.parametrize("settled", [True, False], ids=["folders settled", "folders fresh"])
@pytest.mark.parametrize("at_once", [True, False], ids=["reads reused", "reads settling"])
def test_every_edit_in_turn_gives_what_a_fresh_load_gives(vault, monkeypatch, settled: bool,
                                                          at_once: bool) -> None:
    if at_once:   # other notes read are reused at once when unchanged, not 2 s later
        monkeypatch.setattr("jobnotes.obsidian.graph.SETTLE_NS", 0)
    root = vault(FILES)
    run(root, [(name, True, settled) for name in EDITS])


def test_edits_the_watcher_did_not_report_are_found_by_time_and_listing(vault) -> None:
    root = vault(FILES)
    steps = ["body", "add note", "delete note", "restore note", "link to a new file",
             "rename note", "attachment appears", "site marker", "site marker gone"]
    run(root, [(name, False, True) for name in steps])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(sorted(EDITS)), st.booleans(), st.booleans()),
                min_size=1, max_size=8))
def test_any_sequence_of_edits_gives_what_a_fresh_load_gives(steps) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = write_vault(Path(folder) / "vault", FILES)
        run(root, steps)
        shutil.rmtree(root)


def test_an_unchanged_note_is_the_same_object_after_an_edit(vault) -> None:
    root = vault(FILES)
    cache = NoteCache()
    first = load_vault(root, today=TODAY, cache=cache)
    dirty = EDITS["body"](root)
    second = load_vault(root, today=TODAY, cache=cache, dirty=dirty)
    before = {note.rel: note for note in [*first.applications, *first.people]}
    after = {note.rel: note for note in [*second.applications, *second.people]}
    assert after.keys() == before.keys()
    for rel, note in after.items():
        assert (note is before[rel]) == (rel != "applications/acme.md"), rel
    assert second.applications is not first.applications
    assert second.diagnostics is not first.diagnostics
    assert second.link_graph is not first.link_graph


def test_a_note_whose_slug_changes_is_a_new_object_and_the_old_one_keeps_its_slug(vault):
    root = vault(FILES)
    cache = NoteCache()
    first = load_vault(root, today=TODAY, cache=cache)
    [acme] = [a for a in first.applications if a.rel == "applications/acme.md"]
    assert acme.slug == "acme"
    second = load_vault(root, today=TODAY, cache=cache,
                        dirty=_put("applications/Acme!.md", application("Acme", "CTO"))(root))
    [moved] = [a for a in second.applications if a.rel == "applications/acme.md"]
    assert moved.slug == "acme-2" and acme.slug == "acme" and moved is not acme
    third = load_vault(root, today=TODAY, cache=cache)
    assert [a for a in third.applications if a.rel == "applications/acme.md"] == [moved]
    assert next(a for a in third.applications if a.rel == "applications/acme.md") is moved


def test_the_cache_starts_over_for_another_day(vault) -> None:
    root = vault(FILES)
    cache = NoteCache()
    load_vault(root, today=TODAY, cache=cache)
    later = load_vault(root, today=date(2026, 12, 1), cache=cache)
    assert _snapshot(later) == _snapshot(load_vault(root, today=date(2026, 12, 1)))


# --- the listing of files, reused while no folder says otherwise --------------------------

@pytest.mark.parametrize("name", ["body", "front matter", "saved by rename", "other note changes"])
def test_the_listing_holds_while_no_file_comes_or_goes(vault, name: str) -> None:
    root = vault(FILES)
    clock = [1_600_000_000 * 10**9]
    settle(root, clock)
    listing = list_vault(root, Settings())
    EDITS[name](root)
    assert listing.still_current()
    settle(root, clock)
    assert listing.still_current()


@pytest.mark.parametrize("name", ["add note", "delete note", "rename note", "link to a new file",
                                  "attachment appears", "site marker", "rename person"])
def test_the_listing_is_walked_again_once_a_file_comes_or_goes(vault, name: str) -> None:
    root = vault(FILES)
    clock = [1_600_000_000 * 10**9]
    settle(root, clock)
    listing = list_vault(root, Settings())
    EDITS[name](root)
    settle(root, clock)
    assert not listing.still_current()


def test_a_note_folder_that_appears_is_walked(vault) -> None:
    root = vault({"notes/a.md": "A.\n"})
    clock = [1_600_000_000 * 10**9]
    settle(root, clock)
    listing = list_vault(root, Settings())
    assert listing.rels == [] and listing.still_current()
    write_vault(root, {"people/Jane Doe.md": person()})
    settle(root, clock)
    assert not listing.still_current()


def test_a_finding_about_another_file_keeps_the_order_of_a_fresh_load(vault, monkeypatch):
    import jobnotes.load
    from jobnotes.diagnostics import warning

    read = jobnotes.load._read_one

    def read_one(root, path, rel, settings, today):
        note, found = read(root, path, rel, settings, today)
        if rel == "applications/beta.md":
            found = [*found, warning("Home.md", 1, 1, "elsewhere", "about another file"),
                     warning("applications/acme.md", 11, 44, "elsewhere", "before acme's")]
        return note, found

    monkeypatch.setattr(jobnotes.load, "_read_one", read_one)
    root = vault(FILES)
    run(root, [(name, True, True) for name in
               ("body", "front matter", "delete note", "restore note", "add note")])


# --- a first load of many notes, read in two processes ---------------------------------------

def test_a_first_load_read_in_two_processes_is_a_fresh_load(tmp_path, monkeypatch):
    from jobnotes import load

    if not load.can_fork():
        pytest.skip("needs two cores and the fork start method")
    files = dict(FILES)
    for n in range(30):
        files[f"applications/extra-{n}.md"] = application(f"Co{n}", "Analyst", body=JD)
    root = write_vault(tmp_path / "vault", files)
    monkeypatch.setattr(load, "PARALLEL_FROM", 10)
    cache = NoteCache()
    assert_same_as_fresh(root, load_vault(root, today=TODAY, cache=cache))
    _append("applications/extra-3.md", "\nMore.\n")(root)
    assert_same_as_fresh(root, load_vault(root, today=TODAY, cache=cache,
                                          dirty={"applications/extra-3.md"}))


def test_a_note_changed_after_the_second_process_read_it_is_read_again(tmp_path, monkeypatch):
    from jobnotes import load

    root = write_vault(tmp_path / "vault", FILES)
    real = load.parse_in_parallel

    def read_then_edit(*args, **kwargs):
        monkeypatch.setattr(load, "PARALLEL_FROM", 1)
        monkeypatch.setattr(load, "can_fork", lambda: True)
        early = real(*args, **kwargs)
        # Saved after it was read: the size changes, so what was read is stale.
        _append("applications/acme.md", "\nEdited after the read.\n")(root)
        return early

    monkeypatch.setattr(load, "parse_in_parallel", read_then_edit)
    loaded = load_vault(root, today=TODAY, cache=NoteCache())
    acme = next(a for a in loaded.applications if a.rel == "applications/acme.md")
    assert "Edited after the read." in acme.body
    assert_same_as_fresh(root, loaded)
