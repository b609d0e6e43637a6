"""The regular expressions that find a vocabulary's spellings in text: one pattern per
list of forms, built as a trie so that the regex engine walks shared prefixes once."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

Forms = tuple[str, ...]

# A space in a spelling matches spaces, one line break or a hyphen: "data-modeling".
_SPACE = r"(?:[^\S\n]*\n[^\S\n]*|[^\S\n]+|-)"
# Whole words only; "R&D", "C-level", "node.js" inside "Node.jsx" are not skills.
_LEFT = r"(?<![\w.+#&])(?<!\w-)"
_RIGHT = r"(?![\w+#])(?!\.\w)(?!&\w)"


def _atoms(form: str) -> list[str]:
    return [_SPACE if ch == " " else re.escape(ch) for ch in form]


def _emit(root: dict[str, dict]) -> str:
    """The pattern of a trie of atoms (``""``: a form ends here), children before their
    parents with a stack of its own: a form is as deep as it is long, and a pasted
    sentence in a `skills:` list is longer than Python lets a function recurse."""
    emitted: dict[int, str] = {}
    stack: list[tuple[dict[str, dict], bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if not children_done:
            stack.append((node, True))
            stack += [(child, False) for atom, child in node.items() if atom]
            continue
        parts = [atom + emitted.pop(id(child)) for atom, child in sorted(node.items()) if atom]
        body = "" if not parts else parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
        emitted[id(node)] = f"(?:{body})?" if parts and "" in node else body
    return emitted[id(root)]


def pattern_for(forms: Iterable[str]) -> re.Pattern[str]:
    """What a vocabulary's scanner looks for to find any of ``forms`` (lookup forms)."""
    return _compile(forms)


@lru_cache(maxsize=16)   # the shipped list's, used by every vocabulary, stays the newest
def pattern_of(forms: Forms, lower: bool = False) -> re.Pattern[str]:
    """``forms``' pattern; ``lower``: the one for the text in lower case (see ``lowered``),
    which only ASCII forms have."""
    return _compile(forms, 0) if lower else _compile(forms)


def scanner_of(forms: Forms) -> re.Pattern[str]:
    """What ``scan`` searches for ``forms``: for the text in lower case if it can."""
    return pattern_of(forms, all(map(str.isascii, forms)))


# Up to this many first characters (in lower case), a pattern for a text in lower case checks
# what precedes a match after its first character rather than before it: the regex engine
# then skips to where one of them is, with a loop in C (a few of the user's skills).
_FEW_FIRSTS = 8


def _compile(forms: Iterable[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """One pattern matching any of ``forms`` (loose spellings), longest first; without
    re.IGNORECASE in ``flags``, in a text in lower case only."""
    root: dict[str, dict] = {}
    for form in forms:
        node = root
        for atom in _atoms(form.lower()):
            node = node.setdefault(atom, {})
        node[""] = {}
    firsts = sorted(atom for atom in root if atom)
    if flags & re.IGNORECASE or "" in root or not 0 < len(firsts) <= _FEW_FIRSTS:
        return re.compile(_LEFT + "(?:" + (_emit(root) or "(?!)") + ")" + _RIGHT, flags)
    # _LEFT, one character later: (?<![\w.+#&]x)(?<!\w-x) after x.
    parts = [f"{atom}(?<![\\w.+#&]{atom})(?<!\\w-{atom}){_emit(root[atom])}"
             for atom in firsts]
    return re.compile("(?:" + "|".join(parts) + ")" + _RIGHT, flags)
