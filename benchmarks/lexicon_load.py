"""Measure the compiled lexicon: file size, and cold load time in a fresh interpreter.

Usage: python benchmarks/lexicon_load.py [--runs 5] [--path vnlint/lexicon/data/lexicon.bin]

Each run starts a new `python -c` process, so the file and the module are read cold (as far as
the OS page cache allows). Reported, median over the runs: `Lexicon.load()` alone, and "ready",
load plus the first call of every lookup (which decodes each section), plus the memory that
adds (peak RSS growth; Python allocations after the lookups).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

from vnlint.lexicon import DEFAULT_PATH

_PROBE = """
import json, resource, sys, time, tracemalloc
import vnlint.lexicon
from vnlint.lexicon import Lexicon
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
lex = Lexicon.load(sys.argv[1])
loaded = time.perf_counter()
lex.syllable_count("của")
lex.capitalized_ratio("hà")
lex.bigram_count("kế", "hoạch")
lex.word_count(["kế", "hoạch"])
ready = time.perf_counter()
rss_growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss
tracemalloc.start()
traced = Lexicon.load(sys.argv[1])
traced.syllable_count("của")
traced.capitalized_ratio("hà")
traced.bigram_count("kế", "hoạch")
traced.word_count(["kế", "hoạch"])
python_bytes = tracemalloc.get_traced_memory()[0]
print(json.dumps({
    "load_ms": (loaded - start) * 1000,
    "ready_ms": (ready - start) * 1000,
    "rss_kb": rss_growth,
    "python_bytes": python_bytes,
}))
"""


def main() -> int:
    """Run the measurement and print it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--path", type=Path, default=DEFAULT_PATH)
    args = parser.parse_args()
    results = []
    for _ in range(args.runs):
        out = subprocess.run(
            [sys.executable, "-c", _PROBE, str(args.path)],
            check=True,
            capture_output=True,
            text=True,
        )
        results.append(json.loads(out.stdout))

    def median(key: str) -> float:
        """Return the median of one figure over the runs."""
        return statistics.median(r[key] for r in results)

    print(f"file:   {args.path} ({args.path.stat().st_size / 1e6:.2f} MB)")
    print(f"load:   {median('load_ms'):.2f} ms (median of {args.runs} fresh processes)")
    print(f"ready:  {median('ready_ms'):.2f} ms (load + first lookup of every kind)")
    print(f"memory: +{median('rss_kb') / 1024:.1f} MB peak RSS, ", end="")
    print(f"{median('python_bytes') / 1e6:.1f} MB held by Python objects when ready")
    return 0


if __name__ == "__main__":
    sys.exit(main())
