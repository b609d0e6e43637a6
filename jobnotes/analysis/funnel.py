"""The application funnel (counts per stage reached) and the pipeline as a Sankey diagram.

Both count real applications only: wishlist entries and informational interviews are
their own track and are left out (see ``stages.is_pipeline``), as are notes with no
stage date at all. Stages come from the dates, so a rejection never erases the
interviews that came before it.

The funnel's "Response" step counts every application the company answered
(``stages.answered``: a rejection counts), as the response rate everywhere does. The
Sankey diagram draws the stages reached, so its second column is "Screening": an
application rejected without one ends as "Rejected after applying".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from jobnotes.analysis.stages import (
    Exit,
    Stage,
    StageReached,
    answered,
    exit_of,
    furthest_stage,
    is_pipeline,
)
from jobnotes.model import Application
from jobnotes.settings import Settings

# Fewer notes than this say more about chance than about the search: below it, the pages
# give counts ("1 of 2 answered") instead of a percentage, a median or a "most" headline.
MIN_SAMPLE = 5


def enough(n: int) -> bool:
    """Whether ``n`` notes are enough for a percentage, median or "most" headline."""
    return n >= MIN_SAMPLE


def ratio(part: int, whole: int) -> float | None:
    """``part / whole`` as a fraction, or None when ``whole`` is 0."""
    return part / whole if whole else None


@dataclass(frozen=True, slots=True)
class FunnelStep:
    """One row of the funnel."""

    key: str                  # "applied", "responded", "interviewed", "interview_2", ...
    label: str                # "Applied", "Response", "Interview", "Interview 2+", ...
                              # ("Response": any answer, a rejection included)
    count: int                # applications that reached this step
    rate: float | None        # share (0..1) of the previous step's applications that also
                              # reached this one; None for the first step or an empty one
    overall: float | None     # count / applied (0..1); None when nothing was applied


@dataclass(frozen=True, slots=True)
class Funnel:
    """Applications per stage reached, with conversion between consecutive stages."""

    steps: tuple[FunnelStep, ...]
    wishlist: int             # wishlist entries left out of the funnel
    informational: int        # informational interviews left out of the funnel

    def step(self, key: str) -> FunnelStep:
        for step in self.steps:
            if step.key == key:
                return step
        raise KeyError(key)

    def count(self, key: str) -> int:
        return self.step(key).count

    def rate(self, key: str) -> float | None:
        return self.step(key).rate


@dataclass(frozen=True, order=True, slots=True)
class FunnelPoint:
    """Where one application counts in the funnel: the furthest stage its dates show, and
    whether the company answered it at all (``stages.answered``: a rejection counts)."""

    stage: StageReached
    answered: bool


# (key, label, test) in pipeline order. Interview steps count the rounds actually held:
# an offer after one interview counts for "Interview" but not for "Interview 3+".
FUNNEL_STEPS: tuple[tuple[str, str, Callable[[FunnelPoint], bool]], ...] = (
    ("applied", "Applied", lambda p: p.stage.stage >= Stage.APPLIED),
    ("responded", "Response", lambda p: p.answered),
    ("interviewed", "Interview", lambda p: p.stage.interviews >= 1),
    ("interview_2", "Interview 2+", lambda p: p.stage.interviews >= 2),
    ("interview_3", "Interview 3+", lambda p: p.stage.interviews >= 3),
    ("offer", "Offer", lambda p: p.stage.stage >= Stage.OFFER),
    ("accepted", "Accepted", lambda p: p.stage.stage >= Stage.ACCEPTED),
)


def stage_counts(points: Iterable[FunnelPoint]) -> dict[str, int]:
    """How many of ``points`` reached each funnel step, by step key."""
    points = list(points)
    return {key: sum(test(p) for p in points) for key, _label, test in FUNNEL_STEPS}


def funnel(apps: Iterable[Application], today: date, settings: Settings) -> Funnel:
    """Counts per stage reached and the conversion rate from each stage to the next.

    The stages come from the dates (``stages.furthest_stage``), the "Response" step from
    ``stages.answered``. Wishlist entries and informational interviews are not
    applications: they are only counted in ``Funnel.wishlist`` / ``Funnel.informational``.
    """
    apps = list(apps)
    stages = Counter(s for s in (funnel_stage(a, today) for a in apps) if s is not None)
    return funnel_of(
        stages,
        wishlist=sum(a.status == "wishlist" for a in apps),
        informational=sum(a.is_informational and a.status != "wishlist" for a in apps),
    )


def funnel_stage(app: Application, today: date) -> FunnelPoint | None:
    """Where ``app`` counts in the funnel; None when it is not counted."""
    if not is_pipeline(app):
        return None
    stage = furthest_stage(app, today)
    if stage.stage < Stage.APPLIED:
        return None
    return FunnelPoint(stage, answered(app, today))


def funnel_of(stages: Mapping[FunnelPoint, int], wishlist: int,
              informational: int) -> Funnel:
    """The funnel of applications at ``stages`` (``funnel_stage`` point: how many)."""
    applied = sum(stages.values())
    steps: list[FunnelStep] = []
    previous: Callable[[FunnelPoint], bool] | None = None
    for key, label, test in FUNNEL_STEPS:
        count = sum(n for s, n in stages.items() if test(s))
        rate = None
        if previous is not None:
            before = [(s, n) for s, n in stages.items() if previous(s)]
            rate = ratio(sum(n for s, n in before if test(s)), sum(n for _, n in before))
        steps.append(FunnelStep(key, label, count, rate, ratio(count, applied)))
        previous = test
    return Funnel(steps=tuple(steps), wishlist=wishlist, informational=informational)


# ---------------------------------------------------------------------------- Sankey


@dataclass(frozen=True, slots=True)
class SankeyNode:
    """A box in the diagram."""

    id: str           # stable id: "applied", "interview-2", "rejected@interview-2", ...
    label: str        # "Interview 2", "Rejected after interview 2", "Deciding", ...
    value: int        # applications passing through (or ending) here
    kind: str         # "stage" (a step on the way), "active" (still open) or "exit" (closed)
    column: int       # left-to-right position, 0 for "Applied"


@dataclass(frozen=True, slots=True)
class SankeyLink:
    """A flow of ``value`` applications from one node to the next."""

    source: str       # node id
    target: str       # node id
    value: int


@dataclass(frozen=True, slots=True)
class Sankey:
    """The pipeline as flows: every application runs from "Applied" to exactly one end.

    Each intermediate node's in-flow equals its out-flow; end nodes ("No response",
    "Rejected after interview 2", "Active after screening", "Deciding", ...) only
    receive. Only nodes with a value above 0 are listed.
    """

    nodes: tuple[SankeyNode, ...]
    links: tuple[SankeyLink, ...]
    total: int        # applications in the diagram


def _path(stage: StageReached) -> list[StageReached]:
    """The stages an application passed through, "Applied" first."""
    path = [StageReached(Stage.APPLIED)]
    if stage.stage >= Stage.RESPONSE:
        path.append(StageReached(Stage.RESPONSE))
    rounds = stage.interviews if stage.stage >= Stage.INTERVIEW else 0
    path.extend(StageReached(Stage.INTERVIEW, n) for n in range(1, rounds + 1))
    if stage.stage >= Stage.OFFER:
        path.append(StageReached(Stage.OFFER))
    return path


_EXIT_WORDS = {
    "rejected": "Rejected", "withdrawn": "Withdrawn", "ghosted-after-response": "Ghosted",
}


def _end(ex: Exit, last: StageReached) -> tuple[str, str, str]:
    """(id, label, kind) of the node where an application's flow ends."""
    if ex.kind == "accepted":
        return "accepted", "Accepted", "exit"
    if ex.kind == "declined":
        return "declined", "Declined", "exit"
    if ex.kind == "no-response":
        return "no-response", "No response", "exit"
    if ex.kind == "active":
        if last.stage is Stage.OFFER:
            return "deciding", "Deciding", "active"
        if last.stage is Stage.APPLIED:
            return "active@applied", "Awaiting a response", "active"
        return f"active@{last.key}", f"Active {last.after}", "active"
    return f"{ex.kind}@{last.key}", f"{_EXIT_WORDS[ex.kind]} {last.after}", "exit"


_KIND_ORDER = {"stage": 0, "active": 1, "exit": 2}


def _stage_column(stage: StageReached, deepest: int) -> int:
    """Applied 0, Response 1, Interview n at 1 + n, Offer after the deepest interview."""
    if stage.stage is Stage.INTERVIEW:
        return 1 + stage.interviews
    if stage.stage is Stage.OFFER:
        return 2 + deepest
    return int(stage.stage) - 1


@dataclass(frozen=True, slots=True)
class Flow:
    """One application's way through the diagram."""

    path: tuple[StageReached, ...]     # the stages passed, "Applied" first
    end: str                           # the id of the node it ends in
    label: str                         # that node's label
    kind: str                          # and kind
    rank: tuple                        # where that node sorts
    links: tuple[tuple[str, str], ...]  # (source, target) of each step


def flow(app: Application, today: date, settings: Settings) -> Flow | None:
    """How ``app`` runs through the Sankey diagram; None when it is not in it."""
    if not is_pipeline(app):
        return None
    ex = exit_of(app, today, settings)
    if ex.stage.stage is Stage.NONE:
        return None
    path = _path(ex.stage)
    end_id, end_label, end_kind = _end(ex, path[-1])
    ids = [s.key for s in path] + [end_id]
    return Flow(tuple(path), end_id, end_label, end_kind,
                (path[-1], 1 + _KIND_ORDER[end_kind], end_id),
                tuple(zip(ids, ids[1:], strict=False)))


def sankey(apps: Iterable[Application], today: date, settings: Settings) -> Sankey:
    """Flows between the stages actually reached, ending in how each application ended.

    Wishlist entries and informational interviews are left out, as are notes with no
    stage date. An accepted offer ends in "Accepted" even without an offer date.
    """
    flows: Counter[tuple[str, str]] = Counter()
    stages: dict[str, StageReached] = {}
    ends: dict[str, tuple[str, str, tuple]] = {}     # id -> (label, kind, sort rank)
    total = 0
    for app in apps:
        way = flow(app, today, settings)
        if way is None:
            continue
        total += 1
        stages.update((s.key, s) for s in way.path)
        if way.end not in ends or way.rank < ends[way.end][2]:
            ends[way.end] = (way.label, way.kind, way.rank)
        flows.update(way.links)
    return diagram(flows, stages, ends, total)


def diagram(flows: Mapping[tuple[str, str], int], stages: Mapping[str, StageReached],
            ends: Mapping[str, tuple[str, str, tuple]], total: int) -> Sankey:
    """The diagram of ``total`` applications: how many took each (source, target) step,
    the stage nodes by id, and each end node's (label, kind, sort rank)."""
    deepest = max((s.interviews for s in stages.values() if s.stage is Stage.INTERVIEW),
                  default=0)
    columns = {key: _stage_column(s, deepest) for key, s in stages.items()}
    for (source, target) in flows:
        if target in ends:
            columns[target] = max(columns.get(target, 0), columns[source] + 1)
    inflow: Counter[str] = Counter()
    outflow: Counter[str] = Counter()
    for (source, target), n in flows.items():
        outflow[source] += n
        inflow[target] += n

    info = {key: (s.label, "stage", (s, 0, "")) for key, s in stages.items()} | dict(ends)
    order = sorted(info, key=lambda i: info[i][2])
    nodes = tuple(
        SankeyNode(i, info[i][0], max(inflow[i], outflow[i]), info[i][1], columns[i])
        for i in order
    )
    position = {i: n for n, i in enumerate(order)}
    links = tuple(
        SankeyLink(source, target, n)
        for (source, target), n in sorted(
            flows.items(), key=lambda item: (position[item[0][0]], position[item[0][1]])
        )
    )
    return Sankey(nodes=nodes, links=links, total=total)
