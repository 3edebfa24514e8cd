"""The archive audit: report formats, the cache, and the HTML report in a real browser."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from vnlint import audit as audit_module
from vnlint.cli import main

BAD = "Tiêu đề bài\nHội nghị ( khóa XIII ) đã bế mạc .\n"
CLEAN = "Tiêu đề bài\nHội nghị Trung ương 10 (khóa XIII) đã bế mạc.\n"


@pytest.fixture
def archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("VNLINT_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "archive" / "2022"
    folder.mkdir(parents=True)
    (folder / "a.txt").write_text(BAD, encoding="utf-8")
    (folder / "b.md").write_text(CLEAN, encoding="utf-8")
    (folder / "c.txt").write_bytes("Quyết định".encode("utf-16"))
    return tmp_path


def audit(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["audit", "--no-progress", *args]) == 0
    return capsys.readouterr().out


def test_json_report(archive: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = json.loads(audit(capsys, "--format", "json", "--jobs", "1", "archive"))
    files = {Path(f["path"]).name: f for f in report["files"]}
    assert set(files) == {"a.txt", "b.md", "c.txt"}
    for f in report["files"]:
        assert {"path", "words", "spin_score", "verdict", "counts", "diagnostics"} <= set(f)
    assert files["a.txt"]["counts"] == {"typography": {"error": 3, "warning": 0, "info": 0}}
    assert files["a.txt"]["diagnostics"][0]["code"] == "VN021"
    assert not {"line_text", "excerpt"} & set(files["a.txt"]["diagnostics"][0])
    assert files["b.md"]["diagnostics"] == [] and files["b.md"]["words"] == 12
    assert files["c.txt"]["diagnostics"][0]["code"] == "VN000"
    summary = report["summary"]
    assert summary["articles"] == 3 and summary["by_severity"]["error"] == 4
    assert summary["articles_with_errors"] == 2


def test_a_rerun_reads_the_cache(
    archive: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = audit(capsys, "--format", "json", "archive")
    assert (archive / "cache" / "audit-cache.sqlite3").exists()

    def fail(job: object) -> None:
        raise AssertionError("an unchanged file was audited again")

    monkeypatch.setattr(audit_module, "_audit_bytes", fail)
    assert audit(capsys, "--format", "json", "--jobs", "1", "archive") == first
    # A changed file is audited again; --no-cache bypasses the cache entirely.
    monkeypatch.undo()
    monkeypatch.chdir(archive)
    (archive / "archive" / "2022" / "b.md").write_text(BAD, encoding="utf-8")
    changed = json.loads(audit(capsys, "--format", "json", "--jobs", "1", "archive"))
    assert changed["summary"]["by_severity"]["error"] == 7
    assert json.loads(
        audit(capsys, "--format", "json", "--no-cache", "--jobs", "1", "archive")
    ) == (changed)


def test_parallel_audit_keeps_order_and_mixes_cached_results(
    archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = archive / "archive" / "2023"
    folder.mkdir()
    for i in range(40):
        (folder / f"{i:02d}.txt").write_text(BAD if i % 3 else CLEAN, encoding="utf-8")
    serial = audit(capsys, "--format", "json", "--no-cache", "--jobs", "1", "archive")
    # Half the files cached, half not: the workers' results and the cached ones interleave.
    audit(capsys, "--format", "json", "--jobs", "2", *map(str, sorted(folder.glob("*[02468].txt"))))
    assert audit(capsys, "--format", "json", "--jobs", "2", "archive") == serial
    paths = [f["path"] for f in json.loads(serial)["files"]]
    assert paths == sorted(paths) and len(paths) == 43


def _with_more_files(archive: Path) -> None:
    """Add enough files for several chunks, and an unreadable one (a dangling link) among them."""
    folder = archive / "archive" / "2023"
    folder.mkdir()
    for i in range(30):
        (folder / f"{i:02d}.txt").write_text(BAD * (i % 4) or CLEAN, encoding="utf-8")
    (folder / "15-broken.txt").symlink_to(folder / "nowhere.txt")


def test_workers_reading_files_give_the_serial_report(
    archive: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Without a cache the workers read the files themselves; with one, the main process reads
    # and sends the bytes. Every way gives the one report, unreadable and undecodable files
    # included, in order, however the files are chunked.
    _with_more_files(archive)
    serial = audit(capsys, "--format", "json", "--no-cache", "--jobs", "1", "archive")
    monkeypatch.setattr(audit_module, "CHUNK", 4)
    monkeypatch.setattr(audit_module, "CHUNK_BYTES", 100)  # some chunks close on bytes
    assert audit(capsys, "--format", "json", "--no-cache", "--jobs", "2", "archive") == serial
    assert audit(capsys, "--format", "json", "--jobs", "2", "archive") == serial  # cache: filled
    assert audit(capsys, "--format", "json", "--jobs", "2", "archive") == serial  # ... and read
    assert audit(capsys, "--format", "json", "--jobs", "1", "archive") == serial
    files = {Path(f["path"]).name: f for f in json.loads(serial)["files"]}
    assert len(files) == 34
    broken = files["15-broken.txt"]["diagnostics"]
    assert [d["code"] for d in broken] == ["VN000"]
    assert "No such file or directory" in broken[0]["message"]  # the reason, not a traceback
    assert files["c.txt"]["diagnostics"][0]["code"] == "VN000"  # undecodable


def test_a_parallel_rerun_reads_the_cache(
    archive: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _with_more_files(archive)
    first = audit(capsys, "--format", "json", "--jobs", "2", "archive")
    audit_bytes = audit_module._audit_bytes

    def fail(job: tuple[str, bytes | None, str | None, object]) -> dict[str, object]:
        # An unreadable file has nothing to key a result by: it is reported afresh each time.
        if job[1] is not None:
            raise AssertionError("an unchanged file was audited again")
        return audit_bytes(job)  # type: ignore[arg-type]

    # The workers are forked after this, so they see it too (where the platform forks).
    monkeypatch.setattr(audit_module, "_audit_bytes", fail)
    assert audit(capsys, "--format", "json", "--jobs", "2", "archive") == first


def test_a_broken_rule_file_met_in_a_worker_is_a_clear_error(
    archive: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A rule pack's table loaded on first use fails inside a worker: the error crosses back to
    # the main process whole, and the command says which file and what, with no traceback.
    from vnlint.rules import RuleError

    def broken(job: tuple[str, bytes | None, str | None, object]) -> dict[str, object]:
        raise RuleError("rules/spin-phrases.tsv", "line 3: two columns expected")

    monkeypatch.setattr(audit_module, "_audit_bytes", broken)  # the workers fork after this
    for jobs in ("1", "2"):
        assert main(["audit", "--no-progress", "--no-cache", "--jobs", jobs, "archive"]) == 2
        err = capsys.readouterr().err
        assert err == "vnlint: rules/spin-phrases.tsv: line 3: two columns expected\n", jobs


def test_parallel_audit_reads_stdin_in_the_main_process(
    archive: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A worker has no stdin: "-" is read by the main process, even without a cache.
    reports = []
    for jobs in ("1", "2"):
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(BAD.encode("utf-8"))))
        reports.append(
            audit(capsys, "--format", "json", "--no-cache", "--jobs", jobs, "-", "archive")
        )
    assert reports[0] == reports[1]
    files = json.loads(reports[0])["files"]
    assert files[0]["path"] == "-" and files[0]["counts"]["typography"]["error"] == 3


def test_html_shows_a_finding_deep_in_a_long_paragraph(
    archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    filler = "Hội nghị đã thảo luận nhiều vấn đề quan trọng của địa phương. " * 12
    (archive / "archive" / "2022" / "long.txt").write_text(
        f"Tiêu đề bài\n{filler}Đại biểu phát biểu ( khóa XIII) xong. {filler}\n", encoding="utf-8"
    )
    page = audit(capsys, "--format", "html", "--jobs", "1", "archive")
    # Only an excerpt of the paragraph is kept, and the right characters are marked in it.
    assert "phát biểu (<mark> </mark>khóa XIII)" in page
    assert "…" in page


def test_csv_and_markdown(archive: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = list(csv.DictReader(io.StringIO(audit(capsys, "--format", "csv", "archive"))))
    assert [Path(r["path"]).name for r in rows] == ["a.txt", "b.md", "c.txt"]
    assert rows[0]["errors"] == "3" and rows[0]["typography_findings"] == "3"
    markdown = audit(capsys, "--format", "markdown", "archive")
    assert (
        markdown.startswith("# vnlint audit") and "| VN021 space-inside-brackets | 2 |" in markdown
    )


def test_html_is_self_contained(archive: Path, capsys: pytest.CaptureFixture[str]) -> None:
    audit(capsys, "--format", "html", "--output", "report.html", "archive")
    page = (archive / "report.html").read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>")
    assert "<script src" not in page and "<link" not in page  # opens offline
    assert 'id="chart-categories"' in page and 'id="article-0"' in page
    assert "<mark> </mark>" in page  # the flagged span, highlighted in its sentence


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_html_renders_and_sorts_in_a_real_browser(
    archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for i in range(5):
        (archive / "archive" / f"x{i}.txt").write_text(BAD * (i + 1), encoding="utf-8")
    audit(capsys, "--format", "html", "--output", "report.html", "archive")
    page = archive / "report.html"
    # Sort by the error column twice (descending) in the page itself, then dump the DOM.
    probe = page.read_text(encoding="utf-8").replace(
        "</body>",
        "<script>const th=document.querySelectorAll('#articles th')[2];th.click();th.click();"
        "document.title='sorted:'+Array.from(document.querySelectorAll('#articles tbody tr'))"
        ".map(r=>r.cells[2].textContent).join(',')+';bars:'+"
        "document.querySelectorAll('#chart-categories rect.bar').length;</script></body>",
    )
    (archive / "probe.html").write_text(probe, encoding="utf-8")
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={archive / 'profile'}",
    ]
    dom = subprocess.run(
        [CHROMIUM, *flags, "--dump-dom", (archive / "probe.html").as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    title = dom.split("<title>", 1)[1].split("</title>", 1)[0]
    counts = [int(n) for n in title.split("sorted:", 1)[1].split(";", 1)[0].split(",")]
    assert counts == sorted(counts, reverse=True) and counts[0] == 15
    assert "bars:2" in title  # two categories (typography, unicode) drawn as bars
    shot = archive / "report.png"
    subprocess.run(
        [CHROMIUM, *flags, f"--screenshot={shot}", "--window-size=1200,900", page.as_uri()],
        capture_output=True,
        timeout=120,
        check=True,
    )
    assert shot.stat().st_size > 10_000
