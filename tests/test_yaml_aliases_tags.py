"""YAML aliases that multiply values ("alias bombs") and YAML tags (``!!python/...``) in
front matter: one clear finding each, at its place, and never a hang."""

from __future__ import annotations

import signal
import textwrap
import time
from collections import Counter
from datetime import date

import pytest

from jobnotes.frontmatter import ParsedNote, parse_note
from jobnotes.load import load_vault

REL = "applications/acme.md"
TODAY = date(2026, 11, 27)
LOL = '["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'


def parse(text: str) -> ParsedNote:
    return parse_note(REL, textwrap.dedent(text).lstrip("\n"))


def bomb(keys: list[str]) -> str:
    """An alias bomb: each key holds nine aliases of the key before it."""
    lines = ["---", f"company: &a0 {LOL}"]
    for n, key in enumerate(keys, start=1):
        lines.append(f"{key}: &a{n} [" + ",".join([f"*a{n - 1}"] * 9) + "]")
    return "\n".join([*lines, "---", ""])


def findings_of_note(vault, text: str):
    loaded = load_vault(vault({"applications/acme.md": text}), today=TODAY)
    return [d for d in loaded.diagnostics if d.path == REL]


def test_an_alias_bomb_gives_each_finding_once(vault):
    found = findings_of_note(vault, bomb(["role", "status", "location", "salary", "url",
                                          "tags"]))
    keys = Counter((d.line, d.column, d.rule, d.message) for d in found)
    assert all(count == 1 for count in keys.values()), keys
    tags = [d for d in found if d.line == 8]
    assert [(d.rule, d.column) for d in tags] == [("yaml-alias", 7)]
    assert tags[0].message == ("`tags` repeats a list through YAML aliases (*name): it would "
                               "hold 4,782,969 values; it is not read")
    assert not any("each tags item" in d.message for d in found)


@pytest.mark.skipif(not hasattr(signal, "SIGALRM"), reason="needs SIGALRM")
def test_a_deeper_alias_bomb_is_read_at_once(vault):
    def too_slow(*_: object) -> None:
        raise TimeoutError("the alias bomb was expanded")

    previous = signal.signal(signal.SIGALRM, too_slow)
    signal.alarm(30)        # expanding it would take hours: fail rather than hang
    try:
        started = time.monotonic()
        found = findings_of_note(vault, bomb([f"k{n}" for n in range(1, 12)] + ["tags"]))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert time.monotonic() - started < 10
    assert sum(d.rule == "yaml-alias" for d in found) == 12


def test_a_list_repeated_by_aliases_inside_a_value_is_one_finding():
    note = parse("""
        ---
        company: Acme
        pair: &p [a, b]
        skills: [*p, *p]
        ---
    """)
    assert [(d.rule, d.line, d.column) for d in note.diagnostics] == [("yaml-alias", 4, 9)]
    assert note.front.data == {"company": "Acme", "pair": ["a", "b"]}
    assert "skills" in note.front.key_pos


def test_plain_aliases_still_read():
    note = parse("""
        ---
        applied: &day 2024-03-05
        interviews: [*day, *day, 2024-03-07]
        skills: &s [SQL, Python]
        required: *s
        ---
    """)
    assert note.diagnostics == []
    assert note.front.data["interviews"] == [date(2024, 3, 5)] * 2 + [date(2024, 3, 7)]
    assert note.front.data["required"] == ["SQL", "Python"]


def test_a_python_tag_is_not_allowed_and_says_so_at_its_place(vault):
    text = ('---\ncompany: !!python/object/apply:os.system ["x"]\nrole: R\n'
            "status: wishlist\n---\n")
    note = parse_note(REL, text)
    [finding] = note.diagnostics
    assert (finding.rule, finding.line, finding.column) == ("yaml-tag", 2, 10)
    assert finding.message == ("YAML tags such as !!python/object/apply:os.system are not "
                               "allowed in front matter")
    assert "company" not in note.front.data
    found = findings_of_note(vault, text)
    assert [d.rule for d in found] == ["yaml-tag"]      # nothing about "a list"
    assert not any("same line as the key" in (d.hint or "") for d in found)


@pytest.mark.parametrize(("yaml_text", "line", "column", "shown"), [
    ("company: Acme\nlocation: !foo Berlin\n", 3, 11, "!foo"),
    ("company: Acme\nskills:\n  - SQL\n  - !!set {a}\n", 5, 5, "!!set"),
    ("company: !!python/object:x\n  k: 1\n", 2, 10, "!!python/object:x"),
    ("company: Acme\n!!python/name:os.system : x\n", 3, 1, "!!python/name:os.system"),
])
def test_other_tags_are_named_as_written(yaml_text, line, column, shown):
    note = parse_note(REL, f"---\n{yaml_text}---\n")
    [finding] = note.diagnostics
    assert (finding.rule, finding.line, finding.column) == ("yaml-tag", line, column)
    assert finding.message == f"YAML tags such as {shown} are not allowed in front matter"


def test_standard_tags_are_fine():
    note = parse("""
        ---
        company: !!str 1234
        excitement: !!int "4"
        ---
    """)
    assert note.diagnostics == []
    assert note.front.data == {"company": "1234", "excitement": 4}
