"""What a change of the skill vocabulary can touch.

The vocabulary of a vault is the shipped one plus the user's spellings it does not know,
grouped by lookup form (see ``vocabulary_for``). When those groups change, only a
description that names one of the changed forms can name other skills, or the same
skills named otherwise: everywhere else the scanner finds the same skills, named the same
way. ``serve`` (``jobnotes.analysis.memo_skills``) matches again only such notes; the
skills cache (``jobnotes.jd.skillcache``) reads again only such descriptions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from jobnotes.jd.extract import Description
from jobnotes.jd.skill_patterns import pattern_for
from jobnotes.jd.vocabulary import Signature

_RUN_RE = re.compile(r"\w+")
# Text a description's scanner may blank out first (addresses, comments): where one of
# these appears, a changed form is taken to be named without looking closer.
_BLANKED = ("http", "www.", "<!--")


def changed_forms(old: Signature, new: Signature) -> set[str]:
    """The lookup forms whose spellings or name differ (or that came or went)."""
    before = {form: rest for form, *rest in old}
    after = {form: rest for form, *rest in new}
    return {form for form in before.keys() | after.keys() if before.get(form) != after.get(form)}


class Mentions:
    """Whether a description may name any of some lookup forms, read quickly: the words
    of a form must all be in the text before the scanner's pattern is tried, and only
    where its first word is."""

    def __init__(self, forms: Iterable[str]) -> None:
        self.plans = []
        for form in forms:
            runs = _RUN_RE.findall(form)
            first = _RUN_RE.search(form)
            plain = (form.isascii() and first is not None
                     and " " not in form[:first.start()])
            self.plans.append((runs if plain else None, first.start() if first else 0,
                               pattern_for([form])))

    def words(self) -> list[str] | None:
        """A word (lower case) of each form that a text naming it holds; None when some
        form has no such word and every text must be read."""
        if any(runs is None for runs, _, _ in self.plans):
            return None
        return [max(runs, key=len) for runs, _, _ in self.plans]

    def named_in(self, description: Description) -> bool:
        text = description.text
        lowered = text.lower() if text.isascii() else ""
        for runs, offset, pattern in self.plans:
            if runs is None or not lowered:
                if pattern.search(text) is not None or _blanked(text):
                    return True
                continue
            if not all(run in lowered for run in runs):
                continue
            if _blanked(text):
                return True
            at = lowered.find(runs[0])
            while at >= 0:
                if at >= offset and pattern.match(text, at - offset) is not None:
                    return True
                at = lowered.find(runs[0], at + 1)
        return False


def _blanked(text: str) -> bool:
    return any(b in text for b in _BLANKED)
