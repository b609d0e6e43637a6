"""Links in note bodies as a reader meets them: bare addresses become links as in Obsidian,
and a link the site refuses shows its label as plain text, never raw Markdown or an <a>
that leads nowhere."""

from __future__ import annotations

import re
import textwrap
from datetime import date

import pytest

from jobnotes.load import load_vault
from jobnotes.markdown import render_markdown
from jobnotes.site.pages import Links

REL = 'rel="noopener noreferrer"'


def people(name: str) -> str | None:
    return {"jane doe": "../people/jane-doe.html"}.get(name.casefold())


def md(text: str) -> str:
    return render_markdown(textwrap.dedent(text), people)


def anchors(html: str) -> list[str]:
    return re.findall(r"<a\b[^>]*>", html)


# --- bare addresses --------------------------------------------------------------------------

def test_bare_url_with_fragment_becomes_a_link():
    html = md("URL with hash: https://example.com/page#section")
    assert html == (f'<p>URL with hash: <a href="https://example.com/page#section" {REL}>'
                    "https://example.com/page#section</a></p>\n")


def test_job_posting_url_keeps_its_query_and_stops_before_punctuation():
    html = md("Posting (https://jobs.example.com/view/123?ref=li&src=x#apply), "
              "then www.acme.example.")
    assert (f'<a href="https://jobs.example.com/view/123?ref=li&amp;src=x#apply" {REL}>'
            "https://jobs.example.com/view/123?ref=li&amp;src=x#apply</a>),") in html
    assert f'<a href="http://www.acme.example" {REL}>www.acme.example</a>.' in html


def test_bare_email_address_becomes_a_mailto_link():
    html = md("Recruiter: jane.doe@acme.example, or mailto:hr@acme.example")
    assert f'<a href="mailto:jane.doe@acme.example" {REL}>jane.doe@acme.example</a>' in html
    assert f'<a href="mailto:hr@acme.example" {REL}>mailto:hr@acme.example</a>' in html


def test_any_top_level_domain_counts():
    html = md("www.acme.dev and jobs@acme.tech but not jane@localhost")
    assert f'<a href="http://www.acme.dev" {REL}>www.acme.dev</a>' in html
    assert f'<a href="mailto:jobs@acme.tech" {REL}>jobs@acme.tech</a>' in html
    assert html.endswith("but not jane@localhost</p>\n")


@pytest.mark.parametrize("text", [
    "see example.com", "saved as notes.md", "done.Next time", "ftp://files.example.com/cv.pdf",
    "//cdn.example.com/x", "an ip 10.0.0.1", "javascript:alert(1)",
])
def test_other_bare_text_stays_text(text):
    assert "<a" not in md(text)


def test_addresses_in_code_stay_text():
    html = md("""
        Inline `https://example.com` and `jane@acme.example`.

        ```
        https://example.com/in-a-fence www.example.com
        ```

            https://example.com/indented
        """)
    assert "<a" not in html
    assert "<code>https://example.com</code>" in html
    assert "https://example.com/in-a-fence www.example.com" in html


def test_an_address_inside_a_link_is_not_linked_twice():
    html = md("[see https://a.example](https://b.example) and "
              '<a href="https://c.example">https://c.example</a>')
    assert len(anchors(html)) == 2
    assert 'href="https://a.example"' not in html


def test_bare_links_keep_surrounding_markup():
    html = md("**https://example.com/a_b_c** and _www.example.com_ #tag")
    assert (f'<strong><a href="https://example.com/a_b_c" {REL}>https://example.com/a_b_c</a>'
            "</strong>") in html
    assert f'<em><a href="http://www.example.com" {REL}>www.example.com</a></em>' in html
    assert '<span class="tag">#tag</span>' in html


def test_a_heading_with_a_url_keeps_its_id():
    html = md("## Posting at https://example.com/jobs")
    assert html.startswith('<h2 id="h-posting-at-httpsexamplecomjobs">Posting at <a ')


# --- refused links ---------------------------------------------------------------------------

@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", "vbscript:msgbox(1)", "file:///etc/passwd",
    "data:text/html,x", "data:image/png;base64,AAAA", "obsidian://open?vault=x&file=y",
    "ftp://files.example.com/x", "tel:+15550100",
])
def test_a_refused_link_shows_its_label_as_text(url):
    assert md(f"Go: [click me]({url}) now") == "<p>Go: click me now</p>\n"


def test_a_refused_link_keeps_its_label_formatting():
    html = md("[**bold** label](javascript:alert(1))")
    assert html == "<p><strong>bold</strong> label</p>\n"


def test_refused_reference_and_angle_links_show_text():
    html = md("""
        A [ref link][bad] and <javascript:alert(1)>.

        [bad]: javascript:alert(2)
        """)
    assert html == "<p>A ref link and javascript:alert(1).</p>\n"


def test_a_refused_image_shows_its_alt_text():
    html = md("Logo: ![company *logo*](javascript:alert(1)) and ![x](file:///etc/passwd)")
    assert html == "<p>Logo: company logo and x</p>\n"


def test_footnotes_and_callouts_are_treated_alike():
    html = md("""
        > [!note] Posting https://jobs.example.com/1
        > [bad](javascript:alert(1)) www.acme.io

        Said so.[^1]

        [^1]: [bad](file:///etc/passwd) jane@acme.io
        """)
    assert f'<a href="https://jobs.example.com/1" {REL}>' in html
    assert f'<a href="http://www.acme.io" {REL}>www.acme.io</a>' in html
    assert f'<a href="mailto:jane@acme.io" {REL}>jane@acme.io</a>' in html
    assert html.count("<p>bad ") == 2
    assert "javascript" not in html and "file:" not in html


def test_allowed_links_keep_their_href():
    html = md("[web](https://example.com) [mail](mailto:a@b.example) [page](other.html) "
              "[[Jane Doe]] ![d](data:image/png;base64,AAAA)")
    assert f'<a href="https://example.com" {REL}>web</a>' in html
    assert f'<a href="mailto:a@b.example" {REL}>mail</a>' in html
    assert f'<a href="other.html" {REL}>page</a>' in html
    assert 'href="../people/jane-doe.html"' in html
    assert '<img src="data:image/png;base64,AAAA" alt="d">' in html


def test_raw_html_links_without_a_usable_url_become_text():
    html = md('<a href="javascript:alert(1)">raw</a> <a href="obsidian://open?x">'
              '<b>bold</b></a> <a title="a>b" href="vbscript:x">titled</a> <a>bare</a>')
    assert html == "<p>raw <b>bold</b> titled bare</p>\n"


def test_raw_html_link_with_a_usable_url_is_kept():
    html = md('<a href="https://example.com" title="x>y">ok</a>')
    assert html == f'<p><a href="https://example.com" title="x&gt;y" {REL}>ok</a></p>\n'


def test_an_anchor_target_keeps_its_id():
    assert md('<a id="h-intro"></a>Intro') == f'<p><a id="h-intro" {REL}></a>Intro</p>\n'


def test_text_that_looks_like_a_tag_is_left_alone():
    html = md("Write &lt;a&gt; or `<a>` in text; <abbr title=\"<a>\">A</abbr>")
    assert "&lt;a&gt; or <code>&lt;a&gt;</code>" in html
    assert '<abbr title="&lt;a&gt;">A</abbr>' in html


# --- on a site page ----------------------------------------------------------------------------

NOTE = "---\ncompany: Acme\nrole: Analyst\nstatus: wishlist\n---\n## Notes\n"


@pytest.fixture
def page(vault):
    root = vault({"applications/acme.md": NOTE})
    links = Links(load_vault(root, today=date(2026, 11, 27)))

    def render(body: str) -> str:
        return render_markdown(body, linker=links.linker(links.note("applications/acme.md")
                                                          or "x.html"))

    return render


def test_bare_url_and_refused_link_on_a_page(page):
    html = page("Posting https://jobs.example.com/1 and [app](obsidian://open?vault=x)")
    assert html == (f'<p>Posting <a href="https://jobs.example.com/1" {REL}>'
                    "https://jobs.example.com/1</a> and app</p>\n")


def test_link_to_an_existing_heading_of_the_note(page):
    assert page("[up](#Notes)") == f'<p><a href="#h-notes" {REL}>up</a></p>\n'


def test_link_to_a_missing_heading_is_shown_unlinked(page):
    html = page("[anchor](#h-notes) and [other](#Missing)")
    assert "<a" not in html
    assert "anchor" in html and "other" in html
