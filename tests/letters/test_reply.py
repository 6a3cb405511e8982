"""The reply letter: GB/T 9704 page setup, grid, fonts, page numbers, and what it says."""
from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import zipfile

import docx
import pytest
from docx.shared import Mm
from letters_fixtures import TITLE, comments, draft_document
from lxml import etree

from commenting.errors import CommentingError
from commenting.letters import layout
from commenting.letters.reply import LetterInfo, chinese_date, doc_number, reply_letter
from commenting.model import Comment, Consultation

HANGING = set("，。、；：？！”’）》")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def q(tag):
    return f"{{{W}}}{tag}"


def info(**kw) -> LetterInfo:
    base = dict(title=TITLE, recipient="衡阳市司法局", sender="衡阳市市场监督管理局", date=dt.date(2026, 11, 9),
                contact="李四", phone="0734-8888888", overall="草案总体可行。",
                incoming_title="关于征求《衡阳市测试事项管理办法（征求意见稿）》意见的函",
                incoming_number="衡司函[2026]15号", doc_number="衡市监函(2026)12号")
    base.update(kw)
    return LetterInfo(**base)


@pytest.fixture(scope="module")
def letter() -> bytes:
    return reply_letter(info(), comments(), draft_document())


def texts(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def part(data: bytes, name: str):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read(name))


# ---------------------------------------------------------------- page setup


def test_page_is_a4_with_gbt9704_margins(letter):
    s = docx.Document(io.BytesIO(letter)).sections[0]
    assert (s.page_width.twips, s.page_height.twips) == (11906, 16838)
    assert abs(s.page_width - Mm(210)) < Mm(0.1) and abs(s.page_height - Mm(297)) < Mm(0.1)
    for got, mm in ((s.top_margin, 37), (s.bottom_margin, 35), (s.left_margin, 28), (s.right_margin, 26)):
        assert abs(got - Mm(mm)) < Mm(0.05), (got.mm, mm)
    # 版心 156 × 225 mm
    assert abs((s.page_width - s.left_margin - s.right_margin) - Mm(156)) < Mm(0.1)
    assert abs((s.page_height - s.top_margin - s.bottom_margin) - Mm(225)) < Mm(0.1)


def test_document_grid_is_22_lines_of_28_characters(letter):
    grid = part(letter, "word/document.xml").find(f".//{q('sectPr')}/{q('docGrid')}")
    assert grid.get(q("type")) == "linesAndChars"
    assert grid.get(q("linePitch")) == "579"
    char_space = int(grid.get(q("charSpace")))
    # Word: pitch = 16 pt + charSpace/4096 pt; 28 of them fit 156 mm, 29 do not
    pitch = 16 + char_space / 4096
    width_pt = 8845 / 20
    assert 28 * pitch <= width_pt < 29 * pitch
    assert char_space == layout.char_space(16, 28)
    # and 22 lines of 579 twips fill the 225 mm 版心
    assert 22 * 579 <= 12756 < 23 * 579


def test_paragraphs_use_exact_line_spacing_of_the_grid(letter):
    styles = part(letter, "word/styles.xml")
    for sid in ("GwBody", "GwHeading1", "GwHeading2", "GwHeading3", "GwTitle"):
        st = styles.find(f"{q('style')}[@{q('styleId')}='{sid}']")
        sp = st.find(f"{q('pPr')}/{q('spacing')}")
        assert sp.get(q("line")) == "579" and sp.get(q("lineRule")) == "exact", sid


def test_fonts_are_set_on_east_asia_with_fallbacks(letter):
    styles = part(letter, "word/styles.xml")
    want = {"GwTitle": ("方正小标宋简体", 44), "GwBody": ("仿宋_GB2312", 32), "GwHeading1": ("黑体", 32),
            "GwHeading2": ("楷体_GB2312", 32), "GwHeading3": ("仿宋_GB2312", 32), "GwPageNumber": ("宋体", 28)}
    for sid, (font, half_points) in want.items():
        st = styles.find(f"{q('style')}[@{q('styleId')}='{sid}']")
        rf = st.find(f"{q('rPr')}/{q('rFonts')}")
        assert rf.get(q("eastAsia")) == font and rf.get(q("hint")) == "eastAsia", sid
        assert st.find(f"{q('rPr')}/{q('sz')}").get(q("val")) == str(half_points), sid
    # the document default is 仿宋_GB2312 三号 too, without theme fonts overriding it
    dflt = styles.find(f"{q('docDefaults')}/{q('rPrDefault')}/{q('rPr')}/{q('rFonts')}")
    assert dflt.get(q("eastAsia")) == "仿宋_GB2312" and dflt.get(q("eastAsiaTheme")) is None
    # runs carry the fonts directly as well
    body = part(letter, "word/document.xml")
    east = {rf.get(q("eastAsia")) for rf in body.iter(q("rFonts"))}
    assert {"方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312"} <= east
    # fallbacks named in the font table
    fonts = part(letter, "word/fontTable.xml")
    alt = {f.get(q("name")): f.find(q("altName")).get(q("val")) for f in fonts.iter(q("font"))
           if f.find(q("altName")) is not None}
    assert alt["仿宋_GB2312"] == "仿宋" and alt["楷体_GB2312"] == "楷体"
    assert alt["方正小标宋简体"] == "宋体" and alt["黑体"] == "SimHei"


def test_page_numbers_outside_on_odd_and_even_pages(letter):
    d = docx.Document(io.BytesIO(letter))
    assert d.settings.odd_and_even_pages_header_footer
    s = d.sections[0]
    for footer, jc, side in ((s.footer, "right", "right"), (s.even_page_footer, "left", "left")):
        p = footer._element.find(q("p"))
        instr = "".join(t.text for t in p.iter(q("instrText")))
        assert instr.strip() == "PAGE"
        assert [f.get(q("fldCharType")) for f in p.iter(q("fldChar"))] == ["begin", "separate", "end"]
        text = "".join(t.text for t in p.iter(q("t")))
        assert text == "— 1 —"
        assert p.find(f"{q('pPr')}/{q('jc')}").get(q("val")) == jc
        ind = p.find(f"{q('pPr')}/{q('ind')}")
        assert ind.get(q(f"{side}Chars")) == "100"  # one character in from the edge
        for rf in p.iter(q("rFonts")):
            assert rf.get(q("ascii")) == "宋体"  # half-width digits in 宋体
        assert {sz.get(q("val")) for sz in p.iter(q("sz"))} == {"28"}  # 四号


# ---------------------------------------------------------------- content


def test_title_recipient_and_opening(letter):
    t = texts(letter)
    assert t[0] == "衡市监函〔2026〕12号"
    title = next(x for x in t if x.startswith("关于"))
    assert title.replace("\n", "") == f"关于《{TITLE}》的反馈意见"
    assert "衡阳市司法局：" in t
    opening = next(x for x in t if "收悉" in x)
    assert opening == ("你局《关于征求〈衡阳市测试事项管理办法（征求意见稿）〉意见的函》（衡司函〔2026〕15号）"
                       "收悉。经认真研究，现提出如下意见：")


def test_specific_comments_grouped_by_article_in_draft_order(letter):
    t = texts(letter)
    start = t.index("二、具体修改意见")
    body = t[start:]
    heads = [x for x in body if x.startswith("（")]
    assert heads[:4] == ["（一）第一条", "（二）第二条", "（三）第三条", "（四）第四条"]
    # 第二条 has two comments: numbered 1． 2．, each with 原文 / 修改建议 / 理由及依据
    i = body.index("（二）第二条")
    assert body[i + 1].startswith("1．") and body[i + 2] == "原文：可以不予行政处罚"
    assert body[i + 3] == "修改建议：不予行政处罚"
    assert body[i + 4].startswith("理由及依据：行政处罚法第三十三条第一款为羁束性规定。")
    assert "《中华人民共和国行政处罚法》第三十三条第一款" in body[i + 4]
    assert body[i + 5].startswith("2．")
    assert "修改建议：建议删除。" in body
    assert "修改建议：建议增加：法律、法规另有规定的，从其规定。" in body
    # the 草拟 comment is not in the letter
    assert not any("特制定本办法" in x for x in t)


def test_heading_fonts_follow_the_hierarchy(letter):
    d = docx.Document(io.BytesIO(letter))
    by_text = {p.text: p for p in d.paragraphs}
    assert by_text["一、总体意见"].style.name == "公文一级标题"
    assert by_text["（一）第一条"].style.name == "公文二级标题"
    assert next(p for p in d.paragraphs if p.text.startswith("1．")).style.name == "公文三级标题"


def test_signature_date_and_contact(letter):
    d = docx.Document(io.BytesIO(letter))
    ps = d.paragraphs
    i = next(k for k, p in enumerate(ps) if p.text == "衡阳市市场监督管理局")
    assert ps[i + 1].text == "2026年11月9日"
    assert ps[i + 2].text == "（联系人：李四，电话：0734-8888888）"
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    assert ps[i].alignment == WD_ALIGN_PARAGRAPH.RIGHT and ps[i + 1].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    ind = ps[i + 1]._p.find(f"{q('pPr')}/{q('ind')}")
    assert ind.get(q("rightChars")) == "400"  # 成文日期 右空四字


def test_overall_section_and_kind(letter):
    t = texts(letter)
    assert t[t.index("一、总体意见") + 1] == "草案总体可行。"
    data = reply_letter(info(kind="修改意见"), comments(), draft_document())
    assert any(x.replace("\n", "").endswith("》的修改意见") for x in texts(data))
    with pytest.raises(CommentingError):
        reply_letter(info(kind="意见"), comments(), draft_document())


def test_no_comments_letter_says_so():
    data = reply_letter(info(overall=""), [Comment(article=1, status="草拟", proposed="x")], draft_document())
    t = texts(data)
    assert any(x.endswith(f"收悉。经认真研究，我局对《{TITLE}》无修改意见。") for x in t)
    assert not any("具体修改意见" in x for x in t)
    assert "2026年11月9日" in t


def test_summary_table_as_attachment(letter):
    data = reply_letter(info(), comments(), draft_document(), table=True)
    d = docx.Document(io.BytesIO(data))
    t = [p.text for p in d.paragraphs]
    assert "附件：修改意见汇总表" in t and "附件" in t and "修改意见汇总表" in t
    assert d.paragraphs[t.index("附件")].paragraph_format.page_break_before
    table = d.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["序号", "条款", "原文", "修改建议", "理由及依据"]
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    assert len(rows) == 6
    assert rows[0][:2] == ["1", "第一条"]
    assert ["2", "第二条", "可以不予行政处罚", "不予行政处罚"] == rows[1][:4]
    widths = [int(g.get(q("w"))) for g in table._tbl.tblGrid.iter(q("gridCol"))]
    assert sum(widths) == layout.TEXT_WIDTH_TW


def test_wording_helpers():
    assert chinese_date(dt.date(2026, 1, 5)) == "2026年1月5日"
    assert doc_number("湘市监函[2026]3号") == "湘市监函〔2026〕3号"
    assert doc_number("湘市监函（2026）3号") == "湘市监函〔2026〕3号"
    assert doc_number("湘市监函〔2026〕3号") == "湘市监函〔2026〕3号"


def test_from_consultation_defaults():
    c = Consultation(title="某办法（征求意见稿）", sender="衡阳市发展和改革委员会", doc_number="衡发改函[2026]8号")
    li = LetterInfo.from_consultation(c, sender="衡阳市市场监督管理局", date=dt.date(2026, 3, 1))
    t = texts(reply_letter(li, [], None))
    assert "衡阳市发展和改革委员会：" in t
    assert any(x.startswith("你委《关于征求〈某办法（征求意见稿）〉意见的函》（衡发改函〔2026〕8号）收悉") for x in t)


def test_long_titles_break_into_balanced_lines():
    lines = layout.break_title("关于《湖南省市场监督管理部门轻微违法行为不予、减轻处罚规定（征求意见稿）》的反馈意见",
                               tail="的反馈意见")
    assert all(len(x) <= layout.TITLE_CHARS_PER_LINE for x in lines)
    assert max(map(len, lines)) - min(map(len, lines)) <= 3
    assert "".join(lines).endswith("的反馈意见") and lines[-1] != "意见"
    assert layout.break_title("关于《某办法》的反馈意见") == ["关于《某办法》的反馈意见"]


# ---------------------------------------------------------------- rendered


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_pdf_keeps_page_size_and_text_inside_the_type_area(letter, tmp_path):
    pdfplumber = pytest.importorskip("pdfplumber")
    src = tmp_path / "letter.docx"
    many = [Comment(article=2, quote="可以不予行政处罚", original="可以不予行政处罚", proposed="不予行政处罚",
                    reason="理由" * 40, status="采纳") for _ in range(8)]
    src.write_bytes(reply_letter(info(), comments() + many, draft_document()))
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(src)], check=True, capture_output=True, timeout=180)
    mm = 72 / 25.4
    with pdfplumber.open(tmp_path / "letter.pdf") as pdf:
        assert len(pdf.pages) >= 2
        for n, page in enumerate(pdf.pages, start=1):
            assert abs(page.width - 210 * mm) < 1 and abs(page.height - 297 * mm) < 1
            words = page.extract_words()
            body = [w for w in words if w["bottom"] < (297 - 35) * mm + 2]
            foot = [w for w in words if w["top"] > (297 - 35) * mm]
            assert body
            chars = [c for c in page.chars if c["bottom"] < (297 - 35) * mm + 2]
            assert min(c["x0"] for c in chars) >= 28 * mm - 1.5
            # full-width punctuation may hang past the line end (标点溢出边界), as in Word
            assert max(c["x1"] for c in chars if c["text"] not in HANGING) <= (210 - 26) * mm + 1.5
            assert min(c["top"] for c in chars) >= 37 * mm - 1.5
            # the page number sits below the 版心, outside: right on odd pages, left on even
            number = "".join(w["text"] for w in foot)
            assert str(n) in number
            xs = [w["x0"] for w in foot]
            if n % 2:
                assert min(xs) > 105 * mm
            else:
                assert max(w["x1"] for w in foot) < 105 * mm
        # 28 characters a line: the longest body line of the first page
        lines = {}
        for ch in pdf.pages[1].chars:
            if ch["top"] < (297 - 35) * mm and "\u4e00" <= ch["text"] <= "\u9fff":
                lines.setdefault(round(ch["top"]), []).append(ch)
        assert max(len(v) for v in lines.values()) in (27, 28)
