"""A build collects garbage less often, and gives everything back when it ends."""

from __future__ import annotations

import gc
from datetime import date
from pathlib import Path

import pytest
from conftest import EXAMPLE_VAULT

from jobnotes import gcpolicy
from jobnotes.build import build_vault
from jobnotes.check import check_vault
from jobnotes.errors import UsageError

TODAY = date(2026, 11, 27)


def test_a_build_leaves_the_collector_as_it_found_it(tmp_path: Path) -> None:
    before = gc.get_threshold()
    result = build_vault(EXAMPLE_VAULT, tmp_path / "site", today=TODAY)
    assert result.pages > 0
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0          # nothing left out of collections for good


def test_a_check_leaves_the_collector_as_it_found_it() -> None:
    before = gc.get_threshold()
    findings, checked = check_vault(EXAMPLE_VAULT, today=TODAY, use_cache=False)
    assert checked > 0
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_settled_freezes_only_inside_bulk_work() -> None:
    gcpolicy.settled()
    assert gc.get_freeze_count() == 0
    with gcpolicy.bulk_work():
        assert gc.get_threshold() == gcpolicy.BULK_THRESHOLD
        with gcpolicy.bulk_work():               # nested: the outer one gives back
            gcpolicy.settled()
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold() == gcpolicy.BULK_THRESHOLD
    assert gc.get_freeze_count() == 0


def test_a_failing_build_gives_everything_back(tmp_path: Path) -> None:
    before = gc.get_threshold()
    vault = tmp_path / "vault"
    (vault / "applications").mkdir(parents=True)
    (vault / "applications" / "a.md").write_text("---\ncompany: A\n", encoding="utf-8")
    with pytest.raises(UsageError):
        build_vault(vault, vault, today=TODAY)      # into the vault itself: refused
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
