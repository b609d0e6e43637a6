"""Rules across notes: contacts that name no person, the same application twice (applying
again after an application ended is not a duplicate), the same person twice."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

from jobnotes.day_text import short_day
from jobnotes.diagnostics import Diagnostic, warning
from jobnotes.model import OUTCOME_DATE_KEYS, Application, Person
from jobnotes.obsidian.findings import link_findings
from jobnotes.obsidian.graph import LinkGraph
from jobnotes.settings import Settings
from jobnotes.suggest import did_you_mean

# Statuses that end an application: a note for the same role after one is applying again.
CLOSED_STATUSES = ("rejected", "ghosted", "withdrawn", "declined")


def _fold(text: str) -> str:
    """Case- and spacing-insensitive form: "Acme  Corp" and "acme corp" are the same."""
    return re.sub(r"\s+", " ", text).strip().casefold()


def cross_check(applications: list[Application], people: list[Person],
                settings: Settings, graph: LinkGraph | None = None) -> list[Diagnostic]:
    """Every finding that needs more than one note to see (links need the ``graph``)."""
    links = link_findings(graph, [*applications, *people]) if graph is not None else []
    return [*_unknown_contacts(applications, people, settings),
            *_duplicate_applications(applications),
            *_duplicate_people(people),
            *links]


def _unknown_contacts(applications: list[Application], people: list[Person],
                      settings: Settings) -> list[Diagnostic]:
    known = {person.name.casefold() for person in people}
    names = sorted({person.name for person in people})
    folder = settings.folders.people
    return [d for app in applications for d in contact_findings(app, known, names, folder)]


def contact_findings(app: Application, known: set[str], names: list[str],
                     folder: str) -> list[Diagnostic]:
    """The contacts of ``app`` that name no person (``known``: their casefolded names)."""
    found = []
    for index, name in enumerate(app.contacts):
        if name.casefold() in known:
            continue
        pos = app.positions.get(f"contacts[{index}]") or app.pos("contacts")
        create = f'create it with: jobnotes new --person "{name}"'
        suggestion = did_you_mean(name, names)
        hint = f"did you mean `[[{suggestion}]]`? Or {create}" if suggestion else create
        found.append(warning(app.rel, pos.line, pos.column, "contact-unknown",
                             f"contact `{name}` has no note in {folder}/", hint))
    return found


def _duplicate_applications(applications: list[Application]) -> list[Diagnostic]:
    groups: dict[tuple[str, str], list[Application]] = {}
    for app in sorted(applications, key=lambda a: a.rel):
        groups.setdefault(_app_key(app), []).append(app)
    return [d for group in groups.values() if len(group) > 1
            for d in duplicate_findings(group).values()]


def _app_key(app: Application) -> tuple[str, str]:
    return same_application_key(app.company, app.role)


def same_application_key(company: str, role: str) -> tuple[str, str]:
    """What two notes of the same company and role share (case and spacing aside)."""
    return (_fold(company), _fold(role))




def stage_label(app: Application) -> str:
    """Where ``app`` stands, for a sentence: "rejected 18 Nov 2026", "applied 2 Nov 2026"."""
    outcome = getattr(app, app.status, None) if app.status in OUTCOME_DATE_KEYS else None
    if isinstance(outcome, date):
        return f"{app.status} {short_day(outcome)}"
    if app.applied is not None:
        return f"{app.status}, applied {short_day(app.applied)}" if app.status != "applied" \
            else f"applied {short_day(app.applied)}"
    return app.status


def duplicate_findings(group: list[Application]) -> dict[str, Diagnostic]:
    """The duplicate warnings among notes of one company and role, by path: each sits on
    the newer note and names the older. Applying again (see ``applies_again``) is not
    a duplicate."""
    ordered = sorted(group, key=age)
    found = {}
    for number, app in enumerate(ordered):
        older = next((o for o in ordered[:number] if not reapplication(o, app)), None)
        if older is not None:
            found[app.rel] = _duplicate_application(app, older.rel)
    return found


def reapplication(one: Application, other: Application) -> bool:
    """Whether the two notes (same company and role) are two applications, one made
    after the other closed, rather than one application written down twice."""
    return applies_again(one, other) or applies_again(other, one)


def closed_on(app: Application) -> tuple[date, bool] | None:
    """When ``app`` ended (rejected, ghosted, withdrawn, declined): (day, whether the day
    is written). Ghosted has no date of its own: the last stage date stands for it."""
    ends = [day for day in (app.rejected, app.withdrawn, app.declined) if day is not None]
    if ends:
        return min(ends), True
    if app.status in CLOSED_STATUSES:
        stages = [day for day in (app.applied, app.screening, *app.interviews, app.offer)
                  if day is not None]
        if stages:
            return max(stages), False
    return None


def started(app: Application) -> date | None:
    """The day ``app`` went out: ``applied``, else its earliest date (a wishlist note
    has only plans), None for a note without any date."""
    if app.applied is not None:
        return app.applied
    days = [day for day in (app.screening, *app.interviews, *(
        getattr(app, key) for key in OUTCOME_DATE_KEYS), app.feedback_requested,
        app.feedback_received, app.next_action_date) if day is not None]
    return min(days, default=None)


def applies_again(earlier: Application, later: Application) -> bool:
    """Whether ``later`` is a new application made after ``earlier`` closed: ``earlier``
    closed before ``later`` went out (a note without any date is taken as later)."""
    closed = closed_on(earlier)
    if closed is None:
        return False
    day, written = closed
    start = started(later)
    return start is None or (day <= start if written else day < start)


def age(app: Application) -> tuple[bool, date, str, int]:
    """Oldest first: by the day it went out (notes without dates last), then by file
    name, a numbered copy after its original ("acme.md" before "acme-2.md")."""
    start = started(app)
    match = re.fullmatch(r"(.*?)(?:[- ](\d+))?\.md", app.rel, re.S)
    base, number = (match.group(1), int(match.group(2) or 1)) if match else (app.rel, 1)
    return (start is None, start or date.min, base, number)


def _duplicate_application(app: Application, earlier: str) -> Diagnostic:
    pos = app.pos("role")
    return warning(
        app.rel, pos.line, pos.column, "duplicate-application",
        f"{app.company} — {app.role} is already tracked in {earlier}",
        "keep one note per application: merge the two, or make the roles differ "
        "(e.g. add the team or the location); if you applied again after that one "
        "ended, give it its status and date (e.g. rejected: YYYY-MM-DD)")


def _duplicate_people(people: list[Person]) -> list[Diagnostic]:
    first: dict[str, Person] = {}
    found = []
    for person in sorted(people, key=lambda p: p.rel):
        earlier = first.setdefault(_fold(person.name), person)
        if earlier is not person:
            found.append(_duplicate_person(person, earlier.rel))
    return found


def _duplicate_person(person: Person, earlier: str) -> Diagnostic:
    return warning(
        person.rel, 1, 1, "duplicate-person",
        f"{person.name} also has a note in {earlier}; [[{person.name}]] links "
        "cannot tell them apart",
        "merge the two notes, or rename one (e.g. add the company to the name)")


# --- when `new` writes a second note -------------------------------------------------

def tracked_applications(root: Path, settings: Settings, company: str, role: str,
                         today: date) -> list[Application]:
    """The application notes already in the vault for this company and role."""
    from jobnotes.frontmatter import parse_note
    from jobnotes.schema import validate_application
    from jobnotes.vault import decode_note, note_kind, note_rels

    key = same_application_key(company, role)
    found = []
    for rel in note_rels(root, settings):
        path = root / rel
        if note_kind(root, path, settings) != "application":
            continue
        try:
            text, _ = decode_note(rel, path.read_bytes())
        except OSError:
            continue
        if text is None or key[0] not in " ".join(text.split()).casefold():
            continue        # cheap: the company is not even in the text
        stem = rel.rsplit("/", 1)[-1].removesuffix(".md")
        app, _ = validate_application(rel, stem, parse_note(rel, text), settings, today)
        if app is not None and same_application_key(app.company, app.role) == key:
            found.append(app)
    return found


def second_note_notice(root: Path, path: Path, settings: Settings,
                       tracked: list[Application], today: date) -> str:
    """What ``new`` says when the company and role are already tracked: applying again
    after that note ended, or (by ``check``'s rule) the same application twice."""
    from jobnotes.frontmatter import parse_note
    from jobnotes.schema import validate_application
    from jobnotes.vault import relative_name

    rel = relative_name(root, path)
    new, _ = validate_application(rel, path.stem, parse_note(rel, path.read_text("utf-8")),
                                  settings, today)
    older = sorted(tracked, key=age)
    same = [app for app in older if new is None or not reapplication(app, new)]
    shown = same[0] if same else older[-1]
    where = f"You already track {shown.title} in {shown.rel} ({stage_label(shown)})"
    if not same:
        return f"{where}; this is a new application."
    return (f"{where}; if this is the same application, delete {rel} and keep that note "
            "(jobnotes check warns about the two as a duplicate); if you are applying "
            f"again, record in {shown.rel} how it ended (status rejected, withdrawn or "
            "ghosted, with the date where there is one) and the warning goes.")


# --- kept between loads -----------------------------------------------------------------

class _Duplicates:
    """Notes grouped by a key, in path order: all but the first of a group are findings."""

    def __init__(self) -> None:
        self.key: dict[str, object] = {}
        self.groups: dict[object, list[str]] = {}

    def move(self, rel: str, key: object | None) -> set[object]:
        """Put ``rel`` in the group of ``key`` (None: in none); the groups that changed."""
        changed = set()
        old = self.key.pop(rel, None)
        if old is not None:
            group = self.groups[old]
            group.remove(rel)
            if not group:
                del self.groups[old]
            changed.add(old)
        if key is not None:
            self.key[rel] = key
            group = self.groups.setdefault(key, [])
            group.append(rel)
            group.sort()
            changed.add(key)
        return changed


class CrossChecks:
    """``cross_check``'s findings (without the links) kept between loads of one vault
    (``jobnotes serve``): after an edit only the notes it can affect are checked again.

    ``by_rel`` holds each note's findings in the order ``cross_check`` lists them."""

    def __init__(self, settings: Settings) -> None:
        self.folder = settings.folders.people
        self.by_rel: dict[str, list[Diagnostic]] = {}
        self._apps: dict[str, Application] = {}
        self._people: dict[str, Person] = {}
        self._names: Counter[str] = Counter()
        self._sorted_names: list[str] = []
        self._known: set[str] = set()
        self._contacts: dict[str, tuple[frozenset[str], list[Diagnostic]]] = {}
        self._app_groups = _Duplicates()
        self._person_groups = _Duplicates()
        self._duplicate: dict[str, Diagnostic] = {}

    def update(self, changed: dict[str, Application | Person | None]) -> set[str]:
        """Take in the notes at ``changed`` (path -> note now, None when it is gone or did
        not load); the paths whose findings may differ."""
        touched = set(changed)
        people_moved: set[object] = set()
        apps_moved: set[object] = set()
        people_changed = False
        for rel, note in changed.items():
            old_person = self._people.pop(rel, None)
            if old_person is not None:
                self._names[old_person.name] -= 1
                people_changed = True
            self._apps.pop(rel, None)
            self._contacts.pop(rel, None)
            self._duplicate.pop(rel, None)
            person = note if isinstance(note, Person) else None
            app = note if isinstance(note, Application) else None
            if person is not None:
                self._people[rel] = person
                self._names[person.name] += 1
                people_changed = True
            if app is not None:
                self._apps[rel] = app
            people_moved |= self._person_groups.move(
                rel, _fold(person.name) if person is not None else None)
            apps_moved |= self._app_groups.move(rel, _app_key(app) if app is not None else None)
        touched |= self._regroup(self._person_groups, people_moved, self._people_findings)
        touched |= self._regroup(self._app_groups, apps_moved, self._app_findings)
        stale = {rel for rel in changed if rel in self._apps}
        if people_changed:
            stale |= self._names_changed()
        for rel in stale:
            app = self._apps[rel]
            found = contact_findings(app, self._known, self._sorted_names, self.folder)
            self._contacts[rel] = (frozenset(name.casefold() for name in app.contacts), found)
        touched |= stale
        for rel in touched:
            found = [*self._contacts.get(rel, ((), []))[1]]
            if rel in self._duplicate:
                found.append(self._duplicate[rel])
            if found:
                self.by_rel[rel] = found
            else:
                self.by_rel.pop(rel, None)
        return touched

    def _names_changed(self) -> set[str]:
        """The applications whose contact findings may change with the people now known."""
        self._names = Counter({name: n for name, n in self._names.items() if n > 0})
        names = sorted(self._names)
        if names == self._sorted_names:
            return set()
        known = {name.casefold() for name in names}
        gone = known ^ self._known      # names known before or now, not both
        self._sorted_names, self._known = names, known
        # The hint of a finding suggests the closest name: any finding may change.
        return {rel for rel, (folds, found) in self._contacts.items()
                if found or not folds.isdisjoint(gone)}

    def _regroup(self, groups: _Duplicates, moved: Iterable[object],
                 findings: Callable[[list[str]], dict[str, Diagnostic]]) -> set[str]:
        touched = set()
        for key in moved:
            members = groups.groups.get(key, [])
            found = findings(members) if len(members) > 1 else {}
            for rel in members:
                touched.add(rel)
                if rel in found:
                    self._duplicate[rel] = found[rel]
                else:
                    self._duplicate.pop(rel, None)
        return touched

    def _people_findings(self, members: list[str]) -> dict[str, Diagnostic]:
        return {rel: _duplicate_person(self._people[rel], members[0]) for rel in members[1:]}

    def _app_findings(self, members: list[str]) -> dict[str, Diagnostic]:
        return duplicate_findings([self._apps[rel] for rel in members])
