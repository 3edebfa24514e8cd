"""Render findings: one module per output format."""

from __future__ import annotations

from collections.abc import Sequence

from vnlint.rules import RuleSet
from vnlint.runner import FileResult

FORMATS = ("text", "json", "github", "sarif")


def render(fmt: str, results: Sequence[FileResult], rules: RuleSet, **options: bool) -> str:
    """Render every file's findings in one format."""
    if fmt == "json":
        from vnlint.output.json import render_json

        return render_json(results)
    if fmt == "github":
        from vnlint.output.github import render_github

        return render_github(results)
    if fmt == "sarif":
        from vnlint.output.sarif import render_sarif

        return render_sarif(results, rules)
    from vnlint.output.text import render_text

    return render_text(results, **options)
