"""The rule catalogue: every rule id, its Chinese name, default severity and what it catches.

This is the one place the rule ids live (../shared/docs/findings.md is the contract: ids are
stable, new ones may be added, none renamed). It is also the one way to add a check: a function
``check(ctx) -> Iterable[Finding]`` decorated with :func:`register` and the rule ids it reports;
:func:`checks` lists them in registration order (commenting.review imports every rule module).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from commenting.model import Finding


@dataclass(frozen=True)
class Rule:
    id: str
    name: str  # Chinese, shown to reviewers
    severity: str  # default: "error" | "warning" | "info"
    description: str  # Chinese, one sentence
    # a finding of this rule names what is wrong with the words more precisely than the generic
    # obligation-without-basis finding on the same words, which is then dropped
    overrides_generic: bool = False


RULES: dict[str, Rule] = {
    r.id: r
    for r in [
        Rule("citation-missing-article", "引用条款不存在", "error",
             "引用了被引法律文件中不存在的条、款、项。"),
        Rule("citation-stale-numbering", "引用旧条号", "error",
             "按已被修订的旧版本条号引用，现行该条内容与引用语句不符。"),
        Rule("citation-repealed", "引用已废止或已更名文件", "error",
             "引用已废止、已被取代或已更名的法律文件，或使用旧名称。"),
        Rule("citation-unknown", "引用文件名称无法核实", "warning",
             "引用的文件名称在法规库中不存在，也不是已知的历史名称。"),
        Rule("setting-power", "超越设定权限", "error",
             "以本文件的层级无权设定的行政处罚、行政许可、行政强制措施或者收费。", overrides_generic=True),
        Rule("penalty-type", "处罚种类不合法", "error",
             "使用了非法定的行政处罚种类或者不规范的处罚种类名称。"),
        Rule("limitation-period", "追责时效", "error", "追责时效与行政处罚法规定不一致。", overrides_generic=True),
        Rule("no-penalty-conditions", "不予处罚情形", "error", "不予处罚的条件与法律规定不一致。", overrides_generic=True),
        Rule("mitigation-conditions", "从轻减轻情形", "error", "从轻、减轻处罚的条件与法律规定不一致。", overrides_generic=True),
        Rule("procedure-deadline", "程序期限", "error", "程序期限与法律或者程序规定不一致。", overrides_generic=True),
        Rule("hearing-rights", "听证权利", "error", "限缩了当事人的听证权利。", overrides_generic=True),
        Rule("simple-procedure", "简易程序", "error", "简易程序（当场处罚）的适用条件超出法定范围。", overrides_generic=True),
        Rule("on-the-spot-collection", "当场收缴", "error", "当场收缴罚款超出法定情形或者违反罚缴分离。", overrides_generic=True),
        Rule("legal-review", "法制审核", "error", "法制审核的范围或者审核人员资格窄于法律规定。", overrides_generic=True),
        Rule("enforcement-officers", "执法人员", "error", "执法人员人数或者资格不符合法律规定。", overrides_generic=True),
        Rule("obligation-without-basis", "无依据增设义务", "warning",
             "无上位法依据增加公民、法人义务或者设置市场准入、退出条件。"),
        Rule("internal-reference", "内部引用错误", "error",
             "引用本文件中不存在的条、款、项。"),
        Rule("numbering", "序号编排", "warning", "章、节、条、项的序号缺漏、重复或者顺序错乱。"),
        Rule("terminology", "用语不规范", "warning",
             "使用了机构改革前的旧机关名称或者不规范的法律用语。"),
        Rule("validity-period", "有效期", "warning",
             "规范性文件（含试行、暂行）未规定有效期或者有效期超过允许的年限。"),
        Rule("divergence", "与上位法表述不一致", "warning",
             "复述上位法条文时改变了数字、期限、金额、情态词或者否定。"),
    ]
}

SEVERITIES = ("error", "warning", "info")

CheckFunction = Callable[..., Iterable[Finding]]  # (ReviewContext) -> findings


@dataclass(frozen=True)
class Check:
    """A registered check: ``fn(ctx)`` yields findings of the rules ``rules`` (and no others)."""

    name: str  # module.function, named in review errors
    rules: tuple[str, ...]
    fn: CheckFunction


_CHECKS: dict[str, Check] = {}


def rule(rule_id: str) -> Rule:
    """The catalogue entry; KeyError for an unknown id (a typo in a check is a bug)."""
    return RULES[rule_id]


def register(*rule_ids: str) -> Callable[[CheckFunction], CheckFunction]:
    """Decorator: ``fn`` is a check producing findings for the given rule ids (all in RULES)."""
    if not rule_ids:
        raise ValueError("a check reports at least one rule")
    for rid in rule_ids:
        rule(rid)

    def deco(fn: CheckFunction) -> CheckFunction:
        name = f"{fn.__module__.rsplit('.', 1)[-1]}.{fn.__name__}"
        _CHECKS[name] = Check(name, tuple(rule_ids), fn)  # by name: a re-imported module replaces its own
        return fn

    return deco


def checks() -> list[Check]:
    """Every registered check, in registration order."""
    return list(_CHECKS.values())


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES)
