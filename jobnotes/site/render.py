"""The Jinja environment: shipped templates, per-vault overrides, filters, and template
errors turned into findings (file and line) instead of tracebacks."""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable, Iterator, MutableMapping, Sequence
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Any

import jinja2
import markupsafe

import jobnotes
from jobnotes.diagnostics import Diagnostic, error
from jobnotes.errors import BuildError
from jobnotes.model import Vault
from jobnotes.site.pages import Page

STATIC_DIR = "static"


def shipped_templates() -> Path:
    """The templates installed with the package, or the repository's when run from source."""
    package = Path(jobnotes.__file__).resolve().parent
    installed = package / "site-templates"
    return installed if installed.is_dir() else package.parent / "site-templates"


def template_dirs(vault: Vault) -> list[Path]:
    """Where templates are looked up, first match wins: the vault's overrides, then ours."""
    dirs = []
    override = vault.root / vault.settings.folders.site_templates
    if override.is_dir():
        dirs.append(override)
    dirs.append(shipped_templates())
    return dirs


# --- filters -----------------------------------------------------------------------------

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def day(value: date | None) -> str:
    """``5 Mar 2024``."""
    if value is None:
        return "—"
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def long_day(value: date) -> str:
    """``Tue 5 Mar 2024``."""
    return f"{_WEEKDAYS[value.weekday()]} {day(value)}"


def ago(value: date | None, today: date) -> str:
    if value is None:
        return ""
    days = (today - value).days
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days == -1:
        return "tomorrow"
    if days < 0:
        return f"in {-days} days"
    if days < 14:
        return f"{days} days ago"
    if days < 60:
        return f"{days // 7} weeks ago"
    return f"{days // 30} months ago"


def percent(value: float | None) -> str:
    return "—" if value is None else f"{round(value * 100)} %"


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def label(value: str | None) -> str:
    """``direct-outreach`` -> ``Direct outreach``."""
    if not value:
        return ""
    text = value.replace("-", " ").replace("_", " ")
    return text[:1].upper() + text[1:]


FILTERS = {"day": day, "long_day": long_day, "ago": ago, "percent": percent,
           "plural": plural, "label": label}


# --- the environment ---------------------------------------------------------------------
#
# Jinja's defaults cost a site of thousands of pages seconds. Three shortcuts, each giving
# exactly what Jinja's own code gives:
# - ``{{ value }}`` calls ``escape``, which wraps every piece in ``Markup`` only for the page
#   to join them into one string: compiled templates get an ``escape`` that returns the
#   same characters as a plain ``str``;
# - ``a.b`` first tries the attribute, which on a dict (every page context is made of them)
#   raises: a dict key that is not the name of a dict method is looked up directly;
# - each template's globals are a plain dict rather than a ``ChainMap`` over the
#   environment's, which every render and import walks (nothing changes the environment's
#   globals once templates are loaded).

_escape_inner: Callable[[str], str] | None = getattr(markupsafe, "_escape_inner", None)
_DICT_ATTRIBUTES = frozenset(dir(dict))


def _escape_text(value: object) -> str:
    """``markupsafe.escape(value)`` as a plain ``str``."""
    if type(value) is str:
        return _escape_inner(value)  # type: ignore[misc]
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return _escape_inner(str(value))  # type: ignore[misc]


class _Template(jinja2.Template):
    @classmethod
    def _from_namespace(cls, environment: jinja2.Environment, namespace: Any,
                        globals: Any) -> Any:
        # Compiled template code only outputs what ``escape`` returns. (Without
        # ``_escape_inner``, an older MarkupSafe, its ``escape`` is fast already.)
        if _escape_inner is not None and "escape" in namespace:
            namespace["escape"] = _escape_text
        return super()._from_namespace(environment, namespace, globals)


class _Environment(jinja2.Environment):
    template_class = _Template

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        # jinja2.Environment.getattr, without the cost of calling it
        try:
            return getattr(obj, attribute)
        except AttributeError:
            pass
        try:
            return obj[attribute]
        except (TypeError, LookupError, AttributeError):
            return self.undefined(obj=obj, name=attribute)

    def make_globals(self, d: MutableMapping[str, Any] | None) -> Any:
        return {**self.globals, **(d or {})}


def make_environment(dirs: Sequence[Path], *, compiled: Path | None = None,
                     auto_reload: bool = True) -> jinja2.Environment:
    """The Jinja environment; ``compiled``: a folder where compiled templates are kept
    between builds (Jinja checks each against its source before using it).
    ``auto_reload=False``: templates are read once and not checked for changes again
    (what a single build wants: the check costs a few stat calls per page)."""
    bytecode = None
    if compiled is not None:
        try:
            compiled.mkdir(parents=True, exist_ok=True)
            bytecode = jinja2.FileSystemBytecodeCache(str(compiled))
        except OSError:
            bytecode = None
    env = _Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in dirs]),
        bytecode_cache=bytecode,
        autoescape=jinja2.select_autoescape(("html", "htm", "xml", "svg"),
                                            default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=auto_reload,
    )
    env.filters.update(FILTERS)
    return env


# --- rendering -----------------------------------------------------------------------------

def render_pages(env: jinja2.Environment, pages: Iterable[Page], dirs: Sequence[Path],
                 vault_root: Path, *,
                 progress: Callable[[int, int], None] | None = None) -> dict[str, bytes]:
    """Render every page in memory. A template error raises BuildError with a [template]
    finding naming the template file and line. ``progress(done, total)`` is told every
    hundred pages."""
    files: dict[str, bytes] = {}
    pages = list(pages)
    for n, page in enumerate(pages, start=1):
        try:
            html = env.get_template(page.template).render(page.context)
        except Exception as exc:   # any template failure becomes a finding
            raise _failed(exc, page, dirs, vault_root) from exc
        files[page.path] = html.encode("utf-8")
        if progress is not None and (n % 100 == 0 or n == len(pages)):
            progress(n, len(pages))
    return files


# Template output pieces joined and encoded at a time by ``render_in_pieces``.
PIECE_FRAGMENTS = 4096


def render_in_pieces(env: jinja2.Environment, page: Page, dirs: Sequence[Path],
                     vault_root: Path) -> Iterator[bytes]:
    """``page`` as UTF-8, in pieces of a few thousand template outputs, so a page is
    written as it is made: the applications table of 10,000 notes is 14 MB, and the small
    strings it is made of took several times that while held whole. Most pages are one
    piece. Raises BuildError like ``render_pages``, at the piece that fails."""
    try:
        fragments = env.get_template(page.template).generate(page.context)
        while batch := list(islice(fragments, PIECE_FRAGMENTS)):
            yield "".join(batch).encode("utf-8")
    except Exception as exc:   # any template failure becomes a finding
        raise _failed(exc, page, dirs, vault_root) from exc


def _failed(exc: Exception, page: Page, dirs: Sequence[Path], vault_root: Path) -> BuildError:
    finding = template_diagnostic(exc, page.template, dirs, vault_root)
    return BuildError(f"The site could not be built: {finding.as_text()}", [finding])


def static_files(dirs: Sequence[Path]) -> dict[str, bytes]:
    """``static/`` of every template folder; a vault's file replaces ours of the same name."""
    files: dict[str, bytes] = {}
    for folder in reversed(dirs):
        static = folder / STATIC_DIR
        if not static.is_dir():
            continue
        for path in sorted(static.rglob("*")):
            rel = path.relative_to(static)
            if path.is_file() and not any(part.startswith(".") for part in rel.parts):
                files[f"{STATIC_DIR}/{rel.as_posix()}"] = path.read_bytes()
    return files


def _display_path(filename: str | None, name: str, vault_root: Path) -> str:
    if not filename:
        return name
    path = Path(filename).resolve()
    try:
        return path.relative_to(vault_root.resolve()).as_posix()
    except ValueError:
        return str(path)


def _template_frame(exc: BaseException, dirs: Sequence[Path]) -> tuple[str | None, int]:
    """The innermost traceback frame that is template code: (file, template line)."""
    roots = [d.resolve() for d in dirs]
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        path = Path(frame.filename)
        if path.suffix and any(path.resolve().is_relative_to(r) for r in roots):
            return frame.filename, frame.lineno or 0
    return None, 0


def template_diagnostic(exc: BaseException, template: str, dirs: Sequence[Path],
                        vault_root: Path) -> Diagnostic:
    """A [template] finding for a template that failed to compile or render."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        filename, line = exc.filename, exc.lineno or 0
        message = f"template syntax error: {exc.message}"
    elif isinstance(exc, jinja2.TemplateNotFound):
        filename, line = None, 0
        message = f"template not found: {exc.name}"
        template = exc.name if isinstance(exc.name, str) else template
    else:
        filename, line = _template_frame(exc, dirs)
        kind = "undefined value" if isinstance(exc, jinja2.UndefinedError) else "template error"
        message = f"{kind} while rendering {template}: {exc}"
    path = _display_path(filename, template, vault_root)
    return error(path, line, 0, "template", message,
                 "Fix the template, or delete the override to use the built-in one.")
