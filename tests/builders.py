"""Notes built in memory for tests of the figures: an application or a person with
sensible defaults, any field given as a keyword."""

from __future__ import annotations

from datetime import date

from jobnotes.model import Application, Person


def d(text: str) -> date:
    return date.fromisoformat(text)


def app(slug: str = "a", **kw) -> Application:
    """An application to Acme for a Data Analyst role, applied on a job board on
    1 June 2024 (unless it is still on the wishlist)."""
    kw.setdefault("company", "Acme")
    kw.setdefault("role", "Data Analyst")
    kw.setdefault("status", "applied")
    if kw["status"] != "wishlist":
        kw.setdefault("applied", d("2024-06-01"))
        kw.setdefault("channel", "job-board")
    return Application(rel=f"applications/{slug}.md", slug=slug, stem=slug, **kw)


def person(name: str, **kw) -> Person:
    slug = name.lower().replace(" ", "-")
    return Person(rel=f"people/{name}.md", slug=slug, name=name, **kw)
