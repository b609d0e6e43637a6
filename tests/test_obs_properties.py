"""Other notes' properties: shown on their page as Obsidian shows them above a note."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from jobnotes.build import build_vault
from jobnotes.obsidian.properties import Property, Value, shown_properties

DAY = date(2026, 11, 27)

APPLICATION = """\
    ---
    company: Acme
    role: Data Analyst
    status: applied
    applied: 2026-11-20
    channel: referral
    ---
    Research in [[Acme Corp]].
    """

COMPANY = """\
    ---
    industry: Fintech
    size: 250
    founded: 2019-03-01
    remote: true
    website: https://acme.example/careers
    people:
      - "[[Jo Park|Jo]]"
      - "[[Nobody Here]]"
    tags: [company, fintech]
    cssclasses: wide
    empty:
    sneaky: "<script>alert(1)</script>"
    trick: "javascript:alert(1)"
    ---
    # Acme Corp

    Notes about Acme.
    """

JO = """\
    ---
    company: Acme
    role: recruiter
    ---
    """


def test_values_as_the_site_writes_them():
    found = shown_properties({
        "industry": "Fintech", "size": 250, "remote": False, "founded": date(2019, 3, 1),
        "met": datetime(2026, 5, 4, 14, 30), "tags": ["x"], "cssclasses": "wide",
        "empty": None, "blank": "  ", "list": ["a", None, "b"], "nested": {"k": "v"},
    })
    assert found == (
        Property("industry", (Value("Fintech"),)), Property("size", (Value("250"),)),
        Property("remote", (Value("No"),)), Property("founded", (Value("1 Mar 2019"),)),
        Property("met", (Value("4 May 2026 14:30"),)),
        Property("list", (Value("a"), Value("b"))), Property("nested", (Value("k: v"),)),
    )


def test_links_and_addresses_are_kept_as_such():
    [prop] = shown_properties({"see": ["[[Acme Corp]]", "[[Jo Park#Notes|Jo]]",
                                       "https://acme.example", "javascript:alert(1)",
                                       "[[a]] and [[b]]"]})
    assert prop.values == (
        Value("Acme Corp", target="Acme Corp"), Value("Jo", target="Jo Park"),
        Value("https://acme.example", address="https://acme.example"),
        Value("javascript:alert(1)"), Value("[[a]] and [[b]]"),
    )


_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                     st.text(), st.dates())
_VALUES = st.recursive(_SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=5), inner, max_size=3)),
    max_leaves=12)


@given(st.dictionaries(st.one_of(st.text(), st.integers()), _VALUES, max_size=6))
def test_any_front_matter_gives_properties_with_text(data):
    for prop in shown_properties(data):
        assert prop.name.casefold() not in {"tags", "cssclasses"}
        assert prop.values and all(isinstance(v.text, str) and v.text for v in prop.values)


def _built(vault, files: dict[str, str]) -> Path:
    root = vault(files)
    result = build_vault(root, root / "_site", today=DAY)
    assert result.pages
    return root / "_site"


def test_a_linked_note_shows_its_properties_on_its_page(vault):
    site = _built(vault, {"applications/acme.md": APPLICATION,
                          "Companies/Acme Corp.md": COMPANY, "people/Jo Park.md": JO})
    html = (site / "notes" / "acme-corp.html").read_text(encoding="utf-8")
    card = html[html.index('id="properties-title"'):html.index('id="linked-from-title"')]
    assert "<dt>industry</dt><dd>Fintech</dd>" in card
    assert "<dt>founded</dt><dd>1 Mar 2019</dd>" in card
    assert "<dt>remote</dt><dd>Yes</dd>" in card
    assert ('<a href="https://acme.example/careers" rel="noopener noreferrer">'
            "https://acme.example/careers</a>") in card
    assert '<dt>people</dt><dd><a href="../people/jo-park.html">Jo</a>, Nobody Here</dd>' in card
    assert "&lt;script&gt;" in card and "<script>alert" not in html
    assert 'href="javascript' not in html
    for hidden in ("<dt>tags</dt>", "<dt>cssclasses</dt>", "<dt>empty</dt>"):
        assert hidden not in card
    assert (site / "people" / "jo-park.html").exists()


def test_no_properties_card_for_a_note_with_tags_only(vault):
    site = _built(vault, {"applications/acme.md": APPLICATION,
                          "Companies/Acme Corp.md": "---\ntags: [company]\n---\nText.\n"})
    html = (site / "notes" / "acme-corp.html").read_text(encoding="utf-8")
    assert "Properties" not in html and "#company" in html
