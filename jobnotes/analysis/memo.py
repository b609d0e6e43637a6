"""The aggregates of one vault on one day, each computed once and shared.

A site build asks for the same figures from many pages: the reminders from the dashboard
and from every application page, each contact from the network page and from the
person's page, the post-mortem digest from the post-mortems page and the scorecard. An
``Analysis`` computes each on first use and keeps it; the values are exactly those of the
plain functions it calls.

With a ``NoteMemo`` (kept by ``jobnotes serve`` from one rebuild to the next), the
aggregates are updated from those of the previous rebuild by the notes that changed,
instead of being computed from every note (see ``notememo``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date
from functools import cached_property
from typing import Any, TypeVar

from jobnotes.analysis import (
    feedback,
    memo_contacts,
    memo_dashboard,
    memo_pipeline,
    memo_reminders,
    network,
    postmortem,
    resilience,
    timing,
)
from jobnotes.analysis import funnel as funnel_mod
from jobnotes.analysis import scorecard as scorecard_mod
from jobnotes.analysis.accepted import after_acceptance
from jobnotes.analysis.notememo import Generation, NoteMemo
from jobnotes.analysis.planned import merge_planned
from jobnotes.analysis.reminders import Reminder, reminders
from jobnotes.analysis.skills import SkillDemand
from jobnotes.model import Application, Person, Vault
from jobnotes.settings import Settings

T = TypeVar("T")


def by_note(found: list[Reminder], rels: set[str] | None = None) -> dict[str, list[Reminder]]:
    """``found`` by the note each is about, in order; a merged next action is also listed
    under its application, and a thank-you after an interview under the application that
    held it (``Reminder.listed_under``). Only the notes in ``rels`` when given."""
    due: dict[str, list[Reminder]] = defaultdict(list)
    for r in found:
        for rel in r.listed_under:
            if rels is None or rel in rels:
                due[rel].append(r)
    return dict(due)


class Analysis:
    """Figures of ``apps`` and ``people`` on ``today``, read once per build."""

    def __init__(self, apps: list[Application], people: list[Person], settings: Settings,
                 today: date, memo: NoteMemo | None = None) -> None:
        self.apps = apps
        self.people = people
        self.settings = settings
        self.today = today
        self.memo = memo
        self._post_mortems: dict[str, postmortem.PostMortem] = {}

    @classmethod
    def of(cls, vault: Vault, memo: NoteMemo | None = None) -> Analysis:
        return cls(vault.applications, vault.people, vault.settings, vault.today, memo)

    def _generation(self) -> Generation:
        """This build's notes in the memo (call with ``memo.lock`` held)."""
        assert self.memo is not None
        return self.memo.generation(self.apps, self.people, self.settings, self.today)

    # -- people -----------------------------------------------------------------------

    @cached_property
    def contact_index(self) -> network.ContactIndex:
        if self.memo is not None:
            with self.memo.lock:
                gen = self._generation()
                if gen.unique:
                    return memo_contacts.contact_index(self.memo, gen)
        return network.contact_index(self.apps)

    @cached_property
    def people_index(self) -> feedback.PeopleIndex:
        return feedback.people_index(self.people)

    @cached_property
    def contacts(self) -> tuple[network.Contact, ...]:
        """``network.network``: every contact, by name."""
        if self.memo is not None:
            with self.memo.lock:
                return memo_contacts.contacts(self.memo, self._generation(), self.settings,
                                              self.today)
        return network.network(self.people, self.apps, self.settings, self.today,
                               self.contact_index)

    @cached_property
    def contact_by_rel(self) -> dict[str, network.Contact]:
        return {c.rel: c for c in self.contacts}

    def contact(self, person: Person) -> network.Contact:
        """``network.contact`` of one person."""
        if any(p is person for p in self._people_by_rel.get(person.rel, ())):
            return self.contact_by_rel[person.rel]
        return network.contact(person, self.apps, self.settings, self.today,
                               self.contact_index)

    @cached_property
    def _people_by_rel(self) -> dict[str, list[Person]]:
        found: dict[str, list[Person]] = defaultdict(list)
        for person in self.people:
            found[person.rel].append(person)
        return found

    def linked_applications(self, person: Person) -> list[Application]:
        return network.linked_applications(person, self.apps, self.contact_index)

    # -- reminders ----------------------------------------------------------------------

    @cached_property
    def reminders(self) -> list[Reminder]:
        """``reminders.reminders``; callers must not change the list."""
        if self.memo is not None:
            return self._kept_reminders[0]
        return reminders(self.apps, self.people, self.settings, self.today)

    @cached_property
    def _kept_reminders(self) -> tuple[list[Reminder], dict[str, list[Reminder]]]:
        assert self.memo is not None
        with self.memo.lock:
            kept, by_rel = memo_reminders.reminders(self.memo, self._generation(),
                                                    self.settings, self.today)
        # A next action merged with the reminder it repeats: across notes, so after the
        # per-note reminders are kept (see ``planned.merge_planned``).
        found = merge_planned(kept, self.apps, self.today)
        touched = {rel for r in found if r.planned_in for rel in r.listed_under}
        # An accepted offer closes the other applications rather than chasing them.
        accepted = after_acceptance(found, self.apps, self.today)
        if accepted is not found:
            kept = {id(r) for r in accepted}
            touched |= {rel for r in (*found, *accepted) if id(r) not in kept
                        or r.kind == "withdraw" for rel in r.listed_under}
            found = accepted
        if not touched:
            return found, by_rel
        return found, {**{rel: due for rel, due in by_rel.items() if rel not in touched},
                       **by_note(found, touched)}

    @cached_property
    def reminders_by_rel(self) -> dict[str, list[Reminder]]:
        """Each note's reminders; a merged next action is also listed on its application."""
        if self.memo is not None:
            return self._kept_reminders[1]
        return by_note(self.reminders)

    # -- rejections ----------------------------------------------------------------------

    def post_mortem(self, app: Application) -> postmortem.PostMortem:
        if self.memo is not None:
            with self.memo.lock:
                self._generation()
                return memo_pipeline.post_mortem(self.memo, app, self.today)
        found = self._post_mortems.get(app.rel)
        if found is None:
            found = self._post_mortems[app.rel] = postmortem.post_mortem(app, self.today)
        return found

    @cached_property
    def digest(self) -> postmortem.PostMortemDigest:
        if self.memo is not None:
            with self.memo.lock:
                gen = self._generation()
                if gen.unique:
                    return self._fold(gen, memo_pipeline.DigestFold)
        return postmortem.digest(self.apps, self.today)

    def feedback_email(self, app: Application) -> feedback.FeedbackEmail:
        return feedback.feedback_email(app, self.people, self.settings, self.today,
                                       index=self.people_index)

    def feedback_mailto(self, app: Application) -> str:
        return feedback.mailto(self.feedback_email(app))

    # -- the pipeline ---------------------------------------------------------------------

    @cached_property
    def funnel(self) -> funnel_mod.Funnel:
        if self.memo is not None:
            with self.memo.lock:
                return self._fold(self._generation(), memo_pipeline.FunnelFold)
        return funnel_mod.funnel(self.apps, self.today, self.settings)

    @cached_property
    def sankey(self) -> funnel_mod.Sankey:
        if self.memo is not None:
            with self.memo.lock:
                return self._fold(self._generation(), memo_pipeline.SankeyFold)
        return funnel_mod.sankey(self.apps, self.today, self.settings)

    # -- weekly goals, wins, activity --------------------------------------------------

    @cached_property
    def informational(self) -> resilience.Conversations:
        """``resilience.informational_conversations``."""
        return resilience.informational_conversations(self.apps, self.people, self.today)

    @cached_property
    def goal_events(self) -> dict[str, list[date]]:
        """``resilience.goal_events``; with a memo, each person's days are kept."""
        if self.memo is None:
            return resilience.goal_events(self.apps, self.people, self.today,
                                          index=self.contact_index,
                                          informational=self.informational)
        apps, today = self.apps, self.today
        with self.memo.lock:
            self._generation()
            days_of = self._per_person("conversation-days", lambda person, index: (
                network.person_conversation_days(person, apps, today, index)))
            networking = network.networking_conversations(self.people, apps, today,
                                                          days_of=days_of)
        return resilience.goal_events(apps, self.people, today,
                                      informational=self.informational,
                                      networking=networking)

    def scorecard(self, demand: list[SkillDemand] | None = None
                  ) -> tuple[scorecard_mod.Practice, ...]:
        """``scorecard.scorecard``; with a memo, each person's network figures are kept."""
        apps, people, settings, today = self.apps, self.people, self.settings, self.today
        shared = {"demand": demand, "contacts": self.contacts, "events": self.goal_events,
                  "index": self.contact_index, "review_of": self.post_mortem,
                  "informational": self.informational}
        if self.memo is None:
            return scorecard_mod.scorecard(apps, people, settings, today, **shared)
        with self.memo.lock:
            post_mortems = self._fold(self._generation(), memo_dashboard.PostMortemLineFold)
            return scorecard_mod.scorecard(apps, people, settings, today, kept=self._kept,
                                           post_mortems=post_mortems, **shared)

    def touches(self) -> scorecard_mod.Touches:
        """``scorecard.touches_on_time``; with a memo, each person's touches are kept."""
        apps, settings, today = self.apps, self.settings, self.today
        if self.memo is None:
            return scorecard_mod.touches_on_time(self.people, apps, settings, today,
                                                 self.contact_index)
        with self.memo.lock:
            self._generation()
            return scorecard_mod.touches_on_time(
                self.people, apps, settings, today,
                each=self._kept("touches", scorecard_mod.person_touches))

    def _kept(self, table: str, compute: Callable[..., T]) -> Callable[[Person], T]:
        """``compute(person, apps, settings, today, contact_index)``, kept as
        ``_per_person`` keeps it (call with ``memo.lock`` held)."""
        apps, settings, today = self.apps, self.settings, self.today
        return self._per_person(table, lambda person, index: (
            compute(person, apps, settings, today, index)))

    def _per_person(self, table: str, compute: Callable[[Person, network.ContactIndex], T]
                    ) -> Callable[[Person], T]:
        """``compute(person, contact_index)``, kept by the memo for that very person while
        the applications listing them are the same (call with ``memo.lock`` held)."""
        memo, index = self.memo, self.contact_index
        assert memo is not None

        def kept(person: Person) -> T:
            linked = index.get(memo_contacts.person_key(memo, person), ())
            return memo.value(table, person, lambda p: compute(p, index), key=linked)

        return kept

    def wins(self) -> list[resilience.Win]:
        """``resilience.wins``; with a memo, the applications' wins are kept."""
        of_apps = None
        if self.memo is not None:
            with self.memo.lock:
                of_apps = self._fold(self._generation(), memo_dashboard.WinsFold)
        return resilience.wins(self.apps, self.people, self.settings, self.today,
                               events=self.goal_events, informational=self.informational,
                               of_apps=of_apps)

    def activity_days(self, weeks: int = timing.ACTIVITY_WEEKS) -> timing.ActivityDays:
        """``timing.activity_days``; with a memo, the applications' events are kept (the
        fold's counters are read under its lock: a later rebuild updates them in place)."""
        networking = self.goal_events["networking"]
        if self.memo is None:
            return timing.activity_days(self.apps, self.people, self.today, self.settings,
                                        weeks, networking)
        with self.memo.lock:
            of_apps = self._fold(self._generation(), memo_dashboard.ActivityFold)
            return timing.activity_days(self.apps, self.people, self.today, self.settings,
                                        weeks, networking, of_apps)

    def _fold(self, gen: Generation, kind: type[memo_pipeline.AppFold]) -> Any:
        assert self.memo is not None
        return memo_pipeline.fold(self.memo, gen, kind, self.settings, self.today)
