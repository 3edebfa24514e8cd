"""Time each rule (and the shared document views) in-process over corpus articles.

Usage:
    python benchmarks/rule_costs.py [--limit 800] [--offset 0] [--select VN2] [--profile]

Finds where the time goes, pack by pack, before reaching for a profiler: each rule's `find` is
timed on a document whose shared views (tokens, lines, masks) were built first, so a rule's
figure is its own cost plus any per-document analysis it is the first to ask for (the spin
score is computed by VN201, say). `--profile` adds a cProfile listing of the whole run.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time
from collections import Counter

from corpus_findings import DEFAULT_CORPUS, read_articles

from vnlint.audit import audit_document
from vnlint.runner import CheckOptions, settle_heap, to_document
from vnlint.spin import assess


def main() -> int:
    """Run the timing and print seconds and MB/s per rule."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=800)
    parser.add_argument("--offset", type=int, default=0)
    parser.add_argument("--select", default="")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    texts = read_articles(DEFAULT_CORPUS, args.offset, args.limit)
    data = [t.encode("utf-8") for _, t in texts]
    mb = sum(len(d) for d in data) / 1e6
    options = CheckOptions()
    rules = [r for r in options.rules_for("a.txt") if r.code.startswith(args.select)]
    ctx = options.context
    audit_document(to_document(data[0], None, "warm-up.txt"), options)  # load tables once
    settle_heap()  # as the command line does after its first file

    costs: Counter[str] = Counter()

    def run() -> None:
        for raw in data:
            started = time.perf_counter()
            doc = to_document(raw, None, "a.txt")
            _ = doc.token_columns, doc.lines(), doc.masks, doc.vocabulary
            costs["document views"] += time.perf_counter() - started
            for rule in rules:
                started = time.perf_counter()
                list(rule.kind.find(doc, ctx))
                costs[f"{rule.code} {rule.name}"] += time.perf_counter() - started
            started = time.perf_counter()
            doc.memo("spin", assess)
            costs["spin score (if not yet)"] += time.perf_counter() - started
            # As the audit does: without it, the analyses that refer back to each document keep
            # it alive until the garbage collector runs, and the collections' cost lands on
            # whichever rule happens to be allocating then.
            started = time.perf_counter()
            doc.release()
            costs["release"] += time.perf_counter() - started

    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(run)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(30)
    else:
        run()
    total = sum(costs.values())
    print(f"{len(data)} articles, {mb:.2f} MB")
    for name, seconds in costs.most_common():
        share = 100 * seconds / total
        print(f"{name:44s} {seconds:7.3f} s {share:5.1f}%  {mb / max(seconds, 1e-9):8.1f} MB/s")
    print(f"{'total':44s} {total:7.3f} s        {mb / total:8.2f} MB/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
