"""Post-mortem completeness and the digest across notes."""

from __future__ import annotations

import textwrap
from datetime import date

from jobnotes.analysis.postmortem import (
    digest,
    find_tags,
    post_mortem,
    subsection_name,
)
from jobnotes.model import Application

TODAY = date(2025, 3, 10)


def app(name: str, status: str = "rejected", body: str = "", body_line: int = 1,
        **fields) -> Application:
    fields.setdefault("applied", date(2025, 2, 1))
    if status == "rejected":
        fields.setdefault("rejected", date(2025, 3, 1))
    return Application(rel=f"applications/{name}.md", slug=name, stem=name,
                       company=name.capitalize(), role="Analyst", status=status,
                       body=textwrap.dedent(body).lstrip("\n"), body_line=body_line, **fields)


PARTIAL = """
    ## Notes

    Went fine.

    ## Post-mortem

    ### Job description match

    Strong match on SQL. #strength/sql

    ### Resume & cover letter

    <!-- Was it tailored? -->

    ### Interviews

    Rambled on the conflict question. #improve/behavioral-answers

    ### Action plan

    - [ ] Practise STAR answers with a friend
    - [x] Rewrite the project summary
    - [ ]
"""


def test_rejected_after_three_interviews_expects_every_stage_reached():
    three = app("acme", screening=date(2025, 2, 5),
                interviews=[date(2025, 2, 10), date(2025, 2, 17), date(2025, 2, 24)])
    review = post_mortem(three, TODAY)
    assert review.stage.label == "Interview 3"
    assert review.expected == ("Job description match", "Resume and cover letter",
                               "Screening", "Interviews", "Follow-up", "What went well",
                               "What to improve", "Action plan")
    assert review.missing == review.expected and not review.started


def test_no_interview_section_expected_when_rejected_after_applying():
    review = post_mortem(app("beta"), TODAY)
    assert "Interviews" not in review.expected and "Screening" not in review.expected
    # The follow-up is the user's own part after the last stage reached: always asked for.
    assert review.expected == ("Job description match", "Resume and cover letter",
                               "Follow-up", "What went well", "What to improve",
                               "Action plan")


def test_a_partly_written_post_mortem_lists_what_is_missing():
    partial = app("acme", body=PARTIAL, body_line=12, interviews=[date(2025, 2, 20)])
    review = post_mortem(partial, TODAY)
    # A comment only is not content; the Resume heading's "&" spelling is understood.
    assert review.written == ("Job description match", "Interviews", "Action plan")
    assert review.missing == ("Resume and cover letter", "Follow-up", "What went well",
                              "What to improve")
    assert review.has_action_plan
    assert (review.open_actions, review.done_actions) == (1, 1)
    assert review.line == 12 + 4            # "## Post-mortem" is body line 5
    assert not review.complete


def test_the_empty_template_counts_as_not_written():
    template = """
        ## Post-mortem

        ### Job description match


        ### What went well


        ### Action plan

        - [ ]{space}
    """.replace("{space}", " ")
    review = post_mortem(app("acme", body=template), TODAY)
    assert review.written == () and not review.has_action_plan


def test_heading_spellings():
    assert subsection_name("Resume & Cover Letter") == "Resume and cover letter"
    assert subsection_name("Interview 2") == "Interviews"
    assert subsection_name("Action plan:") == "Action plan"
    assert subsection_name("Lunch") is None


def test_tags_in_code_are_not_tags_and_numbers_are_not_tags():
    text = textwrap.dedent("""
        Real #improve/sql-joins here, issue #123 is not a tag.
        Inline `#improve/in-code` is code.

        ```
        #improve/in-fence
        ```

            #improve/indented-code

        a#improve/glued is not a tag; (#strength/python) is.
    """).lstrip("\n")
    assert find_tags(text) == [("improve/sql-joins", 1), ("strength/python", 10)]


def test_digest_themes_count_notes_and_cite_file_lines():
    one = app("acme", body=PARTIAL, body_line=12, interviews=[date(2025, 2, 20)])
    two = app("beta", body="## Post-mortem\n\n### What to improve\n\n"
                           "#improve/Behavioral-answers again, #improve/behavioral-answers\n")
    three = app("gamma", status="applied", body="Code: `#improve/behavioral-answers`\n")
    result = digest([three, two, one], TODAY)
    top = result.themes[0]
    assert (top.tag, top.count, top.label) == ("improve/behavioral-answers", 2,
                                               "behavioral answers")
    assert [(c.rel, c.line) for c in top.citations] == [
        ("applications/acme.md", 12 + 16), ("applications/beta.md", 5)]
    assert [t.tag for t in result.strengths] == ["strength/sql"]


def test_digest_action_items_and_where_rejections_happen():
    one = app("acme", body=PARTIAL, body_line=12, interviews=[date(2025, 2, 20)])
    two = app("beta")
    three = app("gamma", screening=date(2025, 2, 3))
    withdrawn = app("delta", status="withdrawn", withdrawn=date(2025, 3, 5))
    still_open = app("eps", status="applied")
    result = digest([one, two, three, withdrawn, still_open], TODAY)
    assert result.rejections == 3
    assert [(s.key, s.count) for s in result.by_stage] == [
        ("applied", 1), ("response", 1), ("interview-1", 1)]
    assert [(a.text, a.done, a.line) for a in result.actions] == [
        ("Practise STAR answers with a friend", False, 12 + 20),
        ("Rewrite the project summary", True, 12 + 21),
    ]
    assert [a.text for a in result.open_actions] == ["Practise STAR answers with a friend"]
    # One per rejection, the most recent first. Withdrawing was the user's own choice:
    # no post-mortem is asked for it.
    assert [(p.rel, p.outcome) for p in result.completeness] == [
        ("applications/acme.md", "rejected"), ("applications/beta.md", "rejected"),
        ("applications/gamma.md", "rejected")]


def test_a_post_mortem_written_for_a_withdrawn_application_still_counts_its_themes():
    body = """
        ## Post-mortem

        ### What to improve

        Ask about the team earlier. #improve/questions-to-ask

        ### Action plan

        - [ ] Write three questions before each call
    """
    withdrawn = app("delta", status="withdrawn", withdrawn=date(2025, 3, 5), body=body)
    result = digest([withdrawn], TODAY)
    assert result.completeness == () and result.rejections == 0
    assert [t.tag for t in result.improve] == ["improve/questions-to-ask"]
    assert [a.text for a in result.open_actions] == ["Write three questions before each call"]


def test_empty_digest():
    result = digest([], TODAY)
    assert (result.rejections, result.by_stage, result.themes, result.actions) == (0, (), (), ())
