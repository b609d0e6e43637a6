"""Compiled templates are kept once for every vault: the first build of a second vault,
and serve, do not compile them again; a vault's own template of the same name, or a
template that changed, is never taken for another."""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner

from jobnotes import cache
from jobnotes.cli import main
from tests.conftest import APPLIED_NOTE, running_serve, write_vault

NOTE = {"applications/acme.md": APPLIED_NOTE}


def build(root: Path) -> str:
    result = CliRunner().invoke(main, ["build", str(root), "--today", "2026-11-27"])
    assert result.exit_code == 0, result.output
    return (root / "_site" / "applications" / "acme.html").read_text(encoding="utf-8")


def compiled_files() -> dict[str, int]:
    folder = cache.compiled_templates()
    return {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} if folder.is_dir() else {}


def test_a_second_vault_uses_the_templates_the_first_compiled(tmp_path):
    build(write_vault(tmp_path / "one", NOTE))
    first = compiled_files()
    assert len(first) >= 10                      # every page template of the site
    build(write_vault(tmp_path / "two", NOTE))
    assert compiled_files() == first             # none compiled (or written) again


def test_a_vault_s_own_template_is_never_taken_for_the_shipped_one(tmp_path):
    plain = write_vault(tmp_path / "plain", NOTE)
    own = write_vault(tmp_path / "own", {**NOTE, "site-templates/application.html": (
        '{% extends "base.html" %}{% block content %}<p>MINE</p>{% endblock %}')})
    assert "MINE" not in build(plain)
    assert "MINE" in build(own)
    assert "MINE" not in build(plain)
    # The vault's template changed: compiled again, never the old one.
    template = own / "site-templates" / "application.html"
    template.write_text(template.read_text().replace("MINE", "CHANGED"))
    os.utime(template, ns=(1, 1))            # even with an old time, its text tells
    page = build(own)
    assert "CHANGED" in page and "MINE" not in page


def test_serve_keeps_its_compiled_templates_with_the_builds(tmp_path):
    root = write_vault(tmp_path / "vault", NOTE)
    with running_serve(root):
        pass
    served = compiled_files()
    assert served
    build(root)
    assert set(served) <= set(compiled_files())
