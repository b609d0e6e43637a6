"""Rules across notes: contacts that name no person, the same application twice."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable

from jobnotes.diagnostics import Diagnostic, warning
from jobnotes.model import Application, Person
from jobnotes.obsidian.findings import link_findings
from jobnotes.obsidian.graph import LinkGraph
from jobnotes.settings import Settings
from jobnotes.suggest import did_you_mean


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
    first: dict[tuple[str, str], Application] = {}
    found = []
    for app in sorted(applications, key=lambda a: a.rel):
        earlier = first.setdefault(_app_key(app), app)
        if earlier is not app:
            found.append(_duplicate_application(app, earlier.rel))
    return found


def _app_key(app: Application) -> tuple[str, str]:
    return (_fold(app.company), _fold(app.role))


def _duplicate_application(app: Application, earlier: str) -> Diagnostic:
    pos = app.pos("role")
    return warning(
        app.rel, pos.line, pos.column, "duplicate-application",
        f"{app.company} — {app.role} is already tracked in {earlier}",
        "keep one note per application: merge the two, or make the roles differ "
        "(e.g. add the team or the location)")


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
        touched |= self._regroup(self._person_groups, people_moved, self._people,
                                 _duplicate_person)
        touched |= self._regroup(self._app_groups, apps_moved, self._apps,
                                 _duplicate_application)
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
                 notes: dict[str, Application] | dict[str, Person],
                 make: Callable[..., Diagnostic]) -> set[str]:
        touched = set()
        for key in moved:
            members = groups.groups.get(key, [])
            for number, rel in enumerate(members):
                touched.add(rel)
                if number:
                    self._duplicate[rel] = make(notes[rel], members[0])
                else:
                    self._duplicate.pop(rel, None)
        return touched
