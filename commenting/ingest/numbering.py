"""Word automatic numbering (numbering.xml) rendered to the label a reader sees.

A paragraph carrying ``w:numPr`` (directly or through its style) shows a label such as
「第一条」 that is not in its runs. :class:`Numbering` keeps Word's counters while the body
is walked in order and returns that label with its suffix.

Counters belong to the abstract definition (``w:abstractNum``), so every ``w:num`` that
points at it continues one sequence; a ``w:num`` with ``w:lvlOverride/w:startOverride``
restarts its levels the first time it is used, the way Word renders a "restart at" list.
Deeper levels restart when a higher level is used, unless ``w:lvlRestart`` says otherwise.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from commenting.numerals import to_chinese

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FULL_SPACE = "\u3000"


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    suff: str = "tab"  # "tab" | "space" | "nothing"
    restart: int | None = None  # w:lvlRestart (one-based level index; 0 = never)
    legal: bool = False  # w:isLgl: show every level as decimal
    pstyle: str | None = None


@dataclass
class Abstract:
    levels: dict[int, Level] = field(default_factory=dict)
    style_link: str | None = None  # w:numStyleLink → a numbering style that holds the real list


@dataclass
class Num:
    abstract: str
    start_overrides: dict[int, int] = field(default_factory=dict)
    level_overrides: dict[int, Level] = field(default_factory=dict)


def _val(el, tag: str) -> str | None:
    child = el.find(W + tag)
    if child is None:
        return None
    return child.get(W + "val")


def _int(s: str | None, default: int | None = None) -> int | None:
    try:
        return int(s) if s is not None else default
    except ValueError:
        return default


def _parse_level(el) -> Level:
    lvl = Level()
    lvl.start = _int(_val(el, "start"), 1)
    lvl.fmt = _val(el, "numFmt") or "decimal"
    lvl.text = _val(el, "lvlText") or ""
    lvl.suff = _val(el, "suff") or "tab"
    lvl.restart = _int(_val(el, "lvlRestart"))
    legal = el.find(W + "isLgl")
    lvl.legal = legal is not None and legal.get(W + "val", "true") not in ("0", "false", "off")
    lvl.pstyle = _val(el, "pStyle")
    return lvl


# ---------------------------------------------------------------- number formats

_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_LEGAL_SIMPLIFIED = str.maketrans("一二三四五六七八九十百千", "壹贰叁肆伍陆柒捌玖拾佰仟")
_LEGAL_TRADITIONAL = str.maketrans("一二三四五六七八九十百千万", "壹貳參肆伍陸柒捌玖拾佰仟萬")
_DIGIT_IDEO = str.maketrans("0123456789", "〇一二三四五六七八九")
_DIGIT_FULL = str.maketrans("0123456789", "０１２３４５６７８９")


def _roman(n: int) -> str:
    out = []
    for value, sym in _ROMAN:
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    # Word repeats the letter: 27 → AA, 28 → BB
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _enclosed(n: int, first: int, count: int) -> str:
    return chr(first + n - 1) if 1 <= n <= count else str(n)


def format_number(n: int, fmt: str) -> str:
    """One counter value in a w:numFmt; unknown formats fall back to decimal."""
    if fmt == "none":
        return ""
    if n <= 0 and fmt not in ("decimal", "decimalZero"):
        return str(n)
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting",
               "taiwaneseCountingThousand", "japaneseCounting", "koreanCounting",
               "koreanCountingThousand", "ideographTraditionalCounting"):
        return to_chinese(n)
    if fmt == "chineseLegalSimplified":
        s = to_chinese(n)
        if s.startswith("十"):
            s = "一" + s
        return s.translate(_LEGAL_SIMPLIFIED)
    if fmt == "ideographLegalTraditional":
        s = to_chinese(n)
        if s.startswith("十"):
            s = "一" + s
        return s.translate(_LEGAL_TRADITIONAL)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return str(n).translate(_DIGIT_IDEO)
    if fmt == "ideographTraditional":
        return _STEMS[(n - 1) % 10]
    if fmt == "ideographZodiac":
        return _BRANCHES[(n - 1) % 12]
    if fmt == "ideographEnclosedCircle":
        return _enclosed(n, 0x3220, 10)  # ㈠
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _enclosed(n, 0x2460, 20)  # ①
    if fmt == "decimalEnclosedParen":
        return _enclosed(n, 0x2474, 20)  # ⑴
    if fmt == "decimalEnclosedFullstop":
        return _enclosed(n, 0x2488, 20)  # ⒈
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate(_DIGIT_FULL)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    return str(n)


_PLACEHOLDER = re.compile(r"%([1-9])")
_CJK_END = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]$")


def suffix(label: str, suff: str) -> str:
    """What follows the label. Word's tab and space both become 「　」 after a Chinese label,
    so a numbered 「第一条」 reads exactly like a typed 「第一条　」."""
    if not label or suff == "nothing":
        return ""
    if suff == "space" and not _CJK_END.search(label):
        return " "
    if suff == "tab" and not _CJK_END.search(label):
        return "\t"
    return FULL_SPACE


class Numbering:
    """Numbering definitions of one document plus the running counters."""

    def __init__(self, root=None, style_numpr: dict[str, tuple[str | None, int | None]] | None = None):
        self.abstracts: dict[str, Abstract] = {}
        self.nums: dict[str, Num] = {}
        self.style_numpr = style_numpr or {}
        # counters[abstract id][ilvl] = current value (None: not started)
        self.counters: dict[str, dict[int, int | None]] = {}
        self.used_nums: set[str] = set()
        self.restart_at: dict[tuple[str, int], int] = {}
        if root is not None:
            self._load(root)

    def _load(self, root) -> None:
        for an in root.iter(W + "abstractNum"):
            a = Abstract()
            for lvl in an.findall(W + "lvl"):
                a.levels[_int(lvl.get(W + "ilvl"), 0)] = _parse_level(lvl)
            a.style_link = _val(an, "numStyleLink")
            self.abstracts[an.get(W + "abstractNumId", "")] = a
        for num in root.iter(W + "num"):
            n = Num(abstract=_val(num, "abstractNumId") or "")
            for ov in num.findall(W + "lvlOverride"):
                ilvl = _int(ov.get(W + "ilvl"), 0)
                so = _int(_val(ov, "startOverride"))
                lvl = ov.find(W + "lvl")
                if lvl is not None:
                    n.level_overrides[ilvl] = _parse_level(lvl)
                    if so is None:
                        so = _int(_val(lvl, "start"))
                if so is not None:
                    n.start_overrides[ilvl] = so
            self.nums[num.get(W + "numId", "")] = n

    def _abstract_id(self, num_id: str) -> str | None:
        num = self.nums.get(num_id)
        if num is None:
            return None
        aid = num.abstract
        # numStyleLink: the list is defined by the numbering style's own w:num
        for _ in range(4):
            a = self.abstracts.get(aid)
            if a is None or not a.style_link:
                break
            linked_num, _ilvl = self.style_numpr.get(a.style_link, (None, None))
            if not linked_num or linked_num not in self.nums:
                break
            aid = self.nums[linked_num].abstract
        return aid if aid in self.abstracts else None

    def _level(self, num_id: str, aid: str, ilvl: int) -> Level | None:
        num = self.nums[num_id]
        if ilvl in num.level_overrides:
            return num.level_overrides[ilvl]
        return self.abstracts[aid].levels.get(ilvl)

    def style_level(self, num_id: str, style_id: str) -> int | None:
        """The level whose w:pStyle names ``style_id`` (style-linked numbering without ilvl)."""
        aid = self._abstract_id(num_id)
        if aid is None:
            return None
        for ilvl, lvl in self.abstracts[aid].levels.items():
            if lvl.pstyle == style_id:
                return ilvl
        return None

    def next_label(self, num_id: str, ilvl: int) -> str:
        """Advance the counter for one numbered paragraph; return its label and suffix."""
        aid = self._abstract_id(num_id)
        if aid is None:
            return ""
        ilvl = max(0, min(ilvl, 8))
        lvl = self._level(num_id, aid, ilvl)
        if lvl is None:
            return ""
        counters = self.counters.setdefault(aid, {})
        if num_id not in self.used_nums:
            # first paragraph of a w:num with startOverride: its levels restart there
            self.used_nums.add(num_id)
            for ov_lvl, start in self.nums[num_id].start_overrides.items():
                counters[ov_lvl] = None
                self.restart_at[(aid, ov_lvl)] = start
        current = counters.get(ilvl)
        if current is None:
            current = self.restart_at.pop((aid, ilvl), lvl.start)
        else:
            current += 1
        counters[ilvl] = current
        # deeper levels restart when this level is used (per w:lvlRestart)
        for deeper in range(ilvl + 1, 9):
            dl = self._level(num_id, aid, deeper)
            restart = dl.restart if dl is not None and dl.restart is not None else deeper
            if restart != 0 and ilvl < restart:
                counters[deeper] = None
        if lvl.fmt == "bullet":
            return ""  # bullets carry no number; the glyph is usually a Symbol-font private char
        label = _PLACEHOLDER.sub(
            lambda m: self._render(num_id, aid, int(m.group(1)) - 1, lvl.legal), lvl.text
        )
        return label + suffix(label, lvl.suff)

    def _render(self, num_id: str, aid: str, ilvl: int, legal: bool) -> str:
        lvl = self._level(num_id, aid, ilvl)
        if lvl is None or lvl.fmt == "bullet":
            return ""
        value = self.counters.get(aid, {}).get(ilvl)
        if value is None:  # a level not used yet shows its start value, as Word does
            value = self.restart_at.get((aid, ilvl), lvl.start)
        return format_number(value, "decimal" if legal and lvl.fmt != "none" else lvl.fmt)


__all__ = ["Numbering", "Level", "format_number", "suffix"]
