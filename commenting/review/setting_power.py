"""Rule ``setting-power``: a draft sets what its level may not set.

A 规范性文件 may create no 行政处罚, 行政许可, 行政强制措施 or fee; a 地方政府规章 only 警告、通报
批评 and fines. A clause "sets" a measure when it prescribes it itself — a sanction in the
consequence of a condition ("…的，由…处…罚款"), an authorisation to seize, an approval without
which something may not be done (also a 备案 that works as one: 未经备案不得销售), a fee to pay — without grounding it in a higher law: in the
same clause (依照《…》…, 依法, 法律、法规规定…), in an earlier clause of the sentence applying a
named law to the same kind of measure, or in the chapeau of its list. A clause that restates a
higher-law provision granting the same measure (nearly all its words and every amount found in a
current law/regulation/rule article, see ReviewContext.restated_by) creates nothing, and what
follows 是否/有无 asks rather than sets. Patterns, what each level may set, the measure words a
restated provision must hold and the basis per kind are data: corpus/review/setting_power.toml.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from commenting.model import Basis, Finding
from commenting.review.catalogue import register, rule
from commenting.review.data import table
from commenting.review.text import (
    Span, asserted, explicit_basis, has_basis_reference, lines_with_chapeau, sentences, spans,
    strip_punct, suggestion,
)
from commenting.textsim import content_bigrams

# what makes a sanction prescribed: a condition before it ("…的，", "违反本办法…", "对…的经营者，")
_CONDITION = re.compile(r"的[，,]|情节[^，。；]{0,6}的|逾期[^，。；]{0,8}的|违反本|^对[^，。；]{2,60}[，,]")


@lru_cache(maxsize=1)
def _kinds() -> dict[str, dict]:
    out = {}
    for key, k in table("setting_power.toml")["kinds"].items():
        out[key] = {
            "name": k["name"],
            "re": re.compile(k["pattern"]),
            "exclude": re.compile(k["exclude"]) if k.get("exclude") else None,
            "condition": bool(k.get("requires_condition")),
            "discipline": re.compile(k["discipline"]) if k.get("discipline") else None,
            "grants": re.compile(k.get("grants") or k["pattern"]),
            "part_exclude": k.get("exclude_scope") == "part",
        }
    return out


def _basis_of(r: dict) -> list[Basis]:
    """The row's provision and any further ones (``also = ["title:article", …]``)."""
    out = [Basis(r["law"], int(r["article"]))]
    for spec in r.get("also", []):
        law, _, no = spec.rpartition(":")
        out.append(Basis(law, int(no)))
    return out


def _basis_for(level: str, kind: str) -> tuple[list[Basis], str, str]:
    rows = table("setting_power.toml")["basis"]
    for r in rows:
        if r["kind"] == kind and r["level"] == level:
            return _basis_of(r), r["reason"], r["source"]
    for r in rows:
        if r["kind"] == kind and r["level"] == "*":
            return _basis_of(r), r["reason"], r["source"]
    return [], "", ""


def _part_at(text: str, m: re.Match) -> str:
    """The comma-delimited part(s) of ``text`` the match spans."""
    lo = max(text.rfind(ch, 0, m.start()) for ch in "，,；;。") + 1
    ends = [i for i in (text.find(ch, m.end()) for ch in "，,；;。") if i >= 0]
    return text[lo:min(ends) if ends else len(text)]


def find_settings(text: str, kinds: list[str], allowed: re.Pattern | None = None):
    """(kind, sentence, clause, match) for each clause of ``text`` that itself sets a measure.

    Not a setting: a clause grounded in a higher law (依照《…》…, 依法…), an item under a chapeau
    that acts under a named law (依照《…》的规定，有下列情形之一的：), a later clause of a sentence
    whose earlier clause applies a named law to the same kind of measure (依照《…》第N条的规定，
    没收…；有违法所得的，并处没收违法所得), and what follows 是否/有无 (a question sets nothing).
    """
    defs = _kinds()
    for offset, line, chapeau in lines_with_chapeau(text):
        if chapeau and explicit_basis(chapeau):
            continue
        for sent in sentences(line):
            sent = Span(offset + sent.start, offset + sent.end, sent.text)
            carried: set[str] = set()  # kinds an earlier clause of this sentence grounded in a law
            grounded = False
            for cl in spans(sent.text, "；;"):
                if has_basis_reference(cl.text):
                    if explicit_basis(cl.text):
                        grounded = True
                        carried.update(k for k in kinds if defs[k]["re"].search(cl.text))
                    continue
                head = asserted(cl.text)
                own_violation = "违反本" in cl.text  # a new offence against the draft itself
                for kind in kinds:
                    d = defs[kind]
                    if not own_violation and (kind in carried or (kind == "penalty" and grounded)):
                        continue
                    for m in d["re"].finditer(head):
                        # the exclusion words (期限, 解除, 不得…) speak of the measure in the
                        # comma-part that names it, not of another part (…，查封、扣押期限不超过三十日)
                        scope = _part_at(head, m) if d["part_exclude"] else cl.text
                        if d["exclude"] and d["exclude"].search(scope):
                            break
                        if d["condition"]:
                            before = sent.text[: cl.start + m.start()]
                            if not _CONDITION.search(before):
                                continue
                        if allowed is not None and allowed.fullmatch(m.group(0)):
                            continue
                        if (m.group(0) == "通报批评" and d["discipline"] is not None
                                and d["discipline"].search(sent.text)):
                            continue
                        yield kind, sent, cl, m
                        break


RESTATE_WITH_BEFORE = 8  # clauses under twice this many content bigrams are also compared with the words before


def restated_by(ctx, unit, kind: str, clause: str, sentence: str, preceding: str = ""):
    """The higher-law provision a clause restates (see ReviewContext.restated_by): one that
    grants the same kind of measure. Restating a power the law grants creates nothing.

    A sanction is restated only with the conduct it punishes: the whole sentence is compared,
    or "逾期不改正的，处一千元以上一万元以下罚款" would match every law that fines anything that much.
    A short clause is compared with the words just before it as well (应当在发布前……进行审查；
    未经审查，不得发布), before the whole sentence, whose other parts the draft may have reworded."""
    sanction = _kinds()[kind]["condition"]  # sanctions follow the conduct they punish
    require = _kinds()[kind]["grants"]
    alone = not sanction and len(content_bigrams(clause)) >= 8
    if alone:
        hit = ctx.restated_by(unit, clause, require=require)
        if hit is not None:
            return hit
    before = re.split(r"[，,；;：:。\n]", preceding.rstrip("，,；;。\n "))[-1] if preceding else ""
    if before and not sanction and len(content_bigrams(clause)) < 2 * RESTATE_WITH_BEFORE:
        hit = ctx.restated_by(unit, before + "；" + clause, require=require)
        if hit is not None:
            return hit
    return None if alone else ctx.restated_by(unit, sentence, require=require)


@register("setting-power")
def check(ctx) -> Iterable[Finding]:
    levels = table("setting_power.toml")["levels"]
    level = ctx.level
    if level not in levels:
        return
    conf = levels[level]
    kinds = list(conf["forbidden"])
    allowed = None
    if "penalty_allowed" in conf:
        kinds.append("penalty")
        allowed = re.compile(rf"(?:并?处(?:以)?[^，。；]*罚款|{conf['penalty_allowed']})")
    sev = rule("setting-power").severity
    for unit in ctx.article_units:
        done: set[str] = set()
        for kind, sent, cl, m in find_settings(unit.text, kinds, allowed):
            if kind in done:
                continue
            if restated_by(ctx, unit, kind, cl.text, sent.text, unit.text[:sent.start + cl.start]) is not None:
                continue
            done.add(kind)
            basis, why, source = _basis_for(level, kind)
            name = _kinds()[kind]["name"]
            # a sanction: from the first sanction to the end of its clause (所有罚则 the clause sets)
            quote = strip_punct(cl.text[m.start():]) if kind == "penalty" else strip_punct(cl.text)
            reason = f"本文件属于{level}，{why}；本条自行设定了{name}，未援引法律、法规依据"
            severity = sev if not (level == "地方政府规章" and kind == "licence") else "warning"
            yield Finding(
                rule="setting-power", severity=severity, article=unit.article, sub=unit.sub,
                quote=quote, basis=basis,
                message=f"{level}无权设定{name}：“{quote}”。",
                suggestion=suggestion(
                    action=(f"建议删除“{quote}”，或者改为援引法律、法规的具体规定"
                            f"（如“依照《……》第……条的规定处理”）"),
                    reason=reason, basis=basis),
                address=unit.address,
            )
