"""Obsidian syntax rendered as Obsidian shows it: one table of cases per feature.

Each case is (Markdown, HTML fragments that must appear, fragments that must not).
"""

from __future__ import annotations

import textwrap

import pytest

from jobnotes.markdown import render_markdown, split_sections, tasks


def md(text: str) -> str:
    return render_markdown(textwrap.dedent(text).strip("\n") + "\n")


def check(text: str, present: tuple[str, ...], absent: tuple[str, ...]) -> None:
    html = md(text)
    for fragment in present:
        assert fragment in html, f"{fragment!r} missing from:\n{html}"
    for fragment in absent:
        assert fragment not in html, f"{fragment!r} unexpected in:\n{html}"


CALLOUTS = [
    pytest.param("> [!note]\n> Body.",
                 ('<div class="callout callout-note">', '<span class="callout-title-inner">Note<',
                  "<p>Body.</p>"), ("<blockquote", "[!note]"), id="plain, default title"),
    pytest.param("> [!warning] Mind the gap\n> Text.",
                 ('class="callout callout-warning"', ">Mind the gap</span>"), ("[!warning]",),
                 id="custom title"),
    pytest.param("> [!faq]- Why?\n> Because.",
                 ('<details class="callout callout-question is-foldable">',
                  '<summary class="callout-title">', ">Why?</span></summary>"),
                 ("open",), id="foldable closed"),
    pytest.param("> [!tip]+ Open\n> x",
                 ('<details class="callout callout-tip is-foldable" open', "<summary"), (),
                 id="foldable open"),
    pytest.param("> [!tldr] a\n\n> [!hint] b\n\n> [!check] c\n\n> [!caution] d\n\n"
                 "> [!error] e\n\n> [!cite] f\n\n> [!fail] g\n\n> [!help] h",
                 ("callout-abstract", "callout-tip", "callout-success", "callout-warning",
                  "callout-danger", "callout-quote", "callout-failure", "callout-question"),
                 ("callout-note",), id="aliases"),
    pytest.param("> [!TLDR] Upper\n> x", ("callout-abstract",), (), id="type is case-insensitive"),
    pytest.param("> [!mystery] Odd\n> x", ('class="callout callout-note"', ">Odd<"), (),
                 id="unknown type shown as note"),
    pytest.param("> [!custom]\n> x", (">Custom</span>",), (), id="unknown type titles itself"),
    pytest.param("> [!note] Outer\n> > [!danger] Inner\n> > deep **bold**",
                 ('<div class="callout callout-note">', '<div class="callout callout-danger">',
                  "deep <strong>bold</strong>"), ("<blockquote",), id="nested"),
    pytest.param("> [!info] Only a title", (">Only a title</span>",), ("<p></p>",),
                 id="title only"),
    pytest.param("> [!note] **Bold** title\n> - a\n> - b",
                 ("<strong>Bold</strong> title", "<li>a</li>"), (),
                 id="markdown in title and body"),
    pytest.param("> Just a quote\n> [!note] not first", ("<blockquote>",), ("callout",),
                 id="marker not on first line is a quote"),
]


@pytest.mark.parametrize(("text", "present", "absent"), CALLOUTS)
def test_callouts(text, present, absent):
    check(text, present, absent)


def test_nested_callout_closes_in_order():
    html = md("> [!note] A\n> > [!tip] B\n> > inner\n>\n> after inner")
    assert html.index("inner") < html.index("after inner")
    outer_end = html.rindex("</div>")
    assert html.index("after inner") < outer_end


COMMENTS = [
    pytest.param("Before %%secret%% after.", ("Before  after.",), ("secret", "%%"), id="inline"),
    pytest.param("a\n\n%%\nhidden line\n\n- hidden item\n%%\n\nb",
                 ("<p>a</p>", "<p>b</p>"), ("hidden", "<li"), id="spanning lines and blocks"),
    pytest.param("Start %%from here\nto here%% end.", ("Start", "end."), ("from here", "to here"),
                 id="spanning lines inside a paragraph"),
    pytest.param("`%%code%%` stays", ("<code>%%code%%</code>",), (), id="not inside inline code"),
    pytest.param("```\n%%fenced%%\n```", ("%%fenced%%",), (), id="not inside a code block"),
    pytest.param("Visible.\n\n%% never closed\n\nStill hidden.", ("Visible.",),
                 ("never closed", "Still hidden"), id="unclosed hides the rest"),
    pytest.param("| a |\n|---|\n| x %%secret%% z |", ("<td>x  z</td>",), ("secret",),
                 id="in a table cell"),
    pytest.param("## Title %%note%%", ('<h2 id="h-title">Title',), ("note",), id="in a heading"),
    pytest.param("%%[[Jane Doe]]%%", (), ("wikilink", "Jane"), id="links in comments vanish"),
]


@pytest.mark.parametrize(("text", "present", "absent"), COMMENTS)
def test_comments(text, present, absent):
    check(text, present, absent)


def test_commented_tasks_and_headings_are_not_analysed():
    body = "## Real\n%%\n## Hidden\n- [ ] hidden task\n%%\n- [ ] real task\n"
    assert [s.title for s in split_sections(body)] == ["Real"]
    assert [t.text for t in tasks(body)] == ["real task"]


HIGHLIGHTS = [
    pytest.param("a ==marked== b", ("a <mark>marked</mark> b",), (), id="simple"),
    pytest.param("==**bold** inside==", ("<mark><strong>bold</strong> inside</mark>",), (),
                 id="with emphasis"),
    pytest.param("x == y and 1 == 2", ("x == y and 1 == 2",), ("<mark>",), id="comparison"),
    pytest.param("`==code==`", ("<code>==code==</code>",), ("<mark>",), id="not in code"),
    pytest.param("==unclosed", ("==unclosed",), ("<mark>",), id="unclosed"),
]


@pytest.mark.parametrize(("text", "present", "absent"), HIGHLIGHTS)
def test_highlights(text, present, absent):
    check(text, present, absent)


TAGS = [
    pytest.param("Work on #sql", ('<span class="tag">#sql</span>',), (), id="simple"),
    pytest.param("#improve/behavioral-answers first",
                 ('<span class="tag">#improve/behavioral-answers</span>',), (), id="nested"),
    pytest.param("Ticket #123 and #2024", ("Ticket #123 and #2024",), ('class="tag"',),
                 id="only digits is not a tag"),
    pytest.param("#y2k #1st", ('>#y2k<', '>#1st<'), (), id="digits and letters"),
    pytest.param("`#code` and\n\n```\n#fenced\n```", ("<code>#code</code>", "#fenced"),
                 ('class="tag"',), id="not in code"),
    pytest.param("[x](https://example.com/#anchor) a#b", ("https://example.com/#anchor", "a#b"),
                 ('class="tag"',), id="not in URLs or words"),
    pytest.param("# Heading\n\n## Notes #todo", ('<h1 id="h-heading">Heading</h1>',
                                                  '<span class="tag">#todo</span>'), (),
                 id="heading marker is not a tag"),
    pytest.param("#tag.", ('<span class="tag">#tag</span>.',), (), id="punctuation ends it"),
    pytest.param("#café #日本", ('>#café<', '>#日本<'), (), id="any script"),
]


@pytest.mark.parametrize(("text", "present", "absent"), TAGS)
def test_tags(text, present, absent):
    check(text, present, absent)


FOOTNOTES_TASKS_TABLES = [
    pytest.param("Said so.[^1]\n\n[^1]: In the interview.",
                 ('href="#fn1"', 'id="fn1"', "In the interview."), (), id="footnote"),
    pytest.param("Inline^[a side note] here.",
                 ('<sup class="footnote-ref">', "a side note"), ("^[",), id="inline footnote"),
    pytest.param("- [ ] open\n- [x] done",
                 ('type="checkbox" disabled="disabled"> open', 'checked="checked"'), (),
                 id="task list"),
    pytest.param("| a | b |\n|---|:-:|\n| 1 | 2 |", ("<table>", "<th>a</th>", "<td>1</td>"), (),
                 id="table"),
    pytest.param("~~struck~~", ("<s>struck</s>",), (), id="strikethrough"),
]


@pytest.mark.parametrize(("text", "present", "absent"), FOOTNOTES_TASKS_TABLES)
def test_footnotes_tasks_tables(text, present, absent):
    check(text, present, absent)


ANCHORS = [
    pytest.param("## Q&A: round 2 (final)", ('id="h-qa-round-2-final"',), (),
                 id="punctuation in heading"),
    pytest.param("## Notes\n## Notes", ('id="h-notes"', 'id="h-notes-2"'), (), id="repeated"),
    pytest.param('<h2 id="main">x</h2> <div id="findings-title">y</div>', (),
                 ('id="main"', 'id="findings-title"'), id="raw html cannot take page ids"),
    pytest.param("A paragraph ^quote-1", ('<p id="b-quote-1">A paragraph</p>',), ("^quote",),
                 id="block id on a paragraph"),
    pytest.param("- item ^it", ('<li id="b-it">item</li>',), (), id="block id on a list item"),
    pytest.param("| a |\n|---|\n| b |\n\n^tbl", ('<table id="b-tbl">',), ("^tbl",),
                 id="block id after a table"),
    pytest.param("Costs 2^10 today", ("2^10",), ('id="b-',), id="caret inside text"),
]


@pytest.mark.parametrize(("text", "present", "absent"), ANCHORS)
def test_heading_and_block_anchors(text, present, absent):
    check(text, present, absent)


WIKILINKS_WITHOUT_VAULT = [
    pytest.param("`[[Jane Doe]]`", ("<code>[[Jane Doe]]</code>",), ("wikilink",),
                 id="inline code left alone"),
    pytest.param("```\n[[Jane Doe]]\n![[img.png]]\n```", ("[[Jane Doe]]", "![[img.png]]"),
                 ("wikilink", "<img"), id="code block left alone"),
    pytest.param("[[#Notes]]", ('<a class="wikilink" href="#h-notes"',), (),
                 id="heading in the same note"),
    pytest.param("[[#^quote-1]]", ('href="#b-quote-1"',), (), id="block in the same note"),
    pytest.param("[[Nobody]]", ('<span class="wikilink unresolved">Nobody</span>',), ("<a",),
                 id="unresolved is text"),
    pytest.param("[[Some Note#Part|alias]]", ('<span class="wikilink unresolved">alias</span>',),
                 (), id="alias"),
    pytest.param("![[missing.png]]", ('class="wikilink unresolved embed"',), ("<img",),
                 id="embed without a vault"),
    pytest.param("[[]] and [[ ]]", ("[[]] and [[ ]]",), ("wikilink",), id="empty is text"),
    pytest.param("| who |\n|---|\n| [[Jane Doe\\|JD]] |",
                 ('<td><span class="wikilink unresolved">JD</span></td>',), (),
                 id="escaped pipe in a table cell"),
]


@pytest.mark.parametrize(("text", "present", "absent"), WIKILINKS_WITHOUT_VAULT)
def test_wikilinks_without_a_vault(text, present, absent):
    check(text, present, absent)


@pytest.mark.parametrize(("text", "shown"), [
    ("![[missing.pdf|300]]", "missing.pdf"),
    ("![[img.png|300x200]]", "img.png"),
    ("![[assets/cv.pdf|40]]", "cv.pdf"),
    ("![[img.png|Team photo|300]]", "Team photo"),
    ("![[img.png|Team photo]]", "Team photo"),
])
def test_an_embed_size_is_not_shown_as_its_text(text, shown):
    html = md(text)
    assert f'<span class="wikilink unresolved embed">{shown}</span>' in html
    assert ">300<" not in html and "300x200<" not in html and ">40<" not in html


def test_a_number_after_the_bar_of_a_plain_link_is_its_text():
    assert '<span class="wikilink unresolved">300</span>' in md("[[img.png|300]]")
