"""Link findings quote the link as the note has it, read its destination as the renderer
does, and compare headings by their plain text: the checker and the page agree."""

from __future__ import annotations

import re
from datetime import date

import pytest

from jobnotes.build import render_site
from jobnotes.load import load_vault

TODAY = date(2024, 3, 14)


def app(body: str) -> str:
    return f"---\ncompany: Acme\nrole: Analyst\nstatus: wishlist\n---\n{body}"


HEADINGS = ("# Headings\n\n## Intro\na\n## Code `x` and **bold**\ne\n"
            "## Snake_case *and* ==mark== %%hidden%%\nf\n")
BASE: dict[str, str | bytes] = {
    "notes/Headings.md": HEADINGS,
    "notes/Company Research.md": "Research.\n",
    "notes/Home.md": "Home.\n",
    "jobnotes.toml": "",
}


@pytest.fixture
def load(vault):
    def make(body: str):
        loaded = load_vault(vault({**BASE, "applications/acme.md": app(body)}), today=TODAY)
        links = [d for d in loaded.diagnostics if d.rule.startswith("link-")]
        return loaded, links

    return make


def page_of(loaded, path: str) -> str:
    return render_site(loaded).files[path].decode()


def test_a_markdown_link_is_quoted_as_written(load):
    _, [link, image] = load("See [the notes](../notes/Gone.md) and ![a chart](chart.png).\n")
    assert link.message == "[the notes](../notes/Gone.md) links to a note that is not in the vault"
    assert image.message == "![a chart](chart.png) links to a file that is not in the vault"


@pytest.mark.parametrize(("written", "label"), [
    ("[md entity](&#106;avascript:alert('ent'))", "md entity"),
    ("[hex](&#x6A;avascript:alert('hex'))", "hex"),
    ("[esc](java&#115;cript:alert(1))", "esc"),
])
def test_an_entity_written_script_link_is_no_note_link(load, written, label):
    loaded, links = load(f"{written}\n")
    assert links == []
    html = page_of(loaded, "applications/acme.html")
    assert label in html and "javascript" not in html    # its label, as plain text
    assert not re.search(r'href="[^"]*(?:javascript|avascript)', html)


def test_entities_and_escapes_in_a_local_link_are_decoded_as_the_renderer_does(load):
    loaded, links = load("[r](../notes/Company&#32;Research.md) "
                         "[h](../notes/Home\\.md)\n")
    assert links == []
    html = page_of(loaded, "applications/acme.html")
    assert 'href="../notes/company-research.html"' in html
    assert 'href="../notes/home.html"' in html


def test_a_path_out_of_the_vault_points_outside_it(load):
    loaded, links = load("[passwd](../../../../etc/passwd) ![x](../../../../etc/hostname)\n"
                         "[[../../../Home]]\n")
    assert [(d.rule, d.message) for d in links] == [
        ("link-outside", "[passwd](../../../../etc/passwd) points outside the vault; "
                         "it is shown unlinked"),
        ("link-outside", "![x](../../../../etc/hostname) points outside the vault; "
                         "it is shown unlinked"),
        ("link-outside", "[[../../../Home]] points outside the vault; it is shown unlinked"),
    ]
    assert not any("did you mean" in (d.hint or "") for d in links)
    assert not re.search(r'(?:href|src)="[^"]*etc/', page_of(loaded, "applications/acme.html"))


def test_a_link_into_the_vault_through_dot_dot_is_not_outside(load):
    _, links = load("[h](../applications/../notes/Home.md) [g](../notes/../x/../Gone.md)\n")
    assert [d.rule for d in links] == ["link-missing"]


@pytest.mark.parametrize("link", [
    "[[Headings#Code `x` and **bold**]]",
    "[[Headings#Code x and bold]]",
    "[c](../notes/Headings.md#Code%20x%20and%20bold)",
])
def test_a_heading_with_code_and_emphasis_is_found_and_linked_to(load, link):
    loaded, links = load(f"{link}\n")
    assert links == []
    files = render_site(loaded).files
    html = files["applications/acme.html"].decode()
    assert 'href="../notes/headings.html#h-code-x-and-bold"' in html
    assert "not in this note" not in html
    assert 'id="h-code-x-and-bold"' in files["notes/headings.html"].decode()


def test_a_heading_typo_hint_shows_the_heading_as_text(load):
    _, [finding] = load("[[Headings#Code y and bold]]\n")
    assert finding.rule == "link-heading"
    assert finding.message.startswith("[[Headings#Code y and bold]] points to the heading")
    assert finding.hint == "did you mean the heading `Code x and bold`?"


def test_headings_are_listed_as_their_text(load):
    _, [finding] = load("[[Headings#Nothing like it]]\n")
    assert finding.hint == ("its headings are: `Headings`, `Intro`, `Code x and bold`, "
                            "`Snake_case and mark`")


def test_a_link_into_the_same_note_to_a_formatted_heading_works(load):
    loaded, links = load("[[#Snake_case *and* ==mark==]] [[#Plan `v2`]]\n\n## Plan `v2`\n"
                         "\n## Snake_case *and* ==mark==\n")
    assert links == []
    html = page_of(loaded, "applications/acme.html")
    for anchor in ("h-plan-v2", "h-snake-case-and-mark"):
        assert f'href="#{anchor}"' in html and f'id="{anchor}"' in html
    assert "no such heading" not in html


def test_a_wikilink_inside_code_is_still_no_link(load):
    _, links = load("Not `a [[Gone]] link`, nor ``[[Gone2]]``.\n")
    assert links == []
