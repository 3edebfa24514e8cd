"""Measure vnlint's speed: archive throughput (one core, all cores), hunspell side by side, the
pre-commit case (one file, interpreter start included) and peak memory per worker.

Usage:
    python benchmarks/speed.py [--mb 50] [--workdir /tmp/vnlint-speed] [--skip-hunspell]
        [--rounds 1]

`--rounds N` (N > 1) then runs the one-core audit and hunspell N more times, alternately, and
prints each round's ratio with their median and lowest: a virtual machine's speed drifts by a
tenth over minutes, and a ratio from runs made side by side, repeated, says how robust it is.

The corpus articles are written once as files under --workdir (outside the project) and read
back by `vnlint audit --no-cache`, as an archive audit would. Nothing is written in the project.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from corpus_findings import DEFAULT_CORPUS, read_articles

HERE = Path(__file__).resolve().parent


def prepare(workdir: Path, megabytes: float) -> tuple[Path, float]:
    """Write corpus articles as files until `megabytes` of text; return the folder and its size."""
    folder = workdir / "archive"
    marker = workdir / f"ready-{megabytes}"
    if marker.exists():
        return folder, float(marker.read_text())
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    total = 0
    for i, (article_id, text) in enumerate(read_articles(DEFAULT_CORPUS, 0, 40000)):
        data = text.encode("utf-8")
        sub = folder / f"{i // 1000:03d}"
        sub.mkdir(exist_ok=True)
        (sub / f"{article_id}.txt").write_bytes(data)
        total += len(data)
        if total >= megabytes * 1e6:
            break
    size = total / 1e6
    marker.write_text(str(size))
    return folder, size


def timed(cmd: list[str], **kwargs: object) -> tuple[float, int, str]:
    """Run a command; return wall seconds, peak RSS of its children (KB), and stdout."""
    wrapped = ["/usr/bin/time", "-f", "%M", *cmd] if Path("/usr/bin/time").exists() else cmd
    started = time.perf_counter()
    proc = subprocess.run(wrapped, capture_output=True, text=True, check=False, **kwargs)  # type: ignore[call-overload]
    elapsed = time.perf_counter() - started
    peak = 0
    if wrapped is not cmd:
        try:
            peak = int(proc.stderr.strip().splitlines()[-1])
        except (ValueError, IndexError):
            peak = 0
    return elapsed, peak, proc.stdout


# Run `vnlint audit` in this interpreter and print the peak RSS (KB) of the main process and of
# the largest worker process it waited for.
_AUDIT_WITH_MEMORY = """
import resource, sys
from vnlint.cli import main
code = main(sys.argv[1:])
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(own, children)
"""


def run_audit(folder: Path, jobs: int) -> tuple[float, int, int]:
    """Audit the folder without the result cache; return the wall seconds and the peak RSS (KB)
    of the main process and of its largest worker."""
    seconds, _, out = timed(
        [
            sys.executable,
            "-c",
            _AUDIT_WITH_MEMORY,
            "audit",
            "--no-cache",
            "--no-progress",
            "--jobs",
            str(jobs),
            "--format",
            "json",
            "--output",
            os.devnull,
            str(folder),
        ]
    )
    main_kb, worker_kb = (int(x) for x in out.split())
    return seconds, main_kb, worker_kb


def hunspell_rate(sample: Path) -> float:
    """Return the MB/s of `hunspell -d vi_VN -l` over a file (one process, one core)."""
    with sample.open("rb") as handle:
        seconds, _, _ = timed(["hunspell", "-d", "vi_VN", "-l"], stdin=handle)
    return sample.stat().st_size / 1e6 / seconds


def vnlint_cmd(*args: str) -> list[str]:
    """Run the installed vnlint with this interpreter."""
    return [sys.executable, "-m", "vnlint", *args]


def main() -> int:
    """Run every measurement and print a JSON summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50.0)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/vnlint-speed"))
    parser.add_argument("--skip-hunspell", action="store_true")
    parser.add_argument("--cores", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    folder, size = prepare(args.workdir, args.mb)
    files = sum(1 for _ in folder.rglob("*.txt"))
    results: dict[str, object] = {"archive_mb": round(size, 1), "files": files}

    for jobs in sorted({1, args.cores}):
        seconds, main_kb, worker_kb = run_audit(folder, jobs)
        results[f"audit_{jobs}_cores"] = {
            "seconds": round(seconds, 1),
            "mb_per_s": round(size / seconds, 2),
            # With one job the main process is the worker; with more, each worker process is
            # measured apart (the largest of them) from the main one that holds the results.
            "peak_rss_mb_main": round(main_kb / 1024, 1),
            "peak_rss_mb_largest_worker": round((worker_kb if jobs > 1 else main_kb) / 1024, 1),
        }

    if not args.skip_hunspell and shutil.which("hunspell"):
        text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.txt")))
        sample = text[: int(5e6)]  # hunspell is slow: 5 MB is plenty for a rate
        (args.workdir / "sample.txt").write_text(sample, encoding="utf-8")
        with (args.workdir / "sample.txt").open("rb") as handle:
            seconds, _, _ = timed(["hunspell", "-d", "vi_VN", "-l"], stdin=handle)
        mb = len(sample.encode()) / 1e6
        results["hunspell_one_core"] = {
            "seconds": round(seconds, 1),
            "mb_per_s": round(mb / seconds, 3),
        }
        one = results["audit_1_cores"]["mb_per_s"]  # type: ignore[index]
        results["ratio_vnlint_to_hunspell_one_core"] = round(one / (mb / seconds), 1)
        # Hunspell's time grows faster than linearly with line length: the archive's paragraph
        # lines are its slow case. The same text with one sentence per line, for comparison.
        sentences = re.sub(r"([.!?…]) ", r"\1\n", sample)
        (args.workdir / "sample-sentences.txt").write_text(sentences, encoding="utf-8")
        with (args.workdir / "sample-sentences.txt").open("rb") as handle:
            seconds, _, _ = timed(["hunspell", "-d", "vi_VN", "-l"], stdin=handle)
        results["hunspell_one_core_sentence_lines"] = {
            "seconds": round(seconds, 1),
            "mb_per_s": round(mb / seconds, 3),
        }
        results["ratio_vnlint_to_hunspell_sentence_lines"] = round(one / (mb / seconds), 2)
        if args.rounds > 1:
            # Alternate the two, so that a drift of the machine's speed touches both alike.
            rounds = []
            for _ in range(args.rounds):
                audit_seconds, _, _ = run_audit(folder, 1)
                rate = hunspell_rate(args.workdir / "sample.txt")
                rounds.append(round(size / audit_seconds / rate, 1))
            results["ratio_rounds_one_core"] = {
                "ratios": rounds,
                "median": statistics.median(rounds),
                "lowest": min(rounds),
            }

    article = next(iter(sorted(folder.rglob("*.txt"))))
    # An installed vnlint has its bytecode compiled (pip compiles .pyc files at install time) and
    # its derived tables cached after the first run (vnlint/cache.py): that is the pre-commit
    # case, so PYTHONDONTWRITEBYTECODE (set in some sandboxes, which then compile every module
    # from source on every run) is dropped. Measured apart: with the derived-table cache off.
    cases = {
        "precommit_one_file": {},
        "precommit_no_derived_cache": {"VNLINT_NO_CACHE": "1"},
    }
    for name, extra in cases.items():
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env.update(extra)
        timed(vnlint_cmd("check", "--no-config", str(article)), env=env)  # warm-up
        runs = []
        peak = 0
        for _ in range(9):
            seconds, peak, _ = timed(vnlint_cmd("check", "--no-config", str(article)), env=env)
            runs.append(seconds)
        results[name] = {
            "median_ms": round(statistics.median(runs) * 1000),
            "best_ms": round(min(runs) * 1000),
            "peak_rss_mb": round(peak / 1024, 1),
            "article_kb": round(article.stat().st_size / 1000, 1),
        }
    json.dump(results, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
