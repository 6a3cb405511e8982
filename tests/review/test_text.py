"""Shared clause helpers: questions and explicit higher-law bases."""
from commenting.review.text import asserted, explicit_basis, is_question, question_start


def test_a_clause_asking_whether_is_a_question_from_where_it_asks():
    clause = "应当重点审查是否经负责人批准"
    assert is_question(clause) and asserted(clause) == "应当重点审查"
    assert question_start("听证是否公开举行？") is not None
    assert question_start("有无违法所得") == 0
    assert asserted("经批准后方可生产") == "经批准后方可生产"
    # 是否 inside a cited title asks nothing
    assert not is_question("依照《关于是否征收某某费用的批复》执行")


def test_explicit_basis_names_the_higher_law_not_the_draft_or_an_escape_clause():
    assert explicit_basis("依照《中华人民共和国产品质量法》第四十九条的规定，责令停止生产") == "中华人民共和国产品质量法"
    assert explicit_basis("依照本办法第五条的规定处理") is None
    assert explicit_basis("法律、法规另有规定的，从其规定") is None
    assert explicit_basis("在依法履行监督检查职责时，可以行使下列职权：") is None


def _span_at_by_scanning(text, pos, ends):
    """span_at as first written: re-split the whole text and take the first span holding pos."""
    from commenting.review.text import Span, spans

    for s in spans(text, ends):
        if s.start <= pos < s.end:
            return s
    return Span(0, len(text), text)


def test_span_at_on_a_long_text_is_the_span_a_full_split_gives_at_every_offset():
    import random

    from commenting.review.text import span_at

    rng = random.Random(12)
    pieces = ["违反本办法第二条规定的，", "依照第二条处理；", "。", "\n", "  \n", "　", "；；", "罚款！", "是否？", "x;"]
    text = "".join(rng.choice(pieces) for _ in range(3000))
    for ends in ("。；;！？\n", "。！？\n", "。！？；;\n"):
        positions = list(range(-2, 400)) + rng.sample(range(len(text)), 600) + [len(text) - 1, len(text), len(text) + 5]
        for pos in positions:
            assert span_at(text, pos, ends) == _span_at_by_scanning(text, pos, ends), (ends, pos)
    # the default ends are the clause ends; a text with no content is one span of its own
    assert span_at(text, 50) == _span_at_by_scanning(text, 50, "。；;！？\n")
    assert span_at("  \n ", 1).text == "  \n "


def test_spans_split_at_every_end_char_keep_it_and_skip_blank_pieces():
    from commenting.review.text import Span, spans

    assert spans("甲。 \n乙；丙", "。；\n") == [Span(0, 2, "甲。"), Span(4, 6, "乙；"), Span(6, 7, "丙")]
    # characters that mean something in a regular expression's [...] are plain end chars here
    assert spans("a-b]c\\d", "-]\\") == [Span(0, 2, "a-"), Span(2, 4, "b]"), Span(4, 6, "c\\"), Span(6, 7, "d")]
    assert spans("  ", "。") == [] and spans("", "。") == []
