"""Rule ``setting-power``: a draft sets what its level may not set.

A 规范性文件 may create no 行政处罚, 行政许可, 行政强制措施 or fee; a 地方政府规章 only 警告、通报
批评 and fines. A clause "sets" a measure when it prescribes it itself — a sanction in the
consequence of a condition ("…的，由…处…罚款"), an authorisation to seize, an approval without
which something may not be done, a fee to pay — without grounding it in a higher law in the
same clause (依照《…》…, 依法, 法律、法规规定…). Patterns, what each level may set and the
basis per kind are data: corpus/review/setting_power.toml.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from commenting.model import Basis, Finding
from commenting.review.catalogue import register, rule
from commenting.review.data import table
from commenting.review.text import has_basis_reference, sentences, spans, strip_punct, suggestion

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
        }
    return out


def _basis_for(level: str, kind: str) -> tuple[list[Basis], str, str]:
    rows = table("setting_power.toml")["basis"]
    for r in rows:
        if r["kind"] == kind and r["level"] == level:
            return [Basis(r["law"], int(r["article"]))], r["reason"], r["source"]
    for r in rows:
        if r["kind"] == kind and r["level"] == "*":
            return [Basis(r["law"], int(r["article"]))], r["reason"], r["source"]
    return [], "", ""


def find_settings(text: str, kinds: list[str], allowed: re.Pattern | None = None):
    """(kind, sentence, clause, match) for each clause of ``text`` that itself sets a measure."""
    defs = _kinds()
    for sent in sentences(text):
        for cl in spans(sent.text, "；;"):
            if has_basis_reference(cl.text):
                continue
            for kind in kinds:
                d = defs[kind]
                for m in d["re"].finditer(cl.text):
                    if d["exclude"] and d["exclude"].search(cl.text):
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
