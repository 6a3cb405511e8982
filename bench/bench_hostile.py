"""Time and peak memory of `python -m commenting parse` (and review) on each hostile input.

The inputs are the generated set of tests/ingest/hostile_inputs.py (inflate bomb, operator and
glyph floods, owner-password CID PDF, NUL / mixed-encoding / 20 MB one-line text, a draft citing
第二条 thousands of times, a 5 MB draft, deep / huge-run / large .docx, random bytes in an OLE
.doc). Each runs in its own process under a 1 GiB address-space limit; target: every input
answered (read, or refused with one Chinese line) in ≤ 10 s and ≤ 1 GB.

    python bench/bench_hostile.py [--only NAME ...] [--review NAME ...] [--corpus-db PATH] [--limit-gb 1]

Measured 2026-12-07 on the shared 2-core machine (load ~2-3), small test corpus: every parse
≤ 3.5 s and ≤ 104 MB peak; review of the 256 KB draft citing 第二条 8,739 times 2.75 s (before:
killed after 400 s, 102 s of CPU); review of the 5 MB draft 24.9 s, 173 MB — about 70 % of it in
review.divergence.find_restatements (6,679 articles compared with the corpus), not in the
internal-reference check any more.

Measured 2026-12-07 16:29 (load ~1.8), full corpus, after span_at / _has_any / compare / candidate
caching: review of the 5 MB draft 7.6 s, 199 MB (about 2 s of it parsing, 1 s imports; the same
run took 17.7 s before); review of the 256 KB draft citing 第二条 1.7 s.
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests" / "ingest"))
sys.path.insert(0, str(REPO))

from hostile_inputs import HOSTILE  # noqa: E402

REVIEWED = ["text-cites-article-two", "text-5mb-draft", "text-20mb-one-line", "pdf-inflate-bomb", "ole-random-doc"]


def run(argv: list[str], limit: int, timeout: float) -> tuple[float, float, int | None, str]:
    """(seconds, peak RSS in MB, exit status or None when killed on timeout, last stderr line)."""
    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    env = dict(os.environ, PYTHONPATH=str(REPO))
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err, preexec_fn=limit_memory, env=env)
        deadline = start + timeout
        status = None
        while True:
            pid, raw, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                status = os.waitstatus_to_exitcode(raw)
                break
            if time.perf_counter() > deadline:
                proc.kill()
                _, raw, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.02)
        proc.returncode = status if status is not None else -9
        elapsed = time.perf_counter() - start
        err.seek(0)
        lines = err.read().decode("utf-8", "replace").strip().splitlines()
    return elapsed, usage.ru_maxrss / 1024, status, (lines[-1] if lines else "")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", nargs="*", help="input names (default: all)")
    ap.add_argument("--review", nargs="*", default=REVIEWED, help="inputs also run through review")
    ap.add_argument("--corpus-db", help="corpus for review (default: the one the CLI finds or builds)")
    ap.add_argument("--limit-gb", type=float, default=1.0)
    ap.add_argument("--timeout", type=float, default=60.0, help="kill a run after this many seconds")
    args = ap.parse_args()
    limit = int(args.limit_gb * (1 << 30))
    names = args.only or list(HOSTILE)
    print(f"{'input':28} {'command':7} {'size':>9} {'seconds':>8} {'peak MB':>8} {'exit':>5}  answer")
    with tempfile.TemporaryDirectory(prefix="bench-hostile-") as tmp:
        for name in names:
            filename, build = HOSTILE[name]
            path = Path(tmp) / filename
            path.write_bytes(build())
            size = f"{path.stat().st_size / 1024:.0f} KB"
            commands = ["parse"] + (["review"] if name in args.review else [])
            for command in commands:
                argv = [sys.executable, "-m", "commenting", command, str(path)]
                if command == "review" and args.corpus_db:
                    argv += ["--corpus-db", args.corpus_db]
                seconds, peak, status, last = run(argv, limit, args.timeout)
                shown = "killed" if status is None else str(status)
                print(f"{name:28} {command:7} {size:>9} {seconds:8.2f} {peak:8.0f} {shown:>5}  {last[:90]}", flush=True)
            path.unlink()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
