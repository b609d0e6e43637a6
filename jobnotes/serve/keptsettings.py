"""Settings while serving: a ``jobnotes.toml`` with an error keeps the last good settings.

``jobnotes build`` falls back to the defaults for what it cannot read. While serving, a
settings file is often broken for a moment, mid-edit; switching the whole site to the
defaults then (another title, goals, skills) hides what the user was looking at. So the
settings of the last load without errors stay in use, and each error says so. At start,
with no good load yet, the settings are what ``build`` would use.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from jobnotes.diagnostics import Diagnostic, Severity
from jobnotes.settings import SETTINGS_FILE, Settings, load_settings

KEPT = "serve keeps the last good settings until it is fixed"
_FALLBACK = re.compile(r"[;,]?\s*using the default settings\.?$")


class KeptSettings:
    """Loads the settings, keeping the last good ones while the file has errors."""

    def __init__(self) -> None:
        self.good: Settings | None = None

    def load(self, root: Path) -> tuple[Settings, list[Diagnostic]]:
        settings, findings = load_settings(root)
        if not any(_is_settings_error(f) for f in findings):
            self.good = settings
            return settings, findings
        if self.good is None:
            return settings, findings
        return self.good, [kept(f) if _is_settings_error(f) else f for f in findings]


def kept(finding: Diagnostic) -> Diagnostic:
    """``finding`` worded for settings kept from the last good load."""
    message = _FALLBACK.sub("", finding.message.rstrip())
    return replace(finding, message=f"{message}; {KEPT}")


def _is_settings_error(finding: Diagnostic) -> bool:
    return finding.severity is Severity.ERROR and finding.path == SETTINGS_FILE
