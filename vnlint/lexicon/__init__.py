"""Syllable and word frequencies and syllable bigram counts from real Vietnamese news."""

from __future__ import annotations

from vnlint.lexicon.lexicon import DEFAULT_PATH, Lexicon, LexiconError, default_lexicon

__all__ = ["DEFAULT_PATH", "Lexicon", "LexiconError", "default_lexicon"]
