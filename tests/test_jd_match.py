"""Match score per application, the skills it lists, and stage reached by match band."""

from __future__ import annotations

from datetime import date

import pytest

from jobnotes.jd.match import (
    BANDS,
    GAP,
    HAVE,
    LEARNING,
    OPTIONAL_WEIGHT,
    JobSkill,
    band_of,
    match_all,
    match_application,
    match_payoff,
    score_of,
)
from jobnotes.jd.vocabulary import vocabulary_for
from jobnotes.model import Application
from jobnotes.settings import Settings
from tests import builders
from tests.builders import d

TODAY = date(2024, 6, 14)


def app(slug: str = "a", description: str | None = None, **kw) -> Application:
    if description is not None:
        kw["body"] = (f"## Job description\n\n{description}\n\n"
                      "## Notes\n\nPython here is not asked.\n")
    return builders.app(slug, body_line=9, **kw)


def match(application: Application, settings: Settings):
    return match_application(application, vocabulary_for([application], settings), settings)


SETTINGS = Settings(skills=["SQL", "Python", "Tableau", "Git"], learning=["dbt"])


def skill(required: bool, status: str) -> JobSkill:
    return JobSkill("x", "x", "data", required, status, False, True, 1, 1)


def test_score_formula_counts_nice_to_have_lightly():
    skills = [skill(True, HAVE), skill(True, HAVE), skill(True, GAP),
              skill(False, HAVE), skill(False, GAP)]
    # (2 + 0.25 * 1) / (3 + 0.25 * 2) = 2.25 / 3.5
    assert score_of(skills) == pytest.approx(2.25 / 3.5)
    assert OPTIONAL_WEIGHT == 0.25
    assert score_of([skill(True, LEARNING)]) == 0.0         # learning is not had yet
    assert score_of([skill(False, HAVE)]) == 1.0
    assert score_of([]) is None


def test_match_marks_each_skill_and_lists_the_missing_ones():
    description = (
        "You have SQL, Python and Snowflake, and you are learning dbt.\n\n"
        "Nice to have:\n- Tableau\n- Looker\n"
    )
    result = match(app("a", description, skills=["SQL", "retail analytics"]), SETTINGS)
    rows = {s.name: s for s in result.skills}
    assert [s.name for s in result.required] == [
        "SQL", "Python", "Snowflake", "dbt", "retail analytics"]
    assert [s.name for s in result.optional] == ["Tableau", "Looker"]
    assert rows["SQL"].listed and rows["SQL"].extracted and rows["SQL"].line == 11
    assert rows["Python"].status == HAVE and not rows["Python"].listed
    assert rows["dbt"].status == LEARNING
    assert rows["Snowflake"].status == GAP
    # Written in skills: but not named in the description: required, the user's word.
    assert rows["retail analytics"].required and not rows["retail analytics"].extracted
    assert rows["retail analytics"].line == 0
    assert [s.name for s in result.missing] == ["Snowflake", "dbt", "retail analytics"]
    assert [s.name for s in result.gaps] == [
        "Snowflake", "dbt", "retail analytics", "Looker"]
    # required: 2 of 5 had; nice to have: 1 of 2 -> (2 + 0.25) / (5 + 0.5)
    assert result.score == pytest.approx(2.25 / 5.5)
    assert result.percent == 41
    assert result.band is not None and result.band.key == "below-50"
    assert (result.required_have, result.optional_have) == (2, 1)


def test_spellings_merge_between_settings_skills_and_description():
    settings = Settings(skills=["postgres", "ms excel", "JS"])
    result = match(app("a", "PostgreSQL, Excel and JavaScript", skills=["PostgreSQL"]),
                   settings)
    assert result.percent == 100
    assert all(s.status == HAVE for s in result.skills)


def test_skills_without_description_still_score():
    result = match(app("a", None, skills=["SQL", "Kafka"]), SETTINGS)
    assert not result.has_description
    assert result.percent == 50


def test_no_skills_at_all_means_no_score():
    result = match(app("a", "A friendly team in a nice office."), SETTINGS)
    assert result.has_description
    assert result.score is None and result.percent is None and result.band is None


def test_json_shape():
    data = match(app("a", "SQL and Snowflake"), SETTINGS).as_dict()
    assert data["percent"] == 50
    assert data["band"] == "50-75"
    assert data["required"] == {"have": 1, "total": 2}
    assert data["missing"] == ["Snowflake"]
    assert data["skills"][0] == {
        "name": "SQL", "key": "sql", "field": "data", "required": True, "status": "have",
        "listed": False, "extracted": True, "line": 11, "column": 1, "through": [],
    }


@pytest.mark.parametrize(("percent", "band"), [
    (0, "below-50"), (49, "below-50"), (50, "50-75"), (75, "50-75"), (76, "above-75"),
    (100, "above-75"), (None, None),
])
def test_bands_by_whole_percent(percent, band):
    found = band_of(percent)
    assert (found.key if found else None) == band


def test_band_labels():
    assert [b.label for b in BANDS] == ["below 50 %", "50–75 %", "above 75 %"]


def test_match_all_skips_informational_interviews():
    apps = [app("a", "SQL"), app("b", "SQL", type="informational")]
    assert [m.slug for m in match_all(apps, SETTINGS)] == ["a"]


def test_does_matching_pay_off():
    apps = [
        # above 75 %: one offer, one interview
        app("hi1", "SQL and Python", offer=d("2024-06-10"), interviews=[d("2024-06-05")]),
        app("hi2", "SQL, Python and Tableau", interviews=[d("2024-06-05")]),
        # 50-75 %: one screening only
        app("mid", "SQL and Snowflake", screening=d("2024-06-03")),
        # below 50 %: no response, and an interview still to come (a response, no interview)
        app("lo1", "Snowflake, Kafka and SQL"),
        app("lo2", "Snowflake and Kafka", interviews=[d("2024-06-20")]),
        # left out: no skill at all, a wishlist entry, an informational interview
        app("none", "A friendly team."),
        app("wish", "SQL", status="wishlist"),
        app("info", "SQL", type="informational"),
    ]
    payoff = match_payoff(apps, SETTINGS, TODAY)
    low, mid, high = payoff.bands
    assert (high.applications, high.response, high.interview, high.offer) == (2, 2, 2, 1)
    assert (mid.applications, mid.response, mid.interview, mid.offer) == (1, 1, 0, 0)
    assert (low.applications, low.response, low.interview, low.offer) == (2, 1, 0, 0)
    assert payoff.unscored == 1
    assert payoff.scored == 5
    assert high.interview_rate == 1.0 and low.response_rate == 0.5
    assert [m.slug for m in low.members] == ["lo1", "lo2"]       # best match first
    assert low.members[0].percent == 33
    assert high.members[0].stage_label == "Offer"
    empty = match_payoff([], SETTINGS, TODAY)
    assert [b.applications for b in empty.bands] == [0, 0, 0]
    assert empty.bands[0].response_rate is None


def test_payoff_reuses_matches():
    apps = [app("a", "SQL"), app("b", "Kafka", status="wishlist")]
    matches = match_all(apps, SETTINGS)
    payoff = match_payoff(apps, SETTINGS, TODAY, matches=matches)
    assert [b.applications for b in payoff.bands] == [0, 0, 1]


def test_a_team_worked_with_and_a_pull_request_leave_the_score_alone():
    description = ("You will partner with our customer success team and open a PR for "
                   "each change.\n\n- SQL and Python\n")
    found = match(app(description=description), Settings(skills=["SQL"]))
    assert [s.name for s in found.skills] == ["SQL", "Python"]
    assert found.percent == 50
