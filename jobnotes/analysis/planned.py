"""A next action that is one of the steps a reminder asks for ("Ask Felix for feedback" on a
rejected application that is owed a feedback request) is shown once: the user's words and
date, the reminder's kind and note. ``merge_planned`` does it for every list of reminders:
``today``, the dashboard, the calendar and serve's shared figures."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, timedelta

from jobnotes.analysis.network import LATE_LIMIT_DAYS, MESSAGE_LATE_DAYS, name_key
from jobnotes.analysis.reminders import Reminder, day_label, sort_key
from jobnotes.model import Application

# Words telling that a next action is the step a reminder of that kind asks for, tried in
# this order (matched on the case-folded text, at the start of a word).
_STEP_WORDS: dict[str, re.Pattern[str]] = {
    "feedback-request": re.compile(r"\bfeedback\b"),
    "thank-you": re.compile(r"\bthank"),
    "follow-up": re.compile(r"\bfollow(?:ing)?[- ]?up\b|\bcheck(?:ing)?[- ]?in\b|\bnudge"),
    "connect": re.compile(r"\bconnect(?:ion)?\b"),
}
_PERSON_STEPS = ("thank-you", "connect")


def _step_window(step: Reminder) -> tuple[date | None, date | None]:
    """From the event a reminder follows to the last day it would still be shown."""
    if step.kind == "follow-up":
        return step.since, step.until
    # A feedback request, a thank-you, a connection: dropped this long after falling due.
    late = LATE_LIMIT_DAYS if step.kind == "connect" else MESSAGE_LATE_DAYS
    return step.since, step.due + timedelta(days=late)


def _names(person: str, text: str) -> bool:
    """Whether ``text`` (case-folded) names ``person`` by any part of the name."""
    return any(re.search(rf"\b{re.escape(part)}\b", text)
               for part in person.casefold().split() if len(part) > 1)


def _covered_step(app: Application, plan: date, text: str,
                  steps: dict[tuple[str, str], list[Reminder]],
                  taken: set[int]) -> Reminder | None:
    """The one reminder ``app``'s next action (``text``, due ``plan``) is, or None."""
    contacts = list(dict.fromkeys(name_key(c) for c in app.contacts))
    for kind, words in _STEP_WORDS.items():
        if not words.search(text):
            continue
        if kind in _PERSON_STEPS:
            # The contacts' own, and those of the application (a thank-you no note asks for).
            owed = [s for key in (*contacts, app.rel) for s in steps.get((kind, key), ())]
            pool = list({id(s): s for s in owed}.values())
        else:
            pool = list(steps.get((kind, app.rel), ()))
        pool = [s for s in pool if id(s) not in taken
                and (s.since is None or s.since <= plan)
                and ((end := _step_window(s)[1]) is None or plan <= end)]
        if kind in _PERSON_STEPS:
            pool = [s for s in pool if _names(s.subject, text)] or pool
        if len(pool) == 1:
            return pool[0]
    return None


def merge_planned(found: list[Reminder], apps: Iterable[Application],
                  today: date) -> list[Reminder]:
    """``found`` (sorted) with each next action that is a step a reminder already asks
    for shown once: the user's words and date, that reminder's kind, urgency and note
    (``planned_in`` names the application). A next action is such a step when:
    - its text says so, as whole words in any case: "feedback" (feedback request),
      "thank" (thank-you), "follow up" / "check in" / "nudge" (follow-up), "connect";
    - the reminder is about the same application (feedback request, follow-up, a
      thank-you no person note asks for) or about a person it lists in ``contacts``
      (thank-you, connection);
    - its date is in the reminder's window: from the event it follows (rejection,
      meeting or interview, last sign of life) to its last day on the agenda
      (``MESSAGE_LATE_DAYS`` after a feedback request or thank-you is due,
      ``LATE_LIMIT_DAYS`` after a connection is, the
      day before a follow-up becomes a ghosted suggestion);
    - it is one reminder: of several contacts owed the step, the one the text names by
      first or last name; with none named and several owed, nothing is merged.
    Kinds are tried in ``_STEP_WORDS`` order. A next action covers one reminder at most,
    a reminder is covered once at most; nothing the next action does not cover is dropped.
    """
    planned = [r for r in found if r.kind == "next-action"]
    if not planned:
        return found
    steps: dict[tuple[str, str], list[Reminder]] = defaultdict(list)
    for r in found:
        if r.kind in _PERSON_STEPS:
            steps[r.kind, name_key(r.subject)].append(r)
            steps[r.kind, r.rel].append(r)
        elif r.kind in _STEP_WORDS:
            steps[r.kind, r.rel].append(r)
    if not steps:
        return found
    by_rel = {a.rel: a for a in apps}
    gone: set[int] = set()
    merged: list[Reminder] = []
    for r in planned:
        app = by_rel.get(r.rel)
        text = (app.next_action or "").strip() if app is not None else ""
        if app is None or not text or app.next_action_date is None:
            continue
        step = _covered_step(app, app.next_action_date, text.casefold(), steps, gone)
        if step is None:
            continue
        gone.update((id(r), id(step)))
        where = "" if step.rel == app.rel else f" on {app.title}"
        merged.append(replace(
            step, title=text, due=app.next_action_date, planned_in=app.rel,
            detail=f"Your next action{where}, planned for "
                   f"{day_label(app.next_action_date, today)}. {step.detail}"))
    if not merged:
        return found
    return sorted([r for r in found if id(r) not in gone] + merged, key=sort_key)
