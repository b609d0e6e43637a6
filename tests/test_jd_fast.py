"""The quick paths of skill extraction find exactly what the general ones find.

The scanner searches a text in lower case case-sensitively, and the nice-to-have reader
skips blocks and titles by the lower-case words a cue needs; both rely on ``lowered``.
Each is compared here with the general path (``lowered`` giving None) on generated text.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobnotes.jd import optional, vocabulary
from jobnotes.jd.extract import _extract
from jobnotes.jd.vocabulary import base_vocabulary, lowered

TRICKY = "\u0130\u0131\u017f\u212a"      # what re.IGNORECASE and str.lower see differently


def test_lowered_is_only_given_where_lower_case_keeps_every_match():
    chars = "".join(chr(i) for i in range(0x110000) if not 0xD800 <= i < 0xE000)
    assert set(re.findall(r"(?i)[a-z]", chars)) - set(re.findall("[a-zA-Z]", chars)) \
        == set(TRICKY)
    word, space = re.compile(r"\w"), re.compile(r"\s")
    for c in chars:
        low = c.lower()
        if low == c or c in TRICKY:
            continue
        assert len(low) == 1, hex(ord(c))
        assert bool(word.match(c)) == bool(word.match(low)), hex(ord(c))
        assert bool(space.match(c)) == bool(space.match(low)), hex(ord(c))
        assert c.isascii() == low.isascii(), hex(ord(c))
    assert lowered("Python ÉTÉ") == "python été"
    assert all(lowered(f"SQL {c}") is None for c in TRICKY)


YOURS = {   # the user's skills of each vocabulary (none: the shipped list alone)
    "shipped": [],
    "a few of yours": ["Looker Studio", "Qz", "GxP", "Storytelling", "zz.top"],
    "many of yours": [f"{c}lorp kit" for c in "abcdefghijklmn"] + ["Xy"],
    "not ASCII": ["Größe", "Ωmega", "Ksql", "Σigma", "µCode"],
}
SPELLINGS = ["Python", "SQL", "R", "Go", "C++", "C#", "c", ".NET", "node.js", "Node.jsx",
             "Power BI", "power\nbi", "power-BI", "A/B tests", "CI/CD", "dbt", "Snowflake",
             "Excel", "Excel-lent", "Python-based", "Go/No-Go", "R&D", "REST APIs", "Tableau",
             "looker-studio", "GRÖSSE", "ςigma", "ΜCODE", "μcode", "Spark", "Kubernetes",
             "Scikit-learn", "Airflow", "Risk"]
JOINS = ["", " ", " ", "-", "a-", ".", "\n", "/", "#", "&", "+", ", ", " in ", " with ", "x",
         "é", "\u2028", "\xa0", " language", "ς", "K"]


def _written(words: list[str]) -> st.SearchStrategy[str]:
    """``words`` as anyone may write them, and with the letters of TRICKY in them."""
    return st.sampled_from(words).flatmap(lambda word: st.sampled_from([
        word, word.lower(), word.upper(), word.swapcase(), word.replace("s", "\u017f"),
        word.replace("k", "\u212a").replace("K", "\u212a"), word.replace("i", "\u0131"),
        word.replace("I", "\u0130").replace("i", "\u0130")]))


def _texts(words: list[str]) -> st.SearchStrategy[str]:
    return st.lists(st.one_of(_written(words), st.sampled_from(JOINS)),
                    max_size=24).map("".join)


TEXTS = _texts(SPELLINGS)


def _general(monkeypatch: pytest.MonkeyPatch) -> None:
    """Take the general paths from now on."""
    monkeypatch.setattr(vocabulary, "lowered", lambda text: None)
    monkeypatch.setattr(optional, "lowered", lambda text: None)
    optional._header.cache_clear()


@pytest.mark.parametrize("name", YOURS)
@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_the_scanner_finds_what_a_case_insensitive_search_finds(name, data, monkeypatch):
    vocab = base_vocabulary().with_extra(YOURS[name])
    text = data.draw(_texts(SPELLINGS + YOURS[name] * 4) if YOURS[name] else TEXTS)
    quick = vocab.scan(text)
    with monkeypatch.context() as patched:
        _general(patched)
        assert vocab.scan(text) == quick


@pytest.mark.parametrize("name", YOURS)
def test_the_scanner_sees_the_same_word_boundaries(name, monkeypatch):
    vocab = base_vocabulary().with_extra(YOURS[name])
    words = ["gxp", "GxP", "Qz", "storytelling", "zz.top", "looker studio", "blorp kit",
             "xy", "größe", "ςigma", "python", "c++", "r", "go"]
    texts = [f"{before}{word}{after}" for word in words
             for before in ("", " ", "a-", "-", "a", ".", "+", "#", "&", "in ", "1", "é", "\n")
             for after in ("", " ", "-based", "-lent", ".", ".x", "+", "#", "&x", "/no", "s",
                           " language", "\n")]
    quick = [vocab.scan(text) for text in texts]
    _general(monkeypatch)
    assert [vocab.scan(text) for text in texts] == quick


# A cue in each place it may be: a heading, a label, a list item, a sentence, brackets.
CUES = ["nice to have", "Nice-to-haves", "good to have", "preferred", "preferably",
        "preferable", "bonus", "bonus points", "pluses", "a plus", "a big plus", "desirable",
        "desired", "optional", "optionally", "extra credit", "ideally", "would be great",
        "would be nice", "even better", "stand out", "advantageous", "an advantage",
        "not required", "not essential", "not a must", "nice if", "welcome", "appreciated",
        "helpful", "beneficial", "required", "essential", "must", "credit", "better", "love",
        "we'd love", "great", "good", "it's a plus", "is a plus", "helpful but not required",
        "would be ideal", "would be useful", "would be good", "is welcome",
        "Requirements", "About us", "What you will do", "Location"]
PLACES = ["## {}", "### {} ###", "**{}**", "__{}__:", "{}:", "{}: dbt, Snowflake", "{}",
          "- Python ({})", "- BigQuery {}", "* Tableau or Looker {}", "1. retail, {} grocery",
          "{}: Kafka", "Spark {}, as is Flink", "{} Go. Rust is fine", "Kotlin, {}"]
WRITTEN_CUE = st.sampled_from(CUES).flatmap(lambda cue: st.sampled_from([
    cue, cue.upper(), cue.title(), cue.replace("s", "\u017f"), cue.replace("i", "\u0131"),
    cue.replace("I", "\u0130")]))
LINE = st.builds(str.format, st.sampled_from(PLACES), WRITTEN_CUE)
DESCRIPTIONS = st.lists(st.one_of(LINE, LINE, st.sampled_from(["", "- SQL", "  ", "Python"]),
                                  TEXTS),
                        max_size=12).map("\n".join)


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=DESCRIPTIONS)
def test_nice_to_have_parts_are_the_general_ones(text, monkeypatch):
    optional._header.cache_clear()
    quick = (optional.optional_spans(text), _extract(text, base_vocabulary(), 1))
    with monkeypatch.context() as patched:
        _general(patched)
        assert (optional.optional_spans(text), _extract(text, base_vocabulary(), 1)) == quick
    optional._header.cache_clear()


def test_cue_words_in_any_case_still_make_a_part_optional():
    text = "Requirements:\n- SQL\n\nNICE TO HAVE:\n- Kafka\n\nPython, Spark PREFERRED\n"
    found = {s.name: s.required for s in _extract(text, base_vocabulary(), 1)}
    assert found == {"SQL": True, "Apache Kafka": False, "Python": True, "Apache Spark": False}


def test_each_cue_in_each_place_is_read_as_by_the_general_path(monkeypatch):
    texts = [place.format(written) for cue in CUES for place in PLACES
             for written in (cue, cue.upper(), cue.replace("s", "\u017f"))]
    texts += [f"SQL and Python.\n{text}\nRust." for text in texts] + [
        f"{text}. Bonus: Go." for text in texts]    # a cue word elsewhere in the block
    quick = [optional.optional_spans(text) for text in texts]
    _general(monkeypatch)
    assert [optional.optional_spans(text) for text in texts] == quick
