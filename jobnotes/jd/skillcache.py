"""Each note's job description and the skills it names, kept between runs in the vault's
cache folder (see ``jobnotes.cache``): ``check`` and a rebuild read again only the
descriptions that changed, and never compile the vocabulary's scanner when none did.

Two kinds of entries: where the description is in a note, keyed by the note's body and
the line it starts at; and the skills found in a description, keyed by its text and the
origin of the vocabulary (the shipped list, then the user's own spellings from the
settings and every ``skills:`` list), with lines counted from the description's first
line, so a description moved by lines added above it is not read again. The whole file
is keyed by jobnotes' code. A changed description therefore never gets an answer from an
earlier run, while an edit elsewhere in a note costs no reading at all. A spelling added
to, changed in or removed from a ``skills:`` list (a note's, or the settings') makes a new
vocabulary: the file says which one its skills were found with, and a description that
names none of the spellings that changed keeps them (see ``jobnotes.jd.vocab_changes``);
only those naming one are read again. Only the entries a run uses are written back, so the
file holds at most one entry of each kind per note.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from jobnotes.cache import text_digest
from jobnotes.jd.extract import (
    DESCRIPTIONS,
    FOUND,
    Description,
    FoundSkill,
    extract_skills,
    job_description,
)
from jobnotes.jd.vocab_changes import Mentions, changed_forms
from jobnotes.jd.vocabulary import Signature, Vocabulary, base_vocabulary
from jobnotes.model import Application

FILE = "skills.pickle"
# Descriptions read in two processes from this many to read on (as notes in jobnotes.load).
PARALLEL_FROM = 500

# A FoundSkill tuple as plain values, FIELDS of them for each (one tuple: quick to load).
Encoded = tuple[Any, ...]
FIELDS = 8
# Where the description is: (its first and end character in the body, its heading's line).
Where = tuple[int, int, int]


def body_key(app: Application) -> str:
    return text_digest(app.body_line, app.body)


def found_key(description: Description, vocab: Vocabulary) -> str:
    """The key of what ``extract_skills`` finds in ``description``'s text with ``vocab``
    (wherever the text starts: see ``encode``)."""
    return text_digest(vocab.origin, description.text)


def encode(found: tuple[FoundSkill, ...], first_line: int) -> Encoded:
    """``found`` in a description starting at ``first_line``, its lines counted from
    there (what ``extract_skills`` finds depends on the text alone; its lines are the
    text's rows plus ``first_line``)."""
    return tuple(value for s in found for value in (
        s.name, s.key, s.field, s.required, s.line - first_line, s.column, s.written,
        s.mentions))


def decode(encoded: Encoded, first_line: int) -> tuple[FoundSkill, ...]:
    """What ``encode`` kept, for the same text starting at ``first_line``."""
    if type(encoded) is not tuple or len(encoded) % FIELDS:
        raise ValueError("not a FoundSkill tuple")
    found = []
    for n in range(0, len(encoded), FIELDS):
        name, key, field, required, row, column, written, mentions = encoded[n:n + FIELDS]
        if type(row) is not int:
            raise ValueError("not a FoundSkill tuple")
        found.append(FoundSkill(name, key, field, required, first_line + row, column,
                                written, mentions))
    return tuple(found)


def _where(app: Application, description: Description | None) -> Where | None:
    if description is None:
        return None
    start = app.body.find(description.text)    # any place holding the same text will do
    return start, start + len(description.text), description.heading_line


def _description(app: Application, where: Where | None) -> Description | None:
    if where is None:
        return None
    start, end, heading_line = where
    return Description(app.body[start:end], heading_line + 1, heading_line)


def _is_where(where: object) -> bool:
    return where is None or (isinstance(where, tuple) and len(where) == 3
                             and all(type(n) is int for n in where))


# The vocabulary the kept skills were found with: (its ``base_origin``, its ``signature``,
# its ``origin``).
Lineage = tuple[str, Signature, str]


def _parts(saved: object) -> tuple[dict[str, Any], dict[str, Any], Lineage | None]:
    if (isinstance(saved, tuple) and len(saved) == 3
            and all(isinstance(part, dict) for part in saved[:2])):
        lineage = saved[2]
        if not (isinstance(lineage, tuple) and len(lineage) == 3
                and isinstance(lineage[1], tuple)):
            lineage = None
        return saved[0], saved[1], lineage
    return {}, {}, None


def _lineage(vocab: Vocabulary | None) -> Lineage | None:
    return None if vocab is None else (vocab.base_origin, vocab.signature, vocab.origin)


def _unchanged_outside(old: Lineage | None, vocab: Vocabulary | None
                       ) -> tuple[str, Mentions] | None:
    """When ``vocab`` is the vocabulary the kept skills were found with plus or minus some
    of the user's spellings: the origin they were found with, and what tells a
    description naming one of the spellings that changed (only those can find other
    skills, or name them otherwise; see ``jobnotes.jd.vocab_changes``). Else None."""
    if old is None or vocab is None:
        return None
    base_origin, signature, origin = old
    if origin == vocab.origin or base_origin != vocab.base_origin:
        return None
    if _repeats(signature) or _repeats(vocab.signature):
        return None             # not made by one set of spellings: compare nothing
    forms = changed_forms(signature, vocab.signature)
    base = base_vocabulary()
    if not forms or base.origin != base_origin or any(base.knows(f) for f in forms):
        return None
    return origin, Mentions(forms)


def _repeats(signature: Signature) -> bool:
    return len({form for form, _, _ in signature}) != len(signature)


class SkillStore:
    """What earlier runs found in the notes of this one: made before ``job_description``
    is asked about ``apps`` (it then answers from the file), completed once the
    vocabulary is known (``complete``)."""

    def __init__(self, folder: Path, apps: Iterable[Application]) -> None:
        from jobnotes.cache import code_fingerprint, read_pickle

        self.path = folder / FILE
        self.fingerprint = code_fingerprint()
        self._old_where, self._old_found, self._old_lineage = _parts(
            read_pickle(self.path, self.fingerprint))
        self._where: dict[str, Where | None] = {}
        self._apps: list[tuple[str, Application]] = []
        missing = object()
        for app in apps:
            key = body_key(app)
            self._apps.append((key, app))
            where = self._old_where.get(key, missing)
            if where is missing or not _is_where(where):
                continue                # not known, or not what this code writes
            self._where[key] = where
            if (app.body, app.body_line) not in DESCRIPTIONS:
                DESCRIPTIONS.keep((app.body, app.body_line), _description(app, where))

    def complete(self, vocab: Vocabulary | None) -> None:
        """Make ``extract_skills`` know what each description names with ``vocab`` (None:
        no skills are needed), from the file or read now (half of them in a forked second
        process when there are many); then keep this run's entries in the file."""
        found: dict[str, Encoded] = {}
        todo: dict[str, Description] = {}
        wanted: list[tuple[str, Description]] = []
        earlier = _unchanged_outside(self._old_lineage, vocab)
        for key, app in self._apps:
            description = job_description(app)
            if key not in self._where:
                self._where[key] = _where(app, description)
            if description is None or vocab is None:
                continue
            entry = found_key(description, vocab)
            wanted.append((entry, description))
            if entry in found or entry in todo:
                continue
            known = (description.text, vocab, description.first_line)
            kept = self._old_found.get(entry)
            if kept is None and earlier is not None and known not in FOUND:
                # Found with the vocabulary before a spelling was added or changed: still
                # right where the description names none of the changed spellings.
                origin, mentions = earlier
                if not mentions.named_in(description):
                    kept = self._old_found.get(text_digest(origin, description.text))
            if kept is not None and known not in FOUND:
                try:
                    FOUND.keep(known, decode(kept, description.first_line))
                except (TypeError, ValueError):     # not what this code writes
                    kept = None
            if kept is not None:
                found[entry] = kept
            elif known in FOUND:
                found[entry] = encode(FOUND[known], description.first_line)
            else:
                todo[entry] = description
        if vocab is not None and todo:
            found.update(zip(todo, _read_all(list(todo.values()), vocab), strict=True))
        for entry, description in wanted:
            known = (description.text, vocab, description.first_line)
            if known not in FOUND:
                with contextlib.suppress(TypeError, ValueError):   # else read when asked
                    FOUND.keep(known, decode(found[entry], description.first_line))
        lineage = _lineage(vocab)
        if (todo or self._where != self._old_where or found != self._old_found
                or lineage != self._old_lineage):
            from jobnotes.cache import write_pickle

            write_pickle(self.path, self.fingerprint, (self._where, found, lineage))


def _read_all(todo: list[Description], vocab: Vocabulary) -> list[Encoded]:
    """What each of ``todo`` names, encoded; half of them read in a forked second process
    when there are many and two cores."""
    from jobnotes.forked import can_fork, in_two_processes

    if len(todo) < PARALLEL_FROM or not can_fork():
        return _read(todo, vocab)
    vocab.compile()             # once, before the fork: both processes use it
    return in_two_processes(todo, lambda some: _read(some, vocab))


def _read(todo: list[Description], vocab: Vocabulary) -> list[Encoded]:
    return [encode(extract_skills(d.text, vocab, first_line=d.first_line), d.first_line)
            for d in todo]
