"""Audit whole archives: every file's findings, word count and spin verdict, in parallel, cached."""

from __future__ import annotations

import gc
import hashlib
import json
import os
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from vnlint import __version__
from vnlint.document import Document
from vnlint.engine import lint
from vnlint.runner import CheckOptions, read_bytes, settle_heap, to_document, to_record

SEVERITIES = ("error", "warning", "info")


@cache
def rules_fingerprint() -> str:
    """Hash everything a result depends on besides the text: version, rule packs, lexicon."""
    from vnlint.rules import rules_dir

    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).parent
    roots = [rules_dir(), package / "lexicon" / "data"]
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.suffix in (".toml", ".bin"):
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    # The kinds' code matters as much as the data.
    for path in sorted(package.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def assess_spin(doc: Document) -> tuple[float | None, str | None]:
    """Return the article's spin score and verdict (None when spin detection is unavailable)."""
    try:
        from vnlint.spin import assess
    except ImportError:
        return None, None
    result = doc.memo("spin", assess)
    return round(float(result.score), 4), str(result.verdict)


def audit_document(doc: Document, options: CheckOptions) -> dict[str, object]:
    """Audit one document: a pure function of its text, the configuration and the rule packs."""
    rules = options.rules_for(doc.path)
    diagnostics = lint(doc, rules, options.context)
    records = [_with_excerpt(to_record(d, doc)) for d in diagnostics]
    counts: dict[str, dict[str, int]] = {}
    for r in records:
        by_severity = counts.setdefault(str(r["category"]), dict.fromkeys(SEVERITIES, 0))
        by_severity[str(r["severity"])] += 1
    score, verdict = (None, None) if doc.undecodable else assess_spin(doc)
    return {
        "path": doc.path,
        "words": 0 if doc.undecodable else doc.token_count,
        "bytes": len(doc.text.encode("utf-8")),
        "spin_score": score,
        "verdict": verdict,
        "counts": counts,
        "diagnostics": records,
    }


# The report shows each finding in its sentence: this many characters either side are kept, not
# the whole paragraph (an archive's results stay in memory until the report is written).
EXCERPT = 120


def _with_excerpt(record: dict[str, object]) -> dict[str, object]:
    """Replace the record's line by the finding and EXCERPT characters either side of it.

    `excerpt` holds the text before, the flagged text and the text after (a finding that runs
    past its line is flagged to the line's end), and whether the line was cut on either side.
    """
    line = str(record.pop("line_text", ""))
    start = int(record["column"]) - 1  # type: ignore[call-overload]
    end = int(record["end_column"]) - 1 if record["line"] == record["end_line"] else len(line)  # type: ignore[call-overload]
    end = max(end, start)
    lo = max(0, start - EXCERPT)
    hi = min(len(line), end + EXCERPT)
    record["excerpt"] = {
        "before": line[lo:start],
        "flagged": line[start:end],
        "after": line[end:hi],
        "cut_before": lo > 0,
        "cut_after": hi < len(line),
    }
    return record


def _audit_bytes(job: tuple[str, bytes | None, str | None, CheckOptions]) -> dict[str, object]:
    path, data, error, options = job
    doc = to_document(data, error, path)
    try:
        return audit_document(doc, options)
    finally:
        doc.release()
        settle_heap()


@dataclass(frozen=True)
class AuditOptions:
    """How an audit runs: workers, cache, progress."""

    jobs: int = 0  # 0: every core
    cache_dir: Path | None = None  # None: no cache
    progress: bool = False


class ResultCache:
    """Results by content hash and rule fingerprint, in one SQLite file (safe to delete)."""

    def __init__(self, folder: Path) -> None:
        import sqlite3

        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / "audit-cache.sqlite3"
        self.db = sqlite3.connect(self.path)
        self.db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, value TEXT)")
        self.pending: list[tuple[str, str]] = []

    def get(self, key: str) -> dict[str, object] | None:
        """Return a stored result, or None."""
        row = self.db.execute("SELECT value FROM results WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else None

    def put(self, key: str, value: dict[str, object]) -> None:
        """Store a result (written in batches)."""
        self.pending.append((key, json.dumps(value, ensure_ascii=False)))
        if len(self.pending) >= 500:
            self.flush()

    def flush(self) -> None:
        """Write what is pending."""
        if self.pending:
            with self.db:
                self.db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?)", self.pending)
            self.pending.clear()

    def close(self) -> None:
        """Flush and close."""
        self.flush()
        self.db.close()


def cache_key(path: str, data: bytes, options: CheckOptions) -> str:
    """Key a result by content, rules, settings and what of the path the settings read."""
    digest = hashlib.sha256(rules_fingerprint().encode())
    settings = (
        options.select,
        options.ignore,
        options.config.select,
        options.config.ignore,
        options.config.ignores_for(path),
        sorted(options.config.accept),
        options.config.tone_style,
        Path(path).suffix.lower(),
    )
    digest.update(repr(settings).encode())
    digest.update(data)
    return digest.hexdigest()


def _relocate(result: dict[str, object], path: str) -> dict[str, object]:
    diagnostics = [{**d, "path": path} for d in result["diagnostics"]]  # type: ignore[union-attr]
    return {**result, "path": path, "diagnostics": diagnostics}


def run_audit(
    paths: Sequence[str],
    options: CheckOptions,
    audit: AuditOptions,
    on_progress: Callable[[int], None] | None = None,
) -> list[dict[str, object]]:
    """Audit every path (in input order), reusing cached results where the content is unchanged.

    Files are read one at a time and handed to the workers through a bounded window, so an
    archive is never held in memory: only the results are kept, for the report.
    """
    cache = ResultCache(audit.cache_dir) if audit.cache_dir else None
    results: list[dict[str, object]] = []

    def jobs() -> Iterator[_Job]:
        for path in paths:
            data, error = read_bytes(path)
            key = cache_key(path, data, options) if cache and data is not None else ""
            hit = cache.get(key) if cache and key else None
            if hit is not None:
                yield _Job(key, None, _relocate(hit, path))
            else:
                yield _Job(key, (path, data, error, options), None)

    try:
        for job, result in _pipeline(jobs(), audit.jobs):
            results.append(result)
            if len(results) % 1000 == 0:
                # Results live until the report is written: take them out of the collector's
                # sight, as the loaded tables are (runner.settle_heap), so that collections do
                # not walk a growing list again and again (7% of a one-core audit).
                gc.collect(1)
                gc.freeze()
            if cache and job.key and job.cached is None:
                cache.put(job.key, result)
            if on_progress:
                on_progress(1)
    finally:
        if cache:
            cache.close()
    return results


class _Job(NamedTuple):
    key: str  # the cache key ("" without a cache)
    work: tuple[str, bytes | None, str | None, CheckOptions] | None  # None: cached
    cached: dict[str, object] | None


def _pipeline(jobs: Iterator[_Job], workers: int) -> Iterator[tuple[_Job, dict[str, object]]]:
    """Audit the jobs in order, in worker processes when there is more than one core.

    At most a few jobs per worker are in flight: reading stays just ahead of the workers.
    """
    workers = workers or os.cpu_count() or 1
    if workers == 1:
        for job in jobs:
            yield job, job.cached if job.work is None else _audit_bytes(job.work)
        return
    from concurrent.futures import ProcessPoolExecutor

    window: deque[tuple[_Job, Any]] = deque()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for job in jobs:
            pending = None if job.work is None else pool.submit(_audit_bytes, job.work)
            window.append((job, pending))
            while len(window) > workers * 8:
                yield _result_of(*window.popleft())
        while window:
            yield _result_of(*window.popleft())


def _result_of(job: _Job, pending: Any) -> tuple[_Job, dict[str, object]]:
    return job, job.cached if pending is None else pending.result()  # type: ignore[return-value]


def summarize(files: Iterable[dict[str, object]]) -> dict[str, object]:
    """Total the audit: articles, words, findings by category and severity, verdicts, rules."""
    files = list(files)
    by_category: dict[str, dict[str, int]] = {}
    by_rule: Counter[str] = Counter()
    names: dict[str, str] = {}
    verdicts: Counter[str] = Counter()
    severities: Counter[str] = Counter()
    for f in files:
        for category, counts in f["counts"].items():  # type: ignore[union-attr]
            target = by_category.setdefault(category, dict.fromkeys(SEVERITIES, 0))
            for severity, n in counts.items():
                target[severity] += n
                severities[severity] += n
        for d in f["diagnostics"]:  # type: ignore[union-attr]
            by_rule[d["code"]] += 1
            names[d["code"]] = d["name"]
        if f["verdict"] is not None:
            verdicts[str(f["verdict"])] += 1
    return {
        "articles": len(files),
        "words": sum(int(f["words"]) for f in files),  # type: ignore[call-overload]
        "bytes": sum(int(f["bytes"]) for f in files),  # type: ignore[call-overload]
        "findings": sum(severities.values()),
        "by_severity": {s: severities[s] for s in SEVERITIES},
        "by_category": by_category,
        "by_rule": [
            {"code": code, "name": names[code], "count": n} for code, n in by_rule.most_common()
        ],
        "verdicts": dict(verdicts),
        "articles_with_errors": sum(
            1
            for f in files
            if any(c.get("error", 0) for c in f["counts"].values())  # type: ignore[union-attr]
        ),
        "vnlint_version": __version__,
    }
