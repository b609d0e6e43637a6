"""``export report``: a printable HTML page listing every application with its dates and
outcome (the proof of applications that job centres ask for).

The page is one self-contained file: its stylesheet (``static/report.css``) is inlined
and allowed by hash in the Content-Security-Policy, so nothing is loaded from anywhere.
The template and the stylesheet can be overridden per vault, like the site's.
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from markupsafe import Markup

from jobnotes import __version__
from jobnotes.analysis.stages import exit_of, furthest_stage
from jobnotes.errors import BuildError, UsageError
from jobnotes.model import Application, Vault
from jobnotes.site import render

TEMPLATE = "report.html"
STYLESHEET = "report.css"


@dataclass(frozen=True, slots=True)
class ReportRow:
    applied: date
    company: str
    role: str
    channel: str | None
    type: str | None
    location: str | None
    url: str | None
    stage: str             # furthest stage reached: "Interview 2"
    interviews: list[str]  # ISO dates of the rounds
    outcome: str           # "Rejected after interview 2", "Awaiting a response"
    outcome_date: date | None


def _row(app: Application, vault: Vault) -> ReportRow:
    assert app.applied is not None
    ending = exit_of(app, vault.today, vault.settings)
    return ReportRow(
        applied=app.applied, company=app.company, role=app.role, channel=app.channel,
        type=app.type, location=app.location, url=app.url,
        stage=furthest_stage(app, vault.today).label,
        interviews=[d.isoformat() for d in sorted(app.interviews)],
        outcome=ending.label,
        # A silence has no date in the note (the one here is when jobnotes began to
        # suggest "ghosted"): a report that may serve as proof shows only recorded dates.
        outcome_date=None if ending.kind in ("no-response", "ghosted-after-response")
        else ending.date,
    )


def report_rows(vault: Vault, start: date | None = None,
                end: date | None = None) -> tuple[list[ReportRow], list[ReportRow]]:
    """(applications, informational interviews) applied within [start, end], by date.

    Wishlist entries and notes without an ``applied`` date were never sent: left out.
    """
    chosen = [a for a in vault.applications
              if a.applied is not None and a.status != "wishlist"
              and (start is None or a.applied >= start) and (end is None or a.applied <= end)]
    chosen.sort(key=lambda a: (a.applied or date.min, a.company.casefold(), a.rel))
    rows = [_row(a, vault) for a in chosen]
    apps = [row for row, a in zip(rows, chosen, strict=True) if not a.is_informational]
    info = [row for row, a in zip(rows, chosen, strict=True) if a.is_informational]
    return apps, info


def _stylesheet(dirs: list[Path]) -> str:
    for folder in dirs:
        path = folder / render.STATIC_DIR / STYLESHEET
        if path.is_file():
            return path.read_text("utf-8")
    return ""


def csp_hash(css: str) -> str:
    """The CSP source allowing exactly this inline stylesheet."""
    digest = hashlib.sha256(css.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def render_report(vault: Vault, *, start: date | None = None, end: date | None = None,
                  template_dirs: list[Path] | None = None) -> str:
    """The report as HTML text. Raises BuildError (naming the template) on a template error."""
    if start is not None and end is not None and start > end:
        raise UsageError(f"--from {start.isoformat()} is after --to {end.isoformat()}.")
    dirs = list(template_dirs) if template_dirs is not None else render.template_dirs(vault)
    env = render.make_environment(dirs)
    apps, info = report_rows(vault, start, end)
    css = _stylesheet(dirs).replace("</", "<\\/")   # can never close the <style> element
    outcomes = Counter(row.outcome.split(" after ")[0] for row in apps)
    title = vault.settings.title
    context = {
        "heading": f"Applications — {title}" if title else "Applications",
        "owner": vault.settings.owner, "today": vault.today, "start": start, "end": end,
        "applications": apps, "informational": info,
        "outcomes": sorted(outcomes.items(), key=lambda item: (-item[1], item[0])),
        "notes_count": len(vault.applications), "version": __version__,
        "css": Markup(css), "css_hash": csp_hash(css),
    }
    try:
        return env.get_template(TEMPLATE).render(context)
    except Exception as exc:   # a broken override becomes a finding, not a traceback
        finding = render.template_diagnostic(exc, TEMPLATE, dirs, vault.root)
        raise BuildError(f"The report could not be made: {finding.as_text()}",
                         [finding]) from exc
