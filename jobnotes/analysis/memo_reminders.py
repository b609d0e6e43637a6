"""``reminders.reminders`` kept across rebuilds (see ``notememo``).

Each reminder comes from one source: an application's own reminders, its "applied
during a cooling-off" note (which depends on the latest rejection whose window holds its
application date), its "applying again" note (which depends on the earlier closed
applications to the same company), or a person's dues (which depend on the applications
listing that person). A rebuild looks again only at the sources a changed note can
reach, and keeps every reminder in one list sorted as ``reminders`` sorts them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta

from jobnotes.analysis import reminders as plain
from jobnotes.analysis.memo_contacts import IndexState, index_state, person_key
from jobnotes.analysis.network import company_key, name_key, window_days
from jobnotes.analysis.notememo import Changes, Generation, NoteMemo, Ordered
from jobnotes.analysis.reminder import OPEN_STATUSES
from jobnotes.analysis.reminders import Reminder, cooling_off_window, sort_key
from jobnotes.analysis.thank_yous import interview_thank_yous
from jobnotes.model import Application, Person
from jobnotes.settings import Settings

Note = Application | Person
Source = tuple[str, int]          # (kind of source, id of its note)
ByRel = dict[str, list[Reminder]]


def _listed_under(note: Note, found: tuple[Reminder, ...]) -> set[str]:
    """The pages listing a source's reminders: its note's, and the applications a
    person's thank-you arises from (``Reminder.listed_under``; next actions merge later)."""
    return {note.rel, *(r.app_rel for r in found if r.app_rel)}


def _is_closed(app: Application) -> bool:
    """An earlier application that ended badly, as ``_reapply_notes`` reads it."""
    return (not app.is_informational and app.applied is not None
            and (app.rejected is not None or app.status in ("rejected", "ghosted")))


def _is_open(app: Application) -> bool:
    return app.status in OPEN_STATUSES and not app.is_informational


class _Reminders:
    __slots__ = ("gen", "settings", "today", "days", "ordered", "sources", "rel_sources",
                 "touched", "windows", "recent", "companies", "result", "by_rel")

    def __init__(self, gen: Generation, settings: Settings, today: date) -> None:
        self.gen, self.settings, self.today = gen, settings, today
        self.days = window_days(settings.windows.cooling_off_hours)
        self.ordered: Ordered[Reminder] = Ordered()
        # source -> (its note, what else it was computed from, its reminders, their keys)
        self.sources: dict[Source, tuple[Note, object, tuple[Reminder, ...], tuple]] = {}
        self.rel_sources: dict[str, set[Source]] = defaultdict(set)
        self.touched: set[str] = set()
        # Rejections by the start of their cooling-off; recently sent applications.
        self.windows: Ordered[Application] = Ordered()
        self.recent: Ordered[Application] = Ordered()
        # Company key -> its open and closed applications (what "applying again" reads).
        self.companies: dict[str, dict[int, Application]] = {}
        self.result: list[Reminder] = []
        self.by_rel: ByRel = {}

    # -- sources ---------------------------------------------------------------------------

    def put(self, kind: str, note: Note, basis: object,
            make: Callable[[], list[Reminder] | tuple[Reminder, ...]]) -> None:
        """Set the reminders of a source, made by ``make()`` unless the note and
        ``basis`` (what else they are made from) are those of last time."""
        old = self.sources.get((kind, id(note)))
        if old is not None and old[0] is note and old[1] is basis:
            return
        self.drop(kind, note)
        found = tuple(make())
        if not found:
            return
        keys = tuple(sort_key(r) for r in found)
        self.sources[kind, id(note)] = (note, basis, found, keys)
        for rel in _listed_under(note, found):
            self.rel_sources[rel].add((kind, id(note)))
            self.touched.add(rel)
        for key, reminder in zip(keys, found, strict=True):
            self.ordered.add(key, reminder)

    def drop(self, kind: str, note: Note) -> None:
        old = self.sources.pop((kind, id(note)), None)
        if old is None:
            return
        for rel in _listed_under(note, old[2]):
            self.rel_sources[rel].discard((kind, id(note)))
            self.touched.add(rel)
        for key, reminder in zip(old[3], old[2], strict=True):
            self.ordered.discard(key, reminder)

    def regroup(self) -> None:
        """``reminders_by_rel`` anew for the paths whose reminders changed."""
        if not self.touched:
            return
        by_rel = dict(self.by_rel)
        for rel in self.touched:
            pairs = [pair for source in sorted(self.rel_sources.get(rel, ()))
                     for pair in zip(self.sources[source][3], self.sources[source][2],
                                     strict=True)
                     if rel in pair[1].listed_under]
            if pairs:
                pairs.sort(key=lambda pair: pair[0])
                by_rel[rel] = [reminder for _, reminder in pairs]
            else:
                by_rel.pop(rel, None)
                self.rel_sources.pop(rel, None)
        self.touched = set()
        self.by_rel = by_rel

    # -- applications ----------------------------------------------------------------------

    def add_app(self, memo: NoteMemo, app: Application) -> None:
        self.put("own", app, None, lambda: memo.value(
            "own-reminders", app,
            lambda a: tuple(plain.own_reminders(a, self.settings, self.today))))
        self._index(app, add=True)

    def remove_app(self, app: Application) -> None:
        for kind in ("own", "cool", "again", "thanks"):
            self.drop(kind, app)
        self._index(app, add=False)

    def _index(self, app: Application, add: bool) -> None:
        window = cooling_off_window(app, self.settings)
        lists = [(self.windows, (window[0], app.rel))] if window is not None else []
        if self._is_recent(app):
            lists.append((self.recent, (app.applied, app.rel)))
        for where, key in lists:
            if add:
                where.add(key, app)
            else:
                where.discard(key, app)
        if _is_open(app) or _is_closed(app):
            members = self.companies.setdefault(company_key(app.company), {})
            if add:
                members[id(app)] = app
            else:
                members.pop(id(app), None)

    def _is_recent(self, app: Application) -> bool:
        """Sent in the days an "applied during a cooling-off" note is shown."""
        return (app.applied is not None and not app.is_informational
                and self.today - timedelta(days=plain.NOTE_DAYS) <= app.applied <= self.today)

    # -- notes across applications ---------------------------------------------------------

    def near(self, removed: list[Application], added: list[Application]
             ) -> list[Application]:
        """The recent applications whose note these changes may alter: those sent in
        the window of a rejection that came or went, and those that came."""
        found: dict[int, Application] = {}
        for app in removed + added:
            window = cooling_off_window(app, self.settings)
            if window is not None:
                found.update((id(a), a) for a in self.recent.between((window[0],),
                                                                     (window[1],)))
        found.update((id(a), a) for a in added if self._is_recent(a))
        return list(found.values())

    def cooling_notes(self, apps: list[Application]) -> None:
        for app in apps:
            rejection = self._latest_rejection(app)
            self.put("cool", app, rejection, lambda app=app, rejection=rejection: (
                () if rejection is None
                else [n for n in [plain.cooling_off_note(app, rejection, self.today)] if n]))

    def _latest_rejection(self, app: Application) -> Application | None:
        """As ``applied_in_cooling_off``: of the rejections whose cooling-off holds the
        date ``app`` was sent, the latest by start, then path."""
        assert app.applied is not None
        held = self.windows.between((app.applied - timedelta(days=self.days - 1),),
                                    (app.applied + timedelta(days=1),))
        return next((r for r in reversed(held) if r is not app), None)

    def company_notes(self, keys: set[str]) -> None:
        """The "applying again" notes of the open applications to these companies."""
        for key in keys:
            members = list(self.companies.get(key, {}).values())
            if not members:
                self.companies.pop(key, None)
            closed = sorted((a for a in members if _is_closed(a)),
                            key=lambda a: (a.applied, a.rel))
            for app in members:
                if not _is_open(app):
                    continue
                before = next((e for e in reversed(closed) if e is not app and (
                    app.applied is None or e.applied < app.applied)), None)  # type: ignore[operator]
                self.put("again", app, before, lambda app=app, before=before: (
                    () if before is None else tuple(
                        n for n in [plain.reapply_note(app, before, self.today)] if n)))

    def thanks(self, apps: list[Application], index: IndexState) -> None:
        """The thank-yous of these applications that no person note asks for (they
        depend on which of their contacts have a note)."""
        for app in apps:
            notes = {key: tuple(index.people.get(key, {}).values())
                     for key in dict.fromkeys(name_key(c) for c in app.contacts)}
            basis = tuple(p for held in notes.values() for p in held)
            old = self.sources.get(("thanks", id(app)))
            if (old is not None and old[0] is app and len(old[1]) == len(basis)
                    and all(a is b for a, b in zip(old[1], basis, strict=True))):
                continue
            self.put("thanks", app, basis, lambda app=app, notes=notes: (
                interview_thank_yous(app, notes, self.settings, self.today)))

    # -- people -----------------------------------------------------------------------------

    def person(self, memo: NoteMemo, person: Person, index: IndexState) -> None:
        linked = index.index.get(person_key(memo, person), ())
        self.put("person", person, linked, lambda: plain.person_reminders(
            person, index.gen.apps, self.settings, self.today, index.index))

    # -- a generation --------------------------------------------------------------------------

    def build(self, memo: NoteMemo, index: IndexState) -> None:
        for where in (self.ordered, self.windows, self.recent):
            where.defer()
        for app in self.gen.apps:
            self.add_app(memo, app)
        self.windows.settle()
        self.recent.settle()
        self.cooling_notes(self.recent.items)
        self.company_notes(set(self.companies))
        self.thanks(self.gen.apps, index)
        for person in self.gen.people:
            self.person(memo, person, index)
        self.ordered.settle()

    def update(self, memo: NoteMemo, changes: Changes, people: list[Person],
               index: IndexState) -> None:
        self.gen = changes.new
        companies = set()
        for app in changes.removed_apps:
            self.remove_app(app)
            companies.add(company_key(app.company))
        for app in changes.added_apps:
            self.add_app(memo, app)
            companies.add(company_key(app.company))
        self.cooling_notes(self.near(changes.removed_apps, changes.added_apps))
        self.company_notes(companies)
        for person in changes.removed_people:
            self.drop("person", person)
        named = {id(a): a for a in changes.added_apps}
        for person in (*changes.removed_people, *changes.added_people):
            named.update((id(a), a) for a in index.index.get(person_key(memo, person), ()))
        self.thanks(list(named.values()), index)
        for person in people:
            self.person(memo, person, index)


def reminders(memo: NoteMemo, gen: Generation, settings: Settings,
              today: date) -> tuple[list[Reminder], ByRel]:
    """``reminders.reminders(gen.apps, gen.people, settings, today)`` and the same
    reminders by note path (lists never changed afterwards; call with ``memo.lock``)."""
    if not gen.unique:
        found = plain.reminders(gen.apps, gen.people, settings, today)
        by_rel: ByRel = defaultdict(list)
        for reminder in found:
            for rel in reminder.listed_under:
                by_rel[rel].append(reminder)
        return found, dict(by_rel)
    index = index_state(memo, gen)
    state: _Reminders | None
    state, changes = memo.follow("reminders", gen)
    if state is not None and changes is None:
        return state.result, state.by_rel
    if state is not None and changes is not None:
        people = index.affected(memo, state.gen, changes)
        if people is None:
            state = None
        else:
            state.update(memo, changes, people, index)
    if state is None:
        state = _Reminders(gen, settings, today)
        state.build(memo, index)
        memo.keep("reminders", state)
    state.regroup()
    state.result = list(state.ordered.items)
    return state.result, state.by_rel
