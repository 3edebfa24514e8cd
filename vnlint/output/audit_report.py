"""Render an audit: JSON, CSV (a row per article), Markdown (a summary) or one offline HTML file."""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Iterator, Sequence
from pathlib import Path

from vnlint.diagnostic import CATEGORIES

AUDIT_FORMATS = ("json", "csv", "markdown", "html")
SEVERITIES = ("error", "warning", "info")


def render_audit(fmt: str, summary: dict[str, object], files: Sequence[dict[str, object]]) -> str:
    """Render the audit in one of AUDIT_FORMATS."""
    return "".join(iter_audit(fmt, summary, files))


def iter_audit(
    fmt: str, summary: dict[str, object], files: Sequence[dict[str, object]]
) -> Iterator[str]:
    """Render the audit piece by piece (JSON streams one file at a time: an archive's report is
    never held in memory twice)."""
    if fmt == "json":
        yield '{"summary": ' + json.dumps(summary, ensure_ascii=False, indent=1)
        yield ',\n "files": ['
        for n, f in enumerate(files):
            public = {**f, "diagnostics": [_public(d) for d in f["diagnostics"]]}  # type: ignore[union-attr]
            yield ("\n  " if n == 0 else ",\n  ") + json.dumps(public, ensure_ascii=False)
        yield "\n ]\n}\n"
        return
    yield _render_whole(fmt, summary, files)


def _render_whole(fmt: str, summary: dict[str, object], files: Sequence[dict[str, object]]) -> str:
    if fmt == "csv":
        return _csv(files)
    if fmt == "markdown":
        return _markdown(summary, files)
    return _html(summary, files)


def _public(d: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in d.items() if k not in ("line_text", "excerpt")}


def _severity_totals(f: dict[str, object]) -> dict[str, int]:
    totals = dict.fromkeys(SEVERITIES, 0)
    for counts in f["counts"].values():  # type: ignore[union-attr]
        for severity, n in counts.items():
            totals[severity] += n
    return totals


def _per_1000(n: int, words: int) -> float:
    return round(1000 * n / words, 2) if words else 0.0


def _csv(files: Sequence[dict[str, object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    header = ["path", "words", "spin_score", "verdict", "errors", "warnings", "info"]
    header += [f"{c}_findings" for c in CATEGORIES]
    writer.writerow(header)
    for f in files:
        totals = _severity_totals(f)
        counts = f["counts"]
        row = [f["path"], f["words"], f["spin_score"], f["verdict"]]
        row += [totals["error"], totals["warning"], totals["info"]]
        row += [sum(counts.get(c, {}).values()) for c in CATEGORIES]  # type: ignore[union-attr]
        writer.writerow(["" if v is None else v for v in row])
    return out.getvalue()


def _worst(files: Sequence[dict[str, object]], n: int = 10) -> list[dict[str, object]]:
    def weight(f: dict[str, object]) -> tuple[int, float]:
        totals = _severity_totals(f)
        return (totals["error"], float(f["spin_score"] or 0))  # type: ignore[arg-type]

    ranked = sorted(files, key=weight, reverse=True)
    return [f for f in ranked[:n] if weight(f) > (0, 0.0)]


def _markdown(summary: dict[str, object], files: Sequence[dict[str, object]]) -> str:
    sev = summary["by_severity"]
    lines = [
        "# vnlint audit",
        "",
        f"- Articles: {summary['articles']:,}; words: {summary['words']:,}",
        f"- Findings: {summary['findings']:,} ({sev['error']:,} errors, "  # type: ignore[index]
        f"{sev['warning']:,} warnings, {sev['info']:,} info)",  # type: ignore[index]
        f"- Articles with an error: {summary['articles_with_errors']:,}",
    ]
    verdicts = summary["verdicts"]
    if verdicts:
        shown = ", ".join(f"{k}: {v:,}" for k, v in sorted(verdicts.items()))  # type: ignore[union-attr]
        lines.append(f"- Spin verdicts: {shown}")
    lines += ["", "| category | errors | warnings | info |", "| --- | ---: | ---: | ---: |"]
    for category, counts in sorted(summary["by_category"].items()):  # type: ignore[union-attr]
        lines.append(
            f"| {category} | {counts['error']:,} | {counts['warning']:,} | {counts['info']:,} |"
        )
    lines += ["", "| rule | findings |", "| --- | ---: |"]
    for rule in summary["by_rule"][:15]:  # type: ignore[index]
        lines.append(f"| {rule['code']} {rule['name']} | {rule['count']:,} |")
    worst = _worst(files)
    if worst:
        lines += [
            "",
            "| worst articles | errors | warnings | spin |",
            "| --- | ---: | ---: | ---: |",
        ]
        for f in worst:
            t = _severity_totals(f)
            spin = "" if f["spin_score"] is None else f"{f['spin_score']:.2f} {f['verdict']}"
            lines.append(f"| `{f['path']}` | {t['error']} | {t['warning']} | {spin} |")
    return "\n".join(lines) + "\n"


# -- HTML ----------------------------------------------------------------------------------------

_CSS = """
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
header{background:#1d3557;color:#fff;padding:16px 24px}header h1{margin:0;font-size:22px}
main{padding:16px 24px;max-width:1200px}
.cards{display:flex;gap:12px;flex-wrap:wrap}.card{background:#fff;border-radius:8px;
padding:12px 16px;box-shadow:0 1px 2px #0002;min-width:130px}.card b{display:block;font-size:22px}
.charts{display:flex;gap:16px;flex-wrap:wrap;margin:16px 0}.chart{background:#fff;
border-radius:8px;padding:8px 12px;box-shadow:0 1px 2px #0002}.chart h3{margin:4px 0;font-size:14px}
table{border-collapse:collapse;width:100%;background:#fff}th,td{padding:4px 8px;
border-bottom:1px solid #e3e6ea;text-align:left}th{cursor:pointer;background:#eef1f5;
user-select:none}th.sorted-asc::after{content:" ▲"}th.sorted-desc::after{content:" ▼"}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.v-spun{color:#b00020;font-weight:600}.v-suspect{color:#b26a00}
.controls{margin:8px 0;display:flex;gap:8px}input,select{padding:4px 8px}
section.article{display:none}section.article:target{display:block}
.finding{background:#fff;border-radius:6px;padding:8px 12px;margin:8px 0;
box-shadow:0 1px 2px #0002}.finding .ctx{white-space:pre-wrap;color:#333}
mark{background:#ffd6d6;border-bottom:2px solid #d00}.sev-warning mark{background:#fff0c2;
border-color:#c80}.sev-info mark{background:#dbeafe;border-color:#36c}
.code{font-weight:600}.sugg{color:#0a6b2c}
"""

_JS = """
const table=document.getElementById('articles');
const rows=()=>Array.from(table.tBodies[0].rows);
table.querySelectorAll('th').forEach((th,i)=>th.addEventListener('click',()=>{
 const asc=!th.classList.contains('sorted-asc');
 table.querySelectorAll('th').forEach(h=>h.classList.remove('sorted-asc','sorted-desc'));
 th.classList.add(asc?'sorted-asc':'sorted-desc');
 const num=th.dataset.type==='num';
 const key=r=>{const c=r.cells[i],v=c.dataset.v??c.textContent;
  return num?parseFloat(v||'-1'):v};
 const sorted=rows().sort((a,b)=>{const x=key(a),y=key(b);return (x>y?1:x<y?-1:0)*(asc?1:-1)});
 sorted.forEach(r=>table.tBodies[0].appendChild(r));
}));
function filter(){
 const q=document.getElementById('q').value.toLowerCase();
 const v=document.getElementById('verdict').value;
 rows().forEach(r=>{
  const ok=r.cells[0].textContent.toLowerCase().includes(q)&&(!v||r.dataset.verdict===v);
  r.style.display=ok?'':'none';});
}
document.getElementById('q').addEventListener('input',filter);
document.getElementById('verdict').addEventListener('change',filter);
function route(){document.getElementById('overview').style.display=
 location.hash.startsWith('#article-')?'none':'block';}
window.addEventListener('hashchange',route);route();
"""


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _bar_chart(title: str, items: list[tuple[str, float]], chart_id: str) -> str:
    """Draw a horizontal bar chart as inline SVG."""
    width, bar, gap, label = 420, 18, 6, 150
    top = max((v for _, v in items), default=0) or 1
    height = max(1, len(items)) * (bar + gap) + 8
    parts = [
        f'<div class="chart" id="{chart_id}"><h3>{_e(title)}</h3>'
        f'<svg width="{width}" height="{height}" role="img" aria-label="{_e(title)}">'
    ]
    for i, (name, value) in enumerate(items):
        y = 4 + i * (bar + gap)
        w = (width - label - 60) * value / top
        parts.append(
            f'<text x="{label - 6}" y="{y + bar - 5}" text-anchor="end" font-size="12">'
            f"{_e(name if len(name) <= 24 else '…' + name[-23:])}</text>"
            f'<rect class="bar" x="{label}" y="{y}" width="{w:.1f}" height="{bar}" fill="#457b9d">'
            f"<title>{_e(name)}: {value:g}</title></rect>"
            f'<text x="{label + w + 4:.1f}" y="{y + bar - 5}" font-size="12">{value:g}</text>'
        )
    if not items:
        parts.append('<text x="10" y="16" font-size="12">—</text>')
    parts.append("</svg></div>")
    return "".join(parts)


def _histogram(files: Sequence[dict[str, object]]) -> list[tuple[str, float]]:
    scores = [float(f["spin_score"]) for f in files if f["spin_score"] is not None]  # type: ignore[arg-type]
    if not scores:
        return []
    bins = [0] * 10
    for s in scores:
        bins[min(9, int(s * 10))] += 1
    return [(f"{i / 10:.1f}–{(i + 1) / 10:.1f}", float(n)) for i, n in enumerate(bins)]


def _highlight(d: dict[str, object]) -> str:
    """Show a finding in its sentence: the audit keeps an excerpt of the line around it."""
    excerpt: dict[str, object] = d.get("excerpt") or {}  # type: ignore[assignment]
    return (
        ("…" if excerpt.get("cut_before") else "")
        + _e(str(excerpt.get("before", "")))
        + f"<mark>{_e(str(excerpt.get('flagged') or '⌁'))}</mark>"
        + _e(str(excerpt.get("after", "")))
        + ("…" if excerpt.get("cut_after") else "")
    )


def _article_page(index: int, f: dict[str, object]) -> str:
    totals = _severity_totals(f)
    spin = "" if f["spin_score"] is None else f" · spin {f['spin_score']:.2f} ({_e(f['verdict'])})"
    parts = [
        f'<section class="article" id="article-{index}"><p><a href="#">← tất cả bài</a></p>',
        f"<h2>{_e(f['path'])}</h2><p>{f['words']:,} chữ · {totals['error']} lỗi · "
        f"{totals['warning']} cảnh báo · {totals['info']} thông tin{spin}</p>",
    ]
    for d in f["diagnostics"]:  # type: ignore[union-attr]
        suggestions = d["suggestions"]
        sugg = (
            f'<div class="sugg">Gợi ý: {", ".join(_e(s) or "(xóa)" for s in suggestions[:5])}</div>'
            if suggestions
            else ""
        )
        parts.append(
            f'<div class="finding sev-{_e(d["severity"])}"><div><span class="code">'
            f"{_e(d['code'])} {_e(d['name'])}</span> · {_e(d['severity'])} · dòng {d['line']}, "
            f"cột {d['column']}</div><div>{_e(d['message'])}</div>"
            f'<div class="ctx">{_highlight(d)}</div>{sugg}</div>'
        )
    if not f["diagnostics"]:
        parts.append("<p>Không có vấn đề nào.</p>")
    parts.append("</section>")
    return "".join(parts)


def _html(summary: dict[str, object], files: Sequence[dict[str, object]]) -> str:
    sev = summary["by_severity"]
    by_category = summary["by_category"]
    category_items = [
        (c, float(sum(by_category[c].values())))  # type: ignore[index]
        for c in CATEGORIES
        if c in by_category  # type: ignore[operator]
    ]
    worst_items = [
        (Path(str(f["path"])).name, float(_severity_totals(f)["error"])) for f in _worst(files)
    ]
    cards = [
        ("Bài", f"{summary['articles']:,}"),
        ("Chữ", f"{summary['words']:,}"),
        ("Lỗi", f"{sev['error']:,}"),  # type: ignore[index]
        ("Cảnh báo", f"{sev['warning']:,}"),  # type: ignore[index]
        ("Thông tin", f"{sev['info']:,}"),  # type: ignore[index]
        ("Bài có lỗi", f"{summary['articles_with_errors']:,}"),
    ]
    for verdict, n in sorted(summary["verdicts"].items()):  # type: ignore[union-attr]
        cards.append((f"Spin: {verdict}", f"{n:,}"))
    rows = []
    for i, f in enumerate(files):
        t = _severity_totals(f)
        words = int(f["words"])  # type: ignore[call-overload]
        per = _per_1000(t["error"] + t["warning"], words)
        score = "" if f["spin_score"] is None else f"{f['spin_score']:.2f}"
        verdict = f["verdict"] or ""
        rows.append(
            f'<tr data-verdict="{_e(verdict)}"><td><a href="#article-{i}">{_e(f["path"])}</a></td>'
            f'<td class="n">{words}</td><td class="n">{t["error"]}</td>'
            f'<td class="n">{t["warning"]}</td><td class="n">{t["info"]}</td>'
            f'<td class="n">{per}</td><td class="n" data-v="{score}">{score}</td>'
            f'<td class="v-{_e(verdict)}">{_e(verdict)}</td></tr>'
        )
    verdict_options = "".join(
        f'<option value="{_e(v)}">{_e(v)}</option>'
        for v in sorted(summary["verdicts"])  # type: ignore[arg-type]
    )
    card_html = "".join(f'<div class="card">{_e(k)}<b>{_e(v)}</b></div>' for k, v in cards)
    return f"""<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>vnlint audit</title>
<meta name="viewport" content="width=device-width,initial-scale=1"><style>{_CSS}</style></head>
<body><header><h1>vnlint audit</h1><div>vnlint {_e(summary["vnlint_version"])}</div></header><main>
<div id="overview"><div class="cards">{card_html}</div>
<div class="charts">{_bar_chart("Vấn đề theo nhóm", category_items, "chart-categories")}
{_bar_chart("Phân bố điểm spin", _histogram(files), "chart-spin")}
{_bar_chart("Bài nhiều lỗi nhất", worst_items, "chart-worst")}</div>
<div class="controls"><input id="q" placeholder="Lọc theo tên tệp…">
<select id="verdict"><option value="">mọi kết luận</option>{verdict_options}</select></div>
<table id="articles"><thead><tr><th>Tệp</th><th data-type="num">Chữ</th>
<th data-type="num">Lỗi</th><th data-type="num">Cảnh báo</th><th data-type="num">Thông tin</th>
<th data-type="num">Vấn đề/1.000 chữ</th><th data-type="num">Điểm spin</th><th>Kết luận</th>
</tr></thead><tbody>{"".join(rows)}</tbody></table></div>
{"".join(_article_page(i, f) for i, f in enumerate(files))}
</main><script>{_JS}</script></body></html>
"""
