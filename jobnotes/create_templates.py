"""Note templates for ``new`` and ``import``: the vault's own or the built-in one, its
placeholders filled, the given keys set in its front matter, the result checked as YAML.

``{{date}}`` (and ``{{date:YYYY-MM-DD}}``) and ``{{title}}`` are Obsidian's own placeholders;
any other name is filled from the values given. A placeholder that is a whole front matter
value is written as the YAML scalar its value needs; inside a longer value it is escaped as
a double-quoted YAML string would need.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from importlib import resources
from pathlib import Path

import yaml

from jobnotes.errors import JobnotesError, UsageError
from jobnotes.settings import Settings

Value = str | date | list[date] | None

_PLACEHOLDER = r"\{\{\s*(?P<name>[A-Za-z_]+)(?::(?P<fmt>[^}]*))?\s*\}\}"
_PLACEHOLDER_RE = re.compile(_PLACEHOLDER)
# A placeholder that is a whole front matter value: "key: {{x}}", "key: '{{x}}'", "- {{x}}".
_WHOLE_VALUE = re.compile(
    rf"^(?P<lead>(?:[^\s#-][^:#]*:|\s*-)[ \t]*)(?P<q>[\"']?){_PLACEHOLDER}(?P=q)[ \t]*$"
)
_DATE_TOKENS = re.compile(r"YYYY|YY|MM|M|DD|D")
# Characters a double-quoted YAML string may hold as they are (no line breaks: \x85,
# \u2028 and \u2029 are line breaks to YAML 1.1).
_YAML_RAW = re.compile("[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def builtin_template(name: str) -> str:
    """The text of a built-in note template: "application.md" or "person.md"."""
    return (resources.files("jobnotes") / "note_templates" / name).read_text("utf-8")


def note_template(root: Path, settings: Settings, name: str) -> tuple[str, str]:
    """The vault's own template if it has one, else the built-in: (text, where it came from)."""
    rel = f"{settings.folders.templates}/{name}"
    path = root / rel
    if not path.is_file():
        return builtin_template(name), f"the built-in {name}"
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{rel} is not UTF-8 text; save it as UTF-8 and try again.") from exc
    except OSError as exc:
        raise JobnotesError(f"{rel} could not be read: {exc.strerror}.") from exc
    return text.removeprefix("\ufeff").replace("\r\n", "\n"), rel


def render_note(template: str, source: str, values: Mapping[str, Value],
                keys: Mapping[str, Value]) -> str:
    """Fill the placeholders, set ``keys`` in the front matter, and check the YAML."""
    front, body = _split(template, source)
    filled = [_fill_front_line(line, values) for line in front]
    body = _PLACEHOLDER_RE.sub(
        lambda m: _text(values, m) if m.group("name") in values else m.group(0), body)
    for key, value in keys.items():
        set_key(filled, key, value)
    front_text = "".join(line + "\n" for line in filled)
    try:
        data = yaml.safe_load(front_text) if front_text.strip() else {}
    except yaml.YAMLError as exc:
        raise UsageError(_yaml_problem(source, front, values, exc)) from exc
    if not isinstance(data, dict):
        raise UsageError(f"{source} does not give front matter made of keys and values.")
    return f"---\n{front_text}---\n{body}"


def _yaml_problem(source: str, front: list[str], values: Mapping[str, Value],
                  exc: yaml.YAMLError) -> str:
    """A sentence naming the template line that breaks the YAML, not PyYAML's own text."""
    from jobnotes.frontmatter import parse_note

    # Placeholders filled line by line keep the template's line numbers.
    filled = "".join(_fill_front_line(line, values) + "\n" for line in front)
    found = [d for d in parse_note(source, f"---\n{filled}---\n").diagnostics if d.is_error]
    instead = "Fix the template, or delete it to use the built-in one."
    if found:
        first = found[0]
        where = f" at line {first.line}" if first.line > 0 else ""
        message = first.message.removeprefix("YAML syntax error: ").rstrip(".")
        if first.hint:
            instead = (f"To fix it: {first.hint.rstrip('.')}; or delete the template to use "
                       "the built-in one.")
        return f"The template {source} is not valid YAML{where}: {message}. {instead}"
    problem = getattr(exc, "problem", None) or "it cannot be read"
    return (f"The template {source} does not give valid front matter once filled in "
            f"({problem}). {instead}")


def front_data(text: str) -> dict[str, object]:
    """The front matter of a note ``render_note`` made (so it is valid YAML)."""
    front = text.split("---\n", 2)[1] if text.startswith("---\n") else ""
    data = yaml.safe_load(front) if front.strip() else {}
    return data if isinstance(data, dict) else {}


def _split(text: str, source: str) -> tuple[list[str], str]:
    """Front matter lines (without newlines) and the body after the closing ``---``."""
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return [], "\n" + text if text else ""
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return lines[1:index], "\n".join(lines[index + 1:])
    raise UsageError(f"{source} opens its front matter with --- but never closes it.")


def _fill_front_line(line: str, values: Mapping[str, Value]) -> str:
    whole = _WHOLE_VALUE.match(line)
    if whole and whole.group("name") in values:
        value = values[whole.group("name")]
        if isinstance(value, date) and not whole.group("fmt"):
            return whole.group("lead") + value.isoformat()
        return (whole.group("lead") + yaml_text(_text(values, whole))).rstrip()
    # Inside a longer value: insert text escaped as a double-quoted YAML string would need.
    return _PLACEHOLDER_RE.sub(
        lambda m: _double_quoted(_text(values, m))[1:-1] if m.group("name") in values
        else m.group(0), line)


def _text(values: Mapping[str, Value], match: re.Match[str]) -> str:
    value = values.get(match.group("name"))
    if isinstance(value, date):
        fmt = match.group("fmt")
        return _format_date(value, fmt.strip()) if fmt else value.isoformat()
    return value or ""


def _format_date(day: date, fmt: str) -> str:
    """The numeric tokens of Obsidian's (moment.js) date formats: YYYY, YY, MM, M, DD, D."""
    parts = {"YYYY": f"{day.year:04d}", "YY": f"{day.year % 100:02d}", "MM": f"{day.month:02d}",
             "M": str(day.month), "DD": f"{day.day:02d}", "D": str(day.day)}
    return _DATE_TOKENS.sub(lambda m: parts[m.group()], fmt)


def set_key(front: list[str], key: str, value: Value) -> None:
    """Set a top-level front matter key in place (replacing its old value), or append it."""
    if isinstance(value, list):
        rendered = f"{key}: [{', '.join(day.isoformat() for day in value)}]"
    elif isinstance(value, date):
        rendered = f"{key}: {value.isoformat()}"
    else:
        rendered = f"{key}: {yaml_text(value)}"
    pattern = re.compile(rf"^([\"']?){re.escape(key)}\1[ \t]*:(\s|$)")
    for index, line in enumerate(front):
        if pattern.match(line):
            end = index + 1
            while end < len(front) and front[end][:1] in (" ", "\t", "-") \
                    and not front[end].startswith("---"):
                end += 1    # the old value's continuation lines: indented, or "- item"
            front[index:end] = [rendered.rstrip()]
            return
    front.append(rendered.rstrip())


def yaml_text(value: str | None) -> str:
    """``value`` as a YAML scalar that reads back as the same string: plain when safe."""
    if not value:
        return ""
    try:
        if "\n" not in value and yaml.safe_load(f"k: {value}") == {"k": value}:
            return value
    except yaml.YAMLError:
        pass
    return _double_quoted(value)


def _double_quoted(value: str) -> str:
    out = []
    for ch in value:
        if ch in '"\\':
            out.append("\\" + ch)
        elif _YAML_RAW.match(ch):
            out.append(ch)
        else:
            out.append(f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")
    return '"' + "".join(out) + '"'
