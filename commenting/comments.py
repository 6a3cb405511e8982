"""Review finding → comment: the one pure conversion every caller uses (store, CLI, UI).

``comment_from_finding(finding, document, author)`` makes an adopted (采纳) :class:`Comment`:
原文 is the quoted span (or, without a quote, the 款 the finding points at, else the article),
修改建议 the finding's proposed wording — or the wording its suggestion proposes
(「建议将“甲”修改为“乙”」 → 乙; 「建议删除“甲”。」 → deletion) — else the suggestion itself,
理由 the suggestion's 「理由：……依据：……」 (else the finding's message), 依据 its basis.
"""
from __future__ import annotations

import re

from commenting.model import Comment, Document, Finding

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
