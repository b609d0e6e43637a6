"""Generate a realistic, valid jobnotes vault of any size, the same for the same seed.

    python bench/genvault.py OUT --notes 1000 [--unrelated 2000] [--seed 1] [--today 2026-11-27]

About 85 % of the notes are applications (every status, every stage date, pasted job
descriptions, post-mortems with ``###`` sections, ``#improve/...`` and ``#strength/...``
tags, action-plan task lists) and about 15 % are people notes that the applications link
to. Each note is about 2 KB with about 15 front matter keys. The vault is clean for
``jobnotes check OUT --today <today>``: dates in order and never in the future, contacts
that name existing people, one note per company and role.

``--unrelated K`` adds K ordinary Obsidian notes (journal, reading, projects, ...) in
other folders, as in a vault where the job search is one corner among many.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from vocab import (  # noqa: E402
    ACTIONS,
    AREAS,
    CHANNEL_WEIGHTS,
    COMPANY_A,
    COMPANY_B,
    DUTIES,
    FIRST,
    IMPROVE,
    INDUSTRY_TAGS,
    INTROS,
    LAST,
    LOCATIONS,
    LOREM,
    NEEDS,
    NEXT_ACTIONS,
    NICE,
    NOTE_LINES,
    PERSON_ROLES,
    PM_MATCH,
    PM_TEXT,
    ROLES,
    SKILLS,
    STATUS_WEIGHTS,
    STRENGTH,
    TEAM_TEXT,
    TEAMS,
    TO_IMPROVE,
    UNRELATED_FOLDERS,
    VIA,
    WENT_WELL,
)

MARKER = ".jobnotes-bench-vault"     # marks a folder this script made (safe to replace)
DEFAULT_TODAY = date(2026, 11, 27)


@dataclass
class PersonNote:
    name: str
    company: str | None = None
    role: str = "interviewer"
    met: date | None = None
    used_by: list[str] = field(default_factory=list)   # app stems linking here


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "note"


_PLAIN_OK = re.compile(r"[A-Za-z0-9À-ɏ][\w À-ɏ/(),.'+–-]*")
_YAML_WORDS = {"yes", "no", "on", "off", "y", "n", "true", "false", "null", "~"}


def _yaml(text: str) -> str:
    """A YAML scalar for ``text``: plain when unambiguous, double-quoted otherwise."""
    if (_PLAIN_OK.fullmatch(text) and text.lower() not in _YAML_WORDS
            and not text[0].isdigit() and text == text.strip()):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _weighted(rng: random.Random, pairs: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([p[0] for p in pairs], [p[1] for p in pairs])[0]


class Generator:
    """Builds the notes in memory, in a fixed order, from one seeded random source."""

    def __init__(self, notes: int, seed: int, today: date) -> None:
        self.rng = random.Random(seed)
        self.today = today
        self.n_people = max(1, round(notes * 0.15)) if notes > 1 else 0
        self.n_apps = notes - self.n_people
        self.people: list[PersonNote] = []
        self._pairs: set[tuple[str, str]] = set()
        self._files: set[str] = set()

    # -- helpers ---------------------------------------------------------------------------

    def _fill(self, template: str, skills: list[str] | None = None, **extra: str) -> str:
        """``template`` with its fields filled; skills come from ``skills`` when given."""
        rng = self.rng
        pool = skills or SKILLS
        values = {"skill": rng.choice(pool), "skill2": rng.choice(pool),
                  "area": rng.choice(AREAS), "years": str(rng.randint(2, 6)),
                  "pct": str(rng.choice(range(40, 95, 5))), "size": str(rng.randint(80, 4000)),
                  **extra}
        return template.format(**values)

    def _unique_file(self, folder: str, stem: str) -> str:
        name, n = stem, 1
        while f"{folder}/{name}".casefold() in self._files:
            n += 1
            name = f"{stem}-{n}"
        self._files.add(f"{folder}/{name}".casefold())
        return f"{folder}/{name}.md"

    def _days_ago(self, low: int, high: int) -> date:
        return self.today - timedelta(days=self.rng.randint(low, high))

    # -- people ----------------------------------------------------------------------------

    def make_people(self) -> None:
        taken: set[str] = set()
        rng = self.rng
        for _ in range(self.n_people):
            for attempt in range(40):
                name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
                if attempt >= 10:
                    name = name.replace(" ", f" {chr(65 + rng.randrange(26))}. ", 1)
                if attempt >= 30:
                    name = f"{name} {rng.randint(2, 99)}"
                if name.casefold() not in taken:
                    break
            taken.add(name.casefold())
            self.people.append(PersonNote(name=name, role=rng.choice(PERSON_ROLES),
                                          met=self._days_ago(20, 700)))

    def person_text(self, person: PersonNote) -> str:
        rng = self.rng
        met = person.met or self.today
        company = person.company or f"{rng.choice(COMPANY_A)} {rng.choice(COMPANY_B)}"
        handle = _slug(person.name)
        lines = ["---", f"aliases:\n  - {_yaml(person.name.split()[0])}",
                 f"created: {met.isoformat()}", f"company: {_yaml(company)}",
                 f"role: {person.role}",
                 f"linkedin: https://www.linkedin.com/in/{handle}",
                 f"email: {handle.replace('-', '.')}@{_slug(company)}.example.com",
                 f"met: {met.isoformat()}"]
        if rng.random() < 0.8:
            lines.append(f"thanked: {min(self.today, met + timedelta(rng.randint(0, 2)))}")
        if rng.random() < 0.7:
            lines.append(f"connected: {min(self.today, met + timedelta(rng.randint(1, 6)))}")
        span = (self.today - met).days
        touches = sorted({met + timedelta(rng.randint(0, span)) for _ in range(rng.randint(0, 3))})
        lines.append("touches:" + ("".join(f"\n  - {d}" for d in touches) if touches else " []"))
        if rng.random() < 0.2:
            lines.append(f"informational: {self._days_ago(-20, 200)}")
        lines.append("tags:\n  - " + rng.choice(("network", "recruiting", "mentor", "alumni")))
        lines.append("---")
        body = ["", "## About", "", f"{person.name.split()[0]} works on {rng.choice(AREAS)} "
                f"at {company} and cares about {rng.choice(SKILLS)} and clear writing. "
                f"Prefers email to calls; usually answers within {rng.randint(1, 5)} days. "
                "Happy to introduce people in their network when asked with a clear reason.",
                "", "## How we met", "",
                f"{met}: {self._fill(rng.choice(NOTE_LINES), channel='a meetup')}"
                f" We talked about {rng.choice(AREAS)} and {rng.choice(AREAS)}.",
                "", "## Notes", ""]
        for stem in person.used_by[:4]:
            body.append(f"- Involved in [[{stem}]].")
        for _ in range(rng.randint(3, 6)):
            body.append(f"- {self._fill(rng.choice(NOTE_LINES), channel='email')}")
        body += ["", "## Topics to follow up", "",
                 f"- Their view on {rng.choice(SKILLS)} versus {rng.choice(SKILLS)}",
                 f"- An article about {rng.choice(AREAS)} they might like", ""]
        return "\n".join(lines + body)

    # -- applications ----------------------------------------------------------------------

    def _company_role(self) -> tuple[str, str]:
        rng = self.rng
        company = f"{rng.choice(COMPANY_A)} {rng.choice(COMPANY_B)}"
        role = rng.choice(ROLES)
        if (company.casefold(), role.casefold()) in self._pairs:
            role = f"{role}, {rng.choice(TEAMS)}"
        n = 2
        base = role
        while (company.casefold(), role.casefold()) in self._pairs:
            role, n = f"{base} {n}", n + 1
        self._pairs.add((company.casefold(), role.casefold()))
        return company, role

    def _stages(self, status: str) -> dict[str, object]:
        """Every stage date for ``status``, in order, ending on or before today."""
        rng = self.rng
        steps: list[tuple[str, int]] = []
        reached_screen = status in ("screening", "interviewing", "offer", "accepted", "declined")
        if status in ("rejected", "withdrawn"):
            reached_screen = rng.random() < 0.55
        rounds = 0
        if status in ("interviewing", "offer", "accepted", "declined"):
            rounds = rng.randint(1, 4)
        elif status in ("rejected", "withdrawn") and reached_screen:
            rounds = rng.randint(0, 3)
        if status != "wishlist":
            steps.append(("applied", 0))
        if reached_screen:
            steps.append(("screening", rng.randint(3, 14)))
        steps += [("interview", rng.randint(4, 12)) for _ in range(rounds)]
        if status in ("offer", "accepted", "declined"):
            steps.append(("offer", rng.randint(2, 10)))
        if status in ("accepted", "declined", "rejected", "withdrawn"):
            steps.append((status, rng.randint(1, 14)))
        feedback = status == "rejected" and rounds > 0 and rng.random() < 0.7
        if feedback:
            steps.append(("feedback_requested", rng.randint(1, 3)))
            if rng.random() < 0.45:
                steps.append(("feedback_received", rng.randint(2, 10)))
        span = sum(gap for _, gap in steps)
        recent = status in ("applied", "screening", "interviewing", "offer")
        slack = rng.randint(0, 25 if recent else 600)
        if status == "ghosted":
            slack += 31
        day = self.today - timedelta(days=span + slack)
        out: dict[str, object] = {"interviews": []}
        for key, gap in steps:
            day += timedelta(days=gap)
            if key == "interview":
                out["interviews"].append(day)   # type: ignore[union-attr]
            else:
                out[key] = day
        return out

    def application(self, index: int) -> tuple[str, str]:
        rng = self.rng
        status = _weighted(rng, STATUS_WEIGHTS)
        informational = status == "applied" and rng.random() < 0.15
        company, role = self._company_role()
        if informational:
            role = f"Informational chat {index}"
            self._pairs.add((company.casefold(), role.casefold()))
        rel = self._unique_file("applications", _slug(f"{company} {role}"))
        stem = rel.rsplit("/", 1)[1][:-3]
        stages = self._stages(status)
        channel = "networking" if informational else _weighted(rng, CHANNEL_WEIGHTS)
        job_type = "informational" if informational else rng.choice(
            ("full-time",) * 8 + ("contract", "freelance", "part-time", "internship"))
        skills = rng.sample(SKILLS, rng.randint(3, 7))
        n_contacts = 0
        if self.people and stages.get("screening"):
            n_contacts = rng.randint(1, 3)
        elif self.people and channel in ("networking", "referral", "recruiter"):
            n_contacts = 1
        contacts = rng.sample(self.people, min(n_contacts, len(self.people)))
        for person in contacts:
            person.company = person.company or company
            person.used_by.append(stem)
            first_met = stages.get("screening") or stages.get("applied")
            if isinstance(first_met, date) and person.met and first_met < person.met:
                person.met = first_met

        fm = ["---", f"company: {_yaml(company)}", f"role: {_yaml(role)}", f"status: {status}"]
        if status != "wishlist":
            fm.append(f"channel: {channel}")
        fm.append(f"type: {job_type}")
        for key in ("applied", "screening"):
            if key in stages:
                fm.append(f"{key}: {stages[key]}")
        if stages["interviews"]:
            fm.append("interviews:" + "".join(f"\n  - {d}" for d in stages["interviews"]))
        for key in ("offer", "accepted", "declined", "rejected", "withdrawn",
                    "feedback_requested", "feedback_received"):
            if key in stages:
                fm.append(f"{key}: {stages[key]}")
        if contacts:
            fm.append("contacts:" + "".join(f'\n  - "[[{p.name}]]"' for p in contacts))
        fm.append("skills:" + "".join(f"\n  - {_yaml(s)}" for s in skills))
        fm.append(f"location: {_yaml(rng.choice(LOCATIONS))}")
        fm.append(f"url: https://jobs.example.org/{_slug(company)}/{_slug(role)}-{index:05d}")
        low = rng.randint(35, 70)
        fm.append(f'salary: "SEK {low},000–{low + rng.randint(3, 9)},000 / month"')
        fm.append(f"resume: resume-v{rng.randint(1, 4)}.pdf")
        fm.append("tags:\n  - " + rng.choice(INDUSTRY_TAGS))
        fm.append(f"excitement: {rng.randint(1, 5)}")
        if status in ("wishlist", "applied", "screening", "interviewing", "offer"):
            fm.append(f"next_action: {_yaml(rng.choice(NEXT_ACTIONS))}")
            fm.append(f"next_action_date: {self.today + timedelta(rng.randint(1, 10))}")
        fm.append("---")
        body = self._app_body(status, company, stages, contacts, skills)
        return rel, "\n".join(fm) + "\n" + body

    def _app_body(self, status: str, company: str, stages: dict[str, object],
                  contacts: list[PersonNote], skills: list[str]) -> str:
        """The body; the job description names only skills the ``skills:`` key lists."""
        rng = self.rng
        out = ["", "## Job description", "",
               self._fill(rng.choice(INTROS), company=company), "", "What you will do:"]
        out += [f"- {self._fill(d, skills)}" for d in rng.sample(DUTIES, rng.randint(4, 6))]
        out += ["", "What we look for:"]
        out += [f"- {self._fill(d, skills)}" for d in rng.sample(NEEDS, rng.randint(3, 5))]
        out += ["", "Nice to have:"]
        out += [f"- {self._fill(d, skills)}" for d in rng.sample(NICE, 2)]
        out += ["", self._fill(rng.choice(TEAM_TEXT), skills), "", "## Notes", ""]
        dated = [(k, v) for k, v in stages.items() if isinstance(v, date)]
        dated += [("interview", d) for d in stages["interviews"]]   # type: ignore[union-attr]
        for key, day in sorted(dated, key=lambda kv: kv[1]):
            who = f" with [[{rng.choice(contacts).name}]]" if contacts and key != "applied" else ""
            line = self._fill(rng.choice(NOTE_LINES), channel=rng.choice(VIA))
            out.append(f"- {day}: {key.replace('_', ' ').capitalize()}{who}. {line}")
        if "feedback_received" in stages:
            out += ["", "## Feedback", "",
                    f"They liked the {rng.choice(STRENGTH).replace('-', ' ')} but chose someone "
                    f"with more experience in {rng.choice(AREAS)}. **Specific** and useful."]
        if status == "rejected" and stages.get("screening") and rng.random() < 0.8:
            out += self._post_mortem(stages)
        out.append("")
        return "\n".join(out)

    def _post_mortem(self, stages: dict[str, object]) -> list[str]:
        rng = self.rng
        improve = rng.sample(IMPROVE, 2)
        strength = rng.choice(STRENGTH)
        out = ["", "## Post-mortem", "", "### Job description match", "",
               self._fill(rng.choice(PM_MATCH)) + f"#improve/{improve[0]}"]
        sections = ["Resume and cover letter", "Screening"]
        if stages["interviews"]:
            sections.append("Interviews")
        sections.append("Follow-up")
        for title in sections:
            text = self._fill(PM_TEXT[title])
            if title == "Interviews":
                text += f" #strength/{strength} #improve/{improve[1]}"
            out += ["", f"### {title}", "", text]
        out += ["", "### What went well", ""]
        out += [f"- {w}" for w in rng.sample(WENT_WELL, 2)]
        out += ["", "### What to improve", ""]
        out += [f"- {w}" for w in rng.sample(TO_IMPROVE, 2)]
        out += ["", "### Action plan", ""]
        out += [f"- [{'x' if rng.random() < 0.4 else ' '}] {self._fill(a)}"
                for a in rng.sample(ACTIONS, rng.randint(2, 4))]
        return out

    # -- unrelated notes -------------------------------------------------------------------

    def unrelated(self, count: int) -> list[tuple[str, str]]:
        rng = self.rng
        notes: list[tuple[str, str]] = []
        stems: list[str] = []
        for i in range(count):
            folder = UNRELATED_FOLDERS[i % len(UNRELATED_FOLDERS)]
            stem = f"{folder.rsplit('/', 1)[-1]} note {i:06d}"
            rel = f"{folder}/{stem}.md"
            parts = []
            if rng.random() < 0.5:
                parts += ["---", f"created: {self._days_ago(0, 900)}",
                          f"tags: [{rng.choice(('idea', 'log', 'book', 'todo'))}]", "---", ""]
            parts.append(f"# {stem}\n")
            for _ in range(rng.randint(6, 14)):
                parts.append(rng.choice(LOREM))
            if stems:
                parts.append(f"\nSee also [[{rng.choice(stems)}]] and [[{rng.choice(stems)}]].")
            parts.append(f"\n- [ ] {rng.choice(LOREM)}\n")
            stems.append(stem)
            notes.append((rel, "\n".join(parts)))
        return notes


SETTINGS = """\
title = "Benchmark job search"
owner = "Bench Mark"
week_starts = "monday"

[goals]
applications = 5
networking = 2
informational = 1

[channels.targets]
job-board = 40
networking = 30
direct-outreach = 20
recruiter = 10

[skills]
have = ["SQL", "Python", "Excel", "Tableau", "Power BI", "statistics", "A/B testing", "Git"]
learning = ["dbt", "Airflow", "data modeling"]
"""


def generate(out: Path, notes: int, *, unrelated: int = 0, seed: int = 1,
             today: date = DEFAULT_TODAY, force: bool = False) -> dict[str, int]:
    """Write the vault into ``out``; return counts and total bytes.

    ``out`` must be missing, empty, or (with ``force``) a folder this script made.
    """
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        if not (force and (out / MARKER).exists()):
            raise SystemExit(f"{out} is not empty; pass --force to replace a generated vault")
        shutil.rmtree(out)
    gen = Generator(notes, seed, today)
    gen.make_people()
    files: list[tuple[str, str]] = [gen.application(i) for i in range(gen.n_apps)]
    for person in gen.people:
        files.append((f"people/{person.name}.md", gen.person_text(person)))
    files += gen.unrelated(unrelated)
    files += [("jobnotes.toml", SETTINGS), (MARKER, f"seed={seed} notes={notes}\n"),
              (".obsidian/app.json", '{"newFileLocation": "folder"}\n'),
              ("Home.md", "# Home\n\nMy job search lives in [[applications]].\n")]
    total = 0
    made: set[Path] = set()
    for rel, text in files:
        path = out / rel
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        data = text.encode("utf-8")
        path.write_bytes(data)
        total += len(data)
    return {"applications": gen.n_apps, "people": len(gen.people), "unrelated": unrelated,
            "bytes": total}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to create the vault in")
    parser.add_argument("--notes", type=int, default=1000, help="applications + people notes")
    parser.add_argument("--unrelated", type=int, default=0, help="extra unrelated notes")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--today", type=date.fromisoformat, default=DEFAULT_TODAY)
    parser.add_argument("--force", action="store_true", help="replace a generated vault")
    args = parser.parse_args(argv)
    stats = generate(args.out, args.notes, unrelated=args.unrelated, seed=args.seed,
                     today=args.today, force=args.force)
    notes = stats["applications"] + stats["people"]
    print(f"{args.out}: {stats['applications']} applications, {stats['people']} people, "
          f"{stats['unrelated']} unrelated notes; "
          f"{stats['bytes'] / max(1, notes + stats['unrelated']) / 1024:.1f} KB per note")
    return 0


if __name__ == "__main__":
    sys.exit(main())
