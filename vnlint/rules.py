"""Load rule packs (TOML data) into rules bound to their kinds, and select them by code prefix."""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import NamedTuple

from vnlint.diagnostic import CATEGORIES, Applicability, Diagnostic, Edit, Fix, Severity
from vnlint.document import Document
from vnlint.kinds import KINDS, Context, Hit, Kind

CODE_RE = re.compile(r"VN\d{3}")
NAME_RE = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
FIX_POLICIES = ("safe", "unsafe", "none")
PACK_DIGITS = {
    "unicode": "0",
    "typography": "0",
    "typo": "1",
    "spin": "2",
    "title": "3",
    "code": "4",
}

_COMMON_KEYS = {
    "code": str,
    "name": str,
    "kind": str,
    "severity": str,
    "message": str,
    "fix": str,
    "enabled": bool,
    "docs": dict,
    "examples": list,
}
_REQUIRED = ("code", "name", "kind", "severity", "message", "fix", "docs", "examples")
_DOC_KEYS = {"what": str, "why": str, "fix": str, "see": str}
_EXAMPLE_KEYS = {"bad": str, "good": str, "fixed": str, "encoding": str, "path": str}


class RuleError(Exception):
    """A rule file that cannot be loaded; the message names the file and the problem."""

    def __init__(self, path: Path | str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = str(path)
        self.problem = problem

    def __reduce__(self) -> tuple[type[RuleError], tuple[str, str]]:
        # Rebuilt from both fields when it crosses from an audit worker to the main process
        # (pickled as an exception is, from its one message, it could not be rebuilt).
        return RuleError, (self.path, self.problem)


class Example(NamedTuple):
    """An executable example from a rule file (a NamedTuple: immutable, and defined at import
    several times faster than a dataclass, whose generated methods cost every run 0.3 ms)."""

    bad: str | None = None
    good: str | None = None
    fixed: str | None = None
    encoding: str | None = None
    path: str | None = None


@dataclass(frozen=True)
class Rule:
    """One rule: identity, policy and docs from data, matching logic from its kind."""

    code: str
    name: str
    pack: str
    kind_name: str
    kind: Kind
    severity: Severity
    message: str
    fix: str
    what: str
    why: str
    fix_doc: str
    see: str
    examples: tuple[Example, ...]
    source: str
    enabled: bool = True
    params: Mapping[str, object] = field(default_factory=dict)

    @property
    def category(self) -> str:
        """Return the category, which is the pack the rule lives in."""
        return self.pack

    def diagnose(self, hit: Hit, doc: Document) -> Diagnostic:
        """Turn a kind's hit into a diagnostic with this rule's message and fix policy."""
        text = doc.text[hit.start : hit.end]
        suggestions = tuple(hit.suggestions)
        fields = {"text": text, "suggestion": suggestions[0] if suggestions else "", **hit.args}
        try:
            message = self.message.format(**fields)
        except (KeyError, IndexError, ValueError):
            message = self.message
        return Diagnostic(
            code=self.code,
            name=self.name,
            category=self.category,
            severity=hit.severity or self.severity,
            message=message,
            start=hit.start,
            end=hit.end,
            text=text,
            suggestions=suggestions,
            fix=self._fix_for(hit, suggestions),
            data=tuple(sorted(hit.data.items())),
        )

    def _fix_for(self, hit: Hit, suggestions: tuple[str, ...]) -> Fix | None:
        if self.fix == "none" or hit.no_fix:
            return None
        if hit.edits is not None:
            edits = tuple(hit.edits)
        elif len(suggestions) == 1:
            # Several candidates mean a human must choose: suggestions, not a fix (codespell).
            edits = (Edit(hit.start, hit.end, suggestions[0]),)
        else:
            return None
        unsafe = self.fix == "unsafe" or hit.unsafe
        return Fix(edits, Applicability.UNSAFE if unsafe else Applicability.SAFE)


@dataclass(frozen=True)
class RuleSet:
    """Every loaded rule, in code order, with look-ups by code."""

    rules: tuple[Rule, ...]

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def get(self, code: str) -> Rule | None:
        """Return the rule with this code (or name), if any."""
        key = code.upper()
        for rule in self.rules:
            if rule.code == key or rule.name == code:
                return rule
        return None

    def select(self, select: Sequence[str] = (), ignore: Sequence[str] = ()) -> tuple[Rule, ...]:
        """Pick rules by code prefix; the longest matching prefix decides (ruff's semantics)."""
        chosen = []
        for rule in self.rules:
            if is_selected(rule, select, ignore):
                chosen.append(rule)
        return tuple(chosen)


def is_selected(rule: Rule, select: Sequence[str], ignore: Sequence[str]) -> bool:
    """Tell whether a rule is on for these select and ignore prefixes."""
    select = [s.upper() for s in select] or ["VN"]
    best_select = max((len(p) for p in select if rule.code.startswith(p)), default=-1)
    best_ignore = max((len(p) for p in ignore if rule.code.startswith(p.upper())), default=-1)
    if best_select < 0 or best_ignore >= best_select:
        return False
    # A rule that is off by default is only turned on by its full code.
    return rule.enabled or best_select == len(rule.code)


@cache
def rules_dir() -> Path:
    """Find the shipped rule packs: inside the wheel, or at the repository root when editable.

    Found once per process: every rule file and data table is compared with it, and resolving
    the path reads each of its folders.
    """
    packaged = Path(__file__).parent / "rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "rules"


@cache
def load_default_rules() -> RuleSet:
    """Load (once per process) the rule packs that ship with vnlint."""
    return load_rules([rules_dir()])


@cache
def load_table(name: str) -> dict[str, object]:
    """Load a shared data table, `rules/_data/<name>.toml` (titles, document types...)."""
    return _read_toml(rules_dir() / "_data" / f"{name}.toml", "data table")


def _read_toml(path: Path, what: str) -> dict[str, typing.Any]:
    """Parse a TOML file of the packs; the shipped packs come parsed from the user cache."""
    shipped = _parsed_shipped_packs() if path.parent.parent == rules_dir() else {}
    data = shipped.get(str(path))
    if data is not None:
        return dict(data)
    try:
        return _parse_toml(path)
    except (OSError, ValueError) as exc:  # ValueError: UnicodeDecodeError, TOMLDecodeError
        raise RuleError(path, f"cannot read {what}: {exc}") from None


def _parse_toml(path: Path) -> dict[str, typing.Any]:
    """Parse one TOML file (tomllib is imported only when something must be parsed)."""
    import tomllib

    return tomllib.loads(path.read_text(encoding="utf-8"))


@cache
def _parsed_shipped_packs() -> dict[str, dict[str, typing.Any]]:
    """Parse every TOML file of the shipped packs, or load them parsed (vnlint.cache).

    Keyed by each file's path, size and modification time: an edited rule file is parsed
    again. A file that does not parse is left out, so that reading it reports the error.
    """
    from vnlint.cache import derived, file_key

    files = sorted(rules_dir().glob("*/*.toml"))

    def parse_all() -> dict[str, dict[str, typing.Any]]:
        parsed = {}
        for path in files:
            try:
                parsed[str(path)] = _parse_toml(path)
            except (OSError, ValueError):
                continue
        return parsed

    try:
        key = file_key(*files)
    except OSError:
        return {}
    return derived("rule-packs", key, parse_all)


def load_rules(dirs: Iterable[Path]) -> RuleSet:
    """Load every `<pack>/<rule-name>.toml` under the given folders."""
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for root in dirs:
        for path in sorted(Path(root).glob("*/*.toml")):
            if path.parent.name.startswith("_"):
                continue  # `_data/` holds tables that kinds read, not rules
            rule = load_rule(path)
            if rule.code in seen:
                raise RuleError(path, f"code {rule.code} is already used by {seen[rule.code]}")
            seen[rule.code] = str(path)
            rules.append(rule)
    return RuleSet(tuple(sorted(rules, key=lambda r: r.code)))


def load_rule(path: Path) -> Rule:
    """Load and validate one rule file; every problem names the file."""
    data = _read_toml(path, "rule file")
    pack = path.parent.name
    if pack not in CATEGORIES:
        raise RuleError(path, f"pack folder {pack!r} is not a category ({', '.join(CATEGORIES)})")
    kind_name = data.get("kind")
    kind_cls = KINDS.get(kind_name) if isinstance(kind_name, str) else None
    kind_fields = {f.name for f in dataclasses.fields(kind_cls)} if kind_cls else set()
    known = sorted([*_COMMON_KEYS, *(k.replace("_", "-") for k in kind_fields)])
    for key in data:
        if key not in _COMMON_KEYS and key.replace("-", "_") not in kind_fields:
            import difflib  # only for this message: its import is 1 ms of a one-file run

            close = difflib.get_close_matches(key, known, n=1)
            hint = (
                f"; did you mean {close[0]!r}?" if close else f" (known here: {', '.join(known)})"
            )
            raise RuleError(path, f"unknown key {key!r}{hint}")
    for key in _REQUIRED:
        if key not in data:
            raise RuleError(path, f"missing key {key!r}")
    if kind_cls is None:
        raise RuleError(path, f"unknown kind {kind_name!r} (known: {', '.join(sorted(KINDS))})")
    params = {}
    for key, value in data.items():
        if key in _COMMON_KEYS:
            _expect(path, key, value, _COMMON_KEYS[key])
            continue
        attr = key.replace("-", "_")
        if not _matches(value, _type_hints(kind_cls)[attr]):
            raise RuleError(path, f"key {key!r} has the wrong type for kind {kind_name!r}")
        params[attr] = value
    code, name = data["code"], data["name"]
    if not CODE_RE.fullmatch(code):
        raise RuleError(path, f"code {code!r} is not VN followed by three digits")
    if code[2] != PACK_DIGITS[pack]:
        raise RuleError(
            path, f"code {code} does not belong to pack {pack!r} (VN{PACK_DIGITS[pack]}xx)"
        )
    if not NAME_RE.fullmatch(name) or name != path.stem:
        raise RuleError(path, f"name {name!r} must be kebab-case and equal the file name")
    if data["fix"] not in FIX_POLICIES:
        raise RuleError(path, f"key 'fix' must be one of {', '.join(FIX_POLICIES)}")
    try:
        severity = Severity.parse(data["severity"])
    except ValueError as exc:
        raise RuleError(path, f"key 'severity': {exc}") from None
    docs = data["docs"]
    for key, value in docs.items():
        if key not in _DOC_KEYS:
            raise RuleError(path, f"unknown key 'docs.{key}' (known: {', '.join(_DOC_KEYS)})")
        _expect(path, f"docs.{key}", value, str)
    for key in ("what", "why"):
        if not docs.get(key):
            raise RuleError(path, f"missing key 'docs.{key}'")
    examples = tuple(_load_example(path, i, ex) for i, ex in enumerate(data["examples"]))
    try:
        kind = kind_cls(**params)
    except (TypeError, ValueError, re.error) as exc:
        raise RuleError(path, f"invalid settings for kind {kind_name!r}: {exc}") from None
    return Rule(
        code=code,
        name=name,
        pack=pack,
        kind_name=kind_name,
        kind=kind,
        severity=severity,
        message=data["message"],
        fix=data["fix"],
        what=docs["what"],
        why=docs["why"],
        fix_doc=docs.get("fix", ""),
        see=docs.get("see", ""),
        examples=examples,
        source=str(path),
        enabled=data.get("enabled", True),
        params=params,
    )


@cache
def _type_hints(kind_cls: type) -> dict[str, object]:
    """Return a kind's field types, evaluated once per kind and only for a kind given keys."""
    return typing.get_type_hints(kind_cls)


def _load_example(path: Path, index: int, raw: object) -> Example:
    if not isinstance(raw, dict):
        raise RuleError(path, f"examples[{index}] must be a table")
    for key, value in raw.items():
        if key not in _EXAMPLE_KEYS:
            raise RuleError(path, f"unknown key 'examples[{index}].{key}'")
        _expect(path, f"examples[{index}].{key}", value, str)
    if ("bad" in raw) == ("good" in raw):
        raise RuleError(path, f"examples[{index}] needs exactly one of 'bad' or 'good'")
    if "fixed" in raw and "bad" not in raw:
        raise RuleError(path, f"examples[{index}]: 'fixed' goes with 'bad'")
    return Example(**raw)


def _expect(path: Path, key: str, value: object, expected: type) -> None:
    if not isinstance(value, expected) or (expected is not bool and isinstance(value, bool)):
        raise RuleError(path, f"key {key!r} must be a {expected.__name__}")


def _matches(value: object, hint: object) -> bool:
    """Check a TOML value against a kind field's type hint (str, int, float, bool, lists, dicts)."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return any(_matches(value, h) for h in typing.get_args(hint))
    if hint is type(None):
        return value is None
    if origin in (tuple, list, Sequence):
        args = typing.get_args(hint)
        inner = args[0] if args else object
        return isinstance(value, list) and all(_matches(v, inner) for v in value)
    if origin in (dict, Mapping):
        args = typing.get_args(hint) or (object, object)
        return isinstance(value, dict) and all(
            _matches(k, args[0]) and _matches(v, args[1]) for k, v in value.items()
        )
    if hint is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is object:
        return True
    return isinstance(value, hint)  # type: ignore[arg-type]


__all__ = [
    "Context",
    "Example",
    "Hit",
    "Rule",
    "RuleError",
    "RuleSet",
    "is_selected",
    "load_default_rules",
    "load_rule",
    "load_rules",
    "load_table",
    "rules_dir",
]
