"""The application funnel and the pipeline Sankey diagram."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date

import pytest

from jobnotes.analysis.funnel import funnel, sankey
from jobnotes.model import Application
from jobnotes.settings import Settings
from tests.builders import app, d

TODAY = date(2024, 6, 14)


def mixed() -> list[Application]:
    """Eleven notes: nine applications at every stage and outcome, two outside the funnel."""
    return [
        app("waiting", applied=d("2024-06-10")),
        app("silent", applied=d("2024-04-01")),
        app("ghost", status="ghosted", applied=d("2024-05-01")),
        app("screened-out", status="rejected", screening=d("2024-06-03"),
            rejected=d("2024-06-05")),
        app("three-rounds", status="rejected", screening=d("2024-05-03"),
            interviews=[d("2024-05-06"), d("2024-05-13"), d("2024-05-20")],
            rejected=d("2024-05-24")),
        app("in-process", status="interviewing", interviews=[d("2024-06-10"), d("2024-06-20")]),
        app("walked", status="withdrawn", interviews=[d("2024-06-04")],
            withdrawn=d("2024-06-06")),
        app("deciding", status="offer", interviews=[d("2024-06-03"), d("2024-06-05")],
            offer=d("2024-06-12")),
        app("hired", status="accepted", interviews=[d("2024-05-03")], offer=d("2024-05-10"),
            accepted=d("2024-05-12")),
        app("someday", status="wishlist"),
        app("coffee", type="informational", interviews=[d("2024-06-02")]),
    ]


def test_funnel_counts_each_stage_reached():
    f = funnel(mixed(), TODAY, Settings())
    assert [(s.label, s.count) for s in f.steps] == [
        ("Applied", 9), ("Response", 6), ("Interview", 5), ("Interview 2+", 2),
        ("Interview 3+", 1), ("Offer", 2), ("Accepted", 1),
    ]
    assert f.wishlist == 1
    assert f.informational == 1


def test_funnel_rates_between_consecutive_stages():
    f = funnel(mixed(), TODAY, Settings())
    assert f.rate("applied") is None
    assert f.rate("responded") == pytest.approx(6 / 9)
    assert f.rate("interviewed") == pytest.approx(5 / 6)
    assert f.rate("interview_2") == pytest.approx(2 / 5)
    # Of the one application with three rounds, none got an offer.
    assert f.rate("offer") == 0
    assert f.rate("accepted") == pytest.approx(1 / 2)
    assert f.step("offer").overall == pytest.approx(2 / 9)


def test_rejection_after_three_interviews_stays_in_the_funnel():
    a = app(status="rejected", interviews=[d("2024-05-06"), d("2024-05-13"), d("2024-05-20")],
            rejected=d("2024-05-24"))
    f = funnel([a], TODAY, Settings())
    assert f.count("interview_3") == 1
    assert f.count("offer") == 0


def test_upcoming_interview_not_counted_in_funnel():
    f = funnel([app(interviews=[d("2024-06-20")])], TODAY, Settings())
    assert f.count("responded") == 1
    assert f.count("interviewed") == 0


def test_a_rejection_without_a_screening_is_a_response_but_not_a_stage():
    bare = app("cv-stage", status="rejected", applied=d("2024-06-01"),
               rejected=d("2024-06-04"))
    f = funnel([bare, app("quiet", applied=d("2024-06-01"))], TODAY, Settings())
    assert (f.count("applied"), f.count("responded"), f.count("interviewed")) == (2, 1, 0)
    # The diagram draws the stages reached: it ends after applying, with no screening.
    s = sankey([bare], TODAY, Settings())
    assert [(n.label, n.value) for n in s.nodes] == [("Applied", 1),
                                                     ("Rejected after applying", 1)]
    # A rejection dated after today has not happened yet.
    later = funnel([bare], d("2024-06-03"), Settings())
    assert later.count("responded") == 0


def test_empty_funnel_has_no_rates():
    f = funnel([], TODAY, Settings())
    assert all(s.count == 0 for s in f.steps)
    assert all(s.rate is None and s.overall is None for s in f.steps)


def test_only_wishlist_and_informational_gives_an_empty_funnel():
    f = funnel([app(status="wishlist"), app("b", type="informational")], TODAY, Settings())
    assert f.count("applied") == 0
    assert (f.wishlist, f.informational) == (1, 1)


def _flows(s) -> tuple[Counter, Counter]:
    inflow: Counter = Counter()
    outflow: Counter = Counter()
    for link in s.links:
        outflow[link.source] += link.value
        inflow[link.target] += link.value
    return inflow, outflow


def test_sankey_conserves_flow():
    s = sankey(mixed(), TODAY, Settings())
    inflow, outflow = _flows(s)
    assert s.total == 9
    for node in s.nodes:
        assert node.value > 0
        if node.id == "applied":
            assert inflow[node.id] == 0 and outflow[node.id] == node.value == 9
        elif node.kind == "stage":
            assert inflow[node.id] == outflow[node.id] == node.value, node.id
        else:
            assert outflow[node.id] == 0 and inflow[node.id] == node.value, node.id
    ends = sum(n.value for n in s.nodes if n.kind != "stage")
    assert ends == 9
    ids = {n.id for n in s.nodes}
    assert all(link.source in ids and link.target in ids for link in s.links)


def test_sankey_paths_follow_the_stages_reached():
    s = sankey(mixed(), TODAY, Settings())
    labels = {n.id: n.label for n in s.nodes}
    links = {(labels[link.source], labels[link.target]): link.value for link in s.links}
    assert links == {
        ("Applied", "Screening"): 6,
        ("Applied", "Awaiting a response"): 1,
        ("Applied", "No response"): 2,
        ("Screening", "Interview 1"): 5,
        ("Screening", "Rejected after screening"): 1,
        ("Interview 1", "Interview 2"): 2,
        ("Interview 1", "Active after interview 1"): 1,
        ("Interview 1", "Withdrawn after interview 1"): 1,
        ("Interview 1", "Offer"): 1,
        ("Interview 2", "Interview 3"): 1,
        ("Interview 2", "Offer"): 1,
        ("Interview 3", "Rejected after interview 3"): 1,
        ("Offer", "Deciding"): 1,
        ("Offer", "Accepted"): 1,
    }


def test_sankey_columns_run_left_to_right():
    s = sankey(mixed(), TODAY, Settings())
    column = {n.id: n.column for n in s.nodes}
    assert column["applied"] == 0
    assert all(column[link.target] > column[link.source] for link in s.links)
    assert column["offer"] > column["interview-3"]


def test_sankey_only_lists_nodes_with_value():
    s = sankey([app(applied=d("2024-06-10"))], TODAY, Settings())
    assert [(n.label, n.value) for n in s.nodes] == [("Applied", 1), ("Awaiting a response", 1)]


def test_sankey_empty_and_excluded():
    assert sankey([], TODAY, Settings()).nodes == ()
    s = sankey([app(status="wishlist"), app("b", type="informational")], TODAY, Settings())
    assert (s.nodes, s.links, s.total) == ((), (), 0)


def test_results_do_not_depend_on_note_order():
    notes = mixed()
    shuffled = notes[:]
    random.Random(7).shuffle(shuffled)
    assert sankey(shuffled, TODAY, Settings()) == sankey(notes, TODAY, Settings())
    assert funnel(shuffled, TODAY, Settings()) == funnel(notes, TODAY, Settings())
