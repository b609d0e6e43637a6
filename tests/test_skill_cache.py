"""What each job description names is kept between runs in the cache folder, and is never
wrong: whatever changed (a description, a spelling in any note's ``skills:``, the skills
in the settings, the cache file itself), a run with the cache shows what a run without it
shows. Each run here first forgets what this process remembers, as a new run would."""

from __future__ import annotations

import pickle
import shutil
from datetime import date
from pathlib import Path

import pytest

from jobnotes import cache
from jobnotes.build import build_vault
from jobnotes.jd import extract, skill_patterns, skillcache, vocabulary
from jobnotes.jd.extract import app_skills, extract_skills
from jobnotes.jd.vocabulary import Vocabulary, parse_vocabulary, vocabulary_for
from jobnotes.load import can_fork, load_cached, load_vault
from tests.conftest import EXAMPLE_VAULT, hash_tree, write_vault

TODAY = date(2026, 11, 27)


def note(company: str, skills: list[str], description: str) -> str:
    listed = "".join(f"  - {s}\n" for s in skills)
    return (f"---\ncompany: {company}\nrole: Data Analyst\nstatus: applied\n"
            f"channel: job-board\napplied: 2026-11-02\nskills:\n{listed}---\n\n"
            f"## Job description\n\n{description}\n\n## Notes\n\nSent.\n")


def fresh_run() -> None:
    """Forget what this process found and built, as a new ``jobnotes`` run would."""
    extract.FOUND.clear()
    extract.DESCRIPTIONS.clear()
    vocabulary.vocabulary_of.cache_clear()
    vocabulary.base_vocabulary.cache_clear()


def hints(root: Path, *, use_cache: bool) -> list:
    fresh_run()
    return [d for d in load_cached(root, today=TODAY, use_cache=use_cache).diagnostics
            if d.rule == extract.RULE_NOT_LISTED]


def same_with_and_without_cache(root: Path) -> list:
    """The skill hints of a run with the cache, checked against a run without it."""
    kept = hints(root, use_cache=True)
    assert kept == hints(root, use_cache=False)
    return kept


def cache_file(root: Path) -> Path:
    return cache.vault_folder(root) / skillcache.FILE


@pytest.fixture
def scans(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts a vocabulary scans, in order."""
    seen: list[str] = []
    scan = Vocabulary.scan

    def spy(self: Vocabulary, text: str):
        seen.append(text)
        return scan(self, text)

    monkeypatch.setattr(Vocabulary, "scan", spy)
    return seen


@pytest.fixture
def example(tmp_path: Path) -> Path:
    root = tmp_path / "example"
    shutil.copytree(EXAMPLE_VAULT, root)
    return root


@pytest.fixture
def pair(tmp_path: Path) -> Path:
    """Two notes: Globex's description names Quasarflow, a skill no list knows yet."""
    return write_vault(tmp_path / "pair", {
        "applications/acme.md": note("Acme", ["SQL", "Python"], "SQL and Python, daily."),
        "applications/globex.md": note(
            "Globex", ["SQL", "Looker"], "You will use SQL and Quasarflow.\n\n"
                                         "Nice to have: Looker."),
    })


def set_note(root: Path, name: str, text: str) -> None:
    (root / "applications" / name).write_text(text, encoding="utf-8")


# --- a warm run reads nothing again -----------------------------------------------------------

def test_a_second_run_reads_no_description_and_a_changed_one_alone(example, scans):
    first = same_with_and_without_cache(example)
    assert first, "the example vault has skills its descriptions name but skills: lacks"
    scans.clear()
    assert hints(example, use_cache=True) == first
    assert scans == []
    velomo = example / "applications" / "velomo-data-analyst.md"
    with velomo.open("a", encoding="utf-8") as handle:      # under ## Notes
        handle.write("- 2026-11-26: Sent the challenge.\n")
    assert hints(example, use_cache=True) == first
    assert scans == []
    velomo.write_text(velomo.read_text(encoding="utf-8").replace(
        "- dbt\n", "- dbt\n- Snowflake\n"), encoding="utf-8")
    scans.clear()
    changed = hints(example, use_cache=True)
    assert len(scans) == 1 and "Snowflake" in scans[0]
    assert changed == hints(example, use_cache=False)
    assert any("Snowflake (nice to have)" in d.message for d in changed
               if d.path == "applications/velomo-data-analyst.md")


def test_a_description_moved_down_is_not_read_again_and_its_lines_follow(pair, scans):
    """Lines added above a description (an edit elsewhere in the note) move its hints
    without the description being read again."""
    set_note(pair, "globex.md", note("Globex", ["SQL"], "SQL, Tableau and dbt."))
    before = same_with_and_without_cache(pair)
    assert [d.line for d in before] == [13]           # "Tableau", unlisted
    globex = pair / "applications" / "globex.md"
    text = globex.read_text(encoding="utf-8")
    globex.write_text(text.replace("---\n\n## Job", "---\n\nReferred by Ann.\n\n## Job"),
                      encoding="utf-8")
    scans.clear()
    moved = hints(pair, use_cache=True)
    assert scans == []
    assert [d.line for d in moved] == [15]
    assert moved == hints(pair, use_cache=False)


def test_a_run_that_needs_no_scan_compiles_no_pattern(example, monkeypatch):
    same_with_and_without_cache(example)
    compiled: list[object] = []
    compile_forms = skill_patterns._compile
    monkeypatch.setattr(skill_patterns, "_compile",
                        lambda forms, *flags: compiled.append(forms) or compile_forms(forms,
                                                                                    *flags))
    skill_patterns.pattern_of.cache_clear()
    assert hints(example, use_cache=True)
    assert compiled == []


def test_the_scanner_is_compiled_on_first_use_and_shared():
    text = "data\tPostgreSQL\tpostgres\ndata\tSQL\n"
    vocab = parse_vocabulary(text)
    assert vocab._compiled is None
    assert [f.name for f in extract_skills("SQL on postgres", vocab)] == ["SQL", "PostgreSQL"]
    again = parse_vocabulary(text)
    assert again.origin == vocab.origin and again.compile() == vocab.compile()
    assert parse_vocabulary(text + "data\tPython\n").origin != vocab.origin


# --- never stale -------------------------------------------------------------------------------

def test_a_changed_description_is_read_again(pair):
    assert same_with_and_without_cache(pair) == []
    set_note(pair, "globex.md", note("Globex", ["SQL", "Looker"],
                                     "SQL, Tableau and dbt.\n\nNice to have: Looker."))
    found = same_with_and_without_cache(pair)
    assert [d.message for d in found] == [
        "the job description names 2 skills that `skills:` does not list: Tableau, dbt"]


def test_a_new_or_changed_spelling_in_any_note_is_seen_in_every_description(pair):
    assert same_with_and_without_cache(pair) == []
    # Acme learns Quasarflow: the vocabulary now knows it, so Globex's description names it.
    set_note(pair, "acme.md", note("Acme", ["SQL", "Python", "Quasarflow"], "SQL, daily."))
    found = same_with_and_without_cache(pair)
    assert [(d.path, d.line) for d in found] == [("applications/globex.md", 14)]
    assert "names Quasarflow," in found[0].message
    # Another spelling of it, written more often, becomes its name.
    set_note(pair, "acme.md", note("Acme", ["SQL", "QuasarFlow"], "SQL, daily."))
    write_vault(pair, {"applications/initech.md": note("Initech", ["QuasarFlow"], "")})
    found = same_with_and_without_cache(pair)
    assert ["names QuasarFlow," in d.message for d in found] == [True]
    # And gone again.
    set_note(pair, "acme.md", note("Acme", ["SQL"], "SQL, daily."))
    (pair / "applications" / "initech.md").unlink()
    assert same_with_and_without_cache(pair) == []


def trio(root: Path) -> Path:
    return write_vault(root, {
        "applications/acme.md": note("Acme", ["SQL", "Python"], "SQL and Python, daily."),
        "applications/globex.md": note("Globex", ["SQL"], "SQL and Quasarflow, weekly."),
        "applications/initech.md": note("Initech", ["Looker"], "Looker; Tableau a plus."),
    })


def test_a_new_spelling_is_looked_for_only_where_a_description_names_it(tmp_path, scans):
    root = trio(tmp_path / "trio")
    assert [d.path for d in same_with_and_without_cache(root)] == [
        "applications/initech.md"]                                     # Tableau
    set_note(root, "acme.md", note("Acme", ["SQL", "Python", "Quasarflow"],
                                   "SQL and Python, daily."))
    scans.clear()
    found = hints(root, use_cache=True)
    assert len(scans) == 1 and "Quasarflow" in scans[0]                # Globex's alone
    assert found == hints(root, use_cache=False)
    assert any("names Quasarflow," in d.message for d in found
               if d.path == "applications/globex.md")


def test_a_spelling_renamed_or_removed_is_looked_for_where_it_was_named(tmp_path, scans):
    root = trio(tmp_path / "trio")
    set_note(root, "acme.md", note("Acme", ["Quasarflow"], "SQL and Python, daily."))
    same_with_and_without_cache(root)
    # Written "QuasarFlow" twice now: that spelling becomes the skill's name.
    set_note(root, "acme.md", note("Acme", ["QuasarFlow"], "SQL and Python, daily."))
    write_vault(root, {"applications/umbrella.md": note("Umbrella", ["QuasarFlow"], "")})
    scans.clear()
    found = hints(root, use_cache=True)
    assert len(scans) == 1 and "Quasarflow" in scans[0]
    assert found == hints(root, use_cache=False)
    assert any("names QuasarFlow," in d.message for d in found)
    set_note(root, "acme.md", note("Acme", ["SQL"], "SQL and Python, daily."))
    (root / "applications" / "umbrella.md").unlink()
    scans.clear()
    found = hints(root, use_cache=True)
    assert len(scans) == 1 and "Quasarflow" in scans[0]
    assert found == hints(root, use_cache=False)


def test_skills_in_the_settings_are_seen_in_every_description(pair):
    assert same_with_and_without_cache(pair) == []
    write_vault(pair, {"jobnotes.toml": '[skills]\nhave = ["Quasarflow"]\n'})
    found = same_with_and_without_cache(pair)
    assert ["names Quasarflow," in d.message for d in found] == [True]
    write_vault(pair, {"jobnotes.toml": '[skills]\nlearning = ["quasarflow"]\n'})
    found = same_with_and_without_cache(pair)
    assert ["names quasarflow," in d.message for d in found] == [True]
    (pair / "jobnotes.toml").unlink()
    assert same_with_and_without_cache(pair) == []


def test_the_built_site_never_shows_stale_skills(pair, tmp_path):
    def built(use_cache: bool) -> dict[str, str]:
        fresh_run()
        out = tmp_path / ("with" if use_cache else "without")
        build_vault(pair, out, today=TODAY, use_cache=use_cache, force=True)
        return hash_tree(out)

    assert built(True) == built(False)
    set_note(pair, "acme.md", note("Acme", ["SQL", "Quasarflow"], "SQL, daily."))
    set_note(pair, "globex.md", note("Globex", ["SQL"], "Quasarflow, Tableau and dbt."))
    after = built(True)
    assert after == built(False)
    skills_page = (tmp_path / "with" / "skills.html").read_text(encoding="utf-8")
    assert "Quasarflow" in skills_page and "Tableau" in skills_page


# --- the cache file ------------------------------------------------------------------------------

def test_a_deleted_cache_file_only_costs_time(pair, scans):
    set_note(pair, "globex.md", note("Globex", ["SQL"], "SQL, Tableau and dbt."))
    first = same_with_and_without_cache(pair)
    cache_file(pair).unlink()
    scans.clear()
    assert hints(pair, use_cache=True) == first
    assert len(scans) == 2 and cache_file(pair).exists()


@pytest.mark.parametrize("damage", ["bytes", "entries", "foreign"])
def test_a_damaged_cache_file_is_ignored(pair, damage):
    set_note(pair, "globex.md", note("Globex", ["SQL"], "SQL, Tableau and dbt."))
    first = same_with_and_without_cache(pair)
    path = cache_file(pair)
    if damage == "bytes":
        path.write_bytes(b"\x80\x05not a pickle at all")
    elif damage == "entries":
        junk = [[], ("junk",), 5, "ab", (0, 1), (0, 1, "2"), ("x",) * 9, {}]
        cache.write_pickle(path, cache.code_fingerprint(), tuple(
            {key: junk[n % len(junk)] for n, key in enumerate(part)}
            for part in cache.read_pickle(path, cache.code_fingerprint())))
    else:
        path.write_bytes(pickle.dumps(("another version", {"k": "v"})))
    assert hints(pair, use_cache=True) == first
    assert hints(pair, use_cache=True) == first


def test_only_the_notes_of_this_run_are_kept(pair):
    same_with_and_without_cache(pair)
    descriptions, found, _ = cache.read_pickle(cache_file(pair), cache.code_fingerprint())
    assert len(descriptions) == len(found) == 2
    (pair / "applications" / "acme.md").unlink()
    same_with_and_without_cache(pair)
    descriptions, found, _ = cache.read_pickle(cache_file(pair), cache.code_fingerprint())
    assert len(descriptions) == len(found) == 1


def test_without_the_cache_nothing_is_written(pair):
    fresh_run()
    load_vault(pair, today=TODAY)
    load_cached(pair, today=TODAY, use_cache=False)
    assert not cache_file(pair).exists()


# --- read in two processes ------------------------------------------------------------------------

@pytest.mark.skipif(not can_fork(), reason="needs two cores and the fork start method")
def test_many_descriptions_read_in_two_processes_give_the_same_skills(
        tmp_path, monkeypatch):
    monkeypatch.setattr(skillcache, "PARALLEL_FROM", 4)
    phrases = ["SQL and Python", "Tableau, preferably Looker", "dbt; Snowflake a plus",
               "Excel and R", "Kubernetes and Go", "statistics, A/B testing"]
    root = write_vault(tmp_path / "many", {
        f"applications/n{n}.md": note(f"Co {n}", ["SQL"] + (["Quasarflow"] if n == 3 else []),
                                      f"{phrases[n % 6]} and {phrases[(n * 5) % 6]}, "
                                      f"Quasarflow {n}.")
        for n in range(9)})
    kept = same_with_and_without_cache(root)
    assert len(kept) == 9
    fresh_run()
    vault = load_cached(root, today=TODAY, use_cache=True)   # every skill from the file
    vocab = vocabulary_for(vault.applications, vault.settings)
    from_file = [app_skills(a, vocab) for a in vault.applications]
    fresh_run()
    vault = load_vault(root, today=TODAY)
    vocab = vocabulary_for(vault.applications, vault.settings)
    assert from_file == [app_skills(a, vocab) for a in vault.applications]
