"""The site of an Obsidian vault: pages for linked notes only, tag pages, attachments
copied only when used, every local link leading to a file that exists, and a vault of
thousands of unrelated notes costing (almost) nothing."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urldefrag

import pytest

from jobnotes.build import build_site, render_site
from jobnotes.load import load_vault

TODAY = date(2024, 3, 14)
PNG = b"\x89PNG\r\n\x1a\n0000"


def app(company: str, body: str = "", extra: str = "") -> str:
    return f"---\ncompany: {company}\nrole: Analyst\nstatus: wishlist\n{extra}---\n{body}"


VAULT: dict[str, str | bytes] = {
    "applications/acme.md": app(
        "Acme", "Read [[Company Research]] and [[Interview Prep#Questions]].\n\n"
        "![[logo.png|120]] ![[Snippet]]\n\n## Post-mortem\nWork on #improve/sql, "
        "not #123.\n", extra="tags: [remote, Improve/SQL]\n"),
    "applications/globex.md": app("Globex", "Also [[Company Research]]. #strength/python\n"),
    "people/Jane Doe.md": "---\ncompany: Acme\nrole: recruiter\ntags: [mentor]\n---\n"
                          "Met at #meetup.\n",
    "notes/Company Research.md": "---\ntags: [research]\n---\n# Research\n"
                                 "See [[Unlinked]] and [[Jane Doe]]. #company\n"
                                 "![[diagram.png]]\n",
    "notes/Interview Prep.md": "## Questions\n- Why us?\n",
    "notes/Snippet.md": "Embedded words #from-embed\n",
    "notes/Unlinked.md": "Never published.\n",
    "Journal/2024-01-01.md": "Private diary.\n",
    "assets/logo.png": PNG,
    "assets/diagram.png": PNG,
    "assets/unused.png": PNG,
    "evil.html": "<script>alert(1)</script>",
}


@pytest.fixture
def built(vault) -> dict[str, bytes]:
    root = vault(VAULT)
    return render_site(load_vault(root, today=TODAY)).files


def page(files: dict[str, bytes], path: str) -> str:
    return files[path].decode()


def test_only_linked_notes_get_pages(built):
    notes = sorted(p for p in built if p.startswith("notes/"))
    assert notes == ["notes/company-research.html", "notes/interview-prep.html",
                     "notes/snippet.html"]
    assert not any("unlinked" in p or "journal" in p.lower() for p in built)
    research = page(built, "notes/company-research.html")
    assert "<h1>Company Research</h1>" in research
    assert 'href="../applications/acme.html">Acme — Analyst</a>' in research   # linked from
    assert 'href="../applications/globex.html">Globex — Analyst</a>' in research
    assert '<span class="wikilink unresolved unpublished"' in research         # [[Unlinked]]
    assert 'href="../people/jane-doe.html"' in research
    assert "<title>Company Research ·" in research


def test_attachments_copied_only_when_used(built):
    attachments = sorted(p for p in built if p.startswith("attachments/"))
    assert attachments == ["attachments/assets/diagram.png", "attachments/assets/logo.png"]
    assert built["attachments/assets/logo.png"] == PNG
    assert not any(p.endswith(".html") and "evil" in p for p in built)


def test_tag_pages_merge_inline_tags_and_the_property(built):
    sql = page(built, "tags/improve/sql.html")
    # "Improve/SQL" (property) and "#improve/sql" (inline) are one tag, as first written.
    assert "<h1>#Improve/SQL</h1>" in sql and 'href="../../applications/acme.html"' in sql
    assert "1 note" in sql
    improve = page(built, "tags/improve.html")
    assert 'href="../tags/improve/sql.html">#Improve/SQL</a>' in improve     # sub-tag
    assert "in a sub-tag" in improve
    remote = page(built, "tags/remote.html")                          # property only
    assert 'href="../applications/acme.html"' in remote
    for tag in ("strength/python", "meetup", "mentor", "research", "company", "from-embed"):
        assert f"tags/{tag}.html" in built, tag
    assert "tags/123.html" not in built
    index = page(built, "tags/index.html")
    assert 'href="../tags/improve/sql.html">#Improve/SQL</a>' in index
    acme = page(built, "applications/acme.html")
    assert '<a class="tag" href="../tags/improve/sql.html"' in acme
    assert '<a class="tag" href="../tags/from-embed.html"' in acme    # shown through the embed
    assert "not #123." in acme


def test_every_local_link_and_image_exists(built):
    for path, data in built.items():
        if not path.endswith(".html"):
            continue
        html = data.decode()
        for url in re.findall(r'(?:href|src)="([^"]+)"', html):
            if re.match(r"[a-z]+:", url) or url.startswith("#"):
                continue
            target = urldefrag(unquote(url))[0]
            resolved = Path(path).parent.joinpath(target).as_posix()
            parts: list[str] = []
            for part in resolved.split("/"):
                if part == "..":
                    parts.pop()
                elif part not in ("", "."):
                    parts.append(part)
            assert "/".join(parts) in built, f"{path} links to missing {url}"


def test_anchors_of_links_exist_on_their_pages(built):
    acme = page(built, "applications/acme.html")
    assert 'href="../notes/interview-prep.html#h-questions"' in acme
    assert 'id="h-questions"' in page(built, "notes/interview-prep.html")


def test_build_writes_attachments(vault, tmp_path):
    root = vault(VAULT)
    result = build_site(load_vault(root, today=TODAY), tmp_path / "out")
    assert (result.out / "attachments/assets/logo.png").read_bytes() == PNG
    assert (result.out / "static/obsidian.css").is_file()
    assert not (result.out / "attachments/assets/unused.png").exists()


def test_unrelated_notes_are_never_read(vault, monkeypatch):
    root = vault(VAULT)
    read: list[str] = []
    original = Path.read_bytes

    def spy(self: Path) -> bytes:
        read.append(self.as_posix())
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", spy)
    render_site(load_vault(root, today=TODAY))
    assert not any("Unlinked" in p or "Journal" in p or "unused" in p for p in read)
    assert any(p.endswith("Company Research.md") for p in read)


# --- a big vault ------------------------------------------------------------------------------

def _unrelated(count: int) -> dict[str, str]:
    folders = ("Journal", "Reading", "Projects", "Areas/Health", "Zettelkasten")
    files = {}
    for n in range(count):
        folder = folders[n % len(folders)]
        files[f"{folder}/Note {n:04d}.md"] = (
            f"---\ntags: [misc]\n---\n# Note {n}\nSee [[Note {(n + 1) % count:04d}]] and "
            f"#topic/{n % 7}.\n\n```\ncode [[Nowhere]]\n```\n" + "Lorem ipsum dolor. " * 20)
    return files


def _applications(count: int, link_into: bool) -> dict[str, str]:
    files = {}
    for n in range(count):
        links = f"Background: [[Note {n * 7:04d}]], ![[Note {n * 7 + 1:04d}]].\n" \
            if link_into else ""
        files[f"applications/company-{n:02d}.md"] = app(
            f"Company {n}", links + "## Notes\nA note with [[Jane Doe]] and #sql.\n")
    files["people/Jane Doe.md"] = "---\ncompany: Acme\nrole: recruiter\n---\nHi.\n"
    return files



def test_two_thousand_unrelated_notes_cost_little(tmp_path):
    from tests.conftest import write_vault

    small = write_vault(tmp_path / "small", _applications(30, link_into=False))
    big = write_vault(tmp_path / "big", {**_unrelated(2000), **_applications(30, True)})
    loaded = load_vault(big, today=TODAY)
    files = render_site(loaded).files
    notes = [p for p in files if p.startswith("notes/")]
    assert len(notes) == 60                        # the linked ones, nothing else
    assert loaded.diagnostics == []
    small_files = render_site(load_vault(small, today=TODAY)).files
    # The 2,000 unrelated notes add no page; their cost is measured in bench/, not here.
    extra = set(files) - set(small_files)
    assert all(p.startswith(("notes/", "tags/", "static/")) for p in extra), extra


SIZED = ("A ![[missing.pdf|300]] B ![[gone.png|300x200]] C ![[cv.pdf|300]] "
         "D ![[photo.png|300x200]] E ![[photo.png|120]] F ![[photo.png|Team|64]] "
         "G ![[page.html|300]]\n")


def test_embeds_with_a_size_show_the_file_name_not_the_size(vault):
    root = vault({"applications/acme.md": app("Acme", SIZED), "assets/photo.png": PNG,
                  "assets/cv.pdf": b"%PDF-1.4", "page.html": "<p>x</p>"})
    html = page(render_site(load_vault(root, today=TODAY)).files, "applications/acme.html")
    # Missing files: shown by name, marked as leading nowhere.
    assert '<span class="wikilink unresolved embed">missing.pdf</span>' in html
    assert '<span class="wikilink unresolved embed">gone.png</span>' in html
    # A present document: a link named after the file.
    assert re.search(r'<a class="embed-file" href="\.\./attachments/assets/cv\.pdf"[^>]*>'
                     r"cv\.pdf</a>", html)
    # Present images: the size sets the dimensions, the file name is the alt text.
    assert ('<img class="embed-image" src="../attachments/assets/photo.png" alt="photo.png" '
            'width="300" height="200" loading="lazy">') in html
    assert 'alt="photo.png" width="120" loading="lazy">' in html
    assert 'alt="Team" width="64" loading="lazy">' in html
    # A file the site never copies: named, not sized.
    assert re.search(r'<span class="wikilink unresolved embed unpublished"[^>]*>page\.html'
                     r"</span>", html)
    for size in ("300", "300x200", "120", "64"):
        assert f">{size}<" not in html and f'alt="{size}"' not in html


def test_a_missing_sized_embed_is_reported_as_written(vault):
    root = vault({"applications/acme.md": app("Acme", "![[missing.pdf|300]]\n")})
    messages = [d.message for d in load_vault(root, today=TODAY).diagnostics]
    assert "![[missing.pdf|300]] links to a file that is not in the vault" in messages


def test_a_note_starting_with_its_own_title_shows_it_once(vault):
    root = vault({
        "applications/acme.md": app("Acme", "See [[Weekly Review]], [[Plan]], [[Once#Once]] and "
                                    "[[Weekly Review#Weekly  review]].\n"),
        "notes/Weekly Review.md": "---\ntags: [x]\n---\n\n#  weekly   REVIEW\n\nBody text.\n\n"
                                  "# Weekly Review\n\nA second one stays.\n",
        "notes/Plan.md": "# The plan\n\nSteps.\n",
        "notes/Once.md": "# Once\n\nOnly the page heading shows it.\n",
    })
    files = render_site(load_vault(root, today=TODAY)).files
    review = page(files, "notes/weekly-review.html")
    assert review.count("<h1") == 2             # the page's, and the body's second heading
    assert review.count('id="h-weekly-review"') == 1
    assert "Body text." in review and "A second one stays." in review
    main = review.split('class="card prose"', 1)[1]
    assert main.index("Body text.") < main.index("<h1")
    plan = page(files, "notes/plan.html")       # a different heading is kept
    once = page(files, "notes/once.html")
    assert once.count("<h1") == 1 and '<h1 id="h-once">Once</h1>' in once  # anchors land
    assert plan.count("<h1") == 2 and ">The plan</h1>" in plan
