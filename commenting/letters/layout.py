"""GB/T 9704-2012 page layout: the one place for page setup, fonts, sizes and styles.

Everything that decides how an exported letter looks lives here; reply.py and annotated.py
only ask for a role ("title", "body", "h1" …) and get the formatting of that role.

Fonts: CJK fonts are set on ``w:rFonts/@w:eastAsia`` (with ``w:hint="eastAsia"``) and Latin
text/digits on ``ascii``/``hAnsi`` (Times New Roman; 宋体 for page numbers). The GB fonts
(仿宋_GB2312, 楷体_GB2312, 方正小标宋简体) are often missing on a PC, so each one is declared in the
font table with ``w:altName`` naming the font Word/WPS substitutes (仿宋, 楷体, 宋体 …) — see FONTS.
"""
from __future__ import annotations

import copy
import functools
import io
import math
from dataclasses import dataclass

import docx
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, Twips

# ---------------------------------------------------------------- page (GB/T 9704 §5.2)

PAGE_WIDTH_MM = 210
PAGE_HEIGHT_MM = 297
MARGIN_TOP_MM = 37  # 天头
MARGIN_BOTTOM_MM = 35
MARGIN_LEFT_MM = 28  # 订口
MARGIN_RIGHT_MM = 26
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM  # 版心 156 mm
TEXT_HEIGHT_MM = PAGE_HEIGHT_MM - MARGIN_TOP_MM - MARGIN_BOTTOM_MM  # 版心 225 mm
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
#: the page number's 一字线 sits 7 mm below the 版心 (§7.5); the footer distance puts it there
PAGE_NUMBER_GAP_MM = 7
#: Word's default header distance is fine; nothing is printed in the header
HEADER_MM = 15

# ---------------------------------------------------------------- type sizes (号 → pt)

SIZE_ER = 22  # 二号: title
SIZE_SAN = 16  # 三号: body and headings
SIZE_SI = 14  # 四号: page numbers
SIZE_XIAOSI = 12  # 小四: summary table cells


def mm_to_twips(mm: float) -> int:
    return round(mm * 1440 / 25.4)


PAGE_WIDTH_TW = mm_to_twips(PAGE_WIDTH_MM)  # 11906
PAGE_HEIGHT_TW = mm_to_twips(PAGE_HEIGHT_MM)  # 16838
MARGIN_TOP_TW = mm_to_twips(MARGIN_TOP_MM)
MARGIN_BOTTOM_TW = mm_to_twips(MARGIN_BOTTOM_MM)
MARGIN_LEFT_TW = mm_to_twips(MARGIN_LEFT_MM)
MARGIN_RIGHT_TW = mm_to_twips(MARGIN_RIGHT_MM)
TEXT_WIDTH_TW = PAGE_WIDTH_TW - MARGIN_LEFT_TW - MARGIN_RIGHT_TW
TEXT_HEIGHT_TW = PAGE_HEIGHT_TW - MARGIN_TOP_TW - MARGIN_BOTTOM_TW

#: 22 lines in the 225 mm 版心: 12756 / 22 = 579.8 → 579 (rounding up would push line 22 out)
LINE_PITCH_TW = TEXT_HEIGHT_TW // LINES_PER_PAGE


def char_space(font_pt: float = SIZE_SAN, chars: int = CHARS_PER_LINE) -> int:
    """``w:docGrid/@w:charSpace`` for ``chars`` characters of ``font_pt`` per 版心 line.

    Word's grid pitch is the default font size plus charSpace/4096 pt; rounded down so that the
    pitch never exceeds width/chars (a pitch a hair too wide gives 27 characters a line).
    """
    pitch_pt = TEXT_WIDTH_TW / 20 / chars
    return int((pitch_pt - font_pt) * 4096 // 1)


CHAR_SPACE = char_space()

#: Paragraphs do not snap to the character grid: LibreOffice gives a 16 pt glyph two 15.8 pt grid
#: cells (14 characters a line) where Word squeezes it into one. Instead 三号 runs are condensed
#: (w:spacing, in 1/20 pt) just enough that 28 characters fit the 156 mm line in Word, WPS and
#: LibreOffice alike; the section's docGrid still states the 22 × 28 grid.
CHAR_CONDENSE = -math.ceil((SIZE_SAN - TEXT_WIDTH_TW / 20 / CHARS_PER_LINE) * 20)

# ---------------------------------------------------------------- schema order

#: child order of w:pPr and w:rPr (ECMA-376 CT_PPr / CT_RPr); Word rejects files that break it
PPR_ORDER = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
    "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
    "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
)
RPR_ORDER = (
    "ins", "del", "moveFrom", "moveTo", "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps",
    "strike", "dstrike", "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish",
    "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect",
    "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath",
)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def set_child(parent, tag: str, attrs: dict[str, str], order: tuple[str, ...]):
    """The ``w:tag`` child of ``parent`` (created in schema position when missing), attributes set."""
    el = parent.find(qn(f"w:{tag}"))
    if el is None:
        el = OxmlElement(f"w:{tag}")
        later = set(order[order.index(tag) + 1:])
        for i, child in enumerate(parent):
            if _local(child.tag) in later:
                parent.insert(i, el)
                break
        else:
            parent.append(el)
    for k, v in attrs.items():
        el.set(qn(k), v)
    return el


# ---------------------------------------------------------------- fonts


@dataclass(frozen=True)
class FontSpec:
    east_asia: str  # the GB font named by GB/T 9704
    latin: str  # Latin letters and digits
    alt: str  # what to use when east_asia is not installed (font table w:altName)
    alt_en: str  # the same fallback's English family name, for the reader's information


FONTS: dict[str, FontSpec] = {
    "title": FontSpec("方正小标宋简体", "Times New Roman", "宋体", "SimSun"),
    "body": FontSpec("仿宋_GB2312", "Times New Roman", "仿宋", "FangSong"),
    "h1": FontSpec("黑体", "Times New Roman", "黑体", "SimHei"),
    "h2": FontSpec("楷体_GB2312", "Times New Roman", "楷体", "KaiTi"),
    "h3": FontSpec("仿宋_GB2312", "Times New Roman", "仿宋", "FangSong"),
    "page": FontSpec("宋体", "宋体", "宋体", "SimSun"),
}

#: role → (font, size pt, paragraph style name)
ROLES: dict[str, tuple[str, float, str]] = {
    "title": ("title", SIZE_ER, "公文标题"),
    "body": ("body", SIZE_SAN, "公文正文"),
    "h1": ("h1", SIZE_SAN, "公文一级标题"),
    "h2": ("h2", SIZE_SAN, "公文二级标题"),
    "h3": ("h3", SIZE_SAN, "公文三级标题"),
    "page": ("page", SIZE_SI, "公文页码"),
    "table": ("body", SIZE_XIAOSI, "公文表格"),
}
STYLE_IDS = {
    "公文标题": "GwTitle",
    "公文正文": "GwBody",
    "公文一级标题": "GwHeading1",
    "公文二级标题": "GwHeading2",
    "公文三级标题": "GwHeading3",
    "公文页码": "GwPageNumber",
    "公文表格": "GwTableText",
}

# Font table entries: panose/charset of the Chinese GB fonts (charset 86 = GB2312).
_FONT_TABLE_ENTRY = (
    '<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/>'
    '<w:family w:val="{family}"/><w:pitch w:val="variable"/></w:font>'
)


def rfonts_xml(role_font: str) -> str:
    f = FONTS[role_font]
    return (
        f'<w:rFonts w:ascii="{f.latin}" w:hAnsi="{f.latin}" w:eastAsia="{f.east_asia}" '
        f'w:cs="{f.latin}" w:hint="eastAsia"/>'
    )


@functools.lru_cache(maxsize=None)
def _rfonts_element(font_key: str):
    return parse_xml(f"<w:rFonts {nsdecls('w')} " + rfonts_xml(font_key)[len("<w:rFonts ") :])


def _put_rfonts(rpr, font_key: str) -> None:
    for old in rpr.findall(qn("w:rFonts")):
        rpr.remove(old)
    new = copy.deepcopy(_rfonts_element(font_key))
    style = rpr.find(qn("w:rStyle"))
    if style is not None:
        style.addnext(new)
    else:
        rpr.insert(0, new)


def set_run_font(run, role: str, *, bold: bool = False) -> None:
    """Direct run formatting for ``role`` (fonts incl. eastAsia, size), so the text keeps its
    look when pasted into another document whose styles differ."""
    font_key, size, _ = ROLES[role]
    rpr = run._r.get_or_add_rPr()
    _put_rfonts(rpr, font_key)
    run.font.size = Pt(size)
    _condense(rpr, size)
    if bold:
        run.font.bold = True


# ---------------------------------------------------------------- paragraphs


def _condense(rpr, size: float) -> None:
    if size != SIZE_SAN:
        return
    set_child(rpr, "spacing", {"w:val": str(CHAR_CONDENSE)}, RPR_ORDER)


def _spacing(pf, *, exact: bool = True, line_tw: int = LINE_PITCH_TW) -> None:
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    if exact:
        pf.line_spacing = Twips(line_tw)
        from docx.enum.text import WD_LINE_SPACING

        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY


def _ppr_set(element, tag: str, attrs: dict[str, str]) -> None:
    """Set ``w:tag`` in the w:pPr of a paragraph or style, in schema order."""
    set_child(element.get_or_add_pPr(), tag.split(":", 1)[1], attrs, PPR_ORDER)


_TEMPLATES: dict = {}


def append_block(body, el) -> None:
    """Add a paragraph element at the end of the body, before its closing w:sectPr: found as the
    last child (python-docx searches the whole body for it, quadratic on a long draft)."""
    children = body._element
    last = children[-1] if len(children) else None
    if last is not None and last.tag == qn("w:sectPr"):
        last.addprevious(el)
    else:
        children.append(el)


def add_paragraph(container, text: str = "", role: str = "body", **fmt):
    """A new paragraph in ``role``'s style with one run of ``text``; see format_paragraph.

    The first paragraph of each (role, format) is built through python-docx; later ones are
    copies of it with the text swapped (a long letter has hundreds of identical paragraphs).
    """
    from docx.text.paragraph import Paragraph as DocxParagraph

    key = (role, bool(text), tuple(sorted(fmt.items())))
    body = getattr(container, "_body", None)
    tpl = _TEMPLATES.get(key)
    if tpl is not None and body is not None and "\n" not in text and "\t" not in text:
        el = copy.deepcopy(tpl)
        if text:
            el.find(f"{qn('w:r')}/{qn('w:t')}").text = text
        append_block(body, el)
        return DocxParagraph(el, body)
    p = container.add_paragraph()
    # by style id: python-docx's lookup by name scans every style each time (slow for long letters)
    p._p.style = STYLE_IDS[ROLES[role][2]]
    if text:
        set_run_font(p.add_run(text), role)
    format_paragraph(p, role, **fmt)
    if body is not None and "\n" not in text and "\t" not in text:
        _TEMPLATES[key] = copy.deepcopy(p._p)
    return p


def format_paragraph(p, role: str = "body", *, align: str | None = None,
                     first_line_chars: float | None = None, right_chars: float | None = None,
                     left_chars: float | None = None, keep_with_next: bool = False) -> None:
    """Alignment and indents; indents are in characters of ``role``'s size (w:*Chars + twips)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    if align:
        p.alignment = {
            "left": WD_ALIGN_PARAGRAPH.LEFT,
            "center": WD_ALIGN_PARAGRAPH.CENTER,
            "right": WD_ALIGN_PARAGRAPH.RIGHT,
            "both": WD_ALIGN_PARAGRAPH.JUSTIFY,
        }[align]
    size = ROLES[role][1]
    ind: dict[str, str] = {}
    for key, chars in (("firstLine", first_line_chars), ("right", right_chars), ("left", left_chars)):
        if chars is not None:
            ind[f"w:{key}Chars"] = str(int(chars * 100))
            ind[f"w:{key}"] = str(round(chars * size * 20))
    if ind:
        _ppr_set(p._p, "w:ind", ind)
    if keep_with_next:
        p.paragraph_format.keep_with_next = True


# ---------------------------------------------------------------- document


def new_document():
    """An empty python-docx Document set up for GB/T 9704: A4, margins, 22×28 grid, styles,
    fonts with fallbacks, odd/even page-number footers."""
    doc = docx.Document()
    _setup_defaults(doc)
    _setup_styles(doc)
    _setup_font_table(doc)
    _setup_settings(doc)
    setup_section(doc.sections[0], page_numbers=True)
    # the template starts with no paragraphs; nothing to remove
    return doc


def setup_section(section, *, page_numbers: bool = True) -> None:
    section.page_width = Twips(PAGE_WIDTH_TW)
    section.page_height = Twips(PAGE_HEIGHT_TW)
    section.top_margin = Twips(MARGIN_TOP_TW)
    section.bottom_margin = Twips(MARGIN_BOTTOM_TW)
    section.left_margin = Twips(MARGIN_LEFT_TW)
    section.right_margin = Twips(MARGIN_RIGHT_TW)
    section.header_distance = Mm(HEADER_MM)
    # footer paragraph (四号, exact 14 pt line) ends this far above the page edge
    section.footer_distance = Twips(MARGIN_BOTTOM_TW - mm_to_twips(PAGE_NUMBER_GAP_MM) - SIZE_SI * 20 - 60)
    sect = section._sectPr
    grid = sect.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect.append(grid)
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(LINE_PITCH_TW))
    grid.set(qn("w:charSpace"), str(CHAR_SPACE))
    if page_numbers:
        _page_number_footer(section.footer, odd=True)
        _page_number_footer(section.even_page_footer, odd=False)


def _page_number_footer(footer, *, odd: bool) -> None:
    """「— 1 —」: 四号 half-width digits, 一字线 either side; odd pages right, even left,
    one character in from the edge (GB/T 9704 §7.5)."""
    footer.is_linked_to_previous = False
    p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    for child in list(p._p):
        if child.tag != qn("w:pPr"):
            p._p.remove(child)
    p.style = ROLES["page"][2]
    if odd:
        format_paragraph(p, "page", align="right", right_chars=1)
    else:
        format_paragraph(p, "page", align="left", left_chars=1)
    _append_page_field(p, "— ", " —")


def _append_page_field(p, before: str, after: str) -> None:
    font = rfonts_xml("page")
    sz = ROLES["page"][1] * 2
    rpr = f"<w:rPr>{font}<w:sz w:val=\"{int(sz)}\"/><w:szCs w:val=\"{int(sz)}\"/></w:rPr>"

    def r(inner: str):
        return parse_xml(f"<w:r {nsdecls('w')}>{rpr}{inner}</w:r>")

    p._p.append(r(f'<w:t xml:space="preserve">{before}</w:t>'))
    p._p.append(r('<w:fldChar w:fldCharType="begin"/>'))
    p._p.append(r('<w:instrText xml:space="preserve"> PAGE </w:instrText>'))
    p._p.append(r('<w:fldChar w:fldCharType="separate"/>'))
    p._p.append(r("<w:t>1</w:t>"))
    p._p.append(r('<w:fldChar w:fldCharType="end"/>'))
    p._p.append(r(f'<w:t xml:space="preserve">{after}</w:t>'))


def _setup_defaults(doc) -> None:
    styles = doc.styles.element
    dd = styles.find(qn("w:docDefaults"))
    if dd is not None:
        styles.remove(dd)
    sz = SIZE_SAN * 2
    dd = parse_xml(
        f"<w:docDefaults {nsdecls('w')}><w:rPrDefault><w:rPr>{rfonts_xml('body')}"
        f'<w:kern w:val="2"/><w:sz w:val="{sz}"/><w:szCs w:val="{sz}"/>'
        '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
        '<w:pPrDefault><w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr></w:pPrDefault>'
        "</w:docDefaults>"
    )
    styles.insert(0, dd)


def _setup_styles(doc) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    normal = doc.styles["Normal"]
    _style_font(normal, "body")
    _spacing(normal.paragraph_format)
    _ppr_set(normal.element, "w:snapToGrid", {"w:val": "0"})
    for name, sid in STYLE_IDS.items():
        role = next(r for r, (_, _, n) in ROLES.items() if n == name)
        st = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        st.element.set(qn("w:styleId"), sid)
        st.base_style = normal
        st.quick_style = True
        _style_font(st, role)
        pf = st.paragraph_format
        if role == "page":
            _spacing(pf, line_tw=SIZE_SI * 20 + 60)
        elif role == "table":
            _spacing(pf, line_tw=round(SIZE_XIAOSI * 1.5 * 20))
        else:
            _spacing(pf)
        if role == "title":
            pf.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if role in ("body", "h1", "h2", "h3"):
            pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            _ppr_set(st.element, "w:ind", {"w:firstLineChars": "200", "w:firstLine": str(2 * SIZE_SAN * 20)})
        if role in ("h1", "h2", "h3"):
            pf.keep_with_next = True
            _ppr_set(st.element, "w:outlineLvl", {"w:val": str(int(role[1]) - 1)})
        _ppr_set(st.element, "w:snapToGrid", {"w:val": "0"})


def _style_font(style, role: str) -> None:
    font_key, size, _ = ROLES[role]
    rpr = style.element.get_or_add_rPr()
    _put_rfonts(rpr, font_key)
    style.font.size = Pt(size)
    _condense(rpr, size)


def _setup_font_table(doc) -> None:
    """Declare the GB fonts with their fallbacks (w:altName) in word/fontTable.xml."""
    from lxml import etree

    part = next(p for p in doc.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml")
    root = etree.fromstring(part.blob)
    present = {f.get(qn("w:name")) for f in root.findall(qn("w:font"))}
    family = {"title": "roman", "body": "modern", "h1": "modern", "h2": "modern", "h3": "modern", "page": "roman"}
    for key, spec in FONTS.items():
        first_alt = spec.alt if spec.alt != spec.east_asia else spec.alt_en
        for name, alt in ((spec.east_asia, first_alt), (spec.alt, spec.alt_en)):
            if name in present:
                continue
            present.add(name)
            root.append(etree.fromstring(
                f'<w:fonts {nsdecls("w")}>'
                + _FONT_TABLE_ENTRY.format(name=name, alt=alt, family=family[key])
                + "</w:fonts>")[0])
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _setup_settings(doc) -> None:
    doc.settings.odd_and_even_pages_header_footer = True
    s = doc.settings.element
    lang = s.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")
    # full-width punctuation stays full width, so every line holds exactly 28 characters
    csc = s.find(qn("w:characterSpacingControl"))
    if csc is not None:
        csc.set(qn("w:val"), "doNotCompress")


#: title characters per line: 二号 (22 pt) in the 156 mm line → 20
TITLE_CHARS_PER_LINE = int(TEXT_WIDTH_TW / 20 // SIZE_ER)
_BREAK_AFTER = "、，；）》〉"
_BREAK_BEFORE = "《（〈"


def break_title(text: str, width: int = TITLE_CHARS_PER_LINE, tail: str = "") -> list[str]:
    """Split a long title into balanced lines (GB/T 9704 §7.3.1: 排列对称，不拆词).

    Lines break where punctuation allows (after 、，）》, before 《（) or before ``tail``
    (e.g. 的反馈意见), nearest to an even split; else at the even split itself.
    """
    n = len(text)
    if n <= width:
        return [text]
    lines = -(-n // width)
    cands = {i for i in range(1, n) if text[i - 1] in _BREAK_AFTER or text[i] in _BREAK_BEFORE}
    if tail and text.endswith(tail) and len(tail) < n:
        cands.add(n - len(tail))
    cuts = [0]
    for k in range(1, lines):
        target = round(k * n / lines)
        ok = [c for c in cands if cuts[-1] < c and c - cuts[-1] <= width and abs(c - target) <= 3
              and (n - c) <= width * (lines - k)]
        cuts.append(min(ok, key=lambda c: (abs(c - target), c)) if ok else target)
    cuts.append(n)
    return [text[a:b] for a, b in zip(cuts, cuts[1:])]


def to_bytes(doc) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
