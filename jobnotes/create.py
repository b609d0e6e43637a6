"""``init`` and ``new``: the only code that writes into a vault, and it never overwrites.

Note templates are read from the vault's templates folder when present (so the user can
shape them), else from the built-in ones. They work with Obsidian's core Templates plugin
too: ``{{date}}`` (and ``{{date:YYYY-MM-DD}}``) and ``{{title}}`` are Obsidian's own
placeholders; ``jobnotes new`` also fills ``{{company}}``, ``{{role}}``, ``{{status}}``,
``{{channel}}``, ``{{url}}`` and ``{{name}}``. Whatever the template holds, the keys given on
the command line are then set in the front matter, quoted as YAML needs (see
``create_templates``).

A new note passes ``jobnotes check`` as it is: the dates its status needs are set to today,
and an application that went out gets a channel even when none was given (a guess from the
job posting's address, else "other"), which the user is told they may change. A person's
``met`` is left empty unless a meeting date is given: a contact from long ago added today
owes no thank-you and no LinkedIn connection.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from jobnotes.create_templates import Value, front_data, note_template, render_note
from jobnotes.create_templates import builtin_template as builtin_template
from jobnotes.create_templates import yaml_text as yaml_text
from jobnotes.errors import JobnotesError, UsageError
from jobnotes.model import PERSON_ROLES, STATUSES, Application
from jobnotes.names import slug
from jobnotes.schema_fields import WEB_URL, match_choice
from jobnotes.settings import SETTINGS_FILE, Settings, load_settings, settings_template
from jobnotes.suggest import did_you_mean

_ILLEGAL_IN_NAME = re.compile(r'[/\\:*?"<>|#^\[\]]')
_MAX_NAME = 100
# The dates each status needs, besides ``applied`` (every status but wishlist).
_STATUS_DATES: dict[str, tuple[str, ...]] = {
    "screening": ("screening",), "interviewing": ("interviews",), "offer": ("offer",),
    "accepted": ("offer", "accepted"), "declined": ("offer", "declined"),
    "rejected": ("rejected",), "withdrawn": ("withdrawn",),
}
# Hosts of job boards: a posting found there most likely went out through the board.
_JOB_BOARDS = ("linkedin.", "indeed.", "glassdoor.", "monster.", "stepstone.", "ziprecruiter.",
               "dice.com", "wellfound.com", "welcometothejungle.", "simplyhired.",
               "careerbuilder.", "reed.co.uk", "totaljobs.", "seek.com", "xing.com",
               "infojobs.", "jobindex.", "otta.com")


@dataclass(slots=True)
class InitResult:
    """What ``init`` did: paths it created, and existing paths it left untouched."""

    created: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)     # what the user may want to do


def init_vault(target: Path) -> InitResult:
    """Lay out a vault in ``target`` (new, empty, or an existing Obsidian vault).

    Existing files are never touched: they are reported as skipped. An existing
    ``jobnotes.toml`` decides the folder names.
    """
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} is a file, not a folder: cannot make a vault there.")
    _make_dir(target)
    result = InitResult()
    write_once(target / SETTINGS_FILE, settings_template(), result)
    settings, _ = load_settings(target, skill_checks=False)
    for folder in (settings.folders.applications, settings.folders.people):
        path = target / folder
        (result.skipped if path.is_dir() else result.created).append(path)
        _make_dir(path)
    templates = target / settings.folders.templates
    for name in ("application.md", "person.md"):
        write_once(templates / name, builtin_template(name), result)
    output = settings.folders.output
    write_once(target / ".gitignore", f"{output}/\n", result)
    if target / ".gitignore" in result.skipped and not _ignores(target / ".gitignore", output):
        result.notes.append(f"kept .gitignore; add {output}/ to it so the built site is not "
                            "committed")
    return result


def _ignores(gitignore: Path, folder: str) -> bool:
    """Whether ``gitignore`` has a line ignoring the vault's ``folder`` (the common
    spellings: ``_site``, ``_site/``, ``/_site/``, ``_site/*``, ``**/_site/``)."""
    try:
        lines = gitignore.read_text("utf-8", errors="replace").splitlines()
    except OSError:
        return True         # cannot tell: say nothing
    parts = folder.strip("/").split("/")
    wanted = {f"{lead}{'/'.join(parts[:n])}" for n in range(1, len(parts) + 1)
              for lead in ("", "/", "**/")}       # the folder, or a folder holding it
    ignored = False
    for line in lines:          # as in git, the last line that matches decides
        line = line.strip()
        negated = line.startswith("!")
        if line.lstrip("!").rstrip("*").rstrip("/") in wanted:
            ignored = not negated
    return ignored


def new_application(root: Path, settings: Settings, company: str, role: str, *, today: date,
                    channel: str | None = None, url: str | None = None,
                    status: str = "applied", again: bool = False,
                    notice: Callable[[str], None] | None = None) -> Path:
    """Write a new application note and return its path.

    As for a person, a note that is already there is refused (``JobnotesError``): one of
    the same file name, or one tracking the same company and role. ``again`` (applying
    again to the same role) writes a second note instead, ``-2``, ``-3``...

    The note passes ``check``: the dates ``status`` needs are ``today``, and without a
    channel (given or in the template) one is chosen and ``notice`` is told which.
    ``notice`` is also told, with ``again``, when the company and role are already
    tracked: applying again, or the same application twice (see
    ``crosscheck.reapplication``).
    """
    company, role = one_line(company), one_line(role)
    url = one_line(url) or None
    if not company or not role:
        raise UsageError("A new application needs both a company and a role.")
    for what, text in (("company", company), ("role", role)):
        if not any(char.isalnum() for char in text):
            raise UsageError(f'The {what} "{text}" has no letter or digit: give its name, '
                             'e.g. jobnotes new "Acme" "Data Analyst".')
    status = _check_choice("status", status, STATUSES)
    if channel is not None:
        channel = _check_choice("channel", channel, settings.channels,
                                "Channels are set in jobnotes.toml, [channels] list.")
    if url is not None:
        _check_url(url)
    template, source = note_template(root, settings, "application.md")
    keys: dict[str, Value] = {"company": company, "role": role, "status": status,
                              "applied": None if status == "wishlist" else today}
    for key in _STATUS_DATES.get(status, ()):
        keys[key] = [today] if key == "interviews" else today
    if channel:
        keys["channel"] = channel
    if url:
        keys["url"] = url
    values: dict[str, Value] = {key: value for key, value in keys.items()
                                if not isinstance(value, list)}
    values.update(channel=channel, url=url, date=today)
    fallback = None if channel or status == "wishlist" else default_channel(settings, url)
    chosen: list[str] = []

    def render(path: Path) -> str:
        text = render_note(template, source, {**values, "title": path.stem}, keys)
        if fallback is None or front_data(text).get("channel"):
            return text
        chosen[:] = [fallback]
        return render_note(template, source,
                           {**values, "channel": fallback, "title": path.stem},
                           {**keys, "channel": fallback})

    from jobnotes.crosscheck import second_note_notice, tracked_applications

    tracked = tracked_applications(root, settings, company, role, today)
    stem = slugify(f"{company} {role}")
    if not again:
        _refuse_second_application(root, settings, stem, tracked)
    path = _create_unique(root, settings.folders.applications, stem, "-", render,
                          numbered=again)
    if chosen and notice is not None:
        how = " from the job posting's address" if chosen[0] != _catch_all(settings) else ""
        notice(f'No channel given: set to "{chosen[0]}"{how}; change it in the note if the '
               "application went out another way.")
    if tracked and notice is not None:
        notice(second_note_notice(root, path, settings, tracked, today))
    return path


def _refuse_second_application(root: Path, settings: Settings, stem: str,
                                tracked: list[Application]) -> None:
    """Refuse, as for a person, a note that is there already: the file name taken, or the
    company and role tracked in another note (``--again`` writes a second note)."""
    from jobnotes.crosscheck import stage_label

    folder = settings.folders.applications
    directory = root / folder
    name = f"{stem}.md".casefold()
    taken = directory.is_dir() and any(
        path.name.casefold() == name for path in directory.iterdir())
    same = next((app for app in tracked if app.rel.casefold() == f"{folder}/{name}".casefold()),
                None)
    shown = same or (tracked[0] if tracked else None)
    if not taken and shown is None:
        return
    if taken:
        message = f"{folder}/{stem}.md already exists"
        if shown is not None and shown is not same:
            message += f", and {shown.rel} tracks {shown.title}"
    else:
        message = f"{shown.rel} already tracks {shown.title}"  # type: ignore[union-attr]
    if shown is not None:
        message += f" ({stage_label(shown)})"
    raise JobnotesError(
        f"{message}; nothing written. Add to that note; if you are applying again to the "
        "same role, run the same command with --again to write a second note.")


def default_channel(settings: Settings, url: str | None = None) -> str:
    """The channel of an application none was given for: "job-board" for a posting on a
    known job board, else "other" (or the last configured channel when there is no "other")."""
    try:
        host = (urlsplit(url).hostname or "") if url and WEB_URL.match(url) else ""
    except ValueError:      # a malformed address ("https://[x"): no guess from it
        host = ""
    if host and "job-board" in settings.channels \
            and any(board in f".{host.lower()}" for board in _JOB_BOARDS):
        return "job-board"
    return _catch_all(settings)


def _catch_all(settings: Settings) -> str:
    return "other" if "other" in settings.channels else settings.channels[-1]


def _check_url(url: str) -> None:
    if WEB_URL.match(url):
        return
    fix = "" if re.match(r"[a-z][a-z0-9+.-]*:", url, re.I) else f" (https://{url})"
    raise UsageError(f'The job posting address "{url}" is not a web address: write it with '
                     f"http:// or https:// in front{fix}.")


def new_person(root: Path, settings: Settings, name: str, *, today: date,
               company: str | None = None, role: str | None = None,
               met: date | None = None,
               notice: Callable[[str], None] | None = None) -> Path:
    """Write ``people/<Name>.md`` and return its path; a person already there is refused.

    ``met`` is the day you met (it starts the thank-you and connection reminders); without
    it ``met:`` is left empty, whatever the template says. A name that cannot be a file
    name as it is (``Ana/María``) is written as one, and ``notice`` is told the name
    links must use.
    """
    stem = person_file_name(name)
    if not stem:
        raise UsageError('A new person needs a name, e.g. jobnotes new --person "Jane Doe".')
    if not any(char.isalnum() for char in stem):
        raise UsageError(f'The name "{stem}" has no letter or digit: give the person\'s '
                         'name, e.g. jobnotes new --person "Jane Doe".')
    existing = _person_note(root, settings, stem)
    if existing is not None:
        same = existing.rsplit("/", 1)[-1].removesuffix(".md") == stem
        also = "" if same else f" ([[{stem}]] links lead to it)"
        raise JobnotesError(f"{existing} already exists{also}; nothing written. Add to that "
                            "note, or give a fuller name to tell two people apart.")
    company = one_line(company) or None
    if role is not None:
        role = _check_choice("role", role, PERSON_ROLES)
    if met is not None and met > today:
        raise UsageError(f"The meeting date {met.isoformat()} is after today "
                         f"({today.isoformat()}): met records a meeting that happened.")
    template, source = note_template(root, settings, "person.md")
    keys: dict[str, Value] = {"met": met}
    if company:
        keys["company"] = company
    if role:
        keys["role"] = role
    values: dict[str, Value] = {**keys, "company": company, "role": role, "date": today}

    def render(path: Path) -> str:
        return render_note(template, source,
                           {**values, "title": path.stem, "name": path.stem}, keys)

    path = _create_unique(root, settings.folders.people, stem, " ", render, numbered=False)
    if notice is not None and (changed := _name_change(name, stem)):
        notice(f"{changed}, so the note is {settings.folders.people}/{stem}.md: link to "
               f"this person as [[{stem}]].")
    return path


def _name_change(name: str, stem: str) -> str | None:
    """Why the person's note is not named as the user wrote the name (None: it is)."""
    written = re.sub(r"(?:\.md)+\s*$", "", one_line(name), flags=re.IGNORECASE).strip()
    if written == stem:
        return None
    left_out = sorted(set(_ILLEGAL_IN_NAME.findall(written)))
    if left_out:
        return f"A note name cannot hold {' '.join(left_out)}"
    if len(written) > _MAX_NAME:
        return f"A note name is kept to {_MAX_NAME} characters"
    return "A note name cannot start or end with a dot"


def _person_note(root: Path, settings: Settings, stem: str) -> str | None:
    """The person note a ``[[stem]]`` link already leads to (names compare as links do:
    without case, in one Unicode form, spaces squeezed), anywhere in the people folder."""
    from jobnotes.vault import note_kind, note_rels

    def key(text: str) -> str:
        return " ".join(unicodedata.normalize("NFC", text).split()).casefold()

    wanted = key(stem)
    folder = root / settings.folders.people
    if not folder.is_dir():
        return None
    for rel in note_rels(root, settings):
        name = rel.rsplit("/", 1)[-1]
        if key(name.removesuffix(".md")) == wanted \
                and note_kind(root, root / rel, settings) == "person":
            return rel
    return None


# --- names --------------------------------------------------------------------------------

def slugify(text: str) -> str:
    """Lowercase words joined by "-": "Zürich Café, Inc." -> "zurich-cafe-inc"; letters
    of other scripts are kept (see ``jobnotes.names``)."""
    return slug(text)[:_MAX_NAME].rstrip("-") or "note"


def person_file_name(name: str) -> str:
    """The person's name as a file name that also works in a ``[[link]]`` (a name given
    as its file name, ``Jane Doe.md``, is the name without the ``.md``)."""
    cleaned = " ".join(_ILLEGAL_IN_NAME.sub(" ", one_line(name)).split())
    cleaned = re.sub(r"(?:\.md)+\s*$", "", cleaned, flags=re.IGNORECASE)
    return cleaned.strip(" .")[:_MAX_NAME].strip(" .")


def one_line(text: str | None) -> str:
    """Text as one clean line: valid Unicode, no control characters, single spaces."""
    if not text:
        return ""
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    text = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in text)
    return " ".join(text.split())


def _check_choice(what: str, value: str, choices: tuple[str, ...] | list[str],
                  extra: str = "") -> str:
    """``value`` as listed in ``choices``, read as ``check`` reads it (``Interviewing``,
    ``job_board``); an unknown value is an error with the closest choice."""
    found = match_choice(value, choices)
    if found is not None:
        return found
    guess = did_you_mean(value, choices)
    message = f'Unknown {what} "{value}".'
    if guess:
        message += f' Did you mean "{guess}"?'
    message += f" Known: {', '.join(choices)}."
    raise UsageError(f"{message} {extra}".rstrip())


# --- writing ------------------------------------------------------------------------------

def _make_dir(path: Path) -> None:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise JobnotesError(f"Could not create the folder {path}: {exc.strerror}.") from exc


def write_once(path: Path, text: str, result: InitResult) -> None:
    """Create ``path`` with ``text``; if it exists, leave it alone and record it as skipped."""
    _make_dir(path.parent)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        result.skipped.append(path)
    except OSError as exc:
        raise JobnotesError(f"Could not write {path}: {exc.strerror}.") from exc
    else:
        result.created.append(path)


def _create_unique(root: Path, folder: str, stem: str, separator: str,
                   render: Callable[[Path], str], *, numbered: bool = True) -> Path:
    """Create ``root/folder/stem.md``, or ``stem<sep>2.md``... : the first free name
    (not ``numbered``: ``stem.md`` only, an error when it is taken).

    Names are compared without case, so two notes never differ by case alone (a trap on
    macOS and Windows, and for ``[[links]]``). Exclusive creation means a file that
    appears meanwhile is never overwritten.
    """
    if not root.is_dir():
        raise UsageError(f"There is no vault at {root}.")
    directory = root / folder
    _make_dir(directory)
    taken = {path.name.casefold() for path in directory.iterdir()}
    number = 1
    while True:
        name = f"{stem}.md" if number == 1 else f"{stem}{separator}{number}.md"
        number += 1
        if name.casefold() in taken:
            if not numbered:
                raise JobnotesError(f"{folder}/{stem}.md already exists; nothing written.")
            continue
        path = directory / name
        text = render(path)
        try:
            with path.open("x", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        except FileExistsError:
            if not numbered:
                raise JobnotesError(f"{folder}/{stem}.md already exists; nothing written.") \
                    from None
            continue
        except OSError as exc:
            raise JobnotesError(f"Could not write {path}: {exc.strerror}.") from exc
        return path
