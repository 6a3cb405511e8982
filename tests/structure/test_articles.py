"""条/款/项/目, chapter and section strings, label forms, false starts, 之一, addresses."""
from commenting.structure import parse

from structure_helpers import B

T = "某市某某办法"


def test_label_forms_fullwidth_space_space_and_none():
    doc = parse(B(T, "第一条　为了规范。", "第二条 本办法适用于本市。", "第三条本办法自印发之日起施行。"))
    assert [(a.no, a.label, a.text) for a in doc.articles] == [
        (1, "第一条", "为了规范。"),
        (2, "第二条", "本办法适用于本市。"),
        (3, "第三条", "本办法自印发之日起施行。"),
    ]


def test_paragraphs_are_blocks_first_is_text_after_label():
    doc = parse(B(T, "第一条　第一款。", "第二款。", "第三款。", "第二条　下一条。"))
    a = doc.article(1)
    assert [p.text for p in a.paragraphs] == ["第一款。", "第二款。", "第三款。"]
    assert [p.no for p in a.paragraphs] == [1, 2, 3]
    assert a.text == "第一款。\n第二款。\n第三款。"
    assert doc.to_json()["articles"][0]["paragraphs"] == ["第一款。", "第二款。", "第三款。"]


def test_label_alone_on_its_line():
    doc = parse(B(T, "第一条", "为了规范。", "第二款。"))
    assert [p.text for p in doc.article(1).paragraphs] == ["为了规范。", "第二款。"]


def test_items_and_subitems():
    doc = parse(B(
        T,
        "第五条　有下列情形之一的，不予处罚：",
        "（一）情形一；",
        "（二）情形二，包括：",
        "1.甲；",
        "2、乙；",
        "（三）其他情形。",
        "前款规定以外的，依法处理。",
    ))
    a = doc.article(5)
    assert len(a.paragraphs) == 2
    p1 = a.paragraphs[0]
    assert [(i.no, i.label, i.text) for i in p1.items] == [
        (1, "（一）", "情形一；"), (2, "（二）", "情形二，包括："), (3, "（三）", "其他情形。")]
    assert [(s.no, s.label, s.text) for s in p1.items[1].children] == [(1, "1.", "甲；"), (2, "2、", "乙；")]
    assert p1.text.splitlines()[1] == "（一）情形一；"
    assert "1.甲；" in a.text
    assert a.paragraphs[1].text == "前款规定以外的，依法处理。"
    assert [x.kind for x in doc.anomalies] == ["gap"]  # starts at 第五条; the 项/目 are in order


def test_chapters_and_sections():
    doc = parse(B(
        T, "第一章　总则", "第一条　甲。", "第二章  监督  管理", "第一节 检查", "第二条　乙。", "第二节\u3000处理",
        "第三条　丙。", "第三章 附　则", "第四条　丁。",
    ))
    got = [(a.no, a.chapter, a.section) for a in doc.articles]
    assert got == [
        (1, "第一章 总则", None),
        (2, "第二章 监督 管理", "第一节 检查"),
        (3, "第二章 监督 管理", "第二节 处理"),
        (4, "第三章 附则", None),
    ]
    assert [(h.kind, h.no, h.label, h.title, h.first_article) for h in doc.headings] == [
        ("章", 1, "第一章", "总则", 1), ("章", 2, "第二章", "监督  管理", 2), ("节", 1, "第一节", "检查", 2),
        ("节", 2, "第二节", "处理", 3), ("章", 3, "第三章", "附　则", 4)]
    assert doc.headings[0].text == "第一章　总则"


def test_bian_resets_chapters():
    doc = parse(B(T, "第一编 总则", "第一章 一般规定", "第一条　甲。", "第二编 分则", "第一章 某某", "第二条　乙。"))
    assert [h.kind for h in doc.headings] == ["编", "章", "编", "章"]
    assert doc.article(2).chapter == "第一章 某某"
    assert not doc.anomalies


def test_large_numbers_and_inserted_articles():
    lines = [T] + [f"第{n}条　内容{k}。" for k, n in enumerate(
        ["一百零三", "一百零四", "一百零五", "一百零五条之一", "一百零五条之二", "一百零六"])]
    lines = [x.replace("条之一条", "条之一").replace("条之二条", "条之二") for x in lines]
    doc = parse(B(*lines))
    assert [(a.no, a.sub, a.label, a.address) for a in doc.articles][2:5] == [
        (105, 0, "第一百零五条", "art-105"),
        (105, 1, "第一百零五条之一", "art-105-1"),
        (105, 2, "第一百零五条之二", "art-105-2"),
    ]
    js = doc.to_json()["articles"]
    assert js[3]["sub"] == 1 and "sub" not in js[2]
    assert doc.article(105, 1).text == "内容3。"
    # the draft starts at 103: a gap from the start, nothing else
    assert [x.kind for x in doc.anomalies] == ["gap"]


def test_citing_line_is_not_a_new_article():
    doc = parse(B(T, "第一条　为了规范。", "第十条规定的情形，依照本办法处理。", "第二条　乙。"))
    assert [a.no for a in doc.articles] == [1, 2]
    assert doc.article(1).paragraphs[1].text == "第十条规定的情形，依照本办法处理。"
    assert not doc.anomalies


def test_citing_text_run_into_label_but_expected_number_starts_article():
    doc = parse(B(T, "第一条　为了规范。", "第二条规定的事项由市局负责。"))
    assert [a.no for a in doc.articles] == [1, 2]


def test_addresses():
    doc = parse(B(T, "第十二条　第一款。", "第二款：", "（一）甲；", "（二）乙；", "（三）丙，包括：", "1.子项；", "第二十条之一　插入。"))
    a = doc.article(12)
    assert a.address == "art-12"
    assert [p.address for p in a.paragraphs] == ["art-12.p-1", "art-12.p-2"]
    assert [i.address for i in a.paragraphs[1].items] == ["art-12.p-2.i-1", "art-12.p-2.i-2", "art-12.p-2.i-3"]
    assert a.paragraphs[1].items[2].children[0].address == "art-12.p-2.i-3.s-1"
    assert doc.article(20, 1).address == "art-20-1"
    assert [p.address for p in doc.parts] == ["art-0.x-1"]


def test_duplicate_article_gets_distinct_address():
    doc = parse(B(T, "第一条　甲。", "第二条　乙。", "第二条　丙。", "第三条　丁。"))
    assert [a.address for a in doc.articles] == ["art-1", "art-2", "art-2~2", "art-3"]


def test_fullwidth_and_ascii_digit_labels():
    doc = parse(B(T, "第1条　甲。", "第２条　乙。"))
    assert [(a.no, a.label) for a in doc.articles] == [(1, "第1条"), (2, "第２条")]


def test_closing_signature_and_attachment_are_article_zero():
    doc = parse(B(
        T, "第一条　甲。", "第二条　本办法自印发之日起施行。", "某市市场监督管理局", "2021年　月　日",
        "附件", "某某清单", "一、事项一",
    ))
    assert doc.article(2).text == "本办法自印发之日起施行。"
    assert [p.kind for p in doc.parts][1:] == ["closing", "closing", "attachment", "attachment", "attachment"]
    assert doc.issuer == "某市市场监督管理局"


def test_table_rows_are_attachment_parts():
    from commenting.model import Block

    blocks = B(T, "第一条　甲。", "附件：裁量基准表") + [
        Block("序号\t违法行为", kind="table_row", cells=["序号", "违法行为"], location="表格 1 行 1"),
        Block("1\t销售劣药", kind="table_row", cells=["1", "销售劣药"], location="表格 1 行 2"),
    ]
    doc = parse(blocks)
    assert len(doc.articles) == 1
    att = [p for p in doc.parts if p.kind == "attachment"]
    assert [p.cells for p in att[1:]] == [["序号", "违法行为"], ["1", "销售劣药"]]
    assert att[2].location == "表格 1 行 2"


def test_chapters_numbered_like_outline_in_an_article_document():
    doc = parse(B(T, "一、总则", "第一条　甲。", "第二条　乙。", "二、附则", "第三条　丙。"))
    assert [(a.no, a.chapter) for a in doc.articles] == [(1, "一、总则"), (2, "一、总则"), (3, "二、附则")]
    assert doc.article(2).text == "乙。"
    assert [(h.label, h.title, h.first_article) for h in doc.headings] == [("一、", "总则", 1), ("二、", "附则", 3)]
    assert doc.outline == "articles" and not doc.anomalies


def test_articles_resume_after_a_stray_attachment_line():
    doc = parse(B(T, "第一条　甲。", "附件：某某表", "第二条　乙。", "附件", "第一条　附件中的条文。"))
    assert [a.no for a in doc.articles] == [1, 2]
    assert [p.kind for p in doc.parts] == ["title", "attachment", "attachment", "attachment"]


def test_colophon_lines_end_the_last_article():
    doc = parse(B(T, "第一条　甲。", "第二条　乙。", "抄送：市委办公室，市人大常委会办公室。",
                  "某市人民政府办公室2021年8月27日印发"))
    assert doc.article(2).text == "乙。"
    assert [p.kind for p in doc.parts] == ["title", "closing", "closing"]


def test_articles_run_on_in_one_paragraph_are_split_where_the_numbering_continues():
    doc = parse(B(T, "第一条 为了规范。 第二条 本办法适用于本市，依照第五条 处理。 第三条 本办法自印发之日起施行。"))
    assert [(a.no, a.text) for a in doc.articles] == [
        (1, "为了规范。"), (2, "本办法适用于本市，依照第五条 处理。"), (3, "本办法自印发之日起施行。")]
    # a label that does not continue the numbering is a citation, even after a full stop
    doc = parse(B(T, "第一条 为了规范。 第五条 规定的情形除外。"))
    assert [a.no for a in doc.articles] == [1]
