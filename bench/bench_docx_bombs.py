"""How long the readers take to refuse (or defuse) hostile .docx input: a zip bomb and a
billion-laughs entity bomb. Target: each answered in well under a second (refused from the
declared sizes; entities not expanded). The tests check the answers; this prints the times.

    python bench/bench_docx_bombs.py [--repeat 3]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "ingest"))

from test_bad_input import doc_xml, zip_of  # noqa: E402

from commenting.errors import ReadError  # noqa: E402
from commenting.ingest import read_bytes  # noqa: E402


def zip_bomb() -> bytes:
    return zip_of({
        "[Content_Types].xml": b"<Types/>",
        "word/document.xml": doc_xml("<w:p><w:r><w:t>x</w:t></w:r></w:p>" + " " * (40 * 1024 * 1024)),
    })


def billion_laughs() -> bytes:
    prolog = ('<!DOCTYPE w:document [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈">'
              + "".join(f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">' for i in range(8))
              + "]>")
    return zip_of({"word/document.xml": doc_xml("<w:p><w:r><w:t>&i;</w:t><w:t>正文</w:t></w:r></w:p>", prolog)})


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    for name, data in (("zip bomb", zip_bomb()), ("billion laughs", billion_laughs())):
        times, answer = [], ""
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            try:
                blocks = read_bytes(data)
                answer = f"read, {sum(len(b.text) for b in blocks)} characters"
            except ReadError as err:
                answer = f"refused: {err}"
            times.append(time.perf_counter() - t0)
        print(f"{name:16s} {len(data) / 1024:8.0f} KB  median {statistics.median(times) * 1000:7.1f} ms  ({answer})")


if __name__ == "__main__":
    main()
