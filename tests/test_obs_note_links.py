"""Other notes with a page: their broken links reported as an application's are (in
``check``, on the Problems page and on their own page), and person pages listing the notes
with a page that link to the person."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from click.testing import CliRunner

from jobnotes.build import render_site
from jobnotes.cli import main
from jobnotes.load import NoteCache, load_vault

TODAY = date(2026, 11, 27)


def app(company: str, body: str, extra: str = "") -> str:
    return f"---\ncompany: {company}\nrole: Analyst\nstatus: wishlist\n{extra}---\n{body}"


FILES = {
    "applications/acme.md": app("Acme", "Notes in [[2026-10-01]]. [[Gone]]\n",
                                'contacts: ["[[Jane Doe]]"]\n'),
    "applications/globex.md": app("Globex", "Ask [[Jane Doe]] about it.\n"),
    "journal/2026-10-01.md": "---\ntags: [journal]\n---\n"
                             "Talked to [[Jane Doe]] and [[Nobody Here]].\n"
                             "See [[Jane Doe#Nowhere]].\n",
    "journal/2026-10-02.md": "Unpublished: [[Jane Doe]] and [[Also Gone]].\n",
    "people/Jane Doe.md": "---\nrole: recruiter\n---\n## Notes\nHi.\n",
    "people/Bob Ray.md": "---\nrole: peer\n---\nIntroduced me to ![[Jane Doe#Notes]].\n",
}


def check_lines(root: Path) -> list[str]:
    result = CliRunner().invoke(main, ["check", str(root), "--today", TODAY.isoformat()])
    return [line for line in result.output.splitlines() if "[link-" in line]


def test_check_reports_broken_links_of_a_published_note_like_an_applications(vault):
    lines = check_lines(vault(FILES))
    assert lines == [
        "applications/acme.md:7:26: warning: [[Gone]] links to a note that is not in the "
        "vault [link-missing]",
        "journal/2026-10-01.md:4:28: warning: [[Nobody Here]] links to a note that is not "
        "in the vault [link-missing]",
        "journal/2026-10-01.md:5:5: warning: [[Jane Doe#Nowhere]] points to the heading "
        "`Nowhere`, which is not in people/Jane Doe.md; the link goes to the top of the "
        "note [link-heading]",
    ]          # journal/2026-10-02.md has no page: its links are not looked at


def test_problems_page_and_the_notes_page_show_them(vault):
    files = render_site(load_vault(vault(FILES), today=TODAY)).files
    problems = files["problems.html"].decode()
    assert "journal/2026-10-01.md" in problems
    assert "[[Nobody Here]] links to a note that is not in the vault" in problems
    assert "Also Gone" not in problems
    note = files["notes/2026-10-01.html"].decode()
    assert '<h2 id="findings-title">Problems in this note</h2>' in note
    assert "[[Nobody Here]] links to a note that is not in the vault" in note
    assert '<span class="wikilink unresolved">Nobody Here</span>' in note


def test_findings_follow_edits_while_serving(vault):
    root = vault(FILES)
    cache = NoteCache()
    first = load_vault(root, today=TODAY, cache=cache)
    assert any(d.path == "journal/2026-10-01.md" for d in first.diagnostics)
    (root / "journal/2026-10-01.md").write_text("Talked to [[Jane Doe]].\n", encoding="utf-8")
    fixed = load_vault(root, today=TODAY, cache=cache, dirty={"journal/2026-10-01.md"})
    assert not any(d.path == "journal/2026-10-01.md" for d in fixed.diagnostics)
    (root / "journal/2026-10-01.md").write_text("[[Nope]]\n", encoding="utf-8")
    broken = load_vault(root, today=TODAY, cache=cache, dirty={"journal/2026-10-01.md"})
    assert [d.message for d in broken.diagnostics if d.path == "journal/2026-10-01.md"] == [
        "[[Nope]] links to a note that is not in the vault"]
    (root / "applications/acme.md").write_text(app("Acme", "No links.\n"), encoding="utf-8")
    unlinked = load_vault(root, today=TODAY, cache=cache, dirty={"applications/acme.md"})
    assert not any(d.path.startswith("journal/") for d in unlinked.diagnostics)


def test_person_page_lists_the_notes_that_link_to_them(vault):
    files = render_site(load_vault(vault(FILES), today=TODAY)).files
    jane = files["people/jane-doe.html"].decode()
    card = jane[jane.index('<h2 id="linked-from-title">Linked from</h2>'):]
    card = card[:card.index("</section>")]
    assert ('<a href="../applications/globex.html">Globex — Analyst</a> '
            '<span class="muted">Application</span>') in card
    assert '<a href="../people/bob-ray.html">Bob Ray</a> <span class="muted">Person</span>' \
        in card
    assert ('<a href="../notes/2026-10-01.html">2026-10-01</a> '
            '<span class="muted">Note</span>') in card
    assert "Acme" not in card          # listed under Applications already
    assert "2026-10-02" not in card    # no page
    assert card.index("Globex") < card.index("2026-10-01") < card.index("Bob Ray")


def test_no_linked_from_card_without_links(vault):
    files = render_site(load_vault(vault(FILES), today=TODAY)).files
    assert "Linked from" not in files["people/bob-ray.html"].decode()
