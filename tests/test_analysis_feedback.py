"""The feedback loop figures and the draft feedback email."""

from __future__ import annotations

from datetime import date
from urllib.parse import unquote

from jobnotes.analysis.feedback import feedback_email, feedback_mailto, feedback_stats
from jobnotes.model import Application, Person
from jobnotes.settings import Settings


def d(day: int, month: int = 3) -> date:
    return date(2025, month, day)


def app(name: str, status: str = "rejected", **fields) -> Application:
    fields.setdefault("applied", d(1, 2))
    if status == "rejected":
        fields.setdefault("rejected", d(1))
    return Application(rel=f"applications/{name}.md", slug=name, stem=name,
                       company=fields.pop("company", "Acme"),
                       role=fields.pop("role", "Data Analyst"), status=status, **fields)


def person(name: str, role: str | None = None, email: str | None = None) -> Person:
    return Person(rel=f"people/{name}.md", slug=name.lower().replace(" ", "-"), name=name,
                  role=role, email=email)


def decode(url: str) -> tuple[str, str, str]:
    """(address, subject, body) of a mailto URL, line breaks back to "\\n"."""
    assert url.startswith("mailto:")
    address, _, query = url[len("mailto:"):].partition("?")
    params = dict(part.split("=", 1) for part in query.split("&"))
    return (unquote(address), unquote(params["subject"]),
            unquote(params["body"]).replace("\r\n", "\n"))


# --- figures -----------------------------------------------------------------------------

def test_feedback_rate_and_medians():
    apps = [
        app("a", feedback_requested=d(2), feedback_received=d(9)),      # 1 day, 7 days
        app("b", feedback_requested=d(4)),                             # 3 days, no reply
        app("c", feedback_requested=d(3), feedback_received=d(6)),      # 2 days, 3 days
        app("d", rejected=d(5)),                                       # never asked
        app("e", feedback_received=d(8)),                              # unsolicited
        app("f", "applied"),
    ]
    stats = feedback_stats(apps)
    assert (stats.rejections, stats.requested, stats.received, stats.unsolicited) == (5, 3, 2, 1)
    assert stats.rate == 2 / 3
    assert [r.rel for r in stats.without_request] == ["applications/d.md"]
    assert stats.median_days_to_request == 2.0
    assert stats.median_days_to_reply == 5.0


def test_no_requests_means_no_rate():
    stats = feedback_stats([app("a")])
    assert stats.rate is None and stats.median_days_to_request is None


# --- the draft email ---------------------------------------------------------------------

PEOPLE = [
    person("Jane Doe", "interviewer"),                       # no email
    person("Rita Recruiter", "recruiter", "rita@acme.example"),
    person("Bob Roe", "hiring-manager", "bob@acme.example"),
    person("Rob Ref", "referrer", "rob@example.org"),
]


def test_mailto_round_trip_after_interviews():
    rejected = app("a", interviews=[d(10, 2), d(17, 2), d(24, 2)],
                   contacts=["Rob Ref", "Jane Doe", "rita recruiter", "Bob Roe"],
                   skills=["SQL", "dbt", "Airflow", "Excel"],
                   body="## Post-mortem\n\n#improve/behavioral-answers and "
                        "#improve/system-design\n")
    settings = Settings(owner="Maya Lindqvist")
    url = feedback_mailto(rejected, PEOPLE, settings)
    assert "+" not in url and "%20" in url and " " not in url
    address, subject, body = decode(url)
    email = feedback_email(rejected, PEOPLE, settings)
    assert (address, subject, body) == (email.to, email.subject, email.body)
    assert address == "rita@acme.example"          # first able contact with an address
    assert subject == "Thank you — Data Analyst at Acme"
    assert body.startswith("Hi Rita,\n\n")
    assert "the Data Analyst role at Acme" in body
    assert "please pass my thanks to Jane Doe and Bob Roe" in body
    assert "such as SQL, dbt or Airflow" in body
    assert "interview answer" in body
    assert "3. I am working on my behavioral answers and system design" in body
    assert body.endswith("Best regards,\nMaya Lindqvist")


def test_screening_questions_ask_about_fit_of_experience():
    rejected = app("a", screening=d(20, 2), contacts=["Jane Doe"])
    body = feedback_email(rejected, PEOPLE, Settings()).body
    assert body.startswith("Hi Jane,")
    assert "How well did my experience match" in body
    assert "interview answer" not in body
    assert body.count("\n1. ") == 1 and "\n3. " not in body
    assert body.endswith("Best regards,")            # no owner set: no name


def test_no_contact_with_an_address_means_no_recipient():
    rejected = app("a", contacts=["Jane Doe", "Nobody Known"])
    email = feedback_email(rejected, PEOPLE, Settings())
    assert email.to is None
    url = feedback_mailto(rejected, PEOPLE, Settings())
    assert url.startswith("mailto:?subject=")
    assert "resume or cover letter" in decode(url)[2]


def test_no_contacts_at_all():
    email = feedback_email(app("a", company="Beta & Co"), [], Settings())
    assert email.body.startswith("Hello,\n")
    assert decode(feedback_mailto(app("a", company="Beta & Co"), [], Settings()))[1] == (
        "Thank you — Data Analyst at Beta & Co")
