"""Rule kinds: the matching logic that rule files (data) name by `kind`."""

from __future__ import annotations

from vnlint.kinds.base import Context, Hit, KeylessKind, Kind
from vnlint.kinds.codes import (
    DocumentTypeMismatch,
    ImpossibleDate,
    InconsistentDocumentCode,
    MalformedDocumentCode,
    MissingSo,
    MisspelledSo,
    MixedDateStyle,
    UnknownDocumentType,
)
from vnlint.kinds.spin import SpunArticle, SpunPhrase
from vnlint.kinds.titles import (
    ConflictingPersonTitle,
    HeadlineBodyMismatch,
    HeadlineEndsWithPeriod,
    HeadlineTitleCase,
    InconsistentName,
    MiscapitalizedName,
    ShortNameBeforeFull,
)
from vnlint.kinds.typography import (
    MissingSpaceAfterPunctuation,
    MultipleSpaces,
    RepeatedLine,
    RepeatedWord,
    SpaceBeforePunctuation,
    SpaceInsideBrackets,
    StrayPunctuationLine,
)
from vnlint.kinds.typos import (
    GluedWords,
    InvalidSyllable,
    MisplacedToneMark,
    MissingDiacriticsSentence,
    TelexLeftover,
    UnattestedSyllable,
    UnknownCapitalizedWord,
    WrongWordInContext,
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
    "conflicting-person-title": ConflictingPersonTitle,
    "control-character": ControlCharacter,
    "document-type-mismatch": DocumentTypeMismatch,
    "file-encoding": FileEncoding,
    "glued-words": GluedWords,
    "headline-body-mismatch": HeadlineBodyMismatch,
    "headline-ends-with-period": HeadlineEndsWithPeriod,
    "headline-title-case": HeadlineTitleCase,
    "impossible-date": ImpossibleDate,
    "inconsistent-document-code": InconsistentDocumentCode,
    "inconsistent-official-name": InconsistentName,
    "invalid-syllable": InvalidSyllable,
    "invisible-character": InvisibleCharacter,
    "legacy-encoding": LegacyEncoding,
    "lookalike-letter": LookalikeLetter,
    "malformed-document-code": MalformedDocumentCode,
    "miscapitalized-official-name": MiscapitalizedName,
    "misplaced-tone-mark": MisplacedToneMark,
    "missing-diacritics-sentence": MissingDiacriticsSentence,
    "missing-so": MissingSo,
    "missing-space-after-punctuation": MissingSpaceAfterPunctuation,
    "misspelled-so": MisspelledSo,
    "mixed-date-style": MixedDateStyle,
    "mixed-tone-style": MixedToneStyle,
    "multiple-spaces": MultipleSpaces,
    "non-nfc-text": NonNfcText,
    "repeated-line": RepeatedLine,
    "repeated-word": RepeatedWord,
    "replacement-character": ReplacementCharacter,
    "short-name-before-full": ShortNameBeforeFull,
    "space-before-punctuation": SpaceBeforePunctuation,
    "space-inside-brackets": SpaceInsideBrackets,
    "spun-article": SpunArticle,
    "spun-phrase": SpunPhrase,
    "stray-punctuation-line": StrayPunctuationLine,
    "telex-leftover": TelexLeftover,
    "unattested-syllable": UnattestedSyllable,
    "unknown-capitalized-word": UnknownCapitalizedWord,
    "unknown-document-type-or-issuer": UnknownDocumentType,
    "wrong-word-in-context": WrongWordInContext,
}

__all__ = ["KINDS", "Context", "Hit", "KeylessKind", "Kind"]
