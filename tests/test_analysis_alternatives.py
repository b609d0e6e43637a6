"""The alternatives track: informational interviews, contract roles, transferable skills."""

from __future__ import annotations

from datetime import date

from jobnotes.analysis.alternatives import (
    alternative_roles,
    informational_interviews,
    role_key,
    transferable_skills,
)
from jobnotes.analysis.skills import skill_demand
from jobnotes.settings import Settings
from tests.builders import app, d, person

TODAY = date(2024, 6, 14)


def test_informational_interviews_from_notes_and_people_by_date():
    apps = [
        app("chat-beta", company="Beta", role="Coffee chat", type="informational",
            interviews=[d("2024-06-05")], contacts=["Jane Doe"]),
        app("chat-gamma", company="Gamma", role="Intro call", type="informational",
            applied=d("2024-06-20")),
        app("job", interviews=[d("2024-06-04")]),
    ]
    people = [
        person("Jane Doe", company="Beta", informational=d("2024-06-05")),   # same chat
        person("Sam Roe", company="Delta", informational=d("2024-05-30")),
        person("No Chat", company="Delta", met=d("2024-05-01")),
    ]
    items = informational_interviews(apps, people, TODAY)
    assert [(i.date, i.source, i.title) for i in items] == [
        (d("2024-05-30"), "person", "Sam Roe"),
        (d("2024-06-05"), "application", "Beta — Coffee chat"),
        (d("2024-06-20"), "application", "Gamma — Intro call"),
    ]
    assert items[1].people == ("Jane Doe",)
    assert [i.upcoming for i in items] == [False, False, True]


def test_a_person_met_on_another_day_is_listed_separately():
    apps = [app("chat", type="informational", interviews=[d("2024-06-05")],
                contacts=["Jane Doe"])]
    people = [person("Jane Doe", informational=d("2024-03-01"))]
    assert len(informational_interviews(apps, people, TODAY)) == 2


def test_informational_interviews_empty():
    assert informational_interviews([], [], TODAY) == []


def test_alternative_roles_with_their_stage():
    apps = [
        app("free", company="Zed", type="freelance", screening=d("2024-06-03")),
        app("gig", company="Beta", type="contract", status="rejected",
            interviews=[d("2024-06-03"), d("2024-06-05")], rejected=d("2024-06-07")),
        app("pt", company="Acme", type="part-time"),
        app("ft", type="full-time"),
        app("chat", type="informational"),
    ]
    rows = alternative_roles(apps, TODAY, Settings())
    assert [(r.slug, r.type, r.status, r.stage, r.outcome) for r in rows] == [
        ("gig", "contract", "rejected", "Interview 2", "Rejected after interview 2"),
        ("free", "freelance", "applied", "Screening", "In process after screening"),
        ("pt", "part-time", "applied", "Applied", "Awaiting a response"),
    ]


def test_role_key_drops_seniority_and_contract_words():
    assert role_key("Senior Data Analyst (Remote)") == "data analyst"
    assert role_key("data analyst") == "data analyst"
    assert role_key("Data Analyst II - Part-time") == "data analyst"
    assert role_key("Lead") == "lead"        # nothing left: keep the title itself


def test_transferable_skills_span_different_roles():
    apps = [
        app("a", role="Data Analyst", skills=["SQL", "Stakeholder management"]),
        app("b", role="Senior Data Analyst", skills=["sql", "Tableau"]),
        app("c", role="Product Manager", skills=["Stakeholder management", "SQL"]),
        app("d", role="Operations Coordinator", status="wishlist",
            skills=["Stakeholder Management"]),
        app("e", role="Coffee chat", type="informational", skills=["Tableau"]),
    ]
    skills = transferable_skills(apps, Settings(skills=["sql"]))
    assert [(s.name, s.roles, s.count, s.status) for s in skills] == [
        ("Stakeholder management",
         ("Data Analyst", "Operations Coordinator", "Product Manager"), 3, "gap"),
        ("SQL", ("Data Analyst", "Product Manager"), 3, "have"),
    ]


def test_no_transferable_skills_for_a_single_role():
    apps = [app("a", skills=["SQL"]), app("b", role="Junior Data Analyst", skills=["SQL"])]
    assert transferable_skills(apps, Settings()) == []
    assert transferable_skills([], Settings()) == []


DESCRIBED = "## Job description\n\nStrong SQL and Looker; you will partner with our CRM team.\n"


def test_transferable_skills_count_as_the_skills_page_does():
    apps = [
        app("a", role="Data Analyst", skills=["SQL"]),
        app("b", role="Product Analyst", body=DESCRIBED, body_line=8),
        app("w", role="Analytics Engineer", status="wishlist", body=DESCRIBED, body_line=6),
        app("i", role="Coffee chat", type="informational", skills=["SQL", "Looker"]),
    ]
    settings = Settings(skills=["SQL"], learning=["Looker"])
    skills = {s.name: (s.count, s.roles, s.status) for s in transferable_skills(apps, settings)}
    assert skills == {
        "SQL": (3, ("Analytics Engineer", "Data Analyst", "Product Analyst"), "have"),
        "Looker": (2, ("Analytics Engineer", "Product Analyst"), "learning"),
    }
    asked = {d.name: d.count for d in skill_demand(apps, TODAY, settings)}
    assert all(asked[name] == count for name, (count, _, _) in skills.items())
    assert "CRM" not in asked        # a team worked with, not a skill
