"""Figures kept from one rebuild to the next (``analysis.notememo``) are exactly the
figures the plain functions compute from scratch, whatever changed in between."""

from __future__ import annotations

import dataclasses
import random
from datetime import date, timedelta

import pytest

from jobnotes.analysis import memo_skills, resilience, scorecard, timing
from jobnotes.analysis.memo import Analysis
from jobnotes.analysis.notememo import Changes, Generation, NoteMemo
from jobnotes.analysis.postmortem import post_mortem
from jobnotes.load import load_vault
from jobnotes.model import Application, Person, Vault
from jobnotes.settings import Settings, Windows
from jobnotes.site.jobskills import job_skills
from tests.conftest import EXAMPLE_VAULT

TODAY = date(2026, 11, 27)


@pytest.fixture(scope="module")
def example() -> Vault:
    return load_vault(EXAMPLE_VAULT, today=TODAY)


def dashboard_figures(vault: Vault, memo: NoteMemo | None) -> dict[str, object]:
    """The dashboard's goals, wins, activity and scorecard: through the build's
    ``Analysis`` with ``memo``, else from the plain functions alone."""
    apps, people, settings, today = (vault.applications, vault.people, vault.settings,
                                     vault.today)
    if memo is None:
        return {
            "informational": resilience.informational_conversations(apps, people, today),
            "goal events": resilience.goal_events(apps, people, today),
            "wins": resilience.wins(apps, people, settings, today),
            "activity": timing.activity_days(apps, people, today, settings),
            "scorecard": scorecard.scorecard(apps, people, settings, today),
            "touches": scorecard.touches_on_time(people, apps, settings, today),
        }
    analysis = Analysis.of(vault, memo)
    return {
        "informational": analysis.informational,
        "goal events": analysis.goal_events,
        "wins": analysis.wins(),
        "activity": analysis.activity_days(),
        "scorecard": analysis.scorecard(),
        "touches": analysis.touches(),
    }


def figures(vault: Vault, memo: NoteMemo | None = None) -> dict[str, object]:
    """Everything the site reads from the aggregates, kept (with ``memo``) or plain."""
    analysis = Analysis.of(vault, memo)
    job = job_skills(vault, memo)
    return {
        **dashboard_figures(vault, memo),
        "reminders": analysis.reminders,
        "reminders by note": analysis.reminders_by_rel,
        "contacts": analysis.contacts,
        "contact index": dict(analysis.contact_index),
        "digest": analysis.digest,
        "funnel": analysis.funnel,
        "sankey": analysis.sankey,
        # (without a memo, ``Analysis.post_mortem`` keeps one review per path)
        "post-mortems": [analysis.post_mortem(a) if memo else post_mortem(a, vault.today)
                         for a in vault.applications],
        "matches": list(job.matches.items()),
        "panels": list(job.panels.items()),
        "payoff": job.payoff,
        "demand": job.demand,
        "vocabulary": [(s.key, s.name, s.field, s.spellings) for s in job.vocab.skills],
        "keys": [job.vocab.key(s) for a in vault.applications for s in a.skills],
    }


def assert_same(vault: Vault, memo: NoteMemo) -> None:
    kept, plain = figures(vault, memo), figures(vault)
    for name, value in plain.items():
        assert kept[name] == value, name


# --- one change at a time --------------------------------------------------------------------

def _replace(vault: Vault, at: int, **fields: object) -> Vault:
    apps = list(vault.applications)
    apps[at] = dataclasses.replace(apps[at], **fields)
    return dataclasses.replace(vault, applications=apps)


def _first(vault: Vault, test) -> int:
    return next(n for n, a in enumerate(vault.applications) if test(a))


def _copy(app: Application, name: str, **fields: object) -> Application:
    return dataclasses.replace(app, rel=f"applications/{name}.md", slug=name, stem=name,
                               **fields)


CHANGES = {
    "a role": lambda v: _replace(v, 3, role="Senior Analyst"),
    "a rejection with a theme": lambda v: _replace(
        v, _first(v, lambda a: a.status == "applied"), status="rejected",
        rejected=TODAY - timedelta(days=1),
        body="## Post-mortem\n### What to improve\nPace #improve/system-design\n"),
    "an interview coming up": lambda v: _replace(
        v, _first(v, lambda a: a.status == "applied"), status="interviewing",
        interviews=[TODAY + timedelta(days=2)]),
    "an answer yesterday": lambda v: _replace(
        v, _first(v, lambda a: a.status == "applied"), status="screening",
        screening=TODAY - timedelta(days=1)),
    "a date moved into a cooling-off": lambda v: _replace(
        v, _first(v, lambda a: a.status == "applied"), applied=max(
            a.rejected for a in v.applications if a.rejected is not None)),
    "a company": lambda v: _replace(v, 5, company=v.applications[9].company),
    "the contacts": lambda v: _replace(v, 2, contacts=[v.people[0].name, v.people[4].name]),
    "an application added": lambda v: dataclasses.replace(v, applications=[
        *v.applications[:7], _copy(v.applications[7], "zz-again", role="Analyst II"),
        *v.applications[7:]]),
    "an application removed": lambda v: dataclasses.replace(
        v, applications=v.applications[:4] + v.applications[5:]),
    "a person": lambda v: dataclasses.replace(v, people=[
        dataclasses.replace(v.people[0], met=TODAY - timedelta(days=20)), *v.people[1:]]),
    "a person renamed": lambda v: dataclasses.replace(v, people=[
        dataclasses.replace(v.people[1], name=v.people[2].name), *v.people[2:]]),
    "a skill nobody wrote before": lambda v: _replace(
        v, 6, skills=[*v.applications[6].skills, "Quibbling"]),
    "a description naming the user's own skill": lambda v: _replace(
        v, 0, body="## Job description\n\nYou bring stakeholder communication and SQL.\n"),
    "a known skill written again": lambda v: _replace(
        v, 8, skills=[*v.applications[8].skills, "sql"]),
    "the order of the notes": lambda v: dataclasses.replace(
        v, applications=v.applications[::-1]),
    "the day": lambda v: dataclasses.replace(v, today=TODAY + timedelta(days=1)),
    "the settings": lambda v: dataclasses.replace(
        v, settings=dataclasses.replace(v.settings, windows=Windows(cooling_off_hours=96))),
}


@pytest.mark.parametrize("change", CHANGES)
def test_kept_figures_follow_a_change(example, change):
    memo = NoteMemo()
    assert_same(example, memo)
    changed = CHANGES[change](example)
    assert_same(changed, memo)
    assert_same(example, memo)          # and back


def test_kept_figures_follow_a_long_run_of_edits(example):
    rng = random.Random(7)
    memo = NoteMemo()
    vault = example
    names = [p.name for p in example.people]
    skills = ["SQL", "Python", "Quibbling", "quibbling", "QUIBBLING", "Qx", "Looker", "dbt"]
    for step in range(40):
        apps, people = list(vault.applications), list(vault.people)
        at = rng.randrange(len(apps))
        app = apps[at]
        day = TODAY - timedelta(days=rng.randrange(-5, 40))
        edits = [
            {"role": app.role + "!"},
            {"status": rng.choice(["applied", "rejected", "ghosted", "interviewing", "offer",
                                   "wishlist", "withdrawn"])},
            {"rejected": rng.choice([None, day])},
            {"applied": rng.choice([None, day])},
            {"interviews": sorted({day, TODAY + timedelta(days=rng.randrange(4))})},
            {"contacts": rng.sample(names, 2)},
            {"skills": rng.sample(skills, 3)},
            {"type": rng.choice([None, "informational"])},
            {"body": app.body + f"\n#improve/topic-{rng.randrange(3)}\n- [ ] practise\n"},
        ]
        choice = rng.randrange(len(edits) + 3)
        if choice < len(edits):
            apps[at] = dataclasses.replace(app, **edits[choice])
        elif choice == len(edits):
            apps.insert(at, _copy(app, f"zz-{step}", skills=rng.sample(skills, 2)))
        elif choice == len(edits) + 1 and len(apps) > 5:
            del apps[at]
        else:
            k = rng.randrange(len(people))
            people[k] = dataclasses.replace(people[k], met=day, connected=None)
        vault = dataclasses.replace(vault, applications=apps, people=people)
        assert_same(vault, memo)


def test_notes_sharing_a_path_are_counted_as_the_plain_functions_count_them(example):
    memo = NoteMemo()
    assert_same(example, memo)
    twin = dataclasses.replace(example.applications[1], role="Twin")
    doubled = dataclasses.replace(example, applications=[*example.applications, twin])
    assert_same(doubled, memo)


# --- the memo itself ---------------------------------------------------------------------------

def _app(name: str, **fields: object) -> Application:
    return Application(rel=f"applications/{name}.md", slug=name, stem=name, company="Acme",
                       role="Analyst", status="applied", **fields)


def test_a_value_is_kept_for_that_very_note_and_never_for_an_equal_one():
    memo = NoteMemo()
    note = _app("a", applied=TODAY)
    twin = dataclasses.replace(note)
    assert twin == note and twin is not note
    made: list[Application] = []

    def compute(app: Application) -> int:
        made.append(app)
        return len(made)

    memo.generation([note], [], Settings(), TODAY)
    assert memo.value("t", note, compute) == 1
    assert memo.value("t", note, compute) == 1
    assert memo.value("t", twin, compute) == 2
    assert memo.value("t", note, compute, key="other") == 3
    assert made == [note, twin, note]


def test_values_are_forgotten_when_the_note_leaves_or_the_day_changes():
    memo = NoteMemo()
    note, other = _app("a"), _app("b")
    counter = iter(range(100))
    memo.generation([note, other], [], Settings(), TODAY)
    first = memo.value("t", note, lambda _: next(counter))
    memo.generation([other], [], Settings(), TODAY)          # the note left the vault
    memo.generation([note, other], [], Settings(), TODAY)    # and came back
    again = memo.value("t", note, lambda _: next(counter))
    assert again != first
    memo.generation([note, other], [], Settings(), TODAY + timedelta(days=1))
    assert memo.value("t", note, lambda _: next(counter)) not in (first, again)


def test_changes_between_generations_name_what_came_and_went():
    a, b, c, d = (_app(n) for n in "abcd")
    people = [Person(rel="people/p.md", slug="p", name="P")]
    old = Generation(1, [a, b, c], people)
    c2 = dataclasses.replace(c, role="Lead")
    swapped = Changes(old, Generation(2, [a, b, c2], people))
    assert swapped.removed_apps == [c] and swapped.added_apps == [c2]
    assert swapped.swaps() == [(2, c, c2)] and swapped.in_order()
    assert not swapped.removed_people and not swapped.added_people
    inserted = Changes(old, Generation(3, [a, d, b, c], []))
    assert inserted.added_apps == [d] and inserted.removed_people == people
    assert inserted.swaps() is None and inserted.in_order()
    moved = Changes(old, Generation(4, [c, a, b], people))
    assert not moved.added_apps and not moved.in_order()


# --- the work done follows the change --------------------------------------------------------

def _count_matching(monkeypatch) -> list[str]:
    matched: list[str] = []
    real = memo_skills.match_with

    def counting(app, *args):
        matched.append(app.rel)
        return real(app, *args)

    monkeypatch.setattr(memo_skills, "match_with", counting)
    return matched


def test_one_changed_note_is_matched_again_alone(example, monkeypatch):
    memo = NoteMemo()
    job_skills(example, memo)
    matched = _count_matching(monkeypatch)
    changed = _replace(example, 3, role="Senior Analyst",
                       skills=[*example.applications[3].skills, "SQL"])
    job_skills(changed, memo)
    assert matched == [changed.applications[3].rel]


def test_a_new_spelling_matches_again_only_the_notes_that_name_it(example, monkeypatch):
    memo = NoteMemo()
    apps = list(example.applications)
    apps[10] = dataclasses.replace(
        apps[10], type=None, body="## Job description\n\nExperience with quibbling helps.\n")
    vault = dataclasses.replace(example, applications=apps)
    job_skills(vault, memo)
    matched = _count_matching(monkeypatch)
    changed = _replace(vault, 6, skills=[*apps[6].skills, "Quibbling"])
    assert job_skills(changed, memo).matches == job_skills(changed).matches
    assert sorted(matched) == sorted([apps[6].rel, apps[10].rel])
    assert any(s.key == "quibbling" for s in job_skills(changed, memo).matches[apps[10].rel].skills)


def test_one_changed_note_is_read_again_alone_for_the_wins_and_the_activity(
        example, monkeypatch):
    memo = NoteMemo()
    dashboard_figures(example, memo)
    read: list[str] = []
    for module, name in ((resilience, "app_wins"), (timing, "app_activity")):
        plain = getattr(module, name)

        def counting(app, today, plain=plain):
            read.append(app.rel)
            return plain(app, today)

        monkeypatch.setattr(module, name, counting)
    changed = CHANGES["an answer yesterday"](example)
    at = _first(example, lambda a: a.status == "applied")
    kept = dashboard_figures(changed, memo)
    assert read == [changed.applications[at].rel] * 2
    monkeypatch.undo()
    assert kept == dashboard_figures(changed, None)


def test_one_changed_person_is_read_again_alone_for_the_network_figures(example, monkeypatch):
    from jobnotes.analysis import network

    memo = NoteMemo()
    dashboard_figures(example, memo)
    read: list[tuple[str, str]] = []
    for module, name in ((network, "person_conversation_days"),
                         (scorecard, "person_touches"), (scorecard, "thank_you_on_time")):
        plain = getattr(module, name)

        def counting(person, *args, plain=plain, name=name):
            read.append((name, person.rel))
            return plain(person, *args)

        monkeypatch.setattr(module, name, counting)
    changed = CHANGES["a person"](example)
    kept = dashboard_figures(changed, memo)
    rel = changed.people[0].rel
    assert sorted(read) == [("person_conversation_days", rel), ("person_touches", rel),
                            ("thank_you_on_time", rel)]
    monkeypatch.undo()
    assert kept == dashboard_figures(changed, None)


# --- the site ------------------------------------------------------------------------------------

def test_a_site_built_with_kept_figures_is_the_same_site(example):
    from jobnotes.site import notes_pages, pages, render

    dirs = render.template_dirs(example)
    env = render.make_environment(dirs)

    def site(vault: Vault, memo: NoteMemo | None) -> dict[str, bytes]:
        data = pages.SiteData.of(vault, memo=memo)
        collected = [*pages.collect(vault, data), *notes_pages.collect(vault, data)]
        return render.render_pages(env, collected, dirs, vault.root)

    memo = NoteMemo()
    site(example, memo)
    changed = CHANGES["a rejection with a theme"](CHANGES["an interview coming up"](example))
    assert site(changed, memo) == site(changed, None)


# --- the vocabulary ------------------------------------------------------------------------------

def test_names_that_make_the_same_vocabulary_give_the_same_object(example):
    from jobnotes.jd.vocabulary import vocabulary_for

    settings = example.settings
    before = vocabulary_for(example.applications, settings)
    known = _replace(example, 4, skills=[*example.applications[4].skills, "Python", "sql"])
    assert vocabulary_for(known.applications, settings) is before
    again = _replace(example, 4, skills=[*example.applications[4].skills,
                                         "stakeholder communication"])
    assert vocabulary_for(again.applications, settings) is before
    new = _replace(example, 4, skills=[*example.applications[4].skills, "Quibbling"])
    grown = vocabulary_for(new.applications, settings)
    assert grown is not before and grown.key("quibbling") == "quibbling"
    assert grown.name("quibbling") == "Quibbling" and before.key("quibbling") not in before
