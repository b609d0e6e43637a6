"""Text for the terminal: nothing a note holds can drive the terminal, and wrapping breaks
only a word too long for a line, never past the width nor the indent."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobnotes.terminal_text import (
    Word,
    clean,
    json_for_terminal,
    one_line,
    pieces,
    width,
    words,
    wrap,
)

CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.mark.parametrize(("raw", "shown"), [
    ("Esc\x1b]0;PWNED-TITLE\x07\x1b[31mRED\x1b[0m Co", "EscRED Co"),     # OSC + BEL, CSI
    ("Ring \x1b[5mblink\x1b[0m bell\x07", "Ring blink bell"),
    ("a\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\ b", "alink b"),  # OSC 8, ST
    ("x\x1bP1$qm\x1b\\y", "xy"),                                            # DCS
    ("x\x1b_apc\x1b\\y\x1b^pm\x1b\\z\x1bXsos\x1b\\!", "xyz!"),             # APC, PM, SOS
    ("8-bit\x9b2J CSI and \x9d0;title\x9c OSC", "8-bit CSI and  OSC"),
    ("cursor\x1b7 saved\x1b8, charset\x1b(B, reset\x1bc", "cursor saved, charset, reset"),
    ("\x1b[?1049h\x1b[2J\x1b[Hclear", "clear"),
    ("nul\x00 bs\x08 del\x7f nel\x85 c1\x90x", "nul bs del nel\n c1x"),
    ("lone escape at the end\x1b", "lone escape at the end"),
])
def test_escape_sequences_and_control_characters_are_removed(raw: str, shown: str) -> None:
    assert clean(raw) == shown


def test_an_unterminated_control_string_keeps_its_text_but_loses_its_power() -> None:
    assert clean("title\x1b]0;rest of the value") == "title0;rest of the value"


def test_line_feeds_and_tabs_stay_and_other_line_breaks_become_line_feeds() -> None:
    assert clean("one\r\ntwo\rthree\x0bfour\x0cfive\tsix") == "one\ntwo\nthree\nfour\nfive\tsix"
    assert clean("a\tb", tabs=False) == "a b"


def test_one_line_joins_every_white_space_run() -> None:
    assert one_line("Call\r\n back;\tnow\x07  ") == "Call back; now"


def test_visible_shows_control_characters_as_escapes() -> None:
    assert clean("appl\x1b]0;T\x07ied\x9b", visible=True) == r"appl\x1b]0;T\x07ied\x9b"
    assert clean("line\r\nnext\ttab", visible=True) == "line\nnext\ttab"


def test_bidirectional_overrides_cannot_reverse_what_a_line_shows() -> None:
    assert clean("x\u202eevil\u202c and \u2067iso\u2069") == "xevil and iso"
    assert clean("role\u202e", visible=True) == r"role\u202e"
    # Names in right-to-left scripts, and the plain direction marks, stay as written.
    hebrew = "\u05e9\u05dc\u05d5\u05dd \u200fA\u200e"
    assert clean(hebrew) == hebrew


def test_undecodable_bytes_become_replacement_characters() -> None:
    assert clean("caf\udce9") == "caf\ufffd"


@given(st.text())
def test_nothing_left_could_drive_a_terminal(text: str) -> None:
    for visible in (False, True):
        out = clean(text, visible=visible)
        assert not CONTROLS.search(out)
        out.encode("utf-8")                 # printable whatever was read


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(),
                    lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
                    max_leaves=10))
def test_json_for_terminal_keeps_the_data(data: object) -> None:
    text = json_for_terminal(json.dumps(data, ensure_ascii=False))
    assert json.loads(text) == data
    assert not CONTROLS.search(text) and "\u2028" not in text


def test_width_counts_columns() -> None:
    assert width("abc") == 3
    assert width("日本") == 4
    assert width("e\u0301") == 1                     # e and a combining acute accent
    assert width("Zoë — •") == 7


def test_wrap_makes_a_hanging_indent() -> None:
    lines = wrap(words("one two three four five six"), 12, "• ", "  ")
    assert lines == ["• one two", "  three four", "  five six"]


def test_a_word_longer_than_the_line_is_broken_after_a_slash_or_a_dash() -> None:
    path = "(applications/a-very-long-file-name-indeed.md)"
    lines = wrap([*words("see it"), Word(path), *words("then more")], 20, "• ", "  ")
    assert lines == ["• see it", "  (applications/a-", "  very-long-file-", "  name-indeed.md)",
                     "  then more"]


def test_the_path_that_overflowed_60_columns_is_broken_under_the_indent() -> None:
    path = "(applications/lark-and-lantern-junior-analytics-engineer.md)"
    lines = wrap([*words("Engineer, planned for Monday 30 November."), Word(path)], 60,
                 "• ", "  ")
    assert lines == ["• Engineer, planned for Monday 30 November.",
                     "  (applications/lark-and-lantern-junior-analytics-",
                     "  engineer.md)"]


def test_the_words_after_a_broken_one_follow_its_last_piece() -> None:
    lines = wrap([Word("(people/someone-with-a-long-name.md)"), *words("and more")], 24,
                 "• ", "  ")
    assert lines == ["• (people/someone-with-", "  a-long-name.md) and", "  more"]


def test_a_word_with_no_place_to_break_is_broken_where_the_line_ends() -> None:
    lines = wrap(words("x " + "a" * 30), 20, "• ", "  ")
    assert lines == ["• x", "  " + "a" * 18, "  " + "a" * 12]


def test_a_break_too_early_in_the_line_is_not_taken() -> None:
    # After "(a/" the line would be mostly empty: broken where it ends instead.
    assert pieces("(a/" + "b" * 30, 18) == ["(a/" + "b" * 15, "b" * 15]
    assert pieces("(applications/" + "b" * 30, 18) == ["(applications/", "b" * 18, "b" * 12]


def test_a_long_path_with_spaces_breaks_at_a_space_which_goes() -> None:
    path = "(people/Anna-Maria Catherine Oppenheimer-Smythe of the Northern Provinces.md)"
    assert "".join(pieces(path, 38)) == path
    lines = wrap([Word(path)], 40, "• ", "  ")
    assert lines == ["• (people/Anna-Maria Catherine",
                     "  Oppenheimer-Smythe of the Northern",
                     "  Provinces.md)"]


def test_wide_characters_are_never_cut_in_half() -> None:
    assert pieces("日本語日本語", 5) == ["日本", "語日", "本語"]
    assert pieces("e\u0301" * 6, 4) == ["e\u0301" * 4, "e\u0301" * 2]   # accents stay on


def test_a_broken_word_keeps_its_colour_on_every_line() -> None:
    def dim(text: str) -> str:
        return f"<{text}>"

    lines = wrap([Word("(applications/a-very-long-name.md)", dim)], 22, "• ", "  ")
    assert lines == ["• <(applications/a->", "  <very-long-name.md)>"]


def test_a_path_with_spaces_is_one_word() -> None:
    lines = wrap([*words("Thank Jane"), Word("(people/Jane Doe.md)")], 24, "• ", "  ")
    assert lines == ["• Thank Jane", "  (people/Jane Doe.md)"]


def test_no_width_is_one_line() -> None:
    assert wrap(words("a b  c"), None, "• ") == ["• a b c"]


def test_words_of_one_style_are_coloured_as_one_run_per_line() -> None:
    def bold(text: str) -> str:
        return f"<{text}>"

    lines = wrap([*words("Thank Jane Doe", bold), *words("— soon")], 12)
    assert lines == ["<Thank Jane>", "<Doe> — soon"]


@given(st.lists(st.text(alphabet="abcdefghij/-日é", min_size=1, max_size=50), max_size=30),
       st.integers(min_value=20, max_value=80))
def test_wrapping_never_overflows_and_gives_the_words_back(parts: list[str],
                                                           columns: int) -> None:
    lines = wrap([Word(p) for p in parts], columns, "• ", "  ")
    for n, line in enumerate(lines):
        assert width(line) <= columns, line
        assert line.startswith("• " if n == 0 else "  ") and not line[2:].startswith(" ")
    # Every word that fits a line is whole on one; joining the pieces of the others
    # (each piece on a line of its own but the last) gives the text back.
    room = columns - 2
    at = 0
    tokens = [(n, token) for n, line in enumerate(lines) for token in line[2:].split(" ")
              if token]
    for part in parts:
        n, token = tokens[at]
        if width(part) <= room:
            assert token == part
            at += 1
            continue
        joined = ""
        while joined != part:
            n, token = tokens[at]
            assert part.startswith(joined + token), (part, joined, token)
            joined += token
            at += 1
            if joined != part:          # a piece that is not the last ends its line
                assert at == len(tokens) or tokens[at][0] == n + 1
    assert at == len(tokens)


@given(st.text(alphabet="abc/- 日", min_size=1, max_size=120),
       st.integers(min_value=2, max_value=40), st.integers(min_value=2, max_value=40))
def test_pieces_fit_their_room_and_give_the_text_back(text: str, room: int,
                                                      then: int) -> None:
    found = pieces(text, room, then)
    assert "".join(found) == text
    assert all(found)
    for n, piece in enumerate(found):      # spaces at the end of a line do not show
        assert width(piece.rstrip(" ")) <= (room if n == 0 else then), (found, n)


def _width_char_by_char(text: str) -> int:
    import unicodedata

    return sum(0 if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Me", "Cf")
               else 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


@given(st.text())
def test_a_text_takes_as_many_columns_as_its_characters_do(text: str) -> None:
    assert width(text) == _width_char_by_char(text)


def test_plain_ascii_takes_one_column_a_character_and_wide_ones_two() -> None:
    assert width("Follow up with Jane Doe") == 23
    assert width("面接の準備") == 10
    assert width("e\u0301") == 1
