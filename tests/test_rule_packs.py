"""Guard the rule data: schema, naming, docs, examples, and load errors that name the file."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from vnlint.kinds import KINDS
from vnlint.rules import PACK_DIGITS, RuleError, RuleSet, load_rule, load_rules, rules_dir


def test_rules_load_and_codes_are_unique(rules: RuleSet) -> None:
    codes = [r.code for r in rules]
    assert len(codes) == len(set(codes)) >= 15
    assert codes == sorted(codes)


def test_every_rule_follows_the_conventions(rules: RuleSet) -> None:
    for rule in rules:
        assert rule.code[2] == PACK_DIGITS[rule.pack], rule.code
        assert Path(rule.source).stem == rule.name
        assert rule.what.strip() and rule.why.strip(), rule.code
        assert any(e.bad for e in rule.examples), f"{rule.code} has no bad example"
        assert any(e.good for e in rule.examples), f"{rule.code} has no good example"
        if rule.fix == "none":
            assert not any(e.fixed for e in rule.examples), rule.code
        else:
            assert any(e.fixed for e in rule.examples) or rule.kind_name == "file-encoding"


def test_rule_files_are_nfc() -> None:
    for path in rules_dir().glob("*/*.toml"):
        text = path.read_text(encoding="utf-8")
        assert unicodedata.is_normalized("NFC", text), path


def test_every_kind_is_used(rules: RuleSet) -> None:
    assert {r.kind_name for r in rules} == set(KINDS)


GOOD = """
code = "VN099"
name = "sample-rule"
kind = "multiple-spaces"
severity = "warning"
fix = "safe"
message = "m"
[docs]
what = "w"
why = "y"
[[examples]]
good = "a b"
"""


def _write(tmp_path: Path, body: str, pack: str = "typography", name: str = "sample-rule") -> Path:
    folder = tmp_path / pack
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_a_valid_file_loads(tmp_path: Path) -> None:
    rule = load_rule(_write(tmp_path, GOOD))
    assert rule.code == "VN099" and rule.category == "typography"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda s: s.replace("severity", "severty"), "unknown key 'severty'"),
        (lambda s: s.replace('"warning"', '"fatal"'), "severity"),
        (lambda s: s.replace('kind = "multiple-spaces"', 'kind = "nope"'), "unknown kind"),
        (lambda s: s.replace('"VN099"', '"VN199"'), "does not belong to pack"),
        (lambda s: s.replace('"VN099"', '"X1"'), "three digits"),
        (lambda s: s.replace('"sample-rule"', '"Other"'), "kebab-case"),
        (lambda s: s.replace('fix = "safe"', 'fix = "maybe"'), "key 'fix'"),
        (lambda s: s.replace('what = "w"\n', ""), "docs.what"),
        (lambda s: s.replace('good = "a b"', 'good = "a"\nbad = "b"'), "exactly one"),
        (lambda s: s.replace("[docs]", "min-words = 3\n[docs]"), "unknown key 'min-words'"),
        (lambda s: s.replace("[docs]", "[docs]\nwhy_ = 1"), "docs.why_"),
        (lambda s: s.replace("=", "==", 1), "cannot read rule file"),
    ],
)
def test_load_errors_name_the_file_and_the_problem(
    tmp_path: Path, change: object, message: str
) -> None:
    path = _write(tmp_path, change(GOOD))  # type: ignore[operator]
    with pytest.raises(RuleError) as info:
        load_rule(path)
    assert str(path) in str(info.value)
    assert message in str(info.value)


def test_a_kind_key_with_the_wrong_type_is_an_error(tmp_path: Path) -> None:
    body = GOOD.replace('"multiple-spaces"', '"repeated-line"').replace(
        "[docs]", 'min-words = "three"\n[docs]'
    )
    with pytest.raises(RuleError, match="wrong type"):
        load_rule(_write(tmp_path, body))


def test_duplicate_codes_are_an_error(tmp_path: Path) -> None:
    _write(tmp_path, GOOD)
    _write(tmp_path, GOOD.replace("sample-rule", "other-rule"), name="other-rule")
    with pytest.raises(RuleError, match="already used"):
        load_rules([tmp_path])


def test_a_pack_folder_must_be_a_category(tmp_path: Path) -> None:
    with pytest.raises(RuleError, match="not a category"):
        load_rule(_write(tmp_path, GOOD, pack="misc"))


def test_selection_by_prefix(rules: RuleSet) -> None:
    codes = [r.code for r in rules.select(["VN02"], ["VN022"])]
    assert "VN020" in codes and "VN022" not in codes and "VN001" not in codes
    assert [r.code for r in rules.select(["VN022"], ["VN02"])] == ["VN022"]  # longer wins
    assert rules.get("space-before-punctuation").code == "VN020"


def test_kinds_without_keys_share_one_dataclass_base() -> None:
    """A kind either is a frozen dataclass of its own or derives from KeylessKind, and then
    declares no key: an annotation there would be a key that rule files cannot set."""
    import dataclasses
    import typing

    from vnlint.kinds import KeylessKind

    for name, kind in KINDS.items():
        assert dataclasses.is_dataclass(kind) and kind.__dataclass_params__.frozen, name
        if issubclass(kind, KeylessKind):
            hints = typing.get_type_hints(kind)
            assert all(typing.get_origin(t) is typing.ClassVar for t in hints.values()), name
            assert kind() == kind() and hash(kind()) == hash(kind()), name
            assert repr(kind()) == f"{kind.__name__}()"
        else:
            assert "__dataclass_fields__" in vars(kind), f"{name}: decorated itself"
            assert dataclasses.fields(kind), f"{name}: a kind without keys is a KeylessKind"
