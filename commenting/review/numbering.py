"""Rule ``numbering``: gaps, duplicates and disorder in 章/节/条/项 numbering.

The structure parser records them as ``Document.anomalies`` and leaves the text as drafted;
this check turns each into a finding on the article concerned.
"""
from __future__ import annotations

import re
from typing import Iterable

from commenting.model import Finding
from commenting.numerals import ARTICLE_LABEL
from commenting.review.catalogue import register, rule
from commenting.review.text import suggestion

_LABEL = re.compile(rf"^\s*{ARTICLE_LABEL}[\s\u3000]*")

# Anomaly kinds that are a matter of style only (reported as info).
_STYLE_KINDS = {"halfwidth-brackets", "fullwidth-digits", "spacing"}


@register("numbering")
def check(ctx) -> Iterable[Finding]:
    seen: set = set()  # (article, message) of reported anomalies, and style kinds already reported
    # a matter of style is one comment for the whole document, at its first place
    style_count = {}
    for an in ctx.document.anomalies:
        if an.kind in _STYLE_KINDS:
            style_count[an.kind] = style_count.get(an.kind, 0) + 1
    for an in ctx.document.anomalies:
        key = (an.article, an.message)
        if key in seen or (an.kind in _STYLE_KINDS and an.kind in seen):
            continue
        seen.add(key)
        art = ctx.article(an.article) if an.article else None
        text = art.text if art else ""
        quote = _quote(an.quote, text)
        severity = "info" if an.kind in _STYLE_KINDS else rule("numbering").severity
        reason = an.message.rstrip("。") or "序号编排有误"
        if an.kind in _STYLE_KINDS:
            seen.add(an.kind)
            if style_count[an.kind] > 1:
                reason += f"；全文共{style_count[an.kind]}处，请一并调整"
        yield Finding(
            rule="numbering",
            severity=severity,
            article=an.article,
            quote=quote,
            message=reason + "。",
            suggestion=suggestion(action="建议核对并统一调整序号", reason=reason + "，序号应连续、不重复、不错乱"),
            address=an.address or (art.address if art else None),
            sub=art.sub if art else 0,
        )


def _quote(quote: str, text: str) -> str:
    """The anomaly's quote when it is a span of the article text (a 项 line), else the opening
    of the article (an article-level anomaly quotes the line with its label, which is not text)."""
    if quote and quote in text:
        return quote
    rest = _LABEL.sub("", quote or "", count=1).strip()
    if rest and rest in text:
        return rest
    return _opening(text)


def _opening(text: str) -> str:
    """The article's first clause: a quote that exists when the anomaly names no span."""
    first = text.split("\n", 1)[0]
    for i, ch in enumerate(first):
        if ch in "，。；：":
            return first[: i]
    return first[:30]
