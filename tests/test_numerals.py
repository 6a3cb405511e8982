import pytest

from commenting import numerals as n


@pytest.mark.parametrize(
    "text,value",
    [
        ("一", 1), ("十", 10), ("十五", 15), ("二十", 20), ("一百零五", 105), ("一百一十", 110),
        ("一千", 1000), ("一千零一", 1001), ("两", 2), ("两千", 2000), ("〇", 0), ("零", 0),
        ("二〇二一", 2021), ("１２", 12), ("12", 12), ("壹佰零伍", 105), ("貳拾", 20),
        ("廿三", 23), ("一万零一十", 10010), ("十万", 100000),
    ],
)
def test_from_chinese(text, value):
    assert n.from_chinese(text) == value


@pytest.mark.parametrize("bad", ["", "条", "一a", "万"])
def test_from_chinese_rejects(bad):
    with pytest.raises(ValueError):
        n.from_chinese(bad)


@pytest.mark.parametrize(
    "value,text",
    [(1, "一"), (10, "十"), (15, "十五"), (20, "二十"), (105, "一百零五"), (110, "一百一十"),
     (1000, "一千"), (1001, "一千零一"), (1010, "一千零一十"), (10000, "一万"), (0, "零")],
)
def test_to_chinese(value, text):
    assert n.to_chinese(value) == text


def test_round_trip_1_to_2000():
    for i in range(1, 2001):
        assert n.from_chinese(n.to_chinese(i)) == i
        assert n.parse_article_label(n.article_label(i)) == (i, 0)
        assert n.parse_item_label(n.item_label(i)) == i


def test_round_trip_large():
    for i in (10_001, 99_999, 100_010, 1_000_000, 123_456_789):
        assert n.from_chinese(n.to_chinese(i)) == i


def test_article_labels():
    assert n.parse_article_label("第二十条之一") == (20, 1)
    assert n.parse_article_label("第一百零五条") == (105, 0)
    assert n.parse_article_label("第二十條之一") == (20, 1)
    assert n.parse_article_label("第 20 条") == (20, 0)
    assert n.article_label(20, 1) == "第二十条之一"
    assert n.article_label(105) == "第一百零五条"
    with pytest.raises(ValueError):
        n.parse_article_label("第二十章")


def test_item_labels():
    assert n.parse_item_label("（三）") == 3
    assert n.parse_item_label("(三)") == 3
    assert n.parse_item_label("（十一）") == 11
    assert n.item_label(3) == "（三）"
    with pytest.raises(ValueError):
        n.parse_item_label("三、")


def test_subitem_labels():
    assert n.parse_subitem_label("1.") == 1
    assert n.parse_subitem_label("1、") == 1
    assert n.parse_subitem_label("１．") == 1
    assert n.parse_subitem_label("(2)") == 2
    assert n.parse_subitem_label("（12）") == 12
    assert n.subitem_label(4) == "4."
    assert n.parse_subitem_label(n.subitem_label(7)) == 7


def test_regex_fragments_match_numerals():
    import re

    assert re.fullmatch(n.CN_NUM, "一百零五")
    assert re.fullmatch(n.NUM, "１０５")
    m = re.search(n.ARTICLE_LABEL, "依照本法第二十条之一的规定")
    assert m and m.group("no") == "二十" and m.group("sub") == "一"


def test_to_simplified_keeps_length():
    s = "第二十條　第一節　第一編"
    assert n.to_simplified(s) == "第二十条　第一节　第一编"
    assert len(n.to_simplified(s)) == len(s)
