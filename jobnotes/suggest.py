"""Did-you-mean suggestions for misspelt keys, values and names."""

from __future__ import annotations

from collections.abc import Iterable


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """The choice closest to ``word`` (compared case-insensitively), or None if none is close."""
    import difflib  # only once a word is unknown

    options = list(choices)
    by_folded: dict[str, str] = {}
    for option in options:
        by_folded.setdefault(option.casefold(), option)
    folded = word.casefold()
    matches = difflib.get_close_matches(folded, list(by_folded), n=1, cutoff=0.6)
    if matches:
        return by_folded[matches[0]]
    # A word cut short while typing ("rej", "interv"): the one choice it begins.
    begun = [option for key, option in by_folded.items()
             if len(folded) >= 3 and key.startswith(folded)]
    return begun[0] if len(begun) == 1 else None
