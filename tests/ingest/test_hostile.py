"""Hostile inputs: each is read, or refused with one Chinese line, by the CLI under a 1 GiB memory limit.

The inputs are generated (hostile_inputs.py). Every one runs through ``python -m commenting
parse`` in its own process with ``RLIMIT_AS`` at 1 GiB, so a reader that inflates or
allocates without bound fails here with a MemoryError or a kill, not with a slow machine.
The subprocess timeout only guards against hangs; the time and peak memory of each input
are printed by bench/bench_hostile.py.
"""
from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest

from commenting.errors import ReadError
from commenting.ingest import limits, read_bytes
from commenting.ingest import docx as docx_mod
from commenting.ingest import pdf as pdf_mod
from commenting.ingest.text import decode
from hostile_inputs import HOSTILE, pdf_of, pdf_owner_password_cid, text_mixed_gbk_utf8, text_with_nul
from ingest_builders import build_docx, layout_pdf, para, texts

REPO = Path(__file__).resolve().parents[2]
MEMORY_LIMIT = 1 << 30
HANG_GUARD = 60  # seconds; far above the few seconds each input takes (see bench/bench_hostile.py)

# what each input must come to: ("read", words in the parse output) or ("refused", words in the message)
EXPECTED = {
    "pdf-inflate-bomb": ("refused", "压缩炸弹"),
    "pdf-operator-flood": ("refused", "异常复杂"),
    "pdf-glyph-flood": ("refused", "第 1 页"),
    "pdf-owner-password-cid": ("read", "共 6 条"),
    "text-nul": ("read", "共 4 条"),
    "text-gbk-and-utf8": ("read", "共 6 条"),
    "text-20mb-one-line": ("refused", "超过 200 万字"),
    "text-cites-article-two": ("read", "共 2 条"),
    "text-5mb-draft": ("read", "第一章"),
    "docx-deep-tables": ("refused", "嵌套过深"),
    "docx-huge-text-node": ("refused", "超过 200 万字"),
    "docx-many-paragraphs": ("refused", "超过 200 万字"),
    "ole-random-doc": ("refused", ".doc 文件已损坏"),
}


def test_every_hostile_input_has_an_expected_answer():
    assert set(EXPECTED) == set(HOSTILE)


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("hostile")


def hostile_file(folder: Path, name: str) -> Path:
    filename, build = HOSTILE[name]
    path = folder / filename
    if not path.exists():
        path.write_bytes(build())
    return path


def run_cli(*args: str) -> subprocess.CompletedProcess:
    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, "-m", "commenting", *args], capture_output=True, text=True,
                          timeout=HANG_GUARD, preexec_fn=limit_memory, env=env)


def assert_answered(proc: subprocess.CompletedProcess, outcome: str, words: str) -> None:
    assert "Traceback" not in proc.stderr and "MemoryError" not in proc.stderr, proc.stderr[-2000:]
    if outcome == "read":
        assert proc.returncode == 0, proc.stderr
        assert words in proc.stdout
    else:
        assert proc.returncode == 1, (proc.returncode, proc.stdout[-500:])
        message = proc.stderr.strip()
        assert message.startswith("错误：") and "\n" not in message, message
        assert words in message, message


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_input_is_parsed_or_refused_within_a_gigabyte(name, hostile_dir):
    outcome, words = EXPECTED[name]
    assert_answered(run_cli("parse", str(hostile_file(hostile_dir, name))), outcome, words)


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory, fixtures_dir):
    from commenting.corpus.testing import small_corpus

    return small_corpus(tmp_path_factory.getbasetemp() / "corpus-small", [fixtures_dir / "corpus"]).path


@pytest.mark.parametrize("name, outcome, words", [
    ("text-cites-article-two", "read", "审查报告"),
    ("pdf-inflate-bomb", "refused", "压缩炸弹"),
    ("ole-random-doc", "refused", ".doc 文件已损坏"),
    ("text-20mb-one-line", "refused", "超过 200 万字"),
])
def test_hostile_input_is_reviewed_or_refused_within_a_gigabyte(name, outcome, words, hostile_dir, corpus_db):
    proc = run_cli("review", str(hostile_file(hostile_dir, name)), "--corpus-db", str(corpus_db))
    assert_answered(proc, outcome, words)
    assert "未发现问题" not in proc.stdout or outcome == "read"


# ---------------------------------------------------------------- the limits, one by one


def test_pdf_streams_inflate_only_up_to_the_cap(monkeypatch):
    monkeypatch.setattr(pdf_mod, "MAX_STREAM_BYTES", 100_000)
    with pytest.raises(ReadError, match="压缩炸弹"):
        read_bytes(pdf_of(b"BT /F1 12 Tf 72 700 Td (A) Tj ET\n" + b" " * 200_000))
    blocks = read_bytes(pdf_of(b"BT /F1 12 Tf 72 700 Td (Article one applies.) Tj ET\n" + b" " * 50_000))
    assert texts(blocks) == ["Article one applies."]


def test_a_truncated_flate_stream_is_still_what_zlib_calls_it():
    with pytest.raises(zlib.error):
        pdf_mod._bounded_inflate(zlib.compress(b"BT ET " * 1000)[:-8])
    assert pdf_mod._bounded_inflate(zlib.compress(b"BT ET")) == b"BT ET"


def test_all_streams_of_one_file_share_one_inflate_budget(monkeypatch):
    monkeypatch.setattr(pdf_mod, "MAX_INFLATED_BYTES", 10_000)
    with pytest.raises(ReadError, match="压缩炸弹"):
        read_bytes(pdf_of(b"BT /F1 12 Tf 72 700 Td (A) Tj ET\n" + b" " * 20_000))


def test_a_page_with_too_many_glyphs_is_refused(monkeypatch):
    monkeypatch.setattr(pdf_mod, "MAX_PAGE_CHARS", 200)
    with pytest.raises(ReadError, match="第 1 页的字符超过"):
        read_bytes(pdf_of(b"BT /F1 12 Tf 72 700 Td (" + b"A" * 300 + b") Tj ET\n"))


def test_a_slow_page_is_stopped_by_its_deadline(monkeypatch):
    monkeypatch.setattr(pdf_mod, "PAGE_SECONDS", 0.3)
    with pytest.raises(ReadError, match="第 1 页内容异常复杂"):
        read_bytes(pdf_of(b"q 1 0 0 1 0 0 cm Q\n" * 1_000_000))


def test_deadline_interrupts_python_code_and_leaves_nothing_behind():
    start = time.perf_counter()
    with pytest.raises(ReadError, match="太慢"):
        with limits.Deadline(0.2, "太慢"):
            while True:
                pass
    assert time.perf_counter() - start < 30  # guard only: the loop above never ends by itself
    with limits.Deadline(0.05, "不该出现"):
        pass
    time.sleep(0.2)  # a timer that ran out after its block must not interrupt what follows


def test_owner_password_only_pdf_with_a_cid_font_is_read():
    blocks = read_bytes(pdf_owner_password_cid(3))
    assert texts(blocks) == [f"第{n}条\u3000本办法适用于本市行政区域内的市场监督管理工作。" for n in "一二三"]


def test_user_password_pdf_is_still_refused_as_encrypted():
    with pytest.raises(ReadError, match="打开密码"):
        read_bytes(layout_pdf(["第一条\u3000正文。"], encrypt="secret"))


def test_text_with_nul_is_read_without_it():
    assert texts(read_bytes(text_with_nul(), "a.txt"))[1].endswith("相当。")
    assert all("\x00" not in t for t in texts(read_bytes(text_with_nul(), "a.txt")))


def test_text_mixing_gbk_and_utf8_lines_is_decoded_line_by_line():
    text = decode(text_mixed_gbk_utf8())
    assert text is not None and text.count("市场监督管理部门") == 6


def test_docx_text_is_capped_as_it_is_read(monkeypatch):
    monkeypatch.setattr(docx_mod, "MAX_TEXT_CHARS", 50)
    with pytest.raises(ReadError, match="不像是一份征求意见稿"):
        read_bytes(build_docx("".join(para(f"第{n}条　本办法适用于本市。") for n in "一二三四五六七八九十")))


def test_docx_parts_parsed_whole_have_a_smaller_cap_than_the_streamed_body(monkeypatch):
    monkeypatch.setattr(docx_mod, "TREE_PART_CAP", 4000)  # python-docx's own styles.xml is larger
    with pytest.raises(ReadError, match="word/styles.xml 超过"):
        read_bytes(build_docx(para("第一条　本办法适用于本市。")))
