"""One finding type for every check, and its renderings (text, JSON, GitHub)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A finding about one place in the vault.

    ``path`` is relative to the vault root, with forward slashes. ``line`` and
    ``column`` are 1-based; 0 means "the whole file" (or "the whole line").
    """

    path: str
    line: int
    column: int
    severity: Severity
    rule: str
    message: str
    hint: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def location(self) -> str:
        if self.line <= 0:
            return self.path
        if self.column <= 0:
            return f"{self.path}:{self.line}"
        return f"{self.path}:{self.line}:{self.column}"

    def as_text(self) -> str:
        text = f"{self.location()}: {self.severity.value}: {self.message} [{self.rule}]"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


def error(path: str, line: int, column: int, rule: str, message: str,
          hint: str | None = None) -> Diagnostic:
    return Diagnostic(path, line, column, Severity.ERROR, rule, message, hint)


def warning(path: str, line: int, column: int, rule: str, message: str,
            hint: str | None = None) -> Diagnostic:
    return Diagnostic(path, line, column, Severity.WARNING, rule, message, hint)


def info(path: str, line: int, column: int, rule: str, message: str,
         hint: str | None = None) -> Diagnostic:
    return Diagnostic(path, line, column, Severity.INFO, rule, message, hint)


def _sort_key(d: Diagnostic) -> tuple[str, int, int, int, str]:
    return (d.path, d.line, d.column, _SEVERITY_ORDER[d.severity], d.rule)


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """File order, then position, then severity: the order an editor wants."""
    return sorted(diagnostics, key=_sort_key)


def _path(d: Diagnostic) -> str:
    return d.path


def path_span(ordered: list[Diagnostic], path: str) -> tuple[int, int]:
    """Where the findings about ``path`` are in a list in ``sort_diagnostics`` order."""
    return (bisect_left(ordered, path, key=_path), bisect_right(ordered, path, key=_path))


def merge_sorted(first: Iterable[Diagnostic], ordered: list[Diagnostic]) -> list[Diagnostic]:
    """``sort_diagnostics([*first, *rest])`` where ``ordered`` is ``sort_diagnostics(rest)``
    (the same list: the sort is stable), sorting again only the paths ``first`` is about."""
    merged = list(ordered)
    by_path: dict[str, list[Diagnostic]] = {}
    for diagnostic in first:
        by_path.setdefault(diagnostic.path, []).append(diagnostic)
    for path, found in by_path.items():
        lo, hi = path_span(merged, path)
        merged[lo:hi] = sort_diagnostics([*found, *merged[lo:hi]])
    return merged


def count_by_severity(diagnostics: Iterable[Diagnostic]) -> dict[Severity, int]:
    counts = {severity: 0 for severity in Severity}
    for diagnostic in diagnostics:
        counts[diagnostic.severity] += 1
    return counts


def summary_line(diagnostics: list[Diagnostic], files_checked: int) -> str:
    counts = count_by_severity(diagnostics)
    files = f"{files_checked} note{'s' if files_checked != 1 else ''} checked"
    if not diagnostics:
        return f"{files}: no problems found."
    affected = len({d.path for d in diagnostics})
    where = f"{affected} file{'s' if affected != 1 else ''}"
    if not counts[Severity.ERROR] and not counts[Severity.WARNING]:
        # Informational notes are hints, not problems: they never fail a check.
        n = counts[Severity.INFO]
        return (f"{files}: no problems found "
                f"({n} hint{'s' if n != 1 else ''} in {where}).")
    parts = []
    for severity, word in ((Severity.ERROR, "error"), (Severity.WARNING, "warning"),
                           (Severity.INFO, "hint")):
        n = counts[severity]
        if n:
            parts.append(f"{n} {word}{'s' if n != 1 else ''}")
    return f"{files}: {', '.join(parts)} in {where}."


def render_text(diagnostics: list[Diagnostic]) -> str:
    return "\n".join(d.as_text() for d in diagnostics)


def render_json(diagnostics: list[Diagnostic], files_checked: int) -> str:
    import json

    counts = count_by_severity(diagnostics)
    return json.dumps(
        {
            "files_checked": files_checked,
            "errors": counts[Severity.ERROR],
            "warnings": counts[Severity.WARNING],
            "infos": counts[Severity.INFO],
            "diagnostics": [d.as_dict() for d in diagnostics],
        },
        indent=2,
        ensure_ascii=False,
    )


def _github_escape(text: str) -> str:
    """A workflow command's message: ``%`` and line breaks must be escaped."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    """A workflow command's property value (file, title): also ``:`` and ``,``, which
    would otherwise end the value."""
    return _github_escape(text).replace(":", "%3A").replace(",", "%2C")


def render_github(diagnostics: list[Diagnostic], vault_prefix: str = "") -> str:
    """GitHub Actions workflow commands, so findings show as annotations."""
    kinds = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    lines = []
    for d in diagnostics:
        props = [f"file={_github_property(vault_prefix + d.path)}"]
        if d.line > 0:
            props.append(f"line={d.line}")
        if d.column > 0:
            props.append(f"col={d.column}")
        props.append(f"title={_github_property(d.rule)}")
        message = d.message + (f" (hint: {d.hint})" if d.hint else "")
        lines.append(f"::{kinds[d.severity]} {','.join(props)}::{_github_escape(message)}")
    return "\n".join(lines)
