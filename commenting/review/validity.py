"""Rule ``validity-period``: a normative document (or a 试行/暂行 one) without a lawful 有效期.

Which documents need one, the maximum years (general / 试行·暂行) and the wording patterns are
data (corpus/review/validity.toml, with sources). The finding sits on the article holding the
effective-date clause (…自…起施行), or on article 0 when the draft has none.
"""
from __future__ import annotations

import re
from typing import Iterable

from commenting.model import Finding
from commenting.numerals import from_chinese, to_chinese
from commenting.review.catalogue import register, rule
from commenting.review.data import table
from commenting.review.text import clauses, strip_punct, suggestion


def _limits() -> dict[str, tuple[int, str]]:
    return {lim["kind"]: (int(lim["max_years"]), lim["source"]) for lim in table("validity.toml")["limit"]}


def _is_trial(title: str, markers: list[str]) -> bool:
    return any(m in (title or "") for m in markers)


@register("validity-period")
def check(ctx) -> Iterable[Finding]:
    data = table("validity.toml")
    doc = ctx.document
    trial = _is_trial(doc.title, data["trial_markers"])
    level = ctx.level
    if level not in data["levels"]:
        return  # only the documents a rule requires a validity period of (a 规章 or 行政法规 marked 暂行 is not one)
    if not doc.articles:
        return
    limits = _limits()
    max_years, source = limits["trial" if trial else "general"]
    kind = "试行、暂行的规范性文件" if trial else "规范性文件"
    pat = data["patterns"]
    period_re, until_re, eff_re = re.compile(pat["period"]), re.compile(pat["until"]), re.compile(pat["effective"])
    sev = rule("validity-period").severity

    # The clause stating the period (anywhere; usually the last article), else the effective-date clause.
    for art in reversed(doc.articles):
        m = period_re.search(art.text)
        if m and not (eff_re.search(art.text) or _SELF.search(m.string[max(0, m.start() - 30):m.end()])):
            m = None  # a 有效期 of something else (a licence, a certificate)
        if m:
            try:
                years = from_chinese(m.group("n"))
            except ValueError:
                return
            if years > max_years:
                quote = m.group(0)
                proposed = quote.replace(m.group("n"), to_chinese(max_years))
                reason = f"本文件为{kind}，有效期最长为{to_chinese(max_years)}年，草案规定{m.group('n')}年，超过了允许的期限"
                yield Finding("validity-period", sev, art.no, quote, [], reason + "。",
                              suggestion(quote=quote, proposed=proposed, reason=reason, basis_text=source),
                              art.address, art.sub, proposed)
            return
        if until_re.search(art.text):
            return  # an end date is a period; its length needs the issue date, which a draft lacks
    for art in reversed(doc.articles):
        for cl in clauses(art.text):
            if eff_re.search(cl.text):
                quote = strip_punct(cl.text)
                proposed = quote + f"，有效期{to_chinese(max_years)}年"
                reason = f"本文件为{kind}，应当规定有效期（不超过{to_chinese(max_years)}年），草案未规定"
                yield Finding("validity-period", sev, art.no, quote, [], reason + "。",
                              suggestion(quote=quote, proposed=proposed, reason=reason, basis_text=source),
                              art.address, art.sub, proposed)
                return
    reason = f"本文件为{kind}，应当规定施行日期和有效期（不超过{to_chinese(max_years)}年），草案均未规定"
    yield Finding("validity-period", sev, 0, "", [], reason + "。",
                  suggestion(action=f"建议在附则中增加“本{_noun(doc.title)}自印发之日起施行，有效期{to_chinese(max_years)}年”",
                             reason=reason, basis_text=source))


_SELF = re.compile(r"本(?:办法|规定|细则|实施细则|通知|意见|方案|决定|制度|规则|指引|文件|标准)")


def _noun(title: str) -> str:
    """办法 / 规定 / 细则 / 通知 … — how the draft calls itself (本办法)."""
    t = re.sub(r"[（(][^）)]*[）)]", "", title or "")
    for n in ("实施细则", "细则", "办法", "规定", "规则", "通知", "意见", "方案", "决定", "制度", "指引", "标准"):
        if t.endswith(n):
            return n
    return "文件"
