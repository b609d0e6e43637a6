"""``jobnotes.toml`` -> Settings: every default, every error with its line. The dataclasses
live in ``jobnotes.settings_defaults`` and are importable from here."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import fields
from datetime import date, time
from pathlib import Path
from typing import Any

from jobnotes.diagnostics import Diagnostic, error, sort_diagnostics, warning
from jobnotes.settings_defaults import Folders, Goals, Settings, Windows
from jobnotes.suggest import did_you_mean
from jobnotes.toml_positions import Key, locate_keys

SETTINGS_FILE = "jobnotes.toml"
# Folders of other tools (version control, Obsidian's settings) no setting may name.
OTHER_TOOLS = frozenset({".git", ".hg", ".svn", ".obsidian"})


def overlaps(first: str, second: str) -> bool:
    """Whether two folders ("/"-separated paths, both relative or both absolute) are the same
    folder or one holds the other. The site folder is replaced on every build, so it may
    not overlap a folder of the user's own files."""
    return first == second or first.startswith(second + "/") or second.startswith(first + "/")


# --- loading -------------------------------------------------------------------------------

_TABLES: dict[str, type] = {"folders": Folders, "goals": Goals, "windows": Windows}
_KNOWN: dict[Key, tuple[str, ...]] = {
    (): ("title", "owner", "week_starts", "folders", "goals", "windows", "channels", "skills"),
    **{(name,): tuple(f.name for f in fields(cls)) for name, cls in _TABLES.items()},
    ("channels",): ("list", "targets"),
    ("skills",): ("have", "learning"),
}
WEEK_DAYS = ("monday", "sunday")
# The largest goal or window (days): ten years. Beyond it a number is a slip of the keyboard,
# and the dates worked out from it would run past the years Python's dates hold.
LARGEST_NUMBER = 3650
_KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_SYNTAX_HELP = (   # tomllib's message -> plainer words, and a hint
    (r"Invalid value", "this value is not valid",
     'Text needs quotes (title = "My search"); numbers and true/false do not.'),
    (r"Unterminated string", "a quoted text is never closed",
     "Close it with the same quote it opens with, on the same line."),
    (r"Cannot declare \((.*?),?\) twice", "the table [{table}] appears twice",
     "Merge the two tables into one."),
    (r"Cannot overwrite a value", "a key is set twice", "Keep only one of them."),
)
_OPEN_HEADER = re.compile(r"\[\[?[\w.\-\"' ]+")     # "[skills" without its "]"
_TOML_AT = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)\s*$")


def load_settings(root: Path, *, skill_checks: bool = True) -> tuple[Settings, list[Diagnostic]]:
    """Read ``root/jobnotes.toml`` (none: every default). A bad value falls back to its default.

    ``skill_checks=False`` leaves out the findings that need the skills vocabulary (a
    skill both had and being learned): for callers that use the settings alone, as
    reading the vocabulary costs more than the rest of the file."""
    path = root / SETTINGS_FILE
    if not path.is_file():
        problem = _not_a_file(path)
        return Settings(), [] if problem is None else [problem]
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return Settings(), [error(SETTINGS_FILE, 0, 0, "settings-read",
                                  f"{SETTINGS_FILE} could not be read ({exc.strerror}); "
                                  "using the default settings")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return Settings(), [error(
            SETTINGS_FILE, line, column, "settings-encoding",
            f"{SETTINGS_FILE} is not UTF-8 text (byte 0x{raw[exc.start]:02x}); "
            "using the default settings",
            hint="Save the file as UTF-8 in your editor.")]
    return parse_settings(text, skill_checks=skill_checks)


def _not_a_file(path: Path) -> Diagnostic | None:
    """Why ``jobnotes.toml``, which is no regular file, is not read; None when there is
    nothing there at all (then the defaults are meant)."""
    if path.is_dir():
        what, hint = "a folder, not a file", (
            f"Settings are read from a file named {SETTINGS_FILE}: rename the folder.")
    elif path.is_symlink() and not path.exists():
        what, hint = "a link to a file that does not exist", (
            "Point the link at your settings file, or delete it.")
    elif path.exists():
        what, hint = "not a regular file", f"Make {SETTINGS_FILE} a plain text file."
    else:
        return None
    return error(SETTINGS_FILE, 0, 0, "settings-read",
                 f"{SETTINGS_FILE} is {what}; using the default settings", hint)


def parse_settings(text: str, *, skill_checks: bool = True
                   ) -> tuple[Settings, list[Diagnostic]]:
    """Settings from the text of a ``jobnotes.toml``, and every finding about it (but
    those needing the skills vocabulary without ``skill_checks``)."""
    text = text.removeprefix("\ufeff")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return Settings(), [_syntax_error(exc, text)]
    checker = _Checker(locate_keys(text), text)
    checker.skill_checks = skill_checks
    settings = checker.check(data)
    return settings, sort_diagnostics(checker.found)


def _syntax_error(exc: tomllib.TOMLDecodeError, text: str) -> Diagnostic:
    raw = str(exc)
    match = _TOML_AT.search(raw)
    detail = raw[:match.start()] if match else raw
    if match and match.group(1):
        line, column = int(match.group(1)), int(match.group(2))
    else:   # "at end of document": point at the last line that has content
        lines = text.rstrip().splitlines()
        line, column = max(len(lines), 1), 0
    line = getattr(exc, "lineno", None) or line
    column = getattr(exc, "colno", None) or column
    header = _unclosed_header(text, line)
    if header is not None:
        # tomllib names the table before it looks for the "]": "[skills" below a
        # [skills] table is "declared twice", whatever the line lacks.
        closing = "]]" if header.startswith("[[") else "]"
        detail = f"the table header {header} is not closed"
        hint: str | None = f"End the line with {closing}: {header}{closing}"
    else:
        detail, hint = _plainer(detail)
    message = f"{SETTINGS_FILE} is not valid TOML: {detail}; using the default settings"
    return error(SETTINGS_FILE, line, column, "settings-syntax", message, hint)


def _plainer(detail: str) -> tuple[str, str | None]:
    """tomllib's message in plainer words, with a hint when there is one."""
    for pattern, better, hint in _SYNTAX_HELP:
        if found := re.match(pattern, detail):
            table = ".".join(part.strip(" '\"") for part in found.groups()[0].split(",")) \
                if found.groups() else ""
            return better.format(table=table), hint
    return detail[:1].lower() + detail[1:], None


def _unclosed_header(text: str, line: int) -> str | None:
    """The table header on ``line`` (1-based) when it lacks its closing bracket."""
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return None
    written = lines[line - 1].split("#", 1)[0].strip()
    return written if _OPEN_HEADER.fullmatch(written) else None


def _describe(value: object) -> str:
    """How a wrong value is named in a message: 'the text "five"', 'a list', ..."""
    if isinstance(value, bool):
        return f"the value {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f'the text "{value}"'
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, date | time):
        return f"the date or time {value.isoformat()}"
    return repr(value)


def _name(key: Key) -> str:
    return ".".join(key)


class _Checker:
    """Checks parsed TOML against the schema, one finding per problem, each with its line."""

    def __init__(self, positions: dict[Key, tuple[int, int]], text: str = "") -> None:
        self.positions = positions
        self.text = text
        self.found: list[Diagnostic] = []
        self.skill_checks = True

    def _at(self, key: Key) -> tuple[int, int]:
        for end in range(len(key), 0, -1):
            if key[:end] in self.positions:
                return self.positions[key[:end]]
        return 0, 0

    def _report(self, key: Key, rule: str, message: str, hint: str | None = None,
                make: Callable[..., Diagnostic] = error) -> None:
        line, column = self._at(key)
        self.found.append(make(SETTINGS_FILE, line, column, rule, message, hint))

    def _wrong_type(self, key: Key, expected: str, value: object, hint: str | None = None) -> None:
        self._report(key, "settings-type",
                     f"{_name(key)} must be {expected}, not {_describe(value)}", hint)

    def _bad_entry(self, key: Key, item: object) -> None:
        self._report(key, "settings-type",
                     f"{_name(key)} must be a list of text, but one entry is {_describe(item)}",
                     "Put every entry in quotes.")

    def _unknown(self, table: Key, data: dict[str, Any]) -> None:
        known = _KNOWN[table]
        for key, value in data.items():
            if key in known:
                continue
            full = (*table, key)
            what = f"table [{_name(full)}]" if isinstance(value, dict) else \
                f'setting "{_name(full)}"'
            suggestion = did_you_mean(key, known)
            if suggestion:
                hint = f'Did you mean "{suggestion}"?'
            elif homes := [t for t, keys in _KNOWN.items() if key in keys and t != table]:
                where = " or ".join(f"[{_name(t)}]" if t else "the top of the file"
                                    for t in homes)
                hint = f'"{key}" belongs in {where}.'
            else:
                hint = "Known here: " + ", ".join(known) + "."
            self._report(full, "settings-unknown-key", f"unknown {what}", hint)

    def _table(self, key: Key, value: object, hint: str | None = None) -> dict[str, Any] | None:
        if isinstance(value, dict):
            if key in _KNOWN:
                self._unknown(key, value)
            return value
        if value is not None:
            self._wrong_type(key, "a table", value, hint)
        return None

    def _text(self, key: Key, value: object) -> str | None:
        if isinstance(value, str):
            return value
        self._wrong_type(key, "text", value, "Put the text in quotes.")
        return None

    def _whole(self, key: Key, value: object, high: int | None = None) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int):
            hint = None
            if isinstance(value, str) and value.strip().isdigit():
                hint = f"Write the number without quotes: {key[-1]} = {value.strip()}"
            elif isinstance(value, float) and value.is_integer():
                hint = f"Write it without a decimal point: {key[-1]} = {int(value)}"
            self._wrong_type(key, "a whole number", value, hint)
            return None
        if value < 0 or (high is not None and value > high):
            limits = f"between 0 and {high}" if high is not None else "0 or more"
            self._report(key, "settings-value", f"{_name(key)} must be {limits}, not {value}")
            return None
        return value

    def _text_list(self, key: Key, value: object) -> list[str] | None:
        if not isinstance(value, list):
            self._wrong_type(key, "a list of text", value, f'Write it as {key[-1]} = ["a", "b"]')
            return None
        items = []
        for item in value:
            if isinstance(item, str):
                if item.strip():
                    items.append(item.strip())
            else:
                self._bad_entry(key, item)
        return items

    def _folder(self, key: Key, value: object) -> str | None:
        text = self._text(key, value)
        if text is None:
            return None
        text = text.strip()
        parts = [p for p in text.replace("\\", "/").split("/") if p not in ("", ".")]
        problem = None
        if text.startswith(("/", "\\", "~")) or re.match(r"^[A-Za-z]:", text):
            problem = "must be a folder inside the vault, not an absolute path"
        elif ".." in parts:
            problem = 'must stay inside the vault (no "..")'
        elif not parts:
            problem = "must name a folder inside the vault"
        elif other := next((part for part in parts if part in OTHER_TOOLS), None):
            problem = f"must not be inside {other} (it belongs to another tool)"
        elif key[-1] in ("applications", "people") and any(p.startswith(".") for p in parts):
            problem = "must not be a hidden folder (notes in hidden folders are not read)"
        if problem:
            self._report(key, "settings-value", f'{_name(key)} {problem}: "{text}"',
                         f"Use a folder name relative to {SETTINGS_FILE}, such as "
                         f'"{getattr(Folders(), key[-1])}".')
            return None
        return "/".join(parts)

    def check(self, data: dict[str, Any]) -> Settings:
        settings = Settings()
        self._unknown((), data)
        for key in ("title", "owner", "week_starts"):
            if key in data and (text := self._text((key,), data[key])) is not None:
                self._top_text(settings, key, text.strip())
        for name in _TABLES:
            self._section(settings, name, data.get(name))
        self._check_folders(settings.folders, data.get("folders"))
        self._check_windows(settings.windows, data.get("windows"))
        self._channels(settings, data.get("channels"))
        skills = self._table(("skills",), data.get("skills"),
                             'Write [skills] on its own line, then have = ["..."].')
        if skills is not None:
            for key, attr in (("have", "skills"), ("learning", "learning")):
                if key in skills and (items := self._text_list(("skills", key), skills[key])) \
                        is not None:
                    setattr(settings, attr, items)
            if self.skill_checks:
                self._check_skills_both(settings)
        return settings

    def _check_skills_both(self, settings: Settings) -> None:
        """A skill in both lists counts as yours (see ``jobnotes.jd.match.Statuses``):
        said, at the learning entry, rather than left to surprise. Spellings merge as
        everywhere else ("powerbi" is "Power BI")."""
        if not (settings.skills and settings.learning):
            return
        from jobnotes.jd.vocabulary import base_vocabulary, clean_skill, loose

        vocab = base_vocabulary()

        def key(name: str) -> str:
            return vocab.key(name) if name in vocab else loose(clean_skill(name))

        have: dict[str, str] = {}
        for name in settings.skills:
            have.setdefault(key(name), name)
        told: set[str] = set()
        for name in settings.learning:
            found = key(name)
            if found not in have or found in told:
                continue
            told.add(found)
            mine = have[found]
            shown = vocab.name(found) if found in vocab else clean_skill(mine)
            spelt = ""
            if loose(clean_skill(mine)) != loose(clean_skill(name)):
                spelt = f' (as "{mine}" and "{name}")'
            line, column = self._entry(("skills", "learning"), name)
            self.found.append(warning(
                SETTINGS_FILE, line, column, "settings-skill-twice",
                f"{shown} is listed both as yours and as learning{spelt}; it counts as yours",
                "Remove it from skills.learning, or from skills.have while you are still "
                "learning it."))

    def _entry(self, key: Key, item: str) -> tuple[int, int]:
        """Where the list ``key`` holds the text ``item`` (the key itself when not found,
        as for an entry written with escapes)."""
        line, column = self._at(key)
        quoted = re.compile(r"([\"'])\s*" + re.escape(item) + r"\s*\1")
        for number, text in enumerate(self.text.splitlines()[line - 1:] if line else [], line):
            start = column - 1 if number == line else 0
            if (found := quoted.search(text, start)) is not None:
                return number, found.start() + 1
            if "]" in text[start:].split("#")[0]:
                break
        return line, column

    def _top_text(self, settings: Settings, key: str, text: str) -> None:
        if key == "week_starts":
            if text.lower() in WEEK_DAYS:
                settings.week_starts = text.lower()
                return
            guess = did_you_mean(text, WEEK_DAYS)
            self._report((key,), "settings-value",
                         f'week_starts must be "monday" or "sunday", not "{text}"',
                         f'Did you mean "{guess}"?' if guess else None)
        elif key == "title" and not text:
            self._report((key,), "settings-value", "title must not be empty")
        else:
            setattr(settings, key, text)

    def _section(self, settings: Settings, name: str, value: object) -> None:
        table = self._table((name,), value)
        if table is None:
            return
        target = getattr(settings, name)
        for field_name in _KNOWN[(name,)]:
            if field_name in table:
                key = (name, field_name)
                checked = (self._folder(key, table[field_name]) if name == "folders"
                           else self._whole(key, table[field_name], high=LARGEST_NUMBER))
                if checked is not None:
                    setattr(target, field_name, checked)

    def _check_folders(self, folders: Folders, given: object) -> None:
        """The site folder is replaced on every build, so it must not hold notes."""
        given = given if isinstance(given, dict) else {}
        output = folders.output
        for other in ("applications", "people", "templates", "site_templates"):
            value = getattr(folders, other)
            if overlaps(output, value):
                reset = "output" if "output" in given else other
                self._report(("folders", reset), "settings-value",
                             f'folders.output "{output}" overlaps folders.{other} "{value}"',
                             "The site folder is replaced on every build; give it a folder "
                             'of its own, such as "_site".')
                setattr(folders, reset, getattr(Folders(), reset))
                return
        if folders.applications == folders.people:
            self._report(("folders", "people"), "settings-value",
                         "folders.people must differ from folders.applications")
            folders.applications, folders.people = Folders().applications, Folders().people
        for notes in ("applications", "people"):
            if overlaps(folders.templates, getattr(folders, notes)):
                reset = "templates" if "templates" in given else notes
                self._report(("folders", reset), "settings-value",
                             f'folders.templates "{folders.templates}" overlaps '
                             f'folders.{notes} "{getattr(folders, notes)}"',
                             "Templates are not notes: give them a folder of their own, such "
                             'as "templates".')
                setattr(folders, reset, getattr(Folders(), reset))

    def _check_windows(self, windows: Windows, given: object) -> None:
        if windows.ghosted_days > windows.follow_up_days:
            return
        given = given if isinstance(given, dict) else {}
        key = ("windows", "ghosted_days" if "ghosted_days" in given else "follow_up_days")
        self._report(key, "settings-value",
                     f"windows.ghosted_days ({windows.ghosted_days}) must be more than "
                     f"windows.follow_up_days ({windows.follow_up_days})",
                     "An application counts as ghosted only after the follow-up window.")
        defaults = Windows()
        windows.ghosted_days, windows.follow_up_days = (defaults.ghosted_days,
                                                        defaults.follow_up_days)

    def _channels(self, settings: Settings, value: object) -> None:
        table = self._table(("channels",), value,
                            "Write [channels] on its own line, then list = [\"...\"].")
        if table is None:
            return
        if "list" in table and (names := self._channel_list(table["list"])):
            settings.channels = names
        if "targets" not in table:
            settings.channel_targets = {name: share for name, share
                                        in settings.channel_targets.items()
                                        if name in settings.channels}
            return
        targets = self._table(("channels", "targets"), table["targets"])
        if targets is None:
            return
        shares: dict[str, int] = {}
        for name, share in targets.items():
            key = ("channels", "targets", name)
            if name not in settings.channels:
                guess = did_you_mean(name, settings.channels)
                self._report(key, "settings-value",
                             f'channel "{name}" in [channels.targets] is not in channels.list',
                             f'Did you mean "{guess}"?' if guess
                             else "Add it to channels.list, or remove it here.")
            elif (checked := self._whole(key, share, high=100)) is not None:
                shares[name] = checked
        settings.channel_targets = shares
        total = sum(shares.values())
        if shares and len(shares) == len(targets) and total != 100:
            self._report(("channels", "targets"), "settings-targets-sum",
                         f"channel targets add up to {total}%, not 100%",
                         "They are compared with your actual share of effort per channel.",
                         make=warning)

    def _channel_list(self, value: object) -> list[str] | None:
        key = ("channels", "list")
        if not isinstance(value, list):
            self._wrong_type(key, "a list of text", value,
                             'Write it as list = ["job-board", "networking"]')
            return None
        if not value:
            self._report(key, "settings-value", "channels.list must name at least one channel")
            return None
        names: list[str] = []
        for item in value:
            if not isinstance(item, str):
                self._bad_entry(key, item)
            elif not _KEBAB.match(item):
                kebab = re.sub(r"[^a-z0-9]+", "-", item.lower()).strip("-")
                self._report(key, "settings-value",
                             f'channel "{item}" must be lowercase words joined by "-"',
                             f'Write "{kebab}".' if kebab else None)
            elif item in names:
                self._report(key, "settings-value", f'channel "{item}" is listed twice')
            else:
                names.append(item)
        return names or None


# --- the default file written by ``jobnotes init`` -----------------------------------------


def settings_template() -> str:
    """The full default ``jobnotes.toml``, every key written out with a comment."""
    return (Path(__file__).parent / "note_templates" / SETTINGS_FILE).read_text("utf-8")
