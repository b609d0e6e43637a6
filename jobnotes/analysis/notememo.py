"""Figures kept from one rebuild to the next, note by note.

``jobnotes serve`` rebuilds after every save, and a note that did not change comes back
as the very same object. A ``NoteMemo`` keeps what was computed from each note, keyed by
the note's identity (the note is stored with the value and compared with ``is``: notes
are unhashable, and an equal-looking note is not the same note), and the aggregates
built from those values, each with the generation of notes it describes. The next
rebuild then updates an aggregate by the few notes added and removed instead of reading
every note again; the figures are exactly those of the plain functions.

Everything also depends on the settings and the day: when either changes, the memo
forgets all it holds. A note must not be changed once handed to a memo, and one memo
serves one build at a time (the functions using it hold ``lock``).

Keep one memo for a session and pass it to every rebuild::

    memo = NoteMemo()
    site = SiteData.of(vault, memo=memo)   # or Analysis.of(vault, memo), job_skills(vault, memo)
"""

from __future__ import annotations

import threading
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date
from itertools import compress, count
from operator import attrgetter, ne
from typing import Any, Generic, TypeVar

from jobnotes.model import Application, Person
from jobnotes.settings import Settings

T = TypeVar("T")
N = TypeVar("N")
_REL = attrgetter("rel")
# More changed notes than this: rebuilding an aggregate beats updating it note by note.
MAX_CHANGES = 64


class Generation:
    """The notes of one rebuild. ``unique``: no two notes share a path and no two
    applications a page name, which the aggregates' orders rely on (else they are
    computed by the plain functions)."""

    __slots__ = ("number", "apps", "people", "app_order", "people_order", "unique", "_ranks",
                 "_ids")

    def __init__(self, number: int, apps: list[Application], people: list[Person]) -> None:
        self.number = number
        self.apps = apps
        self.people = people
        self.app_order = list(map(id, apps))
        self.people_order = list(map(id, people))
        self.unique = True
        self._ranks: dict[str, int] | None = None
        self._ids: set[int] | None = None

    def has(self, note: Application | Person) -> bool:
        """Whether ``note`` (this very object) is one of this generation's notes."""
        if self._ids is None:
            self._ids = {*self.app_order, *self.people_order}
        return id(note) in self._ids

    def rank(self, rel: str) -> int:
        """The position in ``apps`` of the application at ``rel``."""
        if self._ranks is None:
            self._ranks = dict(zip(map(_REL, self.apps), range(len(self.apps)), strict=True))
        return self._ranks[rel]


def _first_difference(old: Iterable[int], new: Iterable[int], limit: int) -> int:
    return next(compress(count(), map(ne, old, new)), limit)


class _Diff:
    """How one list of notes became another: the middle part that differs (the notes
    before and after it are the same objects in the same places)."""

    __slots__ = ("start", "old", "new", "removed", "added", "in_order")

    def __init__(self, old_ids: list[int], new_ids: list[int], old: list[T],
                 new: list[T]) -> None:
        shorter = min(len(old_ids), len(new_ids))
        start = _first_difference(old_ids, new_ids, shorter)
        end = min(_first_difference(reversed(old_ids), reversed(new_ids), shorter),
                  shorter - start)
        self.start = start
        self.old = old_ids[start:len(old_ids) - end]
        self.new = new_ids[start:len(new_ids) - end]
        was, now = set(self.old), set(self.new)
        self.removed = [old[start + k] for k, i in enumerate(self.old) if i not in now]
        self.added = [new[start + k] for k, i in enumerate(self.new) if i not in was]
        self.in_order = ([i for i in self.old if i in now] == [i for i in self.new if i in was])


class Changes:
    """The notes in one generation and not in an older one, and the other way round."""

    __slots__ = ("old", "new", "added_apps", "removed_apps", "added_people", "removed_people",
                 "_apps", "_swaps")

    def __init__(self, old: Generation, new: Generation) -> None:
        self.old, self.new = old, new
        apps = _Diff(old.app_order, new.app_order, old.apps, new.apps)
        people = _Diff(old.people_order, new.people_order, old.people, new.people)
        self._apps = apps
        self.removed_apps: list[Application] = apps.removed
        self.added_apps: list[Application] = apps.added
        self.removed_people: list[Person] = people.removed
        self.added_people: list[Person] = people.added
        self._swaps: list[tuple[int, Application, Application]] | None | bool = False

    @property
    def size(self) -> int:
        return (len(self.added_apps) + len(self.removed_apps) + len(self.added_people)
                + len(self.removed_people))

    def in_order(self) -> bool:
        """Whether the applications in both generations are in the same relative order."""
        return self._apps.in_order

    def swaps(self) -> list[tuple[int, Application, Application]] | None:
        """(position, old, new) of each application replaced in place, when that is the
        only change to the list of applications; else None."""
        if self._swaps is False:
            self._swaps = self._find_swaps()
        return self._swaps  # type: ignore[return-value]

    def _find_swaps(self) -> list[tuple[int, Application, Application]] | None:
        diff = self._apps
        if len(diff.old) != len(diff.new):
            return None
        gone = {id(a) for a in diff.removed}
        came = {id(a) for a in diff.added}
        found = []
        for k, (was, now) in enumerate(zip(diff.old, diff.new, strict=True)):
            if was == now:
                continue
            if was not in gone or now not in came:
                return None
            at = diff.start + k
            found.append((at, self.old.apps[at], self.new.apps[at]))
        return found


class NoteMemo:
    """Per-note values and aggregates kept across rebuilds (see the module docstring)."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self._context: tuple[str, date] | None = None
        self._settings: Settings | None = None
        self._current: Generation | None = None
        self._last: Changes | None = None
        self._tables: dict[str, dict[int, tuple[Any, Any, Any]]] = {}
        self._states: dict[str, Any] = {}
        self._rels: Counter[str] = Counter()
        self._slugs: Counter[str] = Counter()
        self._duplicates = 0

    def generation(self, apps: list[Application], people: list[Person], settings: Settings,
                   today: date) -> Generation:
        """The generation of these notes (the current one when the lists are the same
        objects as last time), forgetting everything when the settings or day changed."""
        current = self._current
        if (current is not None and current.apps is apps and current.people is people
                and settings is self._settings and self._context is not None
                and self._context[1] == today):
            return current
        context = (repr(settings), today)
        if context != self._context:
            self._tables.clear()
            self._states.clear()
            self._context, current = context, None
        self._settings = settings
        new = Generation(current.number + 1 if current else 1, apps, people)
        if current is None:
            self._rels.clear()
            self._slugs.clear()
            self._duplicates = 0
            self._count(apps, people, 1)
            self._last = None
        else:
            self._last = changes = Changes(current, new)
            self._count(changes.removed_apps, changes.removed_people, -1)
            self._count(changes.added_apps, changes.added_people, 1)
            self._prune(changes, len(apps) + len(people))
        new.unique = self._duplicates == 0
        self._current = new
        return new

    def _count(self, apps: Iterable[Application], people: Iterable[Person], step: int) -> None:
        for counter, keys in ((self._rels, [a.rel for a in apps] + [p.rel for p in people]),
                              (self._slugs, [a.slug for a in apps])):
            for key in keys:
                before = counter[key]
                counter[key] = before + step
                self._duplicates += (before + step > 1) - (before > 1)
                if not counter[key]:
                    del counter[key]

    def _prune(self, changes: Changes, notes: int) -> None:
        gone = changes.removed_apps + changes.removed_people
        for table in self._tables.values():
            for note in gone:
                entry = table.get(id(note))
                if entry is not None and entry[0] is note:
                    del table[id(note)]
            if len(table) > notes + MAX_CHANGES:      # values of notes never in a vault
                for key in [k for k, entry in table.items() if not changes.new.has(entry[0])]:
                    del table[key]

    def changes(self, since: Generation, now: Generation) -> Changes:
        """What changed from ``since`` to ``now``."""
        last = self._last
        if last is not None and last.old is since and last.new is now:
            return last
        return Changes(since, now)

    def value(self, table: str, note: N, compute: Callable[[N], T], key: object = None) -> T:
        """``compute(note)``, remembered for this very note object (and ``key``, compared
        with ``is``: what else the value depends on) until the note leaves the vault."""
        entries = self._tables.get(table)
        if entries is None:
            entries = self._tables[table] = {}
        entry = entries.get(id(note))
        if entry is not None and entry[0] is note and entry[1] is key:
            return entry[2]
        found = compute(note)
        entries[id(note)] = (note, key, found)
        return found

    def forget(self, table: str, note: object) -> None:
        """Drop the value of ``note`` in ``table``: it is to be computed again."""
        entries = self._tables.get(table, {})
        entry = entries.get(id(note))
        if entry is not None and entry[0] is note:
            del entries[id(note)]

    def state(self, name: str) -> Any:
        """The aggregate kept under ``name`` (None before the first or after a change of
        settings or day)."""
        return self._states.get(name)

    def follow(self, name: str, gen: Generation) -> tuple[Any, Changes | None]:
        """The aggregate kept under ``name`` (its ``gen`` attribute: the generation it
        describes) and the changes from that generation to ``gen``: (None, None) when
        there is none or it is too far behind to be updated note by note, (aggregate,
        None) when it describes ``gen`` already."""
        state = self._states.get(name)
        if state is None or state.gen is gen:
            return state, None
        changes = self.changes(state.gen, gen)
        if changes.size > MAX_CHANGES:
            return None, None
        return state, changes

    def keep(self, name: str, state: object) -> None:
        self._states[name] = state


class Ordered(Generic[T]):
    """Items sorted by key, kept sorted as items come and go.

    Items with equal keys stay in the order they were added, or, with ``tie`` given to
    ``add`` and ``settle``, in the order of ``tie(item)``.
    """

    __slots__ = ("keys", "items", "_pending")

    def __init__(self) -> None:
        self.keys: list[Any] = []
        self.items: list[T] = []
        self._pending: list[tuple[Any, T]] | None = None

    def __len__(self) -> int:
        return len(self.items)

    def defer(self) -> None:
        """Collect what is added until ``settle``: one sort instead of many inserts."""
        self._pending = []

    def settle(self, tie: Callable[[T], Any] | None = None) -> None:
        pending, self._pending = self._pending, None
        if not pending:
            return
        pending = [*zip(self.keys, self.items, strict=True), *pending]
        if tie is None:
            pending.sort(key=lambda pair: pair[0])
        else:
            pending.sort(key=lambda pair: (pair[0], tie(pair[1])))
        self.keys = [k for k, _ in pending]
        self.items = [item for _, item in pending]

    def add(self, key: Any, item: T, tie: Callable[[T], Any] | None = None) -> None:
        if self._pending is not None:
            self._pending.append((key, item))
            return
        at = bisect_right(self.keys, key)
        low = bisect_left(self.keys, key, 0, at) if tie is not None else at
        if low < at:
            mine = tie(item)  # type: ignore[misc]
            while at > low and tie(self.items[at - 1]) > mine:  # type: ignore[misc]
                at -= 1
        self.keys.insert(at, key)
        self.items.insert(at, item)

    def discard(self, key: Any, item: T) -> None:
        """Remove ``item`` (this very object), added with ``key``."""
        at = bisect_left(self.keys, key)
        end = bisect_right(self.keys, key, at)
        for i in range(at, end):
            if self.items[i] is item:
                del self.keys[i]
                del self.items[i]
                return
        raise KeyError(key)

    def between(self, low: Any, high: Any) -> list[T]:
        """The items with low <= key < high."""
        return self.items[bisect_left(self.keys, low):bisect_left(self.keys, high)]


def adjust(counter: Counter[Any] | dict[Any, int], key: Any, step: int) -> None:
    """Add ``step`` to ``counter[key]``, dropping the key when it reaches 0."""
    value = counter.get(key, 0) + step
    if value:
        counter[key] = value
    else:
        counter.pop(key, None)


class Groups(Generic[T]):
    """Items in groups, each group an ``Ordered``, and which groups changed."""

    __slots__ = ("groups", "touched", "_deferred")

    def __init__(self) -> None:
        self.groups: dict[Any, Ordered[T]] = {}
        self.touched: set[Any] = set()
        self._deferred = False

    def defer(self) -> None:
        self._deferred = True

    def settle(self, tie: Callable[[T], Any] | None = None) -> None:
        self._deferred = False
        for group in self.groups.values():
            group.settle(tie)

    def add(self, group: Any, key: Any, item: T, tie: Callable[[T], Any] | None = None) -> None:
        found = self.groups.get(group)
        if found is None:
            found = self.groups[group] = Ordered()
            if self._deferred:
                found.defer()
        found.add(key, item, tie)
        self.touched.add(group)

    def discard(self, group: Any, key: Any, item: T) -> None:
        found = self.groups[group]
        found.discard(key, item)
        if not found:
            del self.groups[group]
        self.touched.add(group)

    def items(self, group: Any) -> list[T]:
        found = self.groups.get(group)
        return found.items if found is not None else []

    def take_touched(self) -> set[Any]:
        touched, self.touched = self.touched, set()
        return touched
