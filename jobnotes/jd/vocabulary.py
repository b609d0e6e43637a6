"""The skill vocabulary: the list shipped in ``skills.tsv``, the user's own skills on top,
and one scanner that finds every known skill in a text.

This is the one place spellings merge: ``jobnotes.analysis.skills`` (the skills page)
keys what people type in ``skills:`` through it, so a skill found in a job description
and the same skill written in front matter share one key everywhere.

The scanner is one regular expression per vocabulary, built as a trie of all spellings
(``c(?:\\+\\+|#)?`` rather than ``c\\+\\+|c#|c``), so a description is read once whatever
the size of the vocabulary. It is compiled only when a text is first scanned (about a
tenth of a second for the shipped list): a run whose descriptions were all read before
(see ``jobnotes.jd.skillcache``) never compiles it.

The pattern of a list of ASCII spellings searches the text in lower case, case-sensitively:
the same matches as a case-insensitive search (see ``lowered``), in about half the time,
since the regex engine then rules out most branches of the trie by their first character.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from pathlib import Path

from jobnotes.cache import text_digest
from jobnotes.jd.implied import Implications, implications, is_implication
from jobnotes.jd.skill_patterns import Forms, pattern_of, scanner_of
from jobnotes.model import Application
from jobnotes.settings import Settings

PLAIN = ""
EXACT = "="        # exact capitalisation (or all capitals for 3+ letters)
CONTEXT = "~"      # exact capitalisation, and only where it clearly names a skill
MERGE_ONLY = "!"   # merges typed spellings, never searched for in text
FLAGS = (EXACT, CONTEXT, MERGE_ONLY)
USER_FIELD = "yours"   # the field of skills that come from the user's notes and settings

_SQUASH_RE = re.compile(r"[\s-]+")
# A skill followed by a hyphen is a skill only before one of these ("Python-based");
# "go-to", "C-level", "Excel-lent" are other words.
HYPHEN_SUFFIXES = frozenset((
    "based", "driven", "focused", "heavy", "savvy", "first", "native", "centric", "oriented",
    "powered", "related", "specific", "certified", "proficient", "fluent", "literate",
    "friendly", "enabled", "backed", "compatible", "ready", "style", "like", "minded",
    "adjacent", "aware", "skilled", "experienced", "trained", "led", "facing", "only",
))
_SUFFIX_RE = re.compile(r"-([A-Za-z]+)")
_PREV_CONTEXT = re.compile(
    r"(?:[,(/;:&+]|\b(?:and|or|nor|in|with|using|like|including|of|plus|either|especially|"
    r"e\.g\.|i\.e\.|such as))[^\S\n]*$",
    re.IGNORECASE,
)
_NEXT_CONTEXT = re.compile(
    r"[^\S\n]*(?:[,/);:]|\n|$)"
    r"|[^\S\n]+(?:programming|language|lang|scripts?|scripting|packages?|code|developers?|"
    r"engineers?|engineering|services|modules|libraries|ecosystem|stack)\b"
    r"|[^\S\n]+(?:and|or|&)[^\S\n]+[A-Z.]",
)
_NEXT_REJECT = re.compile(r"/\s*no\b", re.IGNORECASE)   # "Go/No-Go"
# The only characters re.IGNORECASE matches with an ASCII letter that ``str.lower`` does
# not turn into that letter alone: "İ" (two characters in lower case), "ı", "ſ" and the
# Kelvin sign. ``str.lower`` keeps every other character a word character or not, a space
# or not, and ASCII or not (tests/test_jd_fast.py checks all of Unicode).
_UNLOWERED = ("\u0130", "\u0131", "\u017f", "\u212a")
_IGNORING_CASE = int(re.IGNORECASE)     # an int: "flags & re.IGNORECASE" goes through enum


def clean_skill(text: str) -> str:
    """Collapse spaces, trim, drop trailing dots: " Power  BI. " -> "Power BI"."""
    return " ".join(str(text).split()).rstrip(".").strip()


def most_used(spellings: Counter[str]) -> str:
    """The spelling written most often; on a tie the first in code-point order."""
    return min(spellings, key=lambda s: (-spellings[s], s))


@lru_cache(maxsize=1 << 18)
def loose(text: str) -> str:
    """Casefolded, with runs of spaces and hyphens as one space: the lookup form."""
    return _SQUASH_RE.sub(" ", text.casefold()).strip()


def lowered(text: str) -> str | None:
    """``text.lower()``, where a case-sensitive search for lower-case ASCII finds what a
    re.IGNORECASE search of ``text`` finds, at the same offsets; None where it may not."""
    if not text.isascii() and any(c in text for c in _UNLOWERED):
        return None
    return text.lower()


def _squash(text: str) -> str:
    return _SQUASH_RE.sub(" ", text).strip()


@dataclass(frozen=True, slots=True)
class Skill:
    """One skill of the vocabulary."""

    name: str                    # display name: "PostgreSQL"
    key: str                     # merge key, as analysis.skills.skill_key gives it
    field: str                   # "software", "data", ..., or USER_FIELD
    spellings: tuple[str, ...]   # every spelling, name first, flags removed


@dataclass(frozen=True, slots=True)
class Spelling:
    text: str     # squashed, case kept: "Node.js", "MS Excel"
    flag: str     # PLAIN, EXACT, CONTEXT or MERGE_ONLY
    key: str


@dataclass(frozen=True, slots=True)
class Hit:
    """One place in a text that names a skill."""

    start: int
    end: int
    key: str


# The lookup forms one pattern of the scanner searches for: lower case, sorted, unique
# (the pattern depends on nothing else).


def searched_forms(forms: Iterable[str]) -> Forms:
    return tuple(sorted({form.lower() for form in forms}))


class Vocabulary:
    """Known skills, how their spellings merge, and a scanner over text.

    ``origin`` names what the vocabulary was made from (the shipped list's text, then the
    signature of each set of spellings added): two vocabularies with the same origin find
    the same skills in any text, with the same version of jobnotes.
    """

    def __init__(self, skills: dict[str, Skill], spellings: dict[str, list[Spelling]],
                 searched: tuple[Forms, ...], origin: str,
                 implies: Implications | None = None) -> None:
        self._skills = skills
        self._implies = dict(implies or {})
        self._spellings = spellings
        self._searched = searched
        self._compiled: tuple[re.Pattern[str], ...] | None = None
        self._keys: dict[str, str] = {}     # ``key`` by spelling as typed
        self.origin = origin
        # What it was made from: a vocabulary of its own (the shipped one), and the user's
        # spellings added to it since (see ``with_signature``).
        self.base_origin = origin
        self.signature: Signature = ()

    def compile(self) -> tuple[re.Pattern[str], ...]:
        """The scanner's patterns, compiled on first use (or now, before a fork, so that
        both processes have them); vocabularies searching the same forms share them."""
        if self._compiled is None:
            self._compiled = tuple(map(scanner_of, self._searched))
        return self._compiled

    def same_as(self, other: Vocabulary) -> bool:
        """Whether both find and name the same skills (whatever their origins)."""
        return self is other or (self._skills == other._skills
                                 and self._spellings == other._spellings
                                 and self._searched == other._searched
                                 and self._implies == other._implies)

    def __len__(self) -> int:
        return len(self._skills)

    def __contains__(self, text: object) -> bool:
        return isinstance(text, str) and self.key(text) in self._skills

    @property
    def skills(self) -> tuple[Skill, ...]:
        return tuple(self._skills.values())

    def key(self, text: str) -> str:
        """The merge key of a typed spelling: "postgres" -> "postgresql"."""
        known = self._keys.get(text) if type(text) is str else None
        if known is not None:
            return known
        cleaned = clean_skill(text)
        found = self._spellings.get(loose(cleaned))
        key = found[0].key if found else cleaned.casefold()
        if type(text) is str:
            if len(self._keys) >= 1 << 16:
                self._keys.clear()
            self._keys[text] = key
        return key

    def skill(self, key: str) -> Skill | None:
        return self._skills.get(key)

    def name(self, key: str) -> str:
        skill = self._skills.get(key)
        return skill.name if skill else key

    def field(self, key: str) -> str:
        skill = self._skills.get(key)
        return skill.field if skill else USER_FIELD

    def implies(self, key: str) -> tuple[str, ...]:
        """The keys of the broader skills having ``key`` means having, nearest first
        (the "<=" lines of skills.tsv, chains followed; see ``jobnotes.jd.implied``)."""
        return self._implies.get(key, ())

    @property
    def implications(self) -> dict[str, tuple[str, ...]]:
        """Every ``implies``: narrower key -> broader keys."""
        return dict(self._implies)

    def scan(self, text: str) -> list[Hit]:
        """Every skill named in ``text``, in order, overlaps resolved longest first."""
        hits: list[Hit] = []
        lower = lowered(text)
        accept = self._accept
        for forms, pattern in zip(self._searched, self.compile(), strict=True):
            searched = text
            if not pattern.flags & _IGNORING_CASE:     # made for the text in lower case
                if lower is None:
                    pattern = pattern_of(forms)
                else:
                    searched = lower
            pos = 0
            while (match := pattern.search(searched, pos)) is not None:
                start, end = match.span()
                key = accept(text, start, end)
                if key is None:
                    pos = start + 1
                    continue
                hits.append(Hit(start, end, key))
                pos = end
        if len(self._searched) > 1:
            hits = _without_overlaps(hits)
        return hits

    def _accept(self, text: str, start: int, end: int) -> str | None:
        written = text[start:end]
        if text.startswith("-", end):
            suffix = _SUFFIX_RE.match(text, end)
            if suffix is None or suffix.group(1).casefold() not in HYPHEN_SUFFIXES:
                return None
        for spelling in self._spellings.get(loose(written), ()):
            if spelling.flag == PLAIN:
                return spelling.key
            if spelling.flag == MERGE_ONLY or not _same_case(written, spelling.text):
                continue
            if spelling.flag == EXACT or _clear_context(text, start, end):
                return spelling.key
        return None

    def knows(self, form: str) -> bool:
        """Whether ``form`` (a lookup form, see ``loose``) is one of the spellings."""
        return form in self._spellings

    def unknown(self, names: Iterable[str]) -> list[tuple[str, str]]:
        """(lookup form, cleaned spelling) of each of ``names`` this vocabulary does not
        know, in order: what ``with_extra`` adds."""
        found = []
        for raw in names:
            written = clean_skill(raw)
            if written and self.key(written) not in self._skills:
                found.append((loose(written), written))
        return found

    def with_extra(self, names: Iterable[str]) -> Vocabulary:
        """This vocabulary plus the user's own skills (settings, ``skills:`` lists).

        Spellings that differ only in case, spaces or hyphens are one skill; a name of
        one or two characters is found only where it clearly names a skill (like "R").
        """
        return self.with_signature(spelling_signature(user_spellings(self.unknown(names))))

    def with_signature(self, signature: Signature) -> Vocabulary:
        """``with_extra`` of the names whose spellings have this ``spelling_signature``."""
        if not signature:
            return self
        skills = dict(self._skills)
        spellings = dict(self._spellings)
        for form, written, name in signature:
            key = written[0].casefold()
            flag = CONTEXT if len(name) <= 2 else PLAIN
            skills[key] = Skill(name, key, USER_FIELD, written)
            spellings[form] = [Spelling(_squash(w), flag, key) for w in written]
        made = Vocabulary(skills, spellings,
                          (*self._searched, searched_forms(form for form, _, _ in signature)),
                          text_digest(self.origin, repr(signature)), self._implies)
        made.base_origin, made.signature = self.base_origin, (*self.signature, *signature)
        return made


# What a vocabulary made of the user's spellings depends on, group by group in order of
# first use: (lookup form, its spellings in order of first use, the most used one).
Signature = tuple[tuple[str, tuple[str, ...], str], ...]


def spelling_signature(groups: dict[str, Counter[str]]) -> Signature:
    """The signature of grouped spellings: how often each is written only picks a name."""
    return tuple((form, tuple(counts), most_used(counts)) for form, counts in groups.items())


@lru_cache(maxsize=1 << 16)
def unknown_spelling(name: str) -> tuple[str, str] | None:
    """``base_vocabulary().unknown([name])``'s one entry, if any (remembered)."""
    found = base_vocabulary().unknown([name])
    return found[0] if found else None


def user_spellings(pairs: Iterable[tuple[str, str]]) -> dict[str, Counter[str]]:
    """(lookup form, spelling) pairs, as ``unknown`` gives them, grouped by form in order
    of first use, with how often each spelling is written."""
    groups: dict[str, Counter[str]] = {}
    for (form, written), n in Counter(pairs).items():     # counted in order of first use
        groups.setdefault(form, Counter())[written] = n
    return groups


def unknown_spellings(app: Application) -> tuple[tuple[str, str], ...]:
    """(lookup form, spelling) of each name in ``skills:`` the shipped list lacks."""
    return tuple(filter(None, map(unknown_spelling, map(str, app.skills))))


def signature_of(settings: Settings, unknown: Iterable[tuple[str, str]]) -> Signature:
    """The signature of the user's spellings (see ``vocabulary_for``): the settings'
    first, then ``unknown`` (the notes' ``unknown_spellings`` in note order)."""
    names = map(str, (*settings.skills, *settings.learning))
    return spelling_signature(user_spellings(
        chain(filter(None, map(unknown_spelling, names)), unknown)))


def _same_case(written: str, spelling: str) -> bool:
    written = _squash(written)
    if written == spelling:
        return True
    letters = sum(c.isalpha() for c in spelling)
    return letters >= 3 and written.isupper() and written == spelling.upper()


def _clear_context(text: str, start: int, end: int) -> bool:
    """True where a short name ("R", "C", "Go") is clearly a skill: in a list, after
    "in" / "with" / ..., or before "programming" / "language"."""
    after = text[end:end + 40]
    if _NEXT_REJECT.match(after):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    before = text[max(line_start, start - 40):start]
    return bool(_PREV_CONTEXT.search(before) or _NEXT_CONTEXT.match(after))


def _without_overlaps(hits: list[Hit]) -> list[Hit]:
    hits.sort(key=lambda h: (h.start, h.start - h.end))
    kept: list[Hit] = []
    for hit in hits:
        if not kept or hit.start >= kept[-1].end:
            kept.append(hit)
    return kept


# --- building ----------------------------------------------------------------------------

def parse_vocabulary(text: str, source: str = "skills.tsv") -> Vocabulary:
    """A vocabulary from the ``skills.tsv`` format (see the comment at the top of it)."""
    skills: dict[str, Skill] = {}
    spellings: dict[str, list[Spelling]] = {}
    searched: list[str] = []
    implied: list[tuple[int, list[str]]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        columns = line.split("\t")
        if is_implication(columns):
            implied.append((number, columns))
            continue
        if len(columns) not in (2, 3):
            raise ValueError(f"{source}:{number}: expected field, name and aliases "
                             "separated by tabs")
        field, name = columns[0].strip(), columns[1].strip()
        written = [name] + [a.strip() for a in (columns[2] if len(columns) == 3 else "")
                            .split(" | ") if a.strip()]
        forms = [(w[1:], w[0]) if w[0] in FLAGS else (w, PLAIN) for w in written]
        display = forms[0][0]
        key = clean_skill(display).casefold()
        if key in skills:
            raise ValueError(f"{source}:{number}: {display} is listed twice")
        for form, flag in forms:
            lookup = loose(form)
            taken = spellings.get(lookup)
            if taken and taken[0].key != key:
                raise ValueError(f"{source}:{number}: the spelling {form!r} already "
                                 f"belongs to {skills[taken[0].key].name}")
            spellings.setdefault(lookup, []).append(Spelling(_squash(form), flag, key))
            if flag != MERGE_ONLY:
                searched.append(lookup)
        skills[key] = Skill(display, key, field, tuple(dict.fromkeys(f for f, _ in forms)))
    _add_plurals(spellings, searched)

    def key_of(name: str) -> str | None:
        found = spellings.get(loose(clean_skill(name)))
        return found[0].key if found else None

    implies = implications(implied, key_of, lambda key: skills[key].name, source)
    return Vocabulary(skills, spellings, (searched_forms(searched),), text_digest(text),
                      implies)


def _add_plurals(spellings: dict[str, list[Spelling]], searched: list[str]) -> None:
    """"REST API" also matches "REST APIs", "dashboard" "dashboards" (plain spellings)."""
    for lookup in list(searched):
        plain = [s for s in spellings[lookup] if s.flag == PLAIN]
        plural = lookup + "s"
        if plain and lookup[-1].isalpha() and len(lookup) >= 3 and plural not in spellings:
            spellings[plural] = [Spelling(plain[0].text + "s", PLAIN, plain[0].key)]
            searched.append(plural)


@lru_cache(maxsize=1)
def base_vocabulary() -> Vocabulary:
    """The vocabulary shipped with jobnotes."""
    text = (Path(__file__).parent / "skills.tsv").read_text(encoding="utf-8")
    return parse_vocabulary(text)


def vocabulary_for(apps: Iterable[Application], settings: Settings) -> Vocabulary:
    """The shipped vocabulary plus the user's skills, learning list and every skill
    written in any note's ``skills:``.

    Names that make the same vocabulary (the same unknown spellings, in the same order of
    first use, each group with the same most used spelling) give the same Vocabulary
    object, so ``check`` and a build (or rebuilds while serving) share it and what was
    found with it.
    """
    return vocabulary_of(signature_of(settings, chain.from_iterable(
        map(unknown_spellings, apps))))


@lru_cache(maxsize=4)
def vocabulary_of(signature: Signature) -> Vocabulary:
    """The shipped vocabulary plus the user's spellings with this signature (one object
    per signature while it is used)."""
    return base_vocabulary().with_signature(signature)
