"""Rule ``penalty-type``: sanctions that are not lawful kinds of 行政处罚, or misnamed ones.

The misnomers (没收非法所得 → 没收违法所得, 罚金 → 罚款, 取消经营资格, 行政拘留 by a market
regulator…) are rows of corpus/review/penalty_types.csv with the correct name, an exclusion
pattern for contexts where the word is right (罚金 in a criminal-liability clause), the levels that
may set the sanction themselves (``may_set``: 法律、行政法规 may set 取消资格 as another kind of
行政处罚, 行政处罚法第九条第（六）项), the basis and the source.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from commenting.model import Finding
from commenting.review.catalogue import register, rule
from commenting.review.data import parse_basis, rows
from commenting.review.text import span_at, suggestion


@lru_cache(maxsize=1)
def _entries():
    out = []
    for r in rows("penalty_types.csv"):
        out.append((re.compile(r["pattern"]), r["correct"], re.compile(r["exclude"]) if r["exclude"] else None,
                    parse_basis(r["basis"]), r["note"], re.compile(r["require"]) if r["require"] else None,
                    frozenset(x for x in (r.get("may_set") or "").split(";") if x)))
    return out


def _inside_title(text: str, pos: int) -> bool:
    """Is ``pos`` inside a 《…》 title (the name of a law, not a sanction of the draft)?"""
    return text.rfind("《", 0, pos) > text.rfind("》", 0, pos)


@register("penalty-type")
def check(ctx) -> Iterable[Finding]:
    sev = rule("penalty-type").severity
    for unit in ctx.units:
        text = unit.text
        for pattern, correct, exclude, basis, note, require, may_set in _entries():
            if ctx.level in may_set:
                continue  # a level that may set this sanction itself (法律、行政法规规定的其他行政处罚)
            for m in pattern.finditer(text):
                if _inside_title(text, m.start()):
                    continue
                clause = span_at(text, m.start(), "。！？\n").text  # the sentence
                # the criminal-law context must be in the same ；-clause: 「处以罚金；构成犯罪的，依法
                #追究刑事责任」 is an administrative 罚金 followed by the usual criminal-liability clause
                part = span_at(text, m.start(), "。！？；;\n").text
                if exclude and exclude.search(part):
                    continue
                if require and not require.search(clause):
                    continue
                quote = m.group(0)
                proposed = correct or None
                if proposed:
                    sugg = suggestion(quote=quote, proposed=proposed, reason=note, basis=basis)
                    msg = f"“{quote}”不是法定的行政处罚种类名称，应为“{correct}”。"
                else:
                    sugg = suggestion(
                        action=f"建议删除“{quote}”，或者改为法律、行政法规规定的处罚种类并写明依据",
                        reason=note, basis=basis)
                    msg = f"“{quote}”不是行政处罚法规定的处罚种类。"
                yield Finding(
                    rule="penalty-type", severity=sev if unit.is_article else "warning",
                    article=unit.article, sub=unit.sub, quote=quote, basis=list(basis), message=msg,
                    suggestion=sugg, address=unit.address, proposed=proposed,
                )
