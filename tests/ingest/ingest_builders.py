"""Builders for small .docx / .pdf inputs, generated in the tests instead of shipped as binaries.

``build_docx`` starts from a python-docx document (so styles.xml, headers, comments are real)
and then swaps in raw body XML and numbering definitions, which python-docx cannot write.
"""
from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

import docx
from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{%s}" % W_NS
NSDECL = f'xmlns:w="{W_NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
PLACEHOLDER = "@@BODY@@"


def run(text: str, extra: str = "") -> str:
    return f'<w:r>{extra}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def para(text: str = "", *, num: int | None = None, ilvl: int | None = 0, style: str | None = None,
         inner: str | None = None) -> str:
    ppr = ""
    if style:
        ppr += f'<w:pStyle w:val="{style}"/>'
    if num is not None:
        lvl = f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
        ppr += f'<w:numPr>{lvl}<w:numId w:val="{num}"/></w:numPr>'
    body = inner if inner is not None else (run(text) if text else "")
    return f"<w:p>{'<w:pPr>' + ppr + '</w:pPr>' if ppr else ''}{body}</w:p>"


def level(ilvl: int, fmt: str, text: str, *, start: int = 1, suff: str | None = None,
          restart: int | None = None, pstyle: str | None = None) -> str:
    out = f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
    if restart is not None:
        out += f'<w:lvlRestart w:val="{restart}"/>'
    if pstyle:
        out += f'<w:pStyle w:val="{pstyle}"/>'
    if suff:
        out += f'<w:suff w:val="{suff}"/>'
    return out + f'<w:lvlText w:val="{escape(text)}"/><w:lvlJc w:val="left"/></w:lvl>'


def abstract(aid: int, *levels: str, style_link: str | None = None) -> str:
    link = f'<w:numStyleLink w:val="{style_link}"/>' if style_link else ""
    return f'<w:abstractNum w:abstractNumId="{aid}">{link}{"".join(levels)}</w:abstractNum>'


def num(nid: int, aid: int, start_overrides: dict[int, int] | None = None) -> str:
    ov = "".join(f'<w:lvlOverride w:ilvl="{k}"><w:startOverride w:val="{v}"/></w:lvlOverride>'
                 for k, v in (start_overrides or {}).items())
    return f'<w:num w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>{ov}</w:num>'


def build_docx(body: str, *, numbering: str = "", styles: str = "", setup=None,
               extra_parts: dict[str, bytes] | None = None,
               replace_parts: dict[str, bytes] | None = None) -> bytes:
    """A .docx whose body is ``body`` (w:p / w:tbl XML without namespace declarations).

    ``numbering``: w:abstractNum and w:num elements added to numbering.xml; ``styles``:
    w:style elements added to styles.xml; ``setup(document)`` runs on the python-docx
    document first (headers, footers, comments).
    """
    d = docx.Document()
    if setup is not None:
        setup(d)
    d.add_paragraph(PLACEHOLDER)
    buf = io.BytesIO()
    d.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                data = _replace_placeholder(data, body)
            elif info.filename == "word/numbering.xml" and numbering:
                data = _add_numbering(data, numbering)
            elif info.filename == "word/styles.xml" and styles:
                data = _append_children(data, styles)
            if replace_parts and info.filename in replace_parts:
                data = replace_parts[info.filename]
            dst.writestr(info.filename, data)
        for name, data in (extra_parts or {}).items():
            dst.writestr(name, data)
    return out.getvalue()


def _fragment(xml: str):
    return etree.fromstring(f"<w:root {NSDECL}>{xml}</w:root>".encode())


def _replace_placeholder(data: bytes, body: str) -> bytes:
    root = etree.fromstring(data)
    for p in root.iter(W + "p"):
        if PLACEHOLDER in "".join(t.text or "" for t in p.iter(W + "t")):
            parent = p.getparent()
            idx = parent.index(p)
            parent.remove(p)
            for i, child in enumerate(_fragment(body)):
                parent.insert(idx + i, child)
            break
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _add_numbering(data: bytes, xml: str) -> bytes:
    root = etree.fromstring(data)
    new = list(_fragment(xml))
    first_num = root.find(W + "num")
    for el in new:
        if el.tag == W + "abstractNum" and first_num is not None:
            first_num.addprevious(el)
        else:
            root.append(el)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _append_children(data: bytes, xml: str) -> bytes:
    root = etree.fromstring(data)
    for el in _fragment(xml):
        root.append(el)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def texts(blocks) -> list[str]:
    return [b.text for b in blocks]


# ---------------------------------------------------------------- PDF

def cjk_canvas(buf, **kwargs):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return canvas.Canvas(buf, pagesize=(595.3, 841.9), **kwargs)


def layout_pdf(paragraphs: list[str], *, header: str | None = None, footer=None,
               size: float = 16, left: float = 80, right: float = 512, top: float = 110,
               bottom: float = 720, indent: int = 2, fake_bold: set[int] | None = None,
               encrypt: str | None = None, return_layout: bool = False):
    """Typeset Chinese paragraphs the way a word processor exports them: first-line indent of
    ``indent`` characters, lines filled to the right margin, paragraphs flowing across pages.

    ``footer(page_no, total)`` gives the footer text; ``fake_bold`` holds paragraph indexes
    drawn twice with a 0.2 pt offset.
    """
    per_line = int((right - left) // size)
    pages: list[list[tuple[float, float, str, int]]] = [[]]
    y = top
    for idx, text in enumerate(paragraphs):
        first = True
        rest = text
        while rest:
            x = left + (indent * size if first else 0)
            n = per_line - (indent if first else 0)
            chunk, rest = rest[:n], rest[n:]
            if y > bottom:
                pages.append([])
                y = top
            pages[-1].append((x, y, chunk, idx))
            y += size * 1.75
            first = False
    buf = io.BytesIO()
    c = cjk_canvas(buf, encrypt=encrypt) if encrypt else cjk_canvas(buf)
    total = len(pages)
    for no, lines in enumerate(pages, start=1):
        if header:
            c.setFont("STSong-Light", 10.5)
            c.drawCentredString(297.6, 841.9 - 40, header)
        if footer:
            c.setFont("STSong-Light", 10.5)
            c.drawCentredString(297.6, 841.9 - 800, footer(no, total))
        c.setFont("STSong-Light", size)
        for x, y, chunk, idx in lines:
            c.drawString(x, 841.9 - y, chunk)
            if fake_bold and idx in fake_bold:
                c.drawString(x + 0.2, 841.9 - y, chunk)
        c.showPage()
    c.save()
    if return_layout:
        return buf.getvalue(), [[idx for *_, idx in lines] for lines in pages]
    return buf.getvalue()


def image_only_pdf(pages: int = 2) -> bytes:
    """A 'scanned' PDF: each page is one picture of text, no text layer."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader

    img = Image.new("RGB", (400, 200), "white")
    ImageDraw.Draw(img).rectangle((20, 20, 380, 60), fill="black")
    buf = io.BytesIO()
    c = cjk_canvas(buf)
    for _ in range(pages):
        c.drawImage(ImageReader(img), 50, 400, width=400, height=200)
        c.showPage()
    c.save()
    return buf.getvalue()


def cid_only_pdf(lines: int = 5) -> bytes:
    """A PDF whose font has no Unicode map (Identity-H, no ToUnicode): text extracts as (cid:N)."""
    content = "BT /F1 16 Tf " + " ".join(
        f"72 {760 - 24 * i} Td <0011002200330044005500660077> Tj" if i == 0 else "0 -24 Td <0011002200330044> Tj"
        for i in range(lines)) + " ET"
    objs = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type0 /BaseFont /NoMap /Encoding /Identity-H /DescendantFonts [6 0 R] >>",
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /NoMap "
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out
