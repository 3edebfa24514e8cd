"""Shared helpers: lint or fix a string with the shipped rules."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence

import pytest

from vnlint.diagnostic import Diagnostic
from vnlint.document import Document
from vnlint.engine import FixResult, fix_document, lint
from vnlint.kinds import Context
from vnlint.rules import RuleSet, load_default_rules

# The tests never read or write the user's cache folder (derived tables, audit results).
os.environ["VNLINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="vnlint-test-cache-")


@pytest.fixture(scope="session")
def rules() -> RuleSet:
    """Load the shipped rule packs once."""
    return load_default_rules()


def lint_text(
    text: str, select: Sequence[str] = (), path: str = "article.txt", ctx: Context | None = None
) -> list[Diagnostic]:
    """Lint a string with the shipped rules (optionally a selection)."""
    return lint(Document.from_text(text, path), load_default_rules().select(select), ctx)


def fix_text(
    text: str, select: Sequence[str] = (), *, unsafe: bool = False, ctx: Context | None = None
) -> FixResult:
    """Fix a string with the shipped rules (optionally a selection)."""
    doc = Document.from_text(text, "article.txt")
    return fix_document(doc, load_default_rules().select(select), ctx, unsafe=unsafe)


def encode_legacy(text: str, encoding: str) -> bytes:
    """Encode text as a legacy file would hold it (Windows-1258 stores tones as combining marks)."""
    if encoding.lower().replace("-", "") in ("cp1258", "windows1258"):
        import unicodedata

        tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
        out = []
        for ch in unicodedata.normalize("NFD", text):
            if out and ch not in tones and unicodedata.combining(ch):
                out[-1] = unicodedata.normalize("NFC", out[-1] + ch)
            else:
                out.append(ch)
        return "".join(out).encode("cp1258")
    return text.encode(encoding)
