"""Which notes a change of the skill vocabulary can touch, for ``memo_skills``: an
application whose description (see ``jobnotes.jd.vocab_changes``) or ``skills:`` names one
of the changed forms can match differently."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from itertools import accumulate

from jobnotes.jd.extract import Description
from jobnotes.model import Application


class Corpus:
    """Many notes' descriptions in lower case in one string, to find which hold a word
    in one pass (descriptions that are not ASCII are kept apart: lower case may change
    their length)."""

    def __init__(self, notes: Iterable[tuple[Application, Description]]) -> None:
        self.plain: list[tuple[Application, Description]] = []
        self.odd: list[tuple[Application, Description]] = []
        for note in notes:
            (self.plain if note[1].text.isascii() else self.odd).append(note)
        texts = [d.text.lower() for _, d in self.plain]
        self.starts = list(accumulate((len(t) + 1 for t in texts), initial=0))
        self.text = "\0".join(texts)

    def holding(self, word: str) -> list[tuple[Application, Description]]:
        """The plain descriptions holding ``word`` (lower case, no "\\0")."""
        found = []
        at = self.text.find(word)
        while at >= 0:
            n = bisect_right(self.starts, at) - 1
            found.append(self.plain[n])
            at = self.text.find(word, self.starts[n + 1])
        return found
