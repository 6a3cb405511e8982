"""The law prior used by ``Corpus.related``: how often the corpus itself cites each law.

weight = 0.8 × log(1 + number of corpus documents citing the law) / log(1 + the largest such number),
so laws that many rules build on rank ahead of rarely cited ones when the text alone does not
decide. The core enforcement laws (``CORE``, column ``core``) weigh ``CORE_WEIGHT`` and every one
of their articles is a candidate of ``Corpus.related``.
Written to ``corpus/law_prior.csv`` by ``python -m commenting corpus prior --write``.
"""
from __future__ import annotations

import csv
import math
from collections import Counter
from pathlib import Path

from commenting.corpus import facts

CORE_WEIGHT = 1.0
CORE_SOURCE = "核心行政执法依据（issue #3 列明：行政处罚法、程序规定、听证办法、行政许可法、行政强制法）"
CORE = (
    "中华人民共和国行政处罚法",
    "市场监督管理行政处罚程序规定",
    "市场监督管理行政处罚听证办法",
    "中华人民共和国行政许可法",
    "中华人民共和国行政强制法",
)


def compute(corpus) -> list[dict[str, str]]:
    from commenting.citations import find_citations

    citing: dict[str, set[str]] = {}
    for v in corpus.laws():
        if not v.in_force:
            continue
        for a in corpus.articles(v):
            for c in find_citations(a.text):
                if not c.law:
                    continue
                target = corpus.law(c.law)
                if target and target.work != v.work:
                    citing.setdefault(target.work, set()).add(v.work)
    counts = Counter({w: len(s) for w, s in citing.items()})
    top = max(counts.values(), default=1)
    rows = []
    for work, n in counts.most_common():
        title = corpus.law(work).title
        w = 0.8 * math.log1p(n) / math.log1p(top)
        src = f"法规库内 {n} 件现行文件引用（{corpus.path.name} 统计）"
        core = title in CORE
        if core:
            w, src = CORE_WEIGHT, src + "；" + CORE_SOURCE
        rows.append({"law": title, "weight": f"{w:.3f}", "core": "是" if core else "", "citing_documents": str(n), "source": src})
    for title in CORE:
        if title not in {r["law"] for r in rows}:
            rows.append({"law": title, "weight": f"{CORE_WEIGHT:.3f}", "core": "是", "citing_documents": "0", "source": CORE_SOURCE})
    return rows


def write(rows: list[dict[str, str]], path: Path | None = None) -> Path:
    path = path or facts.facts_dir() / "law_prior.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["law", "weight", "core", "citing_documents", "source"])
        w.writeheader()
        w.writerows(rows)
    return path
