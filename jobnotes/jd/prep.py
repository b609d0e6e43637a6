"""Interview prep: for an application with an interview coming up, the skills of its
description you have (prepare a story for each), the gaps (prepare an honest answer),
and the ``#improve/...`` themes of your earlier post-mortems, most frequent first.

"Earlier" means notes rejected before today: what you learned from them applies to the
next interview.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from jobnotes.analysis.postmortem import theme_label, themes
from jobnotes.jd.match import JobSkill, Match, match_application
from jobnotes.jd.vocabulary import Vocabulary, vocabulary_for
from jobnotes.model import Application
from jobnotes.settings import Settings

UPCOMING_DAYS = 7   # the agenda lists interviews this many days ahead
# Statuses in which an interview can still happen (as the agenda's interview reminders).
OPEN_STATUSES = ("wishlist", "applied", "screening", "interviewing", "offer")


@dataclass(frozen=True, slots=True)
class ThemeNote:
    """One earlier note citing a theme, at the line of its first mention."""

    rel: str
    slug: str
    title: str
    line: int
    rejected: date


@dataclass(frozen=True, slots=True)
class PrepTheme:
    """An ``#improve/...`` theme and the earlier notes that cite it."""

    tag: str                       # "improve/behavioral-answers"
    name: str                      # "behavioral-answers"
    label: str                     # "behavioral answers"
    notes: tuple[ThemeNote, ...]   # most recent rejection first

    @property
    def count(self) -> int:
        return len(self.notes)

    def as_dict(self) -> dict[str, Any]:
        return {
            "tag": self.tag, "label": self.label, "count": self.count,
            "notes": [{"rel": n.rel, "slug": n.slug, "title": n.title, "line": n.line,
                       "rejected": n.rejected.isoformat()} for n in self.notes],
        }


@dataclass(frozen=True, slots=True)
class PrepPanel:
    """What to prepare for an application's next interview."""

    rel: str
    slug: str
    title: str
    interview: date                  # the next interview date (today or later)
    round: int                       # its number among the note's interview dates
    days: int                        # days until it (0: today)
    match: Match
    stories: tuple[JobSkill, ...]    # skills you have: prepare a story for each
    gaps: tuple[JobSkill, ...]       # skills you lack or are learning: prepare an answer
    themes: tuple[PrepTheme, ...]    # from earlier post-mortems, most frequent first

    def as_dict(self) -> dict[str, Any]:
        return {
            "rel": self.rel, "slug": self.slug, "title": self.title,
            "interview": self.interview.isoformat(), "round": self.round, "days": self.days,
            "percent": self.match.percent,
            "stories": [s.as_dict() for s in self.stories],
            "gaps": [s.as_dict() for s in self.gaps],
            "themes": [t.as_dict() for t in self.themes],
        }


def next_interview(app: Application, today: date) -> tuple[date, int] | None:
    """The first interview on or after ``today`` and its round number, or None."""
    for number, day in enumerate(sorted(app.interviews), start=1):
        if day >= today:
            return day, number
    return None


def earlier_improve_themes(apps: Iterable[Application], today: date,
                           exclude: str | None = None) -> tuple[PrepTheme, ...]:
    """``#improve/...`` themes of notes rejected before ``today`` (``exclude``: a rel to
    leave out), most cited first, then most recently cited."""
    earlier = {a.rel: a for a in apps
               if a.rejected is not None and a.rejected < today and a.rel != exclude}
    found = []
    for theme in themes(list(earlier.values())):
        if theme.kind != "improve":
            continue
        notes = [ThemeNote(c.rel, c.slug, c.title, c.line, earlier[c.rel].rejected or today)
                 for c in theme.citations]
        notes.sort(key=lambda n: (n.rejected, n.rel), reverse=True)
        found.append(PrepTheme(theme.tag, theme.name, theme_label(theme.name), tuple(notes)))
    found.sort(key=lambda t: (-t.count, -t.notes[0].rejected.toordinal(), t.tag))
    return tuple(found)


def panel_for(app: Application, match: Match, today: date,
              earlier: tuple[PrepTheme, ...], *, cited: bool = True) -> PrepPanel | None:
    """The prep panel of ``app`` from its match and ``earlier_improve_themes``; None
    without an interview coming up (or once the application is closed).

    ``cited=False`` when ``app`` itself cites none of the ``earlier`` themes: they are
    then its themes as they are.
    """
    upcoming = next_interview(app, today)
    if upcoming is None or app.is_informational or app.status not in OPEN_STATUSES:
        return None
    day, number = upcoming
    return PrepPanel(
        rel=app.rel, slug=app.slug, title=app.title, interview=day, round=number,
        days=(day - today).days, match=match, stories=match.have, gaps=match.gaps,
        themes=_without(earlier, app.rel) if cited else earlier,
    )


def _without(earlier: tuple[PrepTheme, ...], rel: str) -> tuple[PrepTheme, ...]:
    kept = []
    for theme in earlier:
        notes = tuple(n for n in theme.notes if n.rel != rel)
        if notes:
            kept.append(PrepTheme(theme.tag, theme.name, theme.label, notes))
    kept.sort(key=lambda t: (-t.count, -t.notes[0].rejected.toordinal(), t.tag))
    return tuple(kept)


def prep_panel(app: Application, apps: Iterable[Application], settings: Settings,
               today: date, vocab: Vocabulary | None = None) -> PrepPanel | None:
    """The prep panel of ``app``, or None when no interview is coming up."""
    apps = list(apps)
    if next_interview(app, today) is None:
        return None
    vocab = vocab or vocabulary_for(apps, settings)
    match = match_application(app, vocab, settings)
    return panel_for(app, match, today, earlier_improve_themes(apps, today))


def upcoming_prep(apps: Iterable[Application], settings: Settings, today: date,
                  days: int = UPCOMING_DAYS, vocab: Vocabulary | None = None
                  ) -> list[PrepPanel]:
    """Prep panels of every interview from today to ``days`` days ahead, soonest first."""
    apps = list(apps)
    until = today + timedelta(days=days)
    due = [a for a in apps if (n := next_interview(a, today)) is not None and n[0] <= until]
    if not due:
        return []
    vocab = vocab or vocabulary_for(apps, settings)
    earlier = earlier_improve_themes(apps, today)
    panels = [panel_for(a, match_application(a, vocab, settings), today, earlier)
              for a in due]
    found = [p for p in panels if p is not None]
    found.sort(key=lambda p: (p.interview, p.title.casefold(), p.rel))
    return found
