"""The same draft as .docx and .pdf (generated here) structures the same way through ingest."""
import pytest

from commenting.structure import read_document

LINES = [
    "某市某某管理办法",
    "（征求意见稿）",
    "第一章　总则",
    "第一条　为了规范某某管理，制定本办法。",
    "第二条　本办法适用于本市行政区域。",
    "有关部门按照职责做好相关工作。",
    "第二章　附则",
    "第三条　有下列情形之一的，从重处罚：",
    "（一）拒不改正的；",
    "（二）造成严重后果的。",
    "第四条　本办法自印发之日起施行。",
]


def check(doc):
    assert doc.title == "某市某某管理办法（征求意见稿）"
    assert [a.label for a in doc.articles] == ["第一条", "第二条", "第三条", "第四条"]
    assert doc.article(2).paragraphs[1].text == "有关部门按照职责做好相关工作。"
    assert [i.text for i in doc.article(3).paragraphs[0].items] == ["拒不改正的；", "造成严重后果的。"]
    assert doc.article(4).chapter == "第二章 附则"


def test_docx_with_attachment_table(tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph(LINES[0], style="Title")
    for line in LINES[1:]:
        d.add_paragraph(line)
    d.add_paragraph("附件")
    table = d.add_table(rows=2, cols=2)
    for r, row in enumerate([("序号", "事项"), ("1", "某某事项")]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    path = tmp_path / "draft.docx"
    d.save(path)
    doc = read_document(path)
    check(doc)
    assert doc.format == "docx"
    rows = [p for p in doc.parts if p.kind == "attachment" and p.cells]
    assert [p.cells for p in rows] == [["序号", "事项"], ["1", "某某事项"]]


def test_pdf(tmp_path):
    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "draft.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("STSong-Light", 12)
    y = 780
    for line in LINES:
        c.drawString(72, y, line)
        y -= 24
    c.showPage()
    c.save()
    doc = read_document(path)
    assert doc.format == "pdf"
    check(doc)
