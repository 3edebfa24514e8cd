"""Measure the document-code and date rules (VN4xx) on real news, with samples for a hand check.

Usage:
    python benchmarks/codes_corpus.py [--limit 5000] [--offset 0] [--samples 20] [--seed 1]
        [--corpus ../shared/corpus/baomoi-vn_news.jsonl.gz] [--json]

Reports how many document codes the parser finds (by regime), how many are malformed (by
problem), the findings of each VN4xx rule, and random samples, in context, of flagged codes,
of codes left alone, and of code-like strings the parser rejected (near misses), so that both
false flags and missed codes can be checked by hand. Nothing from the corpus is written.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from corpus_findings import DEFAULT_CORPUS, read_articles

from vnlint.codes import default_tables, find_codes
from vnlint.document import Document
from vnlint.engine import lint
from vnlint.kinds import Context
from vnlint.rules import load_default_rules

# Loose on purpose: anything with a number, a separator and a capital, for the near-miss sample.
_LOOSE_RE = re.compile(r"\d{1,5}\s{0,2}[/\-–—]\s{0,2}(?:\d{4}\s{0,2}/\s{0,2})?[A-ZĐÐ][\w&]*")


def _context(text: str, start: int, end: int, width: int = 50) -> str:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    left = text[max(line_start, start - width) : start]
    right = text[end : min(line_end, end + width)]
    return f"…{left}[{text[start:end]}]{right}…"


def main() -> int:
    """Run the measurement and print the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--offset", type=int, default=0)
    parser.add_argument("--limit", type=int, default=5000)
    parser.add_argument("--samples", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    tables = default_tables()
    rules = load_default_rules().select(["VN4"])
    articles = read_articles(args.corpus, args.offset, args.limit)
    codes_found = 0
    by_regime: Counter[str] = Counter()
    malformed = 0
    by_problem: Counter[str] = Counter()
    findings: Counter[tuple[str, str]] = Counter()
    flagged_samples: dict[tuple[str, str], list[str]] = defaultdict(list)
    clean_samples: list[str] = []
    near_misses: list[str] = []
    articles_with_codes = 0
    flagged_codes = 0
    for article_id, text in articles:
        doc = Document.from_text(text, f"{article_id}.txt")
        codes = [c for c in find_codes(text, tables) if not doc.is_masked(c.start, c.end)]
        codes_found += len(codes)
        articles_with_codes += bool(codes)
        found = lint(doc, rules, Context())
        flagged_spans = {(d.start, d.end) for d in found}
        for code in codes:
            by_regime[code.regime] += 1
            if code.problems:
                malformed += 1
                by_problem.update(code.problems)
            overlaps = any(s < code.end and code.start < e for s, e in flagged_spans)
            if overlaps:
                flagged_codes += 1
            else:
                clean_samples.append(f"{article_id}: {_context(text, code.start, code.end)}")
        for d in found:
            findings[(d.code, d.severity.label)] += 1
            flagged_samples[(d.code, d.severity.label)].append(
                f"{article_id}: {_context(text, d.start, d.end)} → {d.message}"
            )
        taken = [(c.start, c.end) for c in codes]
        for m in _LOOSE_RE.finditer(text):
            if not any(s <= m.start() < e for s, e in taken):
                near_misses.append(f"{article_id}: {_context(text, m.start(), m.end(), 30)}")
    figures = {
        "articles": len(articles),
        "articles_with_codes": articles_with_codes,
        "codes": codes_found,
        "by_regime": dict(by_regime),
        "malformed_codes": malformed,
        "by_problem": dict(by_problem.most_common()),
        "codes_with_a_finding": flagged_codes,
        "findings": {f"{code} {sev}": n for (code, sev), n in sorted(findings.items())},
        "near_misses": len(near_misses),
    }
    if args.json:
        json.dump(figures, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    print(
        f"{len(articles)} articles ({articles_with_codes} with codes): {codes_found} codes "
        f"({by_regime['party']} Party, {by_regime['state']} State), {malformed} malformed "
        f"({100 * malformed / max(codes_found, 1):.2f}%), {flagged_codes} with a finding"
    )
    print("  problems: " + ", ".join(f"{p} {n}" for p, n in by_problem.most_common()))
    for (code, sev), n in sorted(findings.items()):
        print(f"  {code} {sev:<8} {n:6d}")
        pool = flagged_samples[(code, sev)]
        for sample in rng.sample(pool, min(args.samples, len(pool))):
            print(f"      {sample}")
    print(f"codes with no finding: {len(clean_samples)}; a random sample:")
    for sample in rng.sample(clean_samples, min(args.samples, len(clean_samples))):
        print(f"      {sample}")
    print(f"near misses (code-like strings the parser rejected): {len(near_misses)}; a sample:")
    for sample in rng.sample(near_misses, min(args.samples, len(near_misses))):
        print(f"      {sample}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
