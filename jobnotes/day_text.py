"""Dates as the site and the command line write them in running text: "5 Mar 2024"."""

from __future__ import annotations

from datetime import date

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def short_day(value: date) -> str:
    """``5 Mar 2024``: the one way dates are written in text and tables."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
