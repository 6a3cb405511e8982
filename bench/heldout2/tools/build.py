# -*- coding: utf-8 -*-
"""Generate the heldout2 drafts and expected.json files.

Usage: python3 build.py OUTDIR   (writes OUTDIR/cases/<case>/draft.<ext> + expected.json)
Needs python-docx and reportlab. Written without reading the reviewer's code.
"""
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from content import DRAFTS  # noqa: E402

DIG = "零一二三四五六七八九"


def cn(n: int) -> str:
    if n < 10:
        return DIG[n]
    if n < 20:
        return "十" + (DIG[n % 10] if n % 10 else "")
    if n < 100:
        return DIG[n // 10] + "十" + (DIG[n % 10] if n % 10 else "")
    raise ValueError(n)


def resolve(d):
    """Number the articles and substitute {#key} / {#n} placeholders."""
    nums, n = {}, 0
    for key, _ in d["body"]:
        if key != "ch":
            n += 1
            assert key not in nums, key
            nums[key] = n
    nums["n"] = n

    def sub(s):
        return re.sub(r"\{#(\w+)\}", lambda m: cn(nums[m.group(1)]), s)

    body = [(k, sub(t)) for k, t in d["body"]]
    return nums, body, sub


def structure(d, body):
    """Yield ('title'|'ch'|'art'|'para'|'blank', text) in document order."""
    out = []
    if d.get("cover"):
        for line in d["cover"].split("\n"):
            out.append(("para", line) if line else ("blank", ""))
        out.append(("blank", ""))
    out.append(("title", d["title"]))
    n = 0
    for k, t in body:
        if k == "ch":
            out.append(("ch", t))
            continue
        n += 1
        paras = t.split("\n")
        out.append(("art", f"第{cn(n)}条　{paras[0]}"))
        for p in paras[1:]:
            out.append(("para", p))
    return out


def write_txt(path, d, body, sub, encoding, newline):
    lines = []
    if d.get("preamble"):
        lines += sub(d["preamble"]).rstrip("\n").split("\n")
        lines += ["", "", ""]
    for kind, text in structure(d, body):
        if kind == "title":
            lines += [text, ""]
        elif kind == "ch":
            lines += ["", text, ""]
        elif kind == "art":
            lines.append("　　" + text)
        elif kind == "para":
            lines.append("　　" + text)
        else:
            lines.append("")
    lines += ["", "", d["issuer"], "2026年11月"]
    path.write_bytes((newline.join(lines) + newline).encode(encoding))


def write_docx(path, d, body, headings):
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    st = doc.styles["Normal"]
    st.font.name = "仿宋"
    st.font.size = Pt(14)
    st.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋")
    for kind, text in structure(d, body):
        if kind == "title":
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            r = p.add_run(text)
            r.bold = True
            r.font.size = Pt(20)
            r.font.name = "宋体"
            r._element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
        elif kind == "ch":
            if headings:
                h = doc.add_heading(text, level=1)
                h.alignment = WD_ALIGN_PARAGRAPH.CENTER
            else:
                p = doc.add_paragraph()
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                r = p.add_run(text)
                r.bold = True
        elif kind in ("art", "para"):
            p = doc.add_paragraph(text)
            p.paragraph_format.first_line_indent = Pt(28)
        else:
            doc.add_paragraph("")
    doc.add_paragraph("")
    for t in (d["issuer"], "2026年11月"):
        p = doc.add_paragraph(t)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.save(str(path))


def write_pdf(path, d, body):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    F = "STSong-Light"
    base = ParagraphStyle("b", fontName=F, fontSize=12, leading=21, wordWrap="CJK", firstLineIndent=24)
    title = ParagraphStyle("t", parent=base, fontSize=17, leading=26, alignment=1, firstLineIndent=0, spaceBefore=10, spaceAfter=12)
    chap = ParagraphStyle("c", parent=base, alignment=1, firstLineIndent=0, spaceBefore=8, spaceAfter=6)
    cover = ParagraphStyle("v", parent=base, alignment=1, firstLineIndent=0)
    header = "临江市人民政府规章（征求意见稿）"

    def story():
        s = []
        in_cover = bool(d.get("cover"))
        for kind, text in structure(d, body):
            if kind == "title":
                in_cover = False
                s.append(Paragraph(text, title))
            elif kind == "ch":
                s.append(Paragraph(text, chap))
            elif kind == "blank":
                s.append(Spacer(1, 8))
            else:
                s.append(Paragraph(text, cover if in_cover else base))
        return s

    total = [0]

    def deco(canvas, doc):
        canvas.saveState()
        canvas.setFont(F, 9)
        w, h = A4
        canvas.drawCentredString(w / 2, h - 15 * mm, header)
        canvas.line(25 * mm, h - 17 * mm, w - 25 * mm, h - 17 * mm)
        canvas.drawCentredString(w / 2, 12 * mm, f"第 {doc.page} 页 共 {total[0]} 页")
        canvas.restoreState()

    for _ in range(2):  # first pass counts pages, second writes the real footer
        doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=28 * mm, rightMargin=26 * mm,
                                topMargin=25 * mm, bottomMargin=22 * mm, title=d["title"])
        doc.build(story(), onFirstPage=deco, onLaterPages=deco)
        total[0] = doc.page


def main(out: Path):
    for d in DRAFTS:
        nums, body, sub = resolve(d)
        case = out / "cases" / d["dir"]
        case.mkdir(parents=True, exist_ok=True)
        draft = case / f"draft.{d['ext']}"
        if d["fmt"] == "txt_gbk":
            write_txt(draft, d, body, sub, "gbk", "\r\n")
        elif d["fmt"] == "txt_utf8":
            write_txt(draft, d, body, sub, "utf-8", "\n")
        elif d["fmt"] == "docx_typed":
            write_docx(draft, d, body, headings=False)
        elif d["fmt"] == "docx_headings":
            write_docx(draft, d, body, headings=True)
        elif d["fmt"] == "pdf":
            write_pdf(draft, d, body)
        texts = dict(body)
        spot = {}
        for k, snip in d["spot"].items():
            assert snip in texts[k], (d["dir"], k, snip)
            spot[str(nums[k])] = snip
        def no(k):
            return 0 if k == "title" else nums[k]
        spec = {
            "file": draft.name,
            "title": d["title"],
            "level": d["level"],
            "articles": nums["n"],
            "spot": dict(sorted(spot.items(), key=lambda kv: int(kv[0]))),
            "expected": [
                {"article": no(k), "rules": rules,
                 "basis": [{"law": l, "article": a} for l, a in basis], "note": sub(note)}
                for k, rules, basis, note in d["expected"]
            ],
            "acceptable": [{"article": no(k), "rules": rules, "note": sub(note)} for k, rules, note in d["acceptable"]],
            "notes": sub(d["notes"]),
        }
        (case / "expected.json").write_text(json.dumps(spec, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"{d['dir']}: {nums['n']} articles, {len(spec['expected'])} expected")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent)
