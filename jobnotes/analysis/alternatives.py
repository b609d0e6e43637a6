"""The alternatives track: informational interviews, non-permanent roles, transferable skills.

Informational interviews are not applications: they never count in the funnel, and
this module is where they are listed.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from jobnotes.analysis.stages import exit_of, furthest_stage, informational_date
from jobnotes.jd.match import JobSkill, Match, match_all
from jobnotes.jd.vocabulary import Vocabulary, vocabulary_for
from jobnotes.model import Application, Person
from jobnotes.settings import Settings

ALTERNATIVE_TYPES: tuple[str, ...] = ("contract", "freelance", "part-time")


@dataclass(frozen=True, slots=True)
class InformationalInterview:
    """One informational interview, from an application note or a person note."""

    date: date | None        # when it took place; None when no date is recorded
    source: str              # "application" or "person"
    slug: str                # page of the note it comes from
    rel: str                 # vault-relative path of that note
    title: str               # "Company — Role" for a note, the person's name for a person
    company: str | None
    people: tuple[str, ...]  # people involved (the application's contacts, or the person)
    upcoming: bool           # date after today


def informational_interviews(
    apps: Iterable[Application], people: Iterable[Person], today: date
) -> list[InformationalInterview]:
    """Every informational interview, by date (undated last).

    A person whose ``informational`` date matches an informational application that
    lists them as a contact is the same conversation, and is listed once.
    """
    items: list[InformationalInterview] = []
    covered: set[tuple[str, date]] = set()
    for app in apps:
        if not app.is_informational:
            continue
        when = informational_date(app)
        if when is not None:
            covered.update((c.casefold(), when) for c in app.contacts)
        items.append(InformationalInterview(
            date=when, source="application", slug=app.slug, rel=app.rel, title=app.title,
            company=app.company, people=tuple(app.contacts),
            upcoming=when is not None and when > today,
        ))
    for person in people:
        when = person.informational
        if when is None or (person.name.casefold(), when) in covered:
            continue
        items.append(InformationalInterview(
            date=when, source="person", slug=person.slug, rel=person.rel, title=person.name,
            company=person.company, people=(person.name,), upcoming=when > today,
        ))
    items.sort(key=lambda i: (i.date is None, i.date or date.min, i.title.casefold(), i.rel))
    return items


@dataclass(frozen=True, slots=True)
class AlternativeRole:
    """A contract, freelance or part-time role."""

    slug: str
    rel: str
    title: str        # "Company — Role"
    type: str         # "contract", "freelance" or "part-time"
    status: str       # the note's status
    stage: str        # furthest stage reached: "Interview 1"
    outcome: str      # "Awaiting a response", "Rejected after screening", ...
    applied: date | None


def alternative_roles(
    apps: Iterable[Application], today: date, settings: Settings
) -> list[AlternativeRole]:
    """Contract, freelance and part-time roles, grouped by type, then by company and role."""
    rows = [
        AlternativeRole(
            slug=app.slug, rel=app.rel, title=app.title, type=app.type or "",
            status=app.status, stage=furthest_stage(app, today).label,
            outcome=exit_of(app, today, settings).label, applied=app.applied,
        )
        for app in apps
        if app.type in ALTERNATIVE_TYPES
    ]
    rows.sort(key=lambda r: (ALTERNATIVE_TYPES.index(r.type), r.title.casefold(), r.slug))
    return rows


# ------------------------------------------------------------ transferable skills

# Words that say how senior or how employed, not what the role is.
_ROLE_NOISE = frozenset({
    "senior", "sr", "junior", "jr", "lead", "principal", "staff", "associate", "intern",
    "entry", "mid", "level", "i", "ii", "iii", "iv", "1", "2", "3", "contract", "contractor",
    "freelance", "freelancer", "temporary", "temp", "remote", "hybrid", "m", "f", "d", "w",
})
_PART_TIME = re.compile(r"\b(part|full)[\s-]*time\b")
_NON_WORD = re.compile(r"[^\w+#]+")


def role_key(role: str) -> str:
    """Role words without seniority or contract words: "Senior Data Analyst (Remote)"
    and "data analyst" share the key "data analyst"."""
    text = _PART_TIME.sub(" ", role.casefold())
    words = [w for w in _NON_WORD.split(text) if w and w not in _ROLE_NOISE]
    return " ".join(words) or " ".join(role.casefold().split())


@dataclass(frozen=True, slots=True)
class TransferableSkill:
    """A skill asked for by at least two different kinds of role."""

    name: str                  # display name of the skill
    key: str                   # skill merge key
    status: str                # "have", "learning" or "gap"
    roles: tuple[str, ...]     # the different roles asking for it, by name
    count: int                 # applications asking for it (as on the skills page)


def transferable_skills(
    apps: Iterable[Application], settings: Settings, *,
    vocab: Vocabulary | None = None, matches: Iterable[Match] | None = None,
) -> list[TransferableSkill]:
    """Skills that appear in applications for two or more different roles (role titles
    compared without seniority words), most roles first.

    An application asks for a skill as on the skills page (``analysis.skills``): its job
    description names it or its ``skills:`` lists it, spellings merged by the vocabulary
    of these notes, so both pages give one skill the same count. Informational
    interviews are left out; wishlist entries count (their job descriptions are real).
    ``matches`` (``jobnotes.jd.match.match_all`` of the same notes) saves reading the job
    descriptions again; without it they are read here with ``vocab`` (default: the
    vocabulary of these notes and settings).
    """
    apps = list(apps)
    if matches is None:     # the vocabulary of every note, as the site's (see jd.match)
        matches = match_all(apps, settings, vocab or vocabulary_for(apps, settings))
    by_rel = {m.rel: m for m in matches}
    role_names: dict[str, Counter[str]] = defaultdict(Counter)
    roles_by_skill: dict[str, set[str]] = defaultdict(set)
    apps_by_skill: Counter[str] = Counter()
    skills: dict[str, JobSkill] = {}
    for app in apps:
        match = by_rel.get(app.rel)
        if match is None or app.is_informational:
            continue
        rkey = role_key(app.role)
        role_names[rkey][" ".join(app.role.split())] += 1
        for skill in match.skills:
            skills.setdefault(skill.key, skill)
            roles_by_skill[skill.key].add(rkey)
            apps_by_skill[skill.key] += 1
    result: list[TransferableSkill] = []
    for key, rkeys in roles_by_skill.items():
        if len(rkeys) < 2:
            continue
        roles = sorted((_most_common(role_names[r]) for r in rkeys), key=str.casefold)
        result.append(TransferableSkill(
            name=skills[key].name, key=key, status=skills[key].status,
            roles=tuple(roles), count=apps_by_skill[key],
        ))
    result.sort(key=lambda t: (-len(t.roles), -t.count, t.name.casefold(), t.key))
    return result


def _most_common(spellings: Counter[str]) -> str:
    """The most used spelling; on a tie the shortest ("Data Analyst" over "Sr Data Analyst")."""
    return min(spellings, key=lambda s: (-spellings[s], len(s), s))
