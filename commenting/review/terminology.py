"""Rule ``terminology``: obsolete agency names and wrong legal terms.

Obsolete names (工商行政管理部门, 食品药品监督管理部门, 物价部门…) come from the corpus
(``corpus.obsolete_names()``, rows with name/successor/source kept by the corpus in corpus/);
wrong legal terms (行政处分 → 处分) are the same table's kind=term rows; sanction names in it
(罚金, 没收非法所得) are left to the penalty-type rule. A name inside a cited title
(《工商行政管理……规定》) is the citation rules' business, and a name the draft itself marks as
historical (原工商行政管理部门, 机构改革前…, a decree 国家工商行政管理总局令第X号) is right, so both are skipped.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Iterable

from commenting.model import Basis, Finding
from commenting.numerals import CN_NUM, from_chinese
from commenting.review.catalogue import register, rule
from commenting.review.text import span_at, suggestion

_HISTORICAL = re.compile(r"机构改革|更名|改革前|原有|撤销|划入|整合|废止|停止执行")


_LAW_ARTICLE = re.compile(rf"《([^》]+)》第({CN_NUM})条")


def _basis_from_source(source: str) -> list[Basis]:
    """《中华人民共和国行政处罚法》第七十六条 in a source note → Basis (terms only)."""
    out = []
    for m in _LAW_ARTICLE.finditer(source or ""):
        try:
            out.append(Basis(m.group(1), from_chinese(m.group(2))))
        except ValueError:
            continue
    return out


def _penalty_patterns() -> list[re.Pattern]:
    from commenting.review.penalty_type import _entries

    return [e[0] for e in _entries()]


def _obsolete(ctx) -> list[tuple[str, str, str]]:
    """(name, successor, source, kind), longest names first so 工商行政管理部门 wins over 工商行政管理;
    only names already obsolete on the review day (a 2010 rule rightly says 工商行政管理机关)."""
    if "obsolete" not in ctx.cache:
        items = []
        penalty = _penalty_patterns()
        day = ctx.as_of or dt.date.today().isoformat()
        for o in ctx.corpus.obsolete_names():
            if len(o.name) < 2 or (o.since and day < o.since):
                continue
            if o.kind != "agency" and any(p.fullmatch(o.name) for p in penalty):
                continue  # a sanction name: the penalty-type rule reports it
            items.append((o.name, o.successor, o.source, o.kind))
        items.sort(key=lambda t: -len(t[0]))
        ctx.cache["obsolete"] = items
    return ctx.cache["obsolete"]


def _inside_title(text: str, pos: int) -> bool:
    return text.rfind("《", 0, pos) > text.rfind("》", 0, pos)


@register("terminology")
def check(ctx) -> Iterable[Finding]:
    """One finding per obsolete name, where it first stands in an article (a reviewer writes one
    comment: 全文“工商行政管理部门”应修改为……), with how often the draft uses it."""
    sev = rule("terminology").severity
    places: dict[str, list] = {}  # name → units it stands in, in order
    entry = {}
    for unit in ctx.units:
        text = unit.text
        taken: list[tuple[int, int]] = []
        for name, successor, source, kind in _obsolete(ctx):
            start = 0
            while (pos := text.find(name, start)) >= 0:
                start = pos + len(name)
                end = pos + len(name)
                if any(a < end and pos < b for a, b in taken):
                    continue
                taken.append((pos, end))
                if _inside_title(text, pos):
                    continue
                if kind == "agency" and ("原" in text[max(0, pos - 3):pos] or text.startswith("令", end)
                                         or _HISTORICAL.search(span_at(text, pos).text)):
                    continue
                places.setdefault(name, []).append(unit)
                entry[name] = (successor, source, kind)
    for name, units in places.items():
        successor, source, kind = entry[name]
        unit = next((u for u in units if u.is_article), units[0])
        succ = re.split(r"[（(/；]", successor)[0].strip() or None
        if kind == "agency":
            reason = f"“{name}”为机构改革前的旧称" + (f"，现行表述为“{successor}”" if successor else "")
            basis: list[Basis] = []
        else:
            reason = f"“{name}”用语不规范" + (f"，现行法律表述为“{successor}”" if successor else "")
            basis = _basis_from_source(source)
        more = f"；全文共{len(units)}处，请一并修改" if len(units) > 1 else ""
        yield Finding(
            rule="terminology", severity=sev if unit.is_article else "info",
            article=unit.article, sub=unit.sub, quote=name, basis=basis,
            message=reason + more + "。",
            suggestion=suggestion(quote=name, proposed=succ, reason=reason,
                                  action=f"建议将“{name}”修改为现行规范用语",
                                  basis=basis, basis_text=source),
            address=unit.address, proposed=succ,
        )
