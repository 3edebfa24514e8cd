"""Compare the two syllable tokenizers on real news: a regular expression and PyICU's word
break iterator. Speed (MB/s), start-up cost, and how often they disagree.

Usage: python benchmarks/tokenize_bench.py [--limit 2000]
"""

from __future__ import annotations

import argparse
import time

from corpus_findings import DEFAULT_CORPUS, read_articles

from vnlint.document import TOKEN_RE


def regex_tokens(text: str) -> list[tuple[int, int]]:
    """Tokenize with vnlint's regular expression."""
    return [m.span() for m in TOKEN_RE.finditer(text)]


def icu_tokens(text: str, breaker: object) -> list[tuple[int, int]]:
    """Tokenize with ICU's word break iterator, keeping letter runs (as str offsets)."""
    import icu

    breaker.setText(text)  # type: ignore[attr-defined]
    # ICU reports UTF-16 offsets; map them back to str offsets.
    utf16_to_str = {}
    pos16 = 0
    for i, ch in enumerate(text):
        utf16_to_str[pos16] = i
        pos16 += 2 if ord(ch) > 0xFFFF else 1
    utf16_to_str[pos16] = len(text)
    out = []
    start = breaker.first()  # type: ignore[attr-defined]
    for end in breaker:  # type: ignore[attr-defined]
        status = breaker.getRuleStatus()  # type: ignore[attr-defined]
        if icu.UWordBreak.LETTER <= status < icu.UWordBreak.LETTER_LIMIT:
            out.append((utf16_to_str[start], utf16_to_str[end]))
        start = end
    return out


def main() -> int:
    """Measure both and print the comparison."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=2000)
    args = parser.parse_args()
    texts = [t for _, t in read_articles(DEFAULT_CORPUS, 0, args.limit)]
    size_mb = sum(len(t.encode()) for t in texts) / 1e6

    started = time.perf_counter()
    import icu

    breaker = icu.BreakIterator.createWordInstance(icu.Locale("vi"))
    icu_import = time.perf_counter() - started

    started = time.perf_counter()
    regex_result = [regex_tokens(t) for t in texts]
    regex_time = time.perf_counter() - started
    started = time.perf_counter()
    icu_result = [icu_tokens(t, breaker) for t in texts]
    icu_time = time.perf_counter() - started

    same = sum(a == b for a, b in zip(regex_result, icu_result, strict=True))
    regex_set = sum(len(r) for r in regex_result)
    icu_set = sum(len(r) for r in icu_result)
    diffs: dict[str, int] = {}
    for text, a, b in zip(texts, regex_result, icu_result, strict=True):
        for s, e in set(b) - set(a):
            diffs[text[s:e]] = diffs.get(text[s:e], 0) + 1
    print(f"{len(texts)} articles, {size_mb:.1f} MB")
    print(f"regex: {size_mb / regex_time:6.1f} MB/s, {regex_set} tokens")
    icu_ms = icu_import * 1000
    print(f"ICU:   {size_mb / icu_time:6.1f} MB/s, {icu_set} tokens, import {icu_ms:.0f} ms")
    print(f"articles tokenized identically: {same}/{len(texts)}")
    print("most common ICU tokens the regex splits differently:")
    for token, n in sorted(diffs.items(), key=lambda kv: -kv[1])[:15]:
        print(f"  {n:6d}  {token!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
