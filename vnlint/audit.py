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
from vnlint.runner import (
    STDIN,
    CheckOptions,
    failed,
    read_bytes,
    settle_heap,
    stops_the_run,
    to_document,
    to_record,
)

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


# What a worker is given of one file: its path, its bytes and why it could not be read (as
# `read_bytes` returns them); both None when the worker is to read the file itself.
_Work = tuple[str, bytes | None, str | None]


def _audit_bytes(job: tuple[str, bytes | None, str | None, CheckOptions]) -> dict[str, object]:
    """Audit one file from what was read of it: (path, bytes or None, read error, options).

    Bytes and error both None: nothing was read yet, and the file is read here (in a worker,
    so that the main process never touches an article it does not have to hash).
    """
    path, data, error, options = job
    if data is None and error is None:
        data, error = read_bytes(path)
    doc = to_document(data, error, path)
    try:
        return audit_document(doc, options)
    except Exception as exc:
        if stops_the_run(exc):
            raise
        return audit_document(failed(path, exc), options)  # reported as VN000; the run goes on
    finally:
        doc.release()
        settle_heap()


# A worker's options, set once when it starts (`_start_worker`) rather than pickled with every
# task: a configuration's accepted words can run to thousands.
_worker_options: CheckOptions | None = None


def _start_worker(options: CheckOptions) -> None:
    """Start a worker process of the pool: keep the run's options for its tasks."""
    global _worker_options
    _worker_options = options


def _audit_chunk(works: list[_Work]) -> list[dict[str, object]]:
    """Audit several files in a worker, in order: one task, one pickled list of results."""
    options = _worker_options
    if options is None:
        raise RuntimeError("the pool was started without _start_worker")
    # Looked up at each call, so that a test may replace the per-file audit.
    return [_audit_bytes((path, data, error, options)) for path, data, error in works]


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
    return _key_maker(options)(path, data)


def _key_maker(options: CheckOptions) -> Callable[[str, bytes], str]:
    """Return `cache_key` for these options, with what every file shares hashed only once.

    The settings are hashed for each distinct (per-file ignores, suffix): a handful in an
    archive. Path.suffix, not os.path.splitext: the two differ on names ending in a dot.
    """
    config = options.config
    base = hashlib.sha256(rules_fingerprint().encode())
    accept = sorted(config.accept)
    prefixes: dict[tuple[tuple[str, ...], str], Any] = {}

    def key(path: str, data: bytes) -> str:
        ignores = config.ignores_for(path)
        suffix = Path(path).suffix.lower()
        prefix = prefixes.get((ignores, suffix))
        if prefix is None:
            settings = (
                options.select,
                options.ignore,
                config.select,
                config.ignore,
                ignores,
                accept,
                config.tone_style,
                suffix,
            )
            prefix = prefixes[ignores, suffix] = base.copy()
            prefix.update(repr(settings).encode())
        digest = prefix.copy()
        digest.update(data)
        return digest.hexdigest()

    return key


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

    Without a cache nothing needs a file's bytes before it is audited, so the workers read the
    files themselves; with one, the main process reads and hashes each file to look it up, and
    sends the workers the bytes it hashed (read twice, a file changed in between could be
    stored under the other content's key).
    """
    cache = ResultCache(audit.cache_dir) if audit.cache_dir else None
    key_of = _key_maker(options) if cache else None
    results: list[dict[str, object]] = []

    def jobs() -> Iterator[_Job]:
        for path in paths:
            if key_of is None and path != STDIN:  # a worker cannot read the main's stdin
                yield _Job("", (path, None, None), None)
                continue
            data, error = read_bytes(path)
            key = key_of(path, data) if key_of and data is not None else ""
            hit = cache.get(key) if cache and key else None
            if hit is not None:
                yield _Job(key, None, _relocate(hit, path))
            else:
                yield _Job(key, (path, data, error), None)

    try:
        for job, result in _pipeline(jobs(), audit.jobs, options):
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
    work: _Work | None  # None: cached
    cached: dict[str, object] | None


# Files are sent to the workers in chunks, one task each. A task costs the main process about
# 0.15 ms (a future, pickling, pipe writes, hand-offs between its threads, a result message),
# where an article takes about a millisecond to audit: with one task per file the main process
# used a seventh of the workers' time, on a core they need (4,000 files: 0.8 s of its CPU, and
# 0.2 s with chunks of 32 or more). A chunk is closed at CHUNK files or CHUNK_BYTES of bytes
# sent, whichever comes first: small enough that the last chunks leave no worker idle for long
# (a chunk is a few hundredths of a second of work) and that the progress bar still moves.
CHUNK = 32
CHUNK_BYTES = 256 * 1024
# Chunks in flight per worker: enough that a worker never waits for the next one.
IN_FLIGHT = 4


def _pipeline(
    jobs: Iterator[_Job], workers: int, options: CheckOptions
) -> Iterator[tuple[_Job, dict[str, object]]]:
    """Audit the jobs in order, in worker processes when there is more than one core.

    At most a few chunks per worker are in flight: reading stays just ahead of the workers.
    """
    workers = workers or os.cpu_count() or 1
    if workers == 1:
        for job in jobs:
            yield job, job.cached if job.work is None else _audit_bytes((*job.work, options))
        return
    from concurrent.futures import ProcessPoolExecutor

    window: deque[tuple[list[_Job], Any]] = deque()
    with ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(options,)) as pool:
        for chunk in _chunks(jobs):
            works = [job.work for job in chunk if job.work is not None]
            window.append((chunk, pool.submit(_audit_chunk, works) if works else None))
            while len(window) > workers * IN_FLIGHT:
                yield from _results_of(*window.popleft())
        while window:
            yield from _results_of(*window.popleft())


def _chunks(jobs: Iterable[_Job]) -> Iterator[list[_Job]]:
    """Group consecutive jobs, cached or not, CHUNK at a time (fewer past CHUNK_BYTES sent)."""
    chunk: list[_Job] = []
    sent = 0
    for job in jobs:
        chunk.append(job)
        if job.work is not None and job.work[1] is not None:
            sent += len(job.work[1])
        if len(chunk) >= CHUNK or sent >= CHUNK_BYTES:
            yield chunk
            chunk, sent = [], 0
    if chunk:
        yield chunk


def _results_of(chunk: list[_Job], pending: Any) -> Iterator[tuple[_Job, dict[str, object]]]:
    """Pair a chunk's jobs with their results: the cached ones', and the task's in order."""
    audited = iter(pending.result() if pending is not None else ())
    for job in chunk:
        yield job, job.cached if job.work is None else next(audited)


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
