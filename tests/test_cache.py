"""Derived tables kept between runs (vnlint.cache): built once, reused, rebuilt when stale."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from vnlint import cache
from vnlint.rules import RuleError, load_rules


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("VNLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("VNLINT_NO_CACHE", raising=False)
    return tmp_path / "cache"


def test_a_table_is_built_once_then_loaded(folder: Path) -> None:
    calls = []

    def build() -> dict[str, list[int]]:
        calls.append(1)
        return {"a": [1, 2]}

    assert cache.derived("t", "key", build) == {"a": [1, 2]}
    assert cache.derived("t", "key", build) == {"a": [1, 2]}
    assert len(calls) == 1
    assert len(list((folder / "derived").glob("t-*.marshal"))) == 1
    # Another key (the source changed) builds again, beside the old entry.
    assert cache.derived("t", "other", lambda: {"b": []}) == {"b": []}


def test_a_damaged_entry_is_rebuilt(folder: Path) -> None:
    cache.derived("t", "key", lambda: {"a": 1})
    (entry,) = (folder / "derived").glob("t-*.marshal")
    entry.write_bytes(b"\x00garbage")
    assert cache.derived("t", "key", lambda: {"a": 2}) == {"a": 2}
    assert cache.derived("t", "key", lambda: {"a": 3}) == {"a": 2}


def test_an_unwritable_cache_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("VNLINT_CACHE_DIR", str(blocker / "cache"))
    assert cache.derived("t", "key", lambda: [1]) == [1]
    monkeypatch.setenv("VNLINT_NO_CACHE", "1")
    assert cache.derived("t", "key", lambda: [2]) == [2]


def test_file_key_changes_with_the_file(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_text("x = 1\n")
    before = cache.file_key(path)
    path.write_text("x = 22\n")
    os.utime(path, ns=(1, 1))
    assert cache.file_key(path) != before


def test_a_broken_rule_file_still_names_itself(tmp_path: Path) -> None:
    pack = tmp_path / "typography"
    pack.mkdir()
    (pack / "x.toml").write_text("code = \n", encoding="utf-8")
    with pytest.raises(RuleError, match=r"x\.toml"):
        load_rules([tmp_path])


def _built_then_loaded(table: Any) -> tuple[Any, Any]:
    """Call a cached table function twice with its memory emptied: the first call builds the
    table and stores it in the user cache, the second loads it from there."""
    table.cache_clear()
    try:
        first = table()  # built and stored
        table.cache_clear()
        second = table()  # loaded from the cache
    finally:
        table.cache_clear()
    return first, second


def test_the_shipped_packs_read_from_the_cache_as_parsed(folder: Path) -> None:
    import tomllib

    from vnlint import rules

    first, second = _built_then_loaded(rules._parsed_shipped_packs)
    files = sorted(rules.rules_dir().glob("*/*.toml"))
    assert len(second) == len(files) > 40
    for path in files:
        expected = tomllib.loads(path.read_text(encoding="utf-8"))
        assert first[str(path)] == second[str(path)] == expected


def test_the_names_table_reads_from_the_cache_as_compiled(folder: Path) -> None:
    from vnlint.kinds import titles
    from vnlint.rules import load_table

    compiled = titles._compile(load_table("official-names"))
    first, second = _built_then_loaded(titles.name_table)
    assert len(list((folder / "derived").glob("names-official-names-*.marshal"))) == 1
    assert first == second == compiled
    entry = next(iter(second.entries.values()))
    assert isinstance(entry, titles.NameEntry) and isinstance(entry.forms[0], titles.NameForm)
    assert all(isinstance(g, titles.HonorificGroup) for g in second.honorifics)
    assert all(isinstance(f, titles.Fused) for f in second.fused)
