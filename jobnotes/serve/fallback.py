"""Pages `jobnotes serve` shows in place of one it cannot show: a page that does not exist
(in the site's own layout when it can), a page that failed before it ever rendered, and
the site before any build succeeded. Each says why, in words for that cause; the live
script added to them brings the real page in by itself once it exists.

A page made here carries ``<meta name="jobnotes-fallback">``: the overlay then does not
claim that a last good version is shown.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jinja2

    from jobnotes.site.pages import SiteData

MARKER = '<meta name="jobnotes-fallback" content="{kind}">'
STYLESHEET = "static/style.css"

# The wording of a missing page, by cause: (heading, text).
UNKNOWN = ("No such page", "There is no page at {path} in this site.")
REMOVED = ("This page is gone for now",
           "The note behind {path} was removed or renamed, or no longer makes a page. "
           "If it comes back, this page shows it by itself.")
MOVED = ("This page has moved",
         "The note behind {path} was renamed; its page is now elsewhere, linked below.")
UNREAD = ("This note has an error",
          "{note} makes no page until it reads: fix what is listed below and save, and "
          "its page shows here by itself.")

_STYLED = """{% extends "base.html" %}
{% block content %}
<div class="page-head">
  <h1>{{ heading }}</h1>
  <p class="lede">{{ text }}</p>
</div>
{% if errors %}
<ul class="finding-list">
  {% for d in errors %}<li class="finding finding-error">
    <div class="finding-head"><span class="finding-loc">{{ d.location() }}</span></div>
    <p class="finding-message">{{ d.message | code_spans }}</p>
    {% if d.hint %}<p class="finding-hint">{{ d.hint | code_spans }}</p>{% endif %}
  </li>
  {% endfor %}
</ul>
{% endif %}
{% if moved %}
<p class="lede">Now at <a href="{{ root }}{{ moved.href }}">{{ moved.title }}</a>.</p>
{% endif %}
<p><a href="{{ root }}index.html">Go to the dashboard</a></p>
{% endblock %}
"""


def wording(rel: str, removed: bool, unread: str | None = None) -> tuple[str, str]:
    if unread is not None:
        return UNREAD[0], UNREAD[1].format(note=unread)
    heading, text = REMOVED if removed else UNKNOWN
    return heading, text.format(path="/" + rel)


def unread_note(site: SiteData, rel: str) -> str | None:
    """The note that would have the page at ``rel`` but could not be read (its front
    matter does not read, or it lacks what every note needs), if there is one."""
    from jobnotes.load import unique_slugs

    folders = site.vault.settings.folders
    top, _, name = rel.partition("/")
    if top not in ("applications", "people") or "/" in name or not name.endswith(".html"):
        return None
    folder = folders.applications if top == "applications" else folders.people
    skipped = [s for s in site.vault.skipped if s.startswith(folder + "/")]
    for note, slug in unique_slugs(sorted(skipped)).items():
        if f"{slug}.html" == name:
            return note
    return None


def moved_to(site: SiteData, old_page: bytes | None) -> dict[str, str] | None:
    """Where the page that was ``old_page`` is now, when its note was renamed: the
    application or person page of the same title ("Acme — Analyst"), if there is one."""
    found = re.search(rb"<title>(.*?)</title>", old_page or b"", re.S)
    if found is None:
        return None
    title = html.unescape(found.group(1).decode("utf-8", "replace")).rsplit(" · ", 1)[0]
    links = site.links
    for app in site.vault.applications:
        if app.title == title:
            return {"title": title, "href": links.app(app)}
    for person in site.vault.people:
        if person.name == title:
            return {"title": title, "href": links.person(person)}
    return None


def styled_missing(env: jinja2.Environment, site: SiteData, rel: str, removed: bool,
                   old_page: bytes | None = None) -> bytes | None:
    """The missing page in the site's layout (its stylesheets and navigation), or None
    when the site's base template cannot make it. The page of a note that does not read
    says so, with its errors; a page whose note was renamed links its new place."""
    from jobnotes.diagnostics import Severity
    from jobnotes.site.pages import _base

    unread = unread_note(site, rel)
    moved = moved_to(site, old_page) if removed and unread is None else None
    heading, text = ((MOVED[0], MOVED[1].format(path="/" + rel)) if moved
                     else wording(rel, removed, unread))
    errors = [d for d in site.findings.get(unread, []) if d.severity is Severity.ERROR
              ] if unread is not None else []
    try:
        context = _base(site, rel, "missing", heading)
        context.update({"heading": heading, "text": text, "errors": errors, "moved": moved})
        page = env.from_string(_STYLED).render(context)
    except Exception:  # noqa: BLE001 - a broken base template: the plain page instead
        return None
    return _mark(page, "missing").encode("utf-8")


def plain_missing(rel: str, removed: bool, *, stylesheet: bool) -> bytes:
    """The missing page without the site's layout (its stylesheet, when there is one)."""
    heading, text = wording(rel, removed)
    link = f'<link rel="stylesheet" href="/{STYLESHEET}">' if stylesheet else ""
    return _plain(heading, f"<p>{html.escape(text)} <a href=\"/\">Go to the dashboard</a></p>",
                  "missing", link)


def failure_page(failure: str) -> bytes:
    """A page that failed before it ever rendered well (the overlay explains)."""
    return _plain("This page could not be built", f"<pre>{html.escape(failure)}</pre>",
                  "unbuilt")


def no_site_page(failure: str | None) -> bytes:
    """Every page while no build has succeeded yet: why, and that it comes by itself."""
    why = f"<pre>{html.escape(failure)}</pre>" if failure else ""
    return _plain("No site could be built yet",
                  f"{why}<p>Fix the problem and save: the site shows here by itself once "
                  "it builds.</p>", "nosite")


def _plain(heading: str, body: str, kind: str, head: str = "") -> bytes:
    return ("<!doctype html><html lang=en><head><meta charset=utf-8>"
            f"{MARKER.format(kind=kind)}<title>{html.escape(heading)}</title>{head}</head>"
            f"<body><main><h1>{html.escape(heading)}</h1>{body}</main></body></html>").encode()


def _mark(page: str, kind: str) -> str:
    head = page.find("</head>")
    return page if head == -1 else page[:head] + MARKER.format(kind=kind) + page[head:]
