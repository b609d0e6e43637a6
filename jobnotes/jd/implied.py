"""Implied skills: having one skill of the vocabulary means having a broader one.

A line of ``skills.tsv`` such as

    Dashboards <tab> <= <tab> Tableau | Power BI | Looker

says that whoever has Tableau, Power BI or Looker has Dashboards too. Implications
chain (Looker => Dashboards => Data visualization), so each line names only the nearest
broader skill. Only skills you have are implied: learning Tableau does not make
Dashboards "learning", and a skill you list as learning stays so even when a skill you
have implies it (what you wrote about a skill beats what is inferred).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

MARK = "<="          # the second column of an implication line
# narrower key -> every broader key it implies, nearest first
Implications = Mapping[str, tuple[str, ...]]


def is_implication(columns: list[str]) -> bool:
    """Whether the tab-separated ``columns`` of a line are an implication line."""
    return len(columns) >= 2 and columns[1].strip() == MARK


def implications(lines: Iterable[tuple[int, list[str]]], key_of: Callable[[str], str | None],
                 name_of: Callable[[str], str], source: str = "skills.tsv") -> Implications:
    """The implications of ``lines`` ((line number, columns) of each implication line),
    with every chain followed.

    ``key_of`` gives the key of a spelling of a known skill (None for an unknown one),
    ``name_of`` the display name of a key. A line naming an unknown skill, a skill
    implying itself or a loop raises ValueError naming the line.
    """
    direct: dict[str, list[str]] = {}        # narrower key -> broader keys, in file order
    for number, columns in lines:
        where = f"{source}:{number}"
        written = [n.strip() for n in columns[2].split("|")] if len(columns) == 3 else []
        if not columns[0].strip() or not any(written):
            raise ValueError(f"{where}: expected a skill, {MARK!r} and the skills that imply "
                             "it, separated by tabs")
        broad = _known(columns[0], key_of, where)
        for name in filter(None, written):
            narrow = _known(name, key_of, where)
            if narrow == broad:
                raise ValueError(f"{where}: {name_of(broad)} cannot imply itself")
            if narrow in _reach(direct, broad):
                raise ValueError(f"{where}: {name_of(narrow)} cannot imply "
                                 f"{name_of(broad)}: {name_of(broad)} already implies "
                                 f"{name_of(narrow)}")
            targets = direct.setdefault(narrow, [])
            if broad not in targets:
                targets.append(broad)
    return {narrow: _reach(direct, narrow) for narrow in direct}


def _known(name: str, key_of: Callable[[str], str | None], where: str) -> str:
    key = key_of(name.strip())
    if key is None:
        raise ValueError(f"{where}: {name.strip()!r} is not a skill of the list")
    return key


def _reach(direct: Mapping[str, list[str]], start: str) -> tuple[str, ...]:
    """Every key ``start`` implies, nearest first (breadth first, in file order)."""
    found: dict[str, None] = {}
    todo = list(direct.get(start, ()))
    while todo:
        key = todo.pop(0)
        if key not in found and key != start:
            found[key] = None
            todo += direct.get(key, ())
    return tuple(found)


def implied_through(have: Iterable[str], implies: Callable[[str], tuple[str, ...]],
                    name_of: Callable[[str], str]) -> dict[str, tuple[str, ...]]:
    """Broader key -> the names of the skills in ``have`` (keys, in the user's order)
    implying it. Keys in ``have`` themselves are left out."""
    have = list(dict.fromkeys(have))
    own = set(have)
    through: dict[str, list[str]] = {}
    for key in have:
        for broad in implies(key):
            if broad not in own:
                names = through.setdefault(broad, [])
                if name_of(key) not in names:
                    names.append(name_of(key))
    return {key: tuple(names) for key, names in through.items()}


def through_text(names: Iterable[str]) -> str:
    """"through Tableau and Power BI" ("" for no name)."""
    names = list(names)
    if not names:
        return ""
    if len(names) == 1:
        return "through " + names[0]
    return "through " + ", ".join(names[:-1]) + " and " + names[-1]
