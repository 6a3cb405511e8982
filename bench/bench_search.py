"""Past-comment search at scale: generate N comments (default 100,000) into a temporary store,
then time a few hundred searches. Target: p95 < 50 ms at 100,000 comments.

    python bench/bench_search.py [--n 100000] [--queries 300] [--keep DB]

The text comes from a template vocabulary of the kind of comments a legal office writes
(期限、罚款幅度、听证、时效、强制措施 …), so segmentation and the index see realistic Chinese.
Prints generation/indexing time, DB size, and p50/p95/max for plain, two-character,
multi-word, filtered and odd queries.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from commenting.model import Article, Basis, Comment, Consultation, Document, Paragraph  # noqa: E402
from commenting.numerals import article_label  # noqa: E402
from commenting.search import search_comments  # noqa: E402
from commenting.store import Store  # noqa: E402

CITIES = ["东港", "西岭", "南湖", "北川", "青山", "白石", "临江", "安平", "永和", "长宁"]
SENDERS = ["市司法局", "市人民政府办公室", "市人大常委会法工委", "区人民政府", "市发展和改革委员会", "市商务局",
           "市卫生健康委员会", "县人民政府办公室", "市交通运输局", "市住房和城乡建设局"]
SUBJECTS = ["食品摊贩管理", "电动自行车管理", "物业服务管理", "农贸市场管理", "网络交易监督管理", "特种设备安全管理",
            "计量监督管理", "价格行为规范", "广告发布管理", "个体工商户登记", "药品零售监督", "消费者权益保护"]
KINDS = ["办法", "规定", "实施细则", "条例"]
LAWS = [
    ("中华人民共和国行政处罚法", 86), ("市场监督管理行政处罚程序规定", 85), ("中华人民共和国行政强制法", 71),
    ("中华人民共和国行政许可法", 83), ("中华人民共和国食品安全法", 154), ("中华人民共和国立法法", 120),
    ("优化营商环境条例", 72), ("中华人民共和国广告法", 74), ("中华人民共和国消费者权益保护法", 63),
]
ARTICLES = [
    "当事人要求听证的，应当在收到行政处罚告知书之日起{n}日内提出。",
    "违法行为在{n}年内未被发现的，不再给予行政处罚。",
    "对违反本{kind}第{m}条规定的，由市场监督管理部门责令改正，处{a}元以上{b}元以下罚款。",
    "市场监督管理部门可以对涉嫌违法的场所实施查封、扣押等行政强制措施。",
    "经营者应当于每月{n}日前向主管部门报送经营数据，逾期未报送的，暂停其经营资格。",
    "从事{subject}活动的，应当取得许可证，并在经营场所显著位置公示。",
    "行政机关应当自受理申请之日起{n}个工作日内作出决定。",
    "本{kind}所称经营者，是指在本市行政区域内从事{subject}活动的自然人、法人和非法人组织。",
    "有下列情形之一的，可以从轻或者减轻处罚：（一）主动消除或者减轻违法行为危害后果的；（二）受他人胁迫的。",
    "违反本{kind}规定，情节严重的，吊销营业执照，并处没收违法所得。",
    "市场监督管理部门应当建立信用档案，对失信主体实施联合惩戒。",
    "本{kind}自{year}年{month}月{day}日起施行。",
]
REASONS = [
    "与《{law}》第{art}条关于{topic}的规定不一致，建议修改。",
    "{topic}属于法律保留事项，规范性文件不得设定，缺乏上位法依据。",
    "增设{topic}义务，减损公民、法人和其他组织权利，违反《{law}》第{art}条。",
    "表述不够严谨，建议与《{law}》保持一致，明确{topic}的适用条件。",
    "罚款幅度超出上位法规定的范围，应当在《{law}》规定的种类和幅度内作出具体规定。",
    "追诉时效的规定与上位法不符，应为二年；涉及公民生命健康安全的为五年。",
    "听证期限短于上位法规定，可能影响当事人陈述、申辩权利的行使。",
    "{topic}的程序规定不完整，建议补充告知、陈述申辩和送达等环节。",
]
TOPICS = ["行政处罚", "行政强制", "行政许可", "听证程序", "追诉时效", "罚款幅度", "查封扣押", "信用惩戒",
          "经营资格", "信息报送", "从轻处罚", "没收违法所得", "吊销执照", "告知程序", "送达期限"]
PROPOSED = ["修改为“{n}日内”", "删除该项规定", "修改为“处{a}元以上{b}元以下罚款”", "增加“法律、法规另有规定的除外”",
            "修改为“依照有关法律、法规的规定实施”", "明确适用情形和裁量基准", "修改为“二年”"]
AUTHORS = ["张三", "李四", "王五", "赵六", "钱七", "孙八"]

QUERIES = ["听证", "时效", "罚款", "查封", "扣押", "行政处罚", "法律保留", "上位法依据", "信用惩戒", "营业执照",
           "陈述 申辩", "罚款 幅度", "许可证 公示", "追诉时效 二年", "经营数据", "没收违法所得", "工作日",
           "从轻 减轻", "行政强制措施", "送达", "物业服务", "电动自行车", "食品摊贩", "广告", "消费者",
           "《中华人民共和国行政处罚法》第三十六条", "NEAR(听证 时效)", "\"罚款\" OR 查封*", "(((", "不存在的词语组合"]


def fill(t: str, rnd: random.Random, **kw) -> str:
    law, top = rnd.choice(LAWS)
    vals = dict(n=rnd.choice([3, 5, 7, 10, 15, 20, 30]), m=rnd.randint(3, 40), a=rnd.choice([500, 1000, 2000, 5000]),
                b=rnd.choice([10000, 30000, 50000, 100000]), kind=rnd.choice(KINDS), subject=rnd.choice(SUBJECTS),
                year=rnd.randint(2019, 2026), month=rnd.randint(1, 12), day=rnd.randint(1, 28), law=law,
                art=rnd.randint(1, top), topic=rnd.choice(TOPICS))
    vals.update(kw)
    return t.format(**vals)


def generate(store: Store, n: int, per_consultation: int = 20, articles: int = 25, seed: int = 7) -> None:
    rnd = random.Random(seed)
    made = 0
    while made < n:
        subject, kind = rnd.choice(SUBJECTS), rnd.choice(KINDS)
        title = f"{rnd.choice(CITIES)}市{subject}{kind}（征求意见稿）"
        year = rnd.randint(2019, 2026)
        with store.transaction():
            c = store.add_consultation(Consultation(
                title=title, sender=rnd.choice(SENDERS), doc_number=f"〔{year}〕{rnd.randint(1, 300)}号",
                received=f"{year}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}", status="已反馈"))
            arts = []
            for no in range(1, articles + 1):
                text = fill(rnd.choice(ARTICLES), rnd, kind=kind, subject=subject)
                arts.append(Article(no=no, label=article_label(no), text=text, address=f"art-{no}",
                                    paragraphs=[Paragraph(no=1, text=text, address=f"art-{no}.p-1")]))
            draft = store.add_draft(c.id, Document(title=title, articles=arts), "draft.docx", None)
            for _ in range(min(per_consultation, n - made)):
                art = rnd.choice(arts)
                law, top = rnd.choice(LAWS)
                quote = art.text[: rnd.randint(6, min(30, len(art.text)))]
                store.add_comment(Comment(
                    draft_id=draft, article=art.no, quote=quote, original=quote,
                    kind=rnd.choice(["修改", "修改", "修改", "删除", "增加"]),
                    proposed=fill(rnd.choice(PROPOSED), rnd), reason=fill(rnd.choice(REASONS), rnd, law=law),
                    basis=[Basis(law, rnd.randint(1, top))], author=rnd.choice(AUTHORS),
                    status=rnd.choice(["采纳", "采纳", "草拟", "撤回"])))
                made += 1
        if made % 10000 < per_consultation:
            print(f"  … {made} 条", file=sys.stderr, flush=True)


def timed(store: Store, runs: list[tuple[str, dict]]) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds per search (CPU too: the machine may be shared)."""
    wall, cpu = [], []
    for q, kw in runs:
        t, c = time.perf_counter(), time.process_time()
        search_comments(store, q, **kw)
        wall.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    return wall, cpu


def _p95(ms: list[float]) -> float:
    ms = sorted(ms)
    return ms[min(len(ms) - 1, int(round(0.95 * len(ms))) - 1)]


def report(name: str, wall: list[float], cpu: list[float]) -> None:
    print(f"{name:<12} n={len(wall):<4} wall p50={statistics.median(wall):6.1f} p95={_p95(wall):6.1f}"
          f" max={max(wall):6.1f} ms | cpu p50={statistics.median(cpu):6.1f} p95={_p95(cpu):6.1f} ms")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--keep", default=None, help="use/keep this DB file instead of a temporary one")
    args = ap.parse_args()

    tmp = tempfile.TemporaryDirectory()
    path = Path(args.keep) if args.keep else Path(tmp.name) / "bench.db"
    store = Store(path)
    have = store.counts()["comments"]
    if have < args.n:
        search_comments(store, "预热")  # load the segmenter outside the timing
        t, c = time.perf_counter(), time.process_time()
        generate(store, args.n - have)
        dt, dc = time.perf_counter() - t, time.process_time() - c
        print(f"generated + indexed {args.n - have} comments in {dt:.1f} s wall, {dc:.1f} s CPU"
              f" ({(args.n - have) / dt:.0f}/s wall, {1000 * dc / (args.n - have):.2f} ms CPU each)")
    size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*")) / 1e6
    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
    print(f"store: {store.counts()['comments']} comments, {size:.0f} MB")

    rnd = random.Random(1)
    search_comments(store, "听证")  # warm
    plain = [(rnd.choice(QUERIES), {}) for _ in range(args.queries)]
    short = [(rnd.choice(["听证", "时效", "罚款", "查封", "许可", "送达"]), {}) for _ in range(args.queries // 3)]
    filtered = [(rnd.choice(QUERIES), rnd.choice([
        {"sender": rnd.choice(SENDERS)}, {"law": "行政处罚法"}, {"law": "行政处罚法", "article": rnd.randint(1, 86)},
        {"date_from": "2024-01-01", "date_to": "2030-12-31"}, {"sender": "司法局", "law": "强制法"}]))
        for _ in range(args.queries // 2)]
    only_filters = [("", {"law": rnd.choice(LAWS)[0], "article": rnd.randint(1, 60)}) for _ in range(args.queries // 6)]
    all_wall, all_cpu = [], []
    for name, runs in (("plain", plain), ("2-char", short), ("filtered", filtered), ("filters-only", only_filters)):
        wall, cpu = timed(store, runs)
        all_wall += wall
        all_cpu += cpu
        report(name, wall, cpu)
    report("all", all_wall, all_cpu)
    store.close()
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
