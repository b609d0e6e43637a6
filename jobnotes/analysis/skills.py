"""Skill demand across job descriptions, weighted by how far those applications got.

An application asks for the skills its ``## Job description`` names plus those written
in its ``skills:`` (each counted once), so the gap analysis works for someone who never
writes ``skills:``. Spellings merge through the skill vocabulary of ``jobnotes.jd``
("postgres", "PostgreSQL", "postgresql." are one skill), the same one the application
pages and ``jobnotes check`` use. Wishlist entries count as demand (their job description
asks for the skills) with weight 0; informational interviews are not job descriptions and
are left out. A skill one of yours implies (Tableau => Dashboards, see
``jobnotes.jd.implied``) is yours, with the skills it is yours through.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from jobnotes.analysis.stages import Stage, StageReached, furthest_stage
from jobnotes.jd.implied import through_text
from jobnotes.jd.match import Match, Statuses, match_all
from jobnotes.jd.vocabulary import (
    Vocabulary,
    base_vocabulary,
    clean_skill,
    most_used,
    vocabulary_for,
)
from jobnotes.model import Application
from jobnotes.settings import Settings

__all__ = [
    "ALIASES", "LearningSkill", "SkillAsk", "SkillDemand", "clean_skill", "display_name",
    "learning_progress", "skill_demand", "skill_key", "skill_status", "stage_weight",
    "still_learning", "with_reasons",
]

# Well-known spellings (cleaned, casefolded) -> display name: a sample of what the shipped
# vocabulary (jobnotes/jd/skills.tsv) merges, kept for reference and checked against it.
ALIASES: dict[str, str] = {
    "postgres": "PostgreSQL", "postgresql": "PostgreSQL", "postgre sql": "PostgreSQL",
    "js": "JavaScript", "javascript": "JavaScript",
    "ts": "TypeScript", "typescript": "TypeScript",
    "excel": "Excel", "ms excel": "Excel", "microsoft excel": "Excel",
    "power bi": "Power BI", "powerbi": "Power BI", "microsoft power bi": "Power BI",
    "a/b testing": "A/B testing", "ab testing": "A/B testing", "a/b tests": "A/B testing",
    "a/b test": "A/B testing", "split testing": "A/B testing",
    "ml": "Machine learning", "machine learning": "Machine learning",
    "ai": "AI", "artificial intelligence": "AI",
    "k8s": "Kubernetes", "kubernetes": "Kubernetes",
    "golang": "Go", "go": "Go",
    "node": "Node.js", "nodejs": "Node.js", "node.js": "Node.js",
    "react": "React", "reactjs": "React", "react.js": "React",
    "aws": "AWS", "amazon web services": "AWS",
    "gcp": "Google Cloud", "google cloud": "Google Cloud",
    "google cloud platform": "Google Cloud",
    "ci/cd": "CI/CD", "cicd": "CI/CD",
    "py": "Python", "python": "Python",
}

# Stage weights: a skill asked by an application that got far matters more.
WEIGHT_APPLIED = 1
WEIGHT_RESPONSE = 2
WEIGHT_INTERVIEW_CAP = 5     # interview n weighs 2 + n, capped so an offer always weighs more
WEIGHT_OFFER = 6


def skill_key(text: str, vocab: Vocabulary | None = None) -> str:
    """The key two spellings of one skill share ("" for a blank skill)."""
    return (vocab or base_vocabulary()).key(text)


def stage_weight(stage: StageReached) -> int:
    """0 not applied, 1 applied, 2 response, 2 + n (at most 5) interview n, 6 offer+."""
    if stage.stage >= Stage.OFFER:
        return WEIGHT_OFFER
    if stage.stage is Stage.INTERVIEW:
        return min(WEIGHT_RESPONSE + stage.interviews, WEIGHT_INTERVIEW_CAP)
    if stage.stage is Stage.RESPONSE:
        return WEIGHT_RESPONSE
    if stage.stage is Stage.APPLIED:
        return WEIGHT_APPLIED
    return 0


def skill_status(text: str, settings: Settings, vocab: Vocabulary | None = None) -> str:
    """"have" (in settings.skills, or implied by one of them), "learning" (in
    settings.learning) or "gap"; see ``jobnotes.jd.match.Statuses``."""
    vocab = vocab or base_vocabulary()
    return Statuses(vocab, settings)(vocab.key(text))


@dataclass(frozen=True, slots=True)
class SkillAsk:
    """One application asking for a skill."""

    slug: str
    rel: str
    title: str           # "Company — Role"
    stage: str           # furthest stage label: "Interview 2"
    weight: int          # that stage's weight


@dataclass(frozen=True, slots=True)
class SkillDemand:
    """How much one skill is asked for."""

    name: str                          # display name (canonical, else most used spelling)
    key: str                           # merge key, see skill_key()
    count: int                         # applications asking for it
    weight: int                        # sum of the stage weights of those applications
    status: str                        # "have", "learning" or "gap"
    applications: tuple[SkillAsk, ...]  # furthest-reaching first
    through: tuple[str, ...] = ()      # "have" only through these skills of yours

    @property
    def reason(self) -> str:
        """"through Tableau" for a skill you have through another, else ""."""
        return through_text(self.through)


def display_name(key: str, spellings: Counter[str]) -> str:
    """The vocabulary's name for a known skill, else its most used spelling."""
    known = base_vocabulary().skill(key)
    return known.name if known is not None else most_used(spellings)


def _matches(apps: list[Application], settings: Settings, vocab: Vocabulary | None,
             matches: Iterable[Match] | None) -> dict[str, Match]:
    if matches is None:
        matches = match_all(apps, settings, vocab or vocabulary_for(apps, settings))
    return {m.rel: m for m in matches}


def skill_demand(
    apps: Iterable[Application], today: date, settings: Settings, *,
    vocab: Vocabulary | None = None, matches: Iterable[Match] | None = None,
) -> list[SkillDemand]:
    """Every skill asked for, by weight, then count, then name (most pressing first).

    ``matches`` (``jobnotes.jd.match.match_all`` of the same notes) saves reading the
    job descriptions again; without it they are read here with ``vocab`` (default: the
    vocabulary of these notes and settings).
    """
    apps = [a for a in apps if not a.is_informational]
    found = _matches(apps, settings, vocab, matches)
    asks: dict[str, list[SkillAsk]] = defaultdict(list)
    names: dict[str, str] = {}
    status: dict[str, str] = {}
    through: dict[str, tuple[str, ...]] = {}
    for app in apps:
        match = found.get(app.rel)
        if match is None:
            continue
        stage = furthest_stage(app, today)
        weight = stage_weight(stage) if app.status != "wishlist" else 0
        for skill in match.skills:
            names.setdefault(skill.key, skill.name)
            status.setdefault(skill.key, skill.status)
            through.setdefault(skill.key, skill.through)
            asks[skill.key].append(SkillAsk(app.slug, app.rel, app.title, stage.label, weight))
    result: list[SkillDemand] = []
    for key, items in asks.items():
        items.sort(key=lambda a: (-a.weight, a.title.casefold(), a.slug))
        result.append(SkillDemand(
            name=names[key],
            key=key,
            count=len(items),
            weight=sum(a.weight for a in items),
            status=status[key],
            applications=tuple(items),
            through=through[key],
        ))
    result.sort(key=lambda s: (-s.weight, -s.count, s.name.casefold(), s.key))
    return result


def with_reasons(demand: list[SkillDemand], status: Statuses) -> list[SkillDemand]:
    """``demand`` with each skill's ``through`` from ``status`` (the list itself when
    every one is already right)."""
    if all(d.through == status.through(d.key) for d in demand):
        return demand
    return [d if d.through == status.through(d.key)
            else replace(d, through=status.through(d.key)) for d in demand]


@dataclass(frozen=True, slots=True)
class LearningSkill:
    """A skill being learned and how many applications ask for it."""

    name: str                      # as written in settings.learning
    key: str
    count: int                     # applications asking for it (0 if none)
    weight: int                    # their summed stage weights
    applications: tuple[SkillAsk, ...]


def still_learning(settings: Settings, vocab: Vocabulary | None = None
                   ) -> list[tuple[str, str]]:
    """(name as written, key) of each skill in ``settings.learning``, in that order,
    spellings merged by ``vocab``, leaving out any also listed under ``have``: a skill
    both had and learning counts as had everywhere (``Statuses`` puts ``have`` first, and
    loading ``jobnotes.toml`` says so at the learning entry)."""
    vocab = vocab or base_vocabulary()
    had = {vocab.key(name) for name in settings.skills}
    found: list[tuple[str, str]] = []
    seen: set[str] = set()
    for name in settings.learning:
        key = vocab.key(name)
        if key and key not in seen and key not in had:
            seen.add(key)
            found.append((clean_skill(name), key))
    return found


def learning_progress(
    apps: Iterable[Application], today: date, settings: Settings, *,
    vocab: Vocabulary | None = None, matches: Iterable[Match] | None = None,
    demand: Iterable[SkillDemand] | None = None,
) -> list[LearningSkill]:
    """Each skill ``still_learning`` (in the order of ``settings.learning``) with the
    demand for it (``demand``: ``skill_demand`` of the same notes, when already known)."""
    apps = list(apps)
    vocab = vocab or vocabulary_for(apps, settings)
    if demand is None:
        demand = skill_demand(apps, today, settings, vocab=vocab, matches=matches)
    by_key = {d.key: d for d in demand}
    result: list[LearningSkill] = []
    for name, key in still_learning(settings, vocab):
        found = by_key.get(key)
        result.append(LearningSkill(
            name=found.name if found else name,    # as the demand chart spells it
            key=key,
            count=found.count if found else 0,
            weight=found.weight if found else 0,
            applications=found.applications if found else (),
        ))
    return result
