"""Rules across notes: unknown contacts, duplicate applications and people."""

from __future__ import annotations

from jobnotes.crosscheck import cross_check
from jobnotes.diagnostics import Severity
from jobnotes.model import Application, Person, Pos
from jobnotes.settings import Settings


def app(rel: str, company: str = "Acme", role: str = "Analyst",
        contacts: list[str] | None = None) -> Application:
    contacts = contacts or []
    positions = {"company": Pos(2, 10), "role": Pos(3, 7), "contacts": Pos(6, 11)}
    positions |= {f"contacts[{i}]": Pos(7 + i, 5) for i in range(len(contacts))}
    return Application(rel=rel, slug="", stem=rel.rsplit("/", 1)[-1][:-3], company=company,
                       role=role, status="applied", contacts=contacts, positions=positions)


def person(rel: str) -> Person:
    return Person(rel=rel, slug="", name=rel.rsplit("/", 1)[-1][:-3])


def test_known_contacts_match_case_insensitively() -> None:
    found = cross_check([app("applications/a.md", contacts=["jane doe"])],
                        [person("people/Jane Doe.md")], Settings())
    assert found == []


def test_unknown_contact_is_reported_at_its_item_with_did_you_mean() -> None:
    apps = [app("applications/a.md", contacts=["Jane Doe", "Jon Roe"])]
    people = [person("people/Jane Doe.md"), person("people/John Roe.md")]
    [d] = cross_check(apps, people, Settings())
    assert (d.rule, d.severity, d.path, d.line, d.column) == (
        "contact-unknown", Severity.WARNING, "applications/a.md", 8, 5)
    assert d.message == "contact `Jon Roe` has no note in people/"
    assert d.hint.startswith("did you mean `[[John Roe]]`?")
    assert 'jobnotes new --person "Jon Roe"' in d.hint


def test_unknown_contact_without_a_close_name_gets_the_create_hint() -> None:
    [d] = cross_check([app("applications/a.md", contacts=["Zed"])], [], Settings())
    assert d.hint == 'create it with: jobnotes new --person "Zed"'


def test_same_company_and_role_is_a_duplicate_on_the_second_note() -> None:
    apps = [app("applications/b.md", company="ACME ", role="data  analyst"),
            app("applications/a.md", company="Acme", role="Data Analyst")]
    [d] = cross_check(apps, [], Settings())
    assert (d.rule, d.severity, d.path, d.line, d.column) == (
        "duplicate-application", Severity.WARNING, "applications/b.md", 3, 7)
    assert "applications/a.md" in d.message


def test_same_company_different_role_is_fine() -> None:
    apps = [app("applications/a.md", role="Analyst"), app("applications/b.md", role="Engineer")]
    assert cross_check(apps, [], Settings()) == []


def test_same_person_in_two_folders() -> None:
    people = [person("people/Jane Doe.md"), person("people/acme/jane doe.md")]
    [d] = cross_check([], people, Settings())
    assert (d.rule, d.severity, d.path) == (
        "duplicate-person", Severity.WARNING, "people/acme/jane doe.md")
    assert "people/Jane Doe.md" in d.message
