"""Review finding → comment: the one pure conversion every caller uses (store, CLI, UI).

``comment_from_finding(finding, document, author)`` makes an adopted (采纳) :class:`Comment`:
原文 is the quoted span (or, without a quote, the 款 the finding points at, else the article),
修改建议 the finding's proposed wording — or the wording its suggestion proposes
(「建议将“甲”修改为“乙”」 → 乙; 「建议删除“甲”。」 → deletion) — else the suggestion itself,
理由 the suggestion's 「理由：……依据：……」 (else the finding's message), 依据 its basis.

A finding's identity across review runs is :func:`finding_key` (rule, unit address, quote): the
findings of a draft are replaced whole on every run, so decisions (不采纳, batch adoption) are
kept against this key, never against a row id. :func:`plan_adoption` says which findings an
「采纳全部」 adopts and which it skips; :func:`is_advice` tells advice (建议核对…) from wording.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from commenting.model import Comment, Document, Finding

#: (rule, article, sub, address, quote): what identifies a finding across review runs
FindingKey = tuple[str, int, int, str, str]

_REPLACE = re.compile(r"建议将“(?P<old>[^”]*)”(?:修改|改|调整|表述)为“(?P<new>[^”]*)”")
_DELETE = re.compile(r"^建议删除“(?P<old>[^”]*)”[。；]")
_REASON = re.compile(r"理由：(?P<reason>.+)$", re.S)


def proposed_wording(finding: Finding) -> str | None:
    """The replacement wording for the quote: the finding's own, else the one its suggestion
    states; "" means delete; None when the suggestion gives advice but no wording."""
    if finding.proposed is not None:
        return finding.proposed
    s = finding.suggestion or ""
    m = _REPLACE.search(s)
    if m and (not finding.quote or m.group("old") in finding.quote or finding.quote in m.group("old")):
        return m.group("new")
    m = _DELETE.search(s)
    if m and (not finding.quote or m.group("old") == finding.quote):
        return ""
    return None


def _advice(suggestion: str) -> str:
    head = re.split(r"(?:理由|依据)：", suggestion, maxsplit=1)[0].strip()
    return head or suggestion.strip()


def _original(finding: Finding, document: Document | None) -> str:
    if finding.quote:
        return finding.quote
    art = document.article(finding.article, finding.sub) if document else None
    if art is None:
        return ""
    m = re.search(r"\.p-(\d+)", finding.address or "")
    if m:
        for p in art.paragraphs:
            if p.no == int(m.group(1)):
                return p.text
    return art.text


def comment_from_finding(finding: Finding, document: Document | None, author: str) -> Comment:
    """An adopted comment saying what ``finding`` says (see the module docstring)."""
    wording = proposed_wording(finding)
    if wording is None:
        # advice without wording: its first part, without the 理由/依据 the comment states anyway
        proposed, kind = _advice(finding.suggestion or ""), "修改"
    else:
        proposed, kind = wording, ("删除" if wording == "" else "修改")
    # The suggestion's 「理由：……。依据：……。」 is written for the letter; the message may carry a
    # technical redline (〔删：…〕〔增：…〕) that belongs on screen, not in a formal reply.
    m = _REASON.search(finding.suggestion or "")
    reason = m.group("reason").strip() if m else (finding.message or "").strip()
    return Comment(
        article=finding.article,
        sub=finding.sub,
        address=finding.address,
        quote=finding.quote,
        kind=kind,
        original=_original(finding, document),
        proposed=proposed,
        reason=reason,
        basis=list(finding.basis),
        author=author,
        status="采纳",
        finding_rule=finding.rule,
    )


def finding_key(finding: Finding | Comment) -> FindingKey:
    """The finding's identity across review runs of the same draft: rule, article (no, sub), unit
    address and quote. A comment adopted from a finding has the same key (its ``finding_rule``,
    address and quote are the finding's). Two findings of one rule on the same words of the same
    unit are one finding for decisions."""
    rule = finding.rule if isinstance(finding, Finding) else (finding.finding_rule or "")
    return (rule, int(finding.article), int(finding.sub or 0), finding.address or "", finding.quote or "")


#: what a suggestion that advises rather than words a change starts with (建议核对…, 建议明确…)
_ADVICE_HEAD = re.compile(r"^\s*(?:建议|请|应当?(?:核对|核实|明确|补充|说明))")


def is_advice(text: str | None) -> bool:
    """True when ``text`` is advice to the drafter (建议核对所引条款…), not the wording to put in
    the draft: it is then shown as a note, never as inserted text of a redline."""
    return bool(text) and bool(_ADVICE_HEAD.match(text))


@dataclass
class AdoptionPlan:
    """What 「采纳全部」 over some findings does: ``adopt`` those with a wording (or a deletion);
    skip those that only give advice (``advice_only``) and those already decided (``decided``:
    adopted before or marked 不采纳)."""

    adopt: list[Finding] = field(default_factory=list)
    advice_only: list[Finding] = field(default_factory=list)
    decided: list[Finding] = field(default_factory=list)

    def summary(self) -> str:
        """「将采纳 N 条建议」 with what is skipped and why, in one line."""
        text = f"将采纳 {len(self.adopt)} 条建议"
        skipped = []
        if self.advice_only:
            skipped.append(f"{len(self.advice_only)} 条仅为提示、没有具体修改文字")
        if self.decided:
            skipped.append(f"{len(self.decided)} 条已采纳或已不采纳")
        if skipped:
            text += "（跳过 " + "，".join(skipped) + "）"
        return text


def plan_adoption(findings: list[Finding], decided: set[FindingKey]) -> AdoptionPlan:
    """Sort ``findings`` into adopt / advice only / already decided (keys in ``decided``); a key
    met twice is adopted once."""
    plan, seen = AdoptionPlan(), set(decided)
    for f in findings:
        key = finding_key(f)
        if key in seen:
            plan.decided.append(f)
        elif proposed_wording(f) is None:
            plan.advice_only.append(f)
        else:
            plan.adopt.append(f)
            seen.add(key)
    return plan


# ---------------------------------------------------------------- carried into the next round

#: how a comment repeated in the next round's letter begins (see commenting.rounds)
CARRIED_PREFIX = "我单位前次提出的意见"
CARRIED_OPENINGS = {"未采纳": CARRIED_PREFIX + "未被采纳，", "部分采纳": CARRIED_PREFIX + "未被完全采纳，"}
#: a passage up to this long is quoted in 建议将“…”修改为“…”; a longer one stands as 原文 above it
_QUOTED = 20


def _quoted(text: str) -> str:
    """“text” closing the sentence: a quoted full sentence keeps its own 。 inside the quotes."""
    text = text.strip()
    return f"“{text}”" if text.endswith(("。", "；", "！", "？")) else f"“{text}”。"


def carried_proposal(c: Comment, state: str, passage: str) -> str:
    """The 修改建议 of an earlier comment repeated in the next round: 「我单位前次提出的意见未被采纳，
    建议……」 (部分采纳: 「……未被完全采纳，建议……」), the proposal restated against ``passage``,
    the text as the new draft has it."""
    opening = CARRIED_OPENINGS[state]
    proposed = (c.proposed or "").strip()
    passage = (passage or c.original or c.quote or "").strip()
    if proposed.startswith("建议"):  # advice rather than wording: it already says what is proposed
        advice = proposed
    elif c.kind == "删除" or (not proposed and c.kind == "修改"):
        advice = f"建议删除“{passage}”。" if passage and len(passage) <= _QUOTED else "建议删除该内容。"
    elif c.kind == "增加":
        advice = f"建议增加：{proposed}" if proposed else "建议增加相关规定。"
    elif c.kind == "总体意见":
        advice = "建议" + proposed if proposed else "建议予以研究。"
    elif passage and len(passage) <= _QUOTED:
        advice = f"建议将“{passage}”修改为" + _quoted(proposed)
    else:
        advice = "建议修改为：" + _quoted(proposed)
    if not advice.endswith(("。", "”", "；", "！", "？")):
        advice += "。"
    return opening + advice
