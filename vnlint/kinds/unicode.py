"""Unicode hygiene kinds: normalization, invisible and control characters, lookalike letters,
tone-mark placement style, legacy encodings, and files that are not UTF-8 at all."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from functools import cache
from itertools import compress, count
from typing import ClassVar

from vnlint.diagnostic import Severity
from vnlint.document import TOKEN_RE, Document
from vnlint.kinds.base import Context, Hit, KeylessKind

# A run of non-space characters: the unit a non-NFC finding points at (a word, with its marks).
_WORD_RE = re.compile(r"\S+")


class NonNfcText(KeylessKind):
    """Flag words not in Unicode NFC (decomposed or "Unicode tổ hợp" text); the fix is NFC."""

    respect_masks: ClassVar[bool] = True

    def find(self, doc: Document, ctx: Context) -> Iterator[Hit]:
        """Yield each word whose NFC form differs."""
        text = doc.text
        if _is_nfc(text):
            return
        for m in _WORD_RE.finditer(text):
            word = m.group()
            if _is_nfc(word):
                continue
            # Point at the letters, not at punctuation glued to them.
            parts = [t for t in TOKEN_RE.finditer(word) if not _is_nfc(t.group())]
            if not parts:
                yield Hit(m.start(), m.end(), suggestions=(unicodedata.normalize("NFC", word),))
            for t in parts:
                nfc = unicodedata.normalize("NFC", t.group())
                yield Hit(m.start() + t.start(), m.start() + t.end(), suggestions=(nfc,))


def _is_nfc(s: str) -> bool:
    return unicodedata.is_normalized("NFC", s)


class InvisibleCharacter(KeylessKind):
    """Flag invisible format characters (soft hyphen, zero-width space, bidi controls...).

    Zero-width joiners inside emoji sequences are left alone. The fix deletes the character;
    it is unsafe where the character separates two letters (it may have stood for a space).
    """

    respect_masks: ClassVar[bool] = False

    def find(self, doc: Document, ctx: Context) -> Iterator[Hit]:
        """Yield each invisible character."""
        from vnlint.vietnamese.letters import INVISIBLE

        if not may_hold_odd_characters(doc):
            return
        text = doc.text
        for m in _char_class(frozenset(INVISIBLE)).finditer(text):
            i, ch = m.start(), m.group()
            before = text[i - 1] if i else ""
            after = text[i + 1] if i + 1 < len(text) else ""
            if ch in "\u200c\u200d" and not (_is_latin_letter(before) or _is_latin_letter(after)):
                continue  # joiners are meaningful in emoji and in other scripts
            between_letters = before.isalpha() and after.isalpha()
            yield Hit(
                i,
                i + 1,
                suggestions=("",),
                unsafe=between_letters and ch != "\u00ad",
                args={"codepoint": f"U+{ord(ch):04X}", "char_name": INVISIBLE[ch]},
            )


def _control_class() -> re.Pattern[str]:
    """Match the C0 and C1 controls that `is_control` reports (tab and line breaks are allowed).

    Built from `is_control` itself, so that the scan stops only where a finding is: a class
    of every control would stop at each line break.
    """
    from vnlint.vietnamese.letters import is_control

    controls = (chr(c) for c in (*range(0x20), *range(0x7F, 0xA0)))
    return re.compile("[" + "".join(re.escape(c) for c in controls if is_control(c)) + "]")


_CONTROL_RE = _control_class()


@cache
def _char_class(chars: frozenset[str]) -> re.Pattern[str]:
    """Compile a pattern matching any one of these characters (scanning beats a Python loop)."""
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


def may_hold_odd_characters(doc: Document) -> bool:
    """Tell whether the text may hold a character that one of the character kinds looks for.

    The invisible, control, lookalike and legacy-encoding kinds each scan the whole text for a
    class of characters that almost no article holds. One scan for all four classes at once,
    shared through the document, lets each of them stop at once on a clean article (a scan
    costs the same whatever the size of its class); only an article that holds such a
    character is scanned again, by each kind for its own class.
    """
    return doc.memo("vnlint.odd-characters", _holds_odd_characters)


def _holds_odd_characters(doc: Document) -> bool:
    return _odd_class().search(doc.text) is not None


@cache
def _odd_class() -> re.Pattern[str]:
    """Compile the union of the character kinds' classes (once, when first needed)."""
    from vnlint.vietnamese.letters import INVISIBLE, LOOKALIKES

    classes = (
        _CONTROL_RE,
        _LEGACY_HINT,
        _char_class(frozenset(INVISIBLE.keys() | LOOKALIKES.keys())),
    )
    # Each pattern is one bracketed class: their insides, joined, make the union.
    assert all(p.pattern[0] == "[" and p.pattern[-1] == "]" for p in classes)
    return re.compile("[" + "".join(p.pattern[1:-1] for p in classes) + "]")


def _is_latin_letter(ch: str) -> bool:
    return bool(ch) and ch.isalpha() and "LATIN" in unicodedata.name(ch, "")


class ControlCharacter(KeylessKind):
    """Flag C0 and C1 control characters other than tab and line breaks; the fix deletes them."""

    respect_masks: ClassVar[bool] = False

    def find(self, doc: Document, ctx: Context) -> Iterator[Hit]:
        """Yield each control character."""
        from vnlint.vietnamese.letters import is_control

        if not may_hold_odd_characters(doc):
            return
        for m in _CONTROL_RE.finditer(doc.text):
            if is_control(m.group()):
                yield Hit(
                    m.start(),
                    m.end(),
                    suggestions=("",),
                    args={"codepoint": f"U+{ord(m.group()):04X}"},
                )


class ReplacementCharacter(KeylessKind):
    """Flag U+FFFD, the mark of text that was already broken when it was decoded."""

    respect_masks: ClassVar[bool] = False

    def find(self, doc: Document, ctx: Context) -> Iterator[Hit]:
        """Yield each run of replacement characters with the word around it."""
        if "\ufffd" not in doc.text:
            return
        for m in re.finditer(r"\S*\ufffd\S*", doc.text):
            yield Hit(m.start(), m.end())


class LookalikeLetter(KeylessKind):
    """Flag Cyrillic, Greek, small-capital or Eth letters inside Latin words (`ѕản`, `NÐ-CP`).

    The fix folds them to the Latin letter; it is safe when the folded word is a Vietnamese
    syllable or an all-capital abbreviation, unsafe otherwise. Eth (`ð`, `Ð`) inside a word
    that does not fold to a Vietnamese syllable is left alone (Icelandic and Faroese names).
    """

    respect_masks: ClassVar[bool] = True

    def find(self, doc: Document, ctx: Context) -> Iterator[Hit]:
        """Yield each mixed-script word."""
        from vnlint.vietnamese.letters import LOOKALIKES, fold_lookalikes
        from vnlint.vietnamese.syllable import is_valid

        if not may_hold_odd_characters(doc):
            return
        if not _char_class(frozenset(LOOKALIKES)).search(doc.text):
            return
        for start, end, word in zip(*doc.token_columns, strict=True):
            odd = [c for c in word if c in LOOKALIKES]
            if not odd:
                continue
            latin = [c for c in word if c not in LOOKALIKES and _is_latin_letter(c)]
            folded = fold_lookalikes(word)
            vietnamese = is_valid(folded)
            only_eth = all(c in "ðÐƉ" for c in odd)
            if only_eth and not vietnamese and not (folded.isupper() and len(folded) <= 6):
                continue  # Icelandic and Faroese names; but "NÐ-CP", "QÐ" are codes
            if not latin and not (vietnamese and _in_latin_context(doc.text, start, end)):
                continue  # a word wholly in another script, among its own, is that script
            safe = vietnamese or folded.isupper()
            yield Hit(
                start,
                end,
                suggestions=(folded,),
                unsafe=not safe,
                args={"letters": ", ".join(f"{c} U+{ord(c):04X}" for c in dict.fromkeys(odd))},
            )


def _in_latin_context(text: str, start: int, end: int) -> bool:
    """Tell whether a token sits among Latin letters: in its word, or in the words around it."""
    left = text[max(0, start - 20) : start]
    right = text[end : end + 20]
    return any(_is_latin_letter(c) for c in left + right)


# Only open oa, oe and uy syllables differ between the two styles: test for them cheaply first.
_STYLE_CANDIDATE = re.compile("(?i)[oòóỏõọ][aàáảãạeèéẻẽẹ]|[uùúủũụ][yỳýỷỹỵ]")


def tone_styles(doc: Document) -> dict[str, str]:
    """Map each distinct word written in a tone-mark style to that style ("T1" or "T2").

    Computed once per document and shared: the mixed-style rule and the typo corrections (which
    follow the article's majority style) both read it.
    """
    return doc.memo("vnlint.tone-styles", _tone_styles)


def _tone_styles(doc: Document) -> dict[str, str]:
    return _STYLES.of(doc.vocabulary)


class _StyleCache:
    """The tone-mark style of every word seen, process-wide: a word's style never changes, and
    most words recur from article to article, so an article only judges the words new to it.

    Kept as the words without a style (nearly all) and the few words with one: the article's
    vocabulary less the first, one set operation in C, leaves only its styled words and the
    words not judged yet, which are read in Python. Bounded: emptied when full (a cleared cache
    only costs time).
    """

    def __init__(self, size: int = 1 << 16) -> None:
        self.size = size
        self.plain: set[str] = set()
        self.styled: dict[str, str] = {}

    def of(self, vocabulary: frozenset[str]) -> dict[str, str]:
        """Return the style ("T1" or "T2") of each word of a vocabulary that has one, judging
        the words not judged yet."""
        plain, styled = self.plain, self.styled
        out: dict[str, str] = {}
        unstyled: list[str] = []
        for word in vocabulary.difference(plain):
            style = styled.get(word)
            if style is None:
                style = _judge_style(word)
                if style is None:
                    unstyled.append(word)
                    continue
                styled[word] = style
            out[word] = style
        if len(plain) + len(styled) + len(unstyled) > self.size:
            # Emptied by replacing the containers, never by clearing them: a caller (another
            # thread) still reading the old ones finds them whole.
            plain = self.plain = set()
            self.styled = dict(out)
        plain.update(unstyled)
        return out


def _judge_style(word: str) -> str | None:
    """Return the tone-mark style a word is written in, if its spelling shows one."""
    from vnlint.vietnamese.tones import tone_style

    # Only open oa, oe and uy syllables differ between the two styles.
    return tone_style(word) if _STYLE_CANDIDATE.search(word) else None


_STYLES = _StyleCache()


def style_counts(doc: Document) -> Counter[str]:
    """Count the article's style-bearing words (tokens) by style."""
    styles = tone_styles(doc)
    # As a loop over the words would count them (in C): the styled words, in order.
    return Counter(map(styles.__getitem__, filter(styles.__contains__, doc.words)))


STYLE_NAMES = {"T1": "kiểu cũ (hòa, thủy)", "T2": "kiểu mới (hoà, thuỷ)"}


class MixedToneStyle(KeylessKind):
    """Flag the minority tone-mark placement style (`hoà` beside `hòa`) in one article.

    With `tone-style` set in the configuration, every word in the other style is flagged.
    Keys: none. Both styles are correct; mixing them is not.
    """

    respect_masks: ClassVar[bool] = True

    def find(self, doc: Document, ctx: Context) -> Iterator[Hit]:
        """Yield each word in the style the article (or the configuration) does not use."""
        from vnlint.vietnamese.tones import place_tone

        # Styles are decided per distinct word; tokens are walked only when styles mix (or one
        # is configured).
        styles = tone_styles(doc)
        if not styles or (ctx.tone_style not in ("T1", "T2") and len(set(styles.values())) < 2):
            return
        # The styled tokens, found and counted in C; the loop below walks those alone.
        words = doc.words
        styled = list(map(styles.__contains__, words))
        counts: Counter[str] = Counter(map(styles.__getitem__, compress(words, styled)))
        if ctx.tone_style in ("T1", "T2"):
            target = ctx.tone_style
            reason = "cấu hình"
        elif len(counts) < 2:
            return
        else:
            # The majority wins; on a tie, T1, the more common style in Party and State news.
            target = "T1" if counts["T1"] >= counts["T2"] else "T2"
            reason = "đa số trong bài"
        starts, ends, _ = doc.token_columns
        for i in compress(count(), styled):
            word = words[i]
            style = styles[word]
            if style == target:
                continue
            yield Hit(
                starts[i],
                ends[i],
                suggestions=(place_tone(word, target),),
                args={
                    "style": STYLE_NAMES[style],
                    "target": STYLE_NAMES[target],
                    "reason": reason,
                    "t1": counts["T1"],
                    "t2": counts["T2"],
                },
            )


class LegacyEncoding(KeylessKind):
    """Flag text in a legacy encoding read as Unicode (TCVN3, VNI) or UTF-8 mojibake.

    The fix converts the run when the conversion yields only Vietnamese letters.
    """

    respect_masks: ClassVar[bool] = True

    def find(self, doc: Document, ctx: Context) -> Iterator[Hit]:
        """Yield each run of mis-decoded text."""
        if not may_hold_odd_characters(doc) or not _LEGACY_HINT.search(doc.text):
            return
        from vnlint.vietnamese.legacy import find_legacy_runs

        for run in find_legacy_runs(doc.text):
            suggestions = (run.converted,) if run.converted else ()
            yield Hit(
                run.start,
                run.end,
                suggestions=suggestions,
                args={"encoding": ENCODING_NAMES.get(run.encoding, run.encoding)},
            )


# TCVN3, VNI and UTF-8 mojibake all show Latin-1 symbols or letters that Vietnamese does not
# use (©, ¸, ä, ø, », º, ¢...), or Mac Roman's ƒ, √, ∫. Text without any of them is skipped.
_LEGACY_HINT = re.compile(
    "[\u0080-\u009f\u00a1-\u00bf\u00c4-\u00c7\u00cb\u00ce-\u00d1\u00d6-\u00d8"
    "\u00db\u00dc\u00de-\u00df\u00e4-\u00e7\u00eb\u00ee-\u00f1\u00f6-\u00f8"
    "\u00fb\u00fc\u00fe\u00ff\u0192\u221a\u222b]"
)

ENCODING_NAMES = {
    "tcvn3": "TCVN3 (ABC)",
    "vni": "VNI-Windows",
    "utf8-cp1252": "UTF-8 bị đọc nhầm thành Windows-1252",
    "utf8-macroman": "UTF-8 bị đọc nhầm thành Mac Roman",
    "TCVN3": "TCVN3 (ABC)",
    "VNI": "VNI-Windows",
    "Windows-1258": "Windows-1258",
}


class FileEncoding(KeylessKind):
    """Report a file that cannot be read, or whose bytes are not UTF-8 (naming the likely
    legacy encoding)."""

    respect_masks: ClassVar[bool] = False
    file_level: ClassVar[bool] = True

    def find(self, doc: Document, ctx: Context) -> Iterator[Hit]:
        """Yield one document-level finding when the file did not decode."""
        if doc.read_error is not None:
            yield Hit(0, 0, args={"reason": f"không đọc được tệp ({doc.read_error})"})
            return
        if doc.failure is not None:
            yield Hit(0, 0, args={"reason": doc.failure})
            return
        if doc.raw is None:
            return
        from vnlint.vietnamese.legacy import sniff_bytes

        guess = sniff_bytes(doc.raw)
        try:
            doc.raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            where = f"byte {exc.start}"
        else:  # pragma: no cover - raw is only kept for bytes that failed to decode
            where = "?"
        if guess:
            reason = (
                f"tệp không phải UTF-8 ({where}); có vẻ là bảng mã "
                f"{ENCODING_NAMES.get(guess, guess)}, cần chuyển sang Unicode UTF-8"
            )
        else:
            reason = f"tệp không phải UTF-8 hợp lệ ({where})"
        yield Hit(0, 0, args={"reason": reason}, severity=Severity.ERROR)


__all__ = [
    "ControlCharacter",
    "FileEncoding",
    "InvisibleCharacter",
    "LegacyEncoding",
    "LookalikeLetter",
    "MixedToneStyle",
    "NonNfcText",
    "ReplacementCharacter",
]
