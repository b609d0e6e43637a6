"""JSON Schemas of the front matter, for editors, and Obsidian's property types.

``jobnotes schema`` prints them; nothing is written into the vault. The schemas follow
what ``jobnotes check`` enforces: the same keys, choices and date format. Keys starting
with ``_`` and Obsidian's own properties (aliases, cssclasses, ...) are allowed; any other
key is flagged, as ``check`` warns about it. Dates are YAML dates, ``YYYY-MM-DD``.
"""

from __future__ import annotations

from typing import Any

from jobnotes.model import JOB_TYPES, PERSON_ROLES, STATUSES
from jobnotes.schema import IGNORED_KEYS, NO_ONE_TO_ASK
from jobnotes.settings import Settings

DRAFT = "https://json-schema.org/draft/2020-12/schema"
_DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$",
         "description": "a date written YYYY-MM-DD"}
_LINK = {"type": "string", "pattern": r"^\[\[[^\[\]]+\]\]$",
         "description": 'a link to a person note, e.g. "[[Jane Doe]]"'}


def _text(description: str) -> dict[str, Any]:
    return {"type": "string", "description": description}


def _maybe(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` or empty: an empty key (``offer:``) means "not set" to jobnotes."""
    return {"anyOf": [schema, {"type": "null"}], **(
        {"description": schema["description"]} if "description" in schema else {})}


def _list(items: dict[str, Any], description: str) -> dict[str, Any]:
    return _maybe({"type": "array", "items": items, "description": description})


def _date(description: str) -> dict[str, Any]:
    return _maybe({**_DATE, "description": description})


def _open_keys() -> dict[str, Any]:
    """Keys every note may have besides its own: Obsidian's, and private ``_`` keys."""
    return {key: {} for key in sorted(IGNORED_KEYS)}


def application_schema(settings: Settings) -> dict[str, Any]:
    """The front matter of an application note (channels from ``settings``)."""
    properties: dict[str, Any] = {
        **_open_keys(),
        "company": _text("the employer"),
        "role": _text("the job title"),
        "status": {"enum": list(STATUSES), "description": "where it stands now"},
        "channel": _maybe({"enum": list(settings.channels),
                           "description": "how the application went out"}),
        "type": _maybe({"enum": list(JOB_TYPES), "description": "kind of job; "
                        "informational marks an informational interview"}),
        "applied": _date("when the application went out"),
        "screening": _date("first response or recruiter screen"),
        "interviews": _list(_DATE, "one date per interview round"),
        "offer": _date("when the offer came"),
        "rejected": _date("when the rejection came"),
        "withdrawn": _date("when you withdrew"),
        "accepted": _date("when you accepted the offer"),
        "declined": _date("when you declined the offer"),
        "feedback_requested": _maybe({"anyOf": [_DATE, {"enum": list(NO_ONE_TO_ASK)}],
                                      "description": "when you asked for feedback, or none "
                                                     "when there is no one to ask"}),
        "feedback_received": _date("when feedback came"),
        "followed_up": _maybe({"anyOf": [_DATE, {"type": "array", "items": _DATE}],
                               "description": "when you followed up or sent a thank-you: "
                                              "a date or a list of dates"}),
        "contacts": _list(_LINK, "people involved, as links to their notes"),
        "skills": _list({"type": "string"}, "skills the job description asks for"),
        "location": _maybe(_text("where the job is")),
        "url": _maybe({"type": "string", "pattern": "^https?://",
                       "description": "the job posting's address"}),
        "salary": _maybe({"type": ["string", "number"], "description": "as advertised"}),
        "resume": _maybe(_text("the resume version sent")),
        "tags": _list({"type": "string"}, "tags"),
        "next_action": _maybe(_text("what to do next")),
        "next_action_date": _date("when to do it"),
        "excitement": _maybe({"type": "integer", "minimum": 1, "maximum": 5,
                              "description": "how much you want it, 1 to 5"}),
    }
    not_wishlist = {"properties": {"status": {"not": {"const": "wishlist"}}},
                    "required": ["status"]}
    not_informational = {"not": {"properties": {"type": {"const": "informational"}},
                                 "required": ["type"]}}
    needs_dates = [{"if": {"properties": {"status": {"const": key}}, "required": ["status"]},
                    "then": {"required": [key], "properties": {key: _DATE}}}
                   for key in ("offer", "rejected", "withdrawn", "accepted", "declined")]
    return {
        "$schema": DRAFT,
        "title": "jobnotes application note",
        "type": "object",
        "properties": properties,
        "patternProperties": {"^_": {}},
        "additionalProperties": False,
        "required": ["company", "role", "status"],
        "allOf": [
            {"if": not_wishlist,
             "then": {"required": ["applied"], "properties": {"applied": _DATE}}},
            {"if": {"allOf": [not_wishlist, not_informational]},
             "then": {"required": ["channel"],
                      "properties": {"channel": {"enum": list(settings.channels)}}}},
            {"if": {"properties": {"status": {"const": "interviewing"}}, "required": ["status"]},
             "then": {"required": ["interviews"],
                      "properties": {"interviews": {"type": "array", "minItems": 1}}}},
            *needs_dates,
        ],
    }


def person_schema() -> dict[str, Any]:
    """The front matter of a person note."""
    properties: dict[str, Any] = {
        **_open_keys(),
        "company": _maybe(_text("where they work")),
        # One of the roles (they decide reminders); other text is kept as a job title.
        "role": _maybe({"anyOf": [{"enum": list(PERSON_ROLES)}, {"type": "string"}],
                        "description": "who they are to you: "
                                       f"{', '.join(PERSON_ROLES)} (else a job title)"}),
        "linkedin": _maybe({"type": "string", "pattern": "^https?://",
                            "description": "their LinkedIn profile"}),
        "email": _maybe(_text("their email address")),
        "met": _date("when you met"),
        "thanked": _date("when you sent a thank-you note"),
        "connected": _date("when you connected on LinkedIn"),
        "touches": _list(_DATE, "later contacts: a shared article, a check-in"),
        "informational": _date("date of an informational interview"),
        "tags": _list({"type": "string"}, "tags"),
    }
    return {"$schema": DRAFT, "title": "jobnotes person note", "type": "object",
            "properties": properties, "patternProperties": {"^_": {}},
            "additionalProperties": False}


def frontmatter_schema(settings: Settings, note: str | None = None) -> dict[str, Any]:
    """One note kind's schema (``note`` = "application" or "person"), or both in ``$defs``."""
    if note == "application":
        return application_schema(settings)
    if note == "person":
        return person_schema()
    app, person = application_schema(settings), person_schema()
    for schema in (app, person):
        del schema["$schema"]
    return {"$schema": DRAFT, "title": "jobnotes note front matter",
            "description": "Use #/$defs/application for notes in the applications folder "
                           "and #/$defs/person for notes in the people folder.",
            "$defs": {"application": app, "person": person},
            "anyOf": [{"$ref": "#/$defs/application"}, {"$ref": "#/$defs/person"}]}


# Obsidian's property types (.obsidian/types.json): text, multitext, number, checkbox,
# date, datetime, aliases, tags. A list of dates has no type of its own: multitext.
_OBSIDIAN: dict[str, str] = {
    "company": "text", "role": "text", "status": "text", "channel": "text", "type": "text",
    "applied": "date", "screening": "date", "interviews": "multitext", "offer": "date",
    "rejected": "date", "withdrawn": "date", "accepted": "date", "declined": "date",
    "feedback_requested": "date", "feedback_received": "date", "followed_up": "multitext",
    "contacts": "multitext",
    "skills": "multitext", "location": "text", "url": "text", "salary": "text",
    "resume": "text", "tags": "tags", "next_action": "text", "next_action_date": "date",
    "excitement": "number",
    "linkedin": "text", "email": "text", "met": "date", "thanked": "date",
    "connected": "date", "touches": "multitext", "informational": "date",
}


def obsidian_types() -> dict[str, Any]:
    """The ``types.json`` content giving every jobnotes key its Obsidian property type.

    Merge its "types" into the vault's ``.obsidian/types.json`` (keep the entries already
    there); jobnotes never writes it.
    """
    return {"types": dict(_OBSIDIAN)}
