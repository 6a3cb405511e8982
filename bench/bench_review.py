"""Review speed: a generated 100-article draft reviewed against the built corpus (warm).

Prints the total review time (target < 1 s), the share spent in retrieval (corpus.related) and
the time per check. The draft is generated from typical market-supervision provisions (restated
procedure rules, liability clauses, citations, internal references), so every rule has work.

    python bench/bench_review.py [--articles 100] [--runs 3]
"""
from __future__ import annotations

import argparse
import statistics
import time

from commenting.model import Article, Document, Paragraph
from commenting.numerals import article_label, to_chinese

TEMPLATES = [
    "为了规范市场监督管理行政处罚行为，根据《中华人民共和国行政处罚法》《市场监督管理行政处罚程序规定》等法律、规章，结合本市实际，制定本办法。",
    "违法行为在二年内未被发现的，不再给予行政处罚；涉及公民生命健康安全、金融安全且有危害后果的，上述期限延长至五年。",
    "当事人有下列情形之一，应当从轻或者减轻行政处罚：\n（一）主动消除或者减轻违法行为危害后果的；\n（二）受他人胁迫或者诱骗实施违法行为的。",
    "违法事实确凿并有法定依据，对公民处以二百元以下、对法人或者其他组织处以三千元以下罚款或者警告的行政处罚的，可以当场作出行政处罚决定。",
    "当事人要求听证的，应当在市场监督管理部门告知后五日内提出。",
    "行政处罚应当由具有行政执法资格的执法人员实施。执法人员不得少于两人，法律另有规定的除外。",
    "经营者违反本办法第{n}条规定的，由市场监督管理部门责令改正，处一千元以上一万元以下罚款。",
    "依照《中华人民共和国行政处罚法》第二十七条从轻或者减轻行政处罚的，应当在行政处罚决定书中载明理由。",
    "县级以上工商行政管理部门应当建立健全执法监督制度，定期开展案卷评查。",
    "行政处罚决定书应当在宣告后当场交付当事人；当事人不在场的，应当在七日内依照《中华人民共和国民事诉讼法》的有关规定送达当事人。",
    "有下列情形之一，在市场监督管理部门负责人作出行政处罚决定之前，应当由从事行政处罚决定法制审核的人员进行法制审核。",
    "依照《工商行政管理行政处罚信息公示暂行规定》公示行政处罚信息。",
    "对符合本办法第{m}条第（三）项规定情形的，应当依法从轻处罚。",
    "当事人应当自收到行政处罚决定书之日起十五日内，到指定的银行或者通过电子支付系统缴纳罚款。",
]


def make_draft(n: int) -> Document:
    arts = []
    for i in range(1, n + 1):
        text = TEMPLATES[(i - 1) % len(TEMPLATES)].format(n=to_chinese(max(1, i - 2)), m=to_chinese(max(1, i - 5)))
        paras = text.split("\n")
        merged: list[str] = []
        for p in paras:  # 项 lines stay in their 款
            if p.startswith("（") and merged:
                merged[-1] += "\n" + p
            else:
                merged.append(p)
        a = Article(no=i, label=article_label(i), text="\n".join(merged), address=f"art-{i}")
        a.paragraphs = [Paragraph(no=k, text=t, address=f"art-{i}.p-{k}") for k, t in enumerate(merged, 1)]
        arts.append(a)
    arts[-1].text = arts[-1].paragraphs[0].text = "本办法自印发之日起施行，有效期五年。"
    return Document(title="某市市场监督管理行政处罚实施办法（征求意见稿）", level="规范性文件", articles=arts)


class TimedCorpus:
    """Wraps the corpus and times related() (retrieval)."""

    def __init__(self, corpus):
        self._c = corpus
        self.related_s = 0.0
        self.related_calls = 0

    def related(self, *args, **kw):
        t0 = time.perf_counter()
        try:
            return self._c.related(*args, **kw)
        finally:
            self.related_s += time.perf_counter() - t0
            self.related_calls += 1

    def __getattr__(self, name):
        return getattr(self._c, name)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=100)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()

    from commenting.corpus import open_corpus
    from commenting.review import run_all

    t0 = time.perf_counter()
    corpus = open_corpus()
    print(f"corpus open: {time.perf_counter() - t0:.2f} s")
    doc = make_draft(args.articles)
    run_all(make_draft(5), corpus)  # warm: imports, data files, corpus caches

    totals, shares, last_timings, n_findings = [], [], {}, 0
    for _ in range(args.runs):
        timed = TimedCorpus(corpus)
        timings: dict[str, float] = {}
        t0 = time.perf_counter()
        result = run_all(doc, timed, timings=timings)
        if result.errors:
            raise SystemExit(f"review errors: {[e.to_json() for e in result.errors]}")
        findings = result.findings
        total = time.perf_counter() - t0
        totals.append(total)
        shares.append(timed.related_s / total if total else 0.0)
        last_timings, n_findings = timings, len(findings)
        calls = timed.related_calls
    print(f"draft: {args.articles} articles, {n_findings} findings")
    print(f"review time (warm): median {statistics.median(totals):.3f} s, min {min(totals):.3f} s "
          f"over {args.runs} runs  (target < 1 s)")
    print(f"retrieval (corpus.related): {statistics.median(shares) * 100:.1f} % of review time, {calls} calls")
    for name, s in sorted(last_timings.items(), key=lambda kv: -kv[1]):
        print(f"  {name:60s} {s * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
