"""Rules across notes: contacts that name no person, the same application twice."""

from __future__ import annotations

import re

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
    found = []
    for app in applications:
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
        key = (_fold(app.company), _fold(app.role))
        earlier = first.setdefault(key, app)
        if earlier is app:
            continue
        pos = app.pos("role")
        found.append(warning(
            app.rel, pos.line, pos.column, "duplicate-application",
            f"{app.company} — {app.role} is already tracked in {earlier.rel}",
            "keep one note per application: merge the two, or make the roles differ "
            "(e.g. add the team or the location)"))
    return found


def _duplicate_people(people: list[Person]) -> list[Diagnostic]:
    first: dict[str, Person] = {}
    found = []
    for person in sorted(people, key=lambda p: p.rel):
        earlier = first.setdefault(_fold(person.name), person)
        if earlier is person:
            continue
        found.append(warning(
            person.rel, 1, 1, "duplicate-person",
            f"{person.name} also has a note in {earlier.rel}; [[{person.name}]] links "
            "cannot tell them apart",
            "merge the two notes, or rename one (e.g. add the company to the name)"))
    return found
