"""Render findings as GitHub Actions workflow commands (annotations on the pull request)."""

from __future__ import annotations

from collections.abc import Sequence

from vnlint.runner import FileResult

_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render_github(results: Sequence[FileResult]) -> str:
    """Render one `::error file=...,line=...,col=...::message` line per finding."""
    lines = []
    for result in results:
        for r in result.records:
            props = {
                "file": str(r["path"]),
                "line": str(r["line"]),
                "col": str(r["column"]),
                "endLine": str(r["end_line"]),
                "endColumn": str(r["end_column"]),
                "title": f"{r['code']} {r['name']}",
            }
            joined = ",".join(f"{k}={_escape_property(v)}" for k, v in props.items())
            level = _LEVELS[str(r["severity"])]
            lines.append(f"::{level} {joined}::{_escape_data(str(r['message']))}")
    return "".join(line + "\n" for line in lines)
