"""Note bodies -> safe HTML, and the sections and tasks later analysis reads."""

from __future__ import annotations

import textwrap

from jobnotes.markdown import Section, Task, render_markdown, split_sections, tasks


def people(name: str) -> str | None:
    return {"jane doe": "../people/jane-doe.html"}.get(name.casefold())


def md(text: str) -> str:
    return render_markdown(textwrap.dedent(text), people)


# --- CommonMark + extensions ---------------------------------------------------------------

def test_task_list_renders_disabled_checkboxes():
    html = md("""
        - [ ] write the post-mortem
        - [x] ask for feedback
        """)
    assert html.count('type="checkbox"') == 2
    assert html.count('disabled="disabled"') == 2
    assert html.count('checked="checked"') == 1
    assert "write the post-mortem" in html


def test_tables_and_strikethrough():
    html = md("""
        | Stage | Result |
        |---|---|
        | Screen | ~~failed~~ passed |
        """)
    assert "<table>" in html and "<th>Stage</th>" in html
    assert "<s>failed</s>" in html


def test_footnotes_render():
    html = md("""
        Said so.[^1]

        [^1]: In the interview.
        """)
    assert 'href="#fn1"' in html and 'id="fn1"' in html


def test_bare_urls_are_linked_as_in_obsidian():
    html = md("see https://example.com/jobs?id=1#apply, and `https://in.code`")
    assert '<a href="https://example.com/jobs?id=1#apply"' in html
    assert "<code>https://in.code</code>" in html


# --- sanitizing ------------------------------------------------------------------------------

def test_script_tags_are_removed_with_their_content():
    html = md("before <script>alert('x')</script> after")
    assert "<script" not in html and "alert" not in html
    assert "before" in html and "after" in html


def test_event_handler_attributes_are_dropped():
    html = md('<img src="x.png" onerror="alert(1)"> <b onclick="alert(2)">b</b>')
    assert "onerror" not in html and "onclick" not in html and "alert" not in html


def test_javascript_links_are_dropped():
    html = md("""
        [md link](javascript:alert(1))

        <a href="javascript:alert(2)">raw</a> <a href="JaVaScRiPt:alert(3)">mixed</a>
        <a href="vbscript:msgbox(1)">vb</a>
        """)
    assert 'href="' not in html        # the Markdown link stays text, the raw ones lose href
    assert "<a" not in html.split("</p>")[0]


def test_data_link_dropped_but_data_image_kept():
    html = md('<a href="data:text/html,<b>hi</b>">d</a> '
              '<img src="data:image/png;base64,iVBORw0KGgo=">')
    assert 'href="data:' not in html
    assert 'src="data:image/png;base64,iVBORw0KGgo="' in html


def test_remote_images_are_dropped_so_no_request_leaves_the_machine():
    html = md("![chart](https://tracker.example/pixel.png) <img src=\"//cdn.example/x.png\">")
    assert "tracker.example" not in html and "cdn.example" not in html
    assert "<img" not in html and "chart" in html     # the alt text, no broken image


def test_an_image_whose_source_is_refused_leaves_no_empty_img():
    html = md('before <img src="x" onerror="alert(1)" alt="logo"> after')
    assert "onerror" not in html


def test_obsidian_html_is_kept():
    html = md("""
        <details><summary>More</summary>text</details>

        Press <kbd>Ctrl</kbd>, H<sub>2</sub>O, x<sup>2</sup>, <mark>key</mark><br>done
        """)
    for tag in ("<details>", "<summary>", "<kbd>", "<sub>", "<sup>", "<mark>", "<br>"):
        assert tag in html


def test_safe_links_and_classes_kept_ids_and_styles_dropped():
    html = md('<a href="https://example.com" title="t">ok</a> <span class="hl" style="color:red"'
              ' id="main">x</span> [mail](mailto:a@b.example)')
    assert 'href="https://example.com"' in html and 'rel="noopener noreferrer"' in html
    assert 'class="hl"' in html
    assert "style=" not in html and 'id="main"' not in html
    assert 'href="mailto:a@b.example"' in html


def test_iframes_and_forms_are_removed():
    html = md('<iframe src="https://x.example"></iframe>'
              '<form action="/x"><input type="text"></form>')
    assert "<iframe" not in html and "<form" not in html and 'type="text"' not in html


# --- wikilinks --------------------------------------------------------------------------------

def test_wikilink_resolved_case_insensitively():
    html = md("Talked to [[jane doe]].")
    assert '<a class="wikilink" href="../people/jane-doe.html"' in html
    assert ">jane doe</a>" in html


def test_wikilink_alias_and_heading():
    html = md("[[Jane Doe|Jane]] and [[Jane Doe#Follow-up notes]]")
    assert ">Jane</a>" in html
    assert 'href="../people/jane-doe.html#h-follow-up-notes"' in html


def test_unresolved_wikilink_is_plain_text():
    html = md("[[Nobody Known]]")
    assert '<span class="wikilink unresolved">Nobody Known</span>' in html
    assert "<a" not in html


def test_wikilink_without_resolver_is_unresolved():
    assert "unresolved" in render_markdown("[[Jane Doe]]")


def test_wikilinks_in_code_are_left_alone():
    html = md("""
        `[[Jane Doe]]`

        ```
        [[Jane Doe]]
        ```
        """)
    assert "wikilink" not in html
    assert html.count("[[Jane Doe]]") == 2


def test_wikilink_with_escaped_pipe_in_table():
    html = md("""
        | who |
        |---|
        | [[Jane Doe\\|JD]] |
        """)
    assert ">JD</a>" in html and 'href="../people/jane-doe.html"' in html


def test_wikilink_label_is_escaped():
    html = md("[[<b>x</b>]]")
    assert "<b>" not in html


# --- heading ids -------------------------------------------------------------------------------

def test_headings_get_prefixed_unique_ids():
    html = md("""
        ## Post-mortem
        ### What went well
        ## Post-mortem
        ## Café & Co
        """)
    assert 'id="h-post-mortem"' in html and 'id="h-post-mortem-2"' in html
    assert 'id="h-what-went-well"' in html
    assert 'id="h-café-co"' in html


def test_raw_html_cannot_set_page_ids():
    html = md('<h2 id="main">x</h2>')
    assert 'id="main"' not in html


# --- sections and tasks ---------------------------------------------------------------------------

BODY = textwrap.dedent("""\
    Intro line.

    ## Job description
    SQL and Python.

    ```markdown
    ## Not a heading
    ```

    ## Post-mortem
    ### Interviews
    Too fast.
    ### Action plan
    - [ ] Practice STAR answers
    - [x] Review SQL window functions
      over two lines
    # Top level
    ## Notes
    free
    """)


def test_split_sections_levels_titles_lines():
    sections = split_sections(BODY)
    assert [(s.level, s.title, s.line) for s in sections] == [
        (2, "Job description", 3),
        (2, "Post-mortem", 10),
        (3, "Interviews", 11),
        (3, "Action plan", 13),
        (2, "Notes", 18),
    ]


def test_section_text_runs_to_next_heading_of_same_or_higher_level():
    by_title = {s.title: s for s in split_sections(BODY)}
    assert "## Not a heading" in by_title["Job description"].text
    assert "### Interviews" in by_title["Post-mortem"].text
    assert "Top level" not in by_title["Post-mortem"].text
    assert by_title["Interviews"].text == "Too fast.\n"
    assert by_title["Notes"].text == "free\n"
    assert isinstance(by_title["Notes"], Section)


def test_tasks_in_a_section():
    action_plan = next(s for s in split_sections(BODY) if s.title == "Action plan")
    assert tasks(action_plan.text) == [
        Task(False, "Practice STAR answers", 1),
        Task(True, "Review SQL window functions over two lines", 2),
    ]


def test_tasks_lines_and_plain_items_ignored():
    text = "x\n\n- [ ] one\n- plain\n- [X] two\n\n```\n- [ ] in code\n```\n"
    assert tasks(text) == [Task(False, "one", 3), Task(True, "two", 5)]
