"""Skill demand across job descriptions, weighted by how far those applications got.

Spellings are merged ("postgres", "PostgreSQL", "postgresql." are one skill). Wishlist
entries count as demand (their job description asks for the skills) with weight 0;
informational interviews are not job descriptions and are left out.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from jobnotes.analysis.stages import Stage, StageReached, furthest_stage
from jobnotes.model import Application
from jobnotes.settings import Settings

# Spelling (cleaned, casefolded) -> canonical display name. Every canonical name maps
# to itself, so the user's own spelling in jobnotes.toml merges the same way.
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


def clean_skill(text: str) -> str:
    """Collapse spaces, trim, drop trailing dots: " Power  BI. " -> "Power BI"."""
    return " ".join(str(text).split()).rstrip(".").strip()


def skill_key(text: str) -> str:
    """The key two spellings of one skill share ("" for a blank skill)."""
    cleaned = clean_skill(text).casefold()
    return ALIASES.get(cleaned, cleaned).casefold()


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


def skill_status(text: str, settings: Settings) -> str:
    """"have" (in settings.skills), "learning" (in settings.learning) or "gap"."""
    key = skill_key(text)
    if key in {skill_key(s) for s in settings.skills}:
        return "have"
    if key in {skill_key(s) for s in settings.learning}:
        return "learning"
    return "gap"


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


def display_name(key: str, spellings: Counter[str]) -> str:
    """The canonical name for an aliased skill, else its most used spelling."""
    canonical = ALIASES.get(key)
    if canonical is not None:
        return canonical
    return min(spellings, key=lambda s: (-spellings[s], s))


def skill_demand(
    apps: Iterable[Application], today: date, settings: Settings
) -> list[SkillDemand]:
    """Every skill asked for, by weight, then count, then name (most pressing first)."""
    asks: dict[str, list[SkillAsk]] = defaultdict(list)
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for app in apps:
        if app.is_informational:
            continue
        stage = furthest_stage(app, today)
        weight = stage_weight(stage) if app.status != "wishlist" else 0
        seen: set[str] = set()
        for raw in app.skills:
            key = skill_key(raw)
            if not key:
                continue
            spellings[key][clean_skill(raw)] += 1
            if key in seen:
                continue
            seen.add(key)
            asks[key].append(SkillAsk(app.slug, app.rel, app.title, stage.label, weight))
    have = {skill_key(s) for s in settings.skills}
    learning = {skill_key(s) for s in settings.learning}
    result: list[SkillDemand] = []
    for key, items in asks.items():
        items.sort(key=lambda a: (-a.weight, a.title.casefold(), a.slug))
        status = "have" if key in have else "learning" if key in learning else "gap"
        result.append(SkillDemand(
            name=display_name(key, spellings[key]),
            key=key,
            count=len(items),
            weight=sum(a.weight for a in items),
            status=status,
            applications=tuple(items),
        ))
    result.sort(key=lambda s: (-s.weight, -s.count, s.name.casefold(), s.key))
    return result


@dataclass(frozen=True, slots=True)
class LearningSkill:
    """A skill being learned and how many applications ask for it."""

    name: str                      # as written in settings.learning
    key: str
    count: int                     # applications asking for it (0 if none)
    weight: int                    # their summed stage weights
    applications: tuple[SkillAsk, ...]


def learning_progress(
    apps: Iterable[Application], today: date, settings: Settings
) -> list[LearningSkill]:
    """Each skill in ``settings.learning`` (in that order, duplicates merged) with the
    demand for it."""
    demand = {d.key: d for d in skill_demand(apps, today, settings)}
    result: list[LearningSkill] = []
    seen: set[str] = set()
    for name in settings.learning:
        key = skill_key(name)
        if not key or key in seen:
            continue
        seen.add(key)
        found = demand.get(key)
        result.append(LearningSkill(
            name=clean_skill(name),
            key=key,
            count=found.count if found else 0,
            weight=found.weight if found else 0,
            applications=found.applications if found else (),
        ))
    return result
