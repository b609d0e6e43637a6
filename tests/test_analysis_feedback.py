"""The feedback loop figures and the draft feedback email."""

from __future__ import annotations

from datetime import date
from html import unescape
from urllib.parse import unquote

from click.testing import CliRunner

from jobnotes.analysis.feedback import feedback_email, feedback_mailto, feedback_stats
from jobnotes.cli import main
from jobnotes.model import Application, Person
from jobnotes.settings import Settings
from tests.conftest import write_vault


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


def test_one_interview_is_thanked_for_in_the_singular():
    one = app("a", interviews=[d(10, 2)], contacts=["Bob Roe"])
    body = feedback_email(one, PEOPLE, Settings()).body
    assert "Thank you as well for the interview. I enjoyed" in body
    assert "interviews" not in body
    two = app("b", interviews=[d(10, 2), d(17, 2)], contacts=["Bob Roe"])
    assert "Thank you as well for the interviews. I enjoyed" in feedback_email(
        two, PEOPLE, Settings()).body


def test_the_skills_question_reads_well_with_and_without_skills():
    bare = feedback_email(app("a", interviews=[d(10, 2)]), [], Settings()).body
    assert "1. Were there specific skills where another candidate had a stronger " \
           "background?" in bare
    named = feedback_email(app("b", interviews=[d(10, 2)], skills=["SQL"]), [],
                           Settings()).body
    assert "Were there specific skills, such as SQL, where another candidate" in named


def test_the_skills_question_names_gaps_not_strengths():
    rejected = app("a", interviews=[d(10, 2)], skills=["SQL", "dbt", "BigQuery", "Looker",
                                                        "Python"])
    body = feedback_email(rejected, [], Settings(skills=["sql", "Python"])).body
    assert "such as dbt, BigQuery or Looker," in body and "SQL" not in body
    strong = feedback_email(app("b", interviews=[d(10, 2)], skills=["SQL"]), [],
                            Settings(skills=["SQL"])).body
    assert "Were there specific skills where another candidate" in strong


def test_an_unsigned_draft_says_so_and_a_signed_one_does_not():
    assert feedback_email(app("a"), [], Settings()).signed is False
    assert feedback_email(app("a"), [], Settings(owner="  ")).signed is False
    assert feedback_email(app("a"), [], Settings(owner="Maya")).signed is True


def _application_page(tmp_path, settings: str) -> str:
    root = write_vault(tmp_path / "vault", {
        "jobnotes.toml": settings,
        "applications/acme.md": """\
            ---
            company: Acme
            role: Data Analyst
            status: rejected
            channel: job-board
            applied: 2026-11-02
            interviews: [2026-11-10]
            rejected: 2026-11-20
            ---
            """})
    out = tmp_path / "site"
    result = CliRunner().invoke(main, ["build", str(root), "-o", str(out),
                                       "--today", "2026-11-27"])
    assert result.exit_code == 0, result.output
    return (out / "applications" / "acme.html").read_text(encoding="utf-8")


def test_the_page_tells_how_to_sign_the_draft_when_owner_is_empty(tmp_path):
    page = unescape(_application_page(tmp_path / "unsigned", 'owner = ""\n'))
    assert 'set <code>owner = "Your Name"</code> in <code>jobnotes.toml</code> to sign it' \
        in page
    assert "Thank you as well for the interview. I enjoyed" in page
    signed = unescape(_application_page(tmp_path / "signed", 'owner = "Maya Lindqvist"\n'))
    assert "to sign it" not in signed
    assert "Best regards,\nMaya Lindqvist" in signed


def test_no_one_to_ask_is_neither_a_request_nor_a_missing_one():
    from jobnotes.analysis.scorecard import scorecard

    apps = [app("asked", feedback_requested=d(2)), app("nobody", feedback_not_possible=True),
            app("forgot")]
    stats = feedback_stats(apps)
    assert (stats.rejections, stats.requested, stats.not_possible) == (3, 1, 1)
    assert [a.rel for a in stats.without_request] == ["applications/forgot.md"]
    card = {p.key: p for p in scorecard(apps, [], Settings(), d(20))}["feedback"]
    assert card.figure == "Feedback requested for 1 of 3 rejections"
    assert "no one to ask after 1 rejection" in card.detail
