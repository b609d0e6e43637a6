"""Keys written another way: ``Company:`` (as Obsidian users often capitalise properties)
is read as ``company``, with an info hint, like a choice written another way.

Only case and surrounding spaces are forgiven; a key that is spelt differently is left
for the unknown-key warning and its "did you mean" hint.
"""

from __future__ import annotations

from typing import Any

from jobnotes.diagnostics import Diagnostic, info, warning
from jobnotes.frontmatter import FrontMatter
from jobnotes.model import START, Pos


def fold_keys(rel: str, front: FrontMatter, known: tuple[str, ...],
              ) -> tuple[FrontMatter, list[Diagnostic]]:
    """``front`` with each key that is a known key but for case or spaces renamed to it.

    When the exact spelling is also written it wins and the other gets a warning; so
    does any later one of two spellings that both differ. ``front`` is not changed.
    """
    by_fold = {key.casefold(): key for key in known}
    renames: dict[str, str] = {}
    found: list[Diagnostic] = []
    for key in front.key_pos:          # every key written, in file order
        if not isinstance(key, str) or key in known or key.startswith("_"):
            continue
        target = by_fold.get(key.strip().casefold())
        if target is None:
            continue
        pos = front.key_pos[key]
        taken = _taken_by(front, renames, target)
        if taken is not None:
            written = "" if taken[0] == target else f" (as `{taken[0]}`)"
            found.append(warning(
                rel, pos.line, pos.column, "duplicate-key",
                f"`{key}` is ignored: `{target}` is already set{written} on line "
                f"{taken[1].line}", "keep only one of the two lines"))
            renames[key] = ""
            continue
        renames[key] = target
        found.append(info(rel, pos.line, pos.column, "key-spelling",
                          f"`{key}` is read as `{target}`",
                          f"write it as `{target}`: other tools reading the vault see the "
                          "key as it is written"))
    if not renames:
        return front, found
    return _renamed(front, renames), found


def _taken_by(front: FrontMatter, renames: dict[str, str], target: str,
              ) -> tuple[str, Pos] | None:
    """The spelling (and its position) that already sets ``target``, if any."""
    if target in front.key_pos:
        return target, front.key_pos[target]
    for written, renamed in renames.items():
        if renamed == target:
            return written, front.key_pos.get(written, START)
    return None


def _renamed(front: FrontMatter, renames: dict[str, str]) -> FrontMatter:
    """A copy of ``front`` with keys renamed; a key renamed to "" is left out."""
    def name(key: Any) -> str:
        return renames.get(key, key)

    def moved(table: dict[Any, Any]) -> dict[Any, Any]:
        return {name(key): value for key, value in table.items() if name(key)}

    return FrontMatter(
        data=moved(front.data), key_pos=moved(front.key_pos), value_pos=moved(front.value_pos),
        item_pos=moved(front.item_pos),
        quoted={name(key) for key in front.quoted if name(key)})
