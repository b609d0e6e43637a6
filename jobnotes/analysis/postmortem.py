"""Post-mortems: which stage sub-sections are written, and the themes and action items
across every note.

A post-mortem is the ``## Post-mortem`` section of an application note, with one ``###``
sub-section per stage (``Job description match``, ``Resume and cover letter``,
``Screening``, ``Interviews``, ``Follow-up``) and then ``What went well``, ``What to
improve`` and ``Action plan``. Only the stages the application actually reached are
expected: nobody should be asked to review an interview that never happened. The
follow-up is the user's own part after whatever stage was reached last (a thank-you after
a conversation, a nudge after silence, or the choice not to), so it is expected whenever
there was a moment for one: a follow-up sent, a screening or interview held, or a week
of silence before the outcome. A "no" within days of applying left none.

A post-mortem is asked for every rejection, and only for rejections: withdrawing is the
user's own choice, not a "no" to learn from. A post-mortem written for a withdrawn
application still adds its themes and action items to the digest.

The agenda stops asking for one ``POST_MORTEM_LIMIT_DAYS`` after it fell due
(``post_mortem_too_late``): still worth writing weeks later, it is old news after months.
The post-mortems page and the scorecard keep counting it as not written.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from markdown_it import MarkdownIt

from jobnotes.analysis.network import is_too_late
from jobnotes.analysis.stages import StageReached, furthest_stage, past_interviews
from jobnotes.markdown import Section, split_sections, tasks
from jobnotes.markdown_scan import TAG_RE, scan_blocks
from jobnotes.model import Application
from jobnotes.settings_defaults import Windows

JOB_DESCRIPTION = "Job description match"
RESUME = "Resume and cover letter"
SCREENING = "Screening"
INTERVIEWS = "Interviews"
FOLLOW_UP = "Follow-up"
WENT_WELL = "What went well"
TO_IMPROVE = "What to improve"
ACTION_PLAN = "Action plan"
SUBSECTIONS: tuple[str, ...] = (
    JOB_DESCRIPTION, RESUME, SCREENING, INTERVIEWS, FOLLOW_UP, WENT_WELL, TO_IMPROVE, ACTION_PLAN,
)

# Days after it fell due that the agenda, the dashboard and the calendar still ask for a
# post-mortem: longer than the ``network.LATE_LIMIT_DAYS`` of a thank-you or a feedback
# request, as a review is still useful weeks later.
POST_MORTEM_LIMIT_DAYS = 90

_POSTMORTEM_TITLES = {"post-mortem", "postmortem", "post mortem"}
# Heading spellings people use for the same sub-section (after _normalize).
_ALIASES = {
    "job description match": JOB_DESCRIPTION, "job description": JOB_DESCRIPTION,
    "jd match": JOB_DESCRIPTION, "job match": JOB_DESCRIPTION,
    "resume and cover letter": RESUME, "resume": RESUME, "cv and cover letter": RESUME,
    "cv": RESUME, "cover letter": RESUME, "resume cover letter": RESUME,
    "screening": SCREENING, "screening call": SCREENING, "phone screen": SCREENING,
    "interviews": INTERVIEWS, "interview": INTERVIEWS,
    "follow-up": FOLLOW_UP, "follow up": FOLLOW_UP, "followup": FOLLOW_UP,
    "what went well": WENT_WELL, "went well": WENT_WELL, "strengths": WENT_WELL,
    "what to improve": TO_IMPROVE, "to improve": TO_IMPROVE, "improvements": TO_IMPROVE,
    "action plan": ACTION_PLAN, "actions": ACTION_PLAN, "next steps": ACTION_PLAN,
}

_COMMENT_RE = re.compile(r"<!--.*?-->", re.DOTALL)
# A line with no content of its own: blank, a bare list marker, an empty task box, a rule.
_EMPTY_LINE_RE = re.compile(r"\s*(?:(?:[-*+]|\d+[.)])\s*)?(?:\[[^\[\]\\\n]?\]\s*)?"
                            r"(?:[-*_]{3,})?\s*")


@dataclass(frozen=True, slots=True)
class PostMortem:
    """How complete one application's post-mortem is."""

    rel: str
    slug: str
    title: str
    outcome: str                  # "rejected" (or "withdrawn", asked of ``post_mortem``)
    date: date | None             # the rejected / withdrawn date
    stage: StageReached           # the furthest stage reached
    expected: tuple[str, ...]     # sub-sections the stages reached call for, in order
    written: tuple[str, ...]      # sub-sections with content, in order (may hold extras)
    missing: tuple[str, ...]      # expected but not written
    has_action_plan: bool         # an Action plan with at least one task
    open_actions: int
    done_actions: int
    line: int                     # file line of the "## Post-mortem" heading, 0 if none

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def started(self) -> bool:
        return bool(self.written)


@dataclass(frozen=True, slots=True)
class Citation:
    """One note citing a theme, at the line of its first mention."""

    rel: str
    slug: str
    title: str
    line: int


@dataclass(frozen=True, slots=True)
class Theme:
    """An ``#improve/...`` or ``#strength/...`` tag and the notes citing it."""

    tag: str                      # "improve/behavioral-answers" (lower case)
    kind: str                     # "improve" or "strength"
    name: str                     # "behavioral-answers"
    citations: tuple[Citation, ...]

    @property
    def count(self) -> int:
        """How many notes cite it (a note mentioning it twice counts once)."""
        return len(self.citations)

    @property
    def label(self) -> str:
        """"behavioral answers", "sql / window functions"."""
        return theme_label(self.name)


@dataclass(frozen=True, slots=True)
class ActionItem:
    """One task of an ``### Action plan``."""

    rel: str
    slug: str
    title: str
    text: str
    done: bool
    line: int                     # file line


@dataclass(frozen=True, slots=True)
class StageCount:
    key: str                      # StageReached.key: "applied", "response", "interview-2"
    label: str                    # StageReached.label: "Applied", "Interview 2"
    count: int


@dataclass(frozen=True, slots=True)
class PostMortemDigest:
    rejections: int
    by_stage: tuple[StageCount, ...]       # where rejections happen, in pipeline order
    themes: tuple[Theme, ...]              # most cited first
    actions: tuple[ActionItem, ...]        # note order, then line
    completeness: tuple[PostMortem, ...]   # one per rejection, most recent first

    @property
    def improve(self) -> tuple[Theme, ...]:
        return tuple(t for t in self.themes if t.kind == "improve")

    @property
    def strengths(self) -> tuple[Theme, ...]:
        return tuple(t for t in self.themes if t.kind == "strength")

    @property
    def open_actions(self) -> tuple[ActionItem, ...]:
        return tuple(a for a in self.actions if not a.done)


# --- parsing -----------------------------------------------------------------------------

@functools.lru_cache(maxsize=1 << 14)     # a vault repeats a few dozen headings
def _normalize(title: str) -> str:
    text = title.casefold().replace("&", " and ")
    text = re.sub(r"[^\w\s/-]", " ", text)
    return " ".join(text.split())


def subsection_name(title: str) -> str | None:
    """The canonical sub-section a ``###`` heading stands for, or None.

    "Resume & cover letter" -> "Resume and cover letter"; "Interview 2" -> "Interviews".
    """
    key = _normalize(title)
    if key in _ALIASES:
        return _ALIASES[key]
    if key.startswith("interview ") or key.startswith("interviews "):
        return INTERVIEWS
    return None


def is_postmortem_heading(title: str) -> bool:
    return _normalize(title) in _POSTMORTEM_TITLES


@functools.lru_cache(maxsize=1 << 18)     # per section text, asked by several figures
def has_content(text: str) -> bool:
    """True when ``text`` holds more than blank lines, comments and empty list items."""
    text = _COMMENT_RE.sub("", text)
    return any(not _EMPTY_LINE_RE.fullmatch(line) for line in text.splitlines())


def postmortem_sections(body: str) -> tuple[Section | None, list[tuple[str | None, Section]]]:
    """The ``## Post-mortem`` section (the first one) and every ``###`` under any of them,
    each with its canonical name (None for a heading this module does not know)."""
    head, subs = _postmortem_sections(body)
    return head, list(subs)


@functools.lru_cache(maxsize=1 << 18)     # per body: every figure about a note asks again
def _postmortem_sections(body: str) -> tuple[Section | None,
                                             tuple[tuple[str | None, Section], ...]]:
    head: Section | None = None
    subs: list[tuple[str | None, Section]] = []
    if "mortem" not in body.casefold():
        # Every post-mortem title holds "mortem" (see _POSTMORTEM_TITLES), and most notes
        # have none: the dashboard asks about every application in the vault.
        return head, ()
    inside = False
    for section in split_sections(body):
        if section.level == 2:
            inside = is_postmortem_heading(section.title)
            if inside and head is None:
                head = section
        elif inside:
            subs.append((subsection_name(section.title), section))
    return head, tuple(subs)


def expected_subsections(app: Application, today: date) -> tuple[str, ...]:
    """The sub-sections a post-mortem of ``app`` should have, from the stages it reached:
    the screening and the interviews when they happened, the follow-up when there was a
    moment for one, every other one always."""
    expected = [JOB_DESCRIPTION, RESUME]
    if app.screening is not None and app.screening <= today:
        expected.append(SCREENING)
    if past_interviews(app, today):
        expected.append(INTERVIEWS)
    if _had_follow_up_moment(app, today):
        expected.append(FOLLOW_UP)
    expected += [WENT_WELL, TO_IMPROVE, ACTION_PLAN]
    return tuple(expected)


# Silence this long after applying is a moment to follow up: the default follow-up window.
FOLLOW_UP_MOMENT_DAYS = Windows().follow_up_days


def _had_follow_up_moment(app: Application, today: date) -> bool:
    """Whether there was a moment to follow up before ``app`` ended (see the module)."""
    if app.followed_up or past_interviews(app, today) or (
            app.screening is not None and app.screening <= today):
        return True
    ended = app.rejected or app.withdrawn
    if app.applied is None or ended is None:
        return True             # nothing tells: ask, as before
    return (ended - app.applied).days >= FOLLOW_UP_MOMENT_DAYS


def action_items(app: Application) -> list[ActionItem]:
    """Every non-empty task of every ``### Action plan`` in the note's post-mortem, but
    cancelled ones (``- [-]``): those are neither open nor done. Any other state Obsidian
    knows (``- [/]`` in progress, ``- [>]`` forwarded...) is open until checked."""
    title = app.title
    return [ActionItem(app.rel, app.slug, title, text, done, app.body_line + offset)
            for text, done, offset in _action_tasks(app.body)]


@functools.lru_cache(maxsize=1 << 18)
def _action_tasks(body: str) -> tuple[tuple[str, bool, int], ...]:
    """(text, done, line offset from the body's first line) of every action-plan task."""
    _, subs = _postmortem_sections(body)
    found = []
    for name, section in subs:
        if name != ACTION_PLAN:
            continue
        for task in tasks(section.text):
            if task.text.strip() and not task.cancelled:
                # section.line is the heading's body line; its text starts on the next line.
                found.append((task.text, task.done, section.line + task.line - 1))
    return tuple(found)


_MD: MarkdownIt | None = None


def _parser() -> MarkdownIt:
    global _MD
    if _MD is None:
        _MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    return _MD


def find_tags(text: str) -> list[tuple[str, int]]:
    """Every inline tag in ``text`` as (lower-case tag without "#", 1-based line).

    Tags inside code spans, fenced or indented code and HTML are not tags.
    """
    return list(_find_tags(text))


@functools.lru_cache(maxsize=1 << 18)
def _find_tags(text: str) -> tuple[tuple[str, int], ...]:
    blocks = scan_blocks(text)
    if blocks is not None and blocks.tags is not None:
        return blocks.tags
    return _parsed_tags(text)


def _parsed_tags(text: str) -> tuple[tuple[str, int], ...]:
    found: list[tuple[str, int]] = []

    def scan(parts: list[str], line: int) -> None:
        for match in TAG_RE.finditer("".join(parts)):
            tag = match.group(1).rstrip("/").casefold()
            if tag:
                found.append((tag, line + 1))

    last_line = 0
    for token in _parser().parse(text):
        if token.type != "inline":
            continue
        line = token.map[0] if token.map is not None else last_line
        parts: list[str] = []
        for child in token.children or []:
            if child.type in ("softbreak", "hardbreak"):
                scan(parts, line)
                parts, line = [], line + 1
            elif child.type == "text":
                parts.append(child.content)
            else:
                parts.append(" ")      # code spans, HTML, link markers: never part of a tag
        scan(parts, line)
        last_line = line
    return tuple(found)


def theme_label(name: str) -> str:
    return name.replace("-", " ").replace("_", " ").replace("/", " / ")


def app_themes(app: Application, kind: str = "improve") -> list[str]:
    """The ``#<kind>/...`` theme names of one note, in order of first mention."""
    prefix = kind + "/"
    names: list[str] = []
    for tag, _ in find_tags(app.body):
        name = tag[len(prefix):] if tag.startswith(prefix) else ""
        if name and name not in names:
            names.append(name)
    return names


# --- per application ---------------------------------------------------------------------

def is_rejection(app: Application) -> bool:
    """Rejected: the applications a post-mortem is asked for (see the module's doc)."""
    return not app.is_informational and (app.rejected is not None or app.status == "rejected")


def post_mortem_too_late(due: date, today: date) -> bool:
    """Whether a post-mortem due on ``due`` is more than ``POST_MORTEM_LIMIT_DAYS`` late by
    ``today``: reminders then drop it (the post-mortems page still lists it as missing)."""
    return is_too_late(due, today, POST_MORTEM_LIMIT_DAYS)


def post_mortem(app: Application, today: date) -> PostMortem:
    """The completeness of ``app``'s post-mortem against the stages it reached."""
    head, subs = _postmortem_sections(app.body)
    written_names = {name for name, section in subs if name and has_content(section.text)}
    expected = expected_subsections(app, today)
    written = tuple(name for name in SUBSECTIONS if name in written_names)
    missing = tuple(name for name in expected if name not in written_names)
    actions = action_items(app)
    rejected = app.rejected is not None or app.status == "rejected"
    return PostMortem(
        rel=app.rel, slug=app.slug, title=app.title,
        outcome="rejected" if rejected else "withdrawn",
        date=app.rejected if rejected else app.withdrawn,
        stage=furthest_stage(app, today),
        expected=expected, written=written, missing=missing,
        has_action_plan=bool(actions),
        open_actions=sum(not a.done for a in actions),
        done_actions=sum(a.done for a in actions),
        line=app.body_line + head.line - 1 if head is not None else 0,
    )


# --- across notes ------------------------------------------------------------------------

def _may_cite_theme(body: str) -> bool:
    """False when ``body`` cannot hold an ``#improve/`` or ``#strength/`` tag: neither
    word in it, nor an "&" (an entity such as ``&#105;`` could spell one). The post-mortem
    page asks of every application, and most never cite one."""
    if "&" in body:
        return True
    folded = body.casefold()
    return "improve" in folded or "strength" in folded


def themes(apps: list[Application]) -> tuple[Theme, ...]:
    """Every ``#improve/...`` and ``#strength/...`` tag, most cited first."""
    cited: dict[str, dict[str, Citation]] = defaultdict(dict)
    for app in sorted(apps, key=lambda a: a.rel):
        if not _may_cite_theme(app.body):
            continue
        for tag, line in find_tags(app.body):
            kind, _, name = tag.partition("/")
            if kind not in ("improve", "strength") or not name:
                continue
            if app.rel not in cited[tag]:
                cited[tag][app.rel] = Citation(app.rel, app.slug, app.title,
                                               app.body_line + line - 1)
    found = [
        Theme(tag, tag.partition("/")[0], tag.partition("/")[2], tuple(by_note.values()))
        for tag, by_note in cited.items()
    ]
    found.sort(key=lambda t: (-t.count, t.kind != "improve", t.tag))
    return tuple(found)


def digest(apps: list[Application], today: date) -> PostMortemDigest:
    """Everything the post-mortem page shows, from every application note."""
    rejections = [a for a in apps if is_rejection(a)]
    stages: dict[StageReached, int] = defaultdict(int)
    for app in rejections:
        stages[furthest_stage(app, today)] += 1
    by_stage = tuple(StageCount(s.key, s.label, n) for s, n in sorted(stages.items()))
    closed = [post_mortem(a, today) for a in rejections]
    closed.sort(key=lambda p: p.rel)
    closed.sort(key=lambda p: p.date or date.min, reverse=True)
    actions = [item for app in sorted(apps, key=lambda a: a.rel) for item in action_items(app)]
    return PostMortemDigest(
        rejections=len(rejections),
        by_stage=by_stage,
        themes=themes(apps),
        actions=tuple(actions),
        completeness=tuple(closed),
    )

