"""What makes builds fast must never change what they produce.

The line scanner behind sections, tasks and tags gives the Markdown parser's answers;
analyses computed once per build equal the plain functions; nothing in a build grows
faster than the vault.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobnotes import markdown
from jobnotes.analysis import postmortem

# Lines notes are made of, plain and tricky: every construct the scanner must either read
# exactly as the parser does or hand over to it.
LINES = [
    "", " ", "Plain text.", "More text here", "## Job description", "### Action plan",
    "# Top", "#### Deep", "## Title ##", "## Title #", "## #", "##", "#", "#######  seven",
    "## Post-mortem", "### What to improve", "#tag at start", "text #improve/sql-joins",
    "issue #123 only", "#strength/python and #improve/x/", "(#strength/python) is",
    "a#glued tag", "- [ ] Practice STAR answers", "- [x] Review SQL", "- [X] done #improve/a",
    "- [ ]", "- [ ] ", "- [x]y", "- [ ]  two spaces", "- plain item", "* star item",
    "+ plus item", "1. first", "2. second", "1) paren", "3) three", "2024. was a year",
    "1.5 million", "-  two spaces", "- ## heading in item", "- - nested", "  - nested",
    "  continued line", "    indented four", "  ## indented heading", "lazy continuation",
    "***", "---", "- - -", "===", "-", "* * *", "___", "> quote", "> [!note] callout",
    "```", "```python", "~~~", "<div>", "<!-- c -->", "%% hidden %%", "%%", "| a | b |",
    "text ^block-1", "^block", "[ref]: http://x", "[^1]: note", "\tTab", "a_b #tag",
    "_em #t_", "*#t*", "**bold** #t", "`#code`", "&#35;entity", "\\#escaped", "[l](#x)",
    "[[Jane Doe]] #t", "[[#Heading]]", "~~#struck~~", "x\u00a0#nbsp", "end  ", "#t\u2003x",
    "A *b* c", "x_y_z #t_u", "- [ ] task #improve/a", "  - [ ] nested task",
    "[x] not a list", "+1 vote", "- [ ] ![[Embed]]", "![[Note]]", "ä #ö", "#tag_",
]


# The lines the scanner reads itself, so that most generated texts take its path.
PLAIN = [line for line in LINES if markdown.scan_blocks(line) is not None]

text_strategy = st.builds(
    lambda lines, end: "\n".join(lines) + end,
    st.one_of(st.lists(st.sampled_from(PLAIN), max_size=14),
              st.lists(st.sampled_from(LINES), max_size=12)),
    st.sampled_from(["", "\n", "\n\n"]),
)


def parsed_sections(body: str) -> tuple[markdown.Section, ...]:
    headings = markdown._parsed_headings(body)
    lines = body.splitlines(keepends=True)
    found = []
    for n, (level, title, start, body_start) in enumerate(headings):
        if level not in (2, 3):
            continue
        end = next((s for lv, _, s, _ in headings[n + 1:] if lv <= level), len(lines))
        found.append(markdown.Section(level, title, "".join(lines[body_start:end]), start + 1))
    return tuple(found)


def parsed_tasks(text: str) -> tuple[markdown.Task, ...]:
    tokens = markdown._markdown().parse(text)
    found = []
    for i, token in enumerate(tokens):
        if token.type == "list_item_open" and "task-list-item" in str(token.attrGet("class")):
            inline = tokens[i + 2]
            checkbox = inline.children[0].content if inline.children else ""
            found.append(markdown.Task("checked" in checkbox, " ".join(inline.content.split()),
                                       (inline.map[0] if inline.map else 0) + 1))
    return tuple(found)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text_strategy)
def test_scanner_reads_sections_tasks_and_tags_as_the_parser_does(text):
    assert markdown._sections(text) == parsed_sections(text)
    assert markdown._tasks(text) == parsed_tasks(text)
    assert postmortem._find_tags(text) == postmortem._parsed_tags(text)


def full_postmortem_sections(body: str):
    """What ``_postmortem_sections`` reads, from every section of the body."""
    head, subs, inside = None, [], False
    for section in markdown.split_sections(body):
        if section.level == 2:
            inside = postmortem.is_postmortem_heading(section.title)
            if inside and head is None:
                head = section
        elif inside:
            subs.append((postmortem.subsection_name(section.title), section))
    return head, tuple(subs)


POSTMORTEM_LINES = [*LINES, "## POST MORTEM", "## Poſt-mortem", "## post–mortem",
                    "## Post-mortem notes", "## Postmortem!", "Post-mortem", "mortem",
                    r"## Post\-mortem", "## **Post-mortem**", "Post-mortem\n---"]


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(POSTMORTEM_LINES), max_size=12).map("\n".join))
def test_notes_without_a_post_mortem_are_answered_without_reading_their_sections(text):
    assert postmortem._postmortem_sections.__wrapped__(text) == full_postmortem_sections(text)


THEME_LINES = [*LINES, "#Improve/sql", "#STRENGTH/python", "&#105;mprove", "#&#105;mprove/x",
               "#impr&#111;ve/y", "&num;improve/z", "\\#improve/w", "#streng\u200bth/x",
               "#İmprove/x", "- [ ] #improve/story-telling"]


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(THEME_LINES), max_size=10).map("\n".join))
def test_notes_that_cannot_cite_a_theme_are_not_read_for_tags(text):
    if not postmortem._may_cite_theme(text):
        assert not [t for t, _ in postmortem._parsed_tags(text)
                    if t.startswith(("improve/", "strength/"))]


@pytest.mark.parametrize("separator", ["\n", "\r\n", "\u2028", "\x0c"])
def test_sections_cut_from_the_body_hold_the_text_under_their_heading(separator):
    body = separator.join(["intro", "## Post-mortem", "went well", "### What to improve",
                           "- [ ] practise SQL", "## Job description", "Python, SQL"])
    sections = markdown.split_sections(body)
    assert sections == list(parsed_sections(body))
    if separator not in "\n\r\n":        # other line breaks are text to Markdown
        return
    assert [s.title for s in sections] == ["Post-mortem", "What to improve", "Job description"]
    assert sections[1].text == "- [ ] practise SQL" + separator
    assert sections[2].text == "Python, SQL"


@pytest.mark.parametrize("text", [
    "## A\ntext #improve/x\n- [ ] one\n  more\n- [x] two\n",
    "Intro\n\n## Post-mortem\n### Action plan\n- [ ] a\nlazy\n\n1. b\n",
])
def test_plain_notes_take_the_fast_path(text):
    assert markdown.scan_blocks(text) is not None
    assert markdown._sections(text) == parsed_sections(text)
    assert markdown._tasks(text) == parsed_tasks(text)
    assert postmortem._find_tags(text) == postmortem._parsed_tags(text)


# --- figures computed once equal the plain functions --------------------------------------------

def _vault_files(n: int) -> dict[str, str]:
    """A vault of ``n`` applications over n/4 companies and n/5 contacts, with rejections,
    interviews, post-mortems, tags and action plans."""
    files = {"jobnotes.toml": 'title = "Scale"\n'}
    people = max(2, n // 5)
    for k in range(people):
        files[f"people/Person {k}.md"] = (
            f"---\ncompany: Company {k % max(1, n // 4)}\nrole: recruiter\n"
            f"met: 2026-0{1 + k % 9}-1{k % 10}\ntouches: [2026-10-0{1 + k % 9}]\n---\n\n"
            f"## Notes\n- Involved in [[app-{k}]].\n")
    statuses = ("applied", "rejected", "interviewing", "rejected", "ghosted", "offer")
    for i in range(n):
        status = statuses[i % len(statuses)]
        month = 1 + i % 9
        lines = [
            "---", f"company: Company {i % max(1, n // 4)}", f"role: Role {i}",
            f"status: {status}", "channel: job-board", f"applied: 2026-0{month}-01",
            f"interviews: [2026-0{month}-10]" if status != "applied" else "",
            f"rejected: 2026-0{month}-20" if status == "rejected" else "",
            f'contacts: ["[[Person {i % people}]]", "[[Person {(i * 7) % people}]]"]',
            "skills: [SQL, Python]", "---", "",
            "## Job description", "We need SQL, Python and dbt.", "",
            "## Post-mortem", "### Interviews", f"Slow on joins. #improve/topic-{i % 7}",
            "### What went well", "Clear story. #strength/python",
            "### Action plan", f"- [ ] Practise case {i}", "- [x] Review SQL", "",
        ]
        files[f"applications/app-{i}.md"] = "\n".join(line for line in lines if line != "")
    return files


def _site(tmp_path, n: int):
    from datetime import date

    from jobnotes.load import load_vault
    from jobnotes.site.pages import SiteData
    from tests.conftest import write_vault

    root = write_vault(tmp_path / f"v{n}", _vault_files(n))
    vault = load_vault(root, today=date(2026, 11, 27))
    return vault, SiteData.of(vault)


def test_shared_figures_equal_the_plain_functions(tmp_path):
    from jobnotes.analysis import feedback, network, postmortem, reminders

    vault, site = _site(tmp_path, 30)
    a = site.analysis
    apps, people, settings, today = vault.applications, vault.people, vault.settings, vault.today
    assert a.reminders == reminders.reminders(apps, people, settings, today)
    assert a.contacts == network.network(people, apps, settings, today)
    assert a.digest == postmortem.digest(apps, today)
    for person in people:
        assert a.contact(person) == network.contact(person, apps, settings, today)
        assert a.linked_applications(person) == network.linked_applications(person, apps)
    for app in apps:
        assert a.post_mortem(app) == postmortem.post_mortem(app, today)
        assert a.feedback_email(app) == feedback.feedback_email(app, people, settings, today)


def _traced_lines(run) -> int:
    """Lines of jobnotes' own code executed by ``run()``: a measure of work, not time."""
    import sys
    from pathlib import Path

    import jobnotes

    package = str(Path(jobnotes.__file__).parent)
    count = 0

    def line(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return line

    def call(frame, event, arg):
        return line if frame.f_code.co_filename.startswith(package) else None

    sys.settrace(call)
    try:
        run()
    finally:
        sys.settrace(None)
    return count


def test_site_work_grows_with_the_vault_not_with_its_square(tmp_path):
    from jobnotes.site import pages

    work = {}
    for n in (50, 400):
        vault, site = _site(tmp_path, n)
        work[n] = _traced_lines(lambda site=site, vault=vault: pages.collect(vault, site))
    # Eight times the notes: about eight times the work (64 if anything were quadratic; one
    # person's linked applications found by a scan of every note already gives 13).
    assert work[400] / work[50] < 10, work


def test_loading_work_grows_with_the_vault_not_with_its_square(tmp_path):
    from datetime import date

    from jobnotes.load import load_vault
    from tests.conftest import write_vault

    work = {}
    for n in (50, 400):
        root = write_vault(tmp_path / f"load{n}", _vault_files(n))
        work[n] = _traced_lines(lambda root=root: load_vault(root, today=date(2026, 11, 27)))
    assert work[400] / work[50] < 10, work


# --- two processes write the same site as one --------------------------------------------------

def test_a_build_shared_by_two_processes_writes_the_same_bytes(tmp_path, monkeypatch):
    from datetime import date

    from jobnotes import load
    from jobnotes.build import build_site, build_vault
    from jobnotes.site import stream
    from tests.conftest import hash_tree, write_vault

    if not load.can_fork():
        pytest.skip("needs two cores and the fork start method")
    files = _vault_files(36)
    files["notes/Linked.md"] = "A linked note #topic/shared\n"
    files["applications/app-0.md"] += "\nSee [[Linked]] and #topic/own\n"
    root = write_vault(tmp_path / "vault", files)
    today = date(2026, 11, 27)
    single = tmp_path / "single"
    build_site(load.load_vault(root, today=today), single)
    monkeypatch.setattr(load, "PARALLEL_FROM", 10)
    monkeypatch.setattr(stream, "PARALLEL_FROM", 10)
    monkeypatch.setattr(stream, "CHUNK", 2)       # both processes take note pages
    monkeypatch.setenv("JOBNOTES_CACHE_DIR", str(tmp_path / "cache"))
    shared = tmp_path / "shared"
    result = build_vault(root, shared, today=today)
    assert hash_tree(shared) == hash_tree(single)
    assert result.pages == sum(1 for p in single.rglob("*.html"))
    again = build_vault(root, tmp_path / "again", today=today)     # bodies from the cache
    assert hash_tree(tmp_path / "again") == hash_tree(single) and again.pages == result.pages


def test_bodies_the_second_process_rendered_are_reused_by_the_next_build(tmp_path,
                                                                         monkeypatch):
    from datetime import date

    from jobnotes import build, load
    from jobnotes.site import pages, stream
    from tests.conftest import write_vault

    if not load.can_fork():
        pytest.skip("needs two cores and the fork start method")
    root = write_vault(tmp_path / "vault", _vault_files(36))
    cache = tmp_path / "cache"
    monkeypatch.setenv("JOBNOTES_CACHE_DIR", str(cache))
    monkeypatch.setattr(load, "PARALLEL_FROM", 10)
    monkeypatch.setattr(stream, "PARALLEL_FROM", 10)
    monkeypatch.setattr(stream, "CHUNK", 1)
    today = date(2026, 11, 27)
    build.build_vault(root, tmp_path / "two", today=today)
    saved = list(cache.rglob(build.SECOND_RENDERS_FILE))
    assert saved, "the second process saves the bodies it rendered"
    # The next build, in one process, finds every body of both processes.
    monkeypatch.setattr(stream, "PARALLEL_FROM", 10**9)
    rendered = []
    real = pages.render_markdown
    monkeypatch.setattr(pages, "render_markdown",
                        lambda *a, **k: rendered.append(1) or real(*a, **k))
    build.build_vault(root, tmp_path / "one", today=today)
    assert rendered == []
    assert not saved[0].exists()        # all kept bodies are in the one file now


@pytest.mark.parametrize("processes", [1, 2])
def test_bodies_saved_a_few_at_a_time_are_all_reused_by_the_next_build(tmp_path, monkeypatch,
                                                                       processes):
    from datetime import date

    from jobnotes import build, load
    from jobnotes.site import bodies, pages, stream
    from tests.conftest import hash_tree, write_vault

    if processes == 2 and not load.can_fork():
        pytest.skip("needs two cores and the fork start method")
    root = write_vault(tmp_path / "vault", _vault_files(36))
    cache = tmp_path / "cache"
    monkeypatch.setenv("JOBNOTES_CACHE_DIR", str(cache))
    monkeypatch.setattr(bodies, "SAVE_EVERY", 3)
    monkeypatch.setattr(stream, "PARALLEL_FROM", 10 if processes == 2 else 10**9)
    monkeypatch.setattr(stream, "CHUNK", 2)
    today = date(2026, 11, 27)
    build.build_vault(root, tmp_path / "first", today=today)
    rendered = []
    real = pages.render_markdown
    monkeypatch.setattr(pages, "render_markdown",
                        lambda *a, **k: rendered.append(1) or real(*a, **k))
    build.build_vault(root, tmp_path / "second", today=today)
    assert rendered == []                 # every body came from the parts saved
    assert hash_tree(tmp_path / "second") == hash_tree(tmp_path / "first")
    assert not list(cache.rglob("*.tmp-*"))


def test_a_failed_build_leaves_the_saved_bodies_as_they_were(tmp_path, monkeypatch):
    from datetime import date

    from jobnotes import build
    from jobnotes.errors import BuildError
    from jobnotes.site import bodies
    from tests.conftest import write_vault

    root = write_vault(tmp_path / "vault", _vault_files(12))
    cache = tmp_path / "cache"
    monkeypatch.setenv("JOBNOTES_CACHE_DIR", str(cache))
    monkeypatch.setattr(bodies, "SAVE_EVERY", 2)
    today = date(2026, 11, 27)
    build.build_vault(root, tmp_path / "site", today=today)
    [saved] = cache.rglob(build.RENDERS_FILE)
    before = saved.read_bytes()
    (root / "applications" / "app-0.md").write_text(
        (root / "applications" / "app-0.md").read_text() + "\nA new line.\n")
    override = root / "site-templates" / "person.html"     # fails after application pages
    override.parent.mkdir()
    override.write_text('{% extends "base.html" %}{% block main %}{{ 1 + }}{% endblock %}',
                        encoding="utf-8")
    with pytest.raises(BuildError):
        build.build_vault(root, tmp_path / "site", today=today)
    assert saved.read_bytes() == before
    assert not list(cache.rglob("*.tmp-*"))


def test_notes_read_in_two_processes_are_the_notes_read_in_one(tmp_path, monkeypatch):
    from datetime import date

    from jobnotes import load
    from tests.conftest import write_vault

    if not load.can_fork():
        pytest.skip("needs two cores and the fork start method")
    files = _vault_files(30)
    files["applications/broken.md"] = "---\ncompany: [unclosed\n---\n"
    root = write_vault(tmp_path / "vault", files)
    one = load.load_vault(root, today=date(2026, 11, 27))
    monkeypatch.setattr(load, "PARALLEL_FROM", 10)
    two = load.load_vault(root, today=date(2026, 11, 27))
    assert two.applications == one.applications and two.people == one.people
    assert two.diagnostics == one.diagnostics and two.skipped == one.skipped


# --- the progress bar of long builds ------------------------------------------------------------

def test_the_progress_bar_waits_two_seconds_and_needs_a_terminal(monkeypatch, capsys):
    from jobnotes import cli_progress

    now = [0.0]
    bar = cli_progress._Bar(clock=lambda: now[0])
    bar("Rendering pages", 100, 1000)
    assert bar.bar is None                       # a quick build shows nothing
    now[0] = 2.5
    bar("Rendering pages", 500, 1000)
    assert bar.bar is not None and bar.done == 500
    bar("Rendering pages", 1000, 1000)
    bar.close()
    monkeypatch.setattr("sys.stderr.isatty", lambda: False, raising=False)
    with cli_progress.progress_bar() as progress:
        assert progress is None


def test_a_broken_note_template_fails_a_two_process_build_clearly(tmp_path, monkeypatch):
    from datetime import date

    from jobnotes import load
    from jobnotes.build import build_vault
    from jobnotes.errors import BuildError
    from jobnotes.site import stream
    from tests.conftest import hash_tree, write_vault

    if not load.can_fork():
        pytest.skip("needs two cores and the fork start method")
    files = _vault_files(36)
    root = write_vault(tmp_path / "vault", files)
    monkeypatch.setattr(stream, "PARALLEL_FROM", 10)
    monkeypatch.setattr(stream, "CHUNK", 2)
    monkeypatch.setenv("JOBNOTES_CACHE_DIR", str(tmp_path / "cache"))
    out = tmp_path / "site"
    build_vault(root, out, today=date(2026, 11, 27))
    before = hash_tree(out)
    override = root / "site-templates" / "person.html"
    override.parent.mkdir()
    override.write_text('{% extends "base.html" %}\n{% block main %}\n{% if %}\n{% endblock %}\n',
                        encoding="utf-8")
    with pytest.raises(BuildError) as failed:
        build_vault(root, out, today=date(2026, 11, 27))
    where = [(d.path, d.line) for d in failed.value.diagnostics]
    assert any(path.endswith("person.html") and line == 3 for path, line in where), where
    assert hash_tree(out) == before          # the last good site is left as it was


def test_pages_written_in_pieces_are_the_pages_rendered_whole(tmp_path, monkeypatch):
    from datetime import date

    from jobnotes import load
    from jobnotes.build import build_site, build_vault
    from jobnotes.site import render
    from tests.conftest import EXAMPLE_VAULT, hash_tree

    today = date(2026, 11, 27)
    whole = tmp_path / "whole"
    build_site(load.load_vault(EXAMPLE_VAULT, today=today), whole)
    monkeypatch.setattr(render, "PIECE_FRAGMENTS", 3)
    monkeypatch.setenv("JOBNOTES_CACHE_DIR", str(tmp_path / "cache"))
    pieces = tmp_path / "pieces"
    build_vault(EXAMPLE_VAULT, pieces, today=today)
    assert hash_tree(pieces) == hash_tree(whole)
    build_vault(EXAMPLE_VAULT, pieces, today=today, use_cache=False)    # over itself
    assert hash_tree(pieces) == hash_tree(whole)


def test_a_template_failing_late_in_a_page_names_its_line_and_keeps_the_site(tmp_path,
                                                                            monkeypatch):
    from datetime import date

    from jobnotes.build import build_vault
    from jobnotes.errors import BuildError
    from jobnotes.site import render
    from tests.conftest import copy_example, hash_tree

    root = copy_example(tmp_path / "vault")
    out = tmp_path / "site"
    build_vault(root, out, today=date(2026, 11, 27), use_cache=False)
    before = hash_tree(out)
    monkeypatch.setattr(render, "PIECE_FRAGMENTS", 4)
    override = root / "site-templates" / "dashboard.html"
    override.parent.mkdir(exist_ok=True)
    override.write_text('{% extends "base.html" %}\n{% block content %}\n'
                        "{% for i in range(100) %}<p>{{ i }}</p>{% endfor %}\n"
                        "{{ nothing.here }}\n{% endblock %}\n", encoding="utf-8")
    with pytest.raises(BuildError) as failed:
        build_vault(root, out, today=date(2026, 11, 27), use_cache=False)
    [finding] = failed.value.diagnostics
    assert (finding.path, finding.line) == ("site-templates/dashboard.html", 4)
    assert hash_tree(out) == before
