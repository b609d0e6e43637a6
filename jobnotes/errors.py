"""The few typed errors the library raises; the CLI turns them into clean messages."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jobnotes.diagnostics import Diagnostic


class JobnotesError(Exception):
    """Base of every error jobnotes reports to the user as a plain sentence."""


class UsageError(JobnotesError):
    """The user asked for something jobnotes will not do (e.g. write the site over the vault)."""


class BuildError(JobnotesError):
    """The site could not be built; ``diagnostics`` says where (e.g. a broken template)."""

    def __init__(self, message: str, diagnostics: list[Diagnostic] | None = None) -> None:
        super().__init__(message)
        self.diagnostics: list[Diagnostic] = list(diagnostics or [])
