"""Splitting front matter from the body, and positions of every key, value and item."""

from __future__ import annotations

import textwrap
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from jobnotes.frontmatter import ParsedNote, parse_note
from jobnotes.model import Pos
from jobnotes.vault import decode_note

REL = "applications/acme.md"


def parse(text: str) -> ParsedNote:
    return parse_note(REL, textwrap.dedent(text).lstrip("\n"))


def test_a_normal_application_note():
    note = parse("""
        ---
        company: Acme Corp
        role: "Data Analyst"
        status: interviewing
        applied: 2026-03-02
        interviews:
          - 2026-03-10
          - 2026-03-17
        skills: [SQL, Python, dbt]
        excitement: 4
        notes: |
          multi
          line
        ---
        ## Notes

        Met the team.
    """)
    assert note.diagnostics == []
    front = note.front
    assert front.data == {
        "company": "Acme Corp", "role": "Data Analyst", "status": "interviewing",
        "applied": date(2026, 3, 2),
        "interviews": [date(2026, 3, 10), date(2026, 3, 17)],
        "skills": ["SQL", "Python", "dbt"], "excitement": 4, "notes": "multi\nline\n",
    }
    assert front.key_pos["company"] == Pos(2, 1)
    assert front.value_pos["company"] == Pos(2, 10)
    assert front.value_pos["role"] == Pos(3, 7)
    assert front.value_pos["applied"] == Pos(5, 10)
    assert front.item_pos["interviews"] == [Pos(7, 5), Pos(8, 5)]
    assert front.item_pos["skills"] == [Pos(9, 10), Pos(9, 15), Pos(9, 23)]
    assert front.quoted == {"role"}
    assert note.end_line == 14
    assert note.body_line == 15
    assert note.body == "## Notes\n\nMet the team.\n"


def test_no_front_matter_is_not_an_error_here():
    note = parse_note(REL, "# Just a note\n\n---\nnot: front matter\n---\n")
    assert note.front is None
    assert note.diagnostics == []
    assert (note.body_line, note.end_line) == (1, 0)
    assert note.body.startswith("# Just a note")


def test_empty_front_matter_is_an_empty_mapping():
    note = parse_note(REL, "---\n---\nbody")
    assert note.front.data == {}
    assert note.diagnostics == []
    assert (note.body, note.body_line, note.end_line) == ("body", 3, 2)


def test_comment_only_front_matter_is_an_empty_mapping():
    assert parse_note(REL, "---\n# nothing yet\n---\n").front.data == {}


def test_fences_tolerate_trailing_spaces_and_dots_close_too():
    note = parse_note(REL, "---  \ncompany: Acme\n...\nbody")
    assert note.front.data == {"company": "Acme"}
    assert note.body == "body"


def test_text_that_only_looks_like_a_fence_does_not_open_front_matter():
    note = parse_note(REL, " ---\ncompany: Acme\n---\n")
    assert note.front is None


def test_keys_are_the_text_written():
    note = parse("""
        ---
        yes: 1
        2026: year
        ---
    """)
    assert note.front.data == {"yes": 1, "2026": "year"}


def test_nested_mapping_and_list_of_mappings():
    note = parse("""
        ---
        salary:
          min: 50000
          currency: EUR
        rounds:
          - {date: 2026-03-10, with: "[[Jane Doe]]"}
        ---
    """)
    assert note.diagnostics == []
    assert note.front.data == {
        "salary": {"min": 50000, "currency": "EUR"},
        "rounds": [{"date": date(2026, 3, 10), "with": "[[Jane Doe]]"}],
    }
    assert note.front.value_pos["salary"] == Pos(3, 3)
    assert note.front.item_pos["rounds"] == [Pos(6, 5)]


def test_quoted_links_are_plain_text():
    note = parse("""
        ---
        contacts: ["[[Jane Doe]]", "[[Ann Lee|Ann]]"]
        ---
    """)
    assert note.diagnostics == []
    assert note.front.data["contacts"] == ["[[Jane Doe]]", "[[Ann Lee|Ann]]"]


def test_non_ascii_columns_count_characters():
    note = parse("""
        ---
        société: Café Ünïcode
        rôle: x: y
        ---
    """)
    [d] = note.diagnostics
    assert (d.line, d.column) == (3, 8)
    assert note.front is None


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_arbitrary_text_never_raises(text):
    note = parse_note(REL, text)
    assert isinstance(note.diagnostics, list)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("-:[]{}\"'#&*!|>%@`?,.\t \n\rab0129yesnoé{}<%")))
       .map(lambda body: "---\n" + body + "\n---\n"))
def test_arbitrary_yaml_like_front_matter_never_raises(text):
    note = parse_note(REL, text)
    assert not [d for d in note.diagnostics if d.rule == "internal"], note.diagnostics
    for d in note.diagnostics:
        assert d.line >= 1


@settings(max_examples=200, deadline=None)
@given(st.binary())
def test_arbitrary_bytes_never_raise(data):
    text, problems = decode_note(REL, b"---\n" + data)
    if text is None:
        assert problems and problems[0].rule == "encoding"
        return
    note = parse_note(REL, text)
    assert not [d for d in note.diagnostics if d.rule == "internal"], note.diagnostics


def test_a_value_reads_the_same_the_second_time_quoted_or_not():
    """How a value resolves is remembered across notes: by its text and whether it was
    quoted, so "2026-11-02" stays text after 2026-11-02 was a date, and the other way."""
    plain = "---\na: 2026-11-02\nb: 12\nc: null\nd: yes\n---\n"
    quoted = "---\na: \"2026-11-02\"\nb: '12'\nc: \"null\"\nd: \"yes\"\n---\n"
    for _ in range(2):
        data = parse_note(REL, plain).front.data
        assert data == {"a": date(2026, 11, 2), "b": 12, "c": None, "d": "yes"}
        data = parse_note(REL, quoted).front.data
        assert data == {"a": "2026-11-02", "b": "12", "c": "null", "d": "yes"}
