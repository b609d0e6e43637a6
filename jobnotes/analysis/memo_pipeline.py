"""``funnel``, ``sankey`` and ``postmortem.digest`` kept across rebuilds (see
``notememo``): each is a fold of per-application parts, so a rebuild takes out the parts
of the applications that went and puts in those of the ones that came."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any, ClassVar

from jobnotes.analysis import funnel as funnel_mod
from jobnotes.analysis import postmortem
from jobnotes.analysis.notememo import Generation, Groups, NoteMemo, Ordered, adjust
from jobnotes.analysis.stages import StageReached, furthest_stage
from jobnotes.model import Application
from jobnotes.settings import Settings


class AppFold:
    """An aggregate of one part per application."""

    name: ClassVar[str]

    def __init__(self, gen: Generation, settings: Settings, today: date) -> None:
        self.gen, self.settings, self.today = gen, settings, today
        self.parts: dict[int, tuple[Application, Any]] = {}
        self.value: Any = None

    def part(self, memo: NoteMemo, app: Application) -> Any:
        raise NotImplementedError

    def put(self, part: Any, step: int) -> None:
        """Count ``part`` in (step 1) or out (step -1)."""
        raise NotImplementedError

    def result(self) -> Any:
        raise NotImplementedError

    def defer(self) -> None:
        """Before the first parts: collect, then sort once in ``settle``."""

    def settle(self) -> None:
        pass

    def give(self, memo: NoteMemo, app: Application) -> None:
        part = self.part(memo, app)
        self.parts[id(app)] = (app, part)
        self.put(part, 1)

    def take(self, app: Application) -> None:
        self.put(self.parts.pop(id(app))[1], -1)


def fold(memo: NoteMemo, gen: Generation, kind: type[AppFold], settings: Settings,
         today: date) -> Any:
    """The value of the ``kind`` fold for ``gen`` (call with ``memo.lock`` held)."""
    state: AppFold | None
    state, changes = memo.follow(kind.name, gen)
    if state is not None and changes is None:
        return state.value
    if state is not None and changes is not None:
        try:
            for app in changes.removed_apps:
                state.take(app)
            for app in changes.added_apps:
                state.give(memo, app)
        except LookupError:         # a part not where expected
            state = None
    if state is None:
        state = kind(gen, settings, today)
        state.defer()
        for app in gen.apps:
            state.give(memo, app)
        state.settle()
        memo.keep(kind.name, state)
    state.gen, state.value = gen, state.result()
    return state.value


# --- the funnel ------------------------------------------------------------------------------

class FunnelFold(AppFold):
    name = "funnel"

    def __init__(self, gen: Generation, settings: Settings, today: date) -> None:
        super().__init__(gen, settings, today)
        self.stages: Counter[StageReached] = Counter()
        self.wishlist = self.informational = 0

    def part(self, memo: NoteMemo, app: Application) -> Any:
        return (funnel_mod.funnel_stage(app, self.today), app.status == "wishlist",
                app.is_informational and app.status != "wishlist")

    def put(self, part: Any, step: int) -> None:
        stage, wishlist, informational = part
        if stage is not None:
            adjust(self.stages, stage, step)
        self.wishlist += step * wishlist
        self.informational += step * informational

    def result(self) -> funnel_mod.Funnel:
        return funnel_mod.funnel_of(self.stages, self.wishlist, self.informational)


# --- the Sankey diagram ----------------------------------------------------------------------

class SankeyFold(AppFold):
    name = "sankey"

    def __init__(self, gen: Generation, settings: Settings, today: date) -> None:
        super().__init__(gen, settings, today)
        self.flows: Counter[tuple[str, str]] = Counter()
        self.stages: Counter[str] = Counter()
        self.stage_of: dict[str, StageReached] = {}
        self.ends: Counter[tuple[str, tuple, str, str]] = Counter()
        self.total = 0

    def part(self, memo: NoteMemo, app: Application) -> Any:
        return memo.value("flow", app, lambda a: funnel_mod.flow(a, self.today, self.settings))

    def put(self, part: Any, step: int) -> None:
        if part is None:
            return
        self.total += step
        for link in part.links:
            adjust(self.flows, link, step)
        for stage in part.path:
            adjust(self.stages, stage.key, step)
            self.stage_of[stage.key] = stage
        adjust(self.ends, (part.end, part.rank, part.label, part.kind), step)

    def result(self) -> funnel_mod.Sankey:
        ends: dict[str, tuple[str, str, tuple]] = {}
        for end, rank, label, kind in self.ends:
            if end not in ends or rank < ends[end][2]:
                ends[end] = (label, kind, rank)
        stages = {key: self.stage_of[key] for key in self.stages}
        return funnel_mod.diagram(self.flows, stages, ends, self.total)


# --- the post-mortem digest ------------------------------------------------------------------

def theme_tags(app: Application) -> tuple[tuple[str, int], ...]:
    """Each ``#improve/...`` and ``#strength/...`` tag of ``app`` with the file line of its
    first mention, in order (as ``postmortem.themes`` reads them)."""
    first: dict[str, int] = {}
    for tag, line in postmortem.find_tags(app.body):
        kind, _, name = tag.partition("/")
        if kind in ("improve", "strength") and name and tag not in first:
            first[tag] = app.body_line + line - 1
    return tuple(first.items())


def post_mortem(memo: NoteMemo, app: Application, today: date) -> postmortem.PostMortem:
    return memo.value("post-mortem", app, lambda a: postmortem.post_mortem(a, today))


def _closed_key(review: postmortem.PostMortem) -> tuple[int, str]:
    """Most recent first, then by path (as ``digest`` sorts them)."""
    return (-(review.date or date.min).toordinal(), review.rel)


class DigestFold(AppFold):
    name = "digest"

    def __init__(self, gen: Generation, settings: Settings, today: date) -> None:
        super().__init__(gen, settings, today)
        self.rejections: Counter[StageReached] = Counter()
        self.closed: Ordered[postmortem.PostMortem] = Ordered()
        self.actions: Ordered[postmortem.ActionItem] = Ordered()
        self.cited: Groups[postmortem.Citation] = Groups()
        self.themes: dict[str, postmortem.Theme] = {}

    def part(self, memo: NoteMemo, app: Application) -> Any:
        rejected = furthest_stage(app, self.today) if postmortem.is_rejection(app) else None
        review = post_mortem(memo, app, self.today) if postmortem.is_rejection(app) else None
        actions = memo.value("action-items", app, lambda a: tuple(postmortem.action_items(a)))
        cited = tuple((tag, postmortem.Citation(app.rel, app.slug, app.title, line))
                      for tag, line in memo.value("theme-tags", app, theme_tags))
        return rejected, review, actions, cited

    def put(self, part: Any, step: int) -> None:
        rejected, review, actions, cited = part
        if rejected is not None:
            adjust(self.rejections, rejected, step)
        changes: list[tuple[Any, Any, Any]] = []
        if review is not None:
            changes.append((self.closed, _closed_key(review), review))
        changes += [(self.actions, (a.rel, n), a) for n, a in enumerate(actions)]
        for where, key, item in changes:
            if step > 0:
                where.add(key, item)
            else:
                where.discard(key, item)
        for tag, citation in cited:
            if step > 0:
                self.cited.add(tag, citation.rel, citation)
            else:
                self.cited.discard(tag, citation.rel, citation)

    def defer(self) -> None:
        for where in (self.closed, self.actions, self.cited):
            where.defer()

    def settle(self) -> None:
        for where in (self.closed, self.actions, self.cited):
            where.settle()

    def result(self) -> postmortem.PostMortemDigest:
        for tag in self.cited.take_touched():
            citations = self.cited.items(tag)
            if citations:
                kind, _, name = tag.partition("/")
                self.themes[tag] = postmortem.Theme(tag, kind, name, tuple(citations))
            else:
                self.themes.pop(tag, None)
        themes = sorted(self.themes.values(),
                        key=lambda t: (-t.count, t.kind != "improve", t.tag))
        return postmortem.PostMortemDigest(
            rejections=sum(self.rejections.values()),
            by_stage=tuple(postmortem.StageCount(s.key, s.label, n)
                           for s, n in sorted(self.rejections.items())),
            themes=tuple(themes),
            actions=tuple(self.actions.items),
            completeness=tuple(self.closed.items),
        )
