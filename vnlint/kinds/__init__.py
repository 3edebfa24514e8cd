"""Rule kinds: the matching logic that rule files (data) name by `kind`."""

from __future__ import annotations

from vnlint.kinds.base import Context, Hit, Kind
from vnlint.kinds.typography import (
    MissingSpaceAfterPunctuation,
    MultipleSpaces,
    RepeatedLine,
    RepeatedWord,
    SpaceBeforePunctuation,
    SpaceInsideBrackets,
    StrayPunctuationLine,
)
from vnlint.kinds.unicode import (
    ControlCharacter,
    FileEncoding,
    InvisibleCharacter,
    LegacyEncoding,
    LookalikeLetter,
    MixedToneStyle,
    NonNfcText,
    ReplacementCharacter,
)

# An explicit table (yamllint's _RULES): greppable, and a rule file cannot name a kind by accident.
KINDS: dict[str, type] = {
    "control-character": ControlCharacter,
    "file-encoding": FileEncoding,
    "invisible-character": InvisibleCharacter,
    "legacy-encoding": LegacyEncoding,
    "lookalike-letter": LookalikeLetter,
    "missing-space-after-punctuation": MissingSpaceAfterPunctuation,
    "mixed-tone-style": MixedToneStyle,
    "multiple-spaces": MultipleSpaces,
    "non-nfc-text": NonNfcText,
    "repeated-line": RepeatedLine,
    "repeated-word": RepeatedWord,
    "replacement-character": ReplacementCharacter,
    "space-before-punctuation": SpaceBeforePunctuation,
    "space-inside-brackets": SpaceInsideBrackets,
    "stray-punctuation-line": StrayPunctuationLine,
}

__all__ = ["KINDS", "Context", "Hit", "Kind"]
