"""Measure the typo rules against injected typos and against hunspell, on held-out articles.

Usage:
    python benchmarks/typos_quality.py [--offset 32000] [--limit 300] [--seed 20240607]
        [--rate 5] [--no-hunspell] [--json] [--corpus ../shared/corpus/baomoi-vn_news.jsonl.gz]

The test set is built from HELD-OUT articles only (corpus line index >= 32000, never read by the
lexicon build): at `--rate` typos per 1,000 words (fixed random seed), lowercase Vietnamese
syllables get a realistic slip - a wrong or dropped tone, a dropped hook, breve, circumflex or
stroke, Telex or VNI keystrokes, two letters swapped, a neighbouring key, a letter dropped or
doubled, a diacritic twin that is itself a word (a real-word error), a misplaced tone mark, two
words glued together - and one article in ten gets a sentence typed without diacritics.

Both tools read the same texts in one run, pinned to one core:
- vnlint: the VN1 rules on by default (errors and warnings), one process, lexicon loaded first;
- hunspell: `hunspell -d vi_VN -a` (check and suggest), and `-l` (check only) for speed.
A flag is right when it overlaps an injected typo; the first suggestion is right when it gives
back the original text. Precision is given twice: counting every other flag as wrong, and
counting only the flags the tool does not also raise on the untouched article (the held-out
articles hold real typos of their own). False positives: flags per 1,000 words on the untouched
articles. Nothing from the corpus is written to disk.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from corpus_findings import DEFAULT_CORPUS, read_articles

from vnlint.document import Document
from vnlint.engine import lint
from vnlint.rules import load_default_rules
from vnlint.spelling.keyboard import encode_telex, encode_vni
from vnlint.spelling.speller import default_speller
from vnlint.vietnamese.syllable import MARK_OF_TONE, TONES, is_valid, strip_tone
from vnlint.vietnamese.tones import misplaced_tone

HELD_OUT_FROM = 32000
HUNSPELL_DICT = Path("/usr/share/hunspell/vi_VN.dic")

# How often each slip is injected (relative weights).
SLIPS = {
    "tone-wrong": 14,
    "tone-dropped": 14,
    "mark-dropped": 10,
    "telex": 8,
    "vni": 3,
    "letters-swapped": 8,
    "neighbour-key": 10,
    "letter-dropped": 8,
    "letter-doubled": 5,
    "real-word": 8,
    "glued": 6,
    "misplaced-mark": 4,
}
BARE_SENTENCE_SHARE = 0.1
# QWERTY neighbours, the keyboard Vietnamese is typed on.
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_MODIFIERS = "\u0302\u0306\u031b"
_SPACES = " \u00a0"


def _neighbours() -> dict[str, str]:
    """Map each letter to the keys beside it on its row and the rows above and below."""
    where = {c: (r, i) for r, row in enumerate(_ROWS) for i, c in enumerate(row)}
    out = {}
    for c, (r, i) in where.items():
        near = []
        for rr in (r - 1, r, r + 1):
            if 0 <= rr < len(_ROWS):
                for ii in (i - 1, i, i + 1):
                    if 0 <= ii < len(_ROWS[rr]) and (rr, ii) != (r, i):
                        near.append(_ROWS[rr][ii])
        out[c] = "".join(near)
    return out


NEIGHBOURS = _neighbours()


@dataclass(frozen=True)
class Injection:
    """One typo put into an article: where it is in the new text, and what it replaced."""

    start: int
    end: int
    typo: str
    original: str
    slip: str
    real_word: bool


@dataclass
class Case:
    """One held-out article, untouched and with its injected typos."""

    article_id: str
    original: str
    text: str = ""
    injections: list[Injection] = field(default_factory=list)
    # (start in the new text, length change) of each edit, to map positions back.
    shifts: list[tuple[int, int]] = field(default_factory=list)

    def to_original(self, position: int) -> int:
        """Map a position in the injected text back to the untouched article."""
        delta = sum(d for start, d in self.shifts if start < position)
        return position - delta


@dataclass(frozen=True)
class Flag:
    """One flagged span, as either tool reports it."""

    start: int
    end: int
    suggestions: tuple[str, ...]
    severity: str = "error"


def read_held_out(path: Path, offset: int, limit: int) -> list[tuple[str, str]]:
    """Read (id, text) pairs of held-out articles only, in NFC."""
    if offset < HELD_OUT_FROM:
        raise SystemExit(f"--offset must be >= {HELD_OUT_FROM}: only held-out articles are used")
    return [(i, unicodedata.normalize("NFC", t)) for i, t in read_articles(path, offset, limit)]


# -- injecting typos -----------------------------------------------------------------------------


def _with_tone(syllable: str, tone: str) -> str:
    """Return a syllable with its tone changed (mark placed as the corpus does, T1)."""
    from vnlint.vietnamese.tones import place_tone

    toneless, _ = strip_tone(syllable)
    if tone == "ngang":
        return toneless
    decomposed = unicodedata.normalize("NFD", toneless)
    vowels = [i for i, c in enumerate(decomposed) if c in "aeiouyAEIOUY"]
    if not vowels:
        return toneless
    at = vowels[0] + 1
    while at < len(decomposed) and unicodedata.combining(decomposed[at]):
        at += 1
    marked = decomposed[:at] + MARK_OF_TONE[tone] + decomposed[at:]
    return place_tone(unicodedata.normalize("NFC", marked), "T1")


def _retoned(toneless: str, tone: str) -> str | None:
    """Put a tone back on a slipped syllable, as the input method would (None if no vowel)."""
    if tone == "ngang":
        return toneless
    if not any(c in "aeiouyăâêôơư" for c in toneless.lower()):
        return None
    return _with_tone(toneless, tone)


def _letters(word: str) -> list[str]:
    """Split a word into letters, each with its combining marks (NFD clusters)."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFD", word):
        if out and unicodedata.combining(ch):
            out[-1] += ch
        else:
            out.append(ch)
    return out


def _join(letters: Iterable[str]) -> str:
    return unicodedata.normalize("NFC", "".join(letters))


def make_slip(word: str, slip: str, rng: random.Random) -> str | None:
    """Return the word with one slip of the given kind, or None if the slip does not apply."""
    speller = default_speller()
    toneless, tone = strip_tone(word)
    if slip == "tone-wrong":
        if tone == "ngang":
            return None
        return _with_tone(word, rng.choice([t for t in TONES if t not in (tone, "ngang")]))
    if slip == "tone-dropped":
        return toneless if tone != "ngang" else None
    if slip == "mark-dropped":
        letters = _letters(word)
        marked = [i for i, c in enumerate(letters) if any(m in c for m in _MODIFIERS) or c == "đ"]
        if not marked:
            return None
        i = rng.choice(marked)
        letters[i] = (
            "d" if letters[i] == "đ" else "".join(c for c in letters[i] if c not in _MODIFIERS)
        )
        return _join(letters)
    if slip == "telex":
        return encode_telex(word) if not word.isascii() else None
    if slip == "vni":
        return encode_vni(word) if not word.isascii() else None
    if slip == "letters-swapped":
        # Keys are typed in the wrong order; the input method then puts the tone back.
        letters = _letters(toneless)
        if len(letters) < 3:
            return None
        i = rng.randrange(len(letters) - 1)
        letters[i], letters[i + 1] = letters[i + 1], letters[i]
        return _retoned(_join(letters), tone)
    if slip == "neighbour-key":
        letters = _letters(toneless)
        plain = [i for i, c in enumerate(letters) if c in NEIGHBOURS]
        if not plain:
            return None
        i = rng.choice(plain)
        letters[i] = rng.choice(NEIGHBOURS[letters[i]])
        return _retoned(_join(letters), tone)
    if slip == "letter-dropped":
        letters = _letters(toneless)
        if len(letters) < 3:
            return None
        del letters[rng.randrange(len(letters))]
        return _retoned(_join(letters), tone)
    if slip == "letter-doubled":
        letters = _letters(toneless)
        i = rng.randrange(len(letters))
        letters.insert(i, letters[i][0])
        return _retoned(_join(letters), tone)
    if slip == "real-word":
        twins = [t for t in speller.variants(word) if t != word and speller.count(t) >= 500]
        return rng.choice(twins) if twins else None
    if slip == "misplaced-mark":
        letters = _letters(word)
        vowels = [i for i, c in enumerate(letters) if c[0] in "aeiouy"]
        toned = [i for i in vowels if strip_tone(letters[i])[1] != "ngang"]
        if len(vowels) < 2 or len(toned) != 1:
            return None
        target = rng.choice([i for i in vowels if i != toned[0]])
        mark = MARK_OF_TONE[tone]
        letters[toned[0]] = unicodedata.normalize("NFD", strip_tone(letters[toned[0]])[0])
        letters[target] = letters[target] + mark
        result = _join(letters)
        return result if misplaced_tone(result) == word else None
    raise ValueError(slip)


def _eligible(doc: Document, i: int) -> bool:
    """Tell whether token i is a lowercase, frequent, free-standing Vietnamese syllable."""
    token = doc.tokens[i]
    word = token.text
    if not word.islower() or len(word) < 2 or not is_valid(word):
        return False
    if default_speller().count(word) < 20:
        return False
    text = doc.text
    before = text[token.start - 1] if token.start else " "
    after = text[token.end] if token.end < len(text) else " "
    return before in _SPACES + '\n(“"' and (after in _SPACES + '\n.,;:!?)”"')


def inject(case: Case, rng: random.Random, rate: float) -> None:
    """Put typos into one article, recording where they are in the new text."""
    doc = Document.from_text(case.original)
    tokens = doc.tokens
    text = case.original
    edits: list[tuple[int, int, str, str, bool]] = []  # start, end, typo, slip, real-word
    used: set[int] = set()
    speller = default_speller()
    if rng.random() < BARE_SENTENCE_SHARE:
        edit = _bare_sentence(doc, rng)
        if edit is not None:
            edits.append(edit)
            used.update(i for i, t in enumerate(tokens) if edit[0] <= t.start < edit[1])
    wanted = max(1, round(len(tokens) * rate / 1000))
    names, weights = list(SLIPS), list(SLIPS.values())
    for _ in range(wanted * 20):
        if sum(1 for e in edits if e[3] != "bare-sentence") >= wanted:
            break
        i = rng.randrange(len(tokens))
        if any(j in used for j in range(i - 3, i + 4)) or not _eligible(doc, i):
            continue
        slip = rng.choices(names, weights)[0]
        token = tokens[i]
        if slip == "glued":
            if i + 1 >= len(tokens) or not _eligible(doc, i + 1):
                continue
            nxt = tokens[i + 1]
            if text[token.end : nxt.start] != " ":
                continue
            edits.append((token.start, nxt.end, token.text + nxt.text, slip, False))
            used.update((i, i + 1))
            continue
        typo = make_slip(token.text, slip, rng)
        if typo is None or typo == token.text:
            continue
        # A real-word error leaves a word the corpus writes; a misplaced mark does not (the
        # speller's count folds placement, so "hòan" would count as "hoàn").
        real = is_valid(typo) and speller.count(typo) > 5 and misplaced_tone(typo) is None
        edits.append((token.start, token.end, typo, slip, real))
        used.add(i)
    edits.sort()
    pieces = []
    cursor = 0
    shift = 0
    for start, end, typo, slip, real in edits:
        pieces.append(text[cursor:start])
        new_start = start + shift
        case.injections.append(
            Injection(new_start, new_start + len(typo), typo, text[start:end], slip, real)
        )
        case.shifts.append((new_start, len(typo) - (end - start)))
        shift += len(typo) - (end - start)
        pieces.append(typo)
        cursor = end
    pieces.append(text[cursor:])
    case.text = "".join(pieces)


def _bare_sentence(doc: Document, rng: random.Random) -> tuple[int, int, str, str, bool] | None:
    """Pick a lowercase-led sentence of 8 to 30 words and strip its diacritics."""
    from unidecode import unidecode

    text = doc.text
    sentences = []
    for start, end in doc.lines():
        line = text[start:end]
        offset = 0
        for part in line.replace("? ", ". ").replace("! ", ". ").split(". "):
            words = part.split()
            if 8 <= len(words) <= 30 and all(not any(c.isdigit() for c in w) for w in words):
                sentences.append((start + offset, start + offset + len(part)))
            offset += len(part) + 2
    if not sentences:
        return None
    start, end = rng.choice(sentences)
    original = text[start:end]
    bare = unidecode(original)
    if len(bare) != len(original) or bare == original:
        return None
    return start, end, bare, "bare-sentence", False


# -- running the tools ---------------------------------------------------------------------------


def run_vnlint(texts: Sequence[str]) -> tuple[list[list[Flag]], float]:
    """Lint each text with the default VN1 rules; return the flags and the seconds it took."""
    rules = load_default_rules().select(["VN1"])
    # Load the lexicon, the folded index and rapidfuzz before timing, as hunspell loads its
    # dictionary before reading.
    lint(Document.from_text("Khởi động: kế hoach, chúnh trị, chinhs."), rules)
    out = []
    started = time.perf_counter()
    for text in texts:
        found = lint(Document.from_text(text), rules)
        out.append([Flag(d.start, d.end, d.suggestions, d.severity.label) for d in found])
    return out, time.perf_counter() - started


def run_hunspell(
    texts: Sequence[str], mode: str = "-a", piece: int | None = 1000
) -> tuple[list[list[Flag]], float]:
    """Check the texts with `hunspell -d vi_VN` in one process; return flags and seconds.

    Lines are fed in pieces of at most `piece` characters, cut at spaces: hunspell cuts lines
    longer than its buffer (8 KB) and answers each cut separately, which breaks the offsets,
    and it slows down on long lines. `piece=None` feeds the lines as the articles have them
    (one paragraph a line), as `hunspell -l article.txt` would read them.
    """
    lines: list[tuple[int, int]] = []  # (text index, offset of the line in its text)
    feed: list[str] = []
    for n, text in enumerate(texts):
        offset = 0
        for line in text.split("\n"):
            for piece_start, piece_text in _pieces(line, piece or len(line) + 1):
                lines.append((n, offset + piece_start))
                # "^" keeps the line from being read as a pipe-mode command.
                feed.append("^" + piece_text)
            offset += len(line) + 1
    started = time.perf_counter()
    result = subprocess.run(
        ["hunspell", "-d", "vi_VN", mode],
        input="\n".join(feed) + "\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    elapsed = time.perf_counter() - started
    out: list[list[Flag]] = [[] for _ in texts]
    if mode == "-l":
        return out, elapsed
    answers = result.stdout.split("\n")[1:]  # the first line is the version banner
    line_no = 0
    for answer in answers:
        if line_no >= len(lines):
            break
        if answer == "":
            line_no += 1
            continue
        if answer[0] not in "&#":
            continue
        n, offset = lines[line_no]
        head, _, tail = answer.partition(": ")
        parts = head.split()
        word = parts[1]
        position = int(parts[-1]) - 1  # offsets count the "^"
        suggestions = tuple(s.strip() for s in tail.split(", ")) if answer[0] == "&" else ()
        start = offset + position
        out[n].append(Flag(start, start + len(word), suggestions))
    return out, elapsed


def _pieces(line: str, size: int = 1000) -> list[tuple[int, str]]:
    """Cut a line at spaces into pieces of at most `size` characters, with their offsets."""
    out = []
    start = 0
    while len(line) - start > size:
        cut = line.rfind(" ", start, start + size)
        cut = start + size if cut <= start else cut
        out.append((start, line[start:cut]))
        start = cut
    out.append((start, line[start:]))
    return out


# -- scoring -------------------------------------------------------------------------------------


@dataclass
class Score:
    """Counts for one tool over the test set."""

    injections: int = 0
    detected: int = 0
    first_right: int = 0
    flags: int = 0
    flags_on_typos: int = 0
    flags_preexisting: int = 0
    by_slip: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))

    def figures(self) -> dict[str, float]:
        """Return precision, recall and first-suggestion accuracy."""
        new_flags = self.flags - self.flags_preexisting
        return {
            "recall": self.detected / max(self.injections, 1),
            "precision": self.flags_on_typos / max(self.flags, 1),
            "precision_new_flags": self.flags_on_typos / max(new_flags, 1),
            "first_suggestion_right": self.first_right / max(self.detected, 1),
            "first_suggestion_right_of_all": self.first_right / max(self.injections, 1),
        }


def _undone(text: str, flag: Flag, injection: Injection) -> str:
    """Return what the flagged span should read once the injected typo is undone."""
    start, end = min(flag.start, injection.start), max(flag.end, injection.end)
    return text[start : injection.start] + injection.original + text[injection.end : end]


def score(cases: Sequence[Case], flags: Sequence[list[Flag]], clean: Sequence[list[Flag]]) -> Score:
    """Match one tool's flags against the injected typos."""
    result = Score()
    for case, found, before in zip(cases, flags, clean, strict=True):
        known = {(f.start, f.end) for f in before}
        on_typo: set[int] = set()
        for injection in case.injections:
            result.injections += 1
            row = result.by_slip[injection.slip + (" (real word)" if injection.real_word else "")]
            row[0] += 1
            hits = [f for f in found if f.start < injection.end and injection.start < f.end]
            if not hits:
                continue
            result.detected += 1
            row[1] += 1
            on_typo.update(id(f) for f in hits)
            best = hits[0]
            want = _undone(case.text, best, injection)
            if best.suggestions and _same(best.suggestions[0], want, best, injection, case.text):
                result.first_right += 1
                row[2] += 1
        for f in found:
            result.flags += 1
            if id(f) in on_typo:
                result.flags_on_typos += 1
            elif (case.to_original(f.start), case.to_original(f.end)) in known:
                result.flags_preexisting += 1
    return result


def _same(suggestion: str, want: str, flag: Flag, injection: Injection, text: str) -> bool:
    """Tell whether a suggestion for the flagged span restores the original text."""
    if flag.start <= injection.start and injection.end <= flag.end:
        return suggestion == want
    # The flag covers part of the typo (hunspell flags "vie" of "vie65t"): right only when the
    # suggestion and the rest of the typo read as the original.
    rebuilt = text[injection.start : flag.start] + suggestion + text[flag.end : injection.end]
    return rebuilt == injection.original


# -- report --------------------------------------------------------------------------------------


def pin_to_one_core() -> int | None:
    """Run this process (and the hunspell it starts) on one core; return it."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    core = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {core})
    return core


def main() -> int:
    """Build the test set, run both tools, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--offset", type=int, default=HELD_OUT_FROM)
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--seed", type=int, default=20240607)
    parser.add_argument("--rate", type=float, default=5.0, help="typos per 1,000 words")
    parser.add_argument("--no-hunspell", action="store_true")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    core = pin_to_one_core()
    rng = random.Random(args.seed)
    cases = [Case(i, t) for i, t in read_held_out(args.corpus, args.offset, args.limit)]
    for case in cases:
        inject(case, rng, args.rate)
    words = sum(len(Document.from_text(c.original).tokens) for c in cases)
    injected_words = sum(len(Document.from_text(c.text).tokens) for c in cases)
    figures: dict[str, object] = {
        "articles": len(cases),
        "words": words,
        "injections": sum(len(c.injections) for c in cases),
        "slips": dict(Counter(i.slip for c in cases for i in c.injections)),
        "seed": args.seed,
        "core": core,
    }
    tools: dict[str, tuple[list[list[Flag]], list[list[Flag]], float]] = {}
    vn_flags, vn_seconds = run_vnlint([c.text for c in cases])
    vn_clean, vn_clean_seconds = run_vnlint([c.original for c in cases])
    tools["vnlint"] = (vn_flags, vn_clean, vn_seconds)
    has_hunspell = shutil.which("hunspell") is not None and HUNSPELL_DICT.exists()
    if has_hunspell and not args.no_hunspell:
        hs_flags, hs_seconds = run_hunspell([c.text for c in cases])
        hs_clean, _ = run_hunspell([c.original for c in cases])
        _, hs_check_seconds = run_hunspell([c.text for c in cases], "-l")
        _, hs_lines_seconds = run_hunspell([c.text for c in cases], "-l", piece=None)
        tools["hunspell"] = (hs_flags, hs_clean, hs_seconds)
        figures["hunspell_check_only_seconds"] = round(hs_check_seconds, 3)
        figures["hunspell_check_only_whole_lines_seconds"] = round(hs_lines_seconds, 3)
    for name, (flags, clean, seconds) in tools.items():
        result = score(cases, flags, clean)
        clean_flags = sum(len(f) for f in clean)
        clean_errors = sum(1 for f in clean for x in f if x.severity == "error")
        clean_lower = sum(
            1
            for case, found in zip(cases, clean, strict=True)
            for x in found
            if case.original[x.start : x.end].islower()
        )
        figures[name] = {
            **{k: round(v, 4) for k, v in result.figures().items()},
            "flags": result.flags,
            "flags_on_typos": result.flags_on_typos,
            "flags_preexisting": result.flags_preexisting,
            "detected": result.detected,
            "first_suggestion_right_count": result.first_right,
            "seconds": round(seconds, 3),
            "words_per_second": round(injected_words / seconds),
            "clean_flags_per_1000_words": round(1000 * clean_flags / words, 3),
            "clean_errors_per_1000_words": round(1000 * clean_errors / words, 3),
            "clean_lowercase_flags_per_1000_words": round(1000 * clean_lower / words, 3),
            "by_slip": {k: v for k, v in sorted(result.by_slip.items())},
        }
    figures["vnlint_clean_seconds"] = round(vn_clean_seconds, 3)
    if "hunspell" in tools:
        vn = tools["vnlint"][2]
        figures["speed_ratio_vs_hunspell_a"] = round(tools["hunspell"][2] / vn, 1)
        figures["speed_ratio_vs_hunspell_l"] = round(hs_check_seconds / vn, 1)
        figures["speed_ratio_vs_hunspell_l_whole_lines"] = round(hs_lines_seconds / vn, 1)
    if args.json:
        json.dump(figures, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    _print(figures, list(tools))
    return 0


def _print(figures: dict[str, object], tools: list[str]) -> None:
    """Print the figures as a readable report."""
    print(
        f"{figures['articles']} held-out articles, {figures['words']} words, "
        f"{figures['injections']} injected typos (seed {figures['seed']}, core {figures['core']})"
    )
    header = f"{'':34}" + "".join(f"{t:>14}" for t in tools)
    print(header)
    rows = [
        ("recall", "recall"),
        ("precision (all flags)", "precision"),
        ("precision (new flags only)", "precision_new_flags"),
        ("first suggestion right (found)", "first_suggestion_right"),
        ("first suggestion right (all)", "first_suggestion_right_of_all"),
        ("clean: flags / 1,000 words", "clean_flags_per_1000_words"),
        ("clean: errors / 1,000 words", "clean_errors_per_1000_words"),
        ("clean: lowercase flags / 1,000 w.", "clean_lowercase_flags_per_1000_words"),
        ("seconds (injected texts)", "seconds"),
        ("words / second", "words_per_second"),
    ]
    for label, key in rows:
        cells = "".join(f"{figures[t][key]:>14}" for t in tools)  # type: ignore[index]
        print(f"{label:34}{cells}")
    if "hunspell_check_only_seconds" in figures:
        print(
            f"hunspell -l (check only): {figures['hunspell_check_only_seconds']} s in pieces of "
            f"1,000 characters, {figures['hunspell_check_only_whole_lines_seconds']} s on whole "
            "lines"
        )
        print(
            f"speed ratio: {figures['speed_ratio_vs_hunspell_a']}x vs hunspell -a, "
            f"{figures['speed_ratio_vs_hunspell_l']}x vs hunspell -l (pieces), "
            f"{figures['speed_ratio_vs_hunspell_l_whole_lines']}x vs hunspell -l (whole lines)"
        )
    print("\nrecall / first suggestion right, by slip:")
    slips = sorted({k for t in tools for k in figures[t]["by_slip"]})  # type: ignore[index]
    for slip in slips:
        cells = []
        for t in tools:
            n, found, right = figures[t]["by_slip"].get(slip, [0, 0, 0])  # type: ignore[index]
            cells.append(f"{found:>5}/{n:<5} {right:>5}")
        print(f"  {slip:32}" + "".join(f"{c:>20}" for c in cells))


if __name__ == "__main__":
    raise SystemExit(main())
