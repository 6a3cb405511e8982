#!/usr/bin/env python3
"""Build the six held-out drafts from texts.py (run from anywhere; writes ../cases/*/draft.*)."""
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

import texts
from cn import number

CASES = Path(__file__).resolve().parent.parent / "cases"
SP = "\u3000"  # ideographic space after the 条 label


def lines(d):
    """Plain-text body: chapter headings and articles, one 款/项 per line."""
    out = []
    for kind, label, text in number(d["items"]):
        if kind == "CH":
            out += ["", text, ""]
        else:
            paras = text.split("\n")
            out.append(f"{label}{SP}{paras[0]}")
            out += paras[1:]
    return out


def font(run, name="仿宋_GB2312", size=16, bold=False):
    run.font.name = name
    run.font.size = Pt(size)
    run.bold = bold
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.append(rfonts)
    rfonts.set(qn("w:eastAsia"), name)


def page_field(par):
    for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
        r = par.add_run()
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        r._element.append(el)


def docx_typed(d, path):
    """Case 01: chapter headings are ordinary centred paragraphs, 条 labels typed."""
    doc = Document()
    p = doc.add_paragraph(); p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    font(p.add_run(d["title"]), "方正小标宋简体", 22)
    for kind, label, text in number(d["items"]):
        if kind == "CH":
            p = doc.add_paragraph(); p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            font(p.add_run(text), "黑体", 16)
            continue
        paras = text.split("\n")
        p = doc.add_paragraph(); p.paragraph_format.first_line_indent = Pt(32)
        font(p.add_run(label), "黑体", 16)
        font(p.add_run(SP + paras[0]))
        for extra in paras[1:]:
            p = doc.add_paragraph(); p.paragraph_format.first_line_indent = Pt(32)
            font(p.add_run(extra))
    doc.save(path)


def docx_headings(d, path):
    """Case 02: 第X章 in Word's Heading 1 style, header line, PAGE field footer."""
    doc = Document()
    sec = doc.sections[0]
    hp = sec.header.paragraphs[0]; hp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    font(hp.add_run(f"{d['issuer']}规范性文件（征求意见稿）"), "宋体", 9)
    fp = sec.footer.paragraphs[0]; fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    font(fp.add_run("— "), "宋体", 9); page_field(fp); font(fp.add_run(" —"), "宋体", 9)
    t = doc.add_paragraph(style="Title"); t.alignment = WD_ALIGN_PARAGRAPH.CENTER
    font(t.add_run(d["title"]), "方正小标宋简体", 22)
    for kind, label, text in number(d["items"]):
        if kind == "CH":
            h = doc.add_heading(level=1); h.alignment = WD_ALIGN_PARAGRAPH.CENTER
            font(h.add_run(text), "黑体", 16)
            continue
        paras = text.split("\n")
        p = doc.add_paragraph(); p.paragraph_format.first_line_indent = Pt(32)
        font(p.add_run(label), "黑体", 16, bold=True)
        font(p.add_run(SP + paras[0]))
        for extra in paras[1:]:
            p = doc.add_paragraph(); p.paragraph_format.first_line_indent = Pt(32)
            font(p.add_run(extra))
    doc.save(path)


def txt(d, path, encoding, newline, preface=""):
    body = [d["title"], ""] + lines(d)
    text = (preface + "\n\n" if preface else "") + "\n".join(body).strip("\n") + "\n"
    data = text.replace("\n", newline).encode(encoding)
    path.write_bytes(data)


def pdf(d, path):
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    header = f"{d['issuer']}　规范性文件（征求意见稿）"

    class NumberedCanvas(canvas.Canvas):
        """Defers pages so that every footer can say 共 Y 页."""
        def __init__(self, *a, **k):
            super().__init__(*a, **k); self._saved = []
        def showPage(self):
            self._saved.append(dict(self.__dict__)); self._startPage()
        def save(self):
            total = len(self._saved)
            for state in self._saved:
                self.__dict__.update(state)
                w, h = A4
                self.setFont("STSong-Light", 9)
                self.drawCentredString(w / 2, h - 15 * mm, header)
                self.line(25 * mm, h - 17 * mm, w - 25 * mm, h - 17 * mm)
                self.drawCentredString(w / 2, 12 * mm, f"第 {self._pageNumber} 页 共 {total} 页")
                super().showPage()
            super().save()

    title = ParagraphStyle("t", fontName="STSong-Light", fontSize=17, leading=26, alignment=TA_CENTER, wordWrap="CJK")
    chap = ParagraphStyle("c", fontName="STSong-Light", fontSize=13, leading=22, alignment=TA_CENTER,
                          spaceBefore=8, spaceAfter=6, wordWrap="CJK")
    body = ParagraphStyle("b", fontName="STSong-Light", fontSize=12, leading=20, firstLineIndent=24, wordWrap="CJK")
    story = [Paragraph(d["title"], title), Spacer(1, 10)]
    for kind, label, text in number(d["items"]):
        if kind == "CH":
            story.append(Paragraph(text, chap)); continue
        paras = text.split("\n")
        story.append(Paragraph(f"{label}{SP}{paras[0]}", body))
        story += [Paragraph(x, body) for x in paras[1:]]
    doc = SimpleDocTemplate(str(path), pagesize=A4, topMargin=25 * mm, bottomMargin=22 * mm,
                            leftMargin=26 * mm, rightMargin=26 * mm, title=d["title"])
    doc.build(story, canvasmaker=NumberedCanvas)


def main():
    plan = [
        ("01-zz-food-workshop-docx-typed", texts.D01, "docx", lambda d, p: docx_typed(d, p)),
        ("02-jx-special-equipment-docx-headings", texts.D02, "docx", lambda d, p: docx_headings(d, p)),
        ("03-yy-price-tagging-gbk-crlf", texts.D03, "txt", lambda d, p: txt(d, p, "gbk", "\r\n")),
        ("04-xt-double-random-utf8", texts.D04, "txt", lambda d, p: txt(d, p, "utf-8", "\n")),
        ("05-cd-ebike-quality-pdf", texts.D05, "pdf", lambda d, p: pdf(d, p)),
        ("06-cz-case-file-evaluation-clean-explanation", texts.D06, "txt",
         lambda d, p: txt(d, p, "utf-8-sig", "\r\n", preface=texts.D06_PREFACE.strip())),
    ]
    for name, d, ext, fn in plan:
        folder = CASES / name
        folder.mkdir(parents=True, exist_ok=True)
        fn(d, folder / f"draft.{ext}")
        print(folder / f"draft.{ext}")


if __name__ == "__main__":
    main()
