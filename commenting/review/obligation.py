"""Rule ``obligation-without-basis``: a normative document adds market entry/exit conditions or
obligations of enterprises without a basis in a higher law.

Deliberately conservative (a reviewer judges the rest): quantitative entry thresholds
(注册资本不得低于…, 场所面积不少于…, 租期不少于…), registration/deregistration made conditional
on extra papers (还应当提交…证明…；未提交的，不予办理注销登记) or on settling something first,
an obligation to buy from a designated provider, conditions for non-local businesses only, and
costs put on the businesses a measure is applied to (检验费用由被抽查的生产者承担) — a conflict,
with that provision as the basis, where a current provision on the subject forbids charging them
(不得向被检查人收取检验费用). A sentence restating a higher-law provision, or asking whether
(是否…), imposes nothing.
Triggers are data: corpus/review/obligation.toml.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from commenting.model import Basis, Finding
from commenting.numerals import article_label
from commenting.review.catalogue import register, rule
from commenting.review.data import parse_basis, table
from commenting.review.text import (
    asserted, clauses, has_basis_reference, lines_with_chapeau, overlap, sentences,
    strip_punct, suggestion,
)
from commenting.textsim import content_bigrams


@lru_cache(maxsize=1)
def _triggers():
    out = []
    for t in table("obligation.toml")["trigger"]:
        basis = parse_basis(t["basis"])
        out.append({
            "name": t["name"], "re": re.compile(t["pattern"]),
            "requires": re.compile(t["requires"]) if t.get("requires") else None,
            "exclude": re.compile(t["exclude"]) if t.get("exclude") else None,
            "conflict": re.compile(t["conflict"]) if t.get("conflict") else None,
            "basis": basis, "reason": t["reason"], "source": t["source"],
            "chapeau": bool(t.get("chapeau")),
        })
    return out


CONFLICT_MIN = 0.3  # topic share of the draft sentence found in the forbidding clause's article


def _conflicting(ctx, unit, sentence: str, pattern: re.Pattern):
    """(provision, clause) of a current higher-law provision that forbids what ``sentence``
    imposes (不得…收取…费用), on the same subject, or None."""
    for h in ctx.related(unit):
        if not ctx.in_force(h):
            continue
        for cl in clauses(h.text):
            if pattern.search(cl.text) and overlap(sentence, h.text) >= CONFLICT_MIN \
                    and content_bigrams(cl.text) & content_bigrams(sentence) - _GENERIC:
                return h, strip_punct(cl.text)
    return None


# words every fee clause shares; a conflict needs a shared subject beyond them
_GENERIC = frozenset({"费用", "收取", "承担", "所需"})


@register("obligation-without-basis")
def check(ctx) -> Iterable[Finding]:
    if ctx.level not in table("obligation.toml")["levels"]:
        return
    sev = rule("obligation-without-basis").severity
    for unit in ctx.article_units:
        # an item of a list reads on from its chapeau (应当提交下列材料：…（三）…机构出具的报告)
        chapeaus = {off: ch for off, _, ch in lines_with_chapeau(unit.text) if ch}
        for sent in sentences(unit.text):
            if has_basis_reference(sent.text):
                continue
            chapeau = chapeaus.get(sent.start, "")
            if chapeau and has_basis_reference(chapeau):
                chapeau = ""
            head = asserted(sent.text)  # 是否由经营者承担…费用 asks, it does not impose
            for t in _triggers():
                lead = chapeau if t["chapeau"] else ""
                pre = asserted(lead) if lead else ""
                m = t["re"].search(pre + head)
                if m and m.end() <= len(pre):
                    m = None  # the chapeau alone speaks for itself as a sentence
                whole = lead + sent.text
                if not m or (t["requires"] and not t["requires"].search(whole)):
                    continue
                if t["exclude"] and t["exclude"].search(whole):
                    continue
                if ctx.restated_by(unit, strip_punct(sent.text)) is not None:
                    continue  # the higher law itself says so
                quote = strip_punct(sent.text)
                basis, severity = list(t["basis"]), sev
                reason = f"本条设定了{t['name']}，未援引法律、行政法规依据；{t['reason']}"
                message = f"规范性文件无上位法依据设定{t['name']}：“{m.group(0)}”。"
                found = _conflicting(ctx, unit, sent.text, t["conflict"]) if t["conflict"] else None
                action = f"建议删除“{quote}”，或者写明所依据的法律、行政法规条款"
                if found:
                    h, forbid = found
                    action = f"建议删除“{quote}”"
                    basis, severity = [Basis(h.law, h.article)] + basis, "error"
                    ref = f"《{h.law}》{article_label(h.article)}"
                    reason = f"{ref}规定“{forbid}”，本条要求市场主体承担该项费用，与上位法相抵触；{t['reason']}"
                    message = f"本条与{ref}相抵触：上位法规定“{forbid}”，本条却规定“{m.group(0)}”。"
                yield Finding(
                    rule="obligation-without-basis", severity=severity, article=unit.article, sub=unit.sub,
                    quote=quote, basis=basis, message=message,
                    suggestion=suggestion(action=action, reason=reason, basis=basis),
                    address=unit.address,
                )
                break
