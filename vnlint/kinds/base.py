"""Define what every rule kind gives and gets: hits, the lint context, the kind protocol."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar, NamedTuple, Protocol

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


class Context(NamedTuple):
    """Settings that kinds read: the configuration's accepted words and house style.

    A NamedTuple: immutable and compared by value, as a frozen dataclass, and defined at
    import several times faster (a dataclass's generated methods cost every run 0.3 ms).
    """

    accept: frozenset[str] = frozenset()
    tone_style: str | None = None  # "T1", "T2" or None (follow the article's majority)


@dataclass(frozen=True)
class KeylessKind:
    """The base of the kinds that take no keys: a frozen dataclass without fields.

    Such a kind derives from this class instead of being a `@dataclass(frozen=True)` of its
    own, and behaves the same: built without arguments, equal to the kinds of its class only,
    hashable, `KindName()` as its repr, and `dataclasses.fields` gives (). Decorating each one
    would generate and compile the same six methods again per class at import (0.25 ms a
    class, half the kinds: 5 ms of every one-file run). A kind with keys is decorated itself.
    """


class Kind(Protocol):
    """A rule kind: a frozen dataclass of its TOML keys with one matching method (a kind
    without keys derives from `KeylessKind`)."""

    respect_masks: ClassVar[bool]

    def find(self, doc: Document, ctx: Context) -> Iterator[Hit]:
        """Yield every place in the document where this rule applies."""
        ...
