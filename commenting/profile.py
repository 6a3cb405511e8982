"""The office profile (单位设置): who the office is, where it sits, how its letters are numbered.

One record per store (see ``Store.get_profile`` / ``Store.save_profile``). Letters take its
values by default (:func:`letter_defaults`); its 省/市 is the library's jurisdiction unless the
environment names one (:func:`jurisdiction_of`, the rule is ``settings.office_jurisdiction``).

发文字号 follow GB/T 9704—2012 7.2.4: 发文机关代字、年份、发文顺序号, the year in 六角括号. The
pattern names the two variable parts: ``衡市监函〔{year}〕{n}号``.
"""
from __future__ import annotations

import datetime as dt
import re
import string
from dataclasses import dataclass, fields
from typing import Iterable

from commenting.settings import Jurisdiction, office_jurisdiction

#: the profile's fields with their Chinese labels, in the order the settings page shows them
LABELS = {
    "name": "单位名称",
    "department": "法规科（内设机构）名称",
    "contact": "联系人",
    "phone": "联系电话",
    "province": "所在省份",
    "city": "所在设区的市",
    "doc_number_pattern": "发文字号格式",
    "signature": "默认落款单位",
}

#: the longest value accepted in any field (a name, a phone number, a pattern)
MAX_LENGTH = 100


@dataclass
class OfficeProfile:
    """单位设置. Empty strings are fields not filled in."""

    name: str = ""  # 单位名称, e.g. 衡阳市市场监督管理局
    department: str = ""  # the legal office's own name, e.g. 法规科
    contact: str = ""  # 联系人
    phone: str = ""  # 联系电话
    province: str = ""  # 省 (as corpus/places.csv names it)
    city: str = ""  # 设区的市, within the province
    doc_number_pattern: str = ""  # 发文字号 with {year} and {n}
    signature: str = ""  # 默认落款单位 (default: the 单位名称)
    updated_at: str = ""
    updated_by: str = ""

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        return tuple(LABELS)

    @classmethod
    def from_dict(cls, data: dict) -> "OfficeProfile":
        known = {f.name for f in fields(cls)}
        return cls(**{k: str(v) for k, v in data.items() if k in known})

    def values(self) -> dict[str, str]:
        """The profile's own fields (without who saved it when)."""
        return {k: getattr(self, k) for k in LABELS}

    @property
    def sender(self) -> str:
        """落款单位 a letter takes by default: the default signature, else the office's name."""
        return self.signature.strip() or self.name.strip()


# ---------------------------------------------------------------- validation


def pattern_problem(pattern: str) -> str | None:
    """Why a 发文字号 pattern cannot number letters (None when it can, or is empty)."""
    if not pattern.strip():
        return None
    try:
        names = [name for _, name, spec, conv in string.Formatter().parse(pattern) if name is not None]
    except ValueError:
        return f"发文字号格式「{pattern}」的花括号不成对：只能使用 {{year}}（年份）和 {{n}}（顺序号）"
    unknown = sorted({n for n in names if n not in ("year", "n")})
    if unknown:
        return (f"发文字号格式「{pattern}」含有无法识别的占位符 "
                + "、".join("{" + n + "}" for n in unknown) + "：只能使用 {year}（年份）和 {n}（顺序号）")
    if "n" not in names:
        return f"发文字号格式「{pattern}」缺少顺序号 {{n}}，例如：衡市监函〔{{year}}〕{{n}}号"
    if "year" not in names:
        return f"发文字号格式「{pattern}」缺少年份 {{year}}（GB/T 9704 规定发文字号包含年份），例如：衡市监函〔{{year}}〕{{n}}号"
    if names.count("n") > 1 or names.count("year") > 1:
        return f"发文字号格式「{pattern}」中 {{year}} 和 {{n}} 各只能出现一次"
    return None


def problems(profile: OfficeProfile) -> list[str]:
    """What is wrong with a profile, one Chinese sentence each ([] when it can be saved)."""
    from commenting.corpus import facts  # the place list (loaded on first use, as the store's segmenter)

    out = []
    for key, label in LABELS.items():
        value = getattr(profile, key)
        if len(value) > MAX_LENGTH:
            out.append(f"{label}过长（{len(value)} 字，最多 {MAX_LENGTH} 字）")
        if "\n" in value or "\r" in value:
            out.append(f"{label}不能分行")
    problem = pattern_problem(profile.doc_number_pattern)
    if problem:
        out.append(problem)
    if profile.phone.strip() and not re.search(r"\d", profile.phone):
        out.append(f"联系电话「{profile.phone}」中没有号码")
    places = facts.places()
    province, city = profile.province.strip(), profile.city.strip()
    if province:
        place = places.get(province)
        if place is None or place.kind != "province":
            out.append(f"「{province}」不是省级行政区的名称（应为完整名称，如 湖南省、广西壮族自治区、北京市）")
    if city:
        place = places.get(city)
        if not province:
            out.append(f"填写所在市「{city}」时，请同时选择所在省份")
        elif place is None or place.kind != "city":
            out.append(f"「{city}」不是设区的市的名称（应为完整名称，如 衡阳市、湘西土家族苗族自治州）")
        elif place.province != province:
            out.append(f"{city}属于{place.province}，不属于{province}")
    return out


def provinces() -> list[str]:
    """Province names the profile accepts, as corpus/places.csv lists them."""
    from commenting.corpus import facts

    return [p.name for p in facts.places().values() if p.kind == "province"]


def cities(province: str) -> list[str]:
    """Cities of ``province`` the profile accepts."""
    from commenting.corpus import facts

    return [p.name for p in facts.places().values() if p.kind == "city" and p.province == province]


# ---------------------------------------------------------------- what the profile is used for


def jurisdiction_of(profile: OfficeProfile) -> Jurisdiction:
    """The library's jurisdiction for this office (environment first, see settings)."""
    return office_jurisdiction(profile.province.strip() or None, profile.city.strip() or None)


_BRACKETS = str.maketrans({"[": "〔", "［": "〔", "【": "〔", "(": "〔", "（": "〔",
                           "]": "〕", "］": "〕", "】": "〕", ")": "〕", "）": "〕"})


def _canonical(text: str) -> str:
    """Compare 文号 regardless of spaces and of how the year's brackets were typed."""
    return re.sub(r"\s+", "", text or "").translate(_BRACKETS)


def _number_regex(pattern: str) -> re.Pattern:
    parts = []
    for literal, name, _spec, _conv in string.Formatter().parse(_canonical(pattern)):
        parts.append(re.escape(literal))
        if name == "year":
            parts.append(r"(?P<year>\d{4})")
        elif name == "n":
            parts.append(r"0*(?P<n>\d{1,6})")
    return re.compile("".join(parts))


def next_doc_number(pattern: str, used: Iterable[str], today: dt.date | None = None) -> str:
    """The 发文字号 to propose for a new letter: this year's, numbered one past the highest
    number of this year's letters that follow the pattern (1 for the year's first letter).

    Args:
        pattern: e.g. ``衡市监函〔{year}〕{n}号`` (checked by :func:`pattern_problem`).
        used: 文号 already given to letters (any year, any pattern; others are ignored).
        today: the day of the letter (default: today).

    Returns:
        e.g. ``衡市监函〔2026〕13号``; "" when the pattern is empty or cannot number letters.
    """
    if not pattern.strip() or pattern_problem(pattern):
        return ""
    year = (today or dt.date.today()).year
    rx = _number_regex(pattern)
    numbers = [int(m["n"]) for m in (rx.fullmatch(_canonical(u)) for u in used)
               if m is not None and int(m["year"]) == year]
    return pattern.format(year=year, n=max(numbers, default=0) + 1)


def letter_defaults(profile: OfficeProfile, used_numbers: Iterable[str], today: dt.date | None = None) -> dict[str, str]:
    """What a reply letter takes from the profile until the reviewer writes otherwise:
    落款单位, 联系人, 联系电话 and the next 发文字号 (LetterInfo field names; empty ones left out)."""
    values = {
        "sender": profile.sender,
        "contact": profile.contact.strip(),
        "phone": profile.phone.strip(),
        "doc_number": next_doc_number(profile.doc_number_pattern, used_numbers, today),
    }
    return {k: v for k, v in values.items() if v}
