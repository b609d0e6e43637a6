"""``event_days`` is the days of ``timeline``, whatever dates a note has, and the latest
of them is ``stages.last_activity`` when nothing lies ahead and no follow-up is logged."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from jobnotes.analysis.overview import event_days, timeline
from jobnotes.analysis.stages import last_activity
from tests.builders import app

LAST = date(2027, 12, 31)
DATES = st.one_of(st.none(), st.dates(date(2024, 1, 1), LAST))
KEYS = ("applied", "screening", "offer", "accepted", "declined", "rejected", "withdrawn",
        "feedback_requested", "feedback_received")


@given(st.fixed_dictionaries({key: DATES for key in KEYS}),
       st.lists(st.dates(date(2024, 1, 1), LAST), max_size=4))
def test_event_days_are_the_timeline_days(dates, interviews):
    note = app(**dates, interviews=interviews)
    assert sorted(event_days(note)) == [event.day for event in timeline(note)]
    expected = max((event.day for event in timeline(note)), default=None)
    assert last_activity(note, LAST) == expected
