"""Vault -> static site: collect pages, render them in memory, write them all at once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from jobnotes.diagnostics import Diagnostic
from jobnotes.model import Vault
from jobnotes.site import output, pages, render


@dataclass(slots=True)
class RenderedSite:
    files: dict[str, bytes]     # output path -> bytes, pages and static assets
    pages: int                  # how many HTML pages


@dataclass(slots=True)
class BuildResult:
    out: Path
    pages: int
    diagnostics: list[Diagnostic]
    # Where a foreign folder at ``out`` was moved (only with force), so the user can be told.
    moved_aside: Path | None = None
    files: list[str] = field(default_factory=list)


def default_output(vault: Vault) -> Path:
    return vault.root / vault.settings.folders.output


def render_site(vault: Vault, *, template_dirs: Sequence[Path] | None = None) -> RenderedSite:
    """Every file of the site, in memory. Raises BuildError on a template error."""
    dirs = list(template_dirs) if template_dirs is not None else render.template_dirs(vault)
    env = render.make_environment(dirs)
    collected = [*pages.collect(vault), *_obsidian_pages(vault)]
    files = render.render_pages(env, collected, dirs, vault.root)
    files.update(render.static_files(dirs))
    files.update(_attachments(vault))
    return RenderedSite(files, len(collected))


def _obsidian_pages(vault: Vault) -> list[pages.Page]:
    """Plain pages for other notes that something links to, and the tag pages."""
    from jobnotes.site import notes_pages

    return notes_pages.collect(vault)


def _attachments(vault: Vault) -> dict[str, bytes]:
    """The files the rendered pages embed or link (recorded while they rendered)."""
    from jobnotes.obsidian.attachments import site_files
    from jobnotes.obsidian.graph import graph_of

    return site_files(vault.root, graph_of(vault).used)


def build_site(vault: Vault, out: Path | None = None, *, force: bool = False,
               template_dirs: Sequence[Path] | None = None) -> BuildResult:
    """Build the site of ``vault`` into ``out`` (default ``<vault>/_site``).

    Raises UsageError for an unsafe output folder (checked before any work) and
    BuildError when a template fails; in both cases the previous site is left intact.
    """
    out = out if out is not None else default_output(vault)
    output.check_output(out, vault.root, force=force)
    site = render_site(vault, template_dirs=template_dirs)
    moved = output.write_site(site.files, out, vault.root, force=force)
    return BuildResult(out, site.pages, list(vault.diagnostics), moved, sorted(site.files))
