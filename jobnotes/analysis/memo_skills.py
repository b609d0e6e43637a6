"""The figures of ``site.jobskills.job_skills`` kept across rebuilds (see ``notememo``).

An application's match is kept while the note and the skill vocabulary stay the same.
The vocabulary is built from every note's ``skills:``, but only the spellings the
shipped list does not know shape it, so it changes (and every description is read
again) only when those do. What is built on the matches — the "earlier themes" and the
prep panels, the payoff by match band, the demand for each skill — is updated by the
applications that changed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date
from itertools import chain
from operator import attrgetter, itemgetter
from typing import NamedTuple

from jobnotes.analysis.memo_pipeline import theme_tags
from jobnotes.analysis.memo_vocabulary import Corpus
from jobnotes.analysis.notememo import Changes, Generation, Groups, NoteMemo
from jobnotes.analysis.postmortem import theme_label
from jobnotes.analysis.skills import SkillAsk, SkillDemand, stage_weight
from jobnotes.analysis.stages import Stage, furthest_stage, is_pipeline
from jobnotes.jd.extract import Description, job_description
from jobnotes.jd.match import (
    BANDS,
    BandMember,
    BandOutcome,
    Match,
    Payoff,
    match_with,
    skill_status,
)
from jobnotes.jd.prep import (
    OPEN_STATUSES,
    PrepPanel,
    PrepTheme,
    ThemeNote,
    next_interview,
    panel_for,
)
from jobnotes.jd.vocab_changes import Mentions, changed_forms
from jobnotes.jd.vocabulary import (
    Signature,
    Vocabulary,
    base_vocabulary,
    signature_of,
    unknown_spellings,
    vocabulary_of,
)
from jobnotes.model import Application
from jobnotes.settings import Settings

_REL = attrgetter("rel")
_SECOND = itemgetter(1)
CORPUS_SLACK = 512     # notes matched since the corpus was made before it is made again


class Figures(NamedTuple):
    """What ``JobSkills`` holds, for one generation (never changed afterwards)."""

    vocab: Vocabulary
    matches: dict[str, Match]
    panels: dict[str, PrepPanel]
    payoff: Payoff
    demand: list[SkillDemand]


class _Part(NamedTuple):
    """What one application brings to the figures."""

    unknown: tuple[tuple[str, str], ...]        # its spellings unknown to the shipped list
    description: Description | None             # its job description
    match: Match | None                          # None for an informational interview
    earlier: tuple[tuple[str, ThemeNote], ...]   # its #improve themes, if rejected before
    upcoming: bool                               # an interview to prepare for
    band: tuple[str, BandMember, Stage] | None   # ("", ...) unscored; None not counted
    asks: tuple[tuple[str, ...], SkillAsk] | None  # the skill keys it asks for, and how
    odd: bool                                    # a skill named unlike its key


def _member_key(member: BandMember) -> tuple[int, str]:
    return (-member.percent, member.title.casefold())


def _ask_key(ask: SkillAsk) -> tuple[int, str, str]:
    return (-ask.weight, ask.title.casefold(), ask.slug)


class _Skills:
    """The figures of one generation, each application's part in them, and what is
    needed to follow the next generation's changes."""

    def __init__(self, gen: Generation, settings: Settings, today: date) -> None:
        self.gen, self.settings, self.today = gen, settings, today
        self.parts: dict[int, tuple[Application, _Part]] = {}
        self.match_of: dict[int, Match | None] = {}
        self.unknown_of: dict[int, tuple[tuple[str, str], ...]] = {}
        self.again: list[Application] = []     # matched again by the last ``switch``
        # The matches kept in the memo under ``token`` hold for ``vocab`` (see ``switch``).
        self.vocab: Vocabulary = base_vocabulary()
        self.token = object()
        self.status = skill_status(self.vocab, settings)
        self.signature: Signature = ()
        self.corpus: Corpus | None = None
        self.fresh: dict[int, tuple[Application, Description]] = {}   # not in the corpus
        self.listing: dict[str, dict[int, Application]] = {}   # unknown form -> notes
        # Notes with a skill named unlike its key (never seen so far): while there are
        # any, the plain function computes the figures.
        self.irregular = 0
        self.matches: dict[str, Match] = {}
        self.themes: Groups[ThemeNote] = Groups()
        self.prep_themes: dict[str, PrepTheme] = {}
        self.earlier: tuple[PrepTheme, ...] = ()
        self.upcoming: dict[int, Application] = {}
        self.panel_of: dict[int, tuple[Application, Match, tuple, PrepPanel | None]] = {}
        self.panels: dict[str, PrepPanel] = {}
        self.bands: Groups[BandMember] = Groups()
        self.band_stages: dict[str, Counter[str]] = {band.key: Counter() for band in BANDS}
        self.unscored = 0
        self.outcomes: dict[str, BandOutcome] = {}
        self.asks: Groups[SkillAsk] = Groups()
        self.weights: Counter[str] = Counter()
        self.demand_of: dict[str, SkillDemand] = {}
        self.figures: Figures | None = None

    # -- the vocabulary ---------------------------------------------------------------------

    def _signature(self, unknown: dict[int, tuple[tuple[str, str], ...]]) -> Signature:
        """The signature of this generation's vocabulary (``unknown``: note id -> its
        ``unknown_spellings``)."""
        return signature_of(self.settings, chain.from_iterable(
            map(unknown.__getitem__, self.gen.app_order)))

    def new_spellings(self, memo: NoteMemo, changes: Changes) -> Signature | None:
        """The new signature of the vocabulary when these changes alter it, else None
        (the notes must be in the same order)."""
        added = {id(a): memo.value("unknown-skills", a, unknown_spellings)
                 for a in changes.added_apps}
        if not any(added.values()) and not any(
                self.parts[id(a)][1].unknown for a in changes.removed_apps):
            return None
        swaps = changes.swaps()
        if swaps is not None and all(self.parts[id(old)][1].unknown == added[id(new)]
                                     for _, old, new in swaps):
            return None
        self.gen = changes.new
        found = self._signature({**self.unknown_of, **added})
        return None if found == self.signature else found

    def switch(self, memo: NoteMemo, new_signature: Signature) -> bool:
        """Take the vocabulary of ``new_signature``, matching again only the notes it can
        change; False when every note must be matched again."""
        base = base_vocabulary()
        vocab = vocabulary_of(new_signature)
        forms = changed_forms(self.signature, new_signature)
        status = skill_status(vocab, self.settings)
        if any(base.knows(form) for form in forms) or status != self.status:
            return False
        again: dict[int, Application] = {}
        for form in forms:
            again.update(self.listing.get(form, {}))
        if forms:
            mentions = Mentions(forms)
            for app, description in self._candidates(mentions.words()):
                entry = self.parts.get(id(app))
                if (entry is not None and entry[0] is app and id(app) not in again
                        and mentions.named_in(description)):
                    again[id(app)] = app
        for app in again.values():
            self.take(app)
            memo.forget("match", app)
        self.vocab, self.status, self.signature = vocab, status, new_signature
        memo.keep("vocab-lineage", (new_signature, vocab, self.token))
        for app in again.values():
            self.give(memo, app)
        self.again = list(again.values())
        return True

    def _candidates(self, words: list[str] | None) -> list[tuple[Application, Description]]:
        """The notes whose description may hold one of ``words`` (None: any note)."""
        described = ((app, part.description) for app, part in self.parts.values()
                     if part.description is not None and part.match is not None)
        if words is None:
            return list(described)
        if self.corpus is None or len(self.fresh) > CORPUS_SLACK:
            self.corpus, self.fresh = Corpus(described), {}
        found = [*self.fresh.values(), *self.corpus.odd]
        for word in words:
            found += self.corpus.holding(word)
        return found

    # -- parts ------------------------------------------------------------------------------

    def part(self, memo: NoteMemo, app: Application) -> _Part:
        vocab, today = self.vocab, self.today
        description = (None if app.is_informational
                       else memo.value("description", app, job_description))
        match = (None if app.is_informational else memo.value(
            "match", app, lambda a: match_with(a, vocab, self.status, description),
            self.token))
        earlier: tuple[tuple[str, ThemeNote], ...] = ()
        if app.rejected is not None and app.rejected < today:
            earlier = tuple((tag, ThemeNote(app.rel, app.slug, app.title, line, app.rejected))
                            for tag, line in memo.value("theme-tags", app, theme_tags)
                            if tag.startswith("improve/"))
        upcoming = (not app.is_informational and app.status in OPEN_STATUSES
                    and next_interview(app, today) is not None)
        band = asks = None
        odd = False
        if match is not None:
            stage = furthest_stage(app, today)
            if is_pipeline(app):
                found = match.band
                band = ("", None, None) if found is None or match.percent is None else (
                    found.key, BandMember(match.slug, match.rel, match.title, match.percent,
                                          stage.key, stage.label), stage.stage)
            odd = any(s.name != vocab.name(s.key) or s.status != self.status(s.key)
                      for s in match.skills)
            weight = stage_weight(stage) if app.status != "wishlist" else 0
            asks = (tuple(s.key for s in match.skills),
                    SkillAsk(app.slug, app.rel, app.title, stage.label, weight))
        return _Part(memo.value("unknown-skills", app, unknown_spellings), description, match,
                     earlier, upcoming, band, asks, odd)  # type: ignore[arg-type]

    def put(self, app: Application, part: _Part, step: int) -> None:
        add = step > 0
        self.irregular += step * part.odd
        for form, _ in part.unknown:
            listing = self.listing.setdefault(form, {})
            if add:
                listing[id(app)] = app
            else:
                listing.pop(id(app), None)
                if not listing:
                    del self.listing[form]
        for tag, note in part.earlier:
            if add:
                self.themes.add(tag, (note.rejected, note.rel), note)
            else:
                self.themes.discard(tag, (note.rejected, note.rel), note)
        if part.upcoming:
            if add:
                self.upcoming[id(app)] = app
            else:
                del self.upcoming[id(app)]
        if part.band is not None:
            key, member, stage = part.band
            if not key:
                self.unscored += step
            else:
                if add:
                    self.bands.add(key, _member_key(member), member, self._rank)
                else:
                    self.bands.discard(key, _member_key(member), member)
                counts = self.band_stages[key]
                counts.update({"response": step * (stage >= Stage.RESPONSE),
                               "interview": step * (stage >= Stage.INTERVIEW),
                               "offer": step * (stage >= Stage.OFFER)})
        if part.asks is not None:
            keys, ask = part.asks
            for key in keys:
                if add:
                    self.asks.add(key, _ask_key(ask), ask)
                else:
                    self.asks.discard(key, _ask_key(ask), ask)
                self.weights[key] += step * ask.weight

    def _rank(self, member: BandMember) -> int:
        return self.gen.rank(member.rel)

    def _position(self, app: Application) -> int:
        """Where ``app`` is in the notes (found without indexing them all when few
        are asked for)."""
        if len(self.upcoming) > 32:
            return self.gen.rank(app.rel)
        return self.gen.app_order.index(id(app))

    def take(self, app: Application) -> None:
        del self.match_of[id(app)]
        del self.unknown_of[id(app)]
        self.put(app, self.parts.pop(id(app))[1], -1)

    def give(self, memo: NoteMemo, app: Application) -> None:
        part = self.part(memo, app)
        self.parts[id(app)] = (app, part)
        self.match_of[id(app)] = part.match
        self.unknown_of[id(app)] = part.unknown
        self.put(app, part, 1)
        if self.corpus is not None and part.description is not None:
            self.fresh[id(app)] = (app, part.description)

    # -- a generation ----------------------------------------------------------------------

    def build(self, memo: NoteMemo) -> None:
        self.signature = self._signature(
            {id(a): memo.value("unknown-skills", a, unknown_spellings) for a in self.gen.apps})
        lineage = memo.state("vocab-lineage")
        if lineage is not None and lineage[0] == self.signature:
            _, self.vocab, self.token = lineage
        else:
            self.vocab = vocabulary_of(self.signature)
            memo.keep("vocab-lineage", (self.signature, self.vocab, self.token))
        self.status = skill_status(self.vocab, self.settings)
        for groups in (self.themes, self.bands, self.asks):
            groups.defer()
        for app in self.gen.apps:
            self.give(memo, app)
        self.themes.settle()
        self.bands.settle(self._rank)
        self.asks.settle()
        self._matches()
        self._figures(panels_changed=True)

    def update(self, memo: NoteMemo, changes: Changes, vocabulary: Signature | None) -> bool:
        """Follow the changes; False when every note must be matched again."""
        self.gen = changes.new
        for app in changes.removed_apps:
            self.take(app)
        self.again = []
        if vocabulary is not None and not self.switch(memo, vocabulary):
            return False
        for app in changes.added_apps:
            self.give(memo, app)
        self._matches(changes, self.again)
        self._figures(panels_changed=vocabulary is not None or any(
            self.parts[id(a)][1].upcoming for a in changes.added_apps) or any(
            id(a) in self.panel_of for a in changes.removed_apps))
        return True

    def _matches(self, changes: Changes | None = None,
                 again: Iterable[Application] = ()) -> None:
        """Every match by path, in note order: the last ones with the notes replaced in
        place, else made anew (in one C-speed pass over the notes)."""
        swaps = changes.swaps() if changes is not None else None
        if swaps is not None and all(old.rel == new.rel
                                     and old.is_informational == new.is_informational
                                     for _, old, new in swaps):
            matches = dict(self.matches)
            for app in [*(new for _, _, new in swaps), *again]:
                match = self.match_of[id(app)]
                if match is not None:
                    matches[app.rel] = match
            self.matches = matches
            return
        found = map(self.match_of.__getitem__, self.gen.app_order)
        self.matches = dict(filter(_SECOND, zip(map(_REL, self.gen.apps), found,
                                                strict=True)))

    def _figures(self, panels_changed: bool) -> None:
        touched = self.themes.take_touched()
        for tag in touched:
            notes = self.themes.items(tag)
            if notes:
                name = tag.partition("/")[2]
                self.prep_themes[tag] = PrepTheme(tag, name, theme_label(name),
                                                  tuple(reversed(notes)))
            else:
                self.prep_themes.pop(tag, None)
        if touched:
            self.earlier = tuple(sorted(
                self.prep_themes.values(),
                key=lambda t: (-t.count, -t.notes[0].rejected.toordinal(), t.tag)))
        if touched or panels_changed:
            self._panels()
        for key in self.bands.take_touched():
            band = next(b for b in BANDS if b.key == key)
            members = self.bands.items(key)
            counts = self.band_stages[key]
            self.outcomes[key] = BandOutcome(
                key=band.key, label=band.label, applications=len(members),
                response=counts["response"], interview=counts["interview"],
                offer=counts["offer"], members=tuple(members))
        for key in self.asks.take_touched():
            asks = self.asks.items(key)
            if asks:
                self.demand_of[key] = SkillDemand(
                    name=self.vocab.name(key), key=key, count=len(asks),
                    weight=self.weights[key], status=self.status(key),
                    applications=tuple(asks))
            else:
                self.demand_of.pop(key, None)
                self.weights.pop(key, None)
        empty = {b.key: BandOutcome(b.key, b.label, 0, 0, 0, 0, ()) for b in BANDS}
        payoff = Payoff(tuple(self.outcomes.get(b.key, empty[b.key]) for b in BANDS),
                        self.unscored)
        demand = sorted(self.demand_of.values(),
                        key=lambda s: (-s.weight, -s.count, s.name.casefold(), s.key))
        self.figures = Figures(self.vocab, self.matches, self.panels, payoff, demand)

    def _panels(self) -> None:
        panels: dict[str, PrepPanel] = {}
        kept: dict[int, tuple[Application, Match, tuple, PrepPanel | None]] = {}
        for app in sorted(self.upcoming.values(), key=self._position):
            match = self.parts[id(app)][1].match
            assert match is not None
            old = self.panel_of.get(id(app))
            if old is not None and old[0] is app and old[1] is match and old[2] is self.earlier:
                panel = old[3]
            else:
                panel = panel_for(app, match, self.today, self.earlier,
                                  cited=bool(self.parts[id(app)][1].earlier))
            kept[id(app)] = (app, match, self.earlier, panel)
            if panel is not None:
                panels[app.rel] = panel
        self.panel_of, self.panels = kept, panels


def job_figures(memo: NoteMemo, gen: Generation, settings: Settings,
                today: date) -> Figures | None:
    """The figures ``job_skills`` computes for ``gen``, or None when the plain function
    must compute them (call with ``memo.lock`` held)."""
    if not gen.unique:
        return None
    state: _Skills | None
    state, changes = memo.follow("job-skills", gen)
    if state is not None and changes is not None:
        try:       # not when the notes moved, or the vocabulary changed too much
            followed = changes.in_order() and state.update(
                memo, changes, state.new_spellings(memo, changes))
        except LookupError:         # a part not where expected
            followed = False
        if not followed:
            state = None
    if state is None:
        state = _Skills(gen, settings, today)
        state.build(memo)
        memo.keep("job-skills", state)
    state.gen = gen
    return None if state.irregular else state.figures

