"""Paths relative to the configuration's folder, resolved as `Path.resolve` does."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from vnlint.config import Config, _resolved


def test_resolution_matches_path_resolve(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = tmp_path / "real"
    (real / "sub").mkdir(parents=True)
    (real / "sub" / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "linked").symlink_to(real)
    (real / "sub" / "alias.txt").symlink_to(real / "sub" / "a.txt")
    monkeypatch.chdir(tmp_path)
    paths = [
        "real/sub/a.txt",
        "linked/sub/a.txt",
        "linked/sub/alias.txt",
        "linked/sub/../sub/a.txt",
        "linked/..",
        "./real/sub/missing.txt",
        str(tmp_path / "linked" / "sub"),
        ".",
    ]
    for path in paths:
        assert _resolved(path) == Path(path).resolve(), path


def test_exclude_sees_through_links(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.txt").write_text("x", encoding="utf-8")
    os.symlink(tmp_path / "drafts", tmp_path / "view")
    monkeypatch.chdir(tmp_path)
    config = Config(exclude=("drafts/",), root=str(tmp_path))
    assert config.is_excluded("drafts/a.txt")
    assert config.is_excluded("view/a.txt")  # the same file, reached through a link
    assert not config.is_excluded("other.txt")
