"""Options and helpers shared by every command module (kept apart to avoid import cycles)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import click

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


class DateParam(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):  # type: ignore[no-untyped-def]
        from jobnotes.schema_dates import EARLIEST_DATE, LATEST_DATE, is_plausible_date

        if isinstance(value, date):
            day = value
        else:
            try:
                day = datetime.strptime(value, "%Y-%m-%d").date()
            except ValueError:
                self.fail(f"{value!r} is not a date written YYYY-MM-DD "
                          "(for example 2026-03-05).", param, ctx)
        if not is_plausible_date(day):
            self.fail(f"{day.isoformat()} is not a plausible date: jobnotes works with dates "
                      f"from {EARLIEST_DATE.isoformat()} to {LATEST_DATE.isoformat()}.",
                      param, ctx)
        return day


DATE = DateParam()

today_option = click.option(
    "--today", type=DATE, default=None,
    help="Pretend today is this date (YYYY-MM-DD), for reproducible output.",
)
vault_argument = click.argument(
    "vault", required=False, type=click.Path(file_okay=False, path_type=Path),
)


def _today(value: date | None) -> date:
    return value or date.today()


def _vault_root(path: Path | None) -> Path:
    from jobnotes.vault import find_vault_root

    return find_vault_root(path)
