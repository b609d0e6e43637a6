"""How well each application matches the user's skills, and whether better-matched
applications get further.

The skills of an application are those its job description names (required or nice to
have, see ``extract``) plus those written in its ``skills:`` (the user's word: counted
as required when the description does not name them). The score is

    (required you have + OPTIONAL_WEIGHT x nice-to-have you have)
    / (required + OPTIONAL_WEIGHT x nice-to-have)

so with the weight 0.25 four nice-to-have skills count as much as one required skill.
A skill you are learning counts as not had yet. A skill you have through a more specific
one counts as yours (Tableau => Dashboards, see ``jobnotes.jd.implied``). An application
with no skill at all has no score (None), not 0 %.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from jobnotes.analysis.stages import Stage, furthest_stage, is_pipeline
from jobnotes.jd.extract import Description, FoundSkill, app_skills, job_description
from jobnotes.jd.implied import implied_through, through_text
from jobnotes.jd.vocabulary import Vocabulary, clean_skill, vocabulary_for
from jobnotes.model import Application
from jobnotes.settings import Settings

OPTIONAL_WEIGHT = 0.25
HAVE, LEARNING, GAP = "have", "learning", "gap"


@dataclass(frozen=True, slots=True)
class JobSkill:
    """One skill of one application, as the application page shows it."""

    name: str
    key: str
    field: str           # "software", "data", ..., "yours"
    required: bool
    status: str          # HAVE, LEARNING or GAP, from settings.skills / settings.learning
    listed: bool         # written in the note's skills:
    extracted: bool      # named in its job description
    line: int            # file line of the first mention in the description, 0 if none
    column: int
    through: tuple[str, ...] = ()   # HAVE only through these skills of yours (implied)

    @property
    def optional(self) -> bool:
        return not self.required

    @property
    def reason(self) -> str:
        """"through Tableau" for a skill you have through another, else ""."""
        return through_text(self.through)

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "key": self.key, "field": self.field,
            "required": self.required, "status": self.status, "listed": self.listed,
            "extracted": self.extracted, "line": self.line, "column": self.column,
            "through": list(self.through),
        }


@dataclass(frozen=True, slots=True)
class Band:
    """A match-score band, by whole percent: ``low <= percent <= high``."""

    key: str             # "below-50", "50-75", "above-75"
    label: str           # "below 50 %", "50–75 %", "above 75 %"
    low: int
    high: int

    def contains(self, percent: int) -> bool:
        return self.low <= percent <= self.high


BANDS: tuple[Band, ...] = (
    Band("below-50", "below 50 %", 0, 49),
    Band("50-75", "50–75 %", 50, 75),
    Band("above-75", "above 75 %", 76, 100),
)


def band_of(percent: int | None) -> Band | None:
    if percent is None:
        return None
    return next(band for band in BANDS if band.contains(percent))


@dataclass(frozen=True, slots=True)
class Match:
    """An application's skills against the user's, with the score."""

    rel: str
    slug: str
    title: str
    status: str                      # the application's status
    skills: tuple[JobSkill, ...]     # required first, then nice to have; by first mention
    has_description: bool            # the note has a ## Job description section
    score: float | None              # 0..1, None when the application names no skill
    # No skill of yours is listed in the settings ([skills] have, learning): every score
    # would be 0 %, so there is none until there are.
    yours_unknown: bool = False

    @property
    def percent(self) -> int | None:
        """The score in whole percent (half up), for display and sorting."""
        return None if self.score is None else int(self.score * 100 + 0.5)

    @property
    def band(self) -> Band | None:
        return band_of(self.percent)

    @property
    def required(self) -> tuple[JobSkill, ...]:
        return tuple(s for s in self.skills if s.required)

    @property
    def optional(self) -> tuple[JobSkill, ...]:
        return tuple(s for s in self.skills if not s.required)

    @property
    def have(self) -> tuple[JobSkill, ...]:
        return tuple(s for s in self.skills if s.status == HAVE)

    @property
    def gaps(self) -> tuple[JobSkill, ...]:
        """Every skill you do not have yet (learning included), required first."""
        return tuple(s for s in self.skills if s.status != HAVE)

    @property
    def missing(self) -> tuple[JobSkill, ...]:
        """Required skills you do not have yet: what the page lists under the score."""
        return tuple(s for s in self.required if s.status != HAVE)

    @property
    def required_have(self) -> int:
        return sum(s.status == HAVE for s in self.required)

    @property
    def optional_have(self) -> int:
        return sum(s.status == HAVE for s in self.optional)

    def as_dict(self) -> dict[str, Any]:
        return {
            "rel": self.rel, "slug": self.slug, "title": self.title, "status": self.status,
            "score": None if self.score is None else round(self.score, 4),
            "percent": self.percent,
            "band": self.band.key if self.band else None,
            "has_description": self.has_description,
            "yours_unknown": self.yours_unknown,
            "required": {"have": self.required_have, "total": len(self.required)},
            "optional": {"have": self.optional_have, "total": len(self.optional)},
            "missing": [s.name for s in self.missing],
            "skills": [s.as_dict() for s in self.skills],
        }


def score_of(skills: Iterable[JobSkill], optional_weight: float = OPTIONAL_WEIGHT
             ) -> float | None:
    """(required had + w x optional had) / (required + w x optional); None if no skill."""
    have = total = 0.0
    for skill in skills:
        weight = 1.0 if skill.required else optional_weight
        total += weight
        have += weight if skill.status == HAVE else 0.0
    return have / total if total else None


class Statuses:
    """HAVE / LEARNING / GAP for a key, from the settings, merged by the vocabulary.

    A skill is yours when listed in ``skills``; else learning when listed in
    ``learning``; else yours when one of your skills implies it (``through``); else a gap.
    """

    def __init__(self, vocab: Vocabulary, settings: Settings) -> None:
        have = [vocab.key(s) for s in settings.skills]
        self.have = set(have)
        self.learning = {vocab.key(s) for s in settings.learning}
        self.implied = {key: names for key, names
                        in implied_through(have, vocab.implies, vocab.name).items()
                        if key not in self.learning}

    def __call__(self, key: str) -> str:
        if key in self.have:
            return HAVE
        if key in self.learning:
            return LEARNING
        return HAVE if key in self.implied else GAP

    def through(self, key: str) -> tuple[str, ...]:
        """The skills of yours through which ``key`` is yours (() when listed or not had)."""
        return self.implied.get(key, ())

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Statuses) and self.have == other.have
                and self.learning == other.learning and self.implied == other.implied)

    __hash__ = None  # type: ignore[assignment]


def _job_skills(app: Application, found: tuple[FoundSkill, ...], vocab: Vocabulary,
                status: Callable[[str], str]) -> tuple[JobSkill, ...]:
    through: Callable[[str], tuple[str, ...]] = getattr(status, "through", lambda _: ())
    listed_keys: dict[str, str] = {}
    for raw in app.skills:
        key = vocab.key(raw)
        if key:
            listed_keys.setdefault(key, clean_skill(raw))
    rows = [
        JobSkill(f.name, f.key, f.field, f.required, status(f.key), f.key in listed_keys,
                 True, f.line, f.column, through(f.key))
        for f in found
    ]
    extracted = {f.key for f in found}
    listed_only = [
        JobSkill(vocab.name(key) if vocab.skill(key) else written, key, vocab.field(key),
                 True, status(key), True, False, 0, 0, through(key))
        for key, written in listed_keys.items() if key not in extracted
    ]
    required = [r for r in rows if r.required] + listed_only
    return tuple(required + [r for r in rows if not r.required])


def skill_status(vocab: Vocabulary, settings: Settings) -> Statuses:
    """key -> HAVE, LEARNING or GAP, from the settings, spellings merged by ``vocab``;
    its ``through(key)`` names the skills of yours a skill is yours through."""
    return Statuses(vocab, settings)


def match_with(app: Application, vocab: Vocabulary, status: Callable[[str], str],
               description: Description | None) -> Match:
    """``match_application`` with the ``skill_status`` of the same vocabulary and the
    note's ``job_description``."""
    skills = _job_skills(app, app_skills(app, vocab, description), vocab, status)
    unknown = isinstance(status, Statuses) and not status.have and not status.learning
    return Match(
        rel=app.rel, slug=app.slug, title=app.title, status=app.status, skills=skills,
        has_description=description is not None,
        score=None if unknown else score_of(skills), yours_unknown=unknown,
    )


def match_application(app: Application, vocab: Vocabulary, settings: Settings) -> Match:
    """``app``'s skills, each marked have / learning / gap, and its score."""
    return match_with(app, vocab, Statuses(vocab, settings), job_description(app))


def match_all(apps: Iterable[Application], settings: Settings,
              vocab: Vocabulary | None = None) -> list[Match]:
    """A Match per application (informational interviews left out), in the given order."""
    apps = list(apps)
    vocab = vocab or vocabulary_for(apps, settings)
    status = Statuses(vocab, settings)
    return [match_with(app, vocab, status, job_description(app))
            for app in apps if not app.is_informational]


# --- does matching pay off? --------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class BandMember:
    slug: str
    rel: str
    title: str
    percent: int
    stage_key: str       # StageReached.key: "applied", "interview-2", ...
    stage_label: str     # "Applied", "Interview 2", ...


@dataclass(frozen=True, slots=True)
class BandOutcome:
    """How far the applications of one match band got."""

    key: str
    label: str
    applications: int
    response: int        # reached a response (screening or later)
    interview: int       # held at least one interview (or got further)
    offer: int           # got an offer (accepted or declined included)
    members: tuple[BandMember, ...]   # best match first

    @property
    def response_rate(self) -> float | None:
        return self.response / self.applications if self.applications else None

    @property
    def interview_rate(self) -> float | None:
        return self.interview / self.applications if self.applications else None

    @property
    def offer_rate(self) -> float | None:
        return self.offer / self.applications if self.applications else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key, "label": self.label, "applications": self.applications,
            "response": self.response, "interview": self.interview, "offer": self.offer,
            "members": [{"slug": m.slug, "rel": m.rel, "title": m.title,
                         "percent": m.percent, "stage": m.stage_key} for m in self.members],
        }


@dataclass(frozen=True, slots=True)
class Payoff:
    """Stage reached by match band: do better-matched applications get further?"""

    bands: tuple[BandOutcome, ...]   # always the three BANDS, lowest first
    unscored: int                    # applications sent that name no skill at all
    yours_unknown: bool = False      # no skill of yours listed yet: nothing has a score

    @property
    def scored(self) -> int:
        return sum(b.applications for b in self.bands)

    def as_dict(self) -> dict[str, Any]:
        return {"bands": [b.as_dict() for b in self.bands], "unscored": self.unscored,
                "yours_unknown": self.yours_unknown}


def match_payoff(apps: Iterable[Application], settings: Settings, today: date,
                 vocab: Vocabulary | None = None, matches: Iterable[Match] | None = None
                 ) -> Payoff:
    """Applications actually sent (no wishlist, no informational), grouped by match band,
    with how many reached a response, an interview and an offer (from the dates).

    ``matches`` (from ``match_all``) saves extracting the skills again.
    """
    apps = [a for a in apps if is_pipeline(a)]
    by_rel = {a.rel: a for a in apps}
    if matches is None:
        matches = match_all(apps, settings, vocab)
    members: dict[str, list[BandMember]] = {band.key: [] for band in BANDS}
    unscored = 0
    unknown = False
    for match in matches:
        if match.rel not in by_rel:
            continue
        if match.yours_unknown:
            unknown = True
            continue
        band = match.band
        if band is None or match.percent is None:
            unscored += 1
            continue
        stage = furthest_stage(by_rel[match.rel], today)
        members[band.key].append(BandMember(match.slug, match.rel, match.title,
                                            match.percent, stage.key, stage.label))
    outcomes = []
    for band in BANDS:
        items = sorted(members[band.key], key=lambda m: (-m.percent, m.title.casefold()))
        stages = [furthest_stage(by_rel[m.rel], today).stage for m in items]
        outcomes.append(BandOutcome(
            key=band.key, label=band.label, applications=len(items),
            response=sum(s >= Stage.RESPONSE for s in stages),
            interview=sum(s >= Stage.INTERVIEW for s in stages),
            offer=sum(s >= Stage.OFFER for s in stages),
            members=tuple(items),
        ))
    return Payoff(tuple(outcomes), unscored, unknown)
