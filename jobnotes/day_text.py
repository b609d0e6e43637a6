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


def ago(value: date | None, today: date) -> str:
    """"yesterday", "in 3 days", "5 weeks ago": how far ``value`` is from ``today``."""
    if value is None:
        return ""
    days = (today - value).days
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days == -1:
        return "tomorrow"
    if days < 0:
        return f"in {-days} days"
    if days < 14:
        return f"{days} days ago"
    if days < 60:
        return f"{days // 7} weeks ago"
    return f"{days // 30} months ago"
