"""Job descriptions on the site: each application's skills (written in ``skills:`` and
found in its description), its match score, the interview prep panel, and whether
better-matched applications get further.

``job_skills(vault)`` reads every description once; ``SiteData.job_skills()`` keeps the
result for the whole build, so the application pages, the table, the dashboard and the
skills page all show the same figures. The context helpers take a ``refs`` object (the
insight pages' ``Refs``) to link notes at a line.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from jobnotes.analysis.skills import SkillDemand, skill_demand, with_reasons
from jobnotes.jd.extract import job_description
from jobnotes.jd.match import (
    OPTIONAL_WEIGHT,
    JobSkill,
    Match,
    Payoff,
    match_all,
    match_payoff,
    skill_status,
)
from jobnotes.jd.prep import PrepPanel, earlier_improve_themes, panel_for
from jobnotes.jd.vocabulary import Vocabulary, clean_skill, vocabulary_for
from jobnotes.model import Application, Vault
from jobnotes.site.charts import bar_chart_svg
from jobnotes.site.render import percent

if TYPE_CHECKING:
    from jobnotes.analysis.notememo import NoteMemo

PREP_ANCHOR = "prep"          # the id of the prep panel on an application page
SKILLS_ANCHOR = "skills"      # the id of the skills card
THEMES_SHOWN = 4              # #improve themes shown before "more themes"

Row = dict[str, Any]


class RefMaker(Protocol):
    def ref(self, rel: str, title: str, line: int = 0, **extra: Any) -> Row: ...

    def anchor(self, app: Application, line: int) -> str: ...


@dataclass(frozen=True, slots=True)
class JobSkills:
    """Every application's skills, score and prep, and the figures built on them."""

    vocab: Vocabulary
    matches: dict[str, Match]          # by rel; informational interviews have none
    panels: dict[str, PrepPanel]       # by rel: applications with an interview coming up
    payoff: Payoff
    demand: list[SkillDemand]          # analysis.skills.skill_demand of the same notes

    def prep_href(self, rel: str) -> str:
        """``#prep`` when the application's page has a prep panel, else ""."""
        return "#" + PREP_ANCHOR if rel in self.panels else ""


def job_skills(vault: Vault, memo: NoteMemo | None = None) -> JobSkills:
    """Read every job description once and derive everything the site shows from it.

    With a ``memo`` (kept from one rebuild to the next, see ``analysis.notememo``), the
    figures are updated from the previous rebuild's by the notes that changed.
    """
    apps, settings, today = vault.applications, vault.settings, vault.today
    if memo is not None:
        from jobnotes.analysis.memo_skills import job_figures

        with memo.lock:
            gen = memo.generation(apps, vault.people, settings, today)
            figures = job_figures(memo, gen, settings, today)
        if figures is not None:
            # The kept demand has the status of each skill, not what it is yours through.
            demand = with_reasons(figures.demand, skill_status(figures.vocab, settings))
            return JobSkills(vocab=figures.vocab, matches=figures.matches,
                             panels=figures.panels, payoff=figures.payoff, demand=demand)
    vocab = vocabulary_for(apps, settings)
    found = match_all(apps, settings, vocab)
    matches = {m.rel: m for m in found}
    earlier = earlier_improve_themes(apps, today)
    panels = {}
    for app in apps:
        match = matches.get(app.rel)
        panel = panel_for(app, match, today, earlier) if match is not None else None
        if panel is not None:
            panels[app.rel] = panel
    return JobSkills(
        vocab=vocab, matches=matches, panels=panels,
        payoff=match_payoff(apps, settings, today, matches=found),
        demand=skill_demand(apps, today, settings, vocab=vocab, matches=found),
    )


# --- the application page ------------------------------------------------------------------

def skills_context(app: Application, job: JobSkills, refs: RefMaker) -> Row:
    """The skills card: the score, the missing skills, and written and found side by side.

    ``written`` keeps the order of ``skills:``; the found skills are split into required
    and nice to have, by first mention. "Not listed" marks are shown only when the note
    has a ``skills:`` list (someone who never writes one is not told so on every page),
    "not in the description" only when it has a job description. Each row of ``written``,
    ``required`` and ``optional`` has the "note" and "optional" its chip shows.
    """
    match = job.matches.get(app.rel)
    if match is None:
        return {"match": None}
    by_key = {s.key: s for s in match.skills}
    description = job_description(app)
    written: list[Row] = []
    seen: set[str] = set()
    for raw in app.skills:
        key = job.vocab.key(raw)
        if not key or key in seen or key not in by_key:
            continue
        seen.add(key)
        skill = by_key[key]
        only_here = description is not None and not skill.extracted
        written.append({"skill": skill, "as_written": clean_skill(raw), "only_here": only_here,
                        "note": "not in the description" if only_here else "",
                        "optional": skill.extracted and not skill.required})
    extracted = [s for s in match.skills if s.extracted]
    anchor = refs.anchor(app, description.heading_line) if description else ""
    return {
        "match": match,
        "written": written,
        "has_list": bool(written),
        "required": [_found(s, bool(written)) for s in extracted if s.required],
        "optional": [_found(s, bool(written)) for s in extracted if not s.required],
        "found_count": len(extracted),
        "not_listed": sum(1 for s in extracted if not s.listed) if written else 0,
        "only_written": sum(1 for w in written if w["only_here"]),
        "description_href": "#" + anchor if anchor else None,
        "optional_weight": OPTIONAL_WEIGHT,
    }


def _found(skill: JobSkill, has_list: bool) -> Row:
    not_listed = has_list and not skill.listed
    return {"skill": skill, "not_listed": not_listed,
            "note": "not listed" if not_listed else "", "optional": False}


def prep_context(app: Application, job: JobSkills, refs: RefMaker) -> Row | None:
    """The interview prep panel, each earlier post-mortem linked at the theme's line."""
    panel = job.panels.get(app.rel)
    if panel is None:
        return None
    themes = [{"theme": theme,
               "notes": [refs.ref(n.rel, n.title, n.line, rejected=n.rejected)
                         for n in theme.notes]}
              for theme in panel.themes]
    return {"panel": panel, "stories": panel.stories, "gaps": panel.gaps,
            "themes": themes[:THEMES_SHOWN], "more_themes": themes[THEMES_SHOWN:],
            "when": when(panel.days)}


def when(days: int) -> str:
    return "today" if days == 0 else "tomorrow" if days == 1 else f"in {days} days"


# --- does matching pay off? ------------------------------------------------------------------

def payoff_section(job: JobSkills, refs: RefMaker) -> Row:
    """How far the applications of each match band got: the share reaching an interview
    as bars, and every stage in the table, with the applications of each band."""
    payoff = job.payoff
    bands = [b for b in payoff.bands if b.applications]
    chart = bar_chart_svg(
        [(f"{b.label} ({b.applications})", _whole_percent(b.interview_rate)) for b in bands],
        chart_id="match-payoff", title="Reached an interview, by match score",
        desc="The share of applications sent in each match-score band that reached an "
             "interview. " + "; ".join(
                 f"{b.label}: {b.interview} of {b.applications} sent "
                 f"({percent(b.interview_rate or 0.0)}), {b.response} with a "
                 f"response, {b.offer} with an offer" for b in payoff.bands),
        value_format="{:.0f} %", max_value=100,
        empty_text="No application with a known skill sent yet")
    rows = [{"band": b,
             "apps": [refs.ref(m.rel, m.title, percent=m.percent, stage=m.stage_label)
                      for m in b.members]}
            for b in payoff.bands]
    return {"chart": chart if payoff.scored else None, "rows": rows,
            "scored": payoff.scored, "unscored": payoff.unscored,
            "yours_unknown": payoff.yours_unknown,
            "verdict": verdict(payoff)}


def _whole_percent(rate: float | None) -> float:
    """A rate as the bar's label shows it: whole percent, half up, as ``percent`` does."""
    return float(math.floor(round(100 * (rate or 0.0), 6) + 0.5))


def verdict(payoff: Payoff) -> str | None:
    """One plain sentence comparing the interview rate of the lowest and highest bands
    that have applications; None when fewer than two bands have any."""
    filled = [b for b in payoff.bands if b.applications]
    if len(filled) < 2:
        return None
    low, high = filled[0], filled[-1]
    lo, hi = low.interview_rate or 0.0, high.interview_rate or 0.0
    figures = (f"{high.interview} of {high.applications} applications {high.label} reached an "
               f"interview, against {low.interview} of {low.applications} {low.label}")
    if hi > lo + 0.1:
        lead = "Better-matched applications get further"
    elif lo > hi + 0.1:
        lead = "So far, better-matched applications do not get further"
    else:
        lead = "So far the match score makes little difference"
    few = " (few applications yet: read it as a hint)" if min(
        low.applications, high.applications) < 5 else ""
    return f"{lead}: {figures}{few}."
