"""Chinese numerals and the labels built from them (条, 项, 目) — the one place for them.

``from_chinese("一百零五") == 105``, ``to_chinese(105) == "一百零五"`` (written the way laws
write numbers: 十五, not 一十五; 一百一十, not 一百十), ``parse_article_label("第二十条之一")
== (20, 1)``, ``item_label(3) == "（三）"``.

The regex fragments (``CN_NUM``, ``NUM``, ``ARTICLE_LABEL``…) are shared with the citation
grammar and the structure parser, so every module recognises the same numerals.
"""
from __future__ import annotations

import re
from functools import lru_cache

__all__ = [
    "CN_DIGITS",
    "CN_NUM",
    "NUM",
    "ARTICLE_LABEL",
    "ITEM_LABEL",
    "ITEM_START",
    "SUBITEM_LABEL",
    "from_chinese",
    "to_chinese",
    "parse_article_label",
    "article_label",
    "parse_item_label",
    "item_label",
    "parse_subitem_label",
    "subitem_label",
    "to_simplified",
]

# Digits and units, including 两, 〇, traditional/financial forms (壹貳參…) and 廿/卅.
_DIGITS = {
    "零": 0, "〇": 0, "○": 0, "Ｏ": 0,
    "一": 1, "壹": 1, "弌": 1,
    "二": 2, "两": 2, "兩": 2, "贰": 2, "貳": 2, "弍": 2,
    "三": 3, "叁": 3, "參": 3, "叄": 3, "弎": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}
_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG_UNITS = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
_SPECIAL = {"廿": 20, "卅": 30, "卌": 40}

_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")

#: character class body of every character a Chinese numeral may use
CN_DIGITS = "零〇○一二两三四五六七八九十百千万壹贰叁肆伍陆柒捌玖拾佰仟貳參陸兩萬廿卅"
#: one Chinese numeral (greedy run of numeral characters)
CN_NUM = f"[{CN_DIGITS}]+"
#: a Chinese numeral or a run of ASCII / full-width digits
NUM = f"(?:{CN_NUM}|[0-9０-９]+)"
#: 第二十条之一 / 第二十條之一 / 第 20 条; groups: no, sub (sub may be None)
ARTICLE_LABEL = rf"第\s*(?P<no>{NUM})\s*[条條](?:之(?P<sub>{CN_NUM}|[0-9０-９]+))?"
#: （三） / (三) — full- or half-width brackets; group: no
ITEM_LABEL = rf"[（(]\s*(?P<no>{CN_NUM})\s*[）)]"
#: 目: 1. / 1． / 1、 / (1) / （1）; group: no
SUBITEM_LABEL = r"(?:(?P<no>[0-9０-９]+)\s*[.．、](?![0-9０-９])|[（(]\s*(?P<pno>[0-9０-９]+)\s*[）)])"

#: a line (or clause) that starts with a 项 label; group: no
ITEM_START = re.compile(rf"^\s*{ITEM_LABEL}")

_ARTICLE_RE = re.compile(rf"^\s*{ARTICLE_LABEL}\s*$")
_ITEM_RE = re.compile(rf"^\s*{ITEM_LABEL}\s*$")
_SUBITEM_RE = re.compile(rf"^\s*{SUBITEM_LABEL}\s*$")


def from_chinese(s: str) -> int:
    """Value of a Chinese numeral (一百零五, 两千, 廿三, 壹佰) or of ASCII/full-width digits.

    Raises ValueError when ``s`` is not a numeral.
    """
    t = s.strip().translate(_FULLWIDTH_DIGITS)
    if not t:
        raise ValueError("空的数字")
    if t.isdigit() and t.isascii():
        return int(t)
    # A run of bare digits without units is positional: 二〇二一 → 2021.
    if all(ch in _DIGITS for ch in t) and len(t) > 1:
        return int("".join(str(_DIGITS[ch]) for ch in t))
    total = 0  # completed 万/亿 groups
    section = 0  # value below the current big unit
    digit: int | None = None
    for ch in t:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _SPECIAL:
            section += _SPECIAL[ch]
            digit = None
        elif ch in _SMALL_UNITS:
            # 十 alone or at the start means 一十
            section += (1 if digit is None else digit) * _SMALL_UNITS[ch]
            digit = None
        elif ch in _BIG_UNITS:
            unit = _BIG_UNITS[ch]
            section += digit or 0
            if section == 0 and total == 0:
                raise ValueError(f"不是中文数字：{s}")
            total = (total + section) * unit if unit > 10_000 else total + section * unit
            section = 0
            digit = None
        else:
            raise ValueError(f"不是中文数字：{s}")
    return total + section + (digit or 0)


_CN = "零一二三四五六七八九"


def _below_10000(n: int, leading: bool) -> str:
    """0 < n < 10000; ``leading``: this is the number's first group (十五, not 一十五)."""
    out = []
    units = [(1000, "千"), (100, "百"), (10, "十"), (1, "")]
    zero = False
    started = False
    for value, name in units:
        d = n // value % 10
        if d == 0:
            if started:
                zero = True
            continue
        if zero:
            out.append("零")
            zero = False
        if value == 10 and d == 1 and not started and leading:
            out.append("十")
        else:
            out.append(_CN[d] + name)
        started = True
    return "".join(out)


def to_chinese(n: int) -> str:
    """Chinese numeral as laws write it: 10 → 十, 15 → 十五, 105 → 一百零五, 110 → 一百一十."""
    if n < 0:
        return "负" + to_chinese(-n)
    if n == 0:
        return "零"
    groups = []
    while n:
        n, g = divmod(n, 10_000)
        groups.append(g)
    names = ["", "万", "亿", "万亿"]
    out = ""
    gap = False  # a zero group or leading zeros since the last written group
    for i in reversed(range(len(groups))):
        g = groups[i]
        if g == 0:
            gap = bool(out)
            continue
        if out and (gap or g < 1000):
            out += "零"
        out += _below_10000(g, leading=not out) + names[i]
        gap = False
    return out


def parse_article_label(label: str) -> tuple[int, int]:
    """第二十条之一 → (20, 1); 第一百零五条 → (105, 0); traditional 第二十條 as well."""
    m = _ARTICLE_RE.match(label)
    if not m:
        raise ValueError(f"不是条的编号：{label}")
    sub = m.group("sub")
    return from_chinese(m.group("no")), (from_chinese(sub) if sub else 0)


def article_label(no: int, sub: int = 0) -> str:
    """(20, 1) → 第二十条之一."""
    return f"第{to_chinese(no)}条" + (f"之{to_chinese(sub)}" if sub else "")


def parse_item_label(label: str) -> int:
    """（三） / (三) → 3."""
    m = _ITEM_RE.match(label)
    if not m:
        raise ValueError(f"不是项的编号：{label}")
    return from_chinese(m.group("no"))


def item_label(no: int) -> str:
    """3 → （三）."""
    return f"（{to_chinese(no)}）"


def parse_subitem_label(label: str) -> int:
    """目: 1. / 1、 / 1． / (1) / （1） → 1."""
    m = _SUBITEM_RE.match(label)
    if not m:
        raise ValueError(f"不是目的编号：{label}")
    return from_chinese(m.group("no") or m.group("pno"))


def subitem_label(no: int) -> str:
    """1 → 1."""
    return f"{no}."


@lru_cache(maxsize=1)
def traditional_table() -> dict[int, str]:
    """Traditional → simplified characters (a ``str.translate`` table), one character each, from
    corpus/traditional_chars.csv (source: 《通用规范汉字表》附件1)."""
    import csv

    from commenting.paths import FACTS_DIR

    with open(FACTS_DIR / "traditional_chars.csv", encoding="utf-8", newline="") as f:
        return {ord(r["traditional"]): r["simplified"] for r in csv.DictReader(f)
                if len(r["traditional"]) == 1 and len(r["simplified"]) == 1}


def to_simplified(text: str) -> str:
    """Traditional characters mapped to simplified, length-preserving (for matching only: stored
    text stays as drafted)."""
    return text.translate(traditional_table())
