"""The settings' dataclasses, every default in one place; ``jobnotes.settings`` reads
``jobnotes.toml`` into them."""

from __future__ import annotations

from dataclasses import dataclass, field

from jobnotes.field_values import DEFAULT_CHANNELS


@dataclass(slots=True)
class Folders:
    applications: str = "applications"
    people: str = "people"
    templates: str = "templates"
    output: str = "_site"
    site_templates: str = "site-templates"   # per-vault overrides of the site's Jinja templates


@dataclass(slots=True)
class Goals:
    """Weekly action goals."""

    applications: int = 5
    networking: int = 2
    informational: int = 1


@dataclass(slots=True)
class Windows:
    cooling_off_hours: int = 48
    feedback_request_hours: int = 48
    thank_you_hours: int = 24
    connect_days: int = 3
    touch_days: int = 90
    follow_up_days: int = 7
    ghosted_days: int = 30


def _default_targets() -> dict[str, int]:
    return {"job-board": 40, "networking": 30, "direct-outreach": 20, "recruiter": 10}


@dataclass(slots=True)
class Settings:
    title: str = "My job search"
    owner: str = ""                      # the user's name, used to sign draft emails
    week_starts: str = "monday"          # "monday" or "sunday"
    folders: Folders = field(default_factory=Folders)
    goals: Goals = field(default_factory=Goals)
    windows: Windows = field(default_factory=Windows)
    channels: list[str] = field(default_factory=lambda: list(DEFAULT_CHANNELS))
    channel_targets: dict[str, int] = field(default_factory=_default_targets)
    skills: list[str] = field(default_factory=list)      # skills the user has
    learning: list[str] = field(default_factory=list)    # skills being learned
