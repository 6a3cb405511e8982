"""How long a comment edit waits while `store reindex` runs in another process.

    python bench/bench_store_lock.py [--n 3000] [--keep DB]

Generates N comments into a temporary store, then runs ``python -m commenting store reindex`` in a
child process three times — in batches with pauses (as shipped), in batches back to back, and as one
transaction (``BATCH_SECONDS`` raised so the first batch takes everything, which is how reindex
worked before) — while this process edits a comment every 20 ms. Prints the reindex time and the edits' wait (p50 / p95 / max). Target: an
edit during reindex waits < 1 s.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from commenting.errors import StoreBusyError  # noqa: E402
from commenting.model import Article, Basis, Comment, Consultation, Document, Paragraph  # noqa: E402
from commenting.numerals import article_label  # noqa: E402
from commenting.store import Store, fts  # noqa: E402

TEXTS = [
    "当事人要求听证的，应当在收到行政处罚告知书之日起五日内提出。",
    "违法行为在二年内未被发现的，不再给予行政处罚；涉及公民生命健康安全的，延长至五年。",
    "对违反本办法规定的，由市场监督管理部门责令改正，处一万元以上三万元以下罚款。",
    "市场监督管理部门可以依法对涉嫌违法的场所实施现场检查，查阅、复制有关合同、票据、账簿。",
]

CHILD = """
import sys
from commenting.store import fts
from commenting.store.cli import cli_run
fts.BATCH_SECONDS = float(sys.argv[2])
fts.PAUSE_SECONDS = float(sys.argv[3])
class Args: db = sys.argv[1]; store_command = "reindex"
cli_run(Args)
"""


def build(path: Path, n: int) -> None:
    with Store(path) as s:
        arts = [Article(no=i, label=article_label(i), text=TEXTS[i % 4] * 3, address=f"art-{i}",
                        paragraphs=[Paragraph(no=1, text=TEXTS[i % 4], address=f"art-{i}.p-1")]) for i in range(1, 201)]
        c, draft = s.register_draft(Consultation(title="某市办法（征求意见稿）", sender="市司法局"),
                                    Document(title="某市办法", articles=arts), "d.docx", b"", [])
        with s.transaction():
            for i in range(n):
                s.add_comment(Comment(draft_id=draft, article=1 + i % 200, original=TEXTS[i % 4][:12],
                                      proposed=f"建议修改为第{i}种表述", reason=TEXTS[(i + 1) % 4],
                                      basis=[Basis("中华人民共和国行政处罚法", 1 + i % 86)], author="张三"))


def run(path: Path, batch_seconds: float, pause: float) -> tuple[float, list[float]]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    waits: list[float] = []
    failed = 0
    with Store(path) as s:
        cid = s.list_comments()[0].id
        s.update_comment(cid, s.get_comment(cid).version, "李四", reason="预热")  # segmenter loaded here
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(path), str(batch_seconds), str(pause)], env=env,
                                 stdout=subprocess.PIPE, text=True)
        started = time.monotonic()
        while child.poll() is None:
            c = s.get_comment(cid)
            t = time.monotonic()
            try:
                s.update_comment(cid, c.version, "李四", reason=f"编辑于 {t:.3f}")
            except StoreBusyError:
                failed += 1
            waits.append(time.monotonic() - t)
            if waits[-1] > 1:
                print(f"  an edit at {t - started:.1f} s waited {waits[-1]:.1f} s")
            time.sleep(0.02)
        took = time.monotonic() - started
        out = child.stdout.read().strip()
        child.stdout.close()
    print(f"  child: {out}; edits refused as busy: {failed}")
    return took, waits


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=3000)
    ap.add_argument("--keep", default=None)
    args = ap.parse_args()
    path = Path(args.keep) if args.keep else Path(tempfile.mkdtemp()) / "store.db"
    if not path.exists():
        t = time.monotonic()
        build(path, args.n)
        print(f"generated {args.n} comments in {time.monotonic() - t:.1f} s")
    for label, batch, pause in (("batches with pauses (as shipped)", fts.BATCH_SECONDS, fts.PAUSE_SECONDS),
                                ("batches without pauses", fts.BATCH_SECONDS, 0.0),
                                ("one transaction (before)", 1e9, 0.0)):
        took, waits = run(path, batch, pause)
        waits.sort()
        p95 = waits[int(0.95 * (len(waits) - 1))]
        print(f"{label}: reindex {took:.1f} s; {len(waits)} edits meanwhile, wait p50 "
              f"{statistics.median(waits) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, max {waits[-1] * 1000:.0f} ms")


if __name__ == "__main__":
    main()
