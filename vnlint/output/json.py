"""Render findings as the JSON contract: one array of objects (see the README)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence

from vnlint.runner import FileResult

# Fields that help the text renderer but are not part of the published contract.
_PRIVATE = ("line_text",)


def public_records(results: Sequence[FileResult]) -> Iterator[dict[str, object]]:
    """Yield every finding as its contract object."""
    for result in results:
        for record in result.records:
            yield {k: v for k, v in record.items() if k not in _PRIVATE}


def render_json(results: Sequence[FileResult]) -> str:
    """Render all findings as one JSON array."""
    return json.dumps(list(public_records(results)), ensure_ascii=False, indent=2) + "\n"
