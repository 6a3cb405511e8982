"""Noise on real law: in-force rules and regulations reviewed as if each were a draft.

Every error/warning finding here is probably a false alarm (the text is in force and was
published by its issuer), so the figures measure how much a reviewer would have to wade through.
Each document is reviewed at its own level (from the manifest) and as of its own version date.

    python bench/bench_noise.py                       # every in-force 部门规章, 行政法规, 地方性法规
    python bench/bench_noise.py --stride 10           # every tenth document (a quick look)
    python bench/bench_noise.py --show 0              # figures only, no finding listed

Prints, per level and overall: documents, error/warning findings per document, info findings per
document, the rules that fire, and then every remaining error/warning finding so a reader can judge it.
"""
from __future__ import annotations

import argparse
import collections
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from commenting.corpus import open_corpus  # noqa: E402
from commenting.review import run_all  # noqa: E402
from commenting.structure import read_document  # noqa: E402

LEVELS = ("部门规章", "行政法规", "地方性法规")


def _entries(corpus_dir: Path, levels: tuple[str, ...]) -> list[dict]:
    manifest = json.loads((corpus_dir / "manifest.json").read_text(encoding="utf-8"))
    return [e for e in manifest if e.get("file") and e["status"] == "现行有效" and e["level"] in levels
            and e["articles"] > 0]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus-dir", type=Path, default=REPO.parent / "shared" / "corpus")
    ap.add_argument("--stride", type=int, default=1, help="review every N-th document only")
    ap.add_argument("--show", type=int, default=200, help="list at most this many error/warning findings")
    ap.add_argument("--level", action="append", help="levels to review (default: 部门规章 行政法规 地方性法规)")
    args = ap.parse_args()
    if not (args.corpus_dir / "manifest.json").exists():
        print(f"no manifest.json under {args.corpus_dir}")
        return 2
    corpus = open_corpus()
    entries = _entries(args.corpus_dir, tuple(args.level or LEVELS))[:: max(1, args.stride)]
    per_level: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0, 0])  # docs, e/w, info
    rules: collections.Counter = collections.Counter()
    info_rules: collections.Counter = collections.Counter()
    shown: list[str] = []
    errors: list[str] = []
    t0 = time.perf_counter()
    for e in entries:
        doc = read_document(args.corpus_dir / e["file"])
        doc.level = e["level"]
        result = run_all(doc, corpus, as_of=e["version_date"])
        errors.extend(f"{e['file']}: {err}" for err in result.errors)
        row = per_level[e["level"]]
        row[0] += 1
        for f in result.findings:
            if f.severity in ("error", "warning"):
                row[1] += 1
                rules[f.rule] += 1
                shown.append(f"{e['title']}（{e['version_date']}）第{f.article}条 [{f.severity}] {f.rule}："
                             f"「{f.quote[:60]}」 {f.message[:120]}")
            else:
                row[2] += 1
                info_rules[f.rule] += 1
    seconds = time.perf_counter() - t0
    total = [sum(r[i] for r in per_level.values()) for i in range(3)]
    print(f"reviewed {total[0]} in-force documents in {seconds:.1f} s")
    for level, (n, ew, info) in sorted(per_level.items()):
        print(f"  {level}: {n} documents, error/warning {ew} ({ew / n:.2f} per document), info {info} ({info / n:.2f})")
    if total[0]:
        print(f"  all: error/warning {total[1] / total[0]:.2f} per document, info {total[2] / total[0]:.2f} per document")
    print("rules firing (error/warning): " + ", ".join(f"{r} {n}" for r, n in rules.most_common()))
    print("rules firing (info): " + ", ".join(f"{r} {n}" for r, n in info_rules.most_common()))
    if errors:
        print(f"CHECK ERRORS ({len(errors)}):")
        for line in errors:
            print("  " + line)
    for line in shown[: args.show]:
        print("  " + line)
    if len(shown) > args.show:
        print(f"  … {len(shown) - args.show} more")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
