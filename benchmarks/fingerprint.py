"""Record every finding and spin score over a fixed mix of articles, to prove a speed-up changes
nothing.

Usage:
    python benchmarks/fingerprint.py --out /tmp/new.jsonl [--compare /tmp/old.jsonl]
        [--clean 1500] [--spun 700] [--typos 700] [--seed 7]

The mix: clean corpus articles (the first --clean), held-out articles rewritten by the spin
benchmark's substitution list (--spun), and held-out articles with typing slips injected
(--typos: dropped or doubled marks, whole sentences without marks, Telex and VNI leftovers,
swapped letters, the other tone style, spaces before punctuation, doubled words). Each
article is audited as `vnlint audit` would audit it (`audit_document`, default rules), and one
JSON line per article is written: its diagnostics and spin score. `--compare` prints the
articles whose line differs from an earlier run (made with the old tree) and exits 1 when any
does. Nothing from the corpus is written into the project; the output goes where --out says.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import time
import unicodedata
from pathlib import Path

from corpus_findings import DEFAULT_CORPUS, read_articles
from spin_quality import spin_text
from unidecode import unidecode

from vnlint.audit import audit_document
from vnlint.runner import CheckOptions, settle_heap, to_document

_WORD = re.compile(r"[^\W\d_]{2,}")
_TONES = "\u0300\u0301\u0303\u0309\u0323"


def _strip_marks(word: str) -> str:
    return unicodedata.normalize(
        "NFC", "".join(c for c in unicodedata.normalize("NFD", word) if c not in _TONES)
    )


def _telex(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    keys = {"\u0300": "f", "\u0301": "s", "\u0303": "x", "\u0309": "r", "\u0323": "j"}
    tone = next((keys[c] for c in decomposed if c in keys), "")
    return _strip_marks(word) + tone if tone else word + "w"


def _swap(word: str) -> str:
    if len(word) < 3:
        return word + word[-1]
    i = len(word) // 2
    return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]


def _t2(word: str) -> str:
    from vnlint.vietnamese.tones import place_tone

    return place_tone(word, "T2")


_SLIPS = (_strip_marks, _telex, _swap, _t2, lambda w: w + " " + w, lambda w: w + "vni6")


def corrupt(text: str, rng: random.Random, rate: float = 0.02) -> str:
    """Inject typing slips into about `rate` of the words, and a few spacing slips."""

    def slip(m: re.Match[str]) -> str:
        if rng.random() >= rate:
            return m.group()
        return rng.choice(_SLIPS)(m.group())

    def space(m: re.Match[str]) -> str:
        return " " + m.group() if rng.random() < 0.05 else m.group()

    out = re.sub(r"(?<=\w)[,.](?= )", space, _WORD.sub(slip, text))
    if rng.random() < 0.2:
        # A whole sentence typed without diacritics.
        sentences = out.split(". ")
        k = rng.randrange(len(sentences))
        sentences[k] = unidecode(sentences[k])
        out = ". ".join(sentences)
    return out


def build_mix(clean: int, spun: int, typos: int, seed: int) -> list[tuple[str, str]]:
    """Return (name, text) pairs: clean, spun and slipped articles."""
    rng = random.Random(seed)
    mix = [(f"clean/{i}", t) for i, t in read_articles(DEFAULT_CORPUS, 0, clean)]
    held = read_articles(DEFAULT_CORPUS, 32000, spun + typos)
    mix += [(f"spun/{i}", spin_text(t, rng, 0.7)[0]) for i, t in held[:spun]]
    mix += [(f"typos/{i}", corrupt(t, rng)) for i, t in held[spun:]]
    return mix


def main() -> int:
    """Audit the mix, write one line per article, compare with an earlier run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--compare", type=Path)
    parser.add_argument("--clean", type=int, default=1500)
    parser.add_argument("--spun", type=int, default=700)
    parser.add_argument("--typos", type=int, default=700)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    mix = build_mix(args.clean, args.spun, args.typos, args.seed)
    options = CheckOptions()
    started = time.perf_counter()
    lines = []
    findings = 0
    for name, text in mix:
        result = audit_document(to_document(text.encode("utf-8"), None, f"{name}.txt"), options)
        settle_heap()
        findings += len(result["diagnostics"])  # type: ignore[arg-type]
        lines.append(json.dumps(result, ensure_ascii=False, sort_keys=True))
    elapsed = time.perf_counter() - started
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    digest = hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16]
    mb = sum(len(t.encode()) for _, t in mix) / 1e6
    print(f"{len(mix)} articles, {mb:.2f} MB, {findings} findings, {elapsed:.1f} s, sha {digest}")
    if args.compare is None:
        return 0
    old = args.compare.read_text(encoding="utf-8").splitlines()
    differing = [i for i, (a, b) in enumerate(zip(old, lines, strict=False)) if a != b]
    if len(old) != len(lines):
        print(f"different article counts: {len(old)} before, {len(lines)} now")
    for i in differing[:20]:
        before, now = json.loads(old[i]), json.loads(lines[i])
        print(f"-- {mix[i][0]}: spin {before['spin_score']} -> {now['spin_score']}")
        seen = {json.dumps(d, sort_keys=True) for d in before["diagnostics"]}
        kept = {json.dumps(d, sort_keys=True) for d in now["diagnostics"]}
        for d in seen - kept:
            print(f"   only before: {d[:300]}")
        for d in kept - seen:
            print(f"   only now:    {d[:300]}")
    print(f"{len(differing)} articles differ")
    return 1 if differing or len(old) != len(lines) else 0


if __name__ == "__main__":
    sys.exit(main())
