"""Vault -> static site: collect pages, render them in memory, write them all at once.

``build_vault`` is what ``jobnotes build`` runs: read the vault (notes unchanged since an
earlier build come from the cache), render, and write only the files whose content
changed; when nothing the build reads has changed and the output folder is as it was
left, it does nothing at all. ``build_site`` builds an already loaded vault.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jobnotes import gcpolicy
from jobnotes.diagnostics import Diagnostic, Severity, sort_diagnostics
from jobnotes.site import output
from jobnotes.site.own_files import aside_reason

if TYPE_CHECKING:
    from jinja2 import Environment

    from jobnotes.cache import NoteStore
    from jobnotes.model import Vault
    from jobnotes.settings import Settings
    from jobnotes.site import pages
    from jobnotes.site.bodies import RenderStore

Progress = Callable[[str, int, int], None]      # (stage, done so far, in all)
RENDERS_FILE = "bodies.pickle"                   # rendered note bodies, in the cache folder
SECOND_RENDERS_FILE = "bodies-2.pickle"          # those a build's second process kept


@dataclass(slots=True)
class RenderedSite:
    files: dict[str, bytes]     # output path -> bytes, pages and static assets
    pages: int                  # how many HTML pages
    # What the pages were made from (its ``analysis`` holds the figures they show).
    site: pages.SiteData | None = None


@dataclass(slots=True)
class BuildResult:
    out: Path
    pages: int
    diagnostics: list[Diagnostic]
    # Where a foreign folder at ``out`` was moved (only with force), so the user can be told.
    moved_aside: Path | None = None
    files: list[str] = field(default_factory=list)
    # What the notes say, as ``check`` reports it (before any redaction), and how many
    # files were read; filled in by ``build_vault``.
    findings: list[Diagnostic] = field(default_factory=list)
    files_checked: int = 0
    refused: bool = False       # --strict and the notes have findings: nothing was built
    unchanged: bool = False     # nothing had changed: the site was left as it was
    # The user's own files found in the old site: carried over into the new one, or
    # (clashes) at a path a page now takes, kept in the old folder at ``moved_aside``.
    yours: list[str] = field(default_factory=list)
    clashes: list[str] = field(default_factory=list)
    # Why the previous site was kept at ``moved_aside`` (its path follows), if it was
    # for the user's files' sake (see ``site.own_files.aside_reason``).
    aside_reason: str | None = None


def default_output(vault: Vault) -> Path:
    return vault.root / vault.settings.folders.output


def render_site(vault: Vault, *, template_dirs: Sequence[Path] | None = None,
                progress: Progress | None = None, renders: RenderStore | None = None,
                compiled: Path | None = None, environment: Environment | None = None,
                ) -> RenderedSite:
    """Every file of the site, in memory. Raises BuildError on a template error.

    ``renders``: note bodies rendered by earlier builds, reused where still right;
    ``compiled``: a folder keeping compiled templates between builds; ``environment``:
    the Jinja environment of an earlier build with the same ``template_dirs``."""
    from jobnotes.site import pages, render  # the heavy part: imported when a build renders

    dirs = list(template_dirs) if template_dirs is not None else render.template_dirs(vault)
    env = environment or render.make_environment(dirs, compiled=compiled)
    site = pages.SiteData.of(vault)
    site.renders = renders
    collected = [*pages.collect(vault, site), *_obsidian_pages(vault, site)]
    told = None if progress is None else (
        lambda done, total: progress("Rendering pages", done, total))
    files = render.render_pages(env, collected, dirs, vault.root, progress=told)
    files.update(render.static_files(dirs))
    files.update(_attachments(vault))
    return RenderedSite(files, len(collected), site)


def _obsidian_pages(vault: Vault, site: pages.SiteData) -> list[pages.Page]:
    """Plain pages for other notes that something links to, and the tag pages."""
    from jobnotes.site import notes_pages

    return notes_pages.collect(vault, site)


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
    folders = vault.settings.folders
    output.check_output(out, vault.root, force=force, folders=folders)
    site = render_site(vault, template_dirs=template_dirs)
    writer = output.write_site(site.files, out, vault.root, force=force, folders=folders)
    return BuildResult(out, site.pages, list(vault.diagnostics), writer.moved_aside,
                       sorted(site.files), yours=writer.yours, clashes=writer.clashes,
                       aside_reason=aside_reason(writer.carried, out))


# --- jobnotes build --------------------------------------------------------------------------

def refuses(findings: list[Diagnostic]) -> bool:
    """Whether ``--strict`` refuses to build with these findings (errors or warnings)."""
    return any(d.severity in (Severity.ERROR, Severity.WARNING) for d in findings)


def build_vault(root: Path, out: Path | None = None, *, today: date, force: bool = False,
                strict: bool = False, redact: bool = False, use_cache: bool | None = None,
                progress: Progress | None = None) -> BuildResult:
    """``jobnotes build``: read, check and build the vault at ``root`` into ``out``.

    With the cache (on unless ``use_cache`` is False or ``JOBNOTES_CACHE=off``), notes
    unchanged since an earlier build are not parsed again, only changed files are
    written, and a rebuild with nothing changed leaves the site as it is. With
    ``strict``, a vault with errors or warnings is not built (``refused``). Raises
    UsageError for an unsafe output folder and BuildError when a template fails, leaving
    the previous site intact.
    """
    with gcpolicy.bulk_work():
        return _build_vault(root, out, today=today, force=force, strict=strict, redact=redact,
                            use_cache=use_cache, progress=progress)


def _build_vault(root: Path, out: Path | None, *, today: date, force: bool, strict: bool,
                 redact: bool, use_cache: bool | None, progress: Progress | None
                 ) -> BuildResult:
    from jobnotes import cache
    from jobnotes.forked import in_background
    from jobnotes.settings import load_settings

    # What the skills vocabulary would say about the settings is only needed once there
    # is something to build.
    settings, settings_findings = load_settings(root, skill_checks=False)
    out = out if out is not None else root / settings.folders.output
    output.check_output(out, root, force=force, folders=settings.folders)
    folder = cache.vault_folder(root) if cache.enabled(use_cache) else None
    if folder is None:
        settings_findings = load_settings(root)[1]
        return _build(root, out, today, settings, settings_findings, force=force,
                      strict=strict, redact=redact, progress=progress)[0]
    from jobnotes.site import incremental

    cache.touch_and_prune(folder)
    from jobnotes.obsidian.appconfig import soft_breaks

    # Obsidian's line-break setting is read from outside the notes: a change to it
    # makes pages differ while no note did.
    inputs = cache.text_digest(today, redact, os.path.realpath(out), repr(settings),
                               soft_breaks(root))
    # The output folder is listed, and compared with what the last build wrote, by a
    # second process while this one lists the vault: both mostly wait on the system, and
    # a rebuild with nothing to do is little else.
    compared = (in_background(functools.partial(incremental.check_output, folder, out))
                if output.is_ours(out) else None)
    snapshot = cache.vault_snapshot(root, settings, skip=[out])
    record = incremental.load_record(folder, out)
    check = compared() if compared is not None else None
    if incremental.unchanged(record, inputs, snapshot, check):
        assert record is not None and record.outcome is not None
        kept = record.outcome
        return BuildResult(out, kept.pages, kept.diagnostics, None, list(kept.files),
                           findings=kept.diagnostics, files_checked=kept.files_checked,
                           refused=strict and refuses(kept.diagnostics), unchanged=True)
    from jobnotes.site.bodies import RenderStore

    previous, stamps = incremental.previous_output(folder, out, record, check)
    settings_findings = load_settings(root)[1]
    store = cache.NoteStore(folder, cache.text_digest(repr(settings)), today=today)
    renders = RenderStore(_kept_bodies(folder), save_to=cache.PartsFile(
        folder / RENDERS_FILE, cache.code_fingerprint()))
    try:
        result, digests = _build(
            root, out, today, settings, settings_findings, force=force, strict=strict,
            redact=redact, progress=progress, store=store,
            previous=previous, stamps=stamps,
            renders=renders, compiled=_compiled_folder(folder),
            second_renders=folder / SECOND_RENDERS_FILE)
    except BaseException:
        renders.discard()
        raise
    finally:
        store.save()        # the notes were read even when a template then failed
    from jobnotes.check import check_inputs, remember_check

    # What a check of these files reports: the next one (in a pre-commit hook, say) need
    # not read the notes again.
    remember_check(folder, check_inputs(today, settings), snapshot, result.findings,
                   result.files_checked)
    if result.refused:
        renders.discard()
        return result
    renders.finish()
    written = _written(out, result.files + result.yours, digests)
    outcome = incremental.Outcome(result.pages, result.files, result.findings,
                                  result.files_checked)
    incremental.save_record(folder, out, incremental.Record(
        inputs, snapshot.kept(), written, outcome))
    return result


def _build(root: Path, out: Path, today: date, settings: Settings,
           settings_findings: list[Diagnostic], *, force: bool, strict: bool, redact: bool,
           progress: Progress | None, store: NoteStore | None = None,
           previous: dict[str, str] | None = None,
           stamps: dict[str, tuple[int, int, int]] | None = None,
           renders: RenderStore | None = None, compiled: Path | None = None,
           second_renders: Path | None = None) -> tuple[BuildResult, dict[str, str]]:
    """The build itself; also the digest of every file written."""
    from jobnotes.load import load_vault

    told = None if progress is None else (
        lambda done, total: progress("Reading notes", done, total))
    vault = load_vault(root, today=today, settings=settings,
                       settings_diagnostics=settings_findings, store=store, progress=told)
    if store is not None:
        store.close()       # saved now, and its copies of the notes freed for the pages
    gcpolicy.settled()
    findings = sort_diagnostics(vault.diagnostics)
    if strict and refuses(findings):
        return BuildResult(out, 0, findings, findings=findings,
                           files_checked=vault.files_checked, refused=True), {}
    if redact:
        from jobnotes.interop.redact import redact_vault

        vault = redact_vault(vault)
    from jobnotes.site.stream import stream_site

    told = None if progress is None else (
        lambda done, total: progress("Rendering pages", done, total))
    with output.SiteWriter(out, root, force=force, unchanged=previous or {},
                           stamps=stamps, folders=settings.folders) as writer:
        written = stream_site(vault, writer, bodies=renders, compiled=compiled, progress=told,
                              second_bodies=second_renders)
    return BuildResult(out, written.pages, list(vault.diagnostics), writer.moved_aside,
                       sorted(written.digests), findings=findings,
                       files_checked=vault.files_checked, yours=writer.yours,
                       clashes=writer.clashes, aside_reason=aside_reason(writer.carried, out)
                       ), written.digests


def _kept_bodies(folder: Path) -> dict[Any, Any]:
    """The bodies earlier builds kept, by both processes of a two-process build."""
    from jobnotes import cache

    kept: dict[Any, Any] = {}
    for name in (SECOND_RENDERS_FILE, RENDERS_FILE):
        kept.update(cache.read_parts(folder / name, cache.code_fingerprint()) or {})
    return kept


def _compiled_folder(folder: Path) -> Path:
    """Where compiled templates are kept (shared by every vault); the folders in which
    earlier versions kept them for this vault alone are removed."""
    import shutil

    from jobnotes import cache

    for old in folder.glob("templates-*"):
        shutil.rmtree(old, ignore_errors=True)
    return cache.compiled_templates()


def _written(out: Path, files: list[str], digests: dict[str, str]
             ) -> dict[str, tuple[str, tuple[int, int, int]]]:
    from jobnotes.site import incremental

    state = incremental.output_state(out) or {}
    written = {rel: (digests.get(rel, ""), state[rel]) for rel in files if rel in state}
    if output.MARKER in state:
        written[output.MARKER] = ("", state[output.MARKER])
    return written
