"""Markdown tables keep their column alignment through the sanitizer, as classes the
site's style sheet aligns."""

from __future__ import annotations

import textwrap

from jobnotes.markdown import render_markdown


def md(text: str) -> str:
    return render_markdown(textwrap.dedent(text))


def test_aligned_columns_get_alignment_classes():
    html = md("""
        | Stage | Round | Score |
        |---|:-:|--:|
        | Screen | 1 | 7 |
        """)
    assert "<th>Stage</th>" in html and "<td>Screen</td>" in html
    assert '<th class="align-center">Round</th>' in html
    assert '<th class="align-right">Score</th>' in html
    assert '<td class="align-center">1</td>' in html
    assert '<td class="align-right">7</td>' in html
    assert "style=" not in html


def test_left_aligned_column_is_marked_too():
    # A header cell is centred by browsers unless told otherwise.
    html = md("""
        | Company |
        |:--|
        | Acme |
        """)
    assert '<th class="align-left">Company</th>' in html
    assert '<td class="align-left">Acme</td>' in html


def test_raw_html_styles_are_still_dropped():
    html = md('<table><tr><td style="text-align:right;color:red" class="align-right">x</td>'
              "</tr></table>")
    assert "style=" not in html and 'class="align-right"' in html


def test_cells_keep_their_inline_markup():
    html = md("""
        | Posting | Note |
        |--:|:-:|
        | https://jobs.example.com/1 | **good** |
        """)
    assert ('<td class="align-right"><a href="https://jobs.example.com/1" '
            'rel="noopener noreferrer">https://jobs.example.com/1</a></td>') in html
    assert '<td class="align-center"><strong>good</strong></td>' in html
