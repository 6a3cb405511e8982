"""Small text helpers shared by the review rules: clauses, bigram overlap, comment wording.

Everything here is pure and cheap; the rules call these many times per article.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from commenting.model import Basis
from commenting.numerals import ITEM_START, NUM
from commenting.textsim import content_bigrams, share

_CLAUSE_END = "。；;！？\n"
_SENT_END = "。！？\n"

@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


@lru_cache(maxsize=None)
def _end_chars(ends: str) -> re.Pattern:
    return re.compile("[" + re.escape(ends) + "]")


def spans(text: str, ends: str = _CLAUSE_END) -> list[Span]:
    """Split ``text`` into spans ending at any char of ``ends`` (the end char is kept)."""
    out, start = [], 0
    for m in _end_chars(ends).finditer(text):
        i = m.start()
        if text[start:i + 1].strip():
            out.append(Span(start, i + 1, text[start:i + 1]))
        start = i + 1
    if text[start:].strip():
        out.append(Span(start, len(text), text[start:]))
    return out


def clauses(text: str) -> list[Span]:
    """Clauses split at 。；！？ and line breaks (the unit most rules judge)."""
    return spans(text, _CLAUSE_END)


def sentences(text: str) -> list[Span]:
    """Sentences split at 。！？ and line breaks (； stays inside)."""
    return spans(text, _SENT_END)


@lru_cache(maxsize=64)
def _span_index(text: str, ends: str) -> tuple[tuple[Span, ...], list[int]]:
    """``spans(text, ends)`` and their start offsets, computed once per text: the rules ask for
    the span at many offsets of the same article (a long one cites 第二条 thousands of times)."""
    found = tuple(spans(text, ends))
    return found, [s.start for s in found]


def span_at(text: str, pos: int, ends: str = _CLAUSE_END) -> Span:
    """The span of ``text`` holding offset ``pos`` (the whole text when it lies in none)."""
    found, starts = _span_index(text, ends)
    i = bisect_right(starts, pos) - 1
    if i >= 0 and pos < found[i].end:
        return found[i]
    return Span(0, len(text), text)


def strip_punct(s: str) -> str:
    return s.rstrip("。；;，,：:！？ \n　").lstrip(" 　")


def overlap(query: str, target: str) -> float:
    """Share of the query's content bigrams found in the target (0..1)."""
    return share(content_bigrams(query), content_bigrams(target))


def weighted_overlap(query: str, target_grams: frozenset[str], df: dict[str, int], n: int) -> float:
    """Share of the query's bigrams found in the target, each weighted by its rarity (idf)."""
    import math

    q = content_bigrams(query)
    if not q:
        return 0.0
    w = {b: math.log((n + 1) / (df.get(b, 0) + 0.5)) for b in q}
    total = sum(w.values())
    return sum(v for b, v in w.items() if b in target_grams) / total if total > 0 else 0.0


def document_frequencies(texts) -> tuple[dict[str, int], int]:
    df: dict[str, int] = {}
    n = 0
    for t in texts:
        n += 1
        for b in content_bigrams(t):
            df[b] = df.get(b, 0) + 1
    return df, n


_PUNCT = "，。；;：:、\n"


def around(text: str, start: int, end: int) -> str:
    """The words right before ``text[start:end]`` and right after it, up to punctuation."""
    i = start
    while i > 0 and text[i - 1] not in _PUNCT:
        i -= 1
    j = end
    while j < len(text) and text[j] not in _PUNCT:
        j += 1
    return text[i:start] + " " + text[end:j]


def law_ref(basis: list[Basis]) -> str:
    """《A》第三十六条、第三十七条，《B》第五条 — basis list in citation form."""
    from commenting.numerals import article_label

    parts: list[str] = []
    by_law: dict[str, list[str]] = {}
    for b in basis:
        by_law.setdefault(b.law, []).append(article_label(b.article))
    for law, arts in by_law.items():
        seen = list(dict.fromkeys(arts))
        parts.append(f"《{law}》" + "、".join(seen))
    return "；".join(parts)


def suggestion(*, quote: str = "", proposed: str | None = None, action: str = "", reason: str,
               basis: list[Basis] | None = None, basis_text: str = "") -> str:
    """A comment a reviewer can adopt as is:
    「建议将“原文”修改为“建议文字”。理由：……。依据：《……》第……条。」

    ``action`` replaces the first sentence when no proposed wording is known (e.g. 建议删除……).
    """
    if proposed is not None and quote:
        if proposed:
            head = f"建议将“{quote}”修改为“{proposed}”。"
        else:
            head = f"建议删除“{quote}”。"
    else:
        head = action if action.endswith("。") else action + "。"
    out = head + f"理由：{reason.rstrip('。')}。"
    ref = law_ref(basis or []) or basis_text
    if ref:
        out += f"依据：{ref.rstrip('。')}。"
    return out


_BASIS_REF = re.compile(
    r"(?:依照|依据|按照|根据|适用)[^，。；]{0,40}?(?:《[^》]+》|法律|法规|规章|有关规定|相关规定|国家规定|的规定)"
    rf"|《[^》]+》(?:（[^）]{{0,12}}）)?第{NUM}条"
    r"|(?:依照|依据|按照|适用)其(?:有关)?规定|依法(?!律)|法律、(?:行政)?法规[^。；]{0,24}规定"
)
_SELF_REF = re.compile(r"本(?:办法|规定|细则|实施细则|条例|通知|意见|方案|决定|制度|规则|指引|文件|标准|条|款|章)")


def has_basis_reference(clause: str) -> bool:
    """Does the clause ground what it says in a higher law (依照《…》… / 依法 / 法律、法规规定)?

    A reference to the draft itself (依照本办法第五条) is no basis.
    """
    for m in _BASIS_REF.finditer(clause):
        if not _SELF_REF.search(m.group(0)):
            return True
    return False


# ---------------------------------------------------------------- questions and explicit bases

# 是否/有无/能否 turn what follows into the object of a check ("应当审查是否经负责人批准"), not a
# rule; a clause ending in ？ is a question as a whole.
_QUESTION = re.compile(r"是否|有无|能否|可否|有没有")


def question_start(clause: str) -> int | None:
    """Offset where a clause turns interrogative (是否…, 有无…, or 0 for a clause ending in ？).

    Text from there on asks whether something holds — review criteria, checklists — and sets
    nothing; rules reading prescriptions look only at ``clause[:question_start(clause)]``.
    Words inside a cited title (《…》) do not count.
    """
    if clause.rstrip().endswith(("？", "?")):
        return 0
    for m in _QUESTION.finditer(clause):
        if clause.rfind("《", 0, m.start()) <= clause.rfind("》", 0, m.start()):
            return m.start()
    return None


def is_question(clause: str) -> bool:
    """Does the clause ask whether (是否/有无…, ？) rather than prescribe?"""
    return question_start(clause) is not None


def asserted(clause: str) -> str:
    """The part of a clause before it turns interrogative (the whole clause when it does not)."""
    q = question_start(clause)
    return clause if q is None else clause[:q]


# An explicit higher-law basis: 依照/依据/按照/根据《title》 (not the draft itself). Stricter than
# has_basis_reference — no 依法 or 法律、法规另有规定 escape clause — so it may be carried from a
# chapeau or an earlier clause to the measures that follow it.
_EXPLICIT_BASIS = re.compile(r"(?:依照|依据|按照|根据|适用)[^，。；]{0,20}?《([^》]+)》")


def explicit_basis(text: str) -> str | None:
    """The title of the higher law ``text`` explicitly acts under (依照《…》), or None."""
    for m in _EXPLICIT_BASIS.finditer(text):
        if not _SELF_REF.fullmatch(m.group(1)) and not m.group(1).startswith("本"):
            return m.group(1)
    return None


def lines_with_chapeau(text: str):
    """(offset, line, chapeau) for each line of an article; an item line (（一）…) carries the
    chapeau of its 款 (the line ending in ：that introduces the list), other lines carry none."""
    chapeau, pos = "", 0
    for line in text.split("\n"):
        if ITEM_START.match(line):
            yield pos, line, chapeau
        else:
            yield pos, line, ""
            chapeau = line if line.rstrip().endswith(("：", ":")) else ""
        pos += len(line) + 1
