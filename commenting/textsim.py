"""Text similarity by character bigrams: the one place for the grams and the scores over them.

Grams (what counts as a bigram of a text):

- :func:`char_bigrams`: every pair of adjacent characters, as a set (a one-character text is its
  own gram); for texts already normalised (commenting.diffing).
- :func:`cjk_bigrams`: pairs of consecutive Chinese characters once everything else is dropped
  (digits, punctuation, spaces), as a set; for ranking law articles (commenting.corpus).
- :func:`content_bigrams`: pairs of adjacent Chinese characters that carry content: titles 《…》 and
  条/款/项 labels are ignored and pairs of two function characters (的、或者、规定…) skipped; for
  judging whether two legal texts say the same (commenting.review).
- :func:`bigram_counts`: every pair of adjacent characters with its count (a multiset); for
  matching a passage against an edited text, where repetitions matter (commenting.rounds).

Scores:

- :func:`dice`: Dice coefficient of two gram sets, 2·|A∩B| / (|A|+|B|);
- :func:`counted_dice` / :func:`text_dice`: Dice over counted grams (multisets);
- :func:`share`: the share of a query's grams found in a target (asymmetric, 0..1);
- :func:`counted_share`: the same over counted grams;
- :func:`containment`: :func:`share` both ways, (A in B, B in A).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import AbstractSet, Mapping

from commenting.numerals import ITEM_LABEL, NUM

__all__ = [
    "char_bigrams", "cjk_bigrams", "content_bigrams", "bigram_counts",
    "dice", "counted_dice", "text_dice", "share", "counted_share", "containment",
]

_CJK = re.compile(r"[\u4e00-\u9fff]")

#: characters that carry no content: a pair of two of them says nothing about what a text is about
FUNCTION_CHARS = frozenset("的了和与及或者等其之为对在由应当可以不得本条款项第规定依照按照根据有关法律法规规章")

# titles and 条/款/项 labels carry no content for comparing what two texts say
_REFERENCE_LABELS = re.compile(rf"《[^》]*》|第{NUM}[条款项]|{ITEM_LABEL}")


# ---------------------------------------------------------------- grams


def char_bigrams(s: str) -> frozenset[str]:
    """Every pair of adjacent characters; a one-character text is its own gram, an empty one has none."""
    if len(s) > 1:
        return frozenset(s[i:i + 2] for i in range(len(s) - 1))
    return frozenset((s,) if s else ())


def cjk_bigrams(text: str) -> frozenset[str]:
    """Pairs of consecutive Chinese characters, everything else dropped first."""
    chars = "".join(_CJK.findall(text or ""))
    return frozenset(chars[i:i + 2] for i in range(len(chars) - 1))


@lru_cache(maxsize=8192)
def content_bigrams(text: str) -> frozenset[str]:
    """Content bigrams: adjacent Chinese characters, not both function characters, outside titles
    and 条/款/项 labels."""
    t = _REFERENCE_LABELS.sub(" ", text)
    out = set()
    for i in range(len(t) - 1):
        a, b = t[i], t[i + 1]
        if not ("\u4e00" <= a <= "\u9fff" and "\u4e00" <= b <= "\u9fff"):
            continue
        if a in FUNCTION_CHARS and b in FUNCTION_CHARS:
            continue
        out.add(a + b)
    return frozenset(out)


def bigram_counts(s: str) -> dict[str, int]:
    """Every pair of adjacent characters with the number of times it occurs."""
    out: dict[str, int] = {}
    for i in range(len(s) - 1):
        g = s[i:i + 2]
        out[g] = out.get(g, 0) + 1
    return out


# ---------------------------------------------------------------- scores


def dice(a: AbstractSet[str], b: AbstractSet[str]) -> float:
    """2·|A∩B| / (|A|+|B|); 0 when either is empty."""
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def counted_dice(a: Mapping[str, int], b: Mapping[str, int]) -> float:
    """Dice over counted grams: a gram found n times in one and m in the other matches min(n, m) times."""
    total = sum(a.values()) + sum(b.values())
    if not total:
        return 0.0
    return 2 * sum(min(n, b.get(g, 0)) for g, n in a.items()) / total


def text_dice(a: str, b: str, b_counts: Mapping[str, int] | None = None) -> float:
    """:func:`counted_dice` of two texts (``b_counts``: b's counts when already computed); a text
    too short for a bigram is similar only to itself."""
    if len(a) < 2 or len(b) < 2:
        return 1.0 if a == b and a else 0.0
    return counted_dice(bigram_counts(a), b_counts if b_counts is not None else bigram_counts(b))


def share(query: AbstractSet[str], target: AbstractSet[str]) -> float:
    """The share of the query's grams found in the target (0 for an empty query)."""
    return len(query & target) / len(query) if query else 0.0


def counted_share(part: Mapping[str, int], whole: Mapping[str, int]) -> float:
    """The share of ``part``'s counted grams found in ``whole`` (1 for an empty part: nothing is missing)."""
    total = sum(part.values())
    if not total:
        return 1.0
    return sum(min(n, whole.get(g, 0)) for g, n in part.items()) / total


def containment(a: AbstractSet[str], b: AbstractSet[str]) -> tuple[float, float]:
    """(share of a's grams found in b, share of b's grams found in a); (0, 0) when either is empty."""
    if not a or not b:
        return 0.0, 0.0
    common = len(a & b)
    return common / len(a), common / len(b)
