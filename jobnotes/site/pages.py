"""Which pages the site has, and what each one shows.

``collect(vault)`` returns every page as (output path, template, context). Contexts are
built here from the pure functions in ``jobnotes.analysis``; templates only lay them out.
Every link is relative: a page's context holds ``root`` ("" or "../") and templates write
``{{ root }}{{ links.app(app) }}``, so the site works from ``file://`` and any sub-path.

To add a page kind: write a builder ``(SiteData) -> Iterable[Page]``, append it to
``PAGE_BUILDERS`` and add its template (extending ``base.html``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup

from jobnotes import __version__
from jobnotes.analysis import overview
from jobnotes.diagnostics import Diagnostic, Severity, count_by_severity, sort_diagnostics
from jobnotes.markdown import Resolver, render_markdown
from jobnotes.model import STATUSES, Application, Person, Vault

_RESERVED_NAMES = frozenset({"index"})


@dataclass(frozen=True, slots=True)
class Page:
    path: str                  # output path with "/": "applications/acme-analyst.html"
    template: str              # "application.html"
    context: dict[str, Any]


# --- links -------------------------------------------------------------------------------

def _safe_name(slug: str) -> str:
    name = re.sub(r"[^\w-]+", "-", slug).strip("-.")
    return name or "note"


def _assign_names(items: Iterable[tuple[str, str]]) -> dict[str, str]:
    """(key, slug) pairs -> key: unique file name (case-insensitively, never "index")."""
    used: set[str] = set()
    names: dict[str, str] = {}
    for key, slug in sorted(items):
        base = _safe_name(slug)
        name, n = base, 1
        while name.casefold() in used or name.casefold() in _RESERVED_NAMES:
            n += 1
            name = f"{base}-{n}"
        used.add(name.casefold())
        names[key] = name
    return names


class Links:
    """Where every note's page lives, as paths relative to the site root."""

    def __init__(self, vault: Vault) -> None:
        app_names = _assign_names((a.rel, a.slug) for a in vault.applications)
        person_names = _assign_names((p.rel, p.slug) for p in vault.people)
        self._notes: dict[str, str] = {}
        for rel, name in app_names.items():
            self._notes[rel] = f"applications/{name}.html"
        for rel, name in person_names.items():
            self._notes[rel] = f"people/{name}.html"
        self._by_name: dict[str, str] = {}
        for person in vault.people:
            self._by_name.setdefault(person.name.casefold(), self._notes[person.rel])
        for app in vault.applications:   # an application wins over a person of the same name
            self._by_name[app.stem.casefold()] = self._notes[app.rel]
        self._people = {p.name.casefold(): p for p in vault.people}

    def app(self, app: Application) -> str:
        return self._notes[app.rel]

    def person(self, person: Person) -> str:
        return self._notes[person.rel]

    def note(self, rel: str) -> str | None:
        """The page made from the note at vault path ``rel``, if there is one."""
        return self._notes.get(rel)

    def person_named(self, name: str) -> Person | None:
        return self._people.get(name.casefold())

    def resolver(self, root: str) -> Resolver:
        """Wikilink target -> URL relative to a page at depth ``root``."""

        def resolve(target: str) -> str | None:
            path = self._by_name.get(target.casefold())
            return root + path if path is not None else None

        return resolve


# --- shared data and helpers ---------------------------------------------------------------

@dataclass(slots=True)
class SiteData:
    """What every page builder needs, computed once."""

    vault: Vault
    links: Links
    findings: dict[str, list[Diagnostic]] = field(default_factory=dict)
    severity_counts: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, vault: Vault) -> SiteData:
        findings: dict[str, list[Diagnostic]] = defaultdict(list)
        for diagnostic in sort_diagnostics(vault.diagnostics):
            findings[diagnostic.path].append(diagnostic)
        counts = {s.value: n for s, n in count_by_severity(vault.diagnostics).items()}
        return cls(vault, Links(vault), dict(findings), counts)


def external_url(value: str | None) -> str | None:
    """``value`` if it is an http(s) URL safe to put in an href, else None."""
    if not value:
        return None
    url = value.strip()
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        return None
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def linkedin_url(value: str | None) -> str | None:
    """LinkedIn profiles are often written without a scheme: "linkedin.com/in/jane"."""
    if value and re.match(r"(www\.)?linkedin\.com/", value.strip(), re.IGNORECASE):
        value = "https://" + value.strip()
    return external_url(value)


def mailto_url(value: str | None) -> str | None:
    if value and re.fullmatch(r"[^@\s<>\"'?&]+@[^@\s<>\"'?&]+\.[^@\s<>\"'?&]+", value.strip()):
        return "mailto:" + value.strip()
    return None


def _root(path: str) -> str:
    return "../" * path.count("/")


def _base(site: SiteData, path: str, nav: str, title: str) -> dict[str, Any]:
    vault = site.vault
    return {
        "root": _root(path),
        "path": path,
        "nav": nav,
        "title": title,
        "site_title": vault.settings.title,
        "today": vault.today,
        "links": site.links,
        "problem_counts": site.severity_counts,
        "problem_total": len(vault.diagnostics),
        "notes_checked": vault.files_checked,
        "version": __version__,
    }


def _body(site: SiteData, text: str, path: str) -> Markup:
    # The HTML comes out of render_markdown sanitized, so it can be marked safe.
    return Markup(render_markdown(text, site.links.resolver(_root(path))))


def _contacts(site: SiteData, app: Application) -> list[dict[str, Any]]:
    return [{"name": name, "person": site.links.person_named(name)} for name in app.contacts]


def _last_contact(person: Person) -> date | None:
    days = [d for d in (person.met, person.thanked, person.connected, person.informational)
            if d is not None] + list(person.touches)
    return max(days) if days else None


def _bar_segments(counts: dict[str, int], width: int = 1000) -> list[dict[str, Any]]:
    """Geometry of a stacked bar (one segment per non-empty status) for an inline SVG."""
    total = sum(counts.values())
    segments, x = [], 0
    for status, n in counts.items():
        if not n:
            continue
        w = round(width * n / total)
        segments.append({"status": status, "count": n, "x": x, "width": w})
        x += w
    if segments:                          # rounding: the last segment fills the bar
        segments[-1]["width"] = width - segments[-1]["x"]
    return segments


# --- page builders -------------------------------------------------------------------------

def dashboard_pages(site: SiteData) -> Iterable[Page]:
    vault = site.vault
    apps = vault.applications
    counts = overview.status_counts(apps)
    this_week = overview.applications_in_week(apps, vault.today, vault.settings.week_starts)
    sent = [a for a in apps if overview.was_sent(a) and not a.is_informational]
    goal = vault.settings.goals.applications
    next_actions = sorted(
        (a for a in apps if a.next_action),
        key=lambda a: (a.next_action_date or date.max, a.company.casefold()),
    )
    context = _base(site, "index.html", "dashboard", "Dashboard")
    context.update({
        "total": len(apps),
        "counts": counts,
        "pipeline": _bar_segments(counts),
        "week": sorted(this_week, key=lambda a: (a.applied, a.company.casefold())),
        "week_start": overview.week_start(vault.today, vault.settings.week_starts),
        "week_goal": goal,
        "week_fill": min(len(this_week), goal) * 1000 // goal if goal > 0 else 0,
        "active": overview.active_count(apps),
        "response_rate": overview.response_rate(apps),
        "responded": sum(1 for a in sent if overview.got_response(a)),
        "sent": len(sent),
        "recent": overview.recent_activity(apps, vault.today, limit=12),
        "next_actions": next_actions[:8],
        "people_count": len(vault.people),
    })
    yield Page("index.html", "dashboard.html", context)


def application_pages(site: SiteData) -> Iterable[Page]:
    apps = site.vault.applications
    rows = [{"app": a, "last": overview.last_activity(a)} for a in apps]
    rows.sort(key=lambda r: (-(r["last"] or date.min).toordinal(), r["app"].company.casefold(),
                             r["app"].role.casefold()))
    board = [
        {"status": status, "apps": [r["app"] for r in rows if r["app"].status == status]}
        for status in STATUSES
    ]
    context = _base(site, "applications/index.html", "applications", "Applications")
    context.update({
        "rows": rows,
        "board": [c for c in board if c["apps"]],
        "status_index": {status: n for n, status in enumerate(STATUSES)},
    })
    yield Page("applications/index.html", "applications.html", context)

    for app in apps:
        path = site.links.app(app)
        context = _base(site, path, "applications", app.title)
        context.update({
            "app": app,
            "timeline": overview.timeline(app),
            "contacts": _contacts(site, app),
            "posting_url": external_url(app.url),
            "body": _body(site, app.body, path),
            "findings": site.findings.get(app.rel, []),
        })
        yield Page(path, "application.html", context)


def people_pages(site: SiteData) -> Iterable[Page]:
    vault = site.vault
    by_company: dict[str, list[Person]] = defaultdict(list)
    for person in vault.people:
        by_company[(person.company or "").strip()].append(person)
    groups = [
        {"company": company or None,
         "people": sorted(people, key=lambda p: p.name.casefold())}
        for company, people in sorted(by_company.items(),
                                      key=lambda kv: (not kv[0], kv[0].casefold()))
    ]
    last = {p.rel: _last_contact(p) for p in vault.people}
    context = _base(site, "people/index.html", "people", "People")
    context.update({"groups": groups, "last_contact": last})
    yield Page("people/index.html", "people.html", context)

    for person in vault.people:
        path = site.links.person(person)
        key = person.name.casefold()
        apps = [a for a in vault.applications if any(c.casefold() == key for c in a.contacts)]
        context = _base(site, path, "people", person.name)
        context.update({
            "person": person,
            "apps": sorted(apps, key=lambda a: (a.applied or date.min, a.company.casefold())),
            "email_url": mailto_url(person.email),
            "linkedin": linkedin_url(person.linkedin),
            "last_contact": last[person.rel],
            "body": _body(site, person.body, path),
            "findings": site.findings.get(person.rel, []),
        })
        yield Page(path, "person.html", context)


def problems_pages(site: SiteData) -> Iterable[Page]:
    groups = [
        {"path": path, "page": site.links.note(path), "findings": findings,
         "errors": sum(1 for d in findings if d.severity is Severity.ERROR)}
        for path, findings in sorted(site.findings.items())
    ]
    context = _base(site, "problems.html", "problems", "Problems")
    context.update({"groups": groups})
    yield Page("problems.html", "problems.html", context)


PAGE_BUILDERS: list[Callable[[SiteData], Iterable[Page]]] = [
    dashboard_pages, application_pages, people_pages, problems_pages,
]


def collect(vault: Vault) -> list[Page]:
    """Every page of the site, in a stable order."""
    site = SiteData.of(vault)
    return [page for builder in PAGE_BUILDERS for page in builder(site)]
