"""The build cache is never wrong: whatever changed between two builds shows in the second.

Each test builds, changes something (a note, a linked note, a template, a setting, the
cache itself, the output folder), rebuilds and looks at what a user would see. Most run
twice: as files just written look (the cache then trusts only their contents), and as
long-settled files look (the cache may recognise them by size, times and inode alone).
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from jobnotes import cache
from jobnotes.cli import main
from tests.conftest import hash_tree, write_vault

TODAY = ["--today", "2026-11-27"]

ACME = """\
---
company: Acme
role: Data Analyst
status: applied
channel: job-board
applied: 2026-11-02
contacts: ["[[Jane Doe]]"]
---

## Notes
Sent a tailored resume. See [[Jane Doe#Background]].

![[Shared]]
"""

JANE = """\
---
company: Acme
role: recruiter
met: 2026-11-01
---

## Background
Ten years in analytics hiring.
"""

SHARED = """\
Motto: ask one good question per interview.
"""


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("JOBNOTES_CACHE_DIR", str(folder))
    monkeypatch.delenv("JOBNOTES_CACHE", raising=False)
    return folder


@pytest.fixture(params=["fresh", "settled"])
def settle(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """"settled": files count as long unchanged at once, so size, times and inode alone
    identify them (the path an everyday rebuild takes)."""
    if request.param == "settled":
        monkeypatch.setattr(cache, "SETTLE_NS", 0)
    return request.param


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_vault(tmp_path / "vault", {
        "applications/acme.md": ACME,
        "people/Jane Doe.md": JANE,
        "notes/Shared.md": SHARED,
        "jobnotes.toml": 'title = "My search"\n',
    })


def build(root: Path, out: Path, *extra: str) -> str:
    result = CliRunner().invoke(main, ["build", str(root), "-o", str(out), *TODAY, *extra],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def page(out: Path, rel: str = "applications/acme.html") -> str:
    return (out / rel).read_text(encoding="utf-8")


def rewrite(path: Path, old: str, new: str, *, keep_times: bool = False) -> None:
    """Replace ``old`` by ``new`` in the file; with ``keep_times``, the file keeps its size
    (``new`` must be as long) and its access and modification times, as some tools do."""
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    assert old in text
    if keep_times:
        assert len(new.encode()) == len(old.encode())
    for _ in range(50):        # until the clock has moved on from the file's last change
        path.write_text(text.replace(old, new), encoding="utf-8")
        if keep_times:
            os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        if path.stat().st_ctime_ns != before.st_ctime_ns:
            break
        time.sleep(0.02)
    if keep_times:
        after = path.stat()
        assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)


def fresh_build(root: Path, out: Path) -> dict[str, str]:
    """The site as a build without any cache writes it."""
    build(root, out, "--no-cache")
    return hash_tree(out)


# --- notes ------------------------------------------------------------------------------------

def test_a_changed_note_shows_in_the_rebuild(root, tmp_path, settle):
    out = tmp_path / "site"
    build(root, out)
    assert "Data Analyst" in page(out)
    rewrite(root / "applications/acme.md", "role: Data Analyst", "role: Data Engineer")
    build(root, out)
    assert "Data Engineer" in page(out) and "Data Analyst" not in page(out)
    assert hash_tree(out) == fresh_build(root, tmp_path / "fresh")


def test_an_edit_keeping_size_and_times_shows_in_the_rebuild(root, tmp_path, settle):
    out = tmp_path / "site"
    build(root, out)
    rewrite(root / "applications/acme.md", "tailored resume", "tailored RESUME", keep_times=True)
    build(root, out)
    assert "tailored RESUME" in page(out)
    assert hash_tree(out) == fresh_build(root, tmp_path / "fresh")


def test_touching_a_note_without_changing_it_changes_nothing(root, tmp_path, settle):
    out = tmp_path / "site"
    build(root, out)
    before = hash_tree(out)
    note = root / "applications/acme.md"
    time.sleep(0.02)
    note.write_bytes(note.read_bytes())
    os.utime(note)
    build(root, out)
    assert hash_tree(out) == before


def test_a_new_and_a_deleted_note_show_in_the_rebuild(root, tmp_path, settle):
    out = tmp_path / "site"
    build(root, out)
    (root / "applications/beta.md").write_text(
        ACME.replace("Acme", "Beta"), encoding="utf-8")
    build(root, out)
    assert (out / "applications/beta.html").is_file()
    (root / "applications/beta.md").unlink()
    build(root, out)
    assert not (out / "applications/beta.html").exists()
    assert hash_tree(out) == fresh_build(root, tmp_path / "fresh")


def test_a_change_to_an_embedded_or_linked_note_shows_on_the_page_that_uses_it(
        root, tmp_path, settle):
    out = tmp_path / "site"
    build(root, out)
    assert "ask one good question" in page(out)
    assert 'href="../people/jane-doe.html#h-background"' in page(out)
    rewrite(root / "notes/Shared.md", "ask one good question", "ask two sharp questions")
    rewrite(root / "people/Jane Doe.md", "## Background", "## History")
    build(root, out)
    shown = page(out)
    assert "ask two sharp questions" in shown and "ask one good question" not in shown
    assert 'href="../people/jane-doe.html#h-background"' not in shown
    assert hash_tree(out) == fresh_build(root, tmp_path / "fresh")


def test_a_renamed_linked_note_unresolves_the_link(root, tmp_path, settle):
    out = tmp_path / "site"
    build(root, out)
    (root / "people/Jane Doe.md").rename(root / "people/Janet Doe.md")
    build(root, out)
    assert "people/jane-doe.html" not in page(out)
    assert hash_tree(out) == fresh_build(root, tmp_path / "fresh")


# --- templates and settings ---------------------------------------------------------------------

def test_a_template_override_shows_and_its_change_too(root, tmp_path, settle):
    out = tmp_path / "site"
    build(root, out)
    override = root / "site-templates" / "problems.html"
    override.parent.mkdir()
    override.write_text("{% extends 'base.html' %}{% block content %}AAAA{% endblock %}\n",
                        encoding="utf-8")
    build(root, out)
    assert "AAAA" in page(out, "problems.html")
    rewrite(override, "AAAA", "BBBB", keep_times=True)
    build(root, out)
    assert "BBBB" in page(out, "problems.html")
    override.unlink()
    build(root, out)
    assert "BBBB" not in page(out, "problems.html")
    assert hash_tree(out) == fresh_build(root, tmp_path / "fresh")


def test_a_changed_setting_shows_in_the_rebuild(root, tmp_path, settle):
    out = tmp_path / "site"
    build(root, out)
    assert "My search" in page(out, "index.html")
    rewrite(root / "jobnotes.toml", "My search", "Our quest", keep_times=True)
    build(root, out)
    assert "Our quest" in page(out, "index.html")


def test_another_day_is_another_build(root, tmp_path, settle):
    out = tmp_path / "site"
    build(root, out)
    CliRunner().invoke(main, ["build", str(root), "-o", str(out), "--today", "2027-03-01"])
    again = hash_tree(out)
    CliRunner().invoke(main, ["build", str(root), "-o", str(tmp_path / "fresh"),
                              "--today", "2027-03-01", "--no-cache"])
    assert again == hash_tree(tmp_path / "fresh")


# --- the output folder and the cache itself -----------------------------------------------------

def test_an_unchanged_rebuild_leaves_the_site_as_it_is(root, tmp_path, settle):
    out = tmp_path / "site"
    first = build(root, out)
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    assert build(root, out) == first
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == stamps


def test_a_file_removed_from_the_site_or_changed_there_is_written_again(root, tmp_path, settle):
    out = tmp_path / "site"
    build(root, out)
    expected = hash_tree(out)
    (out / "index.html").unlink()
    (out / "applications/acme.html").write_text("scribbled", encoding="utf-8")
    (out / "stray.html").write_text("the user's own", encoding="utf-8")
    build(root, out)
    kept = hash_tree(out)
    assert (out / "stray.html").read_text(encoding="utf-8") == "the user's own"
    del kept["stray.html"]
    assert kept == expected


def test_a_damaged_cache_is_ignored(root, tmp_path, own_cache, settle):
    out = tmp_path / "site"
    build(root, out)
    expected = hash_tree(out)
    files = [p for p in own_cache.rglob("*") if p.is_file()]
    assert files
    for path in files:
        path.write_bytes(b"\x80\x04garbage" + path.read_bytes()[:5])
    rewrite(root / "applications/acme.md", "tailored resume", "tailored CV", keep_times=False)
    build(root, out)
    assert "tailored CV" in page(out)
    rewrite(root / "applications/acme.md", "tailored CV", "tailored resume")
    build(root, out)
    assert hash_tree(out) == expected


def test_a_deleted_cache_only_costs_time(root, tmp_path, own_cache, settle):
    out = tmp_path / "site"
    build(root, out)
    expected = hash_tree(out)
    shutil.rmtree(own_cache)
    build(root, out)
    assert hash_tree(out) == expected


def test_the_cache_lives_outside_the_vault_and_can_be_turned_off(root, tmp_path, own_cache,
                                                                 monkeypatch):
    vault_before = hash_tree(root)
    build(root, tmp_path / "site")
    assert any(own_cache.iterdir())
    assert hash_tree(root) == vault_before
    shutil.rmtree(own_cache)
    build(root, tmp_path / "site", "--no-cache")
    monkeypatch.setenv("JOBNOTES_CACHE", "off")
    build(root, tmp_path / "site")
    assert not own_cache.exists()


def test_a_failed_build_keeps_the_site_and_the_next_good_one_replaces_it(root, tmp_path,
                                                                          settle):
    out = tmp_path / "site"
    build(root, out)
    before = hash_tree(out)
    override = root / "site-templates" / "dashboard.html"
    override.parent.mkdir()
    override.write_text("{% extends 'base.html' %}{% block content %}{{ 1 + }}{% endblock %}")
    failed = CliRunner().invoke(main, ["build", str(root), "-o", str(out), *TODAY])
    assert failed.exit_code == 1 and hash_tree(out) == before
    override.unlink()
    rewrite(root / "applications/acme.md", "role: Data Analyst", "role: Data Engineer")
    build(root, out)
    assert "Data Engineer" in page(out)


# --- check ----------------------------------------------------------------------------------------

def check(root: Path) -> str:
    return CliRunner().invoke(main, ["check", str(root), *TODAY]).output


def test_check_reports_a_change_even_one_keeping_size_and_times(root, settle):
    assert "no problems found" in check(root)
    rewrite(root / "applications/acme.md", "status: applied", "status: appled ",
            keep_times=True)
    assert "appled" in check(root)
    rewrite(root / "applications/acme.md", "status: appled ", "status: applied")
    assert "no problems found" in check(root)


def test_the_cache_folder_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.delenv("JOBNOTES_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_root() == tmp_path / "xdg" / "jobnotes"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache.cache_root() == Path.home() / ".cache" / "jobnotes"
    for value, on in (("off", False), ("0", False), ("no", False), ("", True), ("on", True)):
        monkeypatch.setenv("JOBNOTES_CACHE", value)
        assert cache.enabled() is on
    assert cache.enabled(True) is True


def test_a_hidden_template_folder_named_in_the_settings_is_watched_too(root, tmp_path,
                                                                        monkeypatch):
    monkeypatch.setattr(cache, "SETTLE_NS", 0)
    (root / "jobnotes.toml").write_text('title = "My search"\n[folders]\n'
                                        'site_templates = ".site"\n', encoding="utf-8")
    override = root / ".site" / "problems.html"
    override.parent.mkdir()
    override.write_text("{% extends 'base.html' %}{% block content %}AAAA{% endblock %}\n",
                        encoding="utf-8")
    out = tmp_path / "site"
    build(root, out)
    assert "AAAA" in page(out, "problems.html")
    rewrite(override, "AAAA", "BBBB", keep_times=True)
    build(root, out)
    assert "BBBB" in page(out, "problems.html")


def test_a_parts_file_is_read_back_whole_and_replaces_the_old_one_only_when_complete(
        tmp_path):
    from jobnotes.cache import PartsFile, read_parts

    path = tmp_path / "kept.pickle"
    first = PartsFile(path, "key-1")
    first.add({"a": 1})
    first.add({"b": 2})
    assert not path.exists()                       # nothing replaced before commit
    first.commit()
    assert read_parts(path, "key-1") == {"a": 1, "b": 2}
    assert read_parts(path, "key-2") is None       # saved under another key: stale
    second = PartsFile(path, "key-1")
    second.add({"c": 3})
    second.discard()
    assert read_parts(path, "key-1") == {"a": 1, "b": 2}
    assert list(tmp_path.iterdir()) == [path]
    empty = PartsFile(path, "key-1")
    empty.commit()
    assert read_parts(path, "key-1") == {}
    path.write_bytes(b"not a pickle")
    assert read_parts(path, "key-1") is None
    assert read_parts(tmp_path / "missing.pickle", "key-1") is None


# --- the notes' store ---------------------------------------------------------------------------

def _shards(own_cache: Path) -> dict[str, tuple[int, bytes]]:
    return {p.name: (p.stat().st_mtime_ns, p.read_bytes())
            for p in own_cache.rglob("notes-*.pickle")}


def _forty_notes(tmp_path: Path) -> Path:
    return write_vault(tmp_path / "vault", {
        f"applications/company-{n}.md": ACME.replace("company: Acme", f"company: C{n}")
        for n in range(40)})


def test_saving_after_one_edit_rewrites_only_the_part_holding_that_note(tmp_path, own_cache):
    root = _forty_notes(tmp_path)
    out = tmp_path / "site"
    build(root, out)
    before = _shards(own_cache)
    assert len(before) > 4              # the notes are spread over several files
    rewrite(root / "applications/company-7.md", "tailored resume", "tailored CV")
    assert "40 notes checked" in check(root)
    after = _shards(own_cache)
    changed = [name for name in after if after[name] != before.get(name)]
    assert len(changed) == 1
    assert not (own_cache / "notes.pickle").exists() and not list(
        own_cache.rglob("notes.pickle"))


def test_a_damaged_part_of_the_store_costs_only_its_notes(tmp_path, own_cache):
    root = _forty_notes(tmp_path)
    out = tmp_path / "site"
    build(root, out)
    expected = hash_tree(out)
    damaged = sorted(own_cache.rglob("notes-*.pickle"))[0]
    damaged.write_bytes(b"\x80\x05garbage")
    rewrite(root / "applications/company-3.md", "tailored resume", "tailored CV")
    build(root, out)
    assert "tailored CV" in page(out, "applications/company-3.html")
    rewrite(root / "applications/company-3.md", "tailored CV", "tailored resume")
    build(root, out)
    assert hash_tree(out) == expected


def _rebuild(root: Path, out: Path):
    from datetime import date

    from jobnotes.build import build_vault

    return build_vault(root, out, today=date(2026, 11, 27), use_cache=True)


def test_a_record_whose_two_files_do_not_belong_together_is_not_trusted(root, tmp_path,
                                                                        own_cache, settle):
    """A build's record is kept in two files (what it read, what it wrote). A run stopped
    between writing them, or one restored from a backup, leaves a pair that no build
    answers from: the next one writes the site again, right."""
    out = tmp_path / "site"
    build(root, out)
    main_record = next(p for p in own_cache.rglob("site-*.pickle")
                       if not p.name.endswith("-written.pickle"))
    first_record = main_record.read_bytes()
    rewrite(root / "applications/acme.md", "tailored resume", "tailored CV")
    build(root, out)
    main_record.write_bytes(first_record)        # the first build's, next to the second's
    result = _rebuild(root, out)
    assert not result.unchanged
    assert hash_tree(out) == fresh_build(root, tmp_path / "fresh")
    assert _rebuild(root, out).unchanged          # a whole record again


def test_a_record_without_its_written_files_is_not_trusted(root, tmp_path, own_cache, settle):
    out = tmp_path / "site"
    build(root, out)
    expected = hash_tree(out)
    for path in own_cache.rglob("site-*-written.pickle"):
        path.unlink()
    (out / "index.html").write_text("scribbled", encoding="utf-8")
    assert not _rebuild(root, out).unchanged
    assert hash_tree(out) == expected
    assert _rebuild(root, out).unchanged
