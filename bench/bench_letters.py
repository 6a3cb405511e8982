"""Export speed of the letters module: a 60-comment reply letter (target < 1 s) and the
annotated draft of a 60-article .docx with 60 comments / tracked changes.

    python bench/bench_letters.py [--comments 60] [--repeat 5]
"""
from __future__ import annotations

import argparse
import datetime as dt
import io
import statistics
import time

import docx

from commenting.letters import LetterInfo, reply_letter
from commenting.letters.annotated import annotate
from commenting.model import Article, Basis, Comment, Document, Paragraph
from commenting.numerals import article_label

SENTENCE = "违法行为轻微并及时改正，没有造成危害后果的，可以不予行政处罚；当事人有证据足以证明没有主观过错的，不予行政处罚。"


def build(n: int):
    arts, cs = [], []
    d = docx.Document()
    d.add_paragraph("某某市场监督管理办法（征求意见稿）")
    for no in range(1, n + 1):
        text = f"第{no}项事务应当依照本办法办理。" + SENTENCE
        d.add_paragraph(f"{article_label(no)}　{text}")
        d.add_paragraph("前款规定的期限为三十日，自受理之日起计算。")
        arts.append(Article(no=no, label=article_label(no), text=text, address=f"art-{no}", paragraphs=[
            Paragraph(1, text, f"art-{no}.p-1"), Paragraph(2, "前款规定的期限为三十日，自受理之日起计算。", f"art-{no}.p-2")]))
        cs.append(Comment(id=no, article=no, quote="可以不予行政处罚", original="可以不予行政处罚",
                          proposed="不予行政处罚", reason="行政处罚法第三十三条第一款为羁束性规定，" * 3,
                          basis=[Basis("中华人民共和国行政处罚法", 33, 1)], status="采纳"))
    buf = io.BytesIO()
    d.save(buf)
    return Document(title="某某市场监督管理办法（征求意见稿）", articles=arts), cs, buf.getvalue()


def timed(fn, repeat: int) -> tuple[float, float]:
    t0 = time.perf_counter()
    fn()
    first = time.perf_counter() - t0
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t0)
    return first, statistics.median(runs)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--comments", type=int, default=60)
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args()
    document, comments, original = build(a.comments)
    info = LetterInfo(title=document.title, recipient="某某市司法局", sender="某某市市场监督管理局",
                      date=dt.date(2026, 11, 9), contact="张三", phone="0734-0000000", overall="总体可行。")
    when = dt.datetime(2026, 11, 9, tzinfo=dt.timezone.utc)
    results = {
        "reply letter": timed(lambda: reply_letter(info, comments, document), a.repeat),
        "reply letter + table": timed(lambda: reply_letter(info, comments, document, table=True), a.repeat),
        "annotated draft (.docx original)": timed(
            lambda: annotate(document, comments, original_docx=original, date=when), a.repeat),
        "annotated draft (generated)": timed(lambda: annotate(document, comments, date=when), a.repeat),
    }
    size = len(reply_letter(info, comments, document))
    print(f"{a.comments} comments, {a.comments} articles; median of {a.repeat} runs after one cold run")
    for name, (first, median) in results.items():
        print(f"  {name:34s} cold {first * 1000:7.0f} ms   warm {median * 1000:7.0f} ms")
    print(f"  letter size {size / 1024:.0f} KiB; target: letter < 1000 ms")


if __name__ == "__main__":
    main()
