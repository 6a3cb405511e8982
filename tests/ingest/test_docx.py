"""The .docx reader: body order, automatic numbering, tracked changes, fields, tables, styles."""
from __future__ import annotations

import docx
import pytest

from commenting.ingest import read_bytes
from commenting.ingest.numbering import format_number
from ingest_builders import abstract, build_docx, level, num, para, run, texts

ARTICLE = abstract(90, level(0, "chineseCounting", "第%1条", suff="space"))


def test_numbering_renders_article_labels_like_typed_text():
    body = "".join([
        para("第一章\u3000总则"),
        para("为了规范行政处罚。", num=90),
        para("本规定适用于全省。", num=90),
        para("法律另有规定的，从其规定。"),  # a second 款: no label
        para("第二章\u3000附则"),
        para("本规定自印发之日起施行。", num=90),
    ])
    numbered = read_bytes(build_docx(body, numbering=ARTICLE + num(90, 90)))
    typed = read_bytes(build_docx("".join([
        para("第一章\u3000总则"),
        para("第一条\u3000为了规范行政处罚。"),
        para("第二条\u3000本规定适用于全省。"),
        para("法律另有规定的，从其规定。"),
        para("第二章\u3000附则"),
        para("第三条\u3000本规定自印发之日起施行。"),
    ])))
    assert texts(numbered) == texts(typed)
    assert texts(numbered)[1] == "第一条\u3000为了规范行政处罚。"
    assert [b.location for b in numbered][:2] == ["段落 1", "段落 2"]


def test_numbering_past_ten_uses_chinese_numerals():
    body = "".join(para(f"内容{i}。", num=90) for i in range(1, 106))
    t = texts(read_bytes(build_docx(body, numbering=ARTICLE + num(90, 90))))
    assert t[9] == "第十条\u3000内容10。"
    assert t[10] == "第十一条\u3000内容11。"
    assert t[19] == "第二十条\u3000内容20。"
    assert t[104] == "第一百零五条\u3000内容105。"


def test_start_value_and_restart_with_start_override():
    numbering = (
        abstract(1, level(0, "chineseCountingThousand", "第%1条", start=5, suff="tab"))
        + num(1, 1)
        + num(2, 1, {0: 1})  # a new w:num on the same list: restart at 1
        + num(3, 1)  # same list, no override: continues the shared sequence
    )
    body = "".join([
        para("甲。", num=1), para("乙。", num=1),
        para("丙。", num=2), para("丁。", num=2),
        para("戊。", num=3),
    ])
    assert texts(read_bytes(build_docx(body, numbering=numbering))) == [
        "第五条\u3000甲。", "第六条\u3000乙。", "第一条\u3000丙。", "第二条\u3000丁。", "第三条\u3000戊。",
    ]


def test_multilevel_lists_restart_lower_levels_and_honour_lvlrestart():
    numbering = abstract(
        2,
        level(0, "chineseCounting", "第%1章", suff="space"),
        level(1, "chineseCounting", "（%2）", suff="nothing"),
        level(2, "decimal", "%3.", suff="nothing", restart=0),  # never restarts
        level(3, "upperLetter", "%1-%4", suff="space"),
    ) + num(7, 2)
    body = "".join([
        para("总则", num=7, ilvl=0),
        para("甲项；", num=7, ilvl=1),
        para("乙项；", num=7, ilvl=1),
        para("目一", num=7, ilvl=2),
        para("附则", num=7, ilvl=0),
        para("丙项；", num=7, ilvl=1),
        para("目二", num=7, ilvl=2),
        para("字母", num=7, ilvl=3),
    ])
    assert texts(read_bytes(build_docx(body, numbering=numbering))) == [
        "第一章\u3000总则", "（一）甲项；", "（二）乙项；", "1.目一",
        "第二章\u3000附则", "（一）丙项；", "2.目二", "二-A 字母",
    ]


def test_style_linked_numbering():
    styles = (
        '<w:style w:type="paragraph" w:customStyle="1" w:styleId="ArticleStyle">'
        '<w:name w:val="条文"/><w:basedOn w:val="Normal"/>'
        '<w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:style>'
    )
    numbering = abstract(
        5,
        level(0, "chineseCounting", "第%1章", suff="space"),
        level(1, "chineseCounting", "第%2条", suff="space", pstyle="ArticleStyle", restart=0),
    ) + num(5, 5)
    body = para("本办法适用于本市。", style="ArticleStyle") + para("本办法自公布之日起施行。", style="ArticleStyle")
    blocks = read_bytes(build_docx(body, numbering=numbering, styles=styles))
    assert texts(blocks) == ["第一条\u3000本办法适用于本市。", "第二条\u3000本办法自公布之日起施行。"]
    assert blocks[0].style == "条文"


@pytest.mark.parametrize("n, fmt, expected", [
    (3, "decimal", "3"), (105, "chineseCounting", "一百零五"), (10, "chineseCountingThousand", "十"),
    (1, "ideographTraditional", "甲"), (4, "ideographTraditional", "丁"), (3, "upperLetter", "C"),
    (28, "lowerLetter", "bb"), (4, "lowerRoman", "iv"), (14, "upperRoman", "XIV"),
    (10, "chineseLegalSimplified", "壹拾"), (3, "decimalEnclosedCircle", "③"),
    (7, "decimalZero", "07"), (12, "ideographDigital", "一二"), (2, "none", ""),
])
def test_number_formats(n, fmt, expected):
    assert format_number(n, fmt) == expected


def test_tracked_insertions_kept_deletions_dropped():
    body = "".join([
        para(inner=run("当事人") + '<w:ins w:id="1" w:author="a"><w:r><w:t>应当</w:t></w:r></w:ins>'
             + '<w:del w:id="2" w:author="a"><w:r><w:delText>可以</w:delText></w:r></w:del>' + run("陈述申辩。")),
        # an inserted paragraph
        para(inner='<w:ins w:id="3" w:author="a"><w:r><w:t>新增的一段。</w:t></w:r></w:ins>'),
        # a wholly deleted paragraph (mark deleted too) disappears
        '<w:p><w:pPr><w:rPr><w:del w:id="4" w:author="a"/></w:rPr></w:pPr>'
        '<w:del w:id="5" w:author="a"><w:r><w:delText>删除的一段。</w:delText></w:r></w:del></w:p>',
        # a paragraph whose mark was deleted joins the next one
        '<w:p><w:pPr><w:rPr><w:del w:id="6" w:author="a"/></w:rPr></w:pPr>' + run("前半句，") + "</w:p>",
        para("后半句。"),
    ])
    assert texts(read_bytes(build_docx(body))) == ["当事人应当陈述申辩。", "新增的一段。", "前半句，后半句。"]


def test_python_docx_would_miss_inserted_text():
    # why we read the XML ourselves: python-docx's paragraph text skips runs inside w:ins
    data = build_docx(para(inner=run("甲") + '<w:ins w:id="1" w:author="a"><w:r><w:t>乙</w:t></w:r></w:ins>'))
    import io

    assert docx.Document(io.BytesIO(data)).paragraphs[0].text == "甲"
    assert texts(read_bytes(data)) == ["甲乙"]


FOOTNOTES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:footnote w:id="1"><w:p><w:r><w:t>脚注里的说明文字</w:t></w:r></w:p></w:footnote></w:footnotes>'
).encode()


def test_headers_footers_footnotes_comments_stay_out_of_the_body():
    def setup(d):
        d.sections[0].header.paragraphs[0].text = "页眉：某某局文件"
        d.sections[0].footer.paragraphs[0].text = "页脚：第1页"
        p = d.add_paragraph("正文第一段。")
        d.add_comment(p.runs, text="批注：建议删除", author="审查人")

    body = para(inner=run("正文第二段") + '<w:r><w:footnoteReference w:id="1"/></w:r>' + run("。"))
    blocks = read_bytes(build_docx(body, setup=setup, extra_parts={"word/footnotes.xml": FOOTNOTES}))
    assert texts(blocks) == ["正文第一段。", "正文第二段。"]
    joined = "".join(texts(blocks))
    for absent in ("页眉", "页脚", "批注", "脚注"):
        assert absent not in joined


def test_table_rows_become_table_row_blocks():
    def setup(d):
        d.add_paragraph("附件")
        t = d.add_table(rows=3, cols=3)
        for r, row in enumerate([["序号", "违法行为", "处罚标准"], ["1", "未取得许可", "罚款一万元"], ["2", "", ""]]):
            for c, value in enumerate(row):
                t.cell(r, c).text = value
        t.cell(2, 1).paragraphs[0].add_run("第一行")
        t.cell(2, 1).add_paragraph("第二行")

    blocks = read_bytes(build_docx(para("正文之后。"), setup=setup))
    rows = [b for b in blocks if b.kind == "table_row"]
    assert [b.cells for b in rows] == [["序号", "违法行为", "处罚标准"], ["1", "未取得许可", "罚款一万元"],
                                      ["2", "第一行\n第二行", ""]]
    assert rows[1].text == "1\t未取得许可\t罚款一万元"
    assert [b.location for b in rows] == ["表格 1 第 1 行", "表格 1 第 2 行", "表格 1 第 3 行"]
    # reading order: the paragraph before the table, the rows, then the paragraph after it
    assert texts(blocks)[0] == "附件" and texts(blocks)[-1] == "正文之后。"


def test_fields_keep_result_and_drop_code():
    body = para(inner=(
        run("见第")
        + '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        + '<w:r><w:instrText xml:space="preserve"> REF _Ref123 \\h </w:instrText></w:r>'
        + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + run("三")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        + run("条；")
        + '<w:fldSimple w:instr=" DATE "><w:r><w:t>2021年9月1日</w:t></w:r></w:fldSimple>'
    ))
    assert texts(read_bytes(build_docx(body))) == ["见第三条；2021年9月1日"]


def test_breaks_tabs_spaces_and_hidden_text():
    body = para(inner=(
        run("第一条\u3000甲") + "<w:r><w:br/></w:r>" + run("乙") + "<w:r><w:tab/></w:r>" + run("丙")
        + '<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>' + "<w:r><w:cr/></w:r>" + run("丁")
    ))
    assert texts(read_bytes(build_docx(body))) == ["第一条\u3000甲\n乙\t丙\n丁"]


def test_content_controls_smart_tags_and_hyperlinks_are_read():
    body = (
        '<w:sdt><w:sdtPr/><w:sdtContent>' + para("控件中的一段。") + '</w:sdtContent></w:sdt>'
        + para(inner=(
            '<w:smartTag w:uri="urn:x" w:element="place">' + run("衡阳市") + '</w:smartTag>'
            + '<w:hyperlink r:id="rId99">' + run("市场监管局") + '</w:hyperlink>'
            + '<w:sdt><w:sdtContent>' + run("网站") + '</w:sdtContent></w:sdt>'
        ))
    )
    assert texts(read_bytes(build_docx(body))) == ["控件中的一段。", "衡阳市市场监管局网站"]


def test_style_names_give_kind_and_level():
    styles = (
        '<w:style w:type="paragraph" w:customStyle="1" w:styleId="CN3"><w:name w:val="标题 3"/></w:style>'
        '<w:style w:type="paragraph" w:customStyle="1" w:styleId="Outline">'
        '<w:name w:val="大纲段"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>'
    )
    body = "".join([
        para("某某办法", style="Title"),
        para("第一章\u3000总则", style="Heading1"),
        para("第一节\u3000一般规定", style="Heading2"),
        para("中文标题", style="CN3"),
        para("大纲", style="Outline"),
        para("正文。"),
    ])
    blocks = read_bytes(build_docx(body, styles=styles))
    assert [(b.kind, b.level, b.style) for b in blocks] == [
        ("title", None, "Title"), ("heading", 1, "Heading 1"), ("heading", 2, "Heading 2"),
        ("heading", 3, "标题 3"), ("paragraph", 2, "大纲段"), ("paragraph", None, "Normal"),
    ]


def test_traditional_script_and_full_width_spaces_kept_as_drafted():
    body = para("第一條\u3000為了規範行政處罰，\u3000保障權益。")
    assert texts(read_bytes(build_docx(body))) == ["第一條\u3000為了規範行政處罰，\u3000保障權益。"]


def test_numbered_paragraph_inside_a_table_cell_counts():
    def setup(d):
        t = d.add_table(rows=1, cols=1)
        t.cell(0, 0).text = "表内"

    body = para("甲。", num=90) + para("乙。", num=90)
    numbering = ARTICLE + num(90, 90)
    blocks = read_bytes(build_docx(body, numbering=numbering, setup=setup))
    assert texts(blocks) == ["表内", "第一条\u3000甲。", "第二条\u3000乙。"]


def test_strict_open_xml_namespace_is_read():
    import io
    import zipfile

    data = build_docx(para("甲。", num=90) + para("乙。", style="Heading1"), numbering=ARTICLE + num(90, 90))
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    strict = b"http://purl.oclc.org/ooxml/wordprocessingml/main"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            part = src.read(info.filename)
            if info.filename.startswith("word/") and info.filename.endswith(".xml"):
                part = part.replace(b"http://schemas.openxmlformats.org/wordprocessingml/2006/main", strict)
            dst.writestr(info.filename, part)
    blocks = read_bytes(out.getvalue())
    assert texts(blocks) == ["第一条\u3000甲。", "乙。"]
    assert blocks[1].kind == "heading"


def test_deleted_paragraph_mark_at_the_end_keeps_its_text():
    body = para("甲。") + '<w:p><w:pPr><w:rPr><w:del w:id="6" w:author="a"/></w:rPr></w:pPr>' + run("最后一段。") + "</w:p>"
    assert texts(read_bytes(build_docx(body))) == ["甲。", "最后一段。"]


def test_level_override_replaces_the_level_definition():
    numbering = ARTICLE + num(90, 90) + (
        '<w:num w:numId="91"><w:abstractNumId w:val="90"/><w:lvlOverride w:ilvl="0">'
        + level(0, "chineseCounting", "第%1章", start=1, suff="space") + "</w:lvlOverride></w:num>"
    )
    body = para("甲。", num=90) + para("乙。", num=90) + para("总则", num=91)
    assert texts(read_bytes(build_docx(body, numbering=numbering))) == [
        "第一条\u3000甲。", "第二条\u3000乙。", "第一章\u3000总则"]


def test_table_of_contents_is_left_out_and_unclosed_fields_do_not_swallow_text():
    fld = lambda kind: f'<w:r><w:fldChar w:fldCharType="{kind}"/></w:r>'  # noqa: E731
    body = "".join([
        para("目录"),
        para(inner=fld("begin") + '<w:r><w:instrText> TOC \\o "1-3" </w:instrText></w:r>' + fld("separate")
             + run("第一章\u3000总则\t1")),
        para("第二章\u3000附则\t3"),
        para(inner=fld("end")),
        para("第一章\u3000总则"),
        para(inner=run("见") + fld("begin") + '<w:r><w:instrText> PAGEREF x </w:instrText></w:r>'),  # never closed
        para("下一段仍然读得到。"),
    ])
    assert texts(read_bytes(build_docx(body))) == ["目录", "第一章\u3000总则", "见", "下一段仍然读得到。"]


def test_legal_style_numbering_shows_decimal_levels():
    legal = level(1, "chineseCounting", "%1.%2", suff="space").replace("<w:lvlText", "<w:isLgl/><w:lvlText")
    numbering = abstract(3, level(0, "chineseCounting", "%1、", suff="nothing"), legal) + num(3, 3)
    body = para("总体要求", num=3, ilvl=0) + para("细则", num=3, ilvl=1) + para("细则二", num=3, ilvl=1)
    assert texts(read_bytes(build_docx(body, numbering=numbering))) == ["一、总体要求", "1.1 细则", "1.2 细则二"]
