"""Render findings for people: one line each, `path:line:col: CODE [*] message`, and a summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from vnlint.runner import FileResult


def render_text(
    results: Sequence[FileResult], *, statistics: bool = False, show_source: bool = False
) -> str:
    """Render findings, then a Vietnamese summary (and per-rule counts with statistics)."""
    lines: list[str] = []
    severities: Counter[str] = Counter()
    fixable = 0
    per_rule: Counter[tuple[str, str]] = Counter()
    per_rule_fixable: Counter[str] = Counter()
    fixed = sum(r.fixed for r in results)
    for result in results:
        for r in result.records:
            severities[str(r["severity"])] += 1
            per_rule[(str(r["code"]), str(r["name"]))] += 1
            mark = ""
            fix = r["fix"]
            if isinstance(fix, dict):
                safe = fix["applicability"] == "safe"
                mark = "[*] " if safe else "[-] "
                fixable += safe
                per_rule_fixable[str(r["code"])] |= 2 if safe else 1
            suggestions = r["suggestions"]
            extra = ""
            if isinstance(suggestions, list) and len(suggestions) > 1:
                extra = " Gợi ý: " + ", ".join(f"“{s}”" for s in suggestions[:5]) + "."
            lines.append(
                f"{r['path']}:{r['line']}:{r['column']}: {r['code']} {mark}"
                f"{r['message']}{extra} [{r['severity']}]"
            )
            if show_source:
                lines.append(_excerpt(r))
    if statistics:
        if lines:
            lines.append("")
        for (code, name), count in per_rule.most_common():
            marks = per_rule_fixable[code]
            mark = "[*]" if marks & 2 else "[-]" if marks else "   "
            lines.append(f"{count:6d}  {code}  {mark} {name}")
    lines.append(_summary(len(results), severities, fixable, fixed))
    return "\n".join(lines) + "\n"


def _excerpt(r: dict[str, object]) -> str:
    text = str(r.get("line_text", ""))
    col = int(r["column"]) - 1  # type: ignore[call-overload]
    width = max(1, int(r["end_column"]) - int(r["column"])) if r["line"] == r["end_line"] else 1  # type: ignore[call-overload]
    start = max(0, col - 40)
    snippet = text[start : col + width + 40]
    return f"    {snippet}\n    {' ' * (col - start)}{'^' * width}"


def _summary(files: int, severities: Counter[str], fixable: int, fixed: int) -> str:
    total = sum(severities.values())
    parts = []
    if fixed:
        parts.append(f"Đã sửa {fixed} lỗi.")
    if not total:
        parts.append(f"Không có vấn đề nào trong {files} tệp.")
    else:
        parts.append(
            f"Tìm thấy {total} vấn đề trong {files} tệp: {severities['error']} lỗi, "
            f"{severities['warning']} cảnh báo, {severities['info']} thông tin."
        )
        if fixable:
            parts.append(f"{fixable} vấn đề có thể tự sửa bằng --fix ([*]).")
    return " ".join(parts)
