"""A copy of a vault that is safe to share: contacts anonymised, figures kept.

``redact_vault`` returns a new Vault in which:

- every contact (a person note, or a name in an application's ``contacts``) is renamed
  to a stable pseudonym, "Contact A", "Contact B", ... (by name order), in notes, links,
  file names and findings alike, so pages still link to each other;
- emails, phone numbers, LinkedIn addresses and salaries are removed, from the fields
  and, as far as they can be recognised, from the text of every note;
- person notes lose their body; other notes a page shows or embeds lose their
  properties and are redacted as application notes are; in application notes (and those
  other notes), sections whose heading says
  "private" (``## Notes (private)``, ``## Private``, a ``#private`` tag) and Obsidian
  comments (``%% ... %%``) are removed, and contact names in the rest are replaced;
- counts, dates, statuses, channels, companies and roles are kept, so every figure
  and chart of the site is the same as without redaction.

Names are recognised whole and by their parts ("Jane Doe", "Jane", "Doe", "jane-doe"),
as written; a contact mentioned only by a nickname cannot be recognised.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterable

from jobnotes.diagnostics import Diagnostic
from jobnotes.load import slugify
from jobnotes.model import Application, Person, Vault
from jobnotes.obsidian.graph import LinkGraph, OtherNote, build_graph

REMOVED = "[removed]"
_EMAIL = re.compile(r"(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.I)
_LINKEDIN = re.compile(r"(?:https?://)?(?:[\w-]+\.)?linkedin\.com/[^\s)\]>]*", re.I)
_PHONE = re.compile(r"(?<![\w+])(?:\+|00)?\(?\d[\d ()./-]{5,}\d(?!\w)")
_DATE_LIKE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}")
_CURRENCY = r"(?:[$€£¥]|\b(?:SEK|NOK|DKK|EUR|USD|GBP|CHF|CAD|AUD|kr|kronor)\b)"
_AMOUNT = r"\d[\d,.  ]*\d(?:\s?[kK]\b)?|\d\s?[kK]\b|\d"
_MONEY = re.compile(
    rf"{_CURRENCY}\s?(?:{_AMOUNT})(?:\s?[–-]\s?(?:{_AMOUNT}))?"
    rf"|(?:{_AMOUNT})(?:\s?[–-]\s?(?:{_AMOUNT}))?\s?{_CURRENCY}"
    r"|\b(?:\d{2,3}(?:[.,]\d)?\s?[kK]?\s?[–-]\s?)?\d{2,3}(?:[.,]\d)?\s?[kK]\b"
)
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$")
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
_PRIVATE = re.compile(r"(?:^|[\s(\[])#?private\b", re.I)
_COMMENT = re.compile(r"%%.*?%%", re.S)


def pseudonym(index: int) -> str:
    """0 -> "Contact A", 25 -> "Contact Z", 26 -> "Contact AA"."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"Contact {letters}"


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


class Renamer:
    """Replaces contact names (whole, by part, and as slugs) with their pseudonyms."""

    def __init__(self, names: Iterable[str]) -> None:
        unique: dict[str, str] = {}
        for name in names:
            if name.strip():
                unique.setdefault(name.strip().casefold(), name.strip())
        ordered = sorted(unique.values(), key=lambda n: (n.casefold(), n))
        self.aliases = {n.casefold(): pseudonym(i) for i, n in enumerate(ordered)}
        whole: dict[str, str] = {}
        parts: dict[str, set[str]] = {}
        for name in ordered:
            alias = self.aliases[name.casefold()]
            for form in {name, _ascii(name), slugify(name)}:
                if len(form) >= 2:
                    whole[form.casefold()] = alias
            for word in re.findall(r"\w+", name):
                if len(word) >= 3 and not word.isdigit():
                    for form in {word, _ascii(word)}:
                        parts.setdefault(form, set()).add(alias)
        # A part shared by two contacts ("Anna") cannot say which one: "a contact".
        part_alias = {w: (next(iter(a)) if len(a) == 1 else "a contact") for w, a in parts.items()}
        self._whole = self._pattern(whole, re.I)
        self._parts = self._pattern(part_alias, 0)
        self._whole_map, self._part_map = whole, part_alias

    @staticmethod
    def _pattern(table: dict[str, str], flags: int) -> re.Pattern[str] | None:
        if not table:
            return None
        words = sorted(table, key=len, reverse=True)
        return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)", flags)

    def alias(self, name: str) -> str:
        return self.aliases.get(name.strip().casefold(), self.text(name))

    def text(self, text: str) -> str:
        if self._whole is not None:
            text = self._whole.sub(lambda m: self._whole_map[m.group().casefold()], text)
        if self._parts is not None:
            text = self._parts.sub(lambda m: self._part_map[m.group()], text)
        return text

    def maybe(self, text: str | None) -> str | None:
        return None if text is None else self.text(text)


def _phone(match: re.Match[str]) -> str:
    found = match.group()
    digits = sum(ch.isdigit() for ch in found)
    if not 7 <= digits <= 15 or _DATE_LIKE.search(found):
        return found
    return REMOVED


def scrub(text: str) -> str:
    """Emails, LinkedIn addresses, phone numbers and amounts of money removed."""
    text = _EMAIL.sub(REMOVED, text)
    text = _LINKEDIN.sub(REMOVED, text)
    text = _MONEY.sub(REMOVED, text)
    return _PHONE.sub(_phone, text)


def drop_private(body: str) -> str:
    """The body without Obsidian comments and without sections whose heading says private."""
    body = _COMMENT.sub("", body)
    kept: list[str] = []
    skip_level = 0        # while > 0, inside a private section of this heading level
    fence: str | None = None
    for line in body.splitlines(keepends=True):
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
        elif opening:
            fence = opening.group(1)
        elif heading := _HEADING.match(line):
            level = len(heading.group(1))
            if skip_level and level <= skip_level:
                skip_level = 0
            if not skip_level and _PRIVATE.search(heading.group(2)):
                skip_level = level
        if not skip_level:
            kept.append(line)
    return "".join(kept)


def _contact_names(vault: Vault) -> list[str]:
    names = [p.name for p in vault.people]
    names += [name for app in vault.applications for name in app.contacts]
    return names


def _application(app: Application, names: Renamer) -> Application:
    texts = {key: names.maybe(getattr(app, key))
             for key in ("role", "company", "location", "resume", "next_action")}
    return dataclasses.replace(
        app, **texts, contacts=[names.alias(c) for c in app.contacts], salary=None,
        url=None if app.url and _LINKEDIN.search(app.url) else app.url,
        body=names.text(scrub(drop_private(app.body))),
        skills=[names.text(s) for s in app.skills], tags=[names.text(t) for t in app.tags],
        positions=dict(app.positions),
    )


def _person(person: Person, names: Renamer, folder: str) -> Person:
    alias = names.alias(person.name)
    return dataclasses.replace(
        person, name=alias, rel=f"{folder}/{alias}.md", slug=slugify(alias),
        linkedin=None, email=None, body="", company=names.maybe(person.company),
        tags=[names.text(t) for t in person.tags], positions=dict(person.positions),
        touches=list(person.touches),
    )


def _diagnostic(d: Diagnostic, names: Renamer, paths: dict[str, str]) -> Diagnostic:
    return dataclasses.replace(
        d, path=paths.get(d.path, names.text(d.path)), message=names.text(scrub(d.message)),
        hint=None if d.hint is None else names.text(scrub(d.hint)))


def redact_vault(vault: Vault) -> Vault:
    """A redacted copy of ``vault`` (see the module docstring); ``vault`` is not changed."""
    names = Renamer(_contact_names(vault))
    folder = vault.settings.folders.people
    people = [_person(p, names, folder) for p in vault.people]
    paths = {old.rel: new.rel for old, new in zip(vault.people, people, strict=True)}
    redacted = dataclasses.replace(
        vault,
        applications=[_application(a, names) for a in vault.applications],
        people=people,
        diagnostics=[_diagnostic(d, names, paths) for d in vault.diagnostics],
        skipped=[paths.get(rel, names.text(rel)) for rel in vault.skipped],
        link_graph=None,
    )
    redacted.link_graph = _graph(vault, redacted, names)
    return redacted


def _graph(vault: Vault, redacted: Vault, names: Renamer) -> LinkGraph:
    """The links of the redacted notes, where every other note a page shows or embeds is
    redacted as an application note is, and loses its properties."""
    tracked = {note.rel for note in [*vault.applications, *vault.people]} | set(vault.skipped)
    others = ([rel for rel in vault.link_graph.index.paths() if rel not in tracked]
              if vault.link_graph is not None else [])
    return build_graph(vault.root, [*redacted.applications, *redacted.people], others,
                       redacted.skipped, scrub_other=lambda note: _other(note, names))


def _other(note: OtherNote, names: Renamer) -> OtherNote:
    return dataclasses.replace(
        note, title=names.text(note.title), body=names.text(scrub(drop_private(note.body))),
        tags=[names.text(t) for t in note.tags], properties=())
