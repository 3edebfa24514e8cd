"""Run every rule's examples: bad fires, good stays silent, fixed is what the fix produces."""

from __future__ import annotations

import pytest
from conftest import encode_legacy

from vnlint.document import Document
from vnlint.engine import fix_document, lint
from vnlint.rules import Example, Rule, load_default_rules

CASES = [
    pytest.param(rule, example, id=f"{rule.code}-{i}-{'bad' if example.bad else 'good'}")
    for rule in load_default_rules()
    for i, example in enumerate(rule.examples)
]


def _document(rule: Rule, text: str, example: Example) -> Document:
    if example.encoding:
        data = encode_legacy(text, example.encoding)
        return Document.from_bytes(data, example.path or "example.txt")
    return Document.from_text(text, example.path or "example.txt")


@pytest.mark.parametrize(("rule", "example"), CASES)
def test_example(rule: Rule, example: Example) -> None:
    if example.good is not None:
        found = lint(_document(rule, example.good, example), [rule])
        assert found == [], [d.message for d in found]
        return
    assert example.bad is not None
    doc = _document(rule, example.bad, example)
    found = lint(doc, [rule])
    assert found, f"{rule.code} did not fire on {example.bad!r}"
    assert all(d.code == rule.code and d.message for d in found)
    if example.fixed is not None:
        result = fix_document(doc, [rule], unsafe=True)
        assert result.text == example.fixed
        assert lint(Document(result.text, doc.path), [rule]) == []
