"""Links across a vault resolved like Obsidian: by name when unique, by path when written
with one; missing and ambiguous targets reported with the line and left unlinked."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from jobnotes.load import load_vault
from jobnotes.markdown import render_markdown
from jobnotes.obsidian.links import LinkIndex, parse_target
from jobnotes.site.pages import Links

TODAY = date(2024, 3, 14)
PNG = b"\x89PNG\r\n\x1a\n0000"


def app(body: str = "", extra: str = "") -> str:
    return f"---\ncompany: Acme\nrole: Analyst\nstatus: wishlist\n{extra}---\n{body}"


FILES: dict[str, str | bytes] = {
    "applications/acme.md": app("## Hello\n[[Company Research]] and ![[Snippet]]\n"),
    "people/Jane Doe.md": "---\ncompany: Acme\nrole: recruiter\n---\n## Follow-up notes\nHi.\n",
    "notes/Company Research.md": "## Q&A: round 2\n\nKey text ^key-point\n\n## Later\nmore\n",
    "notes/Snippet.md": "Snippet body with [[Jane Doe]].\n\n## Part\nPart text\n",
    "notes/Loop A.md": "A says ![[Loop B]]\n",
    "notes/Loop B.md": "B says ![[Loop A]]\n",
    "a/Dup.md": "first\n",
    "b/Dup.md": "second\n",
    "assets/logo.png": PNG,
    "assets/unused.png": PNG,
    "docs/cv.pdf": b"%PDF-1.4",
    "page.html": "<script>alert(1)</script>",
}


@pytest.fixture
def site(vault):
    """(loaded vault, render(body, source) -> HTML as on that note's page)."""

    def make(extra: dict[str, str | bytes] | None = None):
        root = vault({**FILES, **(extra or {})})
        loaded = load_vault(root, today=TODAY)
        links = Links(loaded)

        def render(body: str, source: str = "applications/acme.md") -> str:
            return render_markdown(body, linker=links.linker(links.note(source) or "x.html"))

        return loaded, render

    return make


# --- resolution ------------------------------------------------------------------------------

INDEX = LinkIndex(["applications/acme.md", "people/Jane Doe.md", "notes/Jane Doe.md",
                   "notes/Research.md", "Home.md", "archive/Home.md", "img/logo.png",
                   "notes/My.Note.md", "people/Zoë.md"])

RESOLVE = [
    ("Research", None, "notes/Research.md"),
    ("research", None, "notes/Research.md"),                  # case-insensitive
    ("notes/Research", None, "notes/Research.md"),
    ("Research.md", None, "notes/Research.md"),
    ("people/Jane Doe", None, "people/Jane Doe.md"),          # path chooses
    ("Jane Doe", "people/Bob.md", "people/Jane Doe.md"),       # next to the linking note
    ("Home", None, "Home.md"),                                 # the vault root first
    ("logo.png", None, "img/logo.png"),
    ("My.Note", None, "notes/My.Note.md"),
    ("../notes/Research.md", "people/Bob.md", "notes/Research.md"),
    ("./Jane Doe.md", "notes/x.md", "notes/Jane Doe.md"),
    ("/notes/Research", None, "notes/Research.md"),
    ("Zoe\u0308", None, "people/Zoë.md"),                        # decomposed Unicode
]


@pytest.mark.parametrize(("path", "source", "expected"), RESOLVE)
def test_resolution(path, source, expected):
    assert INDEX.resolve(path, source).rel == expected


def test_ambiguous_and_missing():
    # Several files share the name: the shortest path wins, as in Obsidian; a tie is
    # ambiguous.
    assert INDEX.resolve("Jane Doe", "applications/acme.md").rel == "notes/Jane Doe.md"
    tie = LinkIndex(["x/Dup.md", "y/Dup.md"]).resolve("Dup")
    assert tie.ambiguous and tie.rel is None
    assert set(tie.candidates) == {"x/Dup.md", "y/Dup.md"}
    assert INDEX.resolve("Nobody").rel is None and not INDEX.resolve("Nobody").ambiguous
    assert INDEX.resolve("../../outside", "notes/x.md").rel is None
    assert INDEX.suggest("Reserch") == "Research"
    # The name alone is ambiguous, so the suggestion carries a path.
    assert INDEX.suggest("Jane Do") in ("people/Jane Doe", "notes/Jane Doe")


TARGETS = [
    ("Note", ("Note", "", "", "")),
    ("Note|shown", ("Note", "", "", "shown")),
    ("Note#Heading", ("Note", "Heading", "", "")),
    ("Note#A#B", ("Note", "B", "", "")),
    ("Note#^block-1", ("Note", "", "block-1", "")),
    ("#Heading", ("", "Heading", "", "")),
    ("Note\\|alias", ("Note", "", "", "alias")),
    ("people/Jane Doe#Notes|Jane", ("people/Jane Doe", "Notes", "", "Jane")),
]


@pytest.mark.parametrize(("inner", "parts"), TARGETS)
def test_target_syntax(inner, parts):
    target = parse_target(inner)
    assert (target.path, target.heading, target.block, target.alias) == parts


# --- rendering links ---------------------------------------------------------------------------

LINKS = [
    ("[[Jane Doe]]", '<a class="wikilink" href="../people/jane-doe.html"'),
    ("[[people/Jane Doe|Jane]]", 'href="../people/jane-doe.html" rel="noopener noreferrer">Jane<'),
    ("[[Jane Doe#Follow-up notes]]", 'href="../people/jane-doe.html#h-follow-up-notes"'),
    ("[[Company Research#Q&A: round 2]]", 'href="../notes/company-research.html#h-qa-round-2"'),
    ("[[Company Research#Q&A round 2]]", 'href="../notes/company-research.html#h-qa-round-2"'),
    ("[[Company Research#^key-point]]", 'href="../notes/company-research.html#b-key-point"'),
    ("[[Company Research#Missing]]",
     'href="../notes/company-research.html" title="Missing is not in this note"'),
    ("| a |\n|---|\n| [[Jane Doe\\|Jane]] |",
     '<td><a class="wikilink" href="../people/jane-doe.html"'),
    ("[[Dup]]", '<span class="wikilink unresolved ambiguous" title="Dup matches several'),
    ("[[Nope]]", '<span class="wikilink unresolved">Nope</span>'),
    ("[[cv.pdf]]", '<a class="wikilink attachment" href="../attachments/docs/cv.pdf"'),
    ("[[page.html]]", '<span class="wikilink unresolved unpublished"'),
    ("[Jane](../people/Jane%20Doe.md)", '<a href="../people/jane-doe.html"'),
    ("[Jane](<../people/Jane Doe.md>)", '<a href="../people/jane-doe.html"'),
    ("[notes](../notes/Company%20Research.md#Later)",
     '<a href="../notes/company-research.html#h-later"'),
    ("[gone](../notes/Gone.md)", '<span class="wikilink unresolved">gone</span>'),
    ("[top](#Hello)", '<a href="#h-hello"'),
    ("[nowhere](#Gone)", '<span class="wikilink unresolved">nowhere</span>'),
    ("[web](https://example.com)", 'href="https://example.com"'),
]


@pytest.mark.parametrize(("text", "expected"), LINKS)
def test_links_render_to_pages(site, text, expected):
    _, render = site()
    assert expected in render(text)


def test_a_note_outside_the_site_is_shown_unlinked(site):
    _, render = site({"notes/Orphan.md": "alone\n"})
    # Orphan is linked only from this render, not from any tracked note: it has no page.
    assert '<span class="wikilink unresolved unpublished"' in render("[[Orphan]]")


# --- embeds -------------------------------------------------------------------------------------

EMBEDS = [
    ("![[logo.png]]", ('<img class="embed-image" src="../attachments/assets/logo.png" '
                       'alt="logo.png" loading="lazy">',)),
    ("![[logo.png|300]]", ('width="300"',)),
    ("![[logo.png|300x200]]", ('width="300" height="200"',)),
    ("![[logo.png|Company logo]]", ('alt="Company logo"',)),
    ("![logo](../assets/logo.png)", ('src="../attachments/assets/logo.png"',)),
    ("![[cv.pdf]]", ('<a class="embed-file" href="../attachments/docs/cv.pdf"',)),
    ("![[Snippet]]", ('<div class="embed embed-note">', "Snippet body with",
                      'href="../people/jane-doe.html"', "Part text")),
    ("![[Snippet#Part]]", ("Part text",)),
    ("![[Company Research#^key-point]]", ("Key text",)),
    ("![[nothing.png]]", ('class="wikilink unresolved embed"',)),
]


@pytest.mark.parametrize(("text", "expected"), EMBEDS)
def test_embeds(site, text, expected):
    _, render = site()
    html = render(text)
    for fragment in expected:
        assert fragment in html, html


def test_embedded_section_leaves_out_the_rest(site):
    _, render = site()
    assert "Snippet body" not in render("![[Snippet#Part]]")
    html = render("![[Company Research#^key-point]]")
    assert "more" not in html and "Q&amp;A" not in html


def test_embedded_headings_take_no_ids_from_the_page(site):
    _, render = site()
    html = render("![[Company Research]]")
    assert "Q&amp;A: round 2" in html and 'id="h-' not in html and 'id="b-' not in html


def test_embed_cycles_stop(site):
    _, render = site()
    html = render("![[Loop A]]")
    assert html.count("A says") == 1 and html.count("B says") == 1
    assert "already shown above" in html


def test_embed_depth_is_limited(site):
    chain = {f"notes/D{n}.md": f"level {n} ![[D{n + 1}]]\n" for n in range(10)}
    _, render = site(chain)
    html = render("![[D0]]")
    assert "level 3" in html and "level 6" not in html


def test_a_note_embedding_itself(site):
    _, render = site({"applications/acme.md": app("Me: ![[acme]]\n")})
    assert "already shown above" in render("Me: ![[acme]]")


def test_raw_html_images_load_nothing_but_embeds_do(site):
    _, render = site()
    html = render('<img src="assets/logo.png"> <img src="x" onerror="alert(1)"> ![[logo.png]]')
    # The raw <img> tags lose their source, and then the tag (no broken-image icon).
    assert html.count("<img") == 1
    assert html.count("src=") == 1 and 'src="../attachments/assets/logo.png"' in html
    assert "onerror" not in html


# --- findings -------------------------------------------------------------------------------------

def findings(loaded, rule: str | None = None):
    return [d for d in loaded.diagnostics if rule is None or d.rule == rule]


BODY = """\
Intro line.

Met [[Jnae Doe]] and [[Dup]] today. Also `[[Ignored]]`.

```
[[Also Ignored]]
```

%% [[Commented]] %%
| who |
|---|
| [[Jane Doe\\|JD]] and [[Nobody Here]] |

See [[Company Research#Q and A]], [[Jane Doe#^nope]], [x](../notes/Gone.md).
[[#Intro]] and [[page.html]] and ![[missing.png]].
"""


def test_link_findings_name_line_column_and_suggestion(site):
    loaded, _ = site({"applications/acme.md": app(BODY + "[[Company Research]]\n")})
    found = {(d.rule, d.line, d.column): d for d in findings(loaded)
             if d.rule.startswith("link-")}
    # The body starts on line 6 of the file (after five lines of front matter).
    assert set(found) == {
        ("link-missing", 8, 5), ("link-ambiguous", 8, 22), ("link-missing", 17, 24),
        ("link-heading", 19, 5), ("link-block", 19, 35), ("link-missing", 19, 55),
        ("link-heading", 20, 1), ("link-unpublished", 20, 16), ("link-missing", 20, 34),
    }
    typo = found[("link-missing", 8, 5)]
    assert typo.hint == "did you mean `[[Jane Doe]]`?"
    ambiguous = found[("link-ambiguous", 8, 22)]
    assert "a/Dup.md" in ambiguous.message and "b/Dup.md" in ambiguous.message
    assert "`[[a/Dup]]`" in ambiguous.hint
    assert found[("link-heading", 19, 5)].hint == "its headings are: `Q&A: round 2`, `Later`"
    assert all(d.path == "applications/acme.md" for d in found.values())


def test_heading_typo_gets_a_suggestion(site):
    loaded, _ = site({"applications/acme.md": app("[[Jane Doe#Folow-up note]]\n")})
    (finding,) = findings(loaded, "link-heading")
    assert finding.hint == "did you mean the heading `Follow-up notes`?"
    assert "goes to the top of the note" in finding.message


def test_clean_links_give_no_findings(site):
    body = ("[[Jane Doe]] [[people/Jane Doe|J]] [[Company Research#Q&A: round 2]] "
            "[[Company Research#^key-point]] [[a/Dup]] ![[logo.png|20]] [[cv.pdf]] "
            "[x](../notes/Snippet.md) [[#Top]]\n\n## Top\n")
    loaded, _ = site({"applications/acme.md": app(body)})
    assert findings(loaded) == []


def test_front_matter_contacts_resolve_like_links(site):
    loaded, _ = site({
        "applications/acme.md": app(
            extra='contacts: ["[[people/Jane Doe|Jane]]", "[[Jnae Doe]]"]\n'),
    })
    assert loaded.applications[0].contacts == ["Jane Doe", "Jnae Doe"]
    unknown = findings(loaded, "contact-unknown")
    assert len(unknown) == 1 and "did you mean `[[Jane Doe]]`" in unknown[0].hint
    assert unknown[0].line == 5


def test_links_in_other_notes_are_not_findings(vault: Path):
    root = vault({**FILES, "notes/Messy.md": "[[Broken]] [[Dup]]\n"})
    assert [d for d in load_vault(root, today=TODAY).diagnostics
            if d.rule.startswith("link-")] == []
