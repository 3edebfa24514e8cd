"""Read `[tool.vnlint]` from pyproject.toml, or a vnlint.toml, into a validated configuration."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any

TONE_STYLES = ("T1", "T2", "majority")

_KEYS: dict[str, str] = {
    "select": "a list of rule codes or prefixes",
    "ignore": "a list of rule codes or prefixes",
    "per-file-ignores": "a table of glob = list of rule codes or prefixes",
    "exclude": "a list of glob patterns",
    "accept": "a list of words and phrases",
    "tone-style": "one of T1, T2, majority",
}


class ConfigError(Exception):
    """A configuration problem; the message names the file and the key."""


@dataclass(frozen=True)
class Config:
    """The settings that shape a run; command-line flags override them."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    exclude: tuple[str, ...] = ()
    accept: frozenset[str] = frozenset()
    tone_style: str = "majority"
    root: str = "."
    source: str | None = None
    extra: Mapping[str, object] = field(default_factory=dict)

    def relative(self, path: str) -> str:
        """Return a path relative to the configuration's folder, in POSIX form, for globs."""
        try:
            return _resolved(path).relative_to(_resolved_folder(self.root)).as_posix()
        except ValueError:
            return Path(path).as_posix()

    def is_excluded(self, path: str) -> bool:
        """Tell whether a path matches an `exclude` pattern."""
        return bool(self.exclude) and _matches_any(self.relative(path), self.exclude)

    def ignores_for(self, path: str) -> tuple[str, ...]:
        """Return the extra ignored prefixes that `per-file-ignores` gives this path."""
        if not self.per_file_ignores:
            return ()  # the usual case: no path to resolve (an archive asks for every file)
        rel = self.relative(path)
        out: list[str] = []
        for pattern, codes in self.per_file_ignores:
            if _matches_any(rel, (pattern,)):
                out.extend(codes)
        return tuple(out)

    def with_overrides(self, **changes: object) -> Config:
        """Return a copy with command-line values applied (None leaves a setting alone)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def _resolved(path: str) -> Path:
    """Return `Path(path).resolve()`, resolving each folder once per run: an archive's files
    share a few folders, and resolving walks every part of the path."""
    if os.path.islink(path) or ".." in Path(path).parts:
        return Path(path).resolve()  # a link, or ".." after what may be a link
    folder, name = os.path.split(os.path.abspath(path))
    return _resolved_folder(folder) / name


@lru_cache(maxsize=4096)
def _resolved_folder(folder: str) -> Path:
    return Path(folder).resolve()


def _matches_any(rel: str, patterns: tuple[str, ...]) -> bool:
    pure = PurePosixPath(rel)
    for pattern in patterns:
        if fnmatch.fnmatch(rel, pattern) or pure.match(pattern):
            return True
        # "seeds/" or "seeds" excludes everything below that folder.
        folder = pattern.rstrip("/")
        if rel == folder or rel.startswith(folder + "/"):
            return True
    return False


def find_config(start: Path) -> Path | None:
    """Walk up from `start` to the nearest vnlint.toml or pyproject.toml with [tool.vnlint]."""
    start = start.resolve()
    for folder in (start, *start.parents):
        candidate = folder / "vnlint.toml"
        if candidate.is_file():
            return candidate
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and _has_tool_section(candidate):
            return candidate
    return None


def _has_tool_section(path: Path) -> bool:
    try:
        data = _read_toml(path)
    except (OSError, ValueError):
        return False
    return isinstance(data.get("tool"), dict) and "vnlint" in data["tool"]


def _read_toml(path: Path) -> dict[str, Any]:
    """Parse a TOML file, or load it parsed from the cache when it has not changed.

    Raises OSError, UnicodeDecodeError or tomllib.TOMLDecodeError (a ValueError).
    """
    from vnlint.cache import derived, file_key

    def parse() -> dict[str, Any]:
        import tomllib

        return tomllib.loads(path.read_text(encoding="utf-8"))

    return derived("config", file_key(path.resolve()), parse)


def load_config(path: Path | None) -> Config:
    """Load and validate a configuration file (an empty configuration when path is None)."""
    if path is None:
        return Config()
    try:
        data = _read_toml(path)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc.strerror}") from None
    except ValueError as exc:  # UnicodeDecodeError, tomllib.TOMLDecodeError
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("vnlint", {})
        prefix = "tool.vnlint."
    else:
        table = data.get("tool", {}).get("vnlint", data) if "tool" in data else data
        prefix = ""
    return parse_config(table, source=str(path), root=str(path.parent), prefix=prefix)


def parse_config(
    table: Mapping[str, object], *, source: str = "<config>", root: str = ".", prefix: str = ""
) -> Config:
    """Validate a configuration table; each error names the file and the key."""

    def fail(key: str, problem: str) -> ConfigError:
        return ConfigError(f"{source}: key '{prefix}{key}': {problem}")

    for key in table:
        if key not in _KEYS:
            known = ", ".join(sorted(_KEYS))
            raise fail(key, f"unknown setting (known: {known})")

    def str_list(key: str) -> tuple[str, ...]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail(key, f"must be {_KEYS[key]}")
        return tuple(value)

    select = tuple(s.upper() for s in str_list("select"))
    ignore = tuple(s.upper() for s in str_list("ignore"))
    for key, codes in (("select", select), ("ignore", ignore)):
        for code in codes:
            if not code.startswith("VN") or (not code[2:].isdigit() and code != "VN"):
                raise fail(key, f"{code!r} is not a rule code or prefix such as VN1 or VN020")
    pfi_raw = table.get("per-file-ignores", {})
    if not isinstance(pfi_raw, dict):
        raise fail("per-file-ignores", f"must be {_KEYS['per-file-ignores']}")
    per_file = []
    for pattern, codes in pfi_raw.items():
        if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
            raise fail(f"per-file-ignores.{pattern}", "must be a list of rule codes or prefixes")
        per_file.append((pattern, tuple(c.upper() for c in codes)))
    tone = table.get("tone-style", "majority")
    if tone not in TONE_STYLES:
        raise fail("tone-style", f"must be {_KEYS['tone-style']}, not {tone!r}")
    return Config(
        select=select,
        ignore=ignore,
        per_file_ignores=tuple(per_file),
        exclude=str_list("exclude"),
        accept=frozenset(a.casefold() for a in str_list("accept")),
        tone_style=str(tone),
        root=root,
        source=source,
    )
