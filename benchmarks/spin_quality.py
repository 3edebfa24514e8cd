"""Measure spin detection on held-out news: synthetic spun articles against the clean originals.

Usage:
    python benchmarks/spin_quality.py [--offset 32000] [--limit 3440] [--jobs 2] [--seed 2024]
        [--rate 0.7] [--min-density 1.0] [--corpus ../shared/corpus/baomoi-vn_news.jsonl.gz]

The clean set is the held-out slice of the corpus (line index >= 32000: neither the lexicon nor
the spin calibration ever read it). The spun set is the same articles rewritten by SPINNER below,
a word-level substitution list written for this benchmark apart from the rule packs: it models
what Vietnamese spin tools do (swap a word for a bad synonym, pad it into a longer phrase, write a
capitalized English word) over everyday news vocabulary, and about a third of its substitutions
produce nothing the phrase table lists, so the dictionary-free signals are put to the test too.
Each occurrence of a listed word is replaced with probability --rate (fixed seed); a spun article
counts as a positive when the spinner changed at least --min-density words per 100 syllables
(an article without the listed words cannot be spun by this list, and is left out).

Reported: ROC AUC of the spin score (and of the score without the phrase table), recall at the
calibrated threshold (verdict `spun`) and of `suspect` or worse, the clean articles' spun and
suspect rates, and phrase hits per 1,000 words in clean news. Nothing from the corpus is written.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from corpus_findings import DEFAULT_CORPUS, read_articles

# source word -> what a spinner writes instead (one is picked at random). Written from the way
# spin tools rewrite text, not copied from rules/_data/spin-phrases.toml.
SPINNER: dict[str, tuple[str, ...]] = {
    # padding: the word plus a filler
    "công tác": ("công tác làm việc",),
    "hoàn thành": ("hoàn thành xong",),
    "khó khăn": ("khó khăn vất vả",),
    "sức khỏe": ("sức khỏe thể chất",),
    "đơn vị": ("đơn vị chức năng",),
    "báo chí": ("báo chí truyền thông",),
    "kinh nghiệm": ("kinh nghiệm tay nghề",),
    "hệ thống": ("mạng lưới hệ thống",),
    "xây dựng": ("kiến thiết xây dựng", "thiết kế xây dựng"),
    "nghiên cứu": ("điều tra và nghiên cứu", "nghiên cứu và điều tra"),
    "sáng tạo": ("phát minh sáng tạo",),
    "ảnh hưởng": ("tác động ảnh hưởng",),
    "chuẩn bị": ("chuẩn bị sẵn sàng",),
    "đặc biệt": ("đặc biệt quan trọng",),
    "có thể": ("hoàn toàn có thể",),
    "hoạt động": ("hoạt động giải trí",),
    "phát triển": ("tăng trưởng và phát triển",),
    "gia đình": ("mái ấm gia đình",),
    "điện thoại": ("điện thoại cảm ứng",),
    "điều chỉnh": ("kiểm soát và điều chỉnh",),
    "giải quyết": ("xử lý và giải quyết",),
    "di chuyển": ("vận động và di chuyển",),
    "kinh doanh": ("kinh doanh thương mại",),
    "đa dạng": ("phong phú đa dạng",),
    "thông tin": ("thông tin tài khoản",),
    "tiền": ("tiền bạc",),
    "trận đấu": ("trận đấu thể thao",),
    "sản phẩm": ("mẫu sản phẩm",),
    # swaps: a bad synonym
    "xuất hiện": ("Open",),
    "cập nhật": ("Update",),
    "phục vụ": ("ship hàng",),
    "hiệu quả": ("hiệu suất cao",),
    "kết quả": ("hiệu quả",),
    "đánh giá": ("nhìn nhận",),
    "quản lý": ("quản trị",),
    "lãnh đạo": ("chỉ huy",),
    "quy định": ("lao lý",),
    "toàn quốc": ("toàn nước",),
    "mô hình": ("quy mô",),
    "đáp ứng": ("cung ứng",),
    "yêu cầu": ("nhu yếu",),
    "toàn diện": ("tổng lực",),
    "bộ máy": ("cỗ máy",),
    "tiếp tục": ("liên tục",),
    "thực hiện": ("triển khai", "thực thi"),
    "triển khai": ("tiến hành",),
    "nhiệm vụ": ("trách nhiệm",),
    "một số": ("1 số ít", "một số ít"),
    "giới thiệu": ("ra mắt",),
    "ban hành": ("phát hành",),
    "lợi ích": ("quyền lợi",),
    "vấn đề": ("yếu tố",),
    "cụ thể": ("đơn cử",),
    "chính sách": ("chủ trương",),
    "đối với": ("so với",),
    "chức năng": ("tính năng",),
    "bối cảnh": ("toàn cảnh",),
    "đầu tiên": ("tiên phong",),
    "bảo đảm": ("bảo vệ",),
    "đảm bảo": ("bảo vệ",),
    "ý kiến": ("quan điểm",),
    "liên quan": ("tương quan",),
    "thông qua": ("trải qua",),
    "ổn định": ("không thay đổi",),
    "hỗ trợ": ("tương hỗ",),
    "hiện đại": ("tân tiến",),
    "nâng cấp": ("tăng cấp",),
    "nhanh chóng": ("nhanh gọn",),
    "nguy hiểm": ("nguy hại",),
    "độc đáo": ("độc lạ",),
    "trẻ em": ("trẻ nhỏ",),
    "chia sẻ": ("san sẻ",),
    "khách hàng": ("người mua hàng",),
    "tổ chức": ("tổ chức triển khai",),
    "đồng chí": ("chiến sỹ",),
    "Chủ tịch": ("quản trị",),
    "Chính phủ": ("nhà nước",),
    "trung tâm": ("TT",),
    "chăm sóc": ("chăm nom",),
    "làm việc": ("thao tác",),
    "đóng góp": ("góp phần",),
    "biểu hiện": ("bộc lộ",),
    "đẩy mạnh": ("tăng nhanh",),
    "tiến độ": ("tiến trình",),
    "các": ("những",),
}

_SOURCES = "|".join(re.escape(k) for k in sorted(SPINNER, key=len, reverse=True))
_SOURCE_RE = re.compile(rf"(?<!\w)({_SOURCES})(?!\w)")


def spin_text(text: str, rng: random.Random, rate: float) -> tuple[str, int]:
    """Rewrite the text in one pass (no substitution is rewritten again); count the changes."""
    changes = 0

    def swap(m: re.Match[str]) -> str:
        nonlocal changes
        if rng.random() >= rate:
            return m.group()
        changes += 1
        new = rng.choice(SPINNER[m.group()])
        # A sentence-initial word keeps its capital ("Công tác" -> "Công tác làm việc").
        if m.group()[0].isupper() and new[0].islower():
            new = new[0].upper() + new[1:]
        return new

    return _SOURCE_RE.sub(swap, text), changes


@dataclass(frozen=True)
class Scored:
    """One article's assessment, with and without the phrase table."""

    score: float
    verdict: str
    free_score: float  # the score from the dictionary-free signals alone
    syllables: int
    tier1: int  # phrase matches flagged on their own (VN201, VN203)
    matches: int  # every phrase-table match, tier 1 and 2
    changes: int  # substitutions the spinner made (0 for a clean article)


def _score(args: tuple[str, int]) -> Scored:
    from vnlint.document import Document
    from vnlint.spin import combine, find_phrases, measure, phrase_table

    text, changes = args
    table = phrase_table()
    doc = Document.from_text(text, "article.txt")
    matches = find_phrases(doc, table)
    signals = measure(doc)
    full = combine(matches, signals, table, doc.text)
    free = combine((), signals, table, doc.text)
    return Scored(
        full.score,
        full.verdict,
        free.score,
        signals.syllables,
        sum(m.phrase.tier == 1 for m in matches),
        len(matches),
        changes,
    )


def auc(positives: Sequence[float], negatives: Sequence[float]) -> float:
    """Return the ROC AUC (Mann-Whitney U over all pairs, ties counted half)."""
    ranked = sorted([(s, 1) for s in positives] + [(s, 0) for s in negatives])
    rank_sum = 0.0
    i = 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        mid = (i + j + 1) / 2  # average 1-based rank of the tie group
        rank_sum += mid * sum(label for _, label in ranked[i:j])
        i = j
    n_pos, n_neg = len(positives), len(negatives)
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def main() -> int:
    """Build the synthetic set, score both sets and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--offset", type=int, default=32000)
    parser.add_argument("--limit", type=int, default=3440)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--rate", type=float, default=0.7)
    parser.add_argument("--min-density", type=float, default=1.0)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    if args.offset < 32000:
        print("warning: articles before line 32000 are in-sample (lexicon, calibration)")
    started = time.perf_counter()
    articles = read_articles(args.corpus, args.offset, args.limit)
    rng = random.Random(args.seed)
    spun = [spin_text(text, rng, args.rate) for _, text in articles]
    jobs = [(text, 0) for _, text in articles] + spun
    with ProcessPoolExecutor(args.jobs) as pool:
        scored = list(pool.map(_score, jobs, chunksize=32))
    clean, dirty = scored[: len(articles)], scored[len(articles) :]
    positives = [s for s in dirty if 100 * s.changes / max(s.syllables, 1) >= args.min_density]
    words = sum(s.syllables for s in clean)
    table_outputs = _table_coverage()
    figures = {
        "clean_articles": len(clean),
        "clean_words": words,
        "spun_articles": len(positives),
        "spun_left_out_below_density": len(dirty) - len(positives),
        "substitutions_per_100_syllables": round(
            100 * sum(s.changes for s in positives) / max(sum(s.syllables for s in positives), 1), 2
        ),
        "spinner_outputs_in_phrase_table": table_outputs,
        "auc": round(auc([s.score for s in positives], [s.score for s in clean]), 4),
        "auc_without_phrase_table": round(
            auc([s.free_score for s in positives], [s.free_score for s in clean]), 4
        ),
        "recall_spun": round(sum(s.verdict == "spun" for s in positives) / len(positives), 4),
        "recall_suspect_or_spun": round(
            sum(s.verdict != "clean" for s in positives) / len(positives), 4
        ),
        "clean_spun_rate": round(sum(s.verdict == "spun" for s in clean) / len(clean), 5),
        "clean_suspect_rate": round(sum(s.verdict == "suspect" for s in clean) / len(clean), 5),
        "clean_tier1_hits_per_1000_words": round(1000 * sum(s.tier1 for s in clean) / words, 4),
        "clean_phrase_matches_per_1000_words": round(
            1000 * sum(s.matches for s in clean) / words, 4
        ),
        "spun_phrase_matches_per_1000_words": round(
            1000 * sum(s.matches for s in positives) / sum(s.syllables for s in positives), 2
        ),
        "seconds": round(time.perf_counter() - started, 1),
    }
    if args.json:
        json.dump(figures, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for key, value in figures.items():
        print(f"{key:40} {value}")
    verdicts = Counter(s.verdict for s in positives)
    print(f"{'spun set verdicts':40} {dict(verdicts)}")
    print("by substitutions per 100 syllables:")
    clean_scores = [s.score for s in clean]
    for low, high in ((0, 1), (1, 2), (2, 3), (3, 5), (5, 100)):
        band = [s for s in dirty if low <= 100 * s.changes / max(s.syllables, 1) < high]
        if band:
            spun_share = sum(s.verdict == "spun" for s in band) / len(band)
            print(
                f"  {low}-{high}: {len(band):5d} articles, "
                f"AUC {auc([s.score for s in band], clean_scores):.4f}, recall {spun_share:.3f}"
            )
    return 0


def _table_coverage() -> str:
    """Say how many of the spinner's outputs the phrase table lists as such (no context)."""
    from vnlint.document import Document
    from vnlint.spin import find_phrases

    outputs = {o for spun in SPINNER.values() for o in spun}
    listed = sum(bool(find_phrases(Document.from_text(f"x {o} x"))) for o in outputs)
    return f"{listed}/{len(outputs)}"


if __name__ == "__main__":
    raise SystemExit(main())
