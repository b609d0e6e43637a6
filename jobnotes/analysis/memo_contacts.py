"""``network.contact_index`` and ``network.network`` kept across rebuilds (see
``notememo``): a changed application touches the index entries of the names it lists, and
only the people with those names are looked at again."""

from __future__ import annotations

from bisect import bisect_right
from datetime import date

from jobnotes.analysis import network
from jobnotes.analysis.network import Contact, name_key
from jobnotes.analysis.notememo import Changes, Generation, NoteMemo, Ordered
from jobnotes.model import Application, Person
from jobnotes.settings import Settings

HISTORY = 32      # updates of the index remembered for the figures that depend on it


def contact_keys(app: Application) -> tuple[str, ...]:
    """The name keys ``app`` lists, each once, in order."""
    return tuple(dict.fromkeys(name_key(c) for c in app.contacts))


def person_key(memo: NoteMemo, person: Person) -> str:
    return memo.value("name-key", person, lambda p: name_key(p.name))


class IndexState:
    """The contact index of one generation, the people by name key, and which name keys
    each update touched (so the figures built on the index know what to look at)."""

    __slots__ = ("gen", "index", "people", "base", "history")

    def __init__(self, memo: NoteMemo, gen: Generation) -> None:
        self.gen = gen
        self.index: dict[str, tuple[Application, ...]] = dict(network.contact_index(gen.apps))
        self.people: dict[str, dict[int, Person]] = {}
        for person in gen.people:
            self.people.setdefault(person_key(memo, person), {})[id(person)] = person
        self.base = gen.number
        self.history: list[tuple[int, int, frozenset[str]]] = []   # (from, to, keys)

    def update(self, memo: NoteMemo, changes: Changes) -> None:
        index = dict(self.index)          # earlier generations keep theirs unchanged
        touched: set[str] = set()
        for app in changes.removed_apps:
            for key in contact_keys(app):
                kept = tuple(a for a in index.get(key, ()) if a is not app)
                if kept:
                    index[key] = kept
                else:
                    index.pop(key, None)
                touched.add(key)
        for app in changes.added_apps:
            for key in contact_keys(app):
                listed = list(index.get(key, ()))
                listed.insert(bisect_right([a.rel for a in listed], app.rel), app)
                index[key] = tuple(listed)
                touched.add(key)
        for person in changes.removed_people:
            self.people.get(person_key(memo, person), {}).pop(id(person), None)
        for person in changes.added_people:
            self.people.setdefault(person_key(memo, person), {})[id(person)] = person
        self.history.append((self.gen.number, changes.new.number, frozenset(touched)))
        if len(self.history) > HISTORY:
            del self.history[0]
            self.base = self.history[0][0]
        self.index, self.gen = index, changes.new

    def touched_since(self, number: int) -> set[str] | None:
        """The name keys whose applications changed after generation ``number``; None when
        that is not known any more."""
        if number < self.base:
            return None
        found: set[str] = set()
        for _, to, keys in self.history:
            if to > number:
                found |= keys
        return found

    def affected(self, memo: NoteMemo, since: Generation, changes: Changes
                 ) -> list[Person] | None:
        """The people of this generation whose contact figures may differ from those of
        generation ``since``: new people and people named by a changed application."""
        touched = self.touched_since(since.number)
        if touched is None:
            return None
        found = {id(p): p for p in changes.added_people}
        for key in touched:
            found.update(self.people.get(key, {}))
        return list(found.values())


def index_state(memo: NoteMemo, gen: Generation) -> IndexState:
    """The contact index state brought up to ``gen`` (call with ``memo.lock`` held)."""
    state: IndexState | None
    state, changes = memo.follow("contact-index", gen)
    if state is not None and changes is not None:
        state.update(memo, changes)
    if state is None:
        state = IndexState(memo, gen)
        memo.keep("contact-index", state)
    return state


def contact_index(memo: NoteMemo, gen: Generation) -> network.ContactIndex:
    """``network.contact_index(gen.apps)`` (a dict never changed afterwards)."""
    return index_state(memo, gen).index


class _Contacts:
    __slots__ = ("gen", "ordered", "of", "result")

    def __init__(self, gen: Generation) -> None:
        self.gen = gen
        self.ordered: Ordered[Contact] = Ordered()
        self.of: dict[int, tuple[Person, tuple[Application, ...], Contact]] = {}
        self.result: tuple[Contact, ...] = ()

    def put(self, memo: NoteMemo, person: Person, index: IndexState, settings: Settings,
            today: date) -> None:
        linked = index.index.get(person_key(memo, person), ())
        entry = self.of.get(id(person))
        if entry is not None and entry[0] is person and entry[1] is linked:
            return
        self.drop(person)
        found = network.contact(person, index.gen.apps, settings, today, index.index)
        self.of[id(person)] = (person, linked, found)
        self.ordered.add((found.name.casefold(), found.rel), found)

    def drop(self, person: Person) -> None:
        entry = self.of.pop(id(person), None)
        if entry is not None:
            self.ordered.discard((entry[2].name.casefold(), entry[2].rel), entry[2])


def contacts(memo: NoteMemo, gen: Generation, settings: Settings,
             today: date) -> tuple[Contact, ...]:
    """``network.network(gen.people, gen.apps, settings, today)``."""
    if not gen.unique:
        return network.network(gen.people, gen.apps, settings, today)
    index = index_state(memo, gen)
    state: _Contacts | None
    state, changes = memo.follow("contacts", gen)
    if state is not None and changes is None:
        return state.result
    people = None
    if state is not None and changes is not None:
        people = index.affected(memo, state.gen, changes)
        if people is not None:
            for person in changes.removed_people:
                state.drop(person)
    if state is None or people is None:
        state, people = _Contacts(gen), gen.people
        state.ordered.defer()
    for person in people:
        state.put(memo, person, index, settings, today)
    state.ordered.settle()
    state.gen, state.result = gen, tuple(state.ordered.items)
    memo.keep("contacts", state)
    return state.result
