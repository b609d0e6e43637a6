"""``export json``: the whole model as one JSON document, for scripts and other tools.

Format, ``schema_version`` 1 (``export_schema()`` is its JSON Schema)::

    {
      "schema_version": 1,
      "generator": "jobnotes 0.1.0",
      "today": "2026-03-05",              # the day the figures were computed for
      "title": "My job search",           # the site title from jobnotes.toml
      "applications": [ {                 # one per valid application note, by note path
          "note": "applications/acme-data-analyst.md", "slug": "acme-data-analyst",
          "company", "role", "status", "channel", "type",          # text or null
          "applied", "screening", "offer", "rejected", "withdrawn", "accepted",
          "declined", "feedback_requested", "feedback_received",
          "next_action_date",                                      # "YYYY-MM-DD" or null
          "interviews": ["YYYY-MM-DD", ...], "followed_up": ["YYYY-MM-DD", ...],
          "feedback_not_possible": true when the note says feedback_requested: none,
          "contacts": ["Jane Doe", ...],  # person note names, without [[ ]]
          "skills": [...], "tags": [...],
          "location", "url", "salary", "resume", "next_action",   # text or null
          "excitement": 1..5 or null,
          "furthest_stage": {"key": "interview-2", "label": "Interview 2", "interviews": 2},
          "outcome": {"kind": "rejected", "label": "Rejected after interview 2",
                      "date": "YYYY-MM-DD" or null},
          "body": "Markdown text after the front matter"   # left out with --no-body
      } ],
      "people": [ {
          "note", "slug", "name", "company", "role", "linkedin", "email",
          "met", "thanked", "connected", "informational",          # dates or null
          "touches": [...], "tags": [...], "body"
      } ],
      "findings": [ {"path", "line", "column", "severity", "rule", "message", "hint"} ],
      "aggregates": {
          "status_counts": {"wishlist": 0, "applied": 3, ...},     # every status; no
                                                                   # informational interview
          "response_rate": 0.4 or null,   # answered / applied, a rejection counts
          "funnel": {"steps": [{"key", "label", "count", "rate", "overall"}],
                     "wishlist": 2, "informational": 1},
          "channels": [{"channel", "applied", "responded", "interviewed", "offers",
                        "this_week", "response_rate", "interview_rate", "offer_rate"}],
          "channel_mix": [{"channel", "count", "share_pct", "target_pct", "gap_points",
                           "targeted"}],     # targeted: false when no target is set
          "feedback": {"rejections", "requested", "received", "unsolicited", "rate",
                       "median_days_to_request", "median_days_to_reply"},
          "scorecard": [{"key", "title", "figure", "status", "detail"}],
                      # the dashboard's practice lines, worded as there; once touches have
                      # fallen due, the "network" figure ends "touches on time: 7 of 10"
                      # (see analysis.scorecard.touches_on_time)
          "reminders": [{"kind", "due", "title", "detail", "rel", "slug", "subject",
                         "urgency", "until"}]
      }
    }

Rates are fractions from 0 to 1; ``share_pct``/``target_pct``/``gap_points`` are
percentages. A response is any answer from the company, a rejection included
(``stages.answered``): ``response_rate``, the funnel's "responded" step and each channel's
``responded`` count the same applications as the dashboard. Informational interviews are
not applications and are in no count but ``funnel.informational``. Keys are only ever
added within a schema version, never renamed or removed.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from jobnotes import __version__
from jobnotes.analysis.channels import channel_funnels, channel_mix
from jobnotes.analysis.feedback import feedback_stats
from jobnotes.analysis.funnel import funnel
from jobnotes.analysis.overview import response_rate, status_counts
from jobnotes.analysis.reminders import reminders
from jobnotes.analysis.scorecard import scorecard
from jobnotes.analysis.stages import exit_of, furthest_stage
from jobnotes.model import STATUSES, Application, Person, Vault

SCHEMA_VERSION = 1

APP_DATES = ("applied", "screening", "offer", "rejected", "withdrawn", "accepted", "declined",
             "feedback_requested", "feedback_received", "next_action_date")
APP_TEXTS = ("company", "role", "status", "channel", "type", "location", "url", "salary",
             "resume", "next_action")
PERSON_DATES = ("met", "thanked", "connected", "informational")
PERSON_TEXTS = ("name", "company", "role", "linkedin", "email")


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def application_json(app: Application, vault: Vault, *, body: bool = True) -> dict[str, Any]:
    stage = furthest_stage(app, vault.today)
    ending = exit_of(app, vault.today, vault.settings)
    data: dict[str, Any] = {"note": app.rel, "slug": app.slug}
    data.update({key: getattr(app, key) for key in APP_TEXTS})
    data.update({key: _day(getattr(app, key)) for key in APP_DATES})
    data["interviews"] = [day.isoformat() for day in app.interviews]
    data["followed_up"] = [day.isoformat() for day in app.followed_up]
    data["feedback_not_possible"] = app.feedback_not_possible   # feedback_requested: none
    data["contacts"] = list(app.contacts)
    data["skills"] = list(app.skills)
    data["tags"] = list(app.tags)
    data["excitement"] = app.excitement
    data["furthest_stage"] = {"key": stage.key, "label": stage.label,
                              "interviews": stage.interviews}
    data["outcome"] = {"kind": ending.kind, "label": ending.label, "date": _day(ending.date)}
    if body:
        data["body"] = app.body
    return data


def person_json(person: Person, *, body: bool = True) -> dict[str, Any]:
    data: dict[str, Any] = {"note": person.rel, "slug": person.slug}
    data.update({key: getattr(person, key) for key in PERSON_TEXTS})
    data.update({key: _day(getattr(person, key)) for key in PERSON_DATES})
    data["touches"] = [day.isoformat() for day in person.touches]
    data["tags"] = list(person.tags)
    if body:
        data["body"] = person.body
    return data


def aggregates(vault: Vault) -> dict[str, Any]:
    """The dashboard's figures, as plain JSON values."""
    apps, people, settings, today = vault.applications, vault.people, vault.settings, vault.today
    flow = funnel(apps, today, settings)
    feedback = feedback_stats(apps)
    return {
        "status_counts": status_counts(apps),
        "response_rate": response_rate(apps, today),
        "funnel": {"steps": [asdict(step) for step in flow.steps],
                   "wishlist": flow.wishlist, "informational": flow.informational},
        "channels": [asdict(row) for row in channel_funnels(apps, today, settings)],
        "channel_mix": [asdict(row) for row in channel_mix(apps, settings).rows],
        "feedback": {key: getattr(feedback, key) for key in (
            "rejections", "requested", "received", "unsolicited", "rate",
            "median_days_to_request", "median_days_to_reply")},
        "scorecard": [asdict(practice) for practice in scorecard(apps, people, settings, today)],
        "reminders": [r.as_dict() for r in reminders(apps, people, settings, today)],
    }


def export_json(vault: Vault, *, body: bool = True) -> dict[str, Any]:
    """The export document (see the module docstring); ``json.dumps`` it as it is."""
    return {
        "schema_version": SCHEMA_VERSION,
        "generator": f"jobnotes {__version__}",
        "today": vault.today.isoformat(),
        "title": vault.settings.title,
        "applications": [application_json(a, vault, body=body)
                         for a in sorted(vault.applications, key=lambda a: a.rel)],
        "people": [person_json(p, body=body) for p in sorted(vault.people, key=lambda p: p.rel)],
        "findings": [d.as_dict() for d in vault.diagnostics],
        "aggregates": aggregates(vault),
    }


# --- the schema of the document ------------------------------------------------------------

_DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_TEXT = {"type": "string"}
_NUMBER = {"type": ["number", "null"]}


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def _object(properties: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    return {"type": "object", "properties": properties,
            "required": list(properties) if required is None else required,
            "additionalProperties": False}


def _list(items: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": items}


def export_schema() -> dict[str, Any]:
    """JSON Schema (2020-12) of ``export_json``'s document, schema version 1."""
    app = {"note": _TEXT, "slug": _TEXT}
    app.update({key: _nullable(_TEXT) for key in APP_TEXTS})
    app.update({"company": _TEXT, "role": _TEXT, "status": {"enum": list(STATUSES)}})
    app.update({key: _nullable(_DATE) for key in APP_DATES})
    app.update({"interviews": _list(_DATE), "followed_up": _list(_DATE),
                "feedback_not_possible": {"type": "boolean"},
                "contacts": _list(_TEXT), "skills": _list(_TEXT),
                "tags": _list(_TEXT),
                "excitement": _nullable({"type": "integer", "minimum": 1, "maximum": 5}),
                "furthest_stage": _object({"key": _TEXT, "label": _TEXT,
                                           "interviews": {"type": "integer", "minimum": 0}}),
                "outcome": _object({"kind": _TEXT, "label": _TEXT, "date": _nullable(_DATE)}),
                "body": _TEXT})
    person = {"note": _TEXT, "slug": _TEXT}
    person.update({key: _nullable(_TEXT) for key in PERSON_TEXTS})
    person["name"] = _TEXT
    person.update({key: _nullable(_DATE) for key in PERSON_DATES})
    person.update({"touches": _list(_DATE), "tags": _list(_TEXT), "body": _TEXT})
    finding = _object({"path": _TEXT, "line": {"type": "integer"},
                       "column": {"type": "integer"},
                       "severity": {"enum": ["error", "warning", "info"]}, "rule": _TEXT,
                       "message": _TEXT, "hint": _nullable(_TEXT)})
    step = _object({"key": _TEXT, "label": _TEXT, "count": {"type": "integer"},
                    "rate": _NUMBER, "overall": _NUMBER})
    channel = _object({"channel": _TEXT, "applied": {"type": "integer"},
                       "responded": {"type": "integer"}, "interviewed": {"type": "integer"},
                       "offers": {"type": "integer"}, "this_week": {"type": "integer"},
                       "response_rate": _NUMBER, "interview_rate": _NUMBER,
                       "offer_rate": _NUMBER})
    mix = _object({"channel": _TEXT, "count": {"type": "integer"}, "share_pct": _NUMBER,
                   "target_pct": {"type": "integer"}, "gap_points": _NUMBER,
                   "targeted": {"type": "boolean"}})
    feedback = _object({"rejections": {"type": "integer"}, "requested": {"type": "integer"},
                        "received": {"type": "integer"}, "unsolicited": {"type": "integer"},
                        "rate": _NUMBER, "median_days_to_request": _NUMBER,
                        "median_days_to_reply": _NUMBER})
    practice = _object({"key": _TEXT, "title": _TEXT, "figure": _TEXT, "status": _TEXT,
                        "detail": _TEXT})
    reminder = _object({"kind": _TEXT, "due": _DATE, "title": _TEXT, "detail": _TEXT,
                        "rel": _TEXT, "slug": _TEXT, "subject": _TEXT, "urgency": _TEXT,
                        "until": _nullable(_DATE)})
    aggregates_schema = _object({
        "status_counts": _object({s: {"type": "integer", "minimum": 0} for s in STATUSES}),
        "response_rate": _NUMBER,
        "funnel": _object({"steps": _list(step), "wishlist": {"type": "integer"},
                           "informational": {"type": "integer"}}),
        "channels": _list(channel), "channel_mix": _list(mix), "feedback": feedback,
        "scorecard": _list(practice), "reminders": _list(reminder),
    })
    document = _object({
        "schema_version": {"const": SCHEMA_VERSION}, "generator": _TEXT, "today": _DATE,
        "title": _TEXT,
        "applications": _list(_object(app, [k for k in app if k != "body"])),
        "people": _list(_object(person, [k for k in person if k != "body"])),
        "findings": _list(finding), "aggregates": aggregates_schema,
    })
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "jobnotes export, schema version 1", **document}
