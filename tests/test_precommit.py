"""The pre-commit hooks, for real: a temporary repository that uses this one as its hook repo."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BAD = "Tiêu đề bài\nHội nghị ( khóa XIII ) đã bế mạc .\n"
CLEAN = "Tiêu đề bài\nHội nghị Trung ương 10 (khóa XIII) đã bế mạc.\n"

# The pre-commit installed beside this interpreter (the test extras), or one on PATH.
_BESIDE = Path(sys.executable).parent / "pre-commit"
PRE_COMMIT = str(_BESIDE) if _BESIDE.exists() else shutil.which("pre-commit")

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or PRE_COMMIT is None, reason="git and pre-commit are needed"
)


def _git(cwd: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
    }
    proc = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True
    )
    return proc.stdout.strip()


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """Snapshot this working tree (committed or not) into a git repository pre-commit can use."""
    repo = tmp_path_factory.mktemp("hook-repo")
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            target = repo / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "snapshot")
    return repo, _git(repo, "rev-parse", "HEAD")


def _project(tmp_path: Path, hook_repo: tuple[Path, str], hook: str, article: str) -> Path:
    repo, rev = hook_repo
    project = tmp_path / "newsroom"
    project.mkdir()
    _git(project, "init", "-q")
    (project / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {repo}\n  rev: {rev}\n  hooks:\n  - id: {hook}\n", encoding="utf-8"
    )
    (project / "bai-viet.txt").write_text(article, encoding="utf-8")
    _git(project, "add", "-A")
    return project


def _pre_commit(project: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home)}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run(
        [str(PRE_COMMIT), "run", "--all-files"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Share one pre-commit cache between the runs, so the hook environment is built once."""
    return tmp_path_factory.mktemp("pre-commit-home")


def test_check_hook_fails_on_a_bad_article(tmp_path: Path, hook_repo, home: Path) -> None:
    proc = _pre_commit(_project(tmp_path, hook_repo, "vnlint", BAD), home)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "VN021" in proc.stdout and "bai-viet.txt:2:11" in proc.stdout


def test_check_hook_passes_on_a_clean_article(tmp_path: Path, hook_repo, home: Path) -> None:
    proc = _pre_commit(_project(tmp_path, hook_repo, "vnlint", CLEAN), home)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_fix_hook_fixes_the_file(tmp_path: Path, hook_repo, home: Path) -> None:
    project = _project(tmp_path, hook_repo, "vnlint-fix", BAD)
    proc = _pre_commit(project, home)
    assert proc.returncode == 1  # pre-commit fails a run that modified files
    assert (project / "bai-viet.txt").read_text(encoding="utf-8") == CLEAN.replace(
        "Trung ương 10 ", ""
    )
    assert _pre_commit(project, home).returncode == 0
