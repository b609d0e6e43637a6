"""The typed model every later stage reads: built once by ``load``, never mutated after."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from jobnotes.diagnostics import Diagnostic
from jobnotes.field_values import (  # noqa: F401 - the model's values, named from here too
    DEFAULT_CHANNELS,
    JOB_TYPES,
    PERSON_ROLES,
    STATUSES,
)

if TYPE_CHECKING:
    from jobnotes.obsidian.graph import LinkGraph
    from jobnotes.settings import Settings

# Outcome dates, in the order a search can reach them.
OUTCOME_DATE_KEYS: tuple[str, ...] = ("offer", "rejected", "withdrawn", "accepted", "declined")


@dataclass(frozen=True, slots=True)
class Pos:
    """A 1-based line and column in a note file."""

    line: int
    column: int


@functools.lru_cache(maxsize=16384)
def position(line: int, column: int) -> Pos:
    """The one shared ``Pos`` of a place: a large vault holds hundreds of thousands of
    positions but only a few thousand distinct ones (a ``Pos`` cannot change)."""
    return Pos(line, column)


@functools.lru_cache(maxsize=1 << 16)
def _title(company: str, role: str) -> str:
    # Asked for by many figures and pages; one string per application, not one per ask.
    return f"{company} — {role}"


START = Pos(1, 1)       # where a note starts: the position of what has none of its own


@dataclass(slots=True)
class Application:
    """One job application (or informational interview), from one note."""

    rel: str                # vault-relative path, forward slashes: "applications/acme-analyst.md"
    slug: str               # unique, URL-safe page name: "acme-analyst"
    stem: str               # file name without ".md": what [[wikilinks]] name
    company: str
    role: str
    status: str
    channel: str | None = None
    type: str | None = None
    applied: date | None = None
    screening: date | None = None
    interviews: list[date] = field(default_factory=list)
    offer: date | None = None
    rejected: date | None = None
    withdrawn: date | None = None
    accepted: date | None = None
    declined: date | None = None
    feedback_requested: date | None = None
    feedback_received: date | None = None
    # ``feedback_requested: none``: there is no one to ask (an automated, no-reply rejection).
    feedback_not_possible: bool = False
    # Days a follow-up (or a thank-you after an interview) went to the company.
    followed_up: list[date] = field(default_factory=list)
    contacts: list[str] = field(default_factory=list)   # person note names, without [[ ]]
    skills: list[str] = field(default_factory=list)
    location: str | None = None
    url: str | None = None
    salary: str | None = None
    resume: str | None = None
    tags: list[str] = field(default_factory=list)
    next_action: str | None = None
    next_action_date: date | None = None
    excitement: int | None = None
    body: str = ""
    body_line: int = 1       # file line where the body starts
    positions: dict[str, Pos] = field(default_factory=dict)  # front matter key -> value position

    @property
    def title(self) -> str:
        return _title(self.company, self.role)

    @property
    def is_informational(self) -> bool:
        return self.type == "informational"

    def pos(self, key: str) -> Pos:
        return self.positions.get(key, START)


@dataclass(slots=True)
class Person:
    """One contact, from one note in the people folder."""

    rel: str
    slug: str
    name: str                # the file stem: "Jane Doe"
    company: str | None = None
    role: str | None = None
    linkedin: str | None = None
    email: str | None = None
    met: date | None = None
    thanked: date | None = None
    connected: date | None = None
    touches: list[date] = field(default_factory=list)
    informational: date | None = None
    tags: list[str] = field(default_factory=list)
    body: str = ""
    body_line: int = 1
    positions: dict[str, Pos] = field(default_factory=dict)

    def pos(self, key: str) -> Pos:
        return self.positions.get(key, START)


@dataclass(slots=True)
class Vault:
    """Everything read from a vault: valid notes, and every finding about all notes."""

    root: Path
    settings: Settings
    today: date
    applications: list[Application] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files_checked: int = 0
    # Vault-relative paths of notes that were skipped because they could not be read.
    skipped: list[str] = field(default_factory=list)
    # How links resolve across the whole vault (every file by name and path) and which
    # other notes get a page; built by ``load`` from file names, None for a hand-made vault.
    link_graph: LinkGraph | None = None

    def person_by_name(self, name: str) -> Person | None:
        key = name.casefold()
        for person in self.people:
            if person.name.casefold() == key:
                return person
        return None
