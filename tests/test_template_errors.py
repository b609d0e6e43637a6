"""A broken site template is reported as the user knows the file (``site-templates/x.html``
for an override, ``built-in template x.html`` for ours) with the line to look at."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write_vault
from test_pages import sample_vault

from jobnotes.build import build_site
from jobnotes.diagnostics import Diagnostic
from jobnotes.errors import BuildError
from jobnotes.site import render

BASE = (render.shipped_templates() / "base.html").read_text(encoding="utf-8")
HINT = "delete the override to use the built-in one"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_vault(tmp_path / "vault", {"jobnotes.toml": ""})


# A line of base.html outside any block or loop: the inserted tag stands on its own there.
AT = next(n for n, text in enumerate(BASE.splitlines(), start=1) if text.strip() == "</nav>")


def base_with(line: str, at: int = AT) -> str:
    """The built-in base.html with ``line`` inserted so that it is line ``at``."""
    lines = BASE.splitlines(keepends=True)
    return "".join([*lines[:at - 1], line + "\n", *lines[at - 1:]])


def failed_build(root: Path, files: dict[str, str | bytes]) -> tuple[Diagnostic, str]:
    write_vault(root, files)
    with pytest.raises(BuildError) as caught:
        build_site(sample_vault(root))
    [finding] = caught.value.diagnostics
    assert finding.rule == "template"
    return finding, str(caught.value)


def test_a_template_that_is_not_utf8_is_named_with_the_byte_and_line(root: Path):
    finding, text = failed_build(root, {"site-templates/base.html": b"ok\n\xff\xfe{{ x }}"})
    assert finding.path == "site-templates/base.html"
    assert finding.message == "site-templates/base.html is not UTF-8 text (byte 0xff at line 2)"
    assert "codec" not in text and "dashboard.html" not in text
    assert str(render.shipped_templates()) not in text
    assert HINT in (finding.hint or "")


def test_a_missing_include_names_the_including_template_and_line(root: Path):
    finding, text = failed_build(root, {
        "site-templates/base.html": base_with('{% include "partials/nope.html" %}')})
    assert (finding.path, finding.line) == ("site-templates/base.html", AT)
    assert finding.message == "the template includes partials/nope.html, which does not exist"
    assert f"site-templates/base.html:{AT}: error: the template includes" in text


def test_an_unclosed_if_is_reported_where_it_was_opened(root: Path):
    finding, _ = failed_build(root, {"site-templates/base.html": base_with("{% if x %}")})
    assert (finding.path, finding.line) == ("site-templates/base.html", AT)
    assert finding.message == "this {% if %} is never closed ({% endif %} missing)"


def test_the_innermost_unclosed_block_is_the_one_named(root: Path):
    template = ("{% extends 'base.html' %}\n{% block content %}\n{% set x = 1 %}\n"
                "{% set y %}y{% endset %}\n{% for a in [1] %}\n{% if a %}{% endif %}\n"
                "{# {% if %} #}{% raw %}{% with %}{% endraw %}\n\n")
    finding, _ = failed_build(root, {"site-templates/problems.html": template})
    assert (finding.path, finding.line) == ("site-templates/problems.html", 5)
    assert finding.message == "this {% for %} is never closed ({% endfor %} missing)"


def test_a_failing_built_in_template_is_named_as_such_without_the_override_hint(root: Path):
    # an override of the macros file that lacks the macros the built-in pages call
    finding, text = failed_build(root, {
        "site-templates/_macros.html": "{% macro nothing() %}{% endmacro %}\n"})
    assert finding.path == "built-in template dashboard.html"
    assert finding.line > 0
    assert str(render.shipped_templates()) not in text and "/" not in finding.path
    assert HINT not in (finding.hint or "")
    assert "site-templates/" in (finding.hint or "")


def test_compiling_one_template_names_the_override_as_a_build_does(root: Path):
    """What ``serve`` does to show a broken template at once: the same finding."""
    write_vault(root, {"site-templates/base.html": b"\xff"})
    dirs = [root / "site-templates", render.shipped_templates()]
    env = render.make_environment(dirs)
    with pytest.raises(render.TemplateUnreadable) as caught:
        env.get_template("base.html")
    finding = render.template_diagnostic(caught.value, "base.html", dirs, root)
    assert finding.path == "site-templates/base.html"
    assert finding.message == "site-templates/base.html is not UTF-8 text (byte 0xff at line 1)"


def test_a_syntax_error_in_an_override_keeps_its_line(root: Path):
    finding, _ = failed_build(root, {"site-templates/base.html": base_with("{{ 1 + }}", 10)})
    assert (finding.path, finding.line) == ("site-templates/base.html", 10)
    assert finding.message.startswith("template syntax error:")
    assert HINT in (finding.hint or "")


def test_a_bad_byte_far_into_a_long_template_is_found_on_its_line(root: Path):
    text = ("{# padding #}\n" * 2000).encode() + b"caf\xe9\n"   # far past the first buffer
    finding, _ = failed_build(root, {"site-templates/base.html": text})
    assert finding.message == ("site-templates/base.html is not UTF-8 text "
                               "(byte 0xe9 at line 2001)")
