"""Speed of the Streamlit app. Prints figures; asserts nothing.

    python bench/bench_app.py [--corpus-db PATH] [--no-browser]

1. cold start to first page: ``streamlit run app.py`` started, until the register page is drawn in
   headless Chromium (target < 3 s), beside the same figure for a bare Streamlit script drawing one
   heading (Streamlit's own floor on this machine); twice: with the law library built, and on a first start with
   no library, which then builds in the background (configured sources: repo corpus/ plus
   ../shared/corpus) while the pages answer; the build's progress in the sidebar, a page switch
   during the build and the time until the library is ready are printed too. Without
   Chromium/playwright: until the server answers, plus the first AppTest run of the page.
2. adopting a suggestion: the library call the button triggers (store.adopt_finding), and the whole
   AppTest rerun after the click (target < 300 ms).
3. the review page for a 100-article draft (AppTest): first render (cold process) and later reruns.

The corpus DB is copied into a temporary data folder; by default the configured one
(``commenting.paths.corpus_db()``), built first if missing.
"""
from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
APP = REPO / "app.py"
CHROMIUM = Path("/usr/bin/chromium")
NUMS = "一二三四五六七八九十"

# sentences the reviewer has something to say about, spread over the synthetic draft
FLAWED = (
    "违法行为在三年内未被发现的，不再给予行政处罚。",
    "市场监督管理部门可以对当事人处以罚金。",
    "当事人要求听证的，应当在行政机关告知后十日内提出。",
    "执法人员不得少于一人。",
)


def cn(n: int) -> str:
    from commenting.numerals import to_chinese

    return to_chinese(n)


def synthetic_draft(articles: int = 100) -> bytes:
    lines = ["某市市场监督管理行政处罚实施办法（征求意见稿）", ""]
    for i in range(1, articles + 1):
        if (i - 1) % 20 == 0:
            lines.append(f"第{cn((i - 1) // 20 + 1)}章　第{cn((i - 1) // 20 + 1)}部分规定")
        body = f"市场监督管理部门应当依照本办法的规定，做好第{cn(i)}项工作，保障当事人的合法权益。"
        if i % 7 == 0:
            body += FLAWED[(i // 7) % len(FLAWED)]
        lines.append(f"第{cn(i)}条　{body}")
    return "\n".join(lines).encode("utf-8")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cold_start(env: dict, browser: bool, *, first_start: bool = False, app: Path = APP,
               what: str | None = None) -> None:
    """``first_start``: no corpus DB in the data folder; the library builds after the first page.
    ``app``: another script drawing the same heading (the bare-Streamlit floor)."""
    what = what or ("first start (no library)" if first_start else "cold start")
    port = free_port()
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(app), "--server.headless", "true", "--server.port",
         str(port), "--server.address", "127.0.0.1", "--server.fileWatcherType", "none"],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1):
                    break
            except OSError:
                if time.perf_counter() - t0 > 60:
                    raise SystemExit("server did not start within 60 s")
                time.sleep(0.05)
        up = time.perf_counter() - t0
        print(f"{what}: server answering after {up:.2f} s")
        if browser and CHROMIUM.exists():
            from playwright.sync_api import sync_playwright

            with sync_playwright() as p:
                b = p.chromium.launch(executable_path=str(CHROMIUM), args=[
                    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync"])
                launched = time.perf_counter()
                marks = {}
                for visit in ("first", "second"):
                    page = b.new_page()
                    t = time.perf_counter()
                    page.on("load", lambda _page, t=t, visit=visit: marks.setdefault(visit + "-load", time.perf_counter() - t))
                    page.goto(url)
                    page.get_by_role("heading", name="征求意见台账").wait_for(timeout=60_000)
                    marks[visit] = time.perf_counter() - t
                    if visit == "first":
                        drawn = time.perf_counter()
                    if visit == "first" and first_start:
                        library_figures(page, t0 + (launched - t0 - up))
                    page.close()
                b.close()
            print(f"{what}: first page drawn {drawn - t0 - (launched - t0 - up):.2f} s after `streamlit run` "
                  f"(server {up:.2f} s + browser {marks['first']:.2f} s, of which loading the app's JavaScript "
                  f"{marks.get('first-load', 0):.2f} s; Chromium's own launch, {launched - t0 - up:.2f} s, excluded)"
                  "  [target < 3 s]")
            print(f"{what}: second visit (server warm): drawn after {marks['second']:.2f} s "
                  f"(JavaScript {marks.get('second-load', 0):.2f} s)")
        else:
            print(f"{what}: Chromium/playwright not used; see the AppTest first-run figure below")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # and anything it forked
        except ProcessLookupError:
            pass


def library_figures(page, t0: float) -> None:
    """While the library builds: its progress in the sidebar, a page switch, and when it is ready.
    ``t0``: when `streamlit run` started (Chromium's launch taken out)."""
    building = page.get_by_text("法规库正在首次构建").first
    building.wait_for(timeout=10_000)
    progress = page.get_by_text("已处理").first
    progress.wait_for(timeout=120_000)
    print(f"first start: build progress shown in the sidebar: {progress.inner_text().strip()!r} "
          f"({time.perf_counter() - t0:.1f} s after `streamlit run`)")
    t = time.perf_counter()
    page.get_by_role("link", name="历史意见").click()
    page.get_by_role("heading", name="历史意见", exact=True).wait_for(timeout=60_000)
    print(f"first start: switching to 历史意见 during the build: drawn after {time.perf_counter() - t:.2f} s")
    page.get_by_role("link", name="征求意见台账").click()
    page.get_by_role("heading", name="征求意见台账").wait_for(timeout=60_000)
    building.wait_for(state="detached", timeout=600_000)
    print(f"first start: library built in the background, ready {time.perf_counter() - t0:.1f} s after "
          "`streamlit run` (the progress left the sidebar)")


def register(draft: bytes, name: str) -> tuple[int, int, float]:
    from commenting import paths
    from commenting.corpus import open_corpus
    from commenting.model import Consultation
    from commenting.review import review
    from commenting.store import Store
    from commenting.structure import read_document_bytes

    t0 = time.perf_counter()
    document = read_document_bytes(draft, name)
    result = review(document, open_corpus(paths.corpus_db()))
    if result.errors:
        raise SystemExit(f"review errors: {[e.to_json() for e in result.errors]}")
    findings = result.findings
    with Store(paths.store_db()) as store:
        c = store.add_consultation(Consultation(title=document.title, sender="某市司法局"))
        draft_id = store.add_draft(c.id, document, name, draft)
        store.save_findings(draft_id, findings)
    return c.id, draft_id, time.perf_counter() - t0


def app_figures() -> None:
    from streamlit.testing.v1 import AppTest

    from commenting import paths
    from commenting.store import Store

    at = AppTest.from_file(str(APP), default_timeout=300)
    t = time.perf_counter()
    at.run()
    print(f"AppTest: first run of the register page (cold process) {time.perf_counter() - t:.2f} s")

    cid, draft_id, took = register(synthetic_draft(100), "draft.txt")
    with Store(paths.store_db()) as store:
        n_findings = len(store.list_findings(draft_id))
        n_articles = store.list_drafts(cid)[0]["articles"]
    print(f"100-article draft: read + review + store {took:.2f} s ({n_articles} articles, {n_findings} findings)")

    flagged = None
    with Store(paths.store_db()) as store:
        findings = store.list_findings(draft_id)
        flagged = next((f.article for f in findings if f.article > 0), 1)
    at.query_params.update(c=str(cid), a=str(flagged))
    at.switch_page("commenting/ui/page_review.py")
    at.query_params.update(c=str(cid), a=str(flagged))
    t = time.perf_counter()
    at.run()
    first = time.perf_counter() - t
    runs = []
    for _ in range(5):
        t = time.perf_counter()
        at.run()
        runs.append(time.perf_counter() - t)
    assert not at.exception, [e.message for e in at.exception]
    print(f"review page, 100 articles: first render {first:.2f} s, rerun median {statistics.median(runs) * 1000:.0f} ms")

    # adopting: the library call alone, then the whole rerun the button causes
    with Store(paths.store_db()) as store:
        others = [x for x in store.list_findings(draft_id) if x.article not in (0, flagged)]
        for i, f in enumerate(others[:2]):  # the first call in a process loads the segmenter
            t = time.perf_counter()
            store.adopt_finding(draft_id, f, "bench")
            lib = time.perf_counter() - t
            print(f"adopt: store.adopt_finding ({'first in process' if i == 0 else 'next'}) {lib * 1000:.1f} ms")
    buttons = [b for b in at.button if b.label == "采纳建议"]
    if buttons:
        t = time.perf_counter()
        buttons[0].click().run()
        print(f"adopt: AppTest rerun after clicking 采纳建议 {(time.perf_counter() - t) * 1000:.0f} ms  [target < 300 ms]")
    at.switch_page("commenting/ui/page_letter.py")
    t = time.perf_counter()
    at.run()
    first = time.perf_counter() - t
    t = time.perf_counter()
    at.run()
    print(f"letter page (preview + both .docx built), 100 articles: first {first * 1000:.0f} ms, "
          f"rerun {(time.perf_counter() - t) * 1000:.0f} ms")
    at.switch_page("commenting/ui/page_review.py")
    at.run()
    edits = [ta for ta in at.text_area if ta.label == "修改建议"]
    if edits:
        t = time.perf_counter()
        edits[0].input("基准测试修改的表述").run()
        print(f"edit: AppTest rerun after editing 修改建议 {(time.perf_counter() - t) * 1000:.0f} ms")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus-db", type=Path, default=None, help="corpus DB to copy (default: the configured one)")
    ap.add_argument("--no-browser", action="store_true", help="skip the Chromium measurement")
    ap.add_argument("--no-first-start", action="store_true",
                    help="skip the first start without a library (it builds the whole library, ~1 min)")
    args = ap.parse_args()

    from commenting import paths
    from commenting.corpus.build import ensure_corpus

    source = args.corpus_db or paths.corpus_db()
    if not source.exists():
        t = time.perf_counter()
        ensure_corpus(db_path=source)
        print(f"corpus: built {source} in {time.perf_counter() - t:.1f} s (first start)")
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        shutil.copy(source, data / "corpus.db")
        os.environ["COMMENTING_DATA_DIR"] = str(data)
        for name in ("COMMENTING_CORPUS_DB", "COMMENTING_STORE_DB"):
            os.environ.pop(name, None)
        print(f"corpus: {source} ({source.stat().st_size / 1e6:.1f} MB)")
        if not args.no_browser:
            # Streamlit's own floor on this machine: a script that only draws the register page's heading
            bare = Path(tmp) / "bare.py"
            bare.write_text('import streamlit as st\nst.title("征求意见台账")\n', encoding="utf-8")
            cold_start(dict(os.environ), browser=True, app=bare, what="bare Streamlit (one heading)")
        cold_start(dict(os.environ), browser=not args.no_browser)
        if not args.no_first_start and not args.no_browser:
            fresh = Path(tmp) / "fresh"
            fresh.mkdir()
            cold_start({**os.environ, "COMMENTING_DATA_DIR": str(fresh)}, browser=True, first_start=True)
        app_figures()


if __name__ == "__main__":
    main()
