"""Skill demand across job descriptions, merged spellings, weights and gaps."""

from __future__ import annotations

from datetime import date

from jobnotes.analysis.skills import (
    ALIASES,
    learning_progress,
    skill_demand,
    skill_key,
    skill_status,
    still_learning,
)
from jobnotes.settings import Settings
from tests.builders import app, d

TODAY = date(2024, 6, 14)


def by_name(demand):
    return {s.name: s for s in demand}


def test_spelling_variants_merge():
    apps = [
        app("a", skills=["postgres", "MS Excel", "power bi", "A/B testing", "ML"]),
        app("b", skills=["PostgreSQL.", "excel", "PowerBI", "ab testing", "machine  learning"]),
        app("c", skills=[" postgresql ", "JS"]),
    ]
    demand = by_name(skill_demand(apps, TODAY, Settings()))
    assert demand["PostgreSQL"].count == 3
    assert demand["Excel"].count == 2
    assert demand["Power BI"].count == 2
    assert demand["A/B testing"].count == 2
    assert demand["Machine learning"].count == 2
    assert demand["JavaScript"].count == 1
    assert len(demand) == 6


def test_display_name_is_the_most_common_spelling():
    apps = [app("a", skills=["Tableau"]), app("b", skills=["tableau"]),
            app("c", skills=["Tableau."]), app("d", skills=["Stakeholder  management"])]
    names = [s.name for s in skill_demand(apps, TODAY, Settings())]
    assert "Tableau" in names
    assert "Stakeholder management" in names
    assert len(names) == 2


def test_every_canonical_name_maps_to_itself():
    for canonical in set(ALIASES.values()):
        assert skill_key(canonical) == canonical.casefold()
        assert skill_key(canonical.upper()) == canonical.casefold()


def test_a_skill_listed_twice_in_one_note_counts_once():
    demand = skill_demand([app(skills=["SQL", "sql", ""])], TODAY, Settings())
    assert [(s.name, s.count, s.weight) for s in demand] == [("SQL", 1, 1)]


def test_weight_ranks_skills_from_applications_that_got_far():
    apps = [
        app("a1", skills=["Excel"]),
        app("a2", skills=["Excel"]),
        app("a3", skills=["Excel"]),
        app("deep", skills=["dbt"], status="rejected",
            interviews=[d("2024-06-03"), d("2024-06-05")], rejected=d("2024-06-07")),
        app("resp", skills=["Looker"], screening=d("2024-06-03")),
        app("offer", skills=["Python"], interviews=[d("2024-06-03")], offer=d("2024-06-07"),
            status="offer"),
    ]
    demand = skill_demand(apps, TODAY, Settings())
    assert [(s.name, s.weight, s.count) for s in demand] == [
        ("Python", 6, 1),      # offer
        ("dbt", 4, 1),         # rejected after interview 2 still weighs 2 + 2
        ("Excel", 3, 3),       # three applications with no reply
        ("Looker", 2, 1),      # a screening
    ]


def test_ties_break_on_count_then_name():
    apps = [app("a", skills=["Zeta", "Alpha", "gamma"]), app("b", skills=["Zeta"]),
            app("c", screening=d("2024-06-03"), skills=["Beta"])]
    ranked = skill_demand(apps, TODAY, Settings())
    assert [(s.name, s.weight, s.count) for s in ranked] == [
        ("Zeta", 2, 2), ("Beta", 2, 1), ("Alpha", 1, 1), ("gamma", 1, 1),
    ]


def test_many_interviews_never_outweigh_an_offer():
    many = app("many", skills=["Go"], interviews=[d(f"2024-06-0{n}") for n in range(1, 7)])
    offer = app("offer", skills=["Rust"], offer=d("2024-06-10"), status="offer")
    assert [s.name for s in skill_demand([many, offer], TODAY, Settings())] == ["Rust", "Go"]


def test_upcoming_interview_does_not_add_weight():
    a = app(skills=["SQL"], interviews=[d("2024-06-20")])
    assert skill_demand([a], TODAY, Settings())[0].weight == 2    # a response, no round yet


def test_status_have_learning_gap_with_aliases():
    settings = Settings(skills=["postgres", "Excel"], learning=["powerbi", "excel"])
    apps = [app(skills=["PostgreSQL", "MS Excel", "Power BI", "Kubernetes"])]
    status = {s.name: s.status for s in skill_demand(apps, TODAY, settings)}
    assert status == {"PostgreSQL": "have", "Excel": "have", "Power BI": "learning",
                      "Kubernetes": "gap"}
    assert skill_status("power bi", settings) == "learning"


def test_wishlist_counts_as_demand_without_weight_and_informational_is_left_out():
    apps = [app("w", status="wishlist", skills=["SQL"]),
            app("i", type="informational", skills=["SQL", "Networking"])]
    demand = skill_demand(apps, TODAY, Settings())
    assert [(s.name, s.count, s.weight) for s in demand] == [("SQL", 1, 0)]


def test_asking_applications_are_listed_furthest_first():
    apps = [app("a", company="Acme", skills=["SQL"]),
            app("b", company="Beta", skills=["sql"], screening=d("2024-06-03"))]
    asks = skill_demand(apps, TODAY, Settings())[0].applications
    assert [(a.slug, a.title, a.stage) for a in asks] == [
        ("b", "Beta — Data Analyst", "Screening"), ("a", "Acme — Data Analyst", "Applied"),
    ]
    assert asks[0].rel == "applications/b.md"


def test_learning_progress():
    settings = Settings(learning=["dbt", "Power BI", "powerbi", "Rust"])
    apps = [app("a", skills=["DBT", "PowerBI"]), app("b", skills=["dbt"])]
    progress = learning_progress(apps, TODAY, settings)
    assert [(p.name, p.count) for p in progress] == [("dbt", 2), ("Power BI", 1), ("Rust", 0)]


def test_a_skill_learned_is_named_as_the_demand_names_it():
    settings = Settings(learning=["data modeling", "rust"])
    progress = learning_progress([app("a", skills=["Data modeling"])], TODAY, settings)
    assert [p.name for p in progress] == ["Data modeling", "rust"]


def test_empty_input():
    assert skill_demand([], TODAY, Settings()) == []
    assert learning_progress([], TODAY, Settings()) == []


def test_a_skill_both_had_and_learning_counts_as_had_everywhere():
    settings = Settings(skills=["SQL", "Power BI"], learning=["sql", "powerbi", "dbt"])
    apps = [app("a", skills=["SQL", "Power BI", "dbt"])]
    assert [(p.name, p.count) for p in learning_progress(apps, TODAY, settings)] == [("dbt", 1)]
    status = {s.name: s.status for s in skill_demand(apps, TODAY, settings)}
    assert status == {"SQL": "have", "Power BI": "have", "dbt": "learning"}
    assert still_learning(settings) == [("dbt", "dbt")]
