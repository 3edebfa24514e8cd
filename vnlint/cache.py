"""Derived tables kept between runs: parsed rule files, the speller's index.

A one-file pre-commit run spends much of its time turning shipped data into the structures
rules use (parsing TOML, folding the lexicon's syllables). Each such table is stored once in
the user cache folder with `marshal` (fast to load, plain data only) under a key made of what
it derives from, and rebuilt whenever that changes. The folder is the audit cache's
($VNLINT_CACHE_DIR, else $XDG_CACHE_HOME/vnlint, else ~/.cache/vnlint) and is safe to delete;
VNLINT_NO_CACHE=1 turns the cache off. A cache that cannot be read or written is ignored:
the table is then built in memory, as without a cache.
"""

from __future__ import annotations

import hashlib
import marshal
import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from vnlint import __version__

T = TypeVar("T")

CACHE_ENV = "VNLINT_CACHE_DIR"
NO_CACHE_ENV = "VNLINT_NO_CACHE"


def default_cache_dir() -> Path:
    """Return the cache folder: $VNLINT_CACHE_DIR, else $XDG_CACHE_HOME/vnlint, else ~/.cache."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "vnlint"


def file_key(*paths: Path) -> str:
    """Key files by path, size and modification time (cheap: nothing is read)."""
    parts = []
    for path in paths:
        stat = path.stat()
        parts.append(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}")
    return "\0".join(parts)


def derived(name: str, key: str, build: Callable[[], T]) -> T:
    """Return the table `name` for `key` from the cache, or build it (and store it)."""
    if os.environ.get(NO_CACHE_ENV):
        return build()
    digest = hashlib.blake2b(f"{__version__}\0{key}".encode(), digest_size=12).hexdigest()
    path = default_cache_dir() / "derived" / f"{name}-{digest}.marshal"
    try:
        return marshal.loads(path.read_bytes())  # type: ignore[no-any-return]
    except (OSError, EOFError, ValueError, TypeError):
        pass
    value = build()
    try:
        data = marshal.dumps(value)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, path)  # atomic: a reader sees the old file or the new one
    except (OSError, ValueError):
        pass  # a read-only home, an unmarshallable value: build in memory next time too
    return value
