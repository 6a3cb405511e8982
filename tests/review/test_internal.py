from commenting.review import internal
from review_fakes import make_doc
from review_helpers import run


def test_article_beyond_the_last_one_with_likely_target():
    doc = make_doc("为了规范管理，制定本规定。",
                   "省局制定不予处罚事项清单，向社会公布。",
                   "各市州可以在本规定第二十八条规定的清单范围内，细化不予处罚事项清单的适用情形。")
    (f,) = run(internal, doc)
    assert (f.rule, f.article, f.quote) == ("internal-reference", 3, "本规定第二十八条")
    assert "共三条" in f.message and "第二条" in f.message
    assert f.proposed == "本规定第二条"


def test_item_beyond_the_items_of_another_article():
    doc = make_doc(["免责情形如下：\n（一）甲；\n（二）乙；\n（三）其他情形。"],
                   "符合本办法第一条第（四）项规定的，予以免责。")
    (f,) = run(internal, doc)
    assert f.quote == "本办法第一条第（四）项" and "只有三项" in f.message


def test_previous_paragraph_item():
    doc = make_doc(["审核后分别提出下列意见：\n（一）同意；\n（二）补充调查；\n（三）建议修改；\n（四）不予处罚。",
                    "提出前款第（五）项审核意见的，移送司法机关。"])
    (f,) = run(internal, doc)
    assert f.quote == "前款第（五）项" and "前款只有四项" in f.message


def test_paragraph_beyond_the_article():
    doc = make_doc(["第一款。", "第二款。"], "依照本办法第一条第三款执行。")
    (f,) = run(internal, doc)
    assert "只有二款" in f.message


def test_valid_internal_references_pass():
    doc = make_doc(["审核下列内容：\n（一）主体；\n（二）程序。", "对前款第（二）项有异议的，可以复核。"],
                   "依照本办法第一条第（一）项、第一条第二款执行。",
                   "违反本办法第二条规定的，责令改正。")
    assert run(internal, doc) == []


def test_previous_two_paragraphs_need_two_paragraphs_before():
    doc = make_doc(["第一款。", "违反前两款规定的，责令改正。"])
    (f,) = run(internal, doc)
    assert f.quote == "前两款"
    ok = make_doc(["第一款。", "第二款。", "违反前两款规定的，责令改正。"])
    assert run(internal, ok) == []


def test_clause_and_paragraph_lookup_match_a_fresh_split_at_every_offset():
    from commenting.review.context import Unit
    from commenting.review.text import span_at

    doc = make_doc(["有下列情形之一的，依照本办法第二条处理：\n（一）甲；\n（二）乙。", "违反前款规定的；\n责令改正。", "",
                    "第三款。"], "第二条。")
    art = doc.articles[0]
    unit = Unit(art.no, art.text, art.address, art.label, source=art)
    offsets = internal._Offsets(unit)
    for pos in range(len(art.text) + 1):
        assert offsets.clause_at(pos) == span_at(art.text, pos), pos
        assert offsets.paragraph_at(pos) == unit.paragraph_index(pos), pos


def test_an_article_citing_a_missing_article_thousands_of_times_gets_a_finding_for_each():
    doc = make_doc("为了规范管理，制定本规定。", "依照本规定第九条处理；" * 3000)
    found = run(internal, doc)
    assert len(found) == 3000 and {f.quote for f in found} == {"本规定第九条"}
