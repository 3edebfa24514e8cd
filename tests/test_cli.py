"""The command line: exit codes, formats, fixes on disk, configuration, bad input."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import encode_legacy
from hypothesis import given, settings
from hypothesis import strategies as st

from vnlint.cli import main

BAD = "Tiêu đề bài\nHội nghị ( khóa XIII ) đã bế mạc .\n"
CLEAN = "Tiêu đề bài\nHội nghị Trung ương 10 (khóa XIII) đã bế mạc.\n"
CONTRACT = {
    "path", "code", "name", "category", "severity", "message", "line", "column", "end_line",
    "end_column", "offset", "end_offset", "text", "suggestions", "fix",
}  # fmt: skip


@pytest.fixture
def articles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    (tmp_path / "bad.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "clean.md").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "notes.rst").write_text(BAD, encoding="utf-8")
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_exit_codes(articles: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "check", "clean.md")[0] == 0
    code, out, _ = run(capsys, "check", "bad.txt")
    assert code == 1 and "bad.txt:2:11: VN021" in out
    assert run(capsys, "check", "--exit-zero", "bad.txt")[0] == 0
    assert run(capsys, "check", "--select", "NOPE", "bad.txt")[0] == 2
    assert run(capsys, "check", "--format", "xml", "bad.txt")[0] == 2


def test_strict_fails_on_warnings(articles: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (articles / "warn.txt").write_text("Tiêu đề\nMột  hai.\n", encoding="utf-8")
    assert run(capsys, "check", "warn.txt")[0] == 0
    assert run(capsys, "check", "--strict", "warn.txt")[0] == 1


def test_folders_are_walked_for_txt_and_md(articles: Path, capsys) -> None:
    _, out, _ = run(capsys, "check", "--format", "json", ".")
    paths = {r["path"] for r in json.loads(out)}
    assert paths == {"bad.txt"}  # clean.md was checked and is clean; .rst is not an article
    _, out, _ = run(capsys, "check", ".")
    assert "trong 2 tệp" in out


def test_json_contract(articles: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "--format", "json", "bad.txt")
    records = json.loads(out)
    assert code == 1 and isinstance(records, list) and records
    text = BAD
    for r in records:
        assert set(r) >= CONTRACT
        assert text[r["offset"] : r["end_offset"]] == r["text"]
        assert r["category"] == "typography" and r["severity"] == "error"
        assert r["fix"]["applicability"] == "safe"
        for edit in r["fix"]["edits"]:
            assert {"offset", "end_offset", "content"} <= set(edit)
    first = records[0]
    assert (first["line"], first["column"], first["end_line"], first["end_column"]) == (
        2, 11, 2, 12,
    )  # fmt: skip


def test_github_annotations_are_chosen_on_actions(
    articles: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    _, out, _ = run(capsys, "check", "bad.txt")
    line = out.splitlines()[0]
    assert line.startswith("::error file=bad.txt,line=2,col=11,endLine=2,endColumn=12,")
    assert "title=VN021 space-inside-brackets::" in line


def test_sarif(articles: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "check", "--format", "sarif", "--output", "r.sarif", "bad.txt")
    assert out == ""
    log = json.loads((articles / "r.sarif").read_text(encoding="utf-8"))
    assert log["version"] == "2.1.0"
    sarif_run = log["runs"][0]
    rules = sarif_run["tool"]["driver"]["rules"]
    assert {"id", "name", "shortDescription", "fullDescription", "help"} <= set(rules[0])
    result = sarif_run["results"][0]
    assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == "VN021"
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (2, 11)
    replacement = result["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert replacement["insertedContent"]["text"] == ""
    assert sarif_run["columnKind"] == "unicodeCodePoints"


def test_statistics(articles: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "check", "--statistics", "bad.txt")
    assert "     2  VN021  [*] space-inside-brackets" in out


def test_fix_writes_atomically_keeping_bom_and_line_endings(
    articles: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = articles / "crlf.txt"
    original = "\ufeffTiêu đề\r\nHội nghị ( khóa XIII ) đã bế mạc .\r\nDòng  cuối\r\n"
    path.write_bytes(original.encode("utf-8"))
    os.chmod(path, 0o640)
    code, out, _ = run(capsys, "check", "--fix", "crlf.txt")
    assert code == 0 and "Đã sửa" in out
    expected = "\ufeffTiêu đề\r\nHội nghị (khóa XIII) đã bế mạc.\r\nDòng cuối\r\n"
    assert path.read_bytes() == expected.encode("utf-8")
    assert path.stat().st_mode & 0o777 == 0o640
    assert not [p for p in articles.iterdir() if p.name.endswith(".vnlint")]


def test_diff_writes_nothing(articles: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "--diff", "bad.txt")
    assert code == 1
    assert "-Hội nghị ( khóa XIII ) đã bế mạc .\n+Hội nghị (khóa XIII) đã bế mạc.\n" in out
    assert (articles / "bad.txt").read_text(encoding="utf-8") == BAD


def test_stdin(articles: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(BAD.encode())))
    code, out, _ = run(capsys, "check", "--stdin-filename", "bai.txt", "-")
    assert code == 1 and out.startswith("bai.txt:2:11: VN021")


def test_stdin_fix_prints_the_fixed_text(articles: Path, capsys, monkeypatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(BAD.encode())))
    code, out, err = run(capsys, "check", "--fix", "-")
    assert code == 0 and out == "Tiêu đề bài\nHội nghị (khóa XIII) đã bế mạc.\n"
    assert "Đã sửa" in err


def test_non_utf8_and_unreadable_files_are_findings(articles: Path, capsys) -> None:
    (articles / "legacy.txt").write_bytes(encode_legacy("Quyết định của Ủy ban nhân dân", "cp1258"))
    code, out, _ = run(capsys, "check", "--format", "json", "legacy.txt", "missing.txt", "bad.txt")
    records = json.loads(out)
    by_path = {r["path"]: r for r in records if r["code"] == "VN000"}
    assert set(by_path) == {"legacy.txt", "missing.txt"}
    assert "UTF-8" in by_path["legacy.txt"]["message"]
    assert "Windows-1258" in by_path["legacy.txt"]["message"]
    assert any(r["path"] == "bad.txt" for r in records)  # the other files are still checked
    assert code == 1


def test_jobs_give_the_same_report(articles: Path, capsys) -> None:
    for i in range(6):
        shutil.copy(articles / "bad.txt", articles / f"copy{i}.txt")
    _, serial, _ = run(capsys, "check", "--format", "json", ".")
    _, parallel, _ = run(capsys, "check", "--format", "json", "--jobs", "2", ".")
    assert serial == parallel


def test_configuration(articles: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (articles / "pyproject.toml").write_text(
        '[tool.vnlint]\nignore = ["VN020"]\nper-file-ignores = {"bad.txt" = ["VN021"]}\n'
        'exclude = ["skip/"]\n',
        encoding="utf-8",
    )
    (articles / "skip").mkdir()
    (articles / "skip" / "x.txt").write_text(BAD, encoding="utf-8")
    assert run(capsys, "check", ".")[0] == 0
    # Command-line flags override the configuration.
    assert run(capsys, "check", "--select", "VN020", "bad.txt")[0] == 1
    assert run(capsys, "check", "--no-config", "bad.txt")[0] == 1


def test_configuration_errors_name_the_key(articles: Path, capsys) -> None:
    (articles / "vnlint.toml").write_text('selct = ["VN0"]\n', encoding="utf-8")
    code, _, err = run(capsys, "check", "bad.txt")
    assert code == 2 and "vnlint.toml" in err and "'selct'" in err
    (articles / "vnlint.toml").write_text('tone-style = "T3"\n', encoding="utf-8")
    code, _, err = run(capsys, "check", "bad.txt")
    assert code == 2 and "'tone-style'" in err


def test_rule_and_rules(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rule", "VN021")
    assert code == 0 and "space-inside-brackets" in out and "sai:" in out and "sửa:" in out
    assert run(capsys, "rule", "VN999")[0] == 2
    code, out, _ = run(capsys, "rules")
    assert code == 0 and "VN001" in out and "VN026" in out


def test_installed_command_runs(articles: Path) -> None:
    exe = shutil.which("vnlint")
    if exe is None:
        pytest.skip("vnlint is not installed on PATH")
    proc = subprocess.run(
        [exe, "check", "bad.txt"], capture_output=True, text=True, encoding="utf-8", check=False
    )
    assert proc.returncode == 1 and "VN021" in proc.stdout and proc.stderr == ""


_ARGS = [
    "check", "a.txt", "b.md", "-", "", "--fix", "--strict", "--diff", "--no-config",
    "--unsafe-fixes", "--show-source", "--statistics", "--exit-zero", "--no-conf", "--", "-x",
    "--select", "VN1", "--jobs", "2", "--help", "audit", "rules",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_ARGS), max_size=8))
def test_the_hook_command_line_is_read_as_argparse_reads_it(argv: list[str]) -> None:
    """`vnlint check` with switches and paths skips argparse (vnlint.cli._plain_check)."""
    from vnlint.cli import _plain_check, build_parser

    for args in (argv, ["check", *argv]):
        plain = _plain_check(args)
        try:
            expected = build_parser().parse_args(args)
        except SystemExit:
            assert plain is None, args  # an error, or --help: argparse says it
            continue
        assert plain is None or vars(plain) == vars(expected), args


def test_the_hook_command_line_skips_argparse(tmp_path: Path) -> None:
    article = tmp_path / "bai.txt"
    article.write_text(CLEAN, encoding="utf-8")
    probe = (
        "import sys; from vnlint.cli import main;"
        "code = main(['check', '--no-config', sys.argv[1]]);"
        "assert 'argparse' not in sys.modules, 'argparse imported'; sys.exit(code)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe, str(article)], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert "Không có vấn đề nào trong 1 tệp." in proc.stdout


def test_check_turns_the_collector_back_on(articles: Path, capsys) -> None:
    """`check` holds garbage collection until its first file is done (vnlint.cli.main)."""
    import gc

    assert gc.isenabled()
    assert run(capsys, "check", "clean.md")[0] == 0
    assert gc.isenabled()
    assert run(capsys, "check", "--jobs", "0", "clean.md")[0] == 2  # fails before any file
    assert gc.isenabled()
    assert run(capsys, "check", "missing-folder/")[0] == 1  # an unreadable-file finding
    assert gc.isenabled()


def test_a_damaged_lexicon_is_a_clear_error(tmp_path: Path) -> None:
    # The lexicon loads on first use, inside a rule: a damaged file ends the run with one line
    # naming it (exit 2), for `check` and for an audit on several cores, never a traceback.
    article = tmp_path / "a.txt"
    article.write_text("Chúnh phủ đã ban hành kế hoach mới.\n", encoding="utf-8")
    script = (
        "import sys\n"
        "from vnlint.lexicon.lexicon import Lexicon, LexiconError\n"
        "def load(*args, **kwargs):\n"
        "    raise LexiconError('damaged lexicon lexicon.bin: truncated')\n"
        "Lexicon.load = load\n"
        "from vnlint.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    env = {**os.environ, "VNLINT_NO_CACHE": "1"}
    for args in (["check", str(article)], ["audit", "--no-cache", "--jobs", "2", str(tmp_path)]):
        proc = subprocess.run(
            [sys.executable, "-c", script, *args], capture_output=True, text=True, env=env
        )
        assert proc.returncode == 2, (args, proc.stderr)
        assert proc.stderr == "vnlint: damaged lexicon lexicon.bin: truncated\n", args


def test_a_file_vnlint_fails_on_is_reported_and_the_others_are_checked(
    articles: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # An error of vnlint's own on one file (a bug) is not a traceback: the file gets a VN000
    # finding and one line on stderr, and every other file is still checked.
    from vnlint.kinds.typography import SpaceInsideBrackets

    find = SpaceInsideBrackets.find

    def broken(self: SpaceInsideBrackets, doc: object, ctx: object) -> object:
        if "BOOM" in doc.text:  # type: ignore[attr-defined]
            raise ZeroDivisionError("division by zero")
        return find(self, doc, ctx)  # type: ignore[arg-type]

    monkeypatch.setattr(SpaceInsideBrackets, "find", broken)
    (articles / "boom.txt").write_text("Tiêu đề\nBOOM ( a ).\n", encoding="utf-8")
    code, out, err = run(capsys, "check", "--format", "json", "bad.txt", "boom.txt")
    assert code == 1
    found = json.loads(out)
    assert [d["code"] for d in found if d["path"] == "boom.txt"] == ["VN000"]
    boom = next(d for d in found if d["path"] == "boom.txt")
    assert "ZeroDivisionError: division by zero" in boom["message"]
    assert any(d["code"] == "VN021" for d in found if d["path"] == "bad.txt")
    assert err == (
        "vnlint: boom.txt: internal error (ZeroDivisionError: division by zero); "
        "please report this bug with the file\n"
    )
    # The same in an archive audit, on one core and on two (the workers fork after the patch;
    # what they print goes to their copy of the captured stderr: read on one core only).
    for jobs in ("1", "2"):
        code, out, err = run(capsys, "audit", "--no-progress", "--no-cache", "--jobs", jobs,
                             "--format", "json", ".")  # fmt: skip
        assert code == 0 and (jobs == "2" or "boom.txt: internal error" in err)
        files = {Path(f["path"]).name: f for f in json.loads(out)["files"]}
        assert [d["code"] for d in files["boom.txt"]["diagnostics"]] == ["VN000"]
        assert files["bad.txt"]["counts"]["typography"]["error"] > 0


def test_fixes_that_cannot_be_written_are_reported(
    articles: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A folder the fixes cannot be written to (read-only, full disk): the file is left as it
    # was, VN000 says why, and the run goes on (chmod cannot show it to root: fail the write).
    import tempfile

    def refuse(*args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    code, out, err = run(capsys, "check", "--fix", "bad.txt", "clean.md")
    assert code == 1
    assert "bad.txt:1:1: VN000" in out and "Permission denied" in out
    assert err == "vnlint: bad.txt: could not write the fixes (Permission denied)\n"
    assert (articles / "bad.txt").read_text(encoding="utf-8") == BAD
