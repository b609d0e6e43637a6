"""Contacts: last contact, warmth, what is due, and who you know at each company."""

from __future__ import annotations

from datetime import date, timedelta

from jobnotes.analysis.network import (
    almost_due,
    going_cold,
    network,
    people_by_company,
    thank_you_on_time,
)
from jobnotes.model import Application, Person
from jobnotes.settings import Settings

TODAY = date(2025, 6, 30)


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def person(name: str, **fields) -> Person:
    return Person(rel=f"people/{name}.md", slug=name.lower().replace(" ", "-"), name=name,
                  **fields)


def app(name: str, company: str, **fields) -> Application:
    return Application(rel=f"applications/{name}.md", slug=name, stem=name, company=company,
                       role="Analyst", status=fields.pop("status", "applied"), **fields)


def test_last_contact_includes_interviews_of_linked_applications():
    jane = person("Jane Doe", company="Acme", met=days_ago(40), touches=[days_ago(30)])
    acme = app("acme", "Acme", interviews=[days_ago(10), TODAY + timedelta(days=3)],
               contacts=["[[Jane Doe|Jane]]"])
    (entry,) = network([jane], [acme], Settings(), TODAY)
    assert entry.last_contact == days_ago(10)        # the upcoming interview does not count
    assert entry.days_since == 10 and entry.warmth == "warm"
    assert [a.rel for a in entry.applications] == ["applications/acme.md"]
    assert [(d.kind, d.due) for d in entry.due] == [
        # The connection fell due 37 days ago: more than 30 days late, it is dropped.
        # After the interview (Friday 20 June), not the meeting; due on the Monday.
        ("thank-you", days_ago(7)),
        ("touch", days_ago(10) + timedelta(90)),
    ]


def test_warmth_boundaries():
    settings = Settings()                            # touch every 90 days
    people = [
        person("A Warm", touches=[days_ago(75)]),
        person("B Cooling", touches=[days_ago(76)]),
        person("C Edge", touches=[days_ago(90)]),
        person("D Cold", touches=[days_ago(91)]),
        person("E Unknown"),
    ]
    entries = network(people, [], settings, TODAY)
    assert [(e.name, e.warmth) for e in entries] == [
        ("A Warm", "warm"), ("B Cooling", "cooling"), ("C Edge", "cooling"),
        ("D Cold", "cold"), ("E Unknown", "unknown")]
    # Going cold is past touch_days only; the two almost due are a group of their own.
    assert [e.name for e in going_cold(entries)] == ["D Cold"]
    assert [e.name for e in almost_due(entries)] == ["C Edge", "B Cooling"]


def test_a_person_with_no_dates_has_nothing_due():
    (entry,) = network([person("New Contact")], [], Settings(), TODAY)
    assert entry.last_contact is None and entry.due == () and entry.days_since is None


def test_thank_you_on_time():
    settings = Settings()                            # 24 hours: the day after
    on_time = person("A", met=days_ago(5), thanked=days_ago(4))
    late = person("B", met=days_ago(5), thanked=days_ago(2))
    missed = person("C", met=days_ago(5))
    pending = person("D", met=TODAY)
    assert thank_you_on_time(on_time, [], settings, TODAY) is True
    assert thank_you_on_time(late, [], settings, TODAY) is False
    assert thank_you_on_time(missed, [], settings, TODAY) is False
    assert thank_you_on_time(pending, [], settings, TODAY) is None
    assert thank_you_on_time(person("E"), [], settings, TODAY) is None


def test_people_by_company():
    people = [
        person("Jane Doe", company="Acme Corp", role="interviewer"),
        person("Rita Recruiter", company="Talent Agency", role="recruiter"),
        person("Sam Peer", company="acme corp"),
    ]
    apps = [
        app("acme", "ACME Corp", contacts=["Rita Recruiter"]),
        app("beta", "Beta"),
        app("beta-2", "beta"),
        app("acme-2", "Acme Corp"),
    ]
    index = people_by_company(people, apps)
    assert [c.company for c in index.known] == ["Acme Corp", "Talent Agency"]
    acme = index.known[0]
    assert [(p.name, p.works_there) for p in acme.people] == [
        ("Jane Doe", True), ("Sam Peer", True), ("Rita Recruiter", False)]
    assert [a.rel for a in acme.applications] == ["applications/acme-2.md",
                                                  "applications/acme.md"]
    assert [(c.company, len(c.applications)) for c in index.nobody] == [("Beta", 2)]


def test_empty_network():
    assert network([], [], Settings(), TODAY) == ()
    index = people_by_company([], [])
    assert index.known == () and index.nobody == ()
