"""Parse speed and memory of ingest (and of the full structure parse when it exists).

Inputs are generated: a 100-article .docx whose 「第X条」 labels are Word automatic
numbering, and a 50-page PDF (running header, 「第 X 页 共 Y 页」 footer, paragraphs across
page breaks). Targets on the 2-core machine: .docx < 0.3 s, PDF < 0.1 s a page, < 300 MB.

    python bench/bench_parse.py [--articles 100] [--pages 50] [--repeat 3] [--big-pdf 500]
"""
from __future__ import annotations

import argparse
import gc
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "ingest"))

from ingest_builders import abstract, build_docx, layout_pdf, level, num, para  # noqa: E402

from commenting import ingest  # noqa: E402
from commenting.numerals import to_chinese  # noqa: E402

SENTENCE = "市场监督管理部门实施行政处罚，应当以事实为依据，与违法行为的事实、性质、情节以及社会危害程度相当"


def make_docx(n: int) -> bytes:
    body = [para("某某市市场监督管理行政处罚办法", style="Title"), para("（征求意见稿）")]
    for no in range(1, n + 1):
        if no % 10 == 1:
            body.append(para(f"第{to_chinese(no // 10 + 1)}章\u3000一般规定", style="Heading1"))
        body.append(para(SENTENCE * (1 + no % 3) + "。", num=90))
        if no % 4 == 0:
            body.append(para("前款规定的情形，" + SENTENCE + "。"))
    numbering = abstract(90, level(0, "chineseCounting", "第%1条", suff="space")) + num(90, 90)
    return build_docx("".join(body), numbering=numbering)


def make_pdf(pages: int) -> bytes:
    paras, no = ["某某市市场监督管理行政处罚办法"], 0
    probe = None
    while True:
        no += 1
        paras.append(f"第{to_chinese(no)}条\u3000" + SENTENCE * (1 + no % 4) + "。")
        if no % 8 == 0:
            probe = layout_pdf(paras, return_layout=True)[1]
            if len(probe) >= pages:
                break
    return layout_pdf(paras, header="某某市市场监督管理局文件（征求意见稿）",
                      footer=lambda n, t: f"第 {n} 页 共 {t} 页")


def measure(label: str, fn, repeat: int, per: int | None = None) -> None:
    """Wall and CPU time (CPU time is the fairer figure when other jobs share the 2 cores)."""
    times, cpu = [], []
    result = None
    for _ in range(repeat):
        gc.collect()
        start, start_cpu = time.perf_counter(), time.process_time()
        result = fn()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    gc.collect()
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    size = len(result) if isinstance(result, list) else len(getattr(result, "articles", []) or [])
    print(f"{label:<34} 最快 {min(times):7.3f} s  中位 {statistics.median(times):7.3f} s  "
          f"CPU {min(cpu):7.3f} s  Python 峰值 {peak / 2**20:6.1f} MB  进程 RSS 峰值 {rss:6.0f} MB  结果 {size}")
    if per is not None:
        print(f"{'':<34} 每页 {min(times) / per:.3f} s（CPU {min(cpu) / per:.3f} s）")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=100)
    ap.add_argument("--pages", type=int, default=50)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--big-pdf", type=int, default=0, help="also time a PDF of this many pages (e.g. 500)")
    args = ap.parse_args(argv)

    try:
        from commenting.structure import read_document
    except ImportError:
        read_document = None

    with tempfile.TemporaryDirectory() as tmp:
        docx_path = Path(tmp) / "draft.docx"
        docx_path.write_bytes(make_docx(args.articles))
        pdf_data = make_pdf(args.pages)
        pdf_path = Path(tmp) / "draft.pdf"
        pdf_path.write_bytes(pdf_data)
        import pdfplumber

        with pdfplumber.open(pdf_path) as pdf:
            n_pages = len(pdf.pages)
        print(f"输入：{args.articles} 条 .docx（自动编号）{docx_path.stat().st_size // 1024} KB；"
              f"{n_pages} 页 PDF {len(pdf_data) // 1024} KB")

        measure(f"ingest.read docx ({args.articles} 条)", lambda: ingest.read(docx_path), args.repeat)
        if read_document:
            measure("structure.read_document docx", lambda: read_document(docx_path), args.repeat)
        measure(f"ingest.read pdf ({n_pages} 页)", lambda: ingest.read(pdf_path), args.repeat, per=n_pages)
        if read_document:
            measure("structure.read_document pdf", lambda: read_document(pdf_path), args.repeat)
        if args.big_pdf:
            big = Path(tmp) / "big.pdf"
            big.write_bytes(make_pdf(args.big_pdf))
            with pdfplumber.open(big) as pdf:
                n_big = len(pdf.pages)
            measure(f"ingest.read pdf ({n_big} 页)", lambda: ingest.read(big), 1, per=n_big)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
