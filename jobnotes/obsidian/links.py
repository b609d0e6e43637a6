"""Link targets, and resolving them across the whole vault the way Obsidian does.

A target names a file by name anywhere in the vault (``[[Jane Doe]]``), by a path from the
vault root or a path ending (``[[people/Jane Doe]]``), or relative to the linking note
(``[x](../people/Jane%20Doe.md)``). A name that several files share resolves as Obsidian
resolves it: a file at exactly that path from the vault root first, then the one in the
linking note's own folder, then the one with the shortest path. Only when two of those
with the shortest path are equally short is the link ambiguous: then it resolves to
nothing, since the site could not know which file Obsidian shows.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from jobnotes.suggest import did_you_mean

NOTE_SUFFIX = ".md"
# An embed's "|300" or "|300x200" is a display size (in pixels), not text to show.
_SIZE = re.compile(r"\d{1,5}(?:x\d{1,5})?")


@dataclass(frozen=True, slots=True)
class Target:
    """What a link points at: ``[[people/Jane Doe#Notes|Jane]]`` ->
    path ``people/Jane Doe``, heading ``Notes``, alias ``Jane``."""

    path: str           # "" for a link into the same note ("[[#Heading]]")
    heading: str = ""   # the last heading of "#A#B"
    block: str = ""     # "abc" for "#^abc"
    alias: str = ""     # the text after "|"
    embed: bool = False
    size: str = ""      # an embed's "300" or "300x200" (then it is not the alias)

    @property
    def width_height(self) -> tuple[str, str]:
        """The size as (width, height); "" for what is not given."""
        width, _, height = self.size.partition("x")
        return width, height

    @property
    def name(self) -> str:
        """The file name the path ends in, without ``.md``."""
        name = self.path.rsplit("/", 1)[-1]
        return name[:-len(NOTE_SUFFIX)] if name.lower().endswith(NOTE_SUFFIX) else name

    @property
    def subpath(self) -> str:
        return f"^{self.block}" if self.block else self.heading

    def label(self) -> str:
        """The text Obsidian shows for the link when it has no alias."""
        if self.alias:
            return self.alias
        if self.name and self.subpath:
            return f"{self.name} › {self.subpath}"
        return self.name or self.subpath

    def written(self) -> str:
        """The link as a wikilink, for messages."""
        inner = self.path + (f"#{self.subpath}" if self.subpath else "")
        extra = "".join(f"|{part}" for part in (self.alias, self.size) if part)
        return f"{'!' if self.embed else ''}[[{inner}{extra}]]"


_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")


def is_local(url: str) -> bool:
    """A link into the vault: no scheme, not protocol-relative."""
    url = url.strip()
    return bool(url) and not _SCHEME.match(url) and not url.startswith(("//", "\\\\"))


def parse_target(inner: str, *, embed: bool = False) -> Target:
    """The text between ``[[`` and ``]]`` (``\\|`` counts as ``|``, as in tables)."""
    text = inner.replace("\\|", "|")
    link, _, alias = text.partition("|")
    alias, size = alias.strip(), ""
    if embed:       # "![[img.png|300]]", "![[img.png|300x200]]", "![[img.png|text|300]]"
        rest, _, last = alias.rpartition("|")
        if _SIZE.fullmatch(last.strip()):
            alias, size = rest.strip(), last.strip()
    target = with_subpath(link.strip(), alias=alias, embed=embed)
    return replace(target, size=size) if size else target


def with_subpath(link: str, *, alias: str = "", embed: bool = False) -> Target:
    """``"Note#Heading"`` / ``"Note#^block"`` / ``"#A#B"`` -> a Target."""
    path, _, sub = link.partition("#")
    parts = [part.strip() for part in sub.split("#") if part.strip()]
    last = parts[-1] if parts else ""
    if last.startswith("^"):
        return Target(path.strip(), block=last[1:].strip(), alias=alias, embed=embed)
    return Target(path.strip(), heading=last, alias=alias, embed=embed)


@dataclass(frozen=True, slots=True)
class Resolution:
    """Where a target leads: one file, several (ambiguous) or none (missing)."""

    rel: str | None
    candidates: tuple[str, ...] = ()

    @property
    def ambiguous(self) -> bool:
        return self.rel is None and len(self.candidates) > 1


MISSING = Resolution(None)


def _key(text: str) -> str:
    """File names compare like Obsidian: case-insensitively, in one Unicode form."""
    return unicodedata.normalize("NFC", text).casefold()


def is_note(rel: str) -> bool:
    return rel.lower().endswith(NOTE_SUFFIX)


def link_text(rel: str) -> str:
    """How a link to ``rel`` is written with its path: ``people/Jane Doe``."""
    return rel[:-len(NOTE_SUFFIX)] if is_note(rel) else rel


def leaves_vault(path: str, source: str | None) -> bool:
    """Whether the relative ``path`` (``../../etc/hostname``), seen from the note
    ``source``, leads out of the vault folder."""
    path = path.strip().replace("\\", "/")
    if not path.startswith(("./", "../")):
        return False
    folder = posixpath.dirname(source) if source else ""
    rel = posixpath.normpath(posixpath.join(folder, path))
    return rel == ".." or rel.startswith("../")


def _nearest(found: list[str]) -> Resolution:
    """Of the files a name matches, the one with the shortest path, as Obsidian picks it;
    ambiguous (every match, shortest first) when the shortest are equally short."""
    if len(found) == 1:
        return Resolution(found[0])
    ordered = sorted(found, key=lambda rel: (len(rel), rel))
    if len(ordered) > 1 and len(ordered[0]) < len(ordered[1]):
        return Resolution(ordered[0])
    return Resolution(None, tuple(ordered))


class LinkIndex:
    """Every file of the vault by path and by name. Built from paths alone: nothing is read."""

    def __init__(self, rels: Iterable[str]) -> None:
        self._by_path: dict[str, str] = {}
        self._by_name: dict[str, list[str]] = defaultdict(list)
        self._memo: dict[tuple[str, str], Resolution] = {}
        self._suggested: dict[tuple[str, bool], str | None] = {}
        self._choice_memo: dict[bool, dict[str, str]] = {}
        for rel in sorted(set(rels)):
            self._by_path.setdefault(_key(rel), rel)
            self._by_name[_key(rel.rsplit("/", 1)[-1])].append(rel)

    def __contains__(self, rel: object) -> bool:
        return isinstance(rel, str) and _key(rel) in self._by_path

    def paths(self) -> list[str]:
        """Every file the index knows, by its vault path."""
        return list(self._by_path.values())

    def resolve(self, path: str, source: str | None = None) -> Resolution:
        """The file ``path`` names, seen from the note ``source`` (a vault path)."""
        folder = posixpath.dirname(source) if source else ""
        memo = (path, folder)
        if memo not in self._memo:
            self._memo[memo] = self._resolve(path.strip().replace("\\", "/"), folder)
        return self._memo[memo]

    def _resolve(self, path: str, folder: str) -> Resolution:
        if not path:
            return MISSING
        # "[[Note]]" names Note.md; "[[image.png]]" names image.png (after image.png.md).
        keys = [path] if is_note(path) else [path + NOTE_SUFFIX, path]
        for key in keys:
            found = self._lookup(key, folder)
            if found.rel is not None or found.candidates:
                return found
        return MISSING

    def _exact(self, rel: str) -> str | None:
        return self._by_path.get(_key(posixpath.normpath(rel)))

    def _lookup(self, path: str, folder: str) -> Resolution:
        if path.startswith(("./", "../")):
            rel = self._exact(posixpath.join(folder, path))
            return Resolution(rel) if rel else MISSING
        if path.startswith("/"):
            rel = self._exact(path.lstrip("/"))
            return Resolution(rel) if rel else MISSING
        # As Obsidian: the path from the vault root, then the linking note's folder.
        for rel in (self._exact(path), self._exact(posixpath.join(folder, path)) if folder
                    else None):
            if rel is not None:
                return Resolution(rel)
        name = path.rsplit("/", 1)[-1]
        found = self._by_name.get(_key(name), [])
        if "/" in path:
            ending = "/" + _key(path)
            found = [rel for rel in found if _key(rel).endswith(ending)]
        return _nearest(found)

    def shortest(self, rel: str) -> str:
        """The shortest link text that names ``rel`` alone: its name, or its path."""
        name = link_text(rel.rsplit("/", 1)[-1])
        return name if len(self._by_name.get(_key(rel.rsplit("/", 1)[-1]), [])) <= 1 \
            else link_text(rel)

    def suggest(self, path: str) -> str | None:
        """The closest existing file to a missing ``path``, written as a link would be."""
        name = path.strip().rsplit("/", 1)[-1]
        wants_note = is_note(name) or "." not in name
        if is_note(name):
            name = name[:-len(NOTE_SUFFIX)]
        memo = (name, wants_note)
        if memo not in self._suggested:
            choices = self._choices(wants_note)
            best = did_you_mean(name, choices)
            self._suggested[memo] = self.shortest(choices[best]) if best is not None else None
        return self._suggested[memo]

    def _choices(self, notes: bool) -> dict[str, str]:
        """Every note by its name (``notes``), or every other file by its file name."""
        if notes not in self._choice_memo:
            choices: dict[str, str] = {}
            for rels in self._by_name.values():
                for rel in rels:
                    if is_note(rel) == notes:
                        base = rel.rsplit("/", 1)[-1]
                        choices.setdefault(link_text(base) if notes else base, rel)
            self._choice_memo[notes] = choices
        return self._choice_memo[notes]
