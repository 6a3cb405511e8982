"""read_document / read_document_bytes on real files (through commenting.ingest), and the CLI."""
import json
import subprocess
import sys

import pytest

from commenting.errors import ReadError
from commenting.structure import read_document, read_document_bytes


@pytest.fixture
def gbk_draft(fixtures_dir):
    return fixtures_dir / "structure" / "draft-gbk.txt"


def test_gbk_crlf_text_draft(gbk_draft):
    doc = read_document(gbk_draft)
    assert doc.title == "某市市场监督管理局某某管理办法（试行）（征求意见稿）"
    assert doc.marker == "征求意见稿"
    assert doc.level == "规范性文件"
    assert doc.issuer == "某市市场监督管理局"
    assert doc.source == "draft-gbk.txt" and doc.format == "text"
    assert [(a.no, a.sub) for a in doc.articles] == [(1, 0), (2, 0), (3, 0), (5, 0), (5, 1), (6, 0), (7, 0)]
    assert doc.article(2).paragraphs[1].text == "有关部门依照职责做好相关工作。"
    assert doc.article(5).text == "依照本办法第三条规定的审核，应当在七日内完成。"
    assert doc.article(3).chapter == "第二章 管理"
    assert sorted(x.kind for x in doc.anomalies) == ["gap", "item-gap"]


def test_bytes_same_as_path(gbk_draft):
    a = read_document(gbk_draft)
    b = read_document_bytes(gbk_draft.read_bytes(), "draft-gbk.txt")
    assert a.to_json() == b.to_json()


def test_markdown_law(fixtures_dir):
    doc = read_document(fixtures_dir / "structure" / "law.md")
    assert doc.title == "某某监督管理办法"
    assert doc.level == "部门规章"
    assert doc.issuer == "国家市场监督管理总局"
    assert [a.no for a in doc.articles] == [1, 2, 3]
    assert [i.label for i in doc.article(2).paragraphs[0].items] == ["（一）", "（二）"]
    assert doc.article(3).chapter == "第二章 附则" and doc.article(3).section == "第一节 一般规定"
    assert not doc.anomalies


def test_unreadable_raises_read_error(tmp_path):
    bad = tmp_path / "x.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ReadError):
        read_document(bad)
    with pytest.raises(ReadError):
        read_document(tmp_path / "missing.txt")


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "commenting", "parse", *map(str, args)],
                          capture_output=True, text=True, timeout=120)


def test_cli_json(gbk_draft):
    proc = run_cli(gbk_draft, "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["title"] == "某市市场监督管理局某某管理办法（试行）（征求意见稿）"
    assert out["level"] == "规范性文件"
    assert [a["no"] for a in out["articles"]] == [1, 2, 3, 5, 5, 6, 7]
    assert out["articles"][4]["sub"] == 1 and out["articles"][4]["label"] == "第五条之一"
    assert out["articles"][0]["chapter"] == "第一章 总则"


def test_cli_outline_text(gbk_draft):
    proc = run_cli(gbk_draft)
    assert proc.returncode == 0, proc.stderr
    assert "标题：某市市场监督管理局某某管理办法（试行）（征求意见稿）" in proc.stdout
    assert "缺少第四条" in proc.stdout


def test_cli_unreadable_input(tmp_path):
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4 broken")
    proc = run_cli(bad, "--json")
    assert proc.returncode == 1
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误：")


def test_upload_reports_progress_page_by_page():
    import io

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    for page in range(3):
        c.setFont("STSong-Light", 12)
        c.drawString(72, 760, f"第{'一二三'[page]}条　本条是第{page + 1}页的内容。")
        c.showPage()
    c.save()
    seen = []
    doc = read_document_bytes(buf.getvalue(), "草案.pdf", progress=lambda done, total: seen.append((done, total)))
    assert [a.no for a in doc.articles] == [1, 2, 3]
    assert seen[-1] == (3, 3) and len(seen) == 3
