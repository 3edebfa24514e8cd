"""The real seed articles against reviewed snapshots, and clean text that must stay silent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from vnlint.output.text import render_text
from vnlint.runner import CheckOptions, check_file

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
SNAPSHOTS = ROOT / "tests" / "snapshots" / "seeds"
UPDATE = os.environ.get("VNLINT_UPDATE_SNAPSHOTS") == "1"


def test_the_five_seeds_are_bundled_unchanged() -> None:
    assert len(SEEDS) == 5
    shared = ROOT.parent / "shared" / "seeds"
    if shared.is_dir():
        for seed in SEEDS:
            assert seed.read_bytes() == (shared / seed.name).read_bytes()


def report(path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Render the full report of one seed as `vnlint check --show-source` would."""
    monkeypatch.chdir(ROOT)
    result = check_file(str(path.relative_to(ROOT)), CheckOptions())
    return render_text([result], statistics=True, show_source=True)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_seed_report_matches_its_reviewed_snapshot(
    seed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    actual = report(seed, monkeypatch)
    snapshot = SNAPSHOTS / f"{seed.stem}.txt"
    if UPDATE or not snapshot.exists():
        snapshot.parent.mkdir(parents=True, exist_ok=True)
        snapshot.write_text(actual, encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"new snapshot written: review {snapshot} and commit it")
    assert actual == snapshot.read_text(encoding="utf-8"), (
        "the report changed: rerun with VNLINT_UPDATE_SNAPSHOTS=1 and review the diff"
    )


def test_clean_articles_produce_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    for path in sorted((ROOT / "tests" / "fixtures" / "clean").glob("*.txt")):
        result = check_file(str(path), CheckOptions())
        assert result.records == (), [r["message"] for r in result.records]
