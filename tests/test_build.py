"""The build pipeline end to end: files on disk, relative links, overrides, template errors."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import hash_tree, write_vault
from test_pages import sample_vault

from jobnotes.build import build_site
from jobnotes.errors import BuildError, UsageError
from jobnotes.site.output import MARKER

# Pages every site has (the navigation's) and the note pages of the sample vault; the
# site may hold more (tag pages, linked notes), and every one of them is checked below.
NAV = ["index.html", "applications/index.html", "postmortems.html", "skills.html",
       "channels.html", "people/index.html", "problems.html"]
PAGES = [*NAV, "applications/acme-analyst.html", "applications/globex-backend.html",
         "applications/evil.html", "people/jane-doe.html", "people/bob-roe.html"]
EXPECTED = [*PAGES, "static/style.css", "static/pages.css", "static/charts.css",
            "static/site.js", MARKER]


class LinkCollector(HTMLParser):
    """Every URL-bearing attribute of a page: (tag, attribute, value)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src", "action", "poster", "data") and value is not None:
                self.urls.append((tag, name, value))


def urls_of(path: Path) -> list[tuple[str, str, str]]:
    parser = LinkCollector()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.urls


@pytest.fixture
def vault_root(tmp_path: Path) -> Path:
    return write_vault(tmp_path / "vault", {"jobnotes.toml": ""})


def test_build_writes_every_page_into_the_default_folder(vault_root: Path):
    result = build_site(sample_vault(vault_root))
    out = vault_root / "_site"
    assert result.out == out
    assert result.pages == sum(1 for f in result.files if f.endswith(".html"))
    assert [d.rule for d in result.diagnostics] == ["date", "channel"]
    for rel in EXPECTED:
        assert (out / rel).is_file(), rel


def test_build_is_deterministic(vault_root: Path, tmp_path: Path):
    build_site(sample_vault(vault_root), tmp_path / "one")
    build_site(sample_vault(vault_root), tmp_path / "two")
    assert hash_tree(tmp_path / "one") == hash_tree(tmp_path / "two")


def test_every_link_is_relative_and_resolves_to_a_built_file(vault_root: Path):
    build_site(sample_vault(vault_root))
    out = vault_root / "_site"
    pages = sorted(out.rglob("*.html"))
    assert set(PAGES) <= {p.relative_to(out).as_posix() for p in pages}
    for page in pages:
        for tag, attr, url in urls_of(page):
            parts = urlsplit(url)
            if parts.scheme in ("http", "https", "mailto"):
                assert tag == "a" and attr == "href", (page, url)   # links out, never loads
                continue
            assert not parts.scheme and not parts.netloc, (page, url)
            assert not url.startswith("/"), (page, url)
            if not parts.path:
                continue                                   # "#anchor" on the same page
            target = (page.parent / unquote(parts.path)).resolve()
            assert target.is_file(), f"{page.relative_to(out)}: {url} -> missing"
            assert target.is_relative_to(out.resolve()), (page, url)
            assert not url.endswith("/"), (page, url)      # never a bare folder


def test_nothing_is_loaded_from_elsewhere(vault_root: Path):
    build_site(sample_vault(vault_root))
    for page in (vault_root / "_site").rglob("*.html"):
        html = page.read_text()
        assert "src=\"http" not in html and "src='http" not in html
        assert "@import" not in html
    css = (vault_root / "_site/static/style.css").read_text()
    assert "url(" not in css and "@import" not in css


def test_vault_override_template_is_used(vault_root: Path):
    write_vault(vault_root, {
        "site-templates/problems.html":
            '{% extends "base.html" %}{% block content %}<p id="mine">'
            "{{ groups | length }} files with findings</p>{% endblock %}",
        "site-templates/static/extra.css": "body{}",
    })
    build_site(sample_vault(vault_root))
    out = vault_root / "_site"
    problems = (out / "problems.html").read_text()
    assert '<p id="mine">2 files with findings</p>' in problems
    assert "Content-Security-Policy" in problems           # the shipped base.html still used
    assert (out / "static/extra.css").read_text() == "body{}"
    assert (out / "static/style.css").is_file()
    assert 'id="mine"' not in (out / "index.html").read_text()


def test_broken_override_is_a_template_finding_and_keeps_the_previous_site(vault_root: Path):
    vault = sample_vault(vault_root)
    build_site(vault)
    before = hash_tree(vault_root / "_site")
    write_vault(vault_root, {
        "site-templates/dashboard.html":
            '{% extends "base.html" %}\n{% block content %}\n<p>{% if %}</p>\n{% endblock %}\n',
    })
    with pytest.raises(BuildError) as caught:
        build_site(vault)
    [finding] = caught.value.diagnostics
    assert finding.rule == "template"
    assert finding.path == "site-templates/dashboard.html"
    assert finding.line == 3
    assert "site-templates/dashboard.html:3" in str(caught.value)
    assert hash_tree(vault_root / "_site") == before
    assert sorted(p.name for p in vault_root.iterdir()) == [
        "_site", "jobnotes.toml", "site-templates"]


def test_undefined_value_in_override_names_template_and_line(vault_root: Path):
    write_vault(vault_root, {
        "site-templates/person.html":
            '{% extends "base.html" %}\n{% block content %}\n<h1>{{ person.name }}</h1>\n'
            "<p>{{ person.nickname }}</p>\n{% endblock %}\n",
    })
    with pytest.raises(BuildError) as caught:
        build_site(sample_vault(vault_root))
    [finding] = caught.value.diagnostics
    assert (finding.path, finding.line, finding.rule) == ("site-templates/person.html", 4,
                                                          "template")
    assert "nickname" in finding.message
    assert not (vault_root / "_site").exists()


def test_unsafe_output_is_refused_before_anything_is_written(vault_root: Path):
    before = hash_tree(vault_root)
    with pytest.raises(UsageError):
        build_site(sample_vault(vault_root), vault_root)
    with pytest.raises(UsageError):
        build_site(sample_vault(vault_root), vault_root.parent)
    assert hash_tree(vault_root) == before


def test_custom_output_folder_and_template_dirs(vault_root: Path, tmp_path: Path):
    custom = tmp_path / "templates"
    write_vault(custom, {"problems.html": "only {{ problem_total }}"})
    from jobnotes.site.render import shipped_templates

    result = build_site(sample_vault(vault_root), tmp_path / "public",
                        template_dirs=[custom, shipped_templates()])
    assert result.out == tmp_path / "public"
    assert (tmp_path / "public/problems.html").read_text() == "only 2"
    assert not (vault_root / "_site").exists()


def test_empty_vault_builds_a_friendly_site(vault_root: Path):
    from datetime import date

    from jobnotes.model import Vault
    from jobnotes.settings import Settings

    settings = Settings()
    settings.goals.applications = 0
    vault = Vault(root=vault_root, settings=settings, today=date(2024, 3, 14))
    result = build_site(vault)
    html = [f for f in result.files if f.endswith(".html")]
    assert result.pages == len(html) and set(NAV) <= set(html)
    assert not any(f.startswith(("applications/", "people/")) and not f.endswith("index.html")
                   for f in html)                  # no note, no note page
    index = (vault_root / "_site/index.html").read_text()
    assert "Nothing due in the next 7 days." in index and "No problems found" in index
    assert "nothing sent yet" in index and "Wins show up here" in index
    assert "No applications yet" in (vault_root / "_site/applications/index.html").read_text()
