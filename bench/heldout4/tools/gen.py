#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Write the held-out drafts and their expected.json into ../cases/ (or the folder given).

Usage: python3 tools/gen.py [OUTDIR]
Content lives in cases_a.py / cases_b.py (same folder); this script renders each case in its
format (.docx with Word auto numbering / heading styles / plain paragraphs, .pdf with running
header and footer, .txt in GBK or UTF-8), derives `articles` and checks every `spot` and every
labelled article against the rendered article texts.
"""
import json, os, sys, copy
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cases_a import C01, C02, C03, C04, C05
from cases_b import C06, C07, C08, C09

CASES = [C01, C02, C03, C04, C05, C06, C07, C08, C09]
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cases")
DIG = "零一二三四五六七八九"

def cn(n):
    if n < 10: return DIG[n]
    if n < 20: return "十" + (DIG[n % 10] if n % 10 else "")
    if n < 100: return DIG[n // 10] + "十" + (DIG[n % 10] if n % 10 else "")
    raise ValueError(n)

def articles(case):
    """Yield (chapter, printed_no, text) with printed numbers (auto-increment unless forced)."""
    no = 0
    for chap, arts in case["chapters"]:
        for a in arts:
            if isinstance(a, tuple):
                no, text = a
            else:
                no += 1; text = a
            yield chap, no, text

# ---------------------------------------------------------------- txt
def write_txt(case, path, enc):
    lines = [case["title"], ""]
    for p in case.get("preamble", []): lines += [p, ""]
    cur = None
    for chap, no, text in articles(case):
        if chap != cur:
            lines += ["　　　　" + chap, ""]; cur = chap
        paras = text.split("\n")
        lines.append("第%s条　%s" % (cn(no), paras[0]))
        lines += ["　　" + p for p in paras[1:]]
        lines.append("")
    data = "\n".join(lines)
    if enc == "gbk":
        open(path, "wb").write(data.replace("\n", "\r\n").encode("gbk"))
    else:
        open(path, "w", encoding="utf-8", newline="\n").write(data)

# ---------------------------------------------------------------- docx
def write_docx(case, path, mode):
    from docx import Document
    from docx.shared import Pt
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.oxml import OxmlElement
    doc = Document()
    st = doc.styles["Normal"]; st.font.name = "宋体"; st.font.size = Pt(12)
    st.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    numId = None
    if mode == "autonum":
        numbering = doc.part.numbering_part.element
        absn = OxmlElement("w:abstractNum"); absn.set(qn("w:abstractNumId"), "90")
        lvl = OxmlElement("w:lvl"); lvl.set(qn("w:ilvl"), "0")
        for tag, val in (("w:start", "1"), ("w:numFmt", "chineseCounting"), ("w:suff", "space"),
                         ("w:lvlText", "第%1条"), ("w:lvlJc", "left")):
            e = OxmlElement(tag); e.set(qn("w:val"), val); lvl.append(e)
        ppr = OxmlElement("w:pPr"); ind = OxmlElement("w:ind"); ind.set(qn("w:left"), "0"); ind.set(qn("w:firstLine"), "480")
        ppr.append(ind); lvl.append(ppr)
        rpr = OxmlElement("w:rPr"); b = OxmlElement("w:b"); rpr.append(b); lvl.append(rpr)
        absn.append(lvl)
        # abstractNum elements must precede num elements
        first_num = numbering.find(qn("w:num"))
        if first_num is not None: first_num.addprevious(absn)
        else: numbering.append(absn)
        num = OxmlElement("w:num"); num.set(qn("w:numId"), "90")
        an = OxmlElement("w:abstractNumId"); an.set(qn("w:val"), "90"); num.append(an)
        numbering.append(num); numId = "90"
    if mode == "headings":
        doc.add_paragraph(case["title"], style="Title")
    else:
        p = doc.add_paragraph(); p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        r = p.add_run(case["title"]); r.bold = True; r.font.size = Pt(16)
    for pre in case.get("preamble", []):
        p = doc.add_paragraph(pre); p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    cur = None
    for chap, no, text in articles(case):
        if chap != cur:
            cur = chap
            if mode == "headings":
                doc.add_heading(chap, level=1)
            else:
                p = doc.add_paragraph(); p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                p.add_run(chap).bold = True
        paras = text.split("\n")
        p = doc.add_paragraph()
        if mode == "autonum":
            pPr = p._p.get_or_add_pPr(); numPr = OxmlElement("w:numPr")
            il = OxmlElement("w:ilvl"); il.set(qn("w:val"), "0"); numPr.append(il)
            ni = OxmlElement("w:numId"); ni.set(qn("w:val"), numId); numPr.append(ni)
            pPr.append(numPr)
            p.add_run(paras[0])
        else:
            p.paragraph_format.first_line_indent = Pt(24)
            p.add_run("第%s条" % cn(no)).bold = True
            p.add_run("　" + paras[0])
        for q in paras[1:]:
            pp = doc.add_paragraph(q); pp.paragraph_format.first_line_indent = Pt(24)
    doc.save(path)

# ---------------------------------------------------------------- pdf
def write_pdf(case, path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import SimpleDocTemplate, Paragraph, Spacer
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.enums import TA_CENTER
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    F = "STSong-Light"
    body = ParagraphStyle("b", fontName=F, fontSize=11, leading=18, wordWrap="CJK", firstLineIndent=22)
    cont = ParagraphStyle("c", parent=body)
    title = ParagraphStyle("t", fontName=F, fontSize=16, leading=24, alignment=TA_CENTER, wordWrap="CJK", spaceAfter=8)
    center = ParagraphStyle("m", fontName=F, fontSize=11, leading=18, alignment=TA_CENTER, wordWrap="CJK", spaceBefore=6, spaceAfter=4)
    def deco(canv, d):
        canv.saveState(); canv.setFont(F, 9)
        w, h = A4
        canv.drawCentredString(w / 2, h - 36, case["header"])
        canv.line(60, h - 40, w - 60, h - 40)
        canv.drawCentredString(w / 2, 30, "%s　第%d页" % (case["footer_prefix"], d.page))
        canv.restoreState()
    story = [Paragraph(case["title"], title)]
    for pre in case.get("preamble", []): story.append(Paragraph(pre, center))
    cur = None
    for chap, no, text in articles(case):
        if chap != cur:
            cur = chap; story.append(Paragraph(chap, center))
        paras = text.split("\n")
        story.append(Paragraph("第%s条　%s" % (cn(no), paras[0]), body))
        for q in paras[1:]: story.append(Paragraph(q, cont))
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=60, rightMargin=60, topMargin=60, bottomMargin=50,
                            title=case["title"], author=case.get("preamble", [""])[0])
    doc.build(story, onFirstPage=deco, onLaterPages=deco)

# ---------------------------------------------------------------- expected
def dump(exp):
    """JSON with one line per expected/acceptable item (like the shared eval set)."""
    j = lambda o: json.dumps(o, ensure_ascii=False)
    out = ["{"]
    keys = list(exp)
    for i, k in enumerate(keys):
        comma = "," if i < len(keys) - 1 else ""
        v = exp[k]
        if k == "spot":
            items = ["    %s: %s" % (j(a), j(b)) for a, b in v.items()]
            out.append('  "spot": {\n' + ",\n".join(items) + "\n  }" + comma)
        elif k in ("expected", "acceptable") and v:
            out.append('  %s: [\n' % j(k) + ",\n".join("    " + j(e) for e in v) + "\n  ]" + comma)
        else:
            out.append("  %s: %s%s" % (j(k), j(v), comma))
    out.append("}")
    s = "\n".join(out) + "\n"
    assert json.loads(s) == exp
    return s

def build(case):
    d = os.path.join(OUT, case["dir"]); os.makedirs(d, exist_ok=True)
    fmt = case["fmt"]
    ext = {"docx-autonum": "docx", "docx-headings": "docx", "docx-plain": "docx", "pdf": "pdf",
           "txt-gbk": "txt", "txt-utf8": "txt"}[fmt]
    fn = "draft." + ext; path = os.path.join(d, fn)
    if fmt.startswith("docx"): write_docx(case, path, fmt.split("-")[1])
    elif fmt == "pdf": write_pdf(case, path)
    else: write_txt(case, path, "gbk" if fmt == "txt-gbk" else "utf8")
    arts = {no: text for _, no, text in articles(case)}
    nos = [no for _, no, _ in articles(case)]
    assert len(set(nos)) == len(nos), case["dir"]
    for k, v in case["spot"].items():
        assert k in arts and v in arts[k], (case["dir"], k, v)
    for e in case["expected"] + case["acceptable"]:
        assert e["article"] in arts, (case["dir"], e)
    case["expected"].sort(key=lambda e: e["article"]); case["acceptable"].sort(key=lambda e: e["article"])
    exp = {"file": fn, "title": case["title"], "level": case["level"], "articles": len(arts),
           "spot": {str(k): v for k, v in sorted(case["spot"].items())},
           "expected": case["expected"], "acceptable": case["acceptable"], "notes": case["notes"]}
    with open(os.path.join(d, "expected.json"), "w", encoding="utf-8") as f:
        f.write(dump(exp))
    return d, len(arts)

if __name__ == "__main__":
    for c in CASES:
        print(*build(c))
