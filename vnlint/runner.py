"""Find, read, lint, fix and write files: the I/O shell around the pure engine."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from vnlint.config import Config
from vnlint.diagnostic import Diagnostic
from vnlint.document import BOM, Document
from vnlint.engine import fix_document, lint
from vnlint.kinds import Context
from vnlint.rules import Rule, load_default_rules

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown")
STDIN = "-"


# The records of this module are NamedTuples: immutable and picklable, as frozen dataclasses
# are, and defined at import several times faster (a dataclass generates and compiles its
# methods, about 0.3 ms a class, which every one-file run pays).
class CheckOptions(NamedTuple):
    """What a run does to each file; picklable, so workers get the same options."""

    config: Config = Config()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    stdin_name: str = STDIN

    def rules_for(self, path: str) -> tuple[Rule, ...]:
        """Return the rules that apply to a path: selection, ignores and per-file ignores."""
        # A command-line selection replaces the configuration's selection and ignores.
        select = self.select or self.config.select
        config_ignore = () if self.select else self.config.ignore
        per_file = self.config.ignores_for(path)
        return _selected(tuple(select), (*config_ignore, *self.ignore, *per_file))

    @property
    def context(self) -> Context:
        """Return the settings kinds read."""
        tone = self.config.tone_style
        return Context(accept=self.config.accept, tone_style=None if tone == "majority" else tone)


@lru_cache(maxsize=256)
def _selected(select: tuple[str, ...], ignore: tuple[str, ...]) -> tuple[Rule, ...]:
    """Select the shipped rules (cached: an archive asks the same question for every file)."""
    return load_default_rules().select(select, ignore)


class FileResult(NamedTuple):
    """What one file gave: findings as records, how many were fixed, and a diff if asked."""

    path: str
    records: tuple[dict[str, object], ...]
    fixed: int = 0
    diff: str = ""
    fixed_text: str | None = None  # for stdin with --fix: the text to print


def discover(paths: Sequence[str], config: Config) -> list[str]:
    """Expand folders (recursively, `.txt` and `.md`) and drop excluded paths, keeping order."""
    out: list[str] = []
    seen: set[str] = set()
    for raw in paths:
        if raw == STDIN:
            out.append(raw)
            continue
        path = Path(raw)
        if path.is_dir():
            candidates: Iterable[Path] = _walk(path, config)
        else:
            candidates = [path]
        for candidate in candidates:
            key = str(candidate)
            if key in seen or config.is_excluded(key):
                continue
            seen.add(key)
            out.append(key)
    return out


def _walk(folder: Path, config: Config) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(
            d for d in dirs if not d.startswith(".") and not config.is_excluded(str(Path(root, d)))
        )
        for name in sorted(files):
            if name.lower().endswith(ARTICLE_SUFFIXES) and not name.startswith("."):
                yield Path(root, name)


def read_bytes(path: str) -> tuple[bytes | None, str | None]:
    """Read a file (or stdin); return its bytes, or None and why it could not be read."""
    try:
        if path == STDIN:
            return sys.stdin.buffer.read(), None
        with open(path, "rb") as file:  # not Path.read_bytes: no path object per file
            return file.read(), None
    except OSError as exc:
        return None, exc.strerror or type(exc).__name__


def to_document(data: bytes | None, error: str | None, shown: str) -> Document:
    """Build the Document for what read_bytes gave; a failed read becomes part of it."""
    if data is None:
        return Document("", shown, read_error=error or "unreadable")
    return Document.from_bytes(data, shown)


def read_document(path: str, stdin_name: str = STDIN) -> Document:
    """Read a file (or stdin) into a Document; failures become part of the document."""
    return to_document(*read_bytes(path), stdin_name if path == STDIN else path)


_settled = False


def settle_heap() -> None:
    """Once the first file is done, hide the loaded tables from the garbage collector.

    Rule packs, the lexicon and their caches are large, long-lived and acyclic; a full
    collection walking them again and again cost a fifth of an audit's time. They are frozen
    (`gc.freeze`) and the young generation is allowed to grow larger before a collection.
    `vnlint check` turns the collector off until then (vnlint.cli.main): it is turned back on.
    Called by the command-line paths only, never by the library functions.
    """
    global _settled
    if not _settled:
        _settled = True
        gc.freeze()
        gc.set_threshold(20_000, 20, 50)
    gc.enable()


def check_file(path: str, options: CheckOptions) -> FileResult:
    """Lint (and maybe fix) one file; a pure function of its content and the options."""
    try:
        return _check_file(path, options)
    except Exception as exc:
        if stops_the_run(exc):
            raise
        doc = failed(options.stdin_name if path == STDIN else path, exc)
        return FileResult(doc.path, _records(lint(doc, options.rules_for(doc.path)), doc))
    finally:
        settle_heap()


def stops_the_run(exc: Exception) -> bool:
    """Tell whether an error met while checking a file concerns every file: a broken
    configuration, rule file or lexicon (reported once, and the run stops)."""
    from vnlint.config import ConfigError
    from vnlint.rules import RuleError

    if isinstance(exc, ConfigError | RuleError):
        return True
    lexicon = sys.modules.get("vnlint.lexicon.lexicon")  # loaded if it raised: not imported here
    return lexicon is not None and isinstance(exc, lexicon.LexiconError)


def failed(path: str, exc: Exception) -> Document:
    """Stand for a file whose check failed: its fixes could not be written (an OSError: files
    are read before, where a failure is part of the document), or an error of vnlint's own (a
    bug, not a problem of the file). The unreadable-file rule (VN000) reports it, so that a
    pre-commit hook still blocks and an archive audit goes on with the other files. Said on
    stderr as well, with what a bug report needs."""
    if isinstance(exc, OSError):
        why = exc.strerror or type(exc).__name__
        print(f"vnlint: {path}: could not write the fixes ({why})", file=sys.stderr)
        return Document("", path, failure=f"không ghi được bản sửa ({why})")
    problem = f"{type(exc).__name__}: {exc}"
    print(
        f"vnlint: {path}: internal error ({problem}); please report this bug with the file",
        file=sys.stderr,
    )
    return Document("", path, failure=f"lỗi nội bộ của vnlint ({problem}), xin báo lỗi kèm tệp")


def _check_file(path: str, options: CheckOptions) -> FileResult:
    doc = read_document(path, options.stdin_name)
    rules = options.rules_for(doc.path)
    ctx = options.context
    if not (options.fix or options.diff) or doc.undecodable:
        records = _records(lint(doc, rules, ctx), doc)
        doc.release()
        return FileResult(doc.path, records)
    result = fix_document(doc, rules, ctx, unsafe=options.unsafe_fixes)
    final = Document(result.text, doc.path, bom=doc.bom)
    records = _records(result.remaining, final)
    fixed = len(result.applied)
    if options.diff:
        import difflib

        diff = "".join(
            difflib.unified_diff(
                doc.text.splitlines(keepends=True),
                result.text.splitlines(keepends=True),
                fromfile=f"a/{doc.path}",
                tofile=f"b/{doc.path}",
            )
        )
        return FileResult(doc.path, records, fixed, diff=diff)
    if path == STDIN:
        return FileResult(doc.path, records, fixed, fixed_text=result.text)
    if result.changed:
        write_atomic(Path(path), result.text, bom=doc.bom)
    return FileResult(doc.path, records, fixed)


def write_atomic(path: Path, text: str, *, bom: bool) -> None:
    """Write through a temporary file in the same folder, then rename over the original."""
    import tempfile

    data = ((BOM if bom else "") + text).encode("utf-8")
    mode = path.stat().st_mode & 0o7777 if path.exists() else None
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".vnlint")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _records(diagnostics: Iterable[Diagnostic], doc: Document) -> tuple[dict[str, object], ...]:
    return tuple(to_record(d, doc) for d in diagnostics)


def to_record(diag: Diagnostic, doc: Document) -> dict[str, object]:
    """Render a diagnostic as the JSON contract's object (line and column computed here)."""
    line, column = doc.line_col(diag.start)
    end_line, end_column = doc.line_col(diag.end)
    fix = None
    if diag.fix is not None:
        fix = {
            "applicability": diag.fix.applicability.value,
            "edits": [_edit_record(e.start, e.end, e.content, doc) for e in diag.fix.edits],
        }
    return {
        "path": doc.path,
        "code": diag.code,
        "name": diag.name,
        "category": diag.category,
        "severity": diag.severity.label,
        "message": diag.message,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "offset": diag.start,
        "end_offset": diag.end,
        "text": diag.text,
        "suggestions": list(diag.suggestions),
        "fix": fix,
        "line_text": _line_text(doc, diag.start),
    }


def _edit_record(start: int, end: int, content: str, doc: Document) -> dict[str, object]:
    line, column = doc.line_col(start)
    end_line, end_column = doc.line_col(end)
    return {
        "offset": start,
        "end_offset": end,
        "content": content,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
    }


def _line_text(doc: Document, offset: int) -> str:
    line, _ = doc.line_col(offset)
    start = doc.line_starts[line - 1]
    end = doc.line_starts[line] if line < len(doc.line_starts) else len(doc.text)
    return doc.text[start:end].rstrip("\r\n")


def run(paths: Sequence[str], options: CheckOptions, jobs: int = 1) -> list[FileResult]:
    """Check files, in parallel worker processes when jobs > 1; results keep the input order."""
    if jobs <= 1 or len(paths) <= 1 or STDIN in paths:
        return [check_file(p, options) for p in paths]
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, min(64, len(paths) // (jobs * 8) or 1))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(check_file, paths, [options] * len(paths), chunksize=chunk))
