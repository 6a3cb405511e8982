"""Old → new article maps between two versions of one law, by aligning their texts.

Similarity of two articles: character-bigram Dice, refined by diff-match-patch (share of
characters kept) for the best candidates. Alignment is greedy on the best pairs first (one old
article → one new one), then an old article that was split also maps to the new articles it
contains most of (2017 第四十二条 → 2021 第六十三条、第六十四条). Maps are stored, after a human
looked at the low-confidence pairs, in ``corpus/renumbering/*.csv`` (old,new,similarity,checked,source).
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from diff_match_patch import diff_match_patch

from commenting.corpus import facts
from commenting.corpus.model import LawArticle, LawVersion
from commenting.errors import CorpusError
from commenting.textsim import cjk_bigrams, dice

LOW_CONFIDENCE = 0.7
FIELDS = ["law", "old_date", "new_date", "old", "new", "similarity", "checked", "source"]


@dataclass
class Pair:
    old: int
    new: int | None  # None: the old article has no successor
    similarity: float
    checked: bool = False


def _dmp_similarity(dmp: diff_match_patch, a: str, b: str) -> float:
    diffs = dmp.diff_main(a, b, False)
    same = sum(len(t) for op, t in diffs if op == 0)
    return 2 * same / (len(a) + len(b)) if a or b else 1.0


def align(old: list[LawArticle], new: list[LawArticle], *, threshold: float = 0.3) -> list[Pair]:
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0.2
    ob = {a.no: cjk_bigrams(a.text) for a in old if not a.sub}
    nb = {a.no: cjk_bigrams(a.text) for a in new if not a.sub}
    otext = {a.no: a.text for a in old if not a.sub}
    ntext = {a.no: a.text for a in new if not a.sub}
    scores: dict[tuple[int, int], float] = {}
    for o, obg in ob.items():
        cands = sorted(((dice(obg, nbg), n) for n, nbg in nb.items()), reverse=True)[:4]
        for d, n in cands:
            if d <= 0:
                continue
            # bigram Dice finds candidates; the share of characters dmp keeps in order refines them
            scores[(o, n)] = 0.5 * d + 0.5 * _dmp_similarity(dmp, otext[o], ntext[n])
    pairs: list[Pair] = []
    used_o: set[int] = set()
    used_n: set[int] = set()
    for (o, n), s in sorted(scores.items(), key=lambda kv: -kv[1]):
        if s < threshold or o in used_o or n in used_n:
            continue
        used_o.add(o)
        used_n.add(n)
        pairs.append(Pair(o, n, round(s, 3)))
    # merged articles: a weakly matched old article mostly contained in one new article
    by_old = {p.old: p for p in pairs}
    for o, obg in ob.items():
        cur = by_old.get(o)
        if cur and cur.similarity >= 0.45 or not obg:
            continue
        c, n = max((len(obg & nbg) / len(obg), n) for n, nbg in nb.items())
        if c >= 0.6 and c * 0.9 > (cur.similarity if cur else 0.0):
            if cur:
                used_n.discard(cur.new)
                pairs.remove(cur)
            pairs.append(Pair(o, n, round(c * 0.9, 3)))
            used_n.add(n)
    # split articles: a new article left over that is mostly contained in one old article, or
    # fairly contained in the old article its neighbour comes from (2017 第四十二条 → 第六十三、六十四条)
    source_of = {p.new: p.old for p in pairs}
    for n in sorted(set(nb) - used_n):
        if not nb[n]:
            continue
        contain = {o: len(nb[n] & obg) / len(nb[n]) for o, obg in ob.items()}
        bo = max(contain, key=contain.get)
        neighbours = {source_of.get(n - 1), source_of.get(n + 1)} - {None}
        near = max(neighbours, key=lambda o: contain[o]) if neighbours else None
        if contain[bo] >= 0.6:
            pairs.append(Pair(bo, n, round(contain[bo] * 0.9, 3)))
        elif near is not None and contain[near] >= 0.4:
            pairs.append(Pair(near, n, round(contain[near] * 0.9, 3)))
    for o in sorted(set(ob) - {p.old for p in pairs}):
        pairs.append(Pair(o, None, 0.0))
    pairs.sort(key=lambda p: (p.old, p.new or 0))
    return pairs


def map_path(law: LawVersion, old_date: str, new_date: str) -> Path:
    return facts.facts_dir() / "renumbering" / f"{law.short_title}_{old_date}_{new_date}.csv"


def write_map(path: Path, law_title: str, old: LawVersion, new: LawVersion, pairs: list[Pair]) -> None:
    """Write a map; rows already in the file keep their ``checked`` mark when unchanged."""
    previous = {}
    if path.exists():
        for r in facts.renumbering_rows(path):
            previous[(r.get("old"), r.get("new"))] = r.get("checked", "")
    source = (
        f"由 commenting.corpus.renumber 对齐 {old.version_date} 版（{old.source}）与 {new.version_date} 版"
        f"（{new.source}）条文得出"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=FIELDS)
        w.writeheader()
        for p in pairs:
            key = (str(p.old), "" if p.new is None else str(p.new))
            w.writerow(
                {
                    "law": law_title, "old_date": old.version_date, "new_date": new.version_date,
                    "old": p.old, "new": "" if p.new is None else p.new, "similarity": f"{p.similarity:.3f}",
                    "checked": previous.get(key, "否"), "source": source,
                }
            )


def renumber(corpus, law: str, old_date: str, new_date: str) -> tuple[LawVersion, LawVersion, list[Pair]]:
    versions = corpus.versions(law)
    if not versions:
        raise CorpusError(f"法规库中没有《{law}》")
    by_date = {v.version_date: v for v in versions}
    old, new = by_date.get(old_date), by_date.get(new_date)
    if not old or not new:
        have = "、".join(v.version_date or "日期不详" for v in versions)
        raise CorpusError(f"《{versions[-1].title}》没有 {old_date if not old else new_date} 版本（现有：{have}）")
    return old, new, align(corpus.articles(old), corpus.articles(new))
