"""Speed of the 意见函 page for a long draft. Prints figures; asserts nothing.

    python bench/bench_letter_page.py [--articles 3000] [--comments 200]

A synthetic draft of ``--articles`` articles is stored with ``--comments`` adopted comments spread
over it, in a temporary data folder (small library: the Administrative Penalty Law only); then the
letter page is drawn by AppTest: the first draw in a fresh session (the reply letter and the
annotated draft are built), a rerun with nothing changed, a new session (the files are taken from
the export cache), and a rerun after one comment changed (both files built again).
Target: the page renders in < 2 s.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
APP = REPO / "app.py"
LETTER = "commenting/ui/page_letter.py"


def synthetic_draft(articles: int) -> str:
    from commenting.numerals import to_chinese

    lines = ["某市市场监督管理综合规定（征求意见稿）", ""]
    for i in range(1, articles + 1):
        if (i - 1) % 50 == 0:
            lines.append(f"第{to_chinese((i - 1) // 50 + 1)}章　第{to_chinese((i - 1) // 50 + 1)}部分规定")
        lines.append(f"第{to_chinese(i)}条　市场监督管理部门应当依照本规定做好第{to_chinese(i)}项工作，"
                     "当事人有违法所得的，除依法应当退赔的外，应当予以没收。")
    return "\n".join(lines) + "\n"


def setup(articles: int, comments: int) -> int:
    from commenting import paths
    from commenting.model import Comment, Consultation
    from commenting.store import Store
    from commenting.structure import read_document_bytes

    data = synthetic_draft(articles).encode("utf-8")
    t = time.perf_counter()
    document = read_document_bytes(data, "draft.txt")
    print(f"draft: {len(document.articles)} articles read in {time.perf_counter() - t:.2f} s")
    with Store(paths.store_db()) as store:
        store.save_profile("基准", name="衡阳市市场监督管理局", contact="李四", phone="0734-8888888",
                           province="湖南省", city="衡阳市", doc_number_pattern="衡市监函〔{year}〕{n}号")
        c, draft_id = store.register_draft(Consultation(title=document.title, sender="某市司法局"),
                                           document, "draft.txt", data, [])
        step = max(1, len(document.articles) // comments)
        with store.transaction():
            for k in range(comments):
                a = document.articles[(k * step) % len(document.articles)]
                store.add_comment(Comment(
                    draft_id=draft_id, article=a.no, sub=a.sub, address=a.address, kind="修改",
                    original="应当予以没收", proposed="应当依法予以没收", quote="应当予以没收",
                    reason="没收违法所得应当依法进行。", author="基准", status="采纳"))
    print(f"stored: {comments} adopted comments")
    return c.id


def timed(at, label: str, runs: list[float] | None = None) -> float:
    t = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - t
    assert not at.exception, [e.message for e in at.exception]
    print(f"{label}: {elapsed:.2f} s")
    if runs is not None:
        runs.append(elapsed)
    return elapsed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=3000)
    ap.add_argument("--comments", type=int, default=200)
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="bench-letter-"))
    try:
        data = tmp / "data"
        data.mkdir()
        empty = tmp / "no-sources"
        empty.mkdir()
        os.environ.update(COMMENTING_DATA_DIR=str(data), COMMENTING_CORPUS_PATH=str(empty))
        for name in ("COMMENTING_CORPUS_DB", "COMMENTING_STORE_DB"):
            os.environ.pop(name, None)
        from commenting.corpus.build import build

        build(data / "corpus.db", [], mcp=True, mcp_titles={"中华人民共和国行政处罚法"})
        cid = setup(args.articles, args.comments)

        from streamlit.testing.v1 import AppTest

        from commenting import paths
        from commenting.store import Store

        def session() -> AppTest:
            at = AppTest.from_file(str(APP), default_timeout=300)
            at.query_params["c"] = str(cid)
            at.run()  # the register page (the app's default page)
            at.switch_page(LETTER)
            at.query_params["c"] = str(cid)
            return at

        at = session()
        first = timed(at, "letter page, first draw (reply letter built)")
        reruns: list[float] = []
        for i in range(3):
            timed(at, f"letter page, rerun {i + 1} (nothing changed)", reruns)
        other = session()
        cached = timed(other, "letter page, a new session (files from the export cache)")
        with Store(paths.store_db()) as store:
            c = store.list_comments(consultation_id=cid)[0]
            store.update_comment(c.id, c.version, "基准", proposed="应当依法没收")
        changed = timed(at, "letter page, after one comment changed (reply letter rebuilt)")
        from commenting.letters import annotated_draft

        with Store(paths.store_db()) as store:
            draft_id = store.list_drafts(cid)[-1]["id"]
            document = store.get_draft(draft_id).document
            comments = store.list_comments(draft_id=draft_id)
        t = time.perf_counter()
        annotated_draft(document, comments, author="法规科")
        print(f"annotated draft built on download: {time.perf_counter() - t:.2f} s")
        print()
        print(f"letter page for {args.articles} articles / {args.comments} comments: first draw {first:.2f} s, "
              f"rerun median {statistics.median(reruns):.2f} s, new session {cached:.2f} s, "
              f"after an edit {changed:.2f} s  [target < 2 s]")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
