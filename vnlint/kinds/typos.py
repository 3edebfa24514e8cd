"""Typo kinds: impossible and unattested syllables, real words out of place, keyboard leftovers,
glued words, sentences without diacritics, misplaced tone marks and unknown capitalized words.

The analysis runs once per document (`vnlint.spelling.checker.analyze`) and gives each suspicious
span to exactly one of these kinds; a kind only turns its share into hits: severity, fix or
suggestions, and corrections in the article's tone-mark style.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from vnlint.diagnostic import Severity
from vnlint.document import TOKEN_RE, Document
from vnlint.kinds.base import Context, Hit, KeylessKind
from vnlint.kinds.unicode import style_counts


def _style(doc: Document, ctx: Context) -> str:
    """Return the tone-mark style corrections are written in: configured, else the majority."""
    if ctx.tone_style in ("T1", "T2"):
        return ctx.tone_style
    return doc.memo("vnlint.spelling.style", _majority_style)


def _majority_style(doc: Document) -> str:
    """Count the style-bearing syllables; T1 wins a tie, as in the mixed-tone-style rule."""
    counts = style_counts(doc)
    return "T2" if counts["T2"] > counts["T1"] else "T1"


def _hint(suggestions: tuple[str, ...]) -> str:
    """Phrase the corrections for a message: "; có lẽ là “chính” (hoặc “chỉnh”)"."""
    if not suggestions:
        return ""
    first, *others = suggestions
    tail = f" (hoặc {', '.join(f'“{s}”' for s in others)})" if others else ""
    return f"; có lẽ là “{first}”{tail}"


def _typo_hits(
    doc: Document, ctx: Context, rule: str, *, warn_unless_clear: bool = False
) -> Iterator[Hit]:
    """Turn the analysis' findings for one rule into hits."""
    from vnlint.spelling.checker import analyze
    from vnlint.spelling.speller import to_style
    from vnlint.vietnamese.tones import tone_style

    for finding in analyze(doc):
        if finding.rule != rule:
            continue
        suggestions = finding.suggestions
        if any(tone_style(w) for s in suggestions for w in TOKEN_RE.findall(s)):
            # Only "hòa"-like corrections depend on the article's style: count it only then.
            style = _style(doc, ctx)
            suggestions = tuple(dict.fromkeys(to_style(s, style) for s in suggestions))
        if finding.certain and suggestions:
            suggestions = suggestions[:1]
        yield Hit(
            finding.start,
            finding.end,
            suggestions=suggestions,
            args={"hint": _hint(suggestions), **finding.args},
            severity=Severity.WARNING if warn_unless_clear and not finding.clear else None,
            no_fix=not finding.certain,
        )


class InvalidSyllable(KeylessKind):
    """Flag a lowercase syllable that no Vietnamese spelling allows ("chúnh", "hoach", "nguời").

    Loanwords written solid ("ôtô", "côcain") and foreign words (no Vietnamese marks) are left
    alone; two words glued together go to the glued-words rule.
    """

    respect_masks: ClassVar[bool] = True

    def find(self, doc: Document, ctx: Context) -> Iterator[Hit]:
        """Yield each impossible syllable with its ranked corrections."""
        from vnlint.spelling.checker import INVALID

        yield from _typo_hits(doc, ctx, INVALID)


class UnattestedSyllable(KeylessKind):
    """Flag a well-formed syllable that the corpus almost never writes ("truyên", "só").

    An error when the context makes the correction clear, a warning otherwise; a syllable seen
    beside the same neighbour before is never flagged.
    """

    respect_masks: ClassVar[bool] = True

    def find(self, doc: Document, ctx: Context) -> Iterator[Hit]:
        """Yield each unattested syllable that a likelier correction fits."""
        from vnlint.spelling.checker import UNATTESTED

        yield from _typo_hits(doc, ctx, UNATTESTED, warn_unless_clear=True)


class WrongWordInContext(KeylessKind):
    """Flag a real syllable whose diacritic twin the context overwhelmingly prefers ("cận phải")."""

    respect_masks: ClassVar[bool] = True

    def find(self, doc: Document, ctx: Context) -> Iterator[Hit]:
        """Yield each real word the bigram model rejects on both sides."""
        from vnlint.spelling.checker import WRONG_WORD

        yield from _typo_hits(doc, ctx, WRONG_WORD)


class TelexLeftover(KeylessKind):
    """Flag Telex or VNI keystrokes left in the text ("chinhs", "dduwowcj", "vie65t")."""

    respect_masks: ClassVar[bool] = True

    def find(self, doc: Document, ctx: Context) -> Iterator[Hit]:
        """Yield each word that reads as a frequent syllable once decoded."""
        from vnlint.spelling.checker import KEYBOARD

        yield from _typo_hits(doc, ctx, KEYBOARD)


class GluedWords(KeylessKind):
    """Flag two words typed without the space between them ("thànhphố", "vàMalaysia")."""

    respect_masks: ClassVar[bool] = True

    def find(self, doc: Document, ctx: Context) -> Iterator[Hit]:
        """Yield each glued pair with the split the bigram model prefers."""
        from vnlint.spelling.checker import GLUED

        yield from _typo_hits(doc, ctx, GLUED)


class MissingDiacriticsSentence(KeylessKind):
    """Flag a sentence typed without any diacritics ("Thu tuong yeu cau cac bo nganh...")."""

    respect_masks: ClassVar[bool] = True

    def find(self, doc: Document, ctx: Context) -> Iterator[Hit]:
        """Yield each bare sentence, with the bigram model's restoration as a suggestion."""
        from vnlint.spelling.checker import NO_DIACRITICS

        yield from _typo_hits(doc, ctx, NO_DIACRITICS)


class MisplacedToneMark(KeylessKind):
    """Flag a tone mark on a letter where neither placement style puts it ("qúy", "hòan")."""

    respect_masks: ClassVar[bool] = True

    def find(self, doc: Document, ctx: Context) -> Iterator[Hit]:
        """Yield each misplaced mark with the syllable correctly marked."""
        from vnlint.spelling.checker import MISPLACED

        yield from _typo_hits(doc, ctx, MISPLACED)


class UnknownCapitalizedWord(KeylessKind):
    """Note a capitalized word that is impossible or never seen: a name to check, or a slip."""

    respect_masks: ClassVar[bool] = True

    def find(self, doc: Document, ctx: Context) -> Iterator[Hit]:
        """Yield each unknown capitalized word, with suggestions but never a fix."""
        from vnlint.spelling.checker import CAPITALIZED

        yield from _typo_hits(doc, ctx, CAPITALIZED)


__all__ = [
    "GluedWords",
    "InvalidSyllable",
    "MisplacedToneMark",
    "MissingDiacriticsSentence",
    "TelexLeftover",
    "UnattestedSyllable",
    "UnknownCapitalizedWord",
    "WrongWordInContext",
]
