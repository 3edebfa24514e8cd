"""Command line: `vnlint check`, `vnlint audit`, `vnlint rule`, `vnlint rules`."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterable, Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING

from vnlint import __version__

# The modules that do the work are imported where they are used, after `main` has set the
# garbage collector aside (see there).
if TYPE_CHECKING:
    import argparse

    from vnlint.config import Config
    from vnlint.rules import Rule

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def _codes(value: str) -> list[str]:
    import argparse

    codes = [c.strip().upper() for c in value.split(",") if c.strip()]
    for code in codes:
        if not code.startswith("VN") or not (code[2:].isdigit() or code == "VN"):
            raise argparse.ArgumentTypeError(f"{code!r} is not a rule code or prefix like VN1")
    return codes


def build_parser() -> argparse.ArgumentParser:
    """Describe the command line."""
    import argparse  # here, not at the top: see `_plain_check`

    from vnlint.config import TONE_STYLES

    class _Parser(argparse.ArgumentParser):
        """An argument parser whose usage errors exit with 2 and a one-line message."""

        def error(self, message: str) -> None:  # type: ignore[override]
            self.print_usage(sys.stderr)
            self.exit(EXIT_USAGE, f"vnlint: error: {message}\n")

    parser = _Parser(prog="vnlint", description="Kiểm tra chất lượng bài báo tiếng Việt.")
    parser.add_argument("--version", action="version", version=f"vnlint {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = sub.add_parser("check", help="check articles (files, folders, or - for stdin)")
    check.add_argument("paths", nargs="*", default=["."], help="files or folders (default: .)")
    check.add_argument("--select", type=_codes, action="extend", help="codes or prefixes to run")
    check.add_argument("--ignore", type=_codes, action="extend", help="codes or prefixes to skip")
    check.add_argument(
        "--format",
        choices=("text", "json", "github", "sarif"),
        default=None,
        help="output format (default: text, or github when GITHUB_ACTIONS is set)",
    )
    check.add_argument("--output", "-o", help="write the report to this file")
    check.add_argument("--jobs", "-j", type=int, default=1, help="parallel worker processes")
    check.add_argument("--statistics", action="store_true", help="count findings per rule")
    check.add_argument("--strict", action="store_true", help="warnings also fail (exit 1)")
    check.add_argument("--fix", action="store_true", help="apply safe fixes in place")
    check.add_argument(
        "--unsafe-fixes", action="store_true", help="with --fix or --diff, apply unsafe fixes too"
    )
    check.add_argument("--diff", action="store_true", help="show fixes as a diff; write nothing")
    check.add_argument("--show-source", action="store_true", help="show each finding in its line")
    check.add_argument("--config", help="configuration file (default: nearest found)")
    check.add_argument("--no-config", action="store_true", help="ignore configuration files")
    check.add_argument("--tone-style", choices=TONE_STYLES, help="preferred tone-mark style")
    check.add_argument("--stdin-filename", default="-", help="name to report for stdin")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings")

    audit = sub.add_parser("audit", help="audit an archive: a report over every article")
    audit.add_argument("paths", nargs="*", default=["."], help="files or folders (default: .)")
    audit.add_argument(
        "--format",
        choices=("markdown", "json", "csv", "html"),
        default="markdown",
        help="report format (default: markdown)",
    )
    audit.add_argument("--output", "-o", help="write the report to this file")
    audit.add_argument(
        "--jobs", "-j", type=int, default=0, help="worker processes (default: every core)"
    )
    audit.add_argument("--no-cache", action="store_true", help="do not read or write the cache")
    audit.add_argument("--cache-dir", help="cache folder (default: ~/.cache/vnlint)")
    audit.add_argument("--no-progress", action="store_true", help="no progress bar")
    audit.add_argument("--select", type=_codes, action="extend", help="codes or prefixes to run")
    audit.add_argument("--ignore", type=_codes, action="extend", help="codes or prefixes to skip")
    audit.add_argument("--config", help="configuration file (default: nearest found)")
    audit.add_argument("--no-config", action="store_true", help="ignore configuration files")
    audit.add_argument("--tone-style", choices=TONE_STYLES, help="preferred tone-mark style")

    rule = sub.add_parser("rule", help="show a rule's docs and examples")
    rule.add_argument("code", help="rule code (VN020) or name (space-before-punctuation)")

    sub.add_parser("rules", help="list every rule")
    return parser


# The switches of `vnlint check` (options without a value), as the pre-commit hooks pass them.
_CHECK_SWITCHES = {
    f"--{name.replace('_', '-')}": name
    for name in (
        "statistics",
        "strict",
        "fix",
        "unsafe_fixes",
        "diff",
        "show_source",
        "no_config",
        "exit_zero",
    )
}


def _plain_check(argv: Sequence[str]) -> argparse.Namespace | None:
    """Read `vnlint check [SWITCH...] [PATH...] [SWITCH...]` without argparse, else give None.

    That is how the pre-commit hooks run vnlint, once per commit, and argparse is 5 ms of such a
    run (its import, the shutil import its help formatter makes, and building the parser). The
    result is what argparse gives (a test compares the two); any other command line (an
    option with a value, an abbreviation, --help, a path starting with "-" or split by a
    switch) is left to argparse, errors included.
    """
    if not argv or argv[0] != "check":
        return None
    switches = dict.fromkeys(_CHECK_SWITCHES.values(), False)
    paths: list[str] = []
    ended = False  # paths, then a switch: a later path is an argparse error
    for arg in argv[1:]:
        if arg in _CHECK_SWITCHES:
            switches[_CHECK_SWITCHES[arg]] = True
            ended = bool(paths)
        elif (arg == "-" or not arg.startswith("-")) and not ended:
            paths.append(arg)
        else:
            return None
    return SimpleNamespace(  # type: ignore[return-value]
        command="check",
        paths=paths or ["."],
        select=None,
        ignore=None,
        format=None,
        output=None,
        jobs=1,
        config=None,
        tone_style=None,
        stdin_filename="-",
        **switches,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit code."""
    args = _plain_check(sys.argv[1:] if argv is None else argv)
    if args is None:
        try:
            args = build_parser().parse_args(argv)
        except SystemExit as exc:  # usage errors (2), --help and --version (0)
            return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    # `check` in one process collects no garbage until its first file is done (then
    # runner.settle_heap turns the collector back on). Until then the process imports its
    # modules and builds large, long-lived tables (rule packs, the lexicon and its indexes):
    # the collector finds nothing to free there, but walked them some 60 times, 5 ms of a
    # one-file run. With --jobs, the parent waits on its workers with the collector on.
    held = args.command == "check" and args.jobs <= 1 and gc.isenabled()
    if held:
        gc.disable()
    try:
        if args.command == "rule":
            return _cmd_rule(args.code)
        if args.command == "rules":
            return _cmd_rules()
        if args.command == "audit":
            return _cmd_audit(args)
        return _cmd_check(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:
        # A broken configuration, rule file or lexicon: one line naming it (the errors of a
        # single file are reported as that file's finding, by the runner).
        from vnlint.runner import stops_the_run

        if not stops_the_run(exc):
            raise
        print(f"vnlint: {exc}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        if held:
            gc.enable()  # also after a run that checked no file, or that failed


def _load_config(args: argparse.Namespace) -> Config:
    from pathlib import Path

    from vnlint.config import Config, ConfigError, find_config, load_config

    if args.no_config:
        config = Config()
    elif args.config:
        path = Path(args.config)
        if not path.is_file():
            raise ConfigError(f"{path}: configuration file not found")
        config = load_config(path)
    else:
        config = load_config(find_config(Path.cwd()))
    return config.with_overrides(tone_style=args.tone_style)


def _cmd_check(args: argparse.Namespace) -> int:
    from vnlint.output import render
    from vnlint.rules import load_default_rules
    from vnlint.runner import CheckOptions, discover, run

    if args.jobs < 1:
        print("vnlint: error: --jobs must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    config = _load_config(args)
    rules = load_default_rules()
    options = CheckOptions(
        config=config,
        select=tuple(args.select or ()),
        ignore=tuple(args.ignore or ()),
        fix=args.fix,
        unsafe_fixes=args.unsafe_fixes,
        diff=args.diff,
        stdin_name=args.stdin_filename,
    )
    paths = discover(args.paths, config)
    results = run(paths, options, jobs=args.jobs)
    # A missing or unreadable path is an unreadable-file finding (VN000), like any other.

    if args.diff:
        _emit("".join(r.diff for r in results), args.output)
        return EXIT_FINDINGS if any(r.diff for r in results) else EXIT_OK
    fmt = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    if args.fix and paths == ["-"] and results and results[0].fixed_text is not None:
        sys.stdout.write(results[0].fixed_text)
        report = render(fmt, results, rules, statistics=args.statistics)
        sys.stderr.write(report)
    else:
        report = render(
            fmt, results, rules, statistics=args.statistics, show_source=args.show_source
        )
        _emit(report, args.output)
    if args.exit_zero:
        return EXIT_OK
    failing = {"error", "warning"} if args.strict else {"error"}
    if any(r["severity"] in failing for res in results for r in res.records):
        return EXIT_FINDINGS
    return EXIT_OK


def _cmd_audit(args: argparse.Namespace) -> int:
    from pathlib import Path

    from vnlint.audit import AuditOptions, run_audit, summarize
    from vnlint.cache import default_cache_dir
    from vnlint.output.audit_report import iter_audit
    from vnlint.runner import CheckOptions, discover

    if args.jobs < 0:
        print("vnlint: error: --jobs must be 0 (every core) or more", file=sys.stderr)
        return EXIT_USAGE
    config = _load_config(args)
    options = CheckOptions(
        config=config, select=tuple(args.select or ()), ignore=tuple(args.ignore or ())
    )
    paths = discover(args.paths, config)
    cache_dir = None if args.no_cache else Path(args.cache_dir or default_cache_dir())
    show = not args.no_progress and sys.stderr.isatty() and not os.environ.get("CI")
    bar = None
    if show:
        from tqdm import tqdm

        bar = tqdm(total=len(paths), unit="bài", file=sys.stderr, leave=False)
    try:
        files = run_audit(
            paths,
            options,
            AuditOptions(jobs=args.jobs, cache_dir=cache_dir),
            on_progress=bar.update if bar else None,
        )
    finally:
        if bar:
            bar.close()
    _emit(iter_audit(args.format, summarize(files), files), args.output)
    return EXIT_OK


def _emit(chunks: str | Iterable[str], output: str | None) -> None:
    if isinstance(chunks, str):
        chunks = (chunks,)
    if output:
        with open(output, "w", encoding="utf-8") as handle:
            handle.writelines(chunks)
    else:
        sys.stdout.writelines(chunks)


def _cmd_rules() -> int:
    from vnlint.rules import load_default_rules

    rules = load_default_rules()
    for rule in rules:
        fix = {"safe": "[*]", "unsafe": "[-]", "none": "   "}[rule.fix]
        print(f"{rule.code}  {fix}  {rule.severity.label:<7}  {rule.category:<10}  {rule.name}")
    return EXIT_OK


def format_rule(rule: Rule) -> str:
    """Render a rule's docs and examples for `vnlint rule`."""

    def block(text: str) -> str:
        return "\n".join("  " + line for line in text.strip().splitlines())

    parts = [
        f"{rule.code} {rule.name}",
        f"Nhóm: {rule.category}   Mức: {rule.severity.label}   Tự sửa: {rule.fix}",
        "",
        "Phát hiện gì:",
        block(rule.what),
        "",
        "Vì sao quan trọng:",
        block(rule.why),
    ]
    if rule.fix_doc:
        parts += ["", "Cách sửa:", block(rule.fix_doc)]
    if rule.examples:
        parts += ["", "Ví dụ:"]
        for ex in rule.examples:
            if ex.bad is not None:
                parts.append(f"  sai:   {ex.bad!r}" if "\n" in ex.bad else f"  sai:   {ex.bad}")
                if ex.fixed is not None:
                    shown = f"{ex.fixed!r}" if "\n" in ex.fixed else ex.fixed
                    parts.append(f"  sửa:   {shown}")
            elif ex.good is not None:
                shown = f"{ex.good!r}" if "\n" in ex.good else ex.good
                parts.append(f"  đúng:  {shown}")
            if ex.encoding:
                parts.append(f"         (tệp mã {ex.encoding})")
    parts += ["", f"Tệp quy tắc: {rule.source}"]
    return "\n".join(parts) + "\n"


def _cmd_rule(code: str) -> int:
    from vnlint.rules import load_default_rules

    rule = load_default_rules().get(code)
    if rule is None:
        print(f"vnlint: error: no rule {code!r} (see `vnlint rules`)", file=sys.stderr)
        return EXIT_USAGE
    sys.stdout.write(format_rule(rule))
    return EXIT_OK
