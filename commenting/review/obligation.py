"""Rule ``obligation-without-basis``: a normative document adds market entry/exit conditions or
obligations of enterprises without a basis in a higher law.

Deliberately conservative (a reviewer judges the rest): quantitative entry thresholds
(注册资本不得低于…, 场所面积不少于…, 租期不少于…), registration/deregistration made conditional
on extra papers (还应当提交…证明…；未提交的，不予办理注销登记) or on settling something first,
an obligation to buy from a designated provider, and conditions for non-local businesses only.
Triggers are data: corpus/review/obligation.toml.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from commenting.model import Finding
from commenting.review.catalogue import register, rule
from commenting.review.data import parse_basis, table
from commenting.review.text import has_basis_reference, sentences, strip_punct, suggestion


@lru_cache(maxsize=1)
def _triggers():
    out = []
    for t in table("obligation.toml")["trigger"]:
        basis = parse_basis(t["basis"])
        out.append({
            "name": t["name"], "re": re.compile(t["pattern"]),
            "requires": re.compile(t["requires"]) if t.get("requires") else None,
            "exclude": re.compile(t["exclude"]) if t.get("exclude") else None,
            "basis": basis, "reason": t["reason"], "source": t["source"],
        })
    return out


@register("obligation-without-basis")
def check(ctx) -> Iterable[Finding]:
    if ctx.level not in table("obligation.toml")["levels"]:
        return
    sev = rule("obligation-without-basis").severity
    for unit in ctx.article_units:
        for sent in sentences(unit.text):
            if has_basis_reference(sent.text):
                continue
            for t in _triggers():
                m = t["re"].search(sent.text)
                if not m or (t["requires"] and not t["requires"].search(sent.text)):
                    continue
                if t["exclude"] and t["exclude"].search(sent.text):
                    continue
                quote = strip_punct(sent.text)
                reason = f"本条设定了{t['name']}，未援引法律、行政法规依据；{t['reason']}"
                yield Finding(
                    rule="obligation-without-basis", severity=sev, article=unit.article, sub=unit.sub,
                    quote=quote, basis=list(t["basis"]),
                    message=f"规范性文件无上位法依据设定{t['name']}：“{m.group(0)}”。",
                    suggestion=suggestion(action=f"建议删除“{quote}”，或者写明所依据的法律、行政法规条款",
                                          reason=reason, basis=t["basis"]),
                    address=unit.address,
                )
                break
