"""Insight pages: post-mortems, skills, channels, the network, alternatives.

Each builder takes the shared ``SiteData`` and yields ``Page``s, like the builders in
``pages.py``; ``PAGE_BUILDERS`` at the bottom lists them in site order. Figures come
from ``jobnotes.analysis``; here they are joined to page links (every number on these
pages names the notes it comes from) and to the SVG charts, each with a table behind it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from typing import Any

from jobnotes.analysis import alternatives, channels, feedback, network, postmortem, skills
from jobnotes.analysis.funnel import MIN_SAMPLE, enough, funnel, ratio
from jobnotes.analysis.reminders import cooling_off_window
from jobnotes.analysis.stages import furthest_stage, is_pipeline
from jobnotes.analysis.timing import applications_per_week, response_times, week_start
from jobnotes.markdown import slugify
from jobnotes.markdown_headings import section_anchor
from jobnotes.model import Application
from jobnotes.site.charts import (
    bar_chart_svg,
    funnel_svg,
    share_vs_target_svg,
    stacked_columns_svg,
)
from jobnotes.site.pages import Page, SiteData, _base, _body, linkedin_url, mailto_url
from jobnotes.site.render import day, label, percent

Row = dict[str, Any]
SOON_DAYS = 7            # dues this close are listed on the network page
TOP_SKILLS = 20          # bars in the skill demand chart
CHART_WEEKS = 26         # columns in the applications-per-week chart
COMPANIES_SHOWN = 20     # companies drawn in full under "Who do I know at…"
FUNNEL_KEYS = ("applied", "responded", "interviewed", "offer")


# --- links to notes ----------------------------------------------------------------------

class Refs:
    """Links to note pages, optionally to the heading holding a given line of the note."""

    def __init__(self, site: SiteData) -> None:
        self.site = site
        self.apps = {a.rel: a for a in site.vault.applications}
        self.by_slug = {a.slug: a for a in site.vault.applications}
        # (rel, line) -> href: the prep panels link the same earlier notes again and again.
        self._hrefs: dict[tuple[str, int], str | None] = {}

    def ref(self, rel: str, title: str, line: int = 0, **extra: Any) -> Row:
        """{"title", "href" (None when the note has no page), "line", ...extra}."""
        key = (rel, line)
        href = self._hrefs[key] if key in self._hrefs else self._href(key)
        return {"title": title, "href": href, "line": line, **extra}

    def _href(self, key: tuple[str, int]) -> str | None:
        rel, line = key
        href = self.site.links.note(rel)
        if href is not None and line > 0 and rel in self.apps:
            anchor = self.anchor(self.apps[rel], line)
            if anchor:
                href += "#" + anchor
        self._hrefs[key] = href
        return href

    def app(self, app: Application, **extra: Any) -> Row:
        return self.ref(app.rel, app.title, company=app.company, role=app.role,
                        status=app.status, **extra)

    def person(self, name: str) -> Row:
        person = self.site.links.person_named(network.name_key(name))
        href = self.site.links.person(person) if person is not None else None
        return {"title": name, "href": href, "line": 0}

    def anchor(self, app: Application, line: int) -> str:
        """The id of the ``##``/``###`` heading above file line ``line`` ("" if none)."""
        return section_anchor(app.body, line - app.body_line)


def _short_day(value: date) -> str:
    return day(value).rsplit(" ", 1)[0]


def _pairs_text(pairs: Iterable[tuple[str, object]]) -> str:
    return "; ".join(f"{name}: {value}" for name, value in pairs) or "no data yet"


# --- post-mortems ------------------------------------------------------------------------

def _closing_date(app: Application) -> date:
    return app.rejected or app.withdrawn or app.applied or date.min


def _completeness_rows(refs: Refs, digest: postmortem.PostMortemDigest) -> list[Row]:
    settings, today = refs.site.vault.settings, refs.site.vault.today
    rows = []
    for pm in digest.completeness:
        app = refs.apps[pm.rel]
        window = cooling_off_window(app, settings)
        waiting = window is not None and today < window[1]
        parts = [{"name": name, "written": name in pm.written}
                 for name in postmortem.SUBSECTIONS if name in pm.expected or name in pm.written]
        state = ("complete" if pm.complete else "waiting" if waiting and not pm.started
                 else "partial" if pm.started else "missing")
        rows.append(refs.ref(
            pm.rel, pm.title, pm.line, pm=pm, parts=parts, state=state,
            until=window[1] - timedelta(days=1) if waiting and window else None,  # last day
            written_count=len(pm.expected) - len(pm.missing), expected_count=len(pm.expected)))
    return rows


def _action_groups(refs: Refs, items: Iterable[postmortem.ActionItem]) -> list[Row]:
    """Action items grouped by note, most recently closed note first."""
    by_note: dict[str, list[postmortem.ActionItem]] = defaultdict(list)
    for item in items:
        by_note[item.rel].append(item)
    notes = sorted(by_note, key=lambda rel: (_closing_date(refs.apps[rel]), rel), reverse=True)
    return [refs.ref(rel, refs.apps[rel].title, by_note[rel][0].line,
                     items=[refs.ref(rel, a.text, a.line, done=a.done)
                            for a in sorted(by_note[rel], key=lambda a: a.line)])
            for rel in notes]


def _feedback_rows(refs: Refs) -> list[Row]:
    vault = refs.site.vault
    rows = []
    for app in vault.applications:
        if app.is_informational or (app.feedback_requested is None
                                    and app.feedback_received is None):
            continue
        days = (app.feedback_received - app.feedback_requested).days if (
            app.feedback_received and app.feedback_requested) else None
        waiting = (vault.today - app.feedback_requested).days if (
            app.feedback_requested and not app.feedback_received) else None
        rows.append(refs.app(app, rejected=app.rejected, requested=app.feedback_requested,
                             received=app.feedback_received, days=days, waiting=waiting))
    rows.sort(key=lambda r: (r["requested"] or r["received"] or date.min), reverse=True)
    return rows


def postmortem_pages(site: SiteData) -> Iterable[Page]:
    if not site.mine("postmortems.html"):
        return
    vault, refs = site.vault, Refs(site)
    apps, today = vault.applications, vault.today
    digest = site.analysis.digest
    stats = feedback.feedback_stats(apps)
    at_stage: dict[str, list[Row]] = defaultdict(list)
    after: dict[str, str] = {}
    for app in sorted(apps, key=lambda a: (_closing_date(a), a.rel), reverse=True):
        if postmortem.is_rejection(app):
            stage = furthest_stage(app, today)
            at_stage[stage.key].append(refs.ref(app.rel, app.company))
            after[stage.key] = stage.after
    stages = [{"label": s.label, "count": s.count, "share": ratio(s.count, digest.rejections),
               "after": after.get(s.key, ""), "apps": at_stage[s.key]} for s in digest.by_stage]
    chart = bar_chart_svg(
        [(s.label, s.count) for s in digest.by_stage], chart_id="rejections-by-stage",
        title="Where rejections happen",
        desc="Rejections by the furthest stage reached. "
             + _pairs_text((s.label, s.count) for s in digest.by_stage),
        empty_text="No rejections recorded")
    themes = [{"theme": t, "cites": [refs.ref(c.rel, c.title, c.line) for c in t.citations]}
              for t in digest.themes]
    # Drafts only where asking still makes sense; the older ones are only counted.
    unasked = [refs.apps[a.rel] for a in stats.without_request]
    askable = [a for a in unasked if not feedback.too_late_to_ask(a, vault.settings, today)]
    missing = [refs.app(a, rejected=a.rejected, draft=site.analysis.feedback_mailto(a))
               for a in askable]
    completeness = _completeness_rows(refs, digest)
    context = _base(site, "postmortems.html", "postmortems", "Post-mortems")
    context.update({
        "digest": digest, "stages": stages, "stage_chart": chart,
        "after_interview": sum(s.count for s in digest.by_stage if s.key.startswith("interview")),
        "improve": [t for t in themes if t["theme"].kind == "improve"],
        "strengths": [t for t in themes if t["theme"].kind == "strength"],
        "completeness": completeness,
        "complete_count": sum(r["state"] == "complete" for r in completeness),
        "open_groups": _action_groups(refs, (a for a in digest.actions if not a.done)),
        "done_groups": _action_groups(refs, (a for a in digest.actions if a.done)),
        "open_count": len(digest.open_actions), "action_count": len(digest.actions),
        "feedback": stats, "without_request": missing, "requests": _feedback_rows(refs),
        "too_late_to_ask": len(unasked) - len(askable), "late_days": network.MESSAGE_LATE_DAYS,
        # Below funnel.MIN_SAMPLE, counts only: one rejection is not "most" of anything.
        "shares_shown": enough(digest.rejections),
        "feedback_rate_shown": enough(stats.requested), "min_sample": MIN_SAMPLE,
    })
    yield Page("postmortems.html", "postmortems.html", context)


# --- skills ------------------------------------------------------------------------------

def _asks(refs: Refs, asks: Iterable[skills.SkillAsk]) -> list[Row]:
    return [refs.ref(a.rel, a.title, stage=a.stage, weight=a.weight) for a in asks]


def skill_ids(demand: Iterable[skills.SkillDemand]) -> dict[str, str]:
    """Skill key -> a unique element id for its row on the skills page."""
    ids: dict[str, str] = {}
    used: set[str] = set()
    for d in demand:
        base = "skill-" + (slugify(d.key) or "x")
        name, n = base, 1
        while name in used:
            n += 1
            name = f"{base}-{n}"
        used.add(name)
        ids[d.key] = name
    return ids


def _next_skill(demand: list[skills.SkillDemand]) -> Row | None:
    gaps = [d for d in demand if d.status == "gap" and d.weight > 0]
    if not gaps:
        return None
    top = gaps[0]
    return {"skill": top, "far": sum(a.weight >= skills.WEIGHT_RESPONSE + 1
                                     for a in top.applications),
            "then": [g.name for g in gaps[1:3]]}


def skills_pages(site: SiteData) -> Iterable[Page]:
    from jobnotes.site.jobskills import payoff_section

    if not site.mine("skills.html"):
        return
    vault, refs, job = site.vault, Refs(site), site.job_skills()
    demand = job.demand
    top = demand[:TOP_SKILLS]
    chart = bar_chart_svg(
        [(d.name, d.weight) for d in top], chart_id="skill-demand",
        title=f"Top {len(top)} skills by weighted demand",
        desc="Weight adds up how far each application asking for the skill got; gaps are "
             "highlighted. " + _pairs_text(
                 (d.name, f"{d.weight}{' (gap)' if d.status == 'gap' else ''}") for d in top),
        highlight={d.name for d in top if d.status == "gap"},
        empty_text="No skills found in any application yet")
    rank = {d.key: n for n, d in enumerate(demand, start=1)}
    ids = skill_ids(demand)
    progress = skills.learning_progress(vault.applications, vault.today, vault.settings,
                                        vocab=job.vocab, demand=demand)
    learning = [{"skill": s, "rank": rank.get(s.key), "apps": _asks(refs, s.applications)}
                for s in progress]
    learning_chart = bar_chart_svg(
        [(s.name, s.weight) for s in progress], chart_id="learning-demand",
        title="What you are learning, by weighted demand",
        desc="Each skill you are learning, with the weight of the applications asking for "
             "it, on the same scale as the top skill. "
             + _pairs_text((s.name, s.weight) for s in progress),
        max_value=demand[0].weight if demand else None,
        empty_text="No skills listed under learning in jobnotes.toml")
    described = [m for m in job.matches.values() if m.skills]
    context = _base(site, "skills.html", "skills", "Skills")
    context.update({
        "rows": [{"skill": d, "apps": _asks(refs, d.applications), "id": ids[d.key]}
                 for d in demand],
        "chart": chart, "top_count": len(top), "learning": learning,
        "learning_chart": learning_chart, "next": _next_skill(demand),
        "described": len(described),
        "gap_count": sum(d.status == "gap" for d in demand),
        "repeat_gaps": sum(d.status == "gap" and d.count > 1 for d in demand),
        "have_count": sum(d.status == "have" for d in demand),
        "max_weight": demand[0].weight if demand else 0,
        "from_descriptions": sum(1 for m in described if any(s.extracted for s in m.skills)),
        "payoff": payoff_section(job, refs),
    })
    yield Page("skills.html", "skills.html", context)


# --- channels ----------------------------------------------------------------------------

def _channel_apps(refs: Refs, today: date) -> dict[str, list[Row]]:
    found: dict[str, list[Row]] = defaultdict(list)
    apps = [a for a in refs.apps.values()
            if is_pipeline(a) and a.channel and a.applied is not None]
    for app in sorted(apps, key=lambda a: (a.applied, a.rel), reverse=True):
        found[app.channel or ""].append(
            refs.app(app, stage=furthest_stage(app, today).label, applied=app.applied))
    return found


def _response_rows(refs: Refs, groups: Iterable[Any], named: bool) -> list[Row]:
    """Per channel rows name each application; per company rows only its role."""
    rows = []
    for g in groups:
        apps = [(refs.by_slug[s.slug], s.days) for s in g.samples if s.slug in refs.by_slug]
        samples = [refs.ref(app.rel, app.title if named else app.role, days=days)
                   for app, days in apps]
        rows.append({"name": label(g.key) if named else g.key, "group": g,
                     "samples": samples})
    return rows


def _week_rows(refs: Refs) -> list[Row]:
    vault = refs.site.vault
    weeks = applications_per_week(vault.applications, vault.today, vault.settings)
    sent: dict[date, list[Row]] = defaultdict(list)
    for app in sorted(refs.apps.values(), key=lambda a: (a.applied or date.min, a.rel)):
        if is_pipeline(app) and app.applied is not None and app.applied <= vault.today:
            sent[week_start(app.applied, vault.settings)].append(refs.ref(app.rel, app.company))
    goal = vault.settings.goals.applications
    return [{"start": w.week_start, "label": _short_day(w.week_start), "count": w.count,
             "met": goal > 0 and w.count >= goal, "apps": sent[w.week_start]} for w in weeks]


def _shown_steps(steps: list[Any]) -> list[Row]:
    """The funnel steps the page shows, each "from previous" against the step shown
    above it (as the chart says: Interview -> Offer, 3 of 12), not a step left out."""
    return [{"label": step.label, "count": step.count, "overall": step.overall,
             "rate": ratio(step.count, steps[n - 1].count) if n else None}
            for n, step in enumerate(steps)]


def channels_pages(site: SiteData) -> Iterable[Page]:
    if not site.mine("channels.html"):
        return
    vault, refs = site.vault, Refs(site)
    apps, today, settings = vault.applications, vault.today, vault.settings
    overall = funnel(apps, today, settings)
    steps = [overall.step(k) for k in FUNNEL_KEYS]
    funnel_chart = funnel_svg(
        [(s.label, s.count) for s in steps], chart_id="channel-funnel",
        title="Applications by stage reached, all channels",
        desc=_pairs_text((s.label, s.count) for s in steps),
        rates=enough(steps[0].count if steps else 0))
    mix = channels.channel_mix(apps, settings)
    mix_rows = [r for r in mix.rows if r.count or r.target_pct]
    mix_chart = share_vs_target_svg(
        [(label(r.channel), r.share_pct or 0.0, r.target_pct) for r in mix_rows if mix.total],
        chart_id="channel-share", title="Share of applications per channel against target",
        desc=_pairs_text((label(r.channel), f"{percent((r.share_pct or 0) / 100)} (target "
                          f"{percent(r.target_pct / 100)})") for r in mix_rows),
        empty_text="No applications with a channel yet")
    over = next((r for r in mix.rows if r.channel == mix.most_over), None)
    under = next((r for r in mix.rows if r.channel == mix.most_under), None)
    per_channel = channels.channel_funnels(apps, today, settings)
    best = channels.best_response(per_channel)
    times = response_times(apps, today, settings)
    answered = [g for g in times.by_channel if g.median_days is not None]
    times_chart = bar_chart_svg(
        [(label(g.key), g.median_days) for g in answered], chart_id="response-days",
        title="Median days to a first response, per channel",
        desc=_pairs_text((label(g.key), f"{g.median_days:g} days") for g in answered),
        value_format="{:g} d", empty_text="No responses yet")
    weeks = _week_rows(refs)
    # More columns than this get too thin to read on a laptop; the table keeps every week.
    charted = weeks[-CHART_WEEKS:]
    weeks_chart = stacked_columns_svg(
        [w["label"] for w in charted], [("Applications", [w["count"] for w in charted])],
        chart_id="applications-per-week",
        title="Applications per week" + (f", the last {len(charted)}"
                                         if len(charted) < len(weeks) else ""),
        desc=_pairs_text((f"week of {w['label']}", w["count"]) for w in charted),
        empty_text="No applications sent yet")
    context = _base(site, "channels.html", "channels", "Channels")
    context.update({
        "steps": _shown_steps(steps), "funnel_chart": funnel_chart,
        "channels": per_channel,
        "over": over, "under": under, "best": best,
        "channel_apps": _channel_apps(refs, today),
        "mix": mix, "mix_rows": mix_rows, "mix_chart": mix_chart,
        "times": times, "times_chart": times_chart,
        "median_shown": enough(times.overall.answered), "min_sample": MIN_SAMPLE,
        "mix_shown": enough(mix.total),
        "funnel_rates_shown": enough(steps[0].count if steps else 0),
        "times_by_channel": _response_rows(refs, times.by_channel, named=True),
        "times_by_company": sorted(
            _response_rows(refs, times.by_company, named=False),
            key=lambda r: (r["group"].median_days is None, r["group"].median_days or 0)),
        "weeks": weeks, "weeks_chart": weeks_chart, "charted_weeks": len(charted),
        "week_goal": settings.goals.applications,
    })
    yield Page("channels.html", "channels.html", context)


# --- network -----------------------------------------------------------------------------

_DUE_TITLES = {"thank-you": "Thank-you note", "connect": "Connect on LinkedIn",
               "touch": "Get back in touch"}


def _due_row(due: network.Due, today: date, **extra: Any) -> Row:
    if due.kind == "thank-you":
        context = "the meeting" if due.context == "meeting" else due.context
        detail = f"for {context} on {day(due.event)}"
    elif due.kind == "connect":
        detail = f"met on {day(due.event)}"
    else:
        detail = f"last contact {day(due.event)}"
    state = "overdue" if due.due < today else "today" if due.due == today else "soon"
    return {"due": due, "title": _DUE_TITLES[due.kind], "detail": detail, "state": state,
            **extra}


def people_pages(site: SiteData) -> Iterable[Page]:
    vault = site.vault
    today, settings = vault.today, vault.settings
    if site.mine("people/index.html"):
        yield _people_index(site)
    for person in vault.people:
        path = site.links.person(person)
        if not site.mine(path):
            continue
        info = site.analysis.contact(person)
        linked = site.analysis.linked_applications(person)
        context = _base(site, path, "people", person.name)
        context.update({
            "person": person, "contact": info,
            "dues": [_due_row(d, today) for d in info.due],
            "apps": sorted(linked, key=lambda a: (a.applied or date.min, a.company.casefold())),
            "email_url": mailto_url(person.email),
            "linkedin": linkedin_url(person.linkedin),
            "last_contact": info.last_contact,
            "touch_days": settings.windows.touch_days,
            "body": _body(site, person.body, path),
            "findings": site.findings.get(person.rel, []),
        })
        yield Page(path, "person.html", context)


def _people_index(site: SiteData) -> Page:
    vault, refs = site.vault, Refs(site)
    apps, today, settings = vault.applications, vault.today, vault.settings
    contacts = site.analysis.contacts
    by_rel = {p.rel: p for p in vault.people}
    href = {c.rel: site.links.person(by_rel[c.rel]) for c in contacts}
    horizon = today + timedelta(days=SOON_DAYS)
    # A cold contact's overdue touch is already in the going-cold list.
    dues = [_due_row(d, today, contact=c, href=href[c.rel])
            for c in contacts for d in c.due
            if d.due <= horizon and not (d.kind == "touch" and c.going_cold)]
    dues.sort(key=lambda r: (r["due"].due, r["contact"].name.casefold(), r["due"].kind))
    companies = network.people_by_company(vault.people, apps)

    def company_row(entry: network.CompanyContacts) -> Row:
        return {"company": entry.company,
                "people": [{"ref": p, "href": site.links.note(p.rel)} for p in entry.people],
                "apps": [refs.ref(a.rel, refs.apps[a.rel].role, status=a.status)
                         for a in entry.applications]}

    context = _base(site, "people/index.html", "people", "Network")
    context.update({
        "contacts": [{"c": c, "href": href[c.rel],
                      "next": _due_row(c.due[0], today) if c.due else None} for c in contacts],
        "cold": [{"c": c, "href": href[c.rel]} for c in network.going_cold(contacts)],
        "dues": dues, "due_now": sum(r["state"] != "soon" for r in dues),
        # Most contacts first (A-Z among equals); the page folds those after COMPANIES_SHOWN.
        "known": [company_row(e) for e in sorted(companies.known, key=lambda e: -len(e.people))],
        "companies_shown": COMPANIES_SHOWN,
        "nobody": [company_row(e) for e in companies.nobody],
        "undated": sum(c.last_contact is None for c in contacts),
        "touch_days": settings.windows.touch_days, "soon_days": SOON_DAYS,
        "cooling_from": max(settings.windows.touch_days - network.COOLING_MARGIN_DAYS, 0),
        "touches": site.analysis.touches(),
    })
    return Page("people/index.html", "people.html", context)


# --- alternatives ------------------------------------------------------------------------

def alternatives_pages(site: SiteData) -> Iterable[Page]:
    if not site.mine("alternatives.html"):
        return
    vault, refs = site.vault, Refs(site)
    apps, today, settings = vault.applications, vault.today, vault.settings
    talks = alternatives.informational_interviews(apps, vault.people, today)
    roles = alternatives.alternative_roles(apps, today, settings)
    transferable = alternatives.transferable_skills(
        apps, settings, matches=site.job_skills().matches.values())
    ids = skill_ids(site.job_skills().demand)
    context = _base(site, "alternatives.html", "alternatives", "Alternatives")
    context.update({
        "talks": [refs.ref(t.rel, t.title, item=t, people=[refs.person(p) for p in t.people])
                  for t in talks],
        "last_talk": max((t.date for t in talks if t.date and t.date <= today), default=None),
        "roles": [refs.ref(r.rel, r.title, role=r) for r in roles],
        "transferable": [{"t": t, "id": ids.get(t.key)} for t in transferable],
        "transferable_have": sum(t.status == "have" for t in transferable),
        "transferable_count": len(transferable),
        "role_kinds": len({alternatives.role_key(a.role) for a in apps
                           if not a.is_informational}),
    })
    yield Page("alternatives.html", "alternatives.html", context)


PAGE_BUILDERS: list[Callable[[SiteData], Iterable[Page]]] = [
    people_pages, postmortem_pages, skills_pages, channels_pages, alternatives_pages,
]
