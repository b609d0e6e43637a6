"""Skills found in a note's ``## Job description``, each required or nice to have, and
the ``check`` hint for skills the description names but ``skills:`` does not list."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from jobnotes.diagnostics import Diagnostic, info
from jobnotes.jd.vocabulary import Vocabulary, base_vocabulary, clean_skill, vocabulary_for
from jobnotes.memo import Memo
from jobnotes.model import Application
from jobnotes.settings import Settings

RULE_NOT_LISTED = "skill-not-listed"

# Heading titles (casefolded, punctuation as spaces) that hold the pasted description.
DESCRIPTION_TITLES = frozenset({
    "job description", "job posting", "job ad", "job advert", "job advertisement",
    "posting", "description", "jd", "the role", "role description", "job listing",
})
_ATX_RE = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*?))??(?:[ \t]+#+)?[ \t]*\r?\n?$")
_FENCE_RE = re.compile(r" {0,3}(`{3,}|~{3,})")
# Addresses and comments are not text: "jobs.example.org/python-developer" asks nothing.
_NOT_TEXT_RE = re.compile(r"<!--.*?-->|\bhttps?://[^\s)>\]]+|\bwww\.[^\s)>\]]+", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Description:
    """The ``## Job description`` section of a note."""

    text: str
    first_line: int      # file line of the text's first line (the line after the heading)
    heading_line: int    # file line of the heading


@dataclass(frozen=True, slots=True)
class FoundSkill:
    """One skill a job description names."""

    name: str            # display name: "PostgreSQL"
    key: str             # merge key (see Vocabulary.key)
    field: str           # "software", "data", ..., "yours" for the user's own skills
    required: bool       # False when every mention is in a nice-to-have part
    line: int            # file line of the first mention (1-based)
    column: int          # its column (1-based)
    written: str         # the first mention as written: "postgres"
    mentions: int        # how many times the description names it

    @property
    def optional(self) -> bool:
        return not self.required


def _title_key(title: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", title.casefold()).split())


def is_description_heading(title: str) -> bool:
    key = _title_key(title)
    return key in DESCRIPTION_TITLES or key.startswith(("job description", "job posting"))


def _headings(lines: list[str]) -> list[tuple[int, int, str]]:
    """(line index, level, title) of every ATX heading outside fenced code."""
    found = []
    fence = ""
    for index, line in enumerate(lines):
        if fence:
            if line.lstrip().startswith(fence):
                fence = ""
        elif (opening := _FENCE_RE.match(line)) is not None:
            fence = opening.group(1)
        elif (heading := _ATX_RE.match(line)) is not None:
            found.append((index, len(heading.group(1)), heading.group(2) or ""))
    return found


def job_description(app: Application) -> Description | None:
    """The first ``## Job description`` section of the note (a ``###`` one if there is
    no ``##`` one), up to the next heading of the same or a higher level; or None.

    A line scan rather than ``markdown.split_sections``: a full Markdown parse of each
    note costs about a millisecond, this a few microseconds. It knows ATX headings and
    fenced code, which is what notes and pasted descriptions use. Remembered per body.
    """
    key = (app.body, app.body_line)
    found = DESCRIPTIONS.get(key, _UNKNOWN)
    if found is _UNKNOWN:
        found = _description(*key)
        DESCRIPTIONS.keep(key, found)
    return found


_UNKNOWN = object()
# ``job_description`` by (body, body line): a vault's notes, read once per load.
DESCRIPTIONS = Memo(1 << 16)


def _description(body: str, body_line: int) -> Description | None:
    lines = body.splitlines(keepends=True)
    headings = _headings(lines)
    chosen = None
    for wanted in (2, 3):
        chosen = next(((i, level) for i, level, title in headings
                       if level == wanted and is_description_heading(title)), None)
        if chosen is not None:
            break
    if chosen is None:
        return None
    start, level = chosen
    end = next((i for i, other, _ in headings if i > start and other <= level), len(lines))
    heading_line = body_line + start
    return Description("".join(lines[start + 1:end]), heading_line + 1, heading_line)


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group())


def extract_skills(text: str, vocab: Vocabulary, *, first_line: int = 1) -> tuple[FoundSkill, ...]:
    """Every skill ``text`` names, in order of first mention.

    A skill is required when at least one mention is outside the nice-to-have parts.
    ``first_line`` is the file line of the text's first line, for the reported lines.
    Results are remembered per text and vocabulary: ``check``'s hints, the match scores
    and the skills page of one build read each description once.
    """
    key = (text, vocab, first_line)
    found = FOUND.get(key)
    if found is None:
        found = _extract(*key)
        FOUND.keep(key, found)
    return found


# ``extract_skills`` by (text, vocabulary, first line): more descriptions than any vault
# holds. ``jobnotes.jd.skillcache`` fills both memos with what earlier runs found.
FOUND = Memo(1 << 18)


def _extract(text: str, vocab: Vocabulary, first_line: int) -> tuple[FoundSkill, ...]:
    # Imported here: their patterns take a noticeable part of ``check``'s start, and a run
    # whose descriptions are all in the skills cache never reads one.
    from jobnotes.jd.misreads import without_misreads
    from jobnotes.jd.optional import optional_spans

    if not text.strip():
        return ()
    searchable = text
    if "http" in text or "www." in text or "<!--" in text:
        searchable = _NOT_TEXT_RE.sub(_blank, text)
    hits = vocab.scan(searchable)
    hits = without_misreads(searchable, hits)   # "our CRM team", "open a PR": not asked for
    if not hits:
        return ()
    spans = optional_spans(searchable)
    starts = [s for s, _ in spans]
    first: dict[str, tuple[int, str]] = {}
    required: dict[str, bool] = {}
    mentions: dict[str, int] = {}
    for hit in hits:
        i = bisect_right(starts, hit.start) - 1
        is_optional = i >= 0 and hit.start < spans[i][1]
        first.setdefault(hit.key, (hit.start, text[hit.start:hit.end]))
        required[hit.key] = required.get(hit.key, False) or not is_optional
        mentions[hit.key] = mentions.get(hit.key, 0) + 1
    found = []
    for key, (start, written) in first.items():
        row = text.count("\n", 0, start)
        line_start = text.rfind("\n", 0, start) + 1
        found.append(FoundSkill(
            name=vocab.name(key), key=key, field=vocab.field(key), required=required[key],
            line=first_line + row, column=start - line_start + 1,
            written=" ".join(written.split()), mentions=mentions[key],
        ))
    return tuple(found)


def app_skills(app: Application, vocab: Vocabulary,
               description: Description | None = None) -> tuple[FoundSkill, ...]:
    """The skills named in ``app``'s job description (none without one).

    ``description``: the note's ``job_description``, when the caller has it already.
    """
    if app.is_informational:
        return ()
    description = description or job_description(app)
    if description is None:
        return ()
    found = extract_skills(description.text, vocab, first_line=description.first_line)
    return _not_the_company(found, app.company, description.text)


def _not_the_company(found: tuple[FoundSkill, ...], company: str | None, text: str
                     ) -> tuple[FoundSkill, ...]:
    """Leave out a skill named only inside the company's own name ("Logistics" in
    "Kestrel Logistics"): a skill mentioned as often as the name holds it is the name."""
    name = (company or "").casefold()
    if not name:
        return found

    def in_name(skill: FoundSkill) -> bool:
        written = skill.written.casefold()
        if written not in name:         # most skills: no pattern to make
            return False
        return re.search(rf"(?<!\w){re.escape(written)}(?!\w)", name) is not None

    inside = [s for s in found if in_name(s)]
    if not inside:
        return found
    times = len(re.findall(rf"(?<!\w){re.escape(name)}(?!\w)", text.casefold()))
    return tuple(s for s in found if not (times and s in inside and s.mentions <= times))


def unlisted_skills(app: Application, vocab: Vocabulary | None = None
                    ) -> tuple[FoundSkill, ...]:
    """The skills ``app``'s description names that its ``skills:`` does not list."""
    vocab = vocab or base_vocabulary()
    listed = {vocab.key(s) for s in app.skills}
    return tuple(s for s in app_skills(app, vocab) if s.key not in listed)


def unlisted_skill_findings(app: Application, vocab: Vocabulary | None = None
                            ) -> list[Diagnostic]:
    """One info finding when the description names skills that ``skills:`` lacks, at the
    line of the first such mention, listing them all; none for a note without a
    ``skills:`` list (someone who never writes one is not nagged). ``skills:`` stays the
    user's word: nothing is written."""
    if not any(clean_skill(s) for s in app.skills):
        return []
    missing = unlisted_skills(app, vocab)
    if not missing:
        return []
    first = missing[0]
    names = [s.name + ("" if s.required else " (nice to have)") for s in missing]
    if len(missing) == 1:
        message = f"the job description names {names[0]}, which `skills:` does not list"
        pronoun = "it"
    else:
        message = (f"the job description names {len(missing)} skills that `skills:` does not "
                   f"list: {', '.join(names)}")
        pronoun = "them"
    listed = ", ".join(_flow_item(s.name) for s in missing)
    return [info(app.rel, first.line, first.column, RULE_NOT_LISTED, message,
                 f"add {pronoun} to `skills: [{listed}]` if this application asks for "
                 f"{pronoun} (jobnotes never edits the note)")]


def _flow_item(name: str) -> str:
    """A name as an item of a YAML flow list, quoted when it would not read back."""
    plain = (re.fullmatch(r"[\w.+#/&' -]*[\w.+#/&']", name) is not None
             and not name.startswith(("&", "'", "#", "-")) and " #" not in name)
    if plain:
        return name
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def unlisted_skill_diagnostics(apps: Iterable[Application], settings: Settings,
                               kept_in: Path | None = None) -> list[Diagnostic]:
    """``unlisted_skill_findings`` for every note with a ``skills:`` list and a job
    description, with the user's vocabulary (built only when some note needs it).

    ``kept_in``: a cache folder where what each description names is kept between runs
    (see ``jobnotes.jd.skillcache``)."""
    apps = list(apps)
    store = None
    if kept_in is not None:     # made first: it tells job_description what it knows
        from jobnotes.jd.skillcache import SkillStore

        store = SkillStore(kept_in, [a for a in apps if _may_ask(a)])
    asked = [a for a in apps if _asked(a)]
    vocab = vocabulary_for(apps, settings) if asked else None
    if store is not None:
        store.complete(vocab)
    if vocab is None:
        return []
    return [d for app in asked for d in unlisted_skill_findings(app, vocab)]


def _may_ask(app: Application) -> bool:
    return bool(app.skills) and not app.is_informational


def _asked(app: Application) -> bool:
    return _may_ask(app) and job_description(app) is not None


class SkillHints:
    """``unlisted_skill_diagnostics`` kept between loads of one vault (``jobnotes serve``):
    while the vocabulary (made of every ``skills:`` list) stays the same, only the notes
    that changed are looked at again; ``by_rel`` holds the findings of each note that has
    some."""

    def __init__(self, settings: Settings, kept_in: Path | None = None) -> None:
        self.settings = settings
        # A cache folder where what each description names is kept between runs: the
        # first update takes it from there (see ``jobnotes.jd.skillcache``).
        self.kept_in = kept_in
        self.by_rel: dict[str, list[Diagnostic]] = {}
        self._skills: dict[str, list[str]] = {}   # application -> its skills: list
        self._apps: dict[str, Application] = {}
        self._vocab: Vocabulary | None = None

    def update(self, apps: list[Application],
               changed: dict[str, Application | object | None]) -> set[str]:
        """Take in ``changed`` (path -> note now, None when gone or not loaded) given every
        application now, in path order; the paths whose findings may differ."""
        first = self._vocab is None and not self._apps
        same_vocabulary = True
        for rel, note in changed.items():
            app = note if isinstance(note, Application) else None
            skills = list(app.skills) if app is not None else []
            if skills != self._skills.get(rel, []):
                same_vocabulary = False
            if skills:
                self._skills[rel] = skills
            else:
                self._skills.pop(rel, None)
            if app is not None:
                self._apps[rel] = app
            else:
                self._apps.pop(rel, None)
        stale = set(changed)
        if not same_vocabulary and self._vocab is not None:
            vocab = vocabulary_for(apps, self.settings)
            # Other names may still make the same vocabulary (names it knew already).
            if not _alike(vocab, self._vocab):
                stale |= set(self._apps) | set(self.by_rel)
            self._vocab = vocab
        if first and self.kept_in is not None:
            self._from_kept(apps, self.kept_in)
        for rel in stale:
            app = self._apps.get(rel)
            found = (unlisted_skill_findings(app, self._vocabulary(apps))
                     if app is not None and _asked(app) else [])
            if found:
                self.by_rel[rel] = found
            else:
                self.by_rel.pop(rel, None)
        return stale

    def _from_kept(self, apps: list[Application], folder: Path) -> None:
        """What earlier runs found in these descriptions, and the others read now (in two
        processes when many), as ``unlisted_skill_diagnostics`` does."""
        from jobnotes.jd.skillcache import SkillStore

        store = SkillStore(folder, [a for a in apps if _may_ask(a)])
        store.complete(self._vocabulary(apps) if any(_asked(a) for a in apps) else None)

    def _vocabulary(self, apps: list[Application]) -> Vocabulary:
        if self._vocab is None:
            self._vocab = vocabulary_for(apps, self.settings)
        return self._vocab


def _alike(one: Vocabulary, other: Vocabulary) -> bool:
    """Whether two vocabularies find and name the same skills (the same state)."""
    return one.same_as(other)
