"""The feedback loop after rejections: how often feedback is asked for and given, and a
ready-to-send draft email asking targeted questions."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from statistics import median
from urllib.parse import quote

from jobnotes.analysis.network import (
    MESSAGE_LATE_DAYS,
    AppRef,
    app_ref,
    is_too_late,
    message_deadline,
    name_key,
)
from jobnotes.analysis.postmortem import is_rejection
from jobnotes.analysis.stages import Stage, furthest_stage
from jobnotes.model import Application, Person
from jobnotes.settings import Settings

# Roles that can answer a feedback request, in no particular order: the first listed
# contact with one of them and an email address receives the draft.
ADDRESSEE_ROLES = ("recruiter", "hiring-manager", "interviewer")
_INTERVIEWER_ROLES = ("hiring-manager", "interviewer")


@dataclass(frozen=True, slots=True)
class FeedbackStats:
    rejections: int
    requested: int                        # applications with feedback_requested
    received: int                         # ... that also have feedback_received
    unsolicited: int                      # feedback_received with no request on record
    rate: float | None                    # received / requested; None when nothing requested
    without_request: tuple[AppRef, ...]   # rejections with no request and no feedback
    median_days_to_request: float | None  # rejected -> feedback_requested
    median_days_to_reply: float | None    # feedback_requested -> feedback_received
    not_possible: int = 0                 # rejections with no one to ask (and no feedback)


def _median(values: list[int]) -> float | None:
    return float(median(values)) if values else None


def feedback_stats(apps: list[Application]) -> FeedbackStats:
    """The feedback response rate and how quickly requests go out and answers come back."""
    real = [a for a in apps if not a.is_informational]
    rejections = [a for a in real if is_rejection(a)]
    asked = [a for a in real if a.feedback_requested is not None]
    answered = [a for a in asked if a.feedback_received is not None]
    unsolicited = [a for a in real
                   if a.feedback_received is not None and a.feedback_requested is None]
    unasked = [a for a in rejections
               if a.feedback_requested is None and a.feedback_received is None]
    missing = [a for a in unasked if not a.feedback_not_possible]
    missing.sort(key=lambda a: a.rel)
    missing.sort(key=lambda a: a.rejected or date.min, reverse=True)
    to_request = [(a.feedback_requested - a.rejected).days for a in asked
                  if a.rejected is not None and a.feedback_requested is not None]
    to_reply = [(a.feedback_received - a.feedback_requested).days for a in answered
                if a.feedback_received is not None and a.feedback_requested is not None]
    return FeedbackStats(
        rejections=len(rejections),
        requested=len(asked),
        received=len(answered),
        unsolicited=len(unsolicited),
        rate=len(answered) / len(asked) if asked else None,
        without_request=tuple(app_ref(a) for a in missing),
        median_days_to_request=_median(to_request),
        median_days_to_reply=_median(to_reply),
        not_possible=len(unasked) - len(missing),
    )


def request_due(app: Application, settings: Settings) -> date | None:
    """When a feedback request after ``app``'s rejection falls due (``feedback_request_hours``
    after it); None without a rejection date."""
    if app.rejected is None:
        return None
    return message_deadline(app.rejected, settings.windows.feedback_request_hours)


def too_late_to_ask(app: Application, settings: Settings, today: date) -> bool:
    """Whether asking for feedback after ``app``'s rejection no longer makes sense: the
    request fell due more than ``network.MESSAGE_LATE_DAYS`` ago, when the agenda stops
    asking too. Without a rejection date nothing says it is too late."""
    due = request_due(app, settings)
    return due is not None and is_too_late(due, today, MESSAGE_LATE_DAYS)


# --- the draft email ---------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class FeedbackEmail:
    to: str | None            # an email address, or None when no contact has one
    subject: str
    body: str                 # "\n" line breaks
    signed: bool = True       # False: no ``owner`` setting, so no name under "Best regards,"


# Contact name key -> the person note of that name (the first by path).
PeopleIndex = Mapping[str, Person]


def people_index(people: Iterable[Person]) -> PeopleIndex:
    """Person notes by name, for ``feedback_email`` drafts of many applications."""
    return {name_key(p.name): p for p in sorted(people, key=lambda p: p.rel, reverse=True)}


def _contacts(app: Application, people: list[Person],
              by_name: PeopleIndex | None = None) -> list[Person]:
    by_name = by_name if by_name is not None else people_index(people)
    found: list[Person] = []
    for name in app.contacts:
        person = by_name.get(name_key(name))
        if person is not None and person not in found:
            found.append(person)
    return found


def _join(names: list[str], word: str = "and") -> str:
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {word} {names[-1]}"


def _asked_about(app: Application, settings: Settings) -> list[str]:
    """Up to three of the role's skills to ask about: those the user does not list as
    skills they have (settings' [skills] have); asking about a strength wastes the
    question."""
    have = {" ".join(s.split()).casefold() for s in settings.skills}
    wanted = [" ".join(s.split()) for s in app.skills if s.strip()]
    return [s for s in wanted if s.casefold() not in have][:3]


def _skill_phrase(skill: str) -> str:
    """``skill`` without a trailing "skill(s)", so "my ... skills" never doubles it."""
    words = skill.split()
    if len(words) > 1 and words[-1].casefold() in ("skill", "skills"):
        words = words[:-1]
    return " ".join(words)


def learning_sentence(skills: list[str]) -> str:
    """The closing question about skills the role asked for that the user is building up;
    "" with none. Only role skills appear here: the note's private ``#improve/...`` themes
    and post-mortem text never go into an outgoing email."""
    names = [_skill_phrase(s) for s in skills if s.strip()]
    if not names:
        return ""
    return (f"I have been building up my {_join(names)} skills; was that a gap you "
            "noticed, and what would you suggest I focus on?")


_TITLES = {"dr", "prof", "mr", "mrs", "ms", "mx"}


def _first_name(name: str) -> str:
    """How to greet: "Ann" of "Ann, O'Neil; Jr" (never "Hi Ann,,"), "Dr. Holt" of
    "Dr. Mia Holt, PhD"."""
    words = name.replace(";", ",").split(",")[0].split() or name.split()
    if not words:
        return name.strip()
    if len(words) > 1 and words[0].rstrip(".").casefold() in _TITLES:
        return f"{words[0]} {words[-1]}"
    return words[0].rstrip(".:") or words[0]


def _one_line(text: str) -> str:
    """A value written over several lines in the note, as one line of a letter."""
    return " ".join(text.split())


def _questions(app: Application, stage: Stage, settings: Settings) -> list[str]:
    skills = _asked_about(app, settings)
    if stage >= Stage.INTERVIEW:
        asked = f", such as {_join(skills, 'or')}," if skills else ""
        questions = [
            f"Were there specific skills{asked} where another candidate had a stronger "
            "background?",
            "Was there an interview answer or moment that weighed on the decision, and how "
            "could I have handled it better?",
        ]
    elif stage >= Stage.RESPONSE:
        questions = [
            "How well did my experience match what you were looking for, and where did it "
            "fall short?",
            "Is there anything in how I presented my background on the call that I could "
            "make clearer?",
        ]
    else:
        questions = [
            "Was there something in my resume or cover letter that made the difference?",
            "Which qualifications would have made my application stronger for this role?",
        ]
    if stage < Stage.INTERVIEW:     # after interviews the first question names them
        learning = learning_sentence(skills)
        if learning:
            questions.append(learning)
    return questions


def feedback_email(app: Application, people: list[Person], settings: Settings,
                   today: date | None = None, *, index: PeopleIndex | None = None,
                   ) -> FeedbackEmail:
    """A polite feedback request for ``app``, with two or three questions tailored to the
    furthest stage reached and to the role's skills the user does not list as theirs.
    Nothing private from the note (``#improve/...`` themes, post-mortem text) is used.

    ``index``: ``people_index(people)``, when the caller has it already.
    """
    reached = furthest_stage(app, today or date.max)
    stage = reached.stage
    contacts = _contacts(app, people, index)
    able = [p for p in contacts if p.role in ADDRESSEE_ROLES]
    recipient = next((p for p in able if p.email and p.email.strip()), None)
    greeted = recipient or (able[0] if able else None)
    interviewers = [p.name for p in contacts
                    if p.role in _INTERVIEWER_ROLES and p is not greeted]

    lines = [f"Hi {_first_name(greeted.name)}," if greeted else "Hello,", ""]
    role, company = _one_line(app.role), _one_line(app.company)
    thanks = (f"Thank you for letting me know about your decision on the {role} role at "
              f"{company}.")
    if stage >= Stage.INTERVIEW:
        thanks += (" Thank you as well for the interview" if reached.interviews == 1
                   else " Thank you as well for the interviews")
        if interviewers:
            thanks += f"; please pass my thanks to {_join(interviewers)} for their time"
        thanks += ". I enjoyed learning about the team and the work."
    elif stage >= Stage.RESPONSE:
        thanks += " I appreciated the time you took to speak with me."
    else:
        thanks += " I appreciate that you considered my application."
    lines += [thanks, "",
              "To help me improve for future opportunities, I would be grateful for any "
              "feedback you can share, in particular:", ""]
    lines += [f"{n}. {q}" for n, q in enumerate(_questions(app, stage, settings), start=1)]
    lines += ["",
              "I understand if you cannot go into detail, and I appreciate your consideration "
              "either way. I would be glad to stay in touch for future openings.", "",
              "Best regards,"]
    owner = settings.owner.strip()
    if owner:
        lines.append(owner)
    return FeedbackEmail(
        to=recipient.email.strip() if recipient and recipient.email else None,
        subject=f"Thank you — {role} at {company}",
        body="\n".join(lines),
        signed=bool(owner),
    )


def mailto(email: FeedbackEmail) -> str:
    """A ``mailto:`` URL (RFC 6068: spaces as %20, line breaks as %0D%0A)."""
    to = quote(email.to, safe="@") if email.to else ""
    subject = quote(email.subject, safe="")
    body = quote(email.body.replace("\n", "\r\n"), safe="")
    return f"mailto:{to}?subject={subject}&body={body}"


def feedback_mailto(app: Application, people: list[Person], settings: Settings,
                    today: date | None = None, *, index: PeopleIndex | None = None) -> str:
    """The draft feedback request for ``app`` as a ``mailto:`` link."""
    return mailto(feedback_email(app, people, settings, today, index=index))
