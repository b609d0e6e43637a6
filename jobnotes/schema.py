"""Field rules for application and person notes: typed model objects out, findings with positions.

Only findings about the fields are produced here; the YAML traps (duplicate keys, tabs,
impossible dates, ...) are reported by ``frontmatter``. A key that ``frontmatter`` dropped
after reporting it is not reported a second time as missing.

Errors in one field drop that field and keep the note, except when ``company``, ``role`` or
``status`` is unusable: without them an application cannot be shown, so it is skipped.
Consistency findings (date order, future dates, status against dates) keep the values, and
so does a person's ``role`` that is not a contact role ("Senior Data Engineer"): it is kept,
and shown, as their job title, with a warning that says what the roles are for.

Besides one value position per key, ``positions`` holds one entry per kept list item,
``"contacts[0]"``, ``"interviews[1]"``, ..., indexed like the model's lists.

How values are read is ``schema_fields``'s job; how the dates fit together is
``schema_stages``'s. ``match_choice``, ``WEB_URL`` and ``FUTURE_OK`` are still importable
from here.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import Any

from jobnotes.diagnostics import Diagnostic, warning
from jobnotes.frontmatter import ParsedNote
from jobnotes.model import (
    JOB_TYPES,
    OUTCOME_DATE_KEYS,
    PERSON_ROLES,
    START,
    STATUSES,
    Application,
    Person,
)
from jobnotes.schema_fields import WEB_URL as WEB_URL
from jobnotes.schema_fields import FieldReader
from jobnotes.schema_fields import match_choice as match_choice
from jobnotes.schema_keys import fold_keys
from jobnotes.schema_stages import FUTURE_OK as FUTURE_OK
from jobnotes.schema_stages import (
    check_application_dates,
    check_follow_ups,
    check_person_dates,
    check_status,
)
from jobnotes.schema_tasks import done_date_findings
from jobnotes.settings import Settings
from jobnotes.suggest import did_you_mean

APP_DATE_KEYS = ("applied", "screening", *OUTCOME_DATE_KEYS,
                 "feedback_requested", "feedback_received", "next_action_date")
APP_TEXT_KEYS = ("company", "role", "location", "salary", "resume", "next_action")
APP_KEYS = ("company", "role", "status", "channel", "type", "applied", "screening", "interviews",
            *OUTCOME_DATE_KEYS, "feedback_requested", "feedback_received", "followed_up",
            "contacts", "skills",
            "location", "url", "salary", "resume", "tags", "next_action", "next_action_date",
            "excitement")
PERSON_DATE_KEYS = ("met", "thanked", "connected", "informational")
PERSON_KEYS = ("company", "role", "linkedin", "email", *PERSON_DATE_KEYS, "touches", "tags")
# Obsidian's own properties and common note metadata: allowed, never reported.
IGNORED_KEYS = frozenset({"aliases", "alias", "cssclasses", "cssclass", "tags", "publish",
                          "created", "updated", "modified"})
# ``feedback_requested`` words for "there is no one to ask" (an automated, no-reply
# rejection): no request is due, and none is counted as made.
NO_ONE_TO_ASK = ("none", "no", "n/a", "not possible")

_SLIP = 0.75      # how alike a role and a one-off word must be to call the word a misspelling
_BLOCK = '"---", "company: Acme", "role: {role}", {status}"---"'
_APP_EXAMPLE = ("it is left out of the figures",
                "if it is an application, add these lines at the very top: "
                + _BLOCK.format(role="Data Analyst", status='"status: wishlist", ')
                + "; if it is an index or another kind of note, move it out of the "
                "applications folder")
_PERSON_EXAMPLE = ("only its file name is read, as the person's name",
                   "if it is a contact, add these lines at the very top: "
                   + _BLOCK.format(role="recruiter", status="")
                   + "; if it is an index or another kind of note, move it out of the "
                   "people folder")


def no_one_to_ask(value: object) -> bool:
    """Whether a ``feedback_requested`` value says there is no one to ask (``none``)."""
    return isinstance(value, str) and " ".join(value.split()).casefold() in NO_ONE_TO_ASK


class _Reader(FieldReader):
    """A ``FieldReader`` with the rules of these notes: known keys, required keys, and
    ``feedback_requested``, which may say there is no one to ask."""

    def __init__(self, rel: str, parsed: ParsedNote, today: date,
                 known: tuple[str, ...]) -> None:
        assert parsed.front is not None
        front, found = fold_keys(rel, parsed.front, (*known, *IGNORED_KEYS))
        super().__init__(rel, replace(parsed, front=front), today)
        self.diagnostics += found
        self.known = known
        self.typos: dict[str, str] = {}       # known key -> unknown key that looks like it

    def check_keys(self) -> None:
        known = self.known
        for key in self.data:
            name = str(key)
            if name in known or name in IGNORED_KEYS or name.startswith("_"):
                continue
            suggestion = did_you_mean(name, known)
            if suggestion:
                self.typos.setdefault(suggestion, name)
                hint = f"did you mean `{suggestion}`?"
            else:
                hint = "remove it, or start its name with `_` to keep it for yourself"
            self.warning(self.key_pos(name), "unknown-key", f"unknown key `{name}`", hint)

    def required(self, key: str, value: Any, consequence: str) -> None:
        """Report a required key that is missing or empty (``value`` is None)."""
        if value is not None or self.dropped(key):
            return
        typo = self.typos.get(key)
        if key in self.data:
            pos, message = self.key_pos(key), f"{key} is empty; {consequence}"
        else:
            pos, message = START, f"missing required key `{key}`; {consequence}"
        hint = (f"`{typo}` looks like a misspelling of `{key}`" if typo
                else f"add `{key}: ...` to the front matter")
        self.error(pos, "required", message, hint)

    def person_role(self, name: str) -> str | None:
        """A person's ``role``: one of ``PERSON_ROLES``, a misspelling of one (an error), or
        free text such as "Senior Data Engineer", kept and shown as their job title with a
        warning that says what the roles are for."""
        value = self.data.get("role")
        text = value.strip() if isinstance(value, str) else ""
        if not text or match_choice(text, PERSON_ROLES) or _misspelt_role(text):
            return self.enum("role", PERSON_ROLES)
        closest = did_you_mean(text, PERSON_ROLES)
        if closest:
            article = "an" if closest[0] in "aeiou" else "a"
            instead = (f"if {name} is {article} {closest.replace('-', ' ')} in your search, "
                       f"write role: {closest} instead")
        else:
            instead = "if one fits, write it instead (e.g. role: interviewer)"
        self.warning(self.pos("role"), "role-title",
                     f"role `{text}` is not one of the contact roles "
                     f"({', '.join(PERSON_ROLES)}), so it is shown as {name}'s job title",
                     "roles say who the person is to your search and decide their reminders "
                     f"(thank-you notes, feedback requests); {instead} and keep the job title "
                     "in the note's text")
        return text

    def feedback_requested(self) -> tuple[date | None, bool]:
        """(the date, whether there is no one to ask): a date, or one of ``NO_ONE_TO_ASK``."""
        key = "feedback_requested"
        value = self.data.get(key)
        if no_one_to_ask(value):
            return None, True
        seen = len(self.diagnostics)
        day = self.date_of(key)
        if len(self.diagnostics) > seen and self.diagnostics[-1].rule == "type":
            last = self.diagnostics[-1]
            self.diagnostics[-1] = replace(
                last, hint=f"{last.hint}; or `{key}: none` when there is no one to ask")
        return day, False


# Obsidian's legacy text form of `tags`: "remote, urgent" or "remote urgent" is two tags.
_TAG_SEPARATORS = re.compile(r"[,\s]+")


def _tags(r: _Reader) -> list[str]:
    """The `tags` property as Obsidian reads it: a list, or one text split at commas and
    spaces (a tag has no space in it); a leading "#" is dropped."""
    split = isinstance(r.data.get("tags"), str)
    found = []
    for text, _ in r.texts("tags"):
        for part in _TAG_SEPARATORS.split(text) if split else [text]:
            tag = part.lstrip("#")
            if tag:
                found.append(tag)
    return found


def _misspelt_role(text: str) -> bool:
    """Whether ``text`` is a role with a slip ("recuiter", "hiring manger"), not a job title
    that merely looks like one ("Technical Recruiter"): as many words, nearly the same."""
    def fold(value: str) -> str:
        return re.sub(r"[\s_-]+", "-", value.strip()).casefold()

    closest = did_you_mean(text, PERSON_ROLES)
    if closest is None or fold(text).count("-") != closest.count("-"):
        return False
    import difflib

    return difflib.SequenceMatcher(None, fold(text), closest).ratio() >= _SLIP


def _missing_front(rel: str, parsed: ParsedNote, example: tuple[str, str],
                   ) -> list[Diagnostic]:
    """A warning, not an error: a folder's index note (Obsidian's "folder notes", a
    dataview page) has no front matter and is no mistake in the notes it lists."""
    # A front matter block that is there but broken has already been reported.
    if any(d.is_error for d in parsed.diagnostics):
        return []
    consequence, hint = example
    return [warning(rel, 1, 1, "frontmatter-missing",
                    f"this note has no front matter block, so {consequence}", hint)]


def validate_application(rel: str, stem: str, parsed: ParsedNote, settings: Settings,
                         today: date) -> tuple[Application | None, list[Diagnostic]]:
    """Check one application note; None when it cannot be shown (findings say why)."""
    if parsed.front is None:
        return None, _missing_front(rel, parsed, _APP_EXAMPLE)
    r = _Reader(rel, parsed, today, APP_KEYS)
    r.check_keys()
    skipped = "the note is left out until it is set"
    company, role = r.text("company"), r.text("role")
    status = r.enum("status", STATUSES)
    r.required("company", company, skipped)
    r.required("role", role, skipped)
    r.required("status", status, skipped)
    job_type = r.enum("type", JOB_TYPES)
    channel = r.enum("channel", settings.channels)
    dates: dict[str, date | None] = {}
    no_one_to_ask = False
    for key in APP_DATE_KEYS:
        if key == "feedback_requested":
            dates[key], no_one_to_ask = r.feedback_requested()
        else:
            dates[key] = r.date_of(key)
    interviews = r.dates_of("interviews", "interview")
    followed_up = r.dates_of("followed_up", "follow-up")
    contacts = r.contacts()
    fields = {key: r.text(key) for key in APP_TEXT_KEYS if key not in ("company", "role")}
    url = r.url("url")
    excitement = r.integer("excitement", 1, 5)
    skills = [text for text, _ in r.texts("skills", split=True)]
    tags = _tags(r)

    if status is not None and status != "wishlist":
        r.required("applied", dates["applied"], "every application past `wishlist` needs it")
        if job_type != "informational":
            r.required("channel", channel,
                       f"it is needed once applied (one of: {', '.join(settings.channels)})")
    check_application_dates(r, dates, interviews)
    check_follow_ups(r, dates["applied"], followed_up)
    if status is not None:
        check_status(r, status, dates, interviews)

    r.diagnostics += done_date_findings(rel, parsed.body, parsed.body_line, today)
    if company is None or role is None or status is None:
        return None, r.diagnostics
    return Application(
        rel=rel, slug="", stem=stem, company=company, role=role, status=status,
        channel=channel, type=job_type, interviews=[day for day, _ in interviews],
        followed_up=[day for day, _ in followed_up],
        contacts=[name for name, _ in contacts], skills=skills, url=url, tags=tags,
        excitement=excitement, feedback_not_possible=no_one_to_ask, body=parsed.body,
        body_line=parsed.body_line, positions=r.positions, **dates, **fields,
    ), r.diagnostics


def validate_person(rel: str, stem: str, parsed: ParsedNote, settings: Settings,
                    today: date) -> tuple[Person | None, list[Diagnostic]]:
    """Check one person note. A person is kept even with errors: the name is the file name."""
    if parsed.front is None:
        person = Person(rel=rel, slug="", name=stem, body=parsed.body, body_line=parsed.body_line)
        return person, _missing_front(rel, parsed, _PERSON_EXAMPLE)
    r = _Reader(rel, parsed, today, PERSON_KEYS)
    r.check_keys()
    company = r.text("company")
    role = r.person_role(stem)
    linkedin = r.url("linkedin")
    email = r.email("email")
    dates = {key: r.date_of(key) for key in PERSON_DATE_KEYS}
    touches = r.dates_of("touches", "touch")
    tags = _tags(r)

    check_person_dates(r, dates, touches)
    r.diagnostics += done_date_findings(rel, parsed.body, parsed.body_line, today)

    return Person(
        rel=rel, slug="", name=stem, company=company, role=role, linkedin=linkedin,
        email=email, touches=[day for day, _ in touches], tags=tags, body=parsed.body,
        body_line=parsed.body_line, positions=r.positions, **dates,
    ), r.diagnostics
