"""Which pages the site has, and what each one shows.

``collect(vault)`` returns every page as (output path, template, context). Contexts are
built here from the pure functions in ``jobnotes.analysis``; templates only lay them out.
Every link is relative: a page's context holds ``root`` ("" or "../") and templates write
``{{ root }}{{ links.app(app) }}``, so the site works from ``file://`` and any sub-path.

To add a page kind: write a builder ``(SiteData) -> Iterable[Page]``, append it to
``PAGE_BUILDERS`` and add its template (extending ``base.html``).
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from markupsafe import Markup

from jobnotes import __version__
from jobnotes.analysis import overview
from jobnotes.analysis.feedback import mailto
from jobnotes.analysis.memo import Analysis
from jobnotes.analysis.network import company_key
from jobnotes.analysis.postmortem import action_items, is_rejection
from jobnotes.analysis.stages import answered
from jobnotes.diagnostics import Diagnostic, Severity, count_by_severity, sort_diagnostics
from jobnotes.markdown import Linker, Resolver, render_markdown
from jobnotes.model import STATUSES, Application, Person, Vault
from jobnotes.site import dashboard

if TYPE_CHECKING:
    from jobnotes.analysis.notememo import NoteMemo
    from jobnotes.site.bodies import RenderStore
    from jobnotes.site.jobskills import JobSkills

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
    return dict(_names_of(tuple(items)))


@functools.lru_cache(maxsize=8)
def _names_of(items: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """``_assign_names``, kept for the same notes: ``serve`` asks again after every save."""
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
    """Where every note's page lives, as paths relative to the site root.

    Links in note bodies resolve through the vault's link graph, as in Obsidian: by file
    name anywhere in the vault when unique, by path when written with one. Notes outside
    the applications and people folders that a note links to get a page in ``notes/``.
    """

    def __init__(self, vault: Vault) -> None:
        from jobnotes.load import slugify
        from jobnotes.obsidian.graph import graph_of

        app_names = _assign_names((a.rel, a.slug) for a in vault.applications)
        person_names = _assign_names((p.rel, p.slug) for p in vault.people)
        self._notes: dict[str, str] = {}
        for rel, name in app_names.items():
            self._notes[rel] = f"applications/{name}.html"
        for rel, name in person_names.items():
            self._notes[rel] = f"people/{name}.html"
        self.graph = graph_of(vault)
        other_names = _assign_names((rel, slugify(note.title))
                                    for rel, note in self.graph.published.items())
        for rel, name in other_names.items():
            self._notes[rel] = f"notes/{name}.html"
        self._page_notes = {path: rel for rel, path in self._notes.items()}
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

    def tag(self, name: str) -> str | None:
        """The page listing the notes tagged ``name`` (with or without "#"), if any."""
        return self.graph.tag_path(name.lstrip("#"))

    def linker(self, path: str) -> Linker:
        """Resolves links, embeds and tags in the note shown on the page at ``path``."""
        from jobnotes.obsidian.pagelinks import PageLinker

        return PageLinker(self.graph, self._notes, self._page_notes.get(path), _root(path))

    def render_body(self, text: str, path: str, store: RenderStore | None = None) -> str:
        """The sanitized HTML of a note body shown on the page at ``path``; with a
        ``store``, a body rendered before is reused when nothing it shows has changed."""
        if store is None:
            return render_markdown(text, linker=self.linker(path))
        from jobnotes.obsidian.pagelinks import PageLinker
        from jobnotes.site import bodies

        source = self._page_notes.get(path)
        key = bodies.body_key(source, path, text, self.graph.soft_breaks)
        html = store.lookup(key, self.graph, self._notes)
        if html is None:
            log = bodies.new_log()
            linker = PageLinker(bodies.RecordingGraph(self.graph, log),  # type: ignore[arg-type]
                                bodies.RecordingPages(self._notes, log), source, _root(path))
            html = render_markdown(text, linker=linker)
            store.keep(key, html, log)
        return html

    def resolver(self, root: str) -> Resolver:
        """Wikilink target -> URL relative to a page at depth ``root``."""

        def resolve(target: str) -> str | None:
            rel = self.graph.index.resolve(target).rel
            path = self._notes.get(rel) if rel is not None else None
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
    _job_skills: JobSkills | None = field(default=None, repr=False)
    _analysis: Analysis | None = field(default=None, repr=False)
    # Bodies rendered by earlier builds (see ``jobnotes.site.bodies``), when kept.
    renders: RenderStore | None = field(default=None, repr=False)
    # When a build is shared between processes: whether this one makes the page at a
    # path (None: it makes every page).
    share: Callable[[str], bool] | None = field(default=None, repr=False)
    # Figures kept from the previous rebuild while serving (see ``analysis.notememo``):
    # the aggregates are updated by the notes that changed. None: computed afresh.
    memo: NoteMemo | None = field(default=None, repr=False)
    # What every page's context holds whatever the page (see ``_base``), made once.
    _common: dict[str, Any] | None = field(default=None, repr=False)
    # Each application as the table shows it, by rel: its page shows the same row.
    _rows: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False)

    def mine(self, path: str) -> bool:
        """Whether this process builds the page at ``path``."""
        return self.share is None or self.share(path)

    @property
    def analysis(self) -> Analysis:
        """The vault's aggregates, each computed once for the whole build."""
        if self._analysis is None:
            self._analysis = Analysis.of(self.vault, self.memo)
        return self._analysis

    def job_skills(self) -> JobSkills:
        """Skills, match scores and interview prep of every application, read once."""
        if self._job_skills is None:
            from jobnotes.site.jobskills import job_skills

            self._job_skills = job_skills(self.vault, self.memo)
        return self._job_skills

    @classmethod
    def of(cls, vault: Vault, memo: NoteMemo | None = None) -> SiteData:
        findings: dict[str, list[Diagnostic]] = defaultdict(list)
        for diagnostic in sort_diagnostics(vault.diagnostics):
            findings[diagnostic.path].append(diagnostic)
        counts = {s.value: n for s, n in count_by_severity(vault.diagnostics).items()}
        return cls(vault, Links(vault), dict(findings), counts, memo=memo)


_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f]")   # \s: what str.isspace() finds


def external_url(value: str | None) -> str | None:
    """``value`` if it is an http(s) URL safe to put in an href, else None."""
    if not value:
        return None
    url = value.strip()
    if _SPACE_OR_CONTROL.search(url):
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
    context = {"root": _root(path), "path": path, "nav": nav, "title": title}
    context.update(site._common if site._common is not None else _common_context(site))
    return context


def _common_context(site: SiteData) -> dict[str, Any]:
    vault = site.vault
    site._common = {
        "site_title": vault.settings.title,
        "today": vault.today,
        "links": site.links,
        "problem_counts": site.severity_counts,
        # The nav badge counts what needs fixing; informational hints do not.
        "problem_total": sum(1 for d in vault.diagnostics if d.severity is not Severity.INFO),
        "notes_checked": vault.files_checked,
        "version": __version__,
    }
    return site._common


def _body(site: SiteData, text: str, path: str) -> Markup:
    # The HTML comes out of render_markdown sanitized, so it can be marked safe.
    return Markup(site.links.render_body(text, path, site.renders))


def _contacts(site: SiteData, app: Application) -> list[dict[str, Any]]:
    found = []
    for name in app.contacts:
        person = site.links.person_named(name)
        found.append({"name": name, "person": person,
                      "email_url": mailto_url(person.email) if person else None})
    return found


def _last_contact(person: Person) -> date | None:
    days = [d for d in (person.met, person.thanked, person.connected, person.informational)
            if d is not None] + list(person.touches)
    return max(days) if days else None


# --- page builders -------------------------------------------------------------------------

def dashboard_pages(site: SiteData) -> Iterable[Page]:
    if not site.mine("index.html"):
        return
    context = _base(site, "index.html", "dashboard", "Dashboard")
    context.update(dashboard.dashboard_context(site.vault, site.links, site.job_skills(),
                                               analysis=site.analysis))
    yield Page("index.html", "dashboard.html", context)


def _row(site: SiteData, app: Application, job: JobSkills) -> dict[str, Any]:
    """One application as the table and the board show it, with what the filters match
    (made once: the application's page shows the same)."""
    row = site._rows.get(app.rel)
    if row is None:
        row = site._rows[app.rel] = _new_row(app, site.vault, job)
    return row


# The row filter a response figure links to: "#reached=answered" (``stages.answered``).
ANSWERED = "answered"


def _new_row(app: Application, vault: Vault, job: JobSkills) -> dict[str, Any]:
    where = dashboard.position(app, vault.today, vault.settings)
    stage = where.exit.stage
    days = dashboard.days_since_activity(app, vault.today)
    reached = list(where.reached)
    stopped = where.stopped
    if reached and answered(app, vault.today):
        reached.insert(1, ANSWERED)
        # The funnel's steps: answered by a rejection alone still got "no further than
        # a response" (applied -> response), for the table's filter by where it stopped.
        if stopped == "applied":
            stopped = "response"
    return {
        "app": app,
        "stage": stage if where.reached else None,
        "stage_sort": f"{int(stage.stage)}-{stage.interviews:02d}",
        "exit": where.exit,
        "end": where.end or "",
        "reached": " ".join(reached),
        "stopped": stopped,
        "days": days,
        "last": vault.today - timedelta(days=days) if days is not None else None,
        # "17 days ago": the table, the board and the application's page say the same.
        "ago": dashboard.activity_ago(days),
        "company_key": company_key(app.company),
        "match": job.matches.get(app.rel),
    }


def _options(rows: list[dict[str, Any]], key: Callable[[dict[str, Any]], str | None],
             label: Callable[[str], str]) -> list[dict[str, Any]]:
    counts = Counter(k for r in rows if (k := key(r)))
    return sorted(({"value": k, "label": label(k), "count": n} for k, n in counts.items()),
                  key=lambda o: o["label"].casefold())


def _filters(rows: list[dict[str, Any]], vault: Vault, analysis: Analysis) -> dict[str, Any]:
    """The table's filter options with their counts. Informational interviews are not
    applications: the table marks their rows "informational" (status and channel) and
    they have an option of their own, so no other option counts them."""
    real = [r for r in rows if not r["app"].is_informational]
    statuses = Counter(r["app"].status for r in real)
    names = {r["company_key"]: r["app"].company for r in rows}
    stages = [{"value": n.id, "label": n.label}
              for n in analysis.sankey.nodes if n.kind == "stage"]
    if stages:
        stages.insert(1, {"value": ANSWERED, "label": "Response (a rejection counts)"})
    return {
        "statuses": [{"value": s, "count": statuses[s]} for s in STATUSES if statuses[s]],
        "active": sum(statuses[s] for s in overview.ACTIVE_STATUSES),
        "informational": len(rows) - len(real),
        "channels": _options(real, lambda r: r["app"].channel, lambda c: c.replace("-", " ")),
        "companies": _options(rows, lambda r: r["company_key"], lambda k: names[k]),
        "reached": stages,
    }


def application_pages(site: SiteData) -> Iterable[Page]:
    from jobnotes.jd.extract import RULE_NOT_LISTED
    from jobnotes.site.insights import Refs
    from jobnotes.site.jobskills import prep_context, skills_context

    vault = site.vault
    apps = vault.applications
    job = site.job_skills()
    if site.mine("applications/index.html"):
        rows = [_row(site, a, job) for a in apps]
        rows.sort(key=lambda r: (r["days"] is None, r["days"] or 0,
                                 r["app"].company.casefold(), r["app"].role.casefold()))
        real = [r for r in rows if not r["app"].is_informational]
        board = [
            {"status": status, "rows": [r for r in real if r["app"].status == status]}
            for status in STATUSES
        ]
        # Informational interviews are not applications: a column of their own.
        board.append({"status": "informational",
                      "rows": [r for r in rows if r["app"].is_informational]})
        context = _base(site, "applications/index.html", "applications", "Applications")
        context.update({
            "rows": rows,
            "board": [c for c in board if c["rows"]],
            "status_index": {status: n for n, status in enumerate(STATUSES)},
            "filters": _filters(rows, vault, site.analysis),
        })
        yield Page("applications/index.html", "applications.html", context)

    analysis = site.analysis
    due = analysis.reminders_by_rel
    refs = Refs(site)
    for app in apps:
        path = site.links.app(app)
        if not site.mine(path):
            continue
        context = _base(site, path, "applications", app.title)
        context.update({
            "app": app,
            "row": _row(site, app, job),
            "timeline": overview.timeline(app),
            "contacts": _contacts(site, app),
            "skills": skills_context(app, job, refs),
            "prep": prep_context(app, job, refs),
            "review": analysis.post_mortem(app) if is_rejection(app) else None,
            "open_actions": [a for a in action_items(app) if not a.done],
            "feedback": _feedback(app, analysis) if is_rejection(app) else None,
            "reminders": [dashboard.agenda_item(r, site.links, job)
                          for r in due.get(app.rel, ())],
            "posting_url": external_url(app.url),
            "body": _body(site, app.body, path),
            # The skills card shows what skills: lacks; the hint stays on the problems page.
            "findings": [d for d in site.findings.get(app.rel, [])
                         if d.rule != RULE_NOT_LISTED],
        })
        yield Page(path, "application.html", context)


def _feedback(app: Application, analysis: Analysis) -> dict[str, Any]:
    """The draft feedback request: shown in full, and as a ready ``mailto:`` link."""
    email = analysis.feedback_email(app)
    return {"email": email, "mailto": mailto(email)}


def problems_pages(site: SiteData) -> Iterable[Page]:
    if not site.mine("problems.html"):
        return
    groups = sorted((_problem_group(site, path, findings)
                     for path, findings in site.findings.items()),
                    key=lambda g: (g["rank"], g["path"]))
    context = _base(site, "problems.html", "problems", "Problems")
    # Files with errors or warnings get a card each; those with hints only share one, so
    # a handful of problems never hides among dozens of cards of hints.
    context.update({"groups": [g for g in groups if g["rank"] < 2],
                    "hint_groups": [g for g in groups if g["rank"] == 2]})
    yield Page("problems.html", "problems.html", context)


def _problem_group(site: SiteData, path: str, findings: list[Diagnostic]) -> dict[str, Any]:
    """One file's card on the problems page: its errors and warnings shown, its hints apart
    (folded), and a rank that puts files with errors first, then warnings, then hints only."""
    counts = Counter(d.severity for d in findings)
    rank = (0 if counts[Severity.ERROR] else 1 if counts[Severity.WARNING] else 2)
    return {"path": path, "page": site.links.note(path), "rank": rank,
            "findings": findings, "errors": counts[Severity.ERROR],
            "problems": [d for d in findings if d.severity is not Severity.INFO],
            "hints": [d for d in findings if d.severity is Severity.INFO]}


def _insight_builders() -> list[Callable[[SiteData], Iterable[Page]]]:
    from jobnotes.site import insights

    return insights.PAGE_BUILDERS


PAGE_BUILDERS: list[Callable[[SiteData], Iterable[Page]]] = [
    dashboard_pages, application_pages, problems_pages,
]


def collect(vault: Vault, site: SiteData | None = None) -> list[Page]:
    """Every page of the site, in a stable order (``site``: the build's shared data)."""
    site = site if site is not None else SiteData.of(vault)
    builders = [*PAGE_BUILDERS, *_insight_builders()]
    return [page for builder in builders for page in builder(site)]


def iter_pages(site: SiteData, *, tags: bool = True) -> Iterator[Page]:
    """Every page of the site one by one, in ``collect`` order then the other notes' and
    the tag pages (``tags=False``: all but the tag pages, which list the tags the other
    pages showed and so come last)."""
    from jobnotes.site import notes_pages

    for builder in [*PAGE_BUILDERS, *_insight_builders(), *notes_pages.PAGE_BUILDERS]:
        if tags or builder is not notes_pages.tag_pages:
            yield from builder(site)
