"""The feedback loop figures and the draft feedback email."""

from __future__ import annotations

from datetime import date
from html import unescape
from urllib.parse import unquote

from click.testing import CliRunner

from jobnotes.analysis.feedback import (
    feedback_email,
    feedback_mailto,
    feedback_stats,
    learning_sentence,
)
from jobnotes.analysis.postmortem import app_themes, is_rejection, theme_label
from jobnotes.cli import main
from jobnotes.load import load_vault
from jobnotes.model import Application, Person
from jobnotes.settings import Settings
from tests.conftest import EXAMPLE_VAULT, write_vault


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
    assert "behavioral" not in body and "system design" not in body    # private themes
    assert "\n3. " not in body          # the skills are asked about once, in question 1
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
    assert card.figure == "Feedback requested for 1 of 3 rejections; no request was needed for 1"
    assert "no one to ask after 1 rejection" in card.detail


# --- nothing private goes out ------------------------------------------------------------

def test_no_example_draft_mentions_the_notes_private_themes():
    vault = load_vault(EXAMPLE_VAULT, today=date(2026, 11, 27))
    rejected = [a for a in vault.applications if is_rejection(a)]
    themed = [a for a in rejected if app_themes(a, "improve")]
    assert len(themed) >= 5                       # the check below has something to check
    for one in themed:
        body = feedback_email(one, vault.people, vault.settings, date(2026, 11, 27)).body
        asked_for = {s.casefold() for s in one.skills}     # role skills may be named
        for theme in app_themes(one, "improve"):
            if theme_label(theme).casefold() in asked_for:
                continue
            assert theme_label(theme).casefold() not in body.casefold(), (one.rel, theme)
        assert "working on my" not in body and "#" not in body
    bodies = "\n".join(feedback_email(a, vault.people, vault.settings, date(2026, 11, 27)).body
                       for a in rejected)
    for private in ("salary negotiation", "tailoring resume", "python testing"):
        assert private not in bodies.casefold()


def test_a_post_mortem_stays_out_of_the_draft():
    secret = "I rambled about my old manager and froze on the salary question"
    note = app("a", skills=["dbt"], body=f"## Post-mortem\n\n{secret}\n\n"
                                          "#improve/salary-negotiation #improve/rambling\n")
    body = feedback_email(note, [], Settings()).body
    assert secret not in body and "salary" not in body and "rambling" not in body
    assert "I have been building up my dbt skills" in body


def test_the_learning_sentence_for_none_one_two_and_three_skills():
    assert learning_sentence([]) == "" and learning_sentence(["  "]) == ""
    tail = "; was that a gap you noticed, and what would you suggest I focus on?"
    assert learning_sentence(["dbt"]) == "I have been building up my dbt skills" + tail
    assert learning_sentence(["dbt", "Snowflake"]) == (
        "I have been building up my dbt and Snowflake skills" + tail)
    assert learning_sentence(["dbt", "Snowflake", "Airflow"]) == (
        "I have been building up my dbt, Snowflake and Airflow skills" + tail)
    assert learning_sentence(["communication skills"]) == (
        "I have been building up my communication skills" + tail)


def test_the_draft_names_at_most_three_missing_skills_and_none_when_all_are_had():
    many = app("a", skills=["SQL", "dbt", "Snowflake", "Airflow", "Looker"])
    body = feedback_email(many, [], Settings(skills=["SQL"])).body
    assert "3. I have been building up my dbt, Snowflake and Airflow skills; was that" in body
    assert "Looker" not in body and "SQL" not in body
    had = feedback_email(app("b", skills=["SQL"]), [], Settings(skills=["sql"])).body
    assert "building up" not in had and "\n3. " not in had
    bare = feedback_email(app("c", screening=d(20, 2)), [], Settings()).body
    assert "building up" not in bare and "\n3. " not in bare


def test_names_and_roles_written_oddly_still_make_a_proper_letter():
    recruiter = person("Ann, O'Neil; Jr", role="recruiter", email="ann+jobs@example.com")
    rejected = app("odd", role="Lead; Data, Analytics\n  Team", company="Acme\nGroup",
                   contacts=["Ann, O'Neil; Jr"])
    address, subject, body = decode(feedback_mailto(rejected, [recruiter], Settings()))
    assert address == "ann+jobs@example.com"
    assert body.startswith("Hi Ann,\n\n")
    assert subject == "Thank you — Lead; Data, Analytics Team at Acme Group"
    assert "the Lead; Data, Analytics Team role at Acme Group." in body
    doctor = person("Dr. Mia Holt, PhD", role="recruiter")
    email = feedback_email(app("b", contacts=["Dr. Mia Holt, PhD"]), [doctor], Settings())
    assert email.body.startswith("Hi Dr. Holt,\n")
