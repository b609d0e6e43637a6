"""The text of an imported note: front matter values written as given, and lines put
under the body's ``## Notes`` and ``## Job description``."""

from __future__ import annotations

import re

from jobnotes.create_templates import set_key

_NOTES_HEADING = re.compile(r"^##[ \t]+notes[ \t#]*$", re.I | re.M)
_JD_HEADING = re.compile(r"^##[ \t]+job description[ \t#]*$", re.I | re.M)


def block(items: list[str]) -> list[str]:
    return ["", *(f"  - {item}" for item in items)] if items else []


def set_raw(text: str, raw: dict[str, list[str]]) -> str:
    """Set front matter keys to values written as given: ``{"k": ["", "  - a"]}`` gives
    ``k:`` then ``  - a``; ``{"k": ["4"]}`` gives ``k: 4``. Empty lists change nothing."""
    lines = text.split("\n")
    close = lines.index("---", 1)
    front = lines[1:close]
    for key, value in raw.items():
        if not value:
            continue
        set_key(front, key, None)
        at = front.index(f"{key}:")
        front[at:at + 1] = [f"{key}: {value[0]}".rstrip(), *value[1:]]
    return "\n".join(["---", *front, *lines[close:]])


def add_notes(text: str, notes: list[str]) -> str:
    """Put ``notes`` as list items at the top of the body's ``## Notes`` (added if absent)."""
    items = []
    for note in notes:
        first, *rest = note.strip().splitlines() or [""]
        items.append(f"- {first}")
        items += [f"  {line}" if line.strip() else "" for line in rest]
    block = "\n".join(items) + "\n"
    end = text.index("\n---\n", 3) + 5
    body = text[end:]
    match = _NOTES_HEADING.search(body)
    if match is None:
        body = body.rstrip("\n") + ("\n\n" if body.strip() else "\n") + "## Notes\n\n" + block
    else:
        at = match.end() + 1
        body = body[:at] + "\n" + block + body[at:]
    return text[:end] + body


def add_job_description(text: str, description: str) -> str:
    """Put the description under the body's ``## Job description`` (added before
    ``## Notes`` if absent), where the skills of the job are read from."""
    block = description.strip().replace("\r\n", "\n") + "\n"
    end = text.index("\n---\n", 3) + 5
    body = text[end:]
    match = _JD_HEADING.search(body)
    if match is not None:
        at = match.end() + 1
        body = body[:at] + "\n" + block + body[at:]
    else:
        notes = _NOTES_HEADING.search(body)
        at = notes.start() if notes is not None else len(body)
        section = "## Job description\n\n" + block + "\n"
        body = body[:at] + section + body[at:] if notes is not None else (
            body.rstrip("\n") + ("\n\n" if body.strip() else "\n") + section)
    return text[:end] + body
