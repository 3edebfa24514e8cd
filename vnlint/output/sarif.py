"""Render findings as SARIF 2.1.0, the format GitHub code scanning uploads."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote

from vnlint import __version__
from vnlint.rules import Rule, RuleSet
from vnlint.runner import FileResult

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
_SECURITY = {"error": "error", "warning": "warning", "info": "recommendation"}


def _rule_descriptor(rule: Rule) -> dict[str, object]:
    what = " ".join(rule.what.split())
    why = " ".join(rule.why.split())
    help_text = f"{what}\n\n{why}"
    if rule.fix_doc:
        help_text += f"\n\n{' '.join(rule.fix_doc.split())}"
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": f"{rule.code} {rule.name}: {what.split('. ')[0]}"},
        "fullDescription": {"text": what},
        "help": {"text": help_text, "markdown": help_text},
        "defaultConfiguration": {"level": _LEVELS[rule.severity.label]},
        "properties": {
            "tags": ["vietnamese", rule.category],
            "precision": "high",
            "problem.severity": _SECURITY[rule.severity.label],
        },
    }


def _uri(path: str) -> str:
    return quote(Path(path).as_posix())


def _region(obj: dict[str, object]) -> dict[str, object]:
    return {
        "startLine": obj["line"],
        "startColumn": obj["column"],
        "endLine": obj["end_line"],
        "endColumn": obj["end_column"],
    }


def render_sarif(results: Sequence[FileResult], rules: RuleSet) -> str:
    """Render one SARIF log with every rule's docs and every finding, with fixes."""
    index = {rule.code: i for i, rule in enumerate(rules)}
    sarif_results = []
    for result in results:
        for r in result.records:
            code = str(r["code"])
            location = {
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(str(r["path"])), "uriBaseId": "%SRCROOT%"},
                    "region": {**_region(r), "snippet": {"text": r["text"]}},
                }
            }
            entry: dict[str, object] = {
                "ruleId": code,
                "level": _LEVELS[str(r["severity"])],
                "message": {"text": r["message"]},
                "locations": [location],
            }
            if code in index:
                entry["ruleIndex"] = index[code]
            fix = r["fix"]
            if isinstance(fix, dict):
                entry["fixes"] = [
                    {
                        "description": {"text": f"{code} ({fix['applicability']})"},
                        "artifactChanges": [
                            {
                                "artifactLocation": location["physicalLocation"][
                                    "artifactLocation"
                                ],
                                "replacements": [
                                    {
                                        "deletedRegion": _region(edit),
                                        "insertedContent": {"text": edit["content"]},
                                    }
                                    for edit in fix["edits"]
                                ],
                            }
                        ],
                    }
                ]
            sarif_results.append(entry)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "vnlint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": [_rule_descriptor(rule) for rule in rules],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}},
                "results": sarif_results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
