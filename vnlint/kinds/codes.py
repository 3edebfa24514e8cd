"""Document-code and date kinds: malformed codes, "số", type words, consistency, dates."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import ClassVar

from vnlint.codes import (
    OLD_SPELLING,
    PARTY,
    REGIME,
    STATE,
    SWAPPED,
    Date,
    DocumentCode,
    Entry,
    Tables,
    default_tables,
    find_codes,
    find_dates,
    type_word_before,
)
from vnlint.diagnostic import Edit, Severity
from vnlint.document import Document
from vnlint.kinds.base import Context, Hit, KeylessKind

# Problem names (vnlint.codes) in the order their reasons are listed in a message.
_PROBLEM_ORDER = (
    "spacing",
    "dash",
    "missing-hyphen",
    "digit-letter",
    "misplaced-year",
    "swapped",
    "lookalike",
    "latin-d",
    "telex",
    "case",
    "variant",
    "old-spelling",
    "regime",
    "party-year",
)


def _codes(doc: Document) -> list[DocumentCode]:
    """Return the document codes of a document, those inside masked spans left out (parsed
    once per document, for every rule of the pack)."""
    return doc.memo("codes.codes", _parse_codes)


def _parse_codes(doc: Document) -> list[DocumentCode]:
    """Parse the document codes of a document, those inside masked spans left out."""
    return [c for c in find_codes(doc.text, default_tables()) if not doc.is_masked(c.start, c.end)]


def _dates(doc: Document) -> list[Date]:
    """Return the dates of a document (found once per document)."""
    return doc.memo("codes.dates", lambda d: find_dates(d.text))


@dataclass(frozen=True)
class MalformedDocumentCode:
    """Flag a document code not written in its canonical form: `24 – QĐ / TW`, `30/2020/ND-CP`.

    Keys: `reasons` (problem name → the Vietnamese phrase listed in the message), `advice` (the
    message's `{advice}` when a canonical form exists, with `{canonical}` in it). The fix writes
    the canonical form; it is unsafe when the code changes regime (`519/QĐ-UBKTTW` →
    `519-QĐ/UBKTTW`), and there is none for a year inside a Party code.
    """

    respect_masks: ClassVar[bool] = True
    reasons: Mapping[str, str] = field(default_factory=dict)
    advice: str = ""

    def find(self, doc: Document, ctx: Context) -> Iterator[Hit]:
        """Yield each malformed code, with its canonical form as the fix."""
        for code in _codes(doc):
            if not code.problems:
                continue
            listed = [self.reasons.get(p, p) for p in _PROBLEM_ORDER if p in code.problems]
            advice = self.advice.format(canonical=code.canonical) if code.canonical else ""
            args = {
                "reasons": ", ".join(listed),
                "canonical": code.canonical or "",
                "advice": advice,
            }
            if code.canonical is None:
                yield Hit(code.start, code.end, args=args, no_fix=True)
                continue
            # A former spelling ("BGD&ĐT") was once right: a warning, when it is the only slip.
            severity = Severity.WARNING if code.problems == {OLD_SPELLING} else None
            yield Hit(
                code.start,
                code.end,
                suggestions=(code.canonical,),
                args=args,
                severity=severity,
                unsafe=REGIME in code.problems
                or (SWAPPED in code.problems and not _type_word_names(doc, code)),
                data={"canonical": code.canonical, "problems": ",".join(sorted(code.problems))},
            )


def _type_word_names(doc: Document, code: DocumentCode) -> bool:
    """Tell whether the type word before a code names the code's type ("Quyết định số 24-...")."""
    found = type_word_before(doc.text, code.start, default_tables())
    if found is None or code.type is None:
        return False
    return found[2].casefold() in _words_of(default_tables(), code.type.canonical, (code.regime,))


class MisspelledSo(KeylessKind):
    """Flag "só", "sô" or "sồ" written for "số" right before a document code, and "số:" in
    running text ("Quyết định số: 1206/QĐ-HVTC").

    The colon belongs to a document's header ("Số: 15/QĐ-BNV", NĐ 30/2020 Phụ lục I), never to a
    citation: it is reported only after a type word and a lowercase "số".
    """

    respect_masks: ClassVar[bool] = True

    def find(self, doc: Document, ctx: Context) -> Iterator[Hit]:
        """Yield each misspelled "số", with "số" (its capital kept) as the fix."""
        text = doc.text
        for code in _codes(doc):
            if code.so is None:
                continue
            start, end = code.so
            written = text[start:end]
            colon = _colon_after(text, end, code.start)
            if colon is not None and (
                written[0].isupper() or type_word_before(text, code.start, default_tables()) is None
            ):
                colon = None  # "Số: 15/QĐ-BNV" heads a document
            if written.casefold() == "số" and colon is None:
                continue
            fixed = "Số" if written[0].isupper() else "số"
            if colon is None:
                yield Hit(start, end, suggestions=(fixed,), args={"code": code.text})
                continue
            # "số: 1206" → "số 1206"; "số:1206" → "số 1206".
            after = text[colon + 1 : code.start]
            edit = Edit(start, colon + 1, fixed if after else fixed + " ")
            yield Hit(
                start, colon + 1, suggestions=(fixed,), edits=(edit,), args={"code": code.text}
            )


def _colon_after(text: str, so_end: int, code_start: int) -> int | None:
    """Return the offset of a colon between "số" and the code after it, if any."""
    colon = text.find(":", so_end, code_start)
    return colon if colon >= 0 else None


class DocumentTypeMismatch(KeylessKind):
    """Flag a type word that contradicts the code after it: `Quy định số 08-KL/TW`.

    An error when no regime gives the type that name (KL is Kết luận everywhere); a warning when
    another regime does (State QĐ is Quyết định, Party QĐ also Quy định). When the word names
    the type the code would have with Đ for D (`Hợp đồng số 12/HD-ABC`: HĐ), the fix is unsafe.
    """

    respect_masks: ClassVar[bool] = True

    def find(self, doc: Document, ctx: Context) -> Iterator[Hit]:
        """Yield each contradicting type word."""
        codes = _codes(doc)
        if not codes:
            return  # most articles cite no code
        tables = default_tables()
        generic = {w.casefold() for w in tables.generic_words}
        for code in codes:
            if code.type is None or not code.type.known:
                continue
            found = type_word_before(doc.text, code.start, tables)
            if found is None:
                continue
            start, _, word = found
            key = word.casefold()
            if key in generic:
                continue
            if key in _words_of(tables, code.type.canonical, (code.regime,)):
                continue
            other = PARTY if code.regime == STATE else STATE
            uncertain = key in _words_of(tables, code.type.canonical, (other,))
            meant = _types_named(tables, key, code.regime)
            edits = None
            swapped = code.type.canonical.replace("D", "Đ") if "D" in code.type.canonical else ""
            if swapped and swapped in meant:
                edits = (Edit(code.type.start, code.type.end, swapped),)
            yield Hit(
                start,
                code.end,
                suggestions=(),
                edits=edits,
                no_fix=edits is None,
                unsafe=True,
                severity=Severity.WARNING if uncertain else None,
                args={
                    "word": word,
                    "type": code.type.canonical,
                    "named": _first_word(tables, code.type.canonical, code.regime),
                },
            )


def _words_of(tables: Tables, code: str, regimes: tuple[str, ...]) -> set[str]:
    """Return the type words (casefolded) that name a type code in the given regimes."""
    words: set[str] = set()
    for regime in regimes:
        entry = tables.type_entry(code, regime)
        if entry is not None:
            words.update(w.casefold() for w in entry.words)
    return words


def _types_named(tables: Tables, word: str, regime: str) -> set[str]:
    """Return the type codes a (casefolded) type word names in a regime."""
    return {
        entry.code
        for entry in tables.types[regime].values()
        if word in {w.casefold() for w in entry.words}
    }


def _first_word(tables: Tables, code: str, regime: str) -> str:
    """Return the names of a type code for a message, its own regime first."""
    entry = tables.type_entry(code, regime) or tables.type_entry(
        code, PARTY if regime == STATE else STATE
    )
    return " / ".join(entry.words) if entry else code


class UnknownDocumentType(KeylessKind):
    """Flag a type abbreviation no table knows, or a type or issuer not in use in the code's year.

    Only codes whose issuer is known are judged (the issuer list is open by law), and only a
    warning: the tables lag behind new rulebooks.
    """

    respect_masks: ClassVar[bool] = True

    def find(self, doc: Document, ctx: Context) -> Iterator[Hit]:
        """Yield each unknown or out-of-date abbreviation."""
        tables = default_tables()
        for code in _codes(doc):
            if code.historical or code.problems:
                continue  # a malformed code is reported once, by the malformed-code rule
            part = code.type
            if part is not None and not part.known:
                if code.issuer.known and not _local_compound(part.canonical, tables):
                    yield Hit(part.start, part.end, args={"abbr": part.text, "when": ""})
                continue
            year = int(code.year.text) if code.year else None
            if year is None:
                continue
            if part is not None:
                entry = tables.type_entry(part.canonical, code.regime)
                if entry is not None and not entry.valid_in(year):
                    yield Hit(part.start, part.end, args=_when(part.canonical, entry, year))
            found = tables.issuer_entry(code.issuer.canonical) if code.issuer.known else None
            if found is not None and not found[1].valid_in(year):
                issuer = code.issuer
                yield Hit(issuer.start, issuer.end, args=_when(issuer.canonical, found[1], year))


def _local_compound(abbr: str, tables: Tables) -> bool:
    """Tell whether an unknown type is a known one with a local suffix: `QĐTĐC`, `KLGĐ`.

    Agencies coin such types (Quyết định tạm đình chỉ, Kết luận giám định). A known type glued
    to a known issuer (`TTLTBCA`) is a slip instead, and stays reported.
    """
    prefixes = [t for t in tables.all_types if abbr.startswith(t) and len(abbr) > len(t)]
    if any(tables.issuer_entry(abbr[len(t) :]) is not None for t in prefixes):
        return False
    return any(len(t) >= 2 for t in prefixes)


def _when(abbr: str, entry: Entry, year: int) -> dict[str, object]:
    """Say, for a message, when an abbreviation was in use and which year the code gives."""
    if entry.valid_from is not None and year < entry.valid_from:
        when = f" (chỉ dùng từ năm {entry.valid_from}, văn bản ghi năm {year})"
    else:
        when = f" (chỉ dùng đến năm {entry.valid_to}, văn bản ghi năm {year})"
    return {"abbr": abbr, "when": when}


class InconsistentDocumentCode(KeylessKind):
    """Flag one document cited in two spellings in one article: `9/2019/TT-BTC`, `09/2019/...`.

    Spellings are compared after canonicalization, so a malformed citation is left to the
    malformed-code rule; the fix (unsafe) writes the article's most frequent spelling.
    """

    respect_masks: ClassVar[bool] = True

    def find(self, doc: Document, ctx: Context) -> Iterator[Hit]:
        """Yield each citation whose spelling differs from the article's usual one."""
        codes = _codes(doc)
        if len(codes) < 2:
            return  # one citation cannot disagree with another
        groups: dict[tuple[object, ...], list[DocumentCode]] = defaultdict(list)
        for code in codes:
            if code.canonical is not None:
                groups[code.identity].append(code)
        for cited in groups.values():
            forms = Counter(c.canonical for c in cited)
            if len(forms) < 2:
                continue
            first_seen = {c.canonical: i for i, c in reversed(list(enumerate(cited)))}
            usual = max(forms, key=lambda f: (forms[f], -first_seen[f]))
            for code in cited:
                if code.canonical == usual:
                    continue
                # A malformed citation gets its fix from the malformed-code rule first.
                edits = None if code.problems else (Edit(code.start, code.end, usual),)
                yield Hit(
                    code.start,
                    code.end,
                    suggestions=(usual,),
                    edits=edits,
                    no_fix=edits is None,
                    args={"usual": usual},
                )


class ImpossibleDate(KeylessKind):
    """Flag a date that does not exist: `30/2/2022`, `ngày 31/6`, `29/2/2023`."""

    respect_masks: ClassVar[bool] = True

    def find(self, doc: Document, ctx: Context) -> Iterator[Hit]:
        """Yield each impossible date."""
        for date in _dates(doc):
            if not date.possible:
                yield Hit(date.start, date.end, args={"day": date.day, "month": date.month})


@dataclass(frozen=True)
class MixedDateStyle:
    """Flag full dates written in the article's minority style: `ngày 20-1-2022` among `30/7/2021`.

    Keys: `styles` (the separators compared). Only "ngày d?m?yyyy" dates count: timestamps,
    captions and related-links lists keep their own style. The fix writes the majority style;
    on a tie, the style of the first date, and the fix is unsafe.
    """

    respect_masks: ClassVar[bool] = True
    styles: str = "/-."

    def find(self, doc: Document, ctx: Context) -> Iterator[Hit]:
        """Yield each date in a minority style, with the majority separator as the fix."""
        found = _dates(doc)
        if len(found) < 2:
            return  # a style needs two dates to be in the minority
        dates = [
            d
            for d in found
            if d.after_ngay
            and d.year is not None
            and d.separator in self.styles
            and not doc.is_masked(d.start, d.end)
        ]
        if len(dates) < 2:
            return
        counts = Counter(d.separator for d in dates)
        if len(counts) < 2:
            return
        ranked = sorted(counts, key=lambda s: (-counts[s], _first(dates, s)))
        usual = ranked[0]
        tie = counts[ranked[0]] == counts[ranked[1]]
        for date in dates:
            if date.separator == usual:
                continue
            written = doc.text[date.start : date.end]
            fixed = written.replace(date.separator, usual)
            yield Hit(
                date.start,
                date.end,
                suggestions=(fixed,),
                unsafe=tie,
                args={"usual": _style_name(usual), "style": _style_name(date.separator)},
            )


def _first(dates: list[Date], separator: str) -> int:
    """Return the index of the first date written with a separator."""
    return next(i for i, d in enumerate(dates) if d.separator == separator)


def _style_name(separator: str) -> str:
    """Name a date style for a message: "d/m/yyyy"."""
    return {"/": "d/m/yyyy", "-": "d-m-yyyy", ".": "d.m.yyyy"}.get(separator, separator)


@dataclass(frozen=True)
class MissingSo:
    """Flag a full citation without "số" where the article writes "số" in its other citations.

    A full citation is the first mention of a document with its type word and date
    (`Hướng dẫn 01-HD/TW, ngày 28/9/2021`). NĐ 30/2020 (Phụ lục I §II.6) writes "số" there;
    later, short mentions (`Quy định 24-QĐ/TW`) need none. Keys: `min_with_so` (how many full
    citations with "số" make the article's style).
    """

    respect_masks: ClassVar[bool] = True
    min_with_so: int = 2

    def find(self, doc: Document, ctx: Context) -> Iterator[Hit]:
        """Yield each full citation missing "số", with an insertion as the fix."""
        codes = _codes(doc)
        if not codes or len(codes) < self.min_with_so:
            return  # too few citations to make a style (a citation with "số" is one of them)
        tables = default_tables()
        seen: set[tuple[object, ...]] = set()
        full: list[tuple[DocumentCode, bool]] = []
        for code in codes:
            first = code.identity not in seen
            seen.add(code.identity)
            if not first or code.date_year is None:
                continue
            if type_word_before(doc.text, code.start, tables) is None:
                continue
            full.append((code, code.so is not None))
        with_so = sum(has for _, has in full)
        without = len(full) - with_so
        if with_so < self.min_with_so or with_so <= without:
            return
        for code, has in full:
            if has:
                continue
            start = code.start
            while start > 0 and doc.text[start - 1] in " \u00a0":
                start -= 1
            yield Hit(
                code.start,
                code.end,
                edits=(Edit(start, code.start, " số "),),
                args={"code": code.text},
            )


__all__ = [
    "DocumentTypeMismatch",
    "ImpossibleDate",
    "InconsistentDocumentCode",
    "MalformedDocumentCode",
    "MissingSo",
    "MisspelledSo",
    "MixedDateStyle",
    "UnknownDocumentType",
]
