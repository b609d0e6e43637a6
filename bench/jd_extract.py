"""Skill extraction speed: µs per description, and time against description length.

    python bench/jd_extract.py

Prints the time to extract skills from descriptions repeated 1 to 512 times, so the
ratio column shows whether the cost stays linear in the length.
"""

from __future__ import annotations

import itertools
import statistics
import time

from jobnotes.jd.extract import extract_skills
from jobnotes.jd.vocabulary import base_vocabulary

DESCRIPTION = """\
We are looking for a Data Analyst with strong SQL and Python (pandas) to build
dashboards in Tableau or Power BI, run A/B tests, and explain results to
stakeholders. Experience with dbt, Snowflake and CI/CD is a plus; C++ or C# is not
needed. You will work with Node.js engineers and our .NET team on R&D reporting.
"""


_UNIQUE = itertools.count()


def best_of(text: str, runs: int = 5) -> float:
    vocab = base_vocabulary()
    times = []
    for _ in range(runs):
        unique = f"{text}\nRun {next(_UNIQUE)}.\n"   # extraction is memoised per text
        started = time.perf_counter()
        extract_skills(unique, vocab)
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    base_vocabulary().compile()              # the scanner compiles on first use: not timed
    one = best_of(DESCRIPTION, runs=200)
    print(f"one description ({len(DESCRIPTION)} chars): {one * 1e6:.0f} µs")
    print(f"{'copies':>7} {'chars':>9} {'seconds':>9} {'per copy vs one':>16}")
    ratios = []
    for copies in (1, 8, 64, 512):
        text = DESCRIPTION * copies
        seconds = best_of(text)
        ratio = seconds / copies / one
        ratios.append(ratio)
        print(f"{copies:>7} {len(text):>9} {seconds:>9.4f} {ratio:>16.2f}")
    print(f"median per-copy ratio: {statistics.median(ratios):.2f} (1.00 = exactly linear)")


if __name__ == "__main__":
    main()
