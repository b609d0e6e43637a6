"""What the dashboard shows: the agenda, the cooling-off banner, weekly goals, the practice
scorecard, wins, where applications go (Sankey) and activity by day and by week.

Every figure comes from ``jobnotes.analysis``; this module only picks, links and draws.
Links are relative to the site root (the dashboard sits at the root), and counts link to
the applications table with a filter in the URL hash (``applications/index.html#status=
rejected``), so every number can be traced back to the notes behind it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from jobnotes.analysis import funnel as funnel_mod
from jobnotes.analysis import overview, resilience, skills, timing
from jobnotes.analysis.agenda import Agenda, agenda
from jobnotes.analysis.memo import Analysis
from jobnotes.analysis.network import NETWORKING_RULE
from jobnotes.analysis.reminders import Reminder
from jobnotes.analysis.stages import Exit, Stage, exit_of, is_pipeline, last_activity
from jobnotes.day_text import MONTHS
from jobnotes.model import STATUSES, Application, Vault
from jobnotes.settings import Settings
from jobnotes.site.charts import (
    calendar_heatmap_svg,
    progress_ring_svg,
    sankey_svg,
    stacked_columns_svg,
)
from jobnotes.site.charts.calendar import day_name

if TYPE_CHECKING:
    from jobnotes.site.jobskills import JobSkills
    from jobnotes.site.pages import Links

APPS = "applications/index.html"
# Items each group shows before "N more": today's in full on an ordinary day, the rest
# short, so the page stays a glance however much a busy week holds.
SHOWN = {"overdue": 4, "today": 10, "week": 8, "notes": 3}
# What "N more ..." says of each group's folded items.
MORE_WORDS = {"overdue": "overdue", "today": "for today", "week": "in the next 7 days",
              "notes": "notes"}
# Items a group lists at most: a vault with thousands due (a coach's cohort) gets a
# dashboard that opens at once; `jobnotes today --all` lists every one.
GROUP_LIMIT = 100
WINS_SHOWN = 8
LEARN_SHOWN = 5
HISTORY_WEEKS = 12

KIND_LABELS = {
    "interview-upcoming": "Interview", "feedback-request": "Feedback", "thank-you": "Thank-you",
    "next-action": "Next step", "follow-up": "Follow-up", "post-mortem": "Post-mortem",
    "connect": "Connect", "touch": "Check-in", "suggest-ghosted": "Close out",
    "applied-in-cooling-off": "Gentle note", "reapply": "Worth knowing",
    "cooling-off": "Cooling-off", "withdraw": "Close out",
}
# Where on its note's page a reminder is acted on. An upcoming interview links to the
# prep panel ("#prep") when the page has one, see agenda_item.
KIND_ANCHORS = {"feedback-request": "#feedback", "post-mortem": "#post-mortem"}

# The page that explains each practice of the scorecard.
PRACTICE_PAGES = {
    "process": "postmortems.html", "feedback": "postmortems.html#feedback-title",
    "post-mortem": "postmortems.html#complete-title", "network": "people/index.html",
    "skills": "skills.html", "channels": "channels.html#mix-title",
    "resilience": "index.html#goals", "alternatives": "alternatives.html",
}
ACTIVITY_SERIES = (
    ("applications", "Applications"), ("responses", "Responses"),
    ("interviews", "Interviews"), ("networking", "Networking"),
)
# Squares of 15 units: 16 weeks fit a 320-unit chart, shown at its natural size in a
# phone's column and in the half-width card on a desktop.
CALENDAR_CELL = 15
# How the calendar's tooltips name each series, singular and plural, in ACTIVITY_SERIES order.
DAY_NOUNS = (("application", "applications"), ("response", "responses"),
             ("interview", "interviews"),
             ("networking conversation", "networking conversations"))


# --- where each application is in the pipeline (shared with the applications table) -----

@dataclass(frozen=True, slots=True)
class Position:
    """One application's place in the pipeline, as the Sankey diagram draws it."""

    exit: Exit
    end: str | None              # the Sankey node it ends in ("rejected@interview-2")
    reached: tuple[str, ...]     # the Sankey stage nodes it passed ("applied", "response")

    @property
    def stopped(self) -> str:
        """The furthest stage node it reached ("" outside the pipeline)."""
        return self.reached[-1] if self.reached else ""


def position(app: Application, today: date, settings: Settings) -> Position:
    """Where ``app`` stands; ``end`` and ``reached`` are empty outside the pipeline."""
    ex = exit_of(app, today, settings)
    if not is_pipeline(app) or ex.stage.stage is Stage.NONE:
        return Position(ex, None, ())
    path = funnel_mod._path(ex.stage)          # the same path the Sankey draws
    end_id, _, _ = funnel_mod._end(ex, path[-1])
    return Position(ex, end_id, tuple(s.key for s in path))


def days_since_activity(app: Application, today: date) -> int | None:
    """Days since the application's last activity (``stages.last_activity``)."""
    last = last_activity(app, today)
    return (today - last).days if last is not None else None


def activity_ago(days: int | None) -> str:
    """"today", "yesterday", "17 days ago": how long ago the last activity was, in
    whole days, the same words wherever an application's last activity is shown."""
    if days is None:
        return ""
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    return f"{days} days ago"


def filter_link(**values: str) -> str:
    """``applications/index.html#status=rejected``: the table, filtered."""
    return APPS + "#" + "&".join(f"{k}={v}" for k, v in values.items())


# --- agenda ------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class AgendaItem:
    reminder: Reminder
    href: str | None              # relative to the site root
    label: str                    # the kind, in words

    @property
    def kind(self) -> str:
        return self.reminder.kind


def agenda_item(reminder: Reminder, links: Links, job: JobSkills | None = None) -> AgendaItem:
    """A reminder linked to where it is acted on: an interview coming up to its prep panel
    (given ``job``), a feedback request to the draft, a post-mortem to its checklist."""
    page = links.note(reminder.rel)
    anchor = KIND_ANCHORS.get(reminder.kind, "")
    if reminder.kind == "interview-upcoming" and job is not None:
        anchor = job.prep_href(reminder.rel)
    href = page + anchor if page else None
    return AgendaItem(reminder, href, KIND_LABELS.get(reminder.kind, reminder.kind))


def agenda_groups(plan: Agenda, links: Links, job: JobSkills | None = None
                  ) -> list[dict[str, Any]]:
    """The groups the dashboard lists, in order, each in the agenda's own order (the same
    as ``jobnotes today``); empty groups are left out."""
    groups = [
        ("overdue", "Overdue", list(plan.overdue)),
        ("today", "Today", list(plan.today)),
        ("week", "Next 7 days", list(plan.this_week)),
        ("notes", "Worth knowing", list(plan.notes)),
    ]
    found = []
    for key, title, items in groups:
        if not items:
            continue
        shown = SHOWN[key]
        linked = [agenda_item(r, links, job) for r in items[:GROUP_LIMIT]]
        found.append({"key": key, "title": title, "count": len(items),
                      "items": linked[:shown], "more": linked[shown:],
                      "more_words": MORE_WORDS[key],
                      "unlisted": len(items) - len(linked)})
    return found


# --- charts ------------------------------------------------------------------------------

def _short_day(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]}"


# End nodes that are no drop: an offer taken, or one the user turned down.
NOT_A_DROP = ("accepted", "declined")


def short_label(label: str) -> str:
    """A Sankey end node named by its outcome only: its column already shows the stage."""
    if label == "Awaiting a response":
        return "Waiting"
    return label.split(" after ", 1)[0]


def biggest_drop(diagram: funnel_mod.Sankey) -> dict[str, Any] | None:
    """The stage of the Sankey diagram where the most applications ended, named as the
    chart names it ("Screening": 3 of 22 ended there, 2 rejected and 1 ghosted).

    Only closed applications are a drop (rejected, no response, ghosted, withdrawn): one
    still waiting at a stage is not, so with nothing closed yet there is no drop (None).
    ``early``: fewer than ``funnel.MIN_SAMPLE`` applications, too few to call it "the
    biggest"; the dashboard then gives the counts only."""
    stages = [n for n in diagram.nodes if n.kind == "stage"]
    ends = {n.id: n for n in diagram.nodes if n.kind == "exit" and n.id not in NOT_A_DROP}
    best: dict[str, Any] | None = None
    for stage in stages:            # pipeline order: a tie goes to the earlier stage
        found = [(ends[lk.target], lk.value) for lk in diagram.links
                 if lk.source == stage.id and lk.target in ends]
        lost = sum(n for _, n in found)
        if lost and (best is None or lost > best["lost"]):
            found.sort(key=lambda item: (-item[1], item[0].label))
            best = {"stage": stage.label, "lost": lost, "of": stage.value,
                    "ends": [{"label": short_label(end.label).lower(), "count": n,
                              "href": filter_link(exit=end.id)} for end, n in found]}
    if best is not None:
        best["early"] = not funnel_mod.enough(diagram.total)
        best["total"] = diagram.total
    return best


def sankey_section(apps: list[Application], today: date, settings: Settings,
                   analysis: Analysis | None = None) -> dict[str, Any]:
    """The Sankey diagram and its table alternative, each row linked to its applications."""
    analysis = analysis if analysis is not None else Analysis(apps, [], settings, today)
    diagram = analysis.sankey
    svg = sankey_svg(
        [(n.id, n.label if n.kind == "stage" else short_label(n.label), n.value)
         for n in diagram.nodes],
        [(lk.source, lk.target, lk.value) for lk in diagram.links],
        chart_id="sankey", title="Where applications go",
        desc=(f"{diagram.total} application{'' if diagram.total == 1 else 's'} flowing from "
              "applied through the stages they "
              "reached to how they ended. The table below lists the same figures."),
    )
    stages = [{"label": n.label, "count": n.value,
               "share": n.value / diagram.total if diagram.total else None,
               "href": filter_link(reached=n.id)}
              for n in diagram.nodes if n.kind == "stage"]
    ends = [{"label": n.label, "count": n.value, "kind": n.kind,
             "href": filter_link(exit=n.id)}
            for n in diagram.nodes if n.kind != "stage"]
    ends.sort(key=lambda e: (e["kind"] != "active", -e["count"], e["label"]))
    return {"svg": svg, "total": diagram.total, "stages": stages, "ends": ends,
            "drop": biggest_drop(diagram)}


def activity_section(vault: Vault, *, analysis: Analysis | None = None) -> dict[str, Any]:
    """The activity calendar (a square per day) above the weekly bars, both drawn from the
    same events, so a week's squares add up to its bar and its networking to the weekly
    goal's. ``analysis``: the build's shared aggregates."""
    analysis = analysis if analysis is not None else Analysis.of(vault)
    found = analysis.activity_days(timing.ACTIVITY_WEEKS)
    weeks = timing.weeks_of(found.days, vault.today, vault.settings,
                            weeks=timing.ACTIVITY_WEEKS)
    labels = [_short_day(w.week_start) for w in weeks]
    series = [(name, [getattr(w, key) for w in weeks]) for key, name in ACTIVITY_SERIES]
    svg = stacked_columns_svg(
        labels, series, chart_id="activity-weeks", title="Activity by week",
        desc=(f"Applications, responses, interviews and networking in each of the last "
              f"{len(weeks)} weeks, oldest first. The table below lists the same figures."),
    )
    rows = [{"week": w.week_start, "values": [getattr(w, key) for key, _ in ACTIVITY_SERIES],
             "total": w.total} for w in reversed(weeks)]
    return {"svg": svg, "rows": rows, "series": [name for _, name in ACTIVITY_SERIES],
            "weeks": len(weeks), "total": sum(w.total for w in weeks),
            "calendar": calendar_section(vault, found)}


def day_activity_text(day: timing.DayActivity) -> str:
    """What happened on a day, in words: "2 applications, 1 interview"."""
    parts = [f"{n} {noun if n == 1 else plural}"
             for n, (noun, plural) in zip(_day_values(day), DAY_NOUNS, strict=True) if n]
    return ", ".join(parts) or "no activity"


def _day_values(day: timing.DayActivity) -> list[int]:
    return [getattr(day, key) for key, _ in ACTIVITY_SERIES]


def calendar_section(vault: Vault, activity: timing.ActivityDays | None = None
                     ) -> dict[str, Any]:
    """A square per day over the activity window, coloured by how much happened, with a
    one-line summary ("Active on 23 of the last 112 days; busiest day: Mon 16 Nov (6)").

    A window with nothing in it says when you last did something ("quiet"); only a vault
    with no dated activity at all is told that things will show up here."""
    settings = vault.settings
    if activity is None:
        activity = timing.activity_days(vault.applications, vault.people, vault.today,
                                        settings, weeks=timing.ACTIVITY_WEEKS)
    days = activity.days
    active = [d for d in days if d.total]
    busiest = max(reversed(active), key=lambda d: d.total) if active else None
    summary = quiet = ""
    if busiest is not None:
        summary = (f"Active on {len(active)} of the last {len(days)} days; busiest day: "
                   f"{day_name(busiest.day, year=False)} ({busiest.total})")
    # In weeks, as the card's title says ("The last 16 weeks").
    empty_text = f"No activity in the last {_weeks_phrase(len(days))} yet"
    if not active and activity.last is not None:
        empty_text = f"No activity in the last {_weeks_phrase(len(days))}"
        quiet = f"{empty_text}; your last was on {day_name(activity.last)}"
    first_day = "Sunday" if settings.week_starts == "sunday" else "Monday"
    svg = calendar_heatmap_svg(
        [(d.day, d.total) for d in days] if active else [],
        chart_id="activity-calendar", title="Activity calendar",
        desc=(f"One square per day over the last {len(days)} days, one column per week "
              f"starting on {first_day}; the stronger a square's colour, the more "
              "applications, responses, interviews and networking that day. "
              + (summary or quiet or "Nothing logged yet") + "."),
        week_starts=settings.week_starts,
        empty_text=empty_text,
        details={d.day: day_activity_text(d) for d in days},
        cell=CALENDAR_CELL,
    )
    return {"svg": svg, "summary": summary, "quiet": quiet, "last": activity.last,
            "days": len(days), "active": len(active)}


def _weeks_phrase(days: int) -> str:
    """The window in weeks, the current one counted whole: 110 days -> "16 weeks"."""
    weeks = -(-days // 7)
    return "week" if weeks == 1 else f"{weeks} weeks"


def goals_section(vault: Vault, events: dict[str, list[date]] | None = None
                  ) -> dict[str, Any]:
    report = resilience.weekly_goals(vault.applications, vault.people, vault.settings,
                                     vault.today, weeks=HISTORY_WEEKS, events=events)
    rings = [{"goal": g, "svg": progress_ring_svg(g.done, g.target, chart_id=f"goal-{g.key}",
                                                  label=f"{g.label} this week")}
             for g in report.this_week.goals]
    return {"report": report, "rings": rings, "week": report.this_week,
            "history": report.history, "streak": report.streak,
            "searched": sum(not w.before_search for w in report.history)}


# --- the rest ----------------------------------------------------------------------------

def _wins(analysis: Analysis, links: Links) -> list[dict[str, Any]]:
    found = analysis.wins()
    return [{"win": w, "href": links.note(w.rel) if w.rel else "#goals"}
            for w in found[:WINS_SHOWN]]


def _learn(demand: list[skills.SkillDemand]) -> list[skills.SkillDemand]:
    return [d for d in demand if d.status != "have"][:LEARN_SHOWN]


def _headline(apps: list[Application], vault: Vault, week_done: int,
              flow: funnel_mod.Funnel) -> dict[str, Any]:
    applied = flow.count("applied")
    return {
        "week": week_done,
        "week_goal": vault.settings.goals.applications,
        "active": overview.active_count(apps),
        "applied": applied,
        "responded": flow.count("responded"),
        "response_rate": flow.step("responded").overall,
        # Below funnel.MIN_SAMPLE applications the cards give counts, not percentages.
        "rates_shown": funnel_mod.enough(applied),
        "min_sample": funnel_mod.MIN_SAMPLE,
        "early": overview.still_early(apps, vault.today, vault.settings.windows.follow_up_days),
        "follow_up_days": vault.settings.windows.follow_up_days,
        "interviewed": flow.count("interviewed"),
        "interview_rate": flow.step("interviewed").overall,
        "offers": flow.count("offer"),
    }


def _done(week: resilience.WeekProgress, key: str) -> int:
    return next((g.done for g in week.goals if g.key == key), 0)


def _pipeline(apps: list[Application]) -> list[dict[str, Any]]:
    counts = overview.status_counts(apps)
    total = sum(counts.values())
    segments, x = [], 0
    for status in STATUSES:
        n = counts[status]
        width = round(1000 * n / total) if total else 0
        segments.append({"status": status, "count": n, "x": x, "width": width,
                         "href": filter_link(status=status)})
        x += width
    drawn = [s for s in segments if s["count"]]
    if drawn:                      # rounding: the last drawn segment fills the bar
        drawn[-1]["width"] = 1000 - drawn[-1]["x"]
    return segments


def dashboard_context(vault: Vault, links: Links, job: JobSkills | None = None, *,
                      analysis: Analysis | None = None) -> dict[str, Any]:
    """Everything dashboard.html shows. ``job``: the build's ``SiteData.job_skills()``,
    read here when not given; ``analysis``: the build's shared aggregates."""
    if job is None:
        from jobnotes.site.jobskills import job_skills

        job = job_skills(vault)
    analysis = analysis if analysis is not None else Analysis.of(vault)
    apps = vault.applications
    plan = agenda(analysis.reminders, vault.today)
    events = analysis.goal_events
    goals = goals_section(vault, events)
    banner = plan.cooling_off
    practices = analysis.scorecard(list(job.demand))
    return {
        "agenda": plan,
        "agenda_groups": agenda_groups(plan, links, job),
        "due_now": len(plan.overdue) + len(plan.today),
        "cooling_off": banner,
        "cooling_off_href": links.note(banner.rel) if banner else None,
        "goals": goals,
        "networking_rule": NETWORKING_RULE,
        "scorecard": [{"practice": p, "href": PRACTICE_PAGES.get(p.key, "index.html")}
                      for p in practices],
        "wins": _wins(analysis, links),
        "sankey": sankey_section(apps, vault.today, vault.settings, analysis),
        "activity": activity_section(vault, analysis=analysis),
        "learn": _learn(job.demand),
        "skills_found": bool(job.demand),
        "headline": _headline(apps, vault, _done(goals["week"], "applications"),
                              analysis.funnel),
        "pipeline": _pipeline(apps),
        "total": len(apps),
        "people_count": len(vault.people),
        "active_href": filter_link(status="active"),
        "kind_labels": KIND_LABELS,
    }
