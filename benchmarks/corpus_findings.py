"""Measure findings per 1,000 words on real, edited news (the false-positive yardstick).

Usage:
    python benchmarks/corpus_findings.py [--limit 5000] [--offset 0] [--select VN0]
        [--jobs 2] [--samples 5] [--corpus ../shared/corpus/baomoi-vn_news.jsonl.gz]

Each corpus article is linted as a file would be (headline line, then the body). The report
gives words, findings by rule and severity, errors per 1,000 words, and a few samples of each
rule's findings with their context, for a hand check. Nothing from the corpus is written.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from vnlint.document import Document
from vnlint.engine import lint
from vnlint.kinds import Context
from vnlint.rules import load_default_rules

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared/corpus/baomoi-vn_news.jsonl.gz"


def read_articles(path: Path, offset: int, limit: int) -> list[tuple[str, str]]:
    """Read (id, article text) pairs: the headline on the first line, then the body."""
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for i, line in enumerate(handle):
            if i < offset:
                continue
            if len(out) >= limit:
                break
            record = json.loads(line)
            out.append((str(record["id"]), f"{record['title']}\n{record['text']}\n"))
    return out


def _lint_one(args: tuple[str, str, tuple[str, ...]]) -> tuple[str, int, list[tuple]]:
    article_id, text, select = args
    rules = load_default_rules().select(select)
    doc = Document.from_text(text, f"{article_id}.txt")
    found = []
    for d in lint(doc, rules, Context()):
        line_start = text.rfind("\n", 0, d.start) + 1
        context = text[max(line_start, d.start - 50) : d.end + 50].replace("\n", "⏎")
        found.append((d.code, d.severity.label, d.text, context))
    return article_id, len(doc.tokens), found


def main() -> int:
    """Run the measurement and print the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--offset", type=int, default=0)
    parser.add_argument("--limit", type=int, default=5000)
    parser.add_argument("--select", action="append", default=[])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--samples", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    articles = read_articles(args.corpus, args.offset, args.limit)
    select = tuple(args.select)
    started = time.perf_counter()
    with ProcessPoolExecutor(args.jobs) as pool:
        results = list(pool.map(_lint_one, [(i, t, select) for i, t in articles], chunksize=32))
    elapsed = time.perf_counter() - started
    words = sum(w for _, w, _ in results)
    by_rule: Counter[tuple[str, str]] = Counter()
    samples: dict[str, list[str]] = defaultdict(list)
    articles_with_error = 0
    for article_id, _, found in results:
        if any(sev == "error" for _, sev, _, _ in found):
            articles_with_error += 1
        for code, sev, text, context in found:
            by_rule[(code, sev)] += 1
            if len(samples[code]) < args.samples:
                samples[code].append(f"{article_id}: {text!r} in …{context}…")
    errors = sum(n for (_, sev), n in by_rule.items() if sev == "error")
    figures = {
        "articles": len(articles),
        "words": words,
        "seconds": round(elapsed, 2),
        "errors": errors,
        "errors_per_1000_words": round(1000 * errors / max(words, 1), 4),
        "articles_with_an_error": articles_with_error,
        "by_rule": {f"{code} {sev}": n for (code, sev), n in sorted(by_rule.items())},
    }
    if args.json:
        json.dump(figures, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    print(
        f"{figures['articles']} articles, {words} words, {elapsed:.1f} s; "
        f"{errors} errors = {figures['errors_per_1000_words']} per 1,000 words; "
        f"{articles_with_error} articles with an error"
    )
    for (code, sev), n in sorted(by_rule.items()):
        print(f"  {code} {sev:<8} {n:6d}  ({1000 * n / max(words, 1):.4f} per 1,000 words)")
        for sample in samples[code]:
            print(f"      {sample}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
