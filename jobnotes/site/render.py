"""The Jinja environment: shipped templates, per-vault overrides, filters, and template
errors turned into findings (file and line) instead of tracebacks."""

from __future__ import annotations

import math
import re
import traceback
from collections.abc import Callable, Iterable, Iterator, MutableMapping, Sequence
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Any

import jinja2
import markupsafe

import jobnotes
from jobnotes.day_text import MONTH_NAMES, WEEKDAYS, ago, short_day
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

def day(value: date | None) -> str:
    """``5 Mar 2024``: the one way the site writes a date in running text and tables.

    The year is always there: the site's tables and lists span the turn of a year.
    """
    if value is None:
        return "—"
    return short_day(value)


def long_day(value: date) -> str:
    """``Tuesday 5 March 2024``: for a heading or a tooltip, where the weekday helps."""
    return (f"{WEEKDAYS[value.weekday()]} {value.day} "
            f"{MONTH_NAMES[value.month - 1]} {value.year}")


def percent(value: float | None) -> str:
    """A share (0.68) as the site writes every percentage: "68 %".

    A space before the sign, a whole number rounded half up (12.5 % reads "13 %", as the
    charts round), and one decimal only for a share above 0 that would otherwise read
    "0 %" ("0.4 %", or "<0.1 %"). Python code that writes a percentage calls this too.
    """
    if value is None:
        return "—"
    hundredths = round(value * 100, 6)  # 0.145 * 100 is 14.499999999999998
    if 0 < hundredths < 0.5:
        return f"{hundredths:.1f} %" if hundredths >= 0.05 else "<0.1 %"
    return f"{math.floor(hundredths + 0.5)} %"


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def against_goal(done: int, goal: int) -> str:
    """A count against its goal: "2 of 5" while short of it, "7, goal 2" beyond it
    ("7 of 2" reads wrong), "3, no goal" when there is none."""
    if goal <= 0:
        return f"{done}, no goal"
    if done > goal:
        return f"{done}, goal {goal}"
    return f"{done} of {goal}"


def label(value: str | None) -> str:
    """``direct-outreach`` -> ``Direct outreach``; text the user wrote as it is
    ("Co-founder", a job title kept as a person's role)."""
    if not value:
        return ""
    if value != value.lower():
        return value
    text = value.replace("-", " ").replace("_", " ") if " " not in value else value
    return text[:1].upper() + text[1:]


def code_spans(text: str) -> markupsafe.Markup:
    """A finding's message or hint with its `key: value` spans as <code>, the rest
    escaped: "write `thanked: 2026-11-27`" shows the backticks' content as code."""
    if text.count("`") < 2:
        return markupsafe.escape(text)
    parts = text.split("`")
    if len(parts) % 2 == 0:             # an odd backtick: the last one stays as it is
        parts[-2:] = [parts[-2] + "`" + parts[-1]]
    escaped = [str(markupsafe.escape(part)) for part in parts]
    return markupsafe.Markup("".join(f"<code>{part}</code>" if i % 2 else part
                                     for i, part in enumerate(escaped)))


_BREAK_AFTER = re.compile(r"[@.](?!\Z)")


def email_breaks(address: str) -> markupsafe.Markup:
    """An e-mail address, escaped, with a ``<wbr>`` after each "@" and "." but a last one:
    a narrow column wraps it there, never inside a word. (Escaping makes neither
    character, so they are found in the escaped text.)"""
    escaped = str(markupsafe.escape(address))
    return markupsafe.Markup(_BREAK_AFTER.sub(lambda m: m.group() + "<wbr>", escaped))


FILTERS = {"day": day, "long_day": long_day, "ago": ago, "percent": percent,
           "plural": plural, "label": label, "against_goal": against_goal,
           "code_spans": code_spans, "email_breaks": email_breaks}


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
        loader=_Loader([str(d) for d in dirs]),
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


# --- template errors as findings ----------------------------------------------------------

class TemplateUnreadable(Exception):
    """A template file that is not UTF-8 text or cannot be read, with where it is."""

    def __init__(self, filename: str, problem: str) -> None:
        super().__init__(problem)
        self.filename = filename
        self.problem = problem


class _Loader(jinja2.FileSystemLoader):
    """Jinja's file loader, naming the file whose bytes could not be read as text (Jinja
    gives only the codec's message, which names no file)."""

    def get_source(self, environment: jinja2.Environment,
                   template: str) -> tuple[str, str | None, Callable[[], bool] | None]:
        try:
            return super().get_source(environment, template)
        except (UnicodeDecodeError, OSError) as exc:
            filename = self._find(template)
            if filename is None:
                raise
            raise TemplateUnreadable(filename, _unreadable(filename, exc)) from exc

    def _find(self, template: str) -> str | None:
        pieces = jinja2.loaders.split_template_path(template)
        for folder in self.searchpath:
            candidate = Path(folder, *pieces)
            if candidate.is_file():
                return str(candidate)
        return None


def _unreadable(filename: str, exc: Exception) -> str:
    if isinstance(exc, UnicodeDecodeError):
        # The codec saw one buffer of the file: find the byte in the whole file.
        try:
            data = Path(filename).read_bytes()
            data.decode("utf-8")
        except UnicodeDecodeError as whole:
            line = data.count(b"\n", 0, whole.start) + 1
            return f"is not UTF-8 text (byte 0x{data[whole.start]:02x} at line {line})"
        except OSError:
            pass
        return "is not UTF-8 text"
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return f"could not be read ({reason})"


def _where(filename: str | None, name: str, vault_root: Path) -> tuple[str, bool]:
    """How the user knows a template file: its vault-relative path for an override,
    ``built-in template NAME`` for one of ours; and whether it is an override."""
    if not filename:
        return name, False
    path = Path(filename).resolve()
    shipped = shipped_templates().resolve()
    if path.is_relative_to(shipped):
        return f"built-in template {path.relative_to(shipped).as_posix()}", False
    try:
        return path.relative_to(vault_root.resolve()).as_posix(), True
    except ValueError:
        return str(path), True


def _template_frame(exc: BaseException, dirs: Sequence[Path]) -> tuple[str | None, int]:
    """The innermost traceback frame that is template code: (file, template line)."""
    roots = [d.resolve() for d in dirs]
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        path = Path(frame.filename)
        if path.suffix and any(path.resolve().is_relative_to(r) for r in roots):
            return frame.filename, frame.lineno or 0
    return None, 0


# Tags that open a block closed by ``end<tag>`` (``set`` only without ``=``).
_BLOCK_TAGS = frozenset({"if", "for", "block", "macro", "call", "filter", "set", "with",
                         "autoescape", "trans"})


def _unclosed_block(exc: jinja2.TemplateSyntaxError) -> tuple[str, int] | None:
    """For "unexpected end of template": the innermost block tag never closed and the
    line it was opened on (Jinja reports the end of the file)."""
    if not exc.message or not exc.message.startswith("Unexpected end of template"):
        return None
    source = exc.source
    if source is None and exc.filename:
        try:
            source = Path(exc.filename).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
    if source is None:
        return None
    open_tags: list[tuple[str, int]] = []
    try:
        tokens = [(line, kind, value) for line, kind, value in jinja2.Environment().lex(source)
                  if kind != "whitespace"]
    except jinja2.TemplateSyntaxError:
        return None
    for i, (line, kind, _value) in enumerate(tokens[:-1]):
        if kind != "block_begin" or tokens[i + 1][1] != "name":
            continue
        tag = tokens[i + 1][2]
        if tag == "set" and _assigns(tokens, i + 2):
            continue
        if tag in _BLOCK_TAGS:
            open_tags.append((tag, line))
        elif tag.startswith("end") and open_tags and open_tags[-1][0] == tag[3:]:
            open_tags.pop()
    return open_tags[-1] if open_tags else None


def _assigns(tokens: list[tuple[int, str, str]], start: int) -> bool:
    """Whether the ``{% set %}`` whose arguments start at ``start`` is ``set x = ...``."""
    for _line, kind, value in tokens[start:]:
        if kind == "block_end":
            return False
        if kind == "operator" and value == "=":
            return True
    return False


_USES = (("include", "includes"), ("extends", "extends"), ("import", "imports"))


def _missing_template(exc: jinja2.TemplateNotFound, filename: str | None,
                      line: int) -> str:
    """``the template includes partials/x.html, which does not exist``."""
    missing = exc.name if isinstance(exc.name, str) else str(exc.message)
    if isinstance(exc, jinja2.TemplatesNotFound):
        missing = " or ".join(str(name) for name in exc.templates)
    verb = "uses"
    if filename and line:
        try:
            text = Path(filename).read_text(encoding="utf-8").splitlines()[line - 1]
        except (OSError, UnicodeDecodeError, IndexError):
            text = ""
        verb = next((said for tag, said in _USES if tag in text), verb)
    return f"the template {verb} {missing}, which does not exist"


def template_diagnostic(exc: BaseException, template: str, dirs: Sequence[Path],
                        vault_root: Path) -> Diagnostic:
    """A [template] finding for a template that failed to load, compile or render, naming
    the file as the user knows it and the line to look at."""
    if isinstance(exc, TemplateUnreadable):
        where, override = _where(exc.filename, template, vault_root)
        return error(where, 0, 0, "template", f"{where} {exc.problem}",
                     _hint(override, dirs, vault_root, "Save it as UTF-8 text"))
    if isinstance(exc, jinja2.TemplateSyntaxError):
        filename, line = exc.filename, exc.lineno or 0
        message = f"template syntax error: {exc.message}"
        unclosed = _unclosed_block(exc)
        if unclosed is not None:
            tag, line = unclosed
            message = f"this {{% {tag} %}} is never closed ({{% end{tag} %}} missing)"
    elif isinstance(exc, jinja2.TemplateNotFound):
        filename, line = _template_frame(exc, dirs)
        if filename is None:
            missing = exc.name if isinstance(exc.name, str) else template
            return error(missing, 0, 0, "template", f"template not found: {missing}")
        message = _missing_template(exc, filename, line)
    else:
        filename, line = _template_frame(exc, dirs)
        kind = "undefined value" if isinstance(exc, jinja2.UndefinedError) else "template error"
        message = f"{kind} while rendering {template}: {exc}"
    where, override = _where(filename, template, vault_root)
    return error(where, line, 0, "template", message, _hint(override, dirs, vault_root,
                                                                "Fix the template"))


def _hint(override: bool, dirs: Sequence[Path], vault_root: Path, fix: str) -> str | None:
    if override:
        return f"{fix}, or delete the override to use the built-in one."
    shipped = shipped_templates().resolve()
    overrides = [d for d in dirs if d.resolve() != shipped]
    if not overrides:
        return None
    folder, _ = _where(str(overrides[0]), "", vault_root)
    return f"Built-in templates use the ones in {folder}/ that replace theirs: check those."
