"""A spelling added to, changed in or removed from any note's ``skills:`` changes the
vocabulary every description is read with; the skills cache then reads again only the
descriptions that name one of the spellings that changed (tests/test_skill_cache.py), and
what it keeps for the others is exactly what reading them again would find (here)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobnotes.jd import extract
from jobnotes.jd.extract import extract_skills, job_description
from jobnotes.jd.skillcache import SkillStore
from jobnotes.jd.vocabulary import vocabulary_for
from jobnotes.model import Application
from jobnotes.settings import Settings
from tests.test_skill_cache import fresh_run

# --- the skills kept for a description are those a fresh read finds ------------------------

PHRASES = ["SQL", "Python", "Quasarflow", "quasar flow", "Quasar-Flow", "QuasarFlow",
           "Zebra Grooming", "zebra-\ngrooming", "R", "R&D", "Data Ops", "dataops",
           "Looker", "dbt", "C++", "Postgres", "http://example.com/quasarflow",
           "<!-- Zebra Grooming -->", "Nice to have:", "a plus", "and", ",", ".", "\n\n", "-"]
SPELLINGS = ["Quasarflow", "QuasarFlow", "quasar flow", "Zebra Grooming", "R", "Data Ops",
             "dataops", "Underwater Welding", "Postgres", "SQL", "Qf", "zebra-grooming"]

descriptions = st.lists(st.lists(st.sampled_from(PHRASES), max_size=12).map(" ".join),
                        min_size=1, max_size=4)
spelling_lists = st.lists(st.sampled_from(SPELLINGS), max_size=3)


def applications(texts: list[str], lists: list[list[str]]) -> list[Application]:
    return [Application(rel=f"applications/n{n}.md", slug=f"n{n}", stem=f"n{n}",
                        company=f"Co {n}", role="Analyst", status="applied",
                        skills=list(lists[n % len(lists)]),
                        body=f"## Job description\n\n{text}\n")
            for n, text in enumerate(texts)]


def kept_then_found(folder: Path, before: list[Application], after: list[Application]
                    ) -> tuple[list, list]:
    """The skills of each description of ``after`` as a run finds them from the file an
    earlier run with ``before`` left, and as a run without that file finds them."""
    fresh_run()
    SkillStore(folder, before).complete(vocabulary_for(before, Settings()))
    fresh_run()
    store = SkillStore(folder, after)
    vocab = vocabulary_for(after, Settings())
    store.complete(vocab)
    kept = [extract_skills(d.text, vocab, first_line=d.first_line)
            for d in map(job_description, after) if d is not None]
    fresh_run()
    vocab = vocabulary_for(after, Settings())
    fresh = [extract._extract(d.text, vocab, d.first_line)
             for d in map(job_description, after) if d is not None]
    return kept, fresh


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(texts=descriptions, old=st.lists(spelling_lists, min_size=1, max_size=3),
       new=st.lists(spelling_lists, min_size=1, max_size=3))
def test_kept_skills_equal_a_fresh_read_whatever_the_spellings_became(texts, old, new):
    with tempfile.TemporaryDirectory() as folder:
        kept, fresh = kept_then_found(Path(folder), applications(texts, old),
                                      applications(texts, new))
    assert kept == fresh
