"""Provision rules: what a draft may not say about time limits, hearings, procedure and officers.

Each rule is a small, general check of the draft's clauses against thresholds and wording kept
as data (corpus/review/provision_checks.toml, a source per table):

- ``limitation-period``: a 追责时效 "在X年内未被发现…不再给予行政处罚" with X ≠ 二; a five-year
  extension on conditions other than 生命健康安全、金融安全且有危害后果; the period counted from
  discovery (发现/立案…之日) instead of from the act or its end;
- ``no-penalty-conditions``: a restated 不予处罚 provision (行政处罚法 第三十条、第三十一条、第三十三条)
  missing a statutory condition, or 可以不予 (首违不罚) made 不予 — widening changes the law too;
- ``simple-procedure``: 当场处罚 / 简易程序 above 二百元 (公民) / 三千元 (法人或者其他组织);
- ``on-the-spot-collection``: 当场收缴 allowed without one of the lawful cases;
- ``enforcement-officers``: one officer (一名/1名/单独 + …执法/检查/工作人员 + an investigative act,
  unless the clause keeps the minimum), fewer than two, 执法辅助人员 investigating alone;
- ``legal-review``: 法制审核 waived ("可以不进行法制审核"), limited by an amount threshold, or the
  reviewer's 法律职业资格 replaced by alternatives;
- ``hearing-rights``: 听证 not public as the rule, the party paying its costs, one agent only,
  fine thresholds for a hearing above those of 听证办法 第五条;
- ``procedure-deadline``: time limits of the law (送达七日, 缴纳罚款十五日, 要求听证五日,
  听证通知七日前, 办案九十日…) exceeded or shortened against the party;
- ``divergence`` (publicity duties): what the law says shall be published (裁量基准, 行政处罚的
  实施机关、立案依据…) kept internal ("不对外公布").

:func:`combined` merges these with the restated-provision findings of
commenting.review.divergence (computed once per document, cached in ``ctx.cache``), dropping
duplicates; :func:`check` returns every provision-specific finding and :func:`check_divergence`
the ``divergence`` ones (both registered checks).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator

from commenting import numerals
from commenting.diffing import split_clauses
from commenting.model import Basis, Finding
from commenting.review.catalogue import register
from commenting.review.context import ReviewContext, Unit
from commenting.review.data import parse_basis, table
from commenting.review.divergence import FAITHFUL_CACHE, is_checklist, restatement_findings

__all__ = ["check", "check_divergence", "combined", "Clause", "clauses", "PROVISION_RULES"]

#: the rules of specific provisions (what a restatement of a mapped provision, or a pattern check,
#: reports instead of the generic ``divergence``)
PROVISION_RULES = (
    "limitation-period", "no-penalty-conditions", "mitigation-conditions", "procedure-deadline",
    "hearing-rights", "simple-procedure", "on-the-spot-collection", "legal-review", "enforcement-officers",
)

_SKIP_PARTS = {"title", "cover", "explanation"}
_NUM = numerals.NUM


@lru_cache(maxsize=None)
def facts() -> dict:
    return table("provision_checks.toml")


@dataclass
class Clause:
    unit: Unit
    text: str  # exact substring of unit.text
    start: int

    @property
    def article_text(self) -> str:
        return self.unit.text


def clauses(ctx: ReviewContext) -> list[Clause]:
    """Every clause of every article and article-0 part worth checking (not the title/cover letter)."""
    if "provision_clauses" not in ctx.cache:
        ctx.cache["provision_clauses"] = list(_clauses(ctx))
    return ctx.cache["provision_clauses"]


def _clauses(ctx: ReviewContext) -> Iterator[Clause]:
    for unit in ctx.units:
        part = unit.part
        if part is not None and part.kind in _SKIP_PARTS:
            continue
        pos = 0
        for piece in unit.text.split("\t"):
            for sp in split_clauses(piece):
                if not is_checklist(sp.text):
                    yield Clause(unit, sp.text, pos + sp.start)
            pos += len(piece) + 1


def _value(s: str) -> int | None:
    try:
        return numerals.from_chinese(s)
    except ValueError:
        return None


def _has_any(text: str, words: Iterable[str]) -> bool:
    return any(w in text for w in words)


@lru_cache(maxsize=256)
def _text_has_any(text: str, words: tuple[str, ...]) -> bool:
    return _has_any(text, words)


def _unit_has_any(c: Clause, words: Iterable[str]) -> bool:
    """``_has_any`` on the whole article of clause ``c``, answered once per article: asked for
    every clause, a scan of a long article would make the checks quadratic in its length."""
    return _text_has_any(c.unit.text, tuple(words))


def _refs(basis: list[Basis]) -> str:
    return "、".join(f"《{b.law}》{numerals.article_label(b.article)}" for b in basis)


def _finding(rule: str, c: Clause, basis_spec: str, problem: str, reason: str, *, proposed: str | None = None,
             severity: str = "error", quote: str | None = None) -> Finding:
    basis = parse_basis(basis_spec)
    quote = quote or c.text
    refs = _refs(basis)
    if proposed and proposed != quote:
        suggestion = f"建议将“{quote}”修改为“{proposed}”。理由：{reason}。依据：{refs}。"
    else:
        suggestion = f"建议修改“{quote}”，{_fix_hint(rule)}。理由：{reason}。依据：{refs}。"
    unit = c.unit
    return Finding(rule=rule, severity=severity, article=unit.article, quote=quote, basis=basis,
                   message=problem, suggestion=suggestion, address=unit.address,
                   sub=unit.sub, proposed=proposed if proposed != quote else None)


_HINTS = {
    "limitation-period": "与行政处罚法规定的追责时效保持一致",
    "simple-procedure": "将当场处罚的适用范围限定在法定限额以内",
    "on-the-spot-collection": "将当场收缴罚款限定在法定情形以内",
    "enforcement-officers": "删除由一名执法人员或者执法辅助人员单独执法的规定",
    "legal-review": "按照法律规定的范围和资格要求进行法制审核",
    "hearing-rights": "恢复法律规定的听证权利",
    "procedure-deadline": "与法律规定的期限保持一致",
    "divergence": "恢复上位法的规定",
}


def _fix_hint(rule: str) -> str:
    return _HINTS.get(rule, "与上位法保持一致")


# ---------------------------------------------------------------- limitation-period

@lru_cache(maxsize=None)
def _limit_patterns() -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p.replace("{NUM}", _NUM)) for p in facts()["limitation"]["patterns"])


@lru_cache(maxsize=None)
def _wrong_start() -> re.Pattern:
    return re.compile(facts()["limitation"]["wrong_start"])


_EXTEND_RE = re.compile(rf"延长(?:至|为|到)(?P<n>{_NUM})年")


def check_limitation(ctx: ReviewContext) -> Iterator[Finding]:
    f = facts()["limitation"]
    for c in clauses(ctx):
        m = next((m for p in _limit_patterns() for m in [p.search(c.text)] if m), None)
        if m and ("不再给予" in c.text or "处罚" in c.text or "时效" in c.text):
            n = _value(m.group("n"))
            years = n / 12 if m.group("u") == "个月" else n
            if n is not None and years != f["years"]:
                lawful = numerals.to_chinese(f["years"]) + "年"
                proposed = c.text[:m.start()] + lawful + c.text[m.start("u") + len(m.group("u")):]
                yield _finding("limitation-period", c, f["basis"],
                               f"追责时效规定为“{m.group('n')}{m.group('u')}”，与行政处罚法规定的{lawful}不一致。",
                               f"行政处罚法规定违法行为在{lawful}内未被发现的，不再给予行政处罚，规范性文件不得另行规定追责时效",
                               proposed=proposed)
        m = _wrong_start().search(c.text)
        if m:
            proposed = (f["lawful_start"] if c.text.startswith("前款")
                        else f["lawful_start_continuing"] if re.match(r"(?:违法行为)?有?连续或者继续状态", c.text) else None)
            yield _finding("limitation-period", c, f["basis"],
                           f"追责时效自违法行为被“{m.group('start')}”之日起计算，改变了法定的起算点。",
                           "行政处罚法规定追责时效从违法行为发生之日起计算，违法行为有连续或者继续状态的，从行为终了之日起计算",
                           proposed=proposed)
        m = _EXTEND_RE.search(c.text)
        if m and ("期限" in c.text or "时效" in c.text):
            n = _value(m.group("n"))
            cond = c.text[:m.start()]
            missing = [w for w in f["extended_conditions"] if w not in cond]
            if n != f["extended_years"] or missing:
                why = (f"延长后的期限为{m.group('n')}年" if n != f["extended_years"]
                       else "延长追责时效的条件缺少“" + "”“".join(missing) + "”")
                k = c.text.find("上述期限")
                proposed = f"{f['lawful_extension']}，上述期限延长至五年" if k >= 0 and c.text.startswith("涉及") else None
                yield _finding("limitation-period", c, f["basis"],
                               f"五年追责时效的适用条件与行政处罚法不一致：{why}。",
                               "行政处罚法仅对涉及公民生命健康安全、金融安全且有危害后果的违法行为将追责时效延长至五年，"
                               "规范性文件不得扩大或者改变其适用条件",
                               proposed=proposed)


# ---------------------------------------------------------------- no-penalty-conditions


@lru_cache(maxsize=None)
def _no_penalty() -> tuple[re.Pattern, list[tuple[dict, re.Pattern]]]:
    f = facts()
    return (re.compile(f["no_penalty_grant"]["grant"]),
            [(e, re.compile(e["anchor"])) for e in f["no_penalty"]])


def check_no_penalty(ctx: ReviewContext) -> Iterator[Finding]:
    """A restated no-penalty provision that drops a statutory condition or makes 可以不予 mandatory."""
    grant, entries = _no_penalty()
    denied = facts()["no_penalty_grant"]["denied"]
    for c in clauses(ctx):
        g = grant.search(c.text)
        if not g or _has_any(c.text, denied):
            continue
        cond = c.text[:g.start()]  # the conditions precede the grant
        if _has_any(cond, facts()["no_penalty_grant"]["deferring"]):
            continue
        for e, anchor in entries:
            if not anchor.search(cond):
                continue
            missing = [alts[0] for alts in e["conditions"] if not _has_any(cond, alts)]
            problems = []
            if missing:
                problems.append("删去了“" + "”“".join(missing) + "”的条件")
            mandatory = e["discretionary"] and "可以" not in c.text[max(0, g.start() - 4):g.end()]
            if mandatory:
                problems.append(f"将“可以不予行政处罚”改为“{g.group('grant')}”")
            if problems:
                what = "，".join(problems)
                yield _finding("no-penalty-conditions", c, e["basis"],
                               f"本条规定的{e['name']}情形与上位法不一致：{what}。上位法规定：“{e['law_wording']}”。",
                               f"上位法规定“{e['law_wording']}”，下位文件改变不予处罚的法定条件或者裁量，"
                               "无论放宽还是收紧，均与上位法不一致",
                               proposed=e["law_wording"] if c.text.endswith(("处罚", "处罚。")) else None)
            break


# ---------------------------------------------------------------- simple-procedure

_AMOUNT_BELOW = re.compile(rf"(?P<n>{_NUM})(?P<u>万元|元)以下")


def _subject(text: str, pos: int, citizen: list[str], org: list[str]) -> str | None:
    """Whom the amount at ``pos`` applies to: the nearest party word before it."""
    best, where = None, -1
    for w in citizen:
        i = text.rfind(w, 0, pos)
        if i > where:
            best, where = "citizen", i
    for w in org:
        i = text.rfind(w, 0, pos)
        if i > where:
            best, where = "org", i
    return best


def _amount(m: re.Match) -> int | None:
    n = _value(m.group("n"))
    if n is None:
        return None
    return n * 10_000 if m.group("u") == "万元" else n


def check_simple_procedure(ctx: ReviewContext) -> Iterator[Finding]:
    f = facts()["simple_procedure"]
    for c in clauses(ctx):
        if not _has_any(c.text, f["context"]):
            continue
        over = []
        proposed = c.text
        for m in _AMOUNT_BELOW.finditer(c.text):
            v = _amount(m)
            who = _subject(c.text, m.start(), f["citizen_words"], f["organisation_words"])
            limit = f["citizen"] if who == "citizen" else f["organisation"]
            if v is not None and v > limit:
                over.append(m.group(0))
                proposed = proposed.replace(m.group(0), numerals.to_chinese(limit) + "元以下", 1)
        if over:
            yield _finding("simple-procedure", c, f["basis"],
                           f"当场作出行政处罚决定的罚款限额（{'、'.join(over)}）超过法定限额"
                           f"（公民{f['citizen']}元、法人或者其他组织{f['organisation']}元）。",
                           "行政处罚法规定只有对公民处以二百元以下、对法人或者其他组织处以三千元以下罚款或者警告的，"
                           "才可以适用简易程序当场作出行政处罚决定",
                           proposed=proposed)


# ---------------------------------------------------------------- on-the-spot-collection


def check_on_the_spot_collection(ctx: ReviewContext) -> Iterator[Finding]:
    f = facts()["on_the_spot_collection"]
    for c in clauses(ctx):
        if not _has_any(c.text, f["context"]) or _has_any(c.text, f["prohibitive"]):
            continue
        if "可以" not in c.text and "应当" not in c.text and "一律" not in c.text:
            continue
        if "交至" in c.text or "票据" in c.text and "可以" not in c.text:
            continue  # handing collected fines in / receipts: not a permission to collect
        too_high = [m.group(0) for m in _AMOUNT_BELOW.finditer(c.text)
                    if (_amount(m) or 0) > f["max_amount"] and "难以执行" not in c.text]
        if _unit_has_any(c, f["lawful"]) and not too_high:
            continue
        yield _finding("on-the-spot-collection", c, f["basis"],
                       "规定执法人员当场收缴罚款，但未限定在法定情形内"
                       + (f"（{'、'.join(too_high)}超过一百元）" if too_high else "") + "。",
                       "行政处罚法实行罚缴分离，当场收缴罚款仅限于依法给予一百元以下罚款、不当场收缴事后难以执行，"
                       "以及在边远、水上、交通不便地区当事人缴纳罚款确有困难并经当事人提出的情形")


# ---------------------------------------------------------------- enforcement-officers


@lru_cache(maxsize=None)
def _officer_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    f = facts()["enforcement_officers"]
    return (re.compile("|".join(f["single"])), re.compile(f["minimum_pattern"]),
            re.compile(f["single_ok"]), re.compile(f["single_acts"]))


def check_enforcement_officers(ctx: ReviewContext) -> Iterator[Finding]:
    f = facts()["enforcement_officers"]
    single, minimum, single_ok, single_acts = _officer_patterns()
    for c in clauses(ctx):
        if _has_any(c.text, f["prohibitive"]) and not minimum.search(c.text):
            continue
        problem = None
        m = minimum.search(c.text)
        if m and (_value(m.group("n")) or 0) < f["minimum"]:
            problem = f"规定执法人员不少于{m.group('n')}人，低于法定的两人。"
        elif single.search(c.text) and single_acts.search(c.text) and not single_ok.search(c.text):
            problem = "允许由一名执法人员实施调查取证、检查等执法活动。"
        elif _has_any(c.text, f["auxiliary"]) and _has_any(c.text, f["auxiliary_acts"]) \
                and not re.search(r"协助|配合|不得|禁止|在执法人员", c.text):
            problem = "允许不具有行政执法资格的执法辅助人员从事调查取证等执法活动。"
        if problem:
            yield _finding("enforcement-officers", c, f["basis"], problem,
                           "行政处罚法规定行政处罚应当由具有行政执法资格的执法人员实施，执法人员不得少于两人，"
                           "法律另有规定的除外；规范性文件不得规定例外")


# ---------------------------------------------------------------- legal-review

_THRESHOLD_RE = re.compile(rf"(?P<n>{_NUM})(?P<u>万元|元)以上")


def check_legal_review(ctx: ReviewContext) -> Iterator[Finding]:
    f = facts()["legal_review"]
    for c in clauses(ctx):
        if not _has_any(c.text, f["context"]):
            continue
        exempt = next((w for w in f["exempt"] if w in c.text), None)
        if exempt:
            yield _finding("legal-review", c, f["basis"], f"规定“{exempt}”，缩小了法定的法制审核范围。",
                           "行政处罚法第五十八条以涉及重大公共利益、经过听证、案情疑难复杂等情形确定必须进行法制审核的范围，"
                           "规范性文件不得以其他标准免除法制审核")
            continue
        m = _THRESHOLD_RE.search(c.text)
        if m and re.search(r"应当|须|方|才", c.text) and not f["qualification"] in c.text:
            yield _finding("legal-review", c, f["basis"],
                           f"以“{m.group(0)}”的罚没数额作为法制审核的门槛，缩小了法定的法制审核范围。",
                           "行政处罚法第五十八条规定的法制审核范围不以罚款数额为限，规范性文件不得增设数额门槛",
                           severity="error")
            continue
        if f["qualification"] in c.text:
            end = c.text.rfind(f["qualification"]) + len(f["qualification"])
            alt = re.search(r"或者?[^，。；]*?(?:" + "|".join(map(re.escape, f["alternatives"])) + ")", c.text[end:])
            if alt:
                proposed = c.text[:end]
                yield _finding("legal-review", c, f["basis_qualification"],
                               f"初次从事法制审核人员的资格增加了“{alt.group(0)}”的替代条件，降低了法定要求。",
                               "行政处罚法规定行政机关中初次从事行政处罚决定法制审核的人员，应当通过国家统一法律职业资格考试"
                               "取得法律职业资格，没有替代条件",
                               proposed=proposed)


# ---------------------------------------------------------------- hearing-rights

_FINE_ABOVE = re.compile(rf"(?P<n>{_NUM})(?P<u>万元|元)以上")


@lru_cache(maxsize=None)
def _hearing_patterns() -> tuple[re.Pattern, re.Pattern]:
    f = facts()["hearing"]
    return re.compile("|".join(f["costs"])), re.compile("|".join(f["agents"]))


def check_hearing_rights(ctx: ReviewContext) -> Iterator[Finding]:
    f = facts()["hearing"]
    costs, agents = _hearing_patterns()
    for c in clauses(ctx):
        in_hearing = _has_any(c.text, f["context"]) or _unit_has_any(c, f["context"])
        if not in_hearing:
            continue
        closed = next((w for w in f["closed"] if w in c.text), None)
        if closed and _has_any(c.text, f["context"]) and not _has_any(c.text, f["closed_ok"]):
            yield _finding("hearing-rights", c, f["basis_public"], f"规定听证“{closed}”，颠倒了听证公开举行的原则。",
                           "行政处罚法规定除涉及国家秘密、商业秘密或者个人隐私依法予以保密外，听证公开举行",
                           proposed="除涉及国家秘密、商业秘密或者个人隐私依法予以保密外，听证公开举行")
            continue
        if "费用" in c.text and costs.search(c.text) and _has_any(c.text + c.unit.text, f["context"]):
            yield _finding("hearing-rights", c, f["basis_costs"], "规定由当事人负担组织听证的费用。",
                           "行政处罚法规定当事人不承担行政机关组织听证的费用，市场监督管理行政处罚听证办法规定不得向当事人收取费用")
            continue
        if _has_any(c.text, f["context"]) and not _has_any(c.text + c.unit.text, f["written_ok"]) \
                and any(re.search(p, c.text) for p in f["written_only"]):
            yield _finding("hearing-rights", c, f["basis_form"], "要求当事人只能以书面形式提出听证申请。",
                           "听证办法规定当事人可以书面或者口头提出听证要求，口头提出的由办案人员记入笔录",
                           severity="warning")
            continue
        m = agents.search(c.text)
        if m and _has_any(c.text, f["context"]):
            proposed = c.text[:m.start()] + "委托一至二人" + c.text[m.end():]
            proposed = re.sub(r"^(.*委托一至二人)代理人", r"\1", proposed)
            yield _finding("hearing-rights", c, f["basis_agents"], "将当事人可以委托的听证代理人限定为一名。",
                           "行政处罚法规定当事人可以亲自参加听证，也可以委托一至二人代理",
                           proposed=proposed)
            continue
        if "罚款" in c.text and _has_any(c.text, f["context"]):
            over = []
            for m in _FINE_ABOVE.finditer(c.text):
                v = _amount(m)
                who = _subject(c.text, m.start(), f["citizen_words"], f["organisation_words"])
                limit = f["citizen_fine"] if who == "citizen" else f["organisation_fine"]
                if v is not None and v > limit:
                    over.append(m.group(0))
            if over:
                yield _finding("hearing-rights", c, f["basis_threshold"],
                               f"听证的罚款数额标准（{'、'.join(over)}）高于市场监督管理行政处罚听证办法规定的标准。",
                               "听证办法规定对自然人处以一万元以上、对法人或者其他组织处以十万元以上罚款的，应当告知听证权利，"
                               "规范性文件提高数额标准缩小了听证范围",
                               severity="warning")


# ---------------------------------------------------------------- procedure-deadline

_TIME_RE = re.compile(rf"(?<!第)(?P<n>{_NUM})(?P<u>个工作日|工作日|日|天|个月)")


def check_procedure_deadlines(ctx: ReviewContext) -> Iterator[Finding]:
    rows = facts().get("time_limit", [])
    for c in clauses(ctx):
        for row in rows:
            if not all(w in c.text for w in row["all"]):
                continue
            if row.get("any") and not _has_any(c.text, row["any"]):
                continue
            after = row.get("after", "")
            for m in _TIME_RE.finditer(c.text):
                if after and not c.text.startswith(after, m.end()):
                    continue
                n = _value(m.group("n"))
                if n is None:
                    continue
                days = n * 30 if "月" in m.group("u") else n
                bad = days > row["days"] if row["bound"] == "max" else days < row["days"]
                if bad:
                    lawful = numerals.to_chinese(row["days"]) + "日"
                    proposed = c.text[:m.start()] + lawful + c.text[m.end():]
                    more = "长于" if row["bound"] == "max" else "短于"
                    yield _finding(row.get("rule", "procedure-deadline"), c, row["basis"],
                                   f"{row['name']}的期限规定为“{m.group(0)}”，{more}法定的{lawful}。",
                                   f"法律规定{row['name']}的期限为{lawful}" + (
                                       "，下位文件不得延长" if row["bound"] == "max" else "，下位文件不得缩短当事人的期间"),
                                   proposed=proposed)
                break
            else:
                continue
            break


# ---------------------------------------------------------------- divergence: publicity duties


def check_publicity(ctx: ReviewContext) -> Iterator[Finding]:
    f = facts().get("publicity", {})
    for c in clauses(ctx):
        withheld = next((w for w in f.get("withheld", []) if w in c.text), None)
        if not withheld:
            continue
        for duty in f.get("duty", []):
            if _has_any(c.text, duty["objects"]):
                yield _finding("divergence", c, duty["basis"],
                               f"规定“{withheld}”，与上位法“{duty['law_wording']}”的规定相反。",
                               f"上位法规定{duty['law_wording']}，下位文件不得规定不予公开",
                               severity="error")
                break


# ---------------------------------------------------------------- assembly

PATTERN_CHECKS = (
    check_limitation,
    check_no_penalty,
    check_simple_procedure,
    check_on_the_spot_collection,
    check_enforcement_officers,
    check_legal_review,
    check_hearing_rights,
    check_procedure_deadlines,
    check_publicity,
)


def _overlap(a: Finding, b: Finding) -> bool:
    return a.article == b.article and a.sub == b.sub and (a.quote in b.quote or b.quote in a.quote)


def _same_source(restated: Finding, pattern: Finding) -> bool:
    """The pattern rule's basis includes the provision the clause restates (its first basis; the
    others are parallels), or the pattern names none."""
    own = {(b.law, b.article) for b in pattern.basis}
    return not own or not restated.basis or (restated.basis[0].law, restated.basis[0].article) in own


def combined(ctx: ReviewContext) -> list[Finding]:
    """Restated-provision findings and pattern findings of one document, without duplicates (cached)."""
    cache = ctx.cache
    if "provision_findings" in cache:
        return cache["provision_findings"]
    restated = list(restatement_findings(ctx))
    patterns: list[Finding] = []
    for fn in PATTERN_CHECKS:
        patterns.extend(fn(ctx))
    # a clause that restates word for word a provision other than the rule's source (食品安全法实施条例
    # 第六十一条's 四十五日, which 行政强制法 第二十五条 allows) holds to that one, not the general limit
    faithful = ctx.cache.get(FAITHFUL_CACHE, [])
    patterns = [p for p in patterns if not any(
        (art, sub) == (p.article, p.sub) and (p.quote in text or text in p.quote)
        and key not in {(b.law, b.article) for b in p.basis} for art, sub, text, key in faithful)]
    out: list[Finding] = []
    for f in restated:
        if f.rule == "divergence" and any(_overlap(f, p) and _same_source(f, p) for p in patterns):
            continue  # the specific rule says the same about the same clause
        out.append(f)
    for p in patterns:
        if any(p.rule == f.rule and _overlap(p, f) for f in out):
            continue  # the restatement already reports it, with the redline
        if any(f.rule == "divergence" and _overlap(p, f) for f in out):
            continue  # the clause restates a more specific provision (食品安全法实施条例 第六十一条's
            # 四十五日, which 行政强制法 第二十五条 allows): compared with that one, not the general limit
        if any(p.rule == q.rule and _overlap(p, q) for q in out if q is not p):
            continue
        out.append(p)
    cache["provision_findings"] = out
    return out


@register(*PROVISION_RULES)
def check(ctx: ReviewContext) -> Iterable[Finding]:
    """Provision-specific findings (every rule of this family except ``divergence``)."""
    return [f for f in combined(ctx) if f.rule != "divergence"]


@register("divergence")
def check_divergence(ctx: ReviewContext) -> Iterable[Finding]:
    """``divergence`` findings: restated provisions that no specific rule covers."""
    return [f for f in combined(ctx) if f.rule == "divergence"]
