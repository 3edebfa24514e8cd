"""Define what every rule kind gives and gets: hits, the lint context, the kind protocol."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar, Protocol

from vnlint.diagnostic import Edit, Severity

if TYPE_CHECKING:
    from vnlint.document import Document


@dataclass(frozen=True)
class Hit:
    """What a kind found: a span, candidate corrections and message fields.

    A hit knows nothing of messages or fix policy; the rule turns it into a diagnostic.
    `edits` overrides the default fix (replace the span with the only suggestion).
    """

    start: int
    end: int
    suggestions: tuple[str, ...] = ()
    edits: tuple[Edit, ...] | None = None
    args: Mapping[str, object] = field(default_factory=dict)
    severity: Severity | None = None
    unsafe: bool = False
    no_fix: bool = False
    data: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Context:
    """Settings that kinds read: the configuration's accepted words and house style."""

    accept: frozenset[str] = frozenset()
    tone_style: str | None = None  # "T1", "T2" or None (follow the article's majority)


class Kind(Protocol):
    """A rule kind: a frozen dataclass of its TOML keys with one matching method."""

    respect_masks: ClassVar[bool]

    def find(self, doc: Document, ctx: Context) -> Iterator[Hit]:
        """Yield every place in the document where this rule applies."""
        ...
