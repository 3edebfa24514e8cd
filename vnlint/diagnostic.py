"""Describe findings: severities, edits, fixes and diagnostics."""

from __future__ import annotations

import enum
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple


class Severity(enum.IntEnum):
    """Order severities so that `max()` picks the worst."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        """Return the lowercase name used in files and outputs."""
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Severity:
        """Read a severity from its lowercase name."""
        try:
            return cls[value.upper()]
        except KeyError:
            raise ValueError(
                f"unknown severity {value!r} (expected error, warning or info)"
            ) from None


class Applicability(enum.Enum):
    """Say when a fix may be applied without a human looking."""

    SAFE = "safe"
    UNSAFE = "unsafe"


CATEGORIES = ("unicode", "typography", "typo", "spin", "title", "code")


# Edits and fixes are NamedTuples: immutable, compared and ordered by value, as frozen
# dataclasses are, and defined at import several times faster (a dataclass generates and
# compiles its methods, about 0.3 ms a class, which every one-file run pays).
class Edit(NamedTuple):
    """Replace text[start:end] with content (an insertion when start == end)."""

    start: int
    end: int
    content: str = ""

    def overlaps(self, other: Edit) -> bool:
        """Tell whether two edits touch the same text (two insertions at one point do)."""
        if self.start == self.end == other.start == other.end:
            return True
        return self.start < other.end and other.start < self.end


class Fix(NamedTuple):
    """A set of edits that must be applied together."""

    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE

    @classmethod
    def replace(cls, start: int, end: int, content: str, *, safe: bool = True) -> Fix:
        """Build a one-edit fix."""
        return cls(
            (Edit(start, end, content),), Applicability.SAFE if safe else Applicability.UNSAFE
        )

    def applies(self, *, unsafe: bool) -> bool:
        """Tell whether this fix may be applied under the given permission."""
        return self.applicability is Applicability.SAFE or unsafe


@dataclass(frozen=True)
class Diagnostic:
    """One finding of one rule in one document."""

    code: str
    name: str
    category: str
    severity: Severity
    message: str
    start: int
    end: int
    text: str
    suggestions: tuple[str, ...] = ()
    fix: Fix | None = None
    data: tuple[tuple[str, object], ...] = field(default=(), compare=False)

    @property
    def sort_key(self) -> tuple[int, int, str]:
        """Order findings by position, then by code."""
        return (self.start, self.end, self.code)


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping edits; raise ValueError when two overlap."""
    ordered = sorted(edits)
    _check_disjoint(ordered)
    out: list[str] = []
    pos = 0
    for edit in ordered:
        out.append(text[pos : edit.start])
        out.append(edit.content)
        pos = edit.end
    out.append(text[pos:])
    return "".join(out)


def _check_disjoint(ordered: Sequence[Edit]) -> None:
    for a, b in itertools.pairwise(ordered):
        if a.overlaps(b):
            raise ValueError(f"overlapping edits {a} and {b}")
