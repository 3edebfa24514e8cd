"""Spin kinds: phrases that spin tools write, and articles judged machine-spun as a whole."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar

from vnlint.diagnostic import Edit
from vnlint.document import Document
from vnlint.kinds.base import Context, Hit

GROUPS = ("phrase", "title", "any")


@dataclass(frozen=True)
class SpunPhrase:
    """Flag phrases of the spin table (`rules/_data/spin-phrases.toml`) and offer the original.

    Keys: `tier` (1: phrases clean news never uses, flagged on their own; 2: phrases clean news
    also uses, flagged only with `only-in-spun`), `group` (`phrase` for padded phrases and absurd
    synonyms, `title` for corrupted offices and bodies, `any`), `only-in-spun` (fire only in an
    article whose spin verdict is `spun`). The fix writes the first original; it is unsafe,
    since context decides ("hiệu suất cao" is right in a motor review).
    """

    respect_masks: ClassVar[bool] = True
    tier: int = 1
    group: str = "phrase"
    only_in_spun: bool = False

    def __post_init__(self) -> None:
        if self.tier not in (1, 2):
            raise ValueError(f"tier must be 1 or 2, not {self.tier}")
        if self.group not in GROUPS:
            raise ValueError(f"group must be one of {', '.join(GROUPS)}, not {self.group!r}")

    def find(self, doc: Document, ctx: Context) -> Iterator[Hit]:
        """Yield each phrase of this tier and group, with its originals as suggestions."""
        from vnlint.spin import assess

        result = doc.memo("spin", assess)
        if self.only_in_spun and result.verdict != "spun":
            return
        for match in result.matches:
            phrase = match.phrase
            if phrase.tier != self.tier:
                continue
            if self.group != "any" and (phrase.pattern == "title") != (self.group == "title"):
                continue
            yield Hit(
                match.start,
                match.end,
                suggestions=match.originals,
                # Several originals are still one fix: the first is the spinner's usual source.
                edits=(Edit(match.start, match.end, match.originals[0]),),
                args={"original": match.originals[0], "clean": phrase.clean},
                data={"clean": phrase.clean, "weight": phrase.weight, "pattern": phrase.pattern},
            )


@dataclass(frozen=True)
class SpunArticle:
    """Flag an article whose spin score reaches the `spun` verdict (a document-level finding).

    Keys: `evidence` (how many of the strongest pieces of evidence the message names). The
    finding sits at offset 0 with an empty span and carries the score and the evidence.
    """

    respect_masks: ClassVar[bool] = False
    evidence: int = 5

    def find(self, doc: Document, ctx: Context) -> Iterator[Hit]:
        """Yield one hit when the article is judged spun."""
        from vnlint.spin import assess

        result = doc.memo("spin", assess)
        if result.verdict != "spun":
            return
        shown: list[str] = []
        seen: set[str] = set()
        for e in result.evidence:
            key = e.text.casefold()
            if key in seen:
                continue
            seen.add(key)
            shown.append(f"“{e.text}” (→ “{e.original}”)" if e.original else f"“{e.text}”")
            if len(shown) >= self.evidence:
                break
        yield Hit(
            0,
            0,
            args={
                "score": f"{result.score:.2f}",
                "evidence": ", ".join(shown),
                "matches": len(result.matches),
            },
            data={"spin_score": result.score, "verdict": result.verdict, "evidence": tuple(shown)},
            no_fix=True,
        )
