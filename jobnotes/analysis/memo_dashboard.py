"""The dashboard's wins, activity and post-mortem line kept across rebuilds (see
``notememo``): each is a fold of per-application parts (``memo_pipeline.fold``), so after
a save only the applications that changed are read again."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from jobnotes.analysis import resilience, scorecard, timing
from jobnotes.analysis.memo_pipeline import AppFold, post_mortem
from jobnotes.analysis.notememo import Generation, NoteMemo, adjust
from jobnotes.model import Application
from jobnotes.settings import Settings


class WinsFold(AppFold):
    """The wins of every application since ``resilience.wins_since`` the last
    ``resilience.WIN_DAYS`` days (``resilience.app_wins``), in no particular order."""

    name = "wins"

    def __init__(self, gen: Generation, settings: Settings, today: date) -> None:
        super().__init__(gen, settings, today)
        self.since = resilience.wins_since(today, resilience.WIN_DAYS)
        self.found: dict[int, tuple[resilience.Win, ...]] = {}   # id(part) -> part

    def part(self, memo: NoteMemo, app: Application) -> Any:
        return tuple(w for w in resilience.app_wins(app, self.today) if w.date >= self.since)

    def put(self, part: Any, step: int) -> None:
        if not part:
            return
        if step > 0:
            self.found[id(part)] = part
        else:
            del self.found[id(part)]

    def result(self) -> list[resilience.Win]:
        return [win for part in self.found.values() for win in part]


class ActivityFold(AppFold):
    """What ``timing.activity_events`` counts of every application: the number of each
    kind of event on each day, and the day of the latest."""

    name = "activity"

    def __init__(self, gen: Generation, settings: Settings, today: date) -> None:
        super().__init__(gen, settings, today)
        self.counts: dict[str, Counter[date]] = {k: Counter() for k in timing.ACTIVITY_KINDS}
        self.days: Counter[date] = Counter()

    def part(self, memo: NoteMemo, app: Application) -> Any:
        return timing.app_activity(app, self.today)

    def put(self, part: Any, step: int) -> None:
        for kind, day in part:
            adjust(self.counts[kind], day, step)
            adjust(self.days, day, step)

    def result(self) -> timing.Tally:
        return self.counts, max(self.days, default=None)


class PostMortemLineFold(AppFold):
    """The counts of the scorecard's post-mortem line (``scorecard.post_mortem_part``)."""

    name = "post-mortem-line"

    def __init__(self, gen: Generation, settings: Settings, today: date) -> None:
        super().__init__(gen, settings, today)
        self.sums = [0, 0, 0, 0]

    def part(self, memo: NoteMemo, app: Application) -> Any:
        return scorecard.post_mortem_part(
            app, self.settings, self.today, lambda a: post_mortem(memo, a, self.today))

    def put(self, part: Any, step: int) -> None:
        for n, value in enumerate(part):
            self.sums[n] += step * value

    def result(self) -> tuple[int, int, int, int]:
        rejections, due, written, started = self.sums
        return rejections, due, written, started
