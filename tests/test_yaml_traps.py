"""YAML pitfalls in front matter are findings with exact positions, never silent data."""

from __future__ import annotations

import textwrap
from datetime import date, datetime

from jobnotes.diagnostics import Diagnostic, Severity
from jobnotes.frontmatter import ParsedNote, parse_note
from jobnotes.model import Pos
from jobnotes.vault import decode_note

REL = "applications/acme.md"


def parse(text: str) -> ParsedNote:
    return parse_note(REL, textwrap.dedent(text).lstrip("\n"))


def only(note: ParsedNote, rule: str) -> Diagnostic:
    found = [d for d in note.diagnostics if d.rule == rule]
    assert len(found) == 1, note.diagnostics
    return found[0]


def test_duplicate_key_reports_second_occurrence_and_keeps_first_value():
    note = parse("""
        ---
        company: Acme
        role: Analyst
        company: Globex
        ---
    """)
    d = only(note, "yaml-duplicate-key")
    assert (d.severity, d.line, d.column) == (Severity.ERROR, 4, 1)
    assert "line 2" in d.message
    assert note.front.data["company"] == "Acme"
    assert note.front.key_pos["company"] == Pos(2, 1)


def test_duplicate_key_in_a_nested_mapping():
    note = parse("""
        ---
        salary: {min: 50, min: 60}
        ---
    """)
    d = only(note, "yaml-duplicate-key")
    assert (d.line, d.column) == (2, 19)
    assert note.front.data["salary"] == {"min": 50}


def test_yes_no_on_off_are_kept_as_text_with_a_warning():
    note = parse("""
        ---
        company: Acme
        remote: no
        relocate: On
        ---
    """)
    findings = [d for d in note.diagnostics if d.rule == "yaml-boolean"]
    assert [(d.severity, d.line, d.column) for d in findings] == [
        (Severity.WARNING, 3, 9), (Severity.WARNING, 4, 11)]
    assert findings[0].message == "`no` is read as the boolean false"
    assert findings[0].hint == 'write "no" in quotes'
    assert "true" in findings[1].message
    assert note.front.data["remote"] == "no"
    assert note.front.data["relocate"] == "On"


def test_true_false_and_quoted_yes_are_not_findings():
    note = parse("""
        ---
        a: true
        b: False
        c: "no"
        d: y
        ---
    """)
    assert note.diagnostics == []
    assert note.front.data == {"a": True, "b": False, "c": "no", "d": "y"}
    assert note.front.quoted == {"c"}


def test_sexagesimal_time_is_kept_as_text():
    note = parse("""
        ---
        company: Acme
        next_action: call at
        call: 12:30
        duration: 1:30:00
        ---
    """)
    findings = [d for d in note.diagnostics if d.rule == "yaml-sexagesimal"]
    assert [(d.severity, d.line, d.column) for d in findings] == [
        (Severity.ERROR, 4, 7), (Severity.ERROR, 5, 11)]
    assert "750" in findings[0].message
    assert findings[0].hint == 'write "12:30" in quotes'
    assert note.front.data["call"] == "12:30"
    assert note.front.data["duration"] == "1:30:00"


def test_leading_zero_integer_is_octal_warning():
    note = parse("""
        ---
        zip: 0755
        count: 012
        plain: 755
        not_octal: 089
        ---
    """)
    findings = [d for d in note.diagnostics if d.rule == "yaml-octal"]
    assert [(d.severity, d.line, d.column) for d in findings] == [
        (Severity.WARNING, 2, 6), (Severity.WARNING, 3, 8)]
    assert "493" in findings[0].message
    assert "quotes" in findings[0].hint
    assert note.front.data == {"zip": "0755", "count": "012", "plain": 755, "not_octal": "089"}


def test_impossible_day_is_an_error_and_the_key_is_dropped():
    note = parse("""
        ---
        company: Acme
        applied: 2026-02-30
        ---
    """)
    d = only(note, "yaml-invalid-date")
    assert (d.severity, d.line, d.column) == (Severity.ERROR, 3, 10)
    assert d.message == "2026-02-30 is not a real date (February 2026 has 28 days)"
    assert "2026-02-28" in d.hint
    assert "applied" not in note.front.data
    assert note.front.key_pos["applied"] == Pos(3, 1)


def test_impossible_month_is_an_error():
    note = parse("""
        ---
        applied: 2026-13-01
        ---
    """)
    d = only(note, "yaml-invalid-date")
    assert (d.line, d.column) == (2, 10)
    assert "no month 13" in d.message
    assert "applied" not in note.front.data


def test_impossible_date_inside_a_list_drops_the_whole_key():
    note = parse("""
        ---
        interviews:
          - 2026-03-01
          - 2026-04-31
        ---
    """)
    d = only(note, "yaml-invalid-date")
    assert (d.line, d.column) == (4, 5)
    assert "April 2026 has 30 days" in d.message
    assert "interviews" not in note.front.data


def test_date_like_text_that_yaml_does_not_read_as_a_date_stays_text():
    note = parse("""
        ---
        a: 2026-3-5
        b: 2026/03/05
        c: 05/03/2026
        d: 2026-03-05
        ---
    """)
    assert note.diagnostics == []
    assert note.front.data == {"a": "2026-3-5", "b": "2026/03/05", "c": "05/03/2026",
                               "d": date(2026, 3, 5)}


def test_datetimes_are_kept_and_empty_values_are_none():
    note = parse("""
        ---
        short: 2026-03-05 10:00
        full: 2026-03-05T10:00:30
        empty:
        tilde: ~
        ---
    """)
    assert note.diagnostics == []
    assert note.front.data == {"short": datetime(2026, 3, 5, 10, 0),
                               "full": datetime(2026, 3, 5, 10, 0, 30),
                               "empty": None, "tilde": None}
    assert note.front.value_pos["empty"] == Pos(4, 1)   # the key: there is no value
    assert note.front.value_pos["tilde"] == Pos(5, 8)


def test_impossible_short_datetime_is_an_invalid_date():
    note = parse("""
        ---
        at: 2026-02-29 10:00
        ---
    """)
    d = only(note, "yaml-invalid-date")
    assert (d.line, d.column) == (2, 5)
    assert "February 2026 has 28 days" in d.message


def test_tab_indentation_is_reported_and_the_rest_still_parsed():
    note = parse_note(REL, "---\nskills:\n\t- SQL\n  \t- Python\nremote: no\n---\n")
    tabs = [d for d in note.diagnostics if d.rule == "yaml-tab"]
    assert [(d.severity, d.line, d.column) for d in tabs] == [
        (Severity.ERROR, 3, 1), (Severity.ERROR, 4, 3)]
    assert "spaces" in tabs[0].hint
    assert note.front.data["skills"] == ["SQL", "Python"]
    assert note.front.item_pos["skills"] == [Pos(3, 4), Pos(4, 6)]
    # findings after the tab are still found, at their real columns
    assert [(d.line, d.column) for d in note.diagnostics if d.rule == "yaml-boolean"] == [(5, 9)]


def test_unquoted_link_value_becomes_the_link_text():
    note = parse("""
        ---
        company: Acme
        contacts: [[Jane Doe]]
        ---
    """)
    d = only(note, "yaml-unquoted-link")
    assert (d.severity, d.line, d.column) == (Severity.ERROR, 3, 11)
    assert d.message == ("the link [[Jane Doe]] must be quoted, "
                         "or YAML reads it as a nested list")
    assert '"[[Jane Doe]]"' in d.hint
    assert note.front.data["contacts"] == "[[Jane Doe]]"


def test_unquoted_link_list_items():
    note = parse("""
        ---
        contacts:
          - "[[Ann Lee]]"
          - [[Jane Doe]]
        ---
    """)
    d = only(note, "yaml-unquoted-link")
    assert (d.line, d.column) == (4, 5)
    assert note.front.data["contacts"] == ["[[Ann Lee]]", "[[Jane Doe]]"]
    assert note.front.item_pos["contacts"] == [Pos(3, 5), Pos(4, 5)]


def test_two_unquoted_links_separated_by_a_comma_are_a_syntax_error_with_the_fix():
    note = parse("""
        ---
        contacts: [[Jane Doe]], [[Ann Lee]]
        ---
    """)
    d = only(note, "yaml-syntax")
    assert d.line == 2
    assert '"[[Jane Doe]]"' in d.hint and '"[[Ann Lee]]"' in d.hint
    assert note.front is None


def test_unquoted_template_placeholder():
    note = parse("""
        ---
        company: Acme
        applied: {{date}}
        ---
    """)
    d = only(note, "yaml-template-placeholder")
    assert (d.severity, d.line, d.column) == (Severity.ERROR, 3, 10)
    assert d.message == "unfilled template placeholder {{date}}"
    assert d.hint == "replace it with a value, e.g. 2026-03-05"
    assert "applied" not in note.front.data
    assert note.front.data == {"company": "Acme"}


def test_quoted_and_templater_placeholders():
    note = parse("""
        ---
        company: "{{title}}"
        applied: <% tp.date.now("YYYY-MM-DD") %>
        ---
    """)
    found = [(d.line, d.column, d.message) for d in note.diagnostics
             if d.rule == "yaml-template-placeholder"]
    assert found == [(2, 10, "unfilled template placeholder {{title}}"),
                     (3, 10, 'unfilled template placeholder <% tp.date.now("YYYY-MM-DD") %>')]
    assert note.front.data == {}


def test_unclosed_front_matter_names_line_one_and_keeps_the_text_as_body():
    text = "---\ncompany: Acme\n\n# Acme\n"
    note = parse_note(REL, text)
    d = only(note, "frontmatter-unclosed")
    assert (d.severity, d.line, d.column) == (Severity.ERROR, 1, 1)
    assert "line 1" in d.message
    assert "---" in d.hint
    assert note.front is None
    assert (note.body, note.body_line, note.end_line) == (text, 1, 0)


def test_front_matter_that_is_a_list_is_not_a_mapping():
    note = parse("""
        ---
        - company
        - role
        ---
        body
    """)
    d = only(note, "frontmatter-not-mapping")
    assert (d.severity, d.line, d.column) == (Severity.ERROR, 2, 1)
    assert note.front is None
    assert (note.body, note.body_line) == ("body\n", 5)


def test_front_matter_that_is_a_single_value_is_not_a_mapping():
    note = parse("""
        ---
        just some words
        ---
    """)
    assert only(note, "frontmatter-not-mapping").line == 2


def test_syntax_error_position_and_colon_hint():
    note = parse("""
        ---
        company: Acme
        role: Analyst: Data
        ---
    """)
    d = only(note, "yaml-syntax")
    assert (d.severity, d.line, d.column) == (Severity.ERROR, 3, 14)
    assert d.message == "YAML syntax error: mapping values are not allowed here"
    assert d.hint == 'quote the value: role: "Analyst: Data"'


def test_unclosed_quote_points_at_the_opening_quote():
    note = parse("""
        ---
        company: Acme
        role: "Analyst
        ---
    """)
    d = only(note, "yaml-syntax")
    assert (d.line, d.column) == (3, 7)
    assert "never closed" in d.message


def test_crlf_file_positions_match_the_editor():
    data = b"---\r\ncompany: Acme\r\nremote: no\r\napplied: 2026-02-30\r\n---\r\nbody\r\n"
    text, problems = decode_note(REL, data)
    assert problems == []
    note = parse_note(REL, text)
    assert [(d.rule, d.line, d.column) for d in note.diagnostics] == [
        ("yaml-boolean", 3, 9), ("yaml-invalid-date", 4, 10)]
    assert (note.body, note.body_line) == ("body\n", 6)


def test_bom_file_positions_match_the_editor():
    data = "\ufeff---\nrole: a: b\n---\n".encode()
    text, problems = decode_note(REL, data)
    assert problems == []
    note = parse_note(REL, text)
    assert [(d.rule, d.line, d.column) for d in note.diagnostics] == [("yaml-syntax", 2, 8)]


def test_parse_note_tolerates_a_bom_and_crlf_passed_directly():
    note = parse_note(REL, "\ufeff---\r\nremote: off\r\n---\r\n")
    assert [(d.rule, d.line, d.column) for d in note.diagnostics] == [("yaml-boolean", 2, 9)]


def test_recursive_alias_is_a_finding_not_a_crash():
    note = parse("""
        ---
        company: Acme
        loop: &a [*a]
        ---
    """)
    assert [d.rule for d in note.diagnostics] == ["yaml-syntax"]
    assert note.front.data == {"company": "Acme"}


def test_control_character_is_a_syntax_error_with_its_position():
    note = parse_note(REL, "---\ncompany: Ac\x07me\n---\n")
    d = only(note, "yaml-syntax")
    assert (d.line, d.column) == (2, 12)
    assert "U+0007" in d.message


def test_unclosed_list_on_the_last_line_points_at_its_bracket_with_the_fix():
    note = parse("""
        ---
        name: Jane
        touches: [2026-11-01, 2026-11-12
        ---
    """)
    d = only(note, "yaml-syntax")
    assert (d.line, d.column) == (3, 10)
    assert d.hint == ("close it with ] at the end of the line, items separated by commas, "
                      "or put the whole value in quotes")
