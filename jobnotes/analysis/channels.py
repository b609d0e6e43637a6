"""Per-channel funnels and the actual channel mix against the user's targets.

Only real applications count: wishlist entries and informational interviews are their
own track (``stages.is_pipeline``). Each channel is kept separate (a referral is not
folded into networking). A response is any answer (``stages.answered``: a rejection
counts), as on the dashboard.

A channel is named for the best response rate only with at least
``MIN_APPLICATIONS_COMPARED`` applications (one answer to a single application says
nothing of the channel), and every channel tied on that rate is named.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from jobnotes.analysis.funnel import funnel_stage, ratio, stage_counts
from jobnotes.analysis.stages import is_pipeline
from jobnotes.analysis.timing import channel_order, week_start
from jobnotes.model import Application
from jobnotes.settings import Settings

# Applications a channel needs before its response rate is compared with the others'.
MIN_APPLICATIONS_COMPARED = 2


@dataclass(frozen=True, slots=True)
class ChannelStats:
    """The funnel of one channel. Rates are fractions (0..1) of ``applied``."""

    channel: str
    applied: int                   # applications sent through this channel
    responded: int                 # ... that got an answer (``stages.answered``)
    interviewed: int               # ... that reached at least one interview
    offers: int                    # ... that reached an offer
    this_week: int                 # applications sent this week (on or before today)
    response_rate: float | None    # responded / applied; None when nothing was applied
    interview_rate: float | None   # interviewed / applied
    offer_rate: float | None       # offers / applied

    @property
    def compared(self) -> bool:
        """Whether it has enough applications to compare its response rate."""
        return self.applied >= MIN_APPLICATIONS_COMPARED


def best_response(rows: Iterable[ChannelStats]) -> list[ChannelStats]:
    """The channels with the highest response rate, all of them on a tie, among those
    with ``MIN_APPLICATIONS_COMPARED`` applications or more; none when no such channel
    got any answer: what the Channels page names."""
    compared = [r for r in rows if r.compared and r.response_rate]
    top = max((r.response_rate or 0.0 for r in compared), default=0.0)
    return [r for r in compared if r.response_rate == top]


def channel_funnels(
    apps: Iterable[Application], today: date, settings: Settings
) -> list[ChannelStats]:
    """One row per channel: every channel of ``settings.channels`` in order (even unused),
    then any other channel used, by name. Applications without a channel are left out.
    """
    by_channel: dict[str, list[Application]] = defaultdict(list)
    for app in apps:
        if is_pipeline(app) and app.channel and app.applied is not None:
            by_channel[app.channel].append(app)
    this_week = week_start(today, settings)
    rows: list[ChannelStats] = []
    for channel in channel_order(by_channel, settings):
        members = by_channel.get(channel, [])
        counts = stage_counts(p for p in (funnel_stage(a, today) for a in members)
                              if p is not None)
        applied = counts["applied"]
        rows.append(ChannelStats(
            channel=channel,
            applied=applied,
            responded=counts["responded"],
            interviewed=counts["interviewed"],
            offers=counts["offer"],
            this_week=sum(
                a.applied is not None and this_week <= a.applied <= today for a in members
            ),
            response_rate=ratio(counts["responded"], applied),
            interview_rate=ratio(counts["interviewed"], applied),
            offer_rate=ratio(counts["offer"], applied),
        ))
    return rows


@dataclass(frozen=True, slots=True)
class MixRow:
    """One channel's share of applications against its target, in percent."""

    channel: str
    count: int                     # applications sent through this channel
    share_pct: float | None        # count / all applications with a channel * 100
    target_pct: int                # settings.channel_targets, 0 when not set
    gap_points: float | None       # share_pct - target_pct (positive: over target)
    targeted: bool = True          # False: no target set, so never "over target"


@dataclass(frozen=True, slots=True)
class ChannelMix:
    """Where applications actually went compared with where the user meant them to go."""

    rows: tuple[MixRow, ...]
    total: int                     # applications with a channel
    most_over: str | None          # channel with a target furthest above it, if any is above
    most_under: str | None         # channel furthest below its target, if any is below


def channel_mix(apps: Iterable[Application], settings: Settings) -> ChannelMix:
    """Actual share per channel (over applications that have one) vs the targets.

    Rows: ``settings.channels`` in order, then channels used or targeted that are not
    in that list, by name. With no applications the shares and gaps are None.
    """
    counts = Counter(
        a.channel for a in apps if is_pipeline(a) and a.channel and a.applied is not None
    )
    total = sum(counts.values())
    channels = channel_order(list(counts) + list(settings.channel_targets), settings)
    rows: list[MixRow] = []
    for channel in channels:
        target = settings.channel_targets.get(channel, 0)
        share = counts[channel] * 100 / total if total else None
        gap = None if share is None else share - target
        rows.append(MixRow(channel, counts[channel], share, target, gap,
                           targeted=channel in settings.channel_targets))
    # A channel without a target has none to be over: its 0 only means "not planned".
    over = [r for r in rows if r.targeted and r.gap_points is not None and r.gap_points > 0]
    under = [r for r in rows if r.gap_points is not None and r.gap_points < 0]
    # max/min keep the first row on ties, so settings order breaks them.
    most_over = max(over, key=lambda r: r.gap_points or 0.0).channel if over else None
    most_under = min(under, key=lambda r: r.gap_points or 0.0).channel if under else None
    return ChannelMix(tuple(rows), total, most_over, most_under)
