"""Run rules over a document (pure: no I/O), filter the findings, and fix until stable."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from vnlint.diagnostic import Diagnostic, Edit, apply_edits
from vnlint.document import Document
from vnlint.kinds import Context
from vnlint.rules import Rule

MAX_FIX_ROUNDS = 10


def lint(doc: Document, rules: Iterable[Rule], ctx: Context | None = None) -> list[Diagnostic]:
    """Return the findings: unmasked, unsuppressed, not accepted, deduplicated, sorted."""
    ctx = ctx or Context()
    rules = list(rules)
    if doc.undecodable:
        # Nothing else can be trusted in text that did not decode: only file-level rules run.
        rules = [r for r in rules if getattr(r.kind, "file_level", False)]
    accepted = _accepted_spans(doc, ctx.accept)
    seen: set[tuple[str, int, int]] = set()
    out: list[Diagnostic] = []
    for rule in rules:
        respect_masks = getattr(rule.kind, "respect_masks", True)
        for hit in rule.kind.find(doc, ctx):
            if respect_masks and doc.is_masked(hit.start, hit.end):
                continue
            if doc.is_suppressed(rule.code, hit.start):
                continue
            if any(a <= hit.start and hit.end <= b for a, b in accepted):
                continue
            key = (rule.code, hit.start, hit.end)
            if key in seen:
                continue
            seen.add(key)
            out.append(rule.diagnose(hit, doc))
    out.sort(key=lambda d: d.sort_key)
    return out


def _accepted_spans(doc: Document, accept: frozenset[str]) -> list[tuple[int, int]]:
    """Find where the configuration's accepted words and phrases occur (whole words only)."""
    if not accept:
        return []
    alternatives = "|".join(re.escape(a) for a in sorted(accept, key=len, reverse=True))
    pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
    return [m.span() for m in pattern.finditer(doc.text)]


@dataclass(frozen=True)
class FixResult:
    """The outcome of the fix loop."""

    text: str
    applied: tuple[Diagnostic, ...]
    remaining: tuple[Diagnostic, ...]
    rounds: tuple[tuple[Edit, ...], ...]
    converged: bool

    @property
    def changed(self) -> bool:
        """Tell whether any edit was applied."""
        return any(self.rounds)


def choose_edits(
    diagnostics: Sequence[Diagnostic], *, unsafe: bool
) -> tuple[list[Diagnostic], list[Edit]]:
    """Pick the applicable fixes whose edits overlap no fix picked before them."""
    chosen: list[Diagnostic] = []
    edits: list[Edit] = []
    for diag in diagnostics:
        if diag.fix is None or not diag.fix.applies(unsafe=unsafe):
            continue
        candidate = list(diag.fix.edits)
        if any(e.overlaps(other) for e in candidate for other in edits):
            continue  # the next round re-lints and picks it up if it still applies
        chosen.append(diag)
        edits.extend(candidate)
    return chosen, edits


def fix_document(
    doc: Document,
    rules: Sequence[Rule],
    ctx: Context | None = None,
    *,
    unsafe: bool = False,
    max_rounds: int = MAX_FIX_ROUNDS,
) -> FixResult:
    """Apply fixes, re-lint and repeat until nothing changes or the cap is reached."""
    text = doc.text
    applied: list[Diagnostic] = []
    rounds: list[tuple[Edit, ...]] = []
    current = doc
    diagnostics = lint(current, rules, ctx)
    converged = False
    for _ in range(max_rounds):
        chosen, edits = choose_edits(diagnostics, unsafe=unsafe)
        new_text = apply_edits(text, edits) if edits else text
        if new_text == text:
            converged = True
            break
        applied.extend(chosen)
        rounds.append(tuple(sorted(edits)))
        text = new_text
        current = Document(text, doc.path, bom=doc.bom)
        diagnostics = lint(current, rules, ctx)
    else:
        converged = not choose_edits(diagnostics, unsafe=unsafe)[1]
    return FixResult(text, tuple(applied), tuple(diagnostics), tuple(rounds), converged)
