"""diff-match-patch in one place: character diffs, redlines, tracked-change runs.

Other modules never import diff_match_patch directly.
"""
from __future__ import annotations

from diff_match_patch import diff_match_patch

EQUAL, DELETE, INSERT = 0, -1, 1


def _dmp() -> diff_match_patch:
    d = diff_match_patch()
    d.Diff_Timeout = 1.0
    return d


def char_diff(old: str, new: str, *, semantic: bool = True) -> list[tuple[int, str]]:
    """Character-level diff of ``old`` → ``new`` as (op, text) with op in EQUAL/DELETE/INSERT.

    With ``semantic`` the result is cleaned up for people to read (no confetti of one-char equalities).
    """
    d = _dmp()
    ops = d.diff_main(old, new)
    if semantic:
        d.diff_cleanupSemantic(ops)
    return [(op, text) for op, text in ops]


def redline(old: str, new: str) -> str:
    """A plain-text redline: deletions as 〔删：…〕, insertions as 〔增：…〕."""
    out = []
    for op, text in char_diff(old, new):
        if op == EQUAL:
            out.append(text)
        elif op == DELETE:
            out.append(f"〔删：{text}〕")
        else:
            out.append(f"〔增：{text}〕")
    return "".join(out)


# ---------------------------------------------------------------- alignment helpers
# Used by review to find near restatements of a higher-law provision in a draft and to
# line the two up. Additive: char_diff/redline above keep their behaviour.

import re as _re
from dataclasses import dataclass as _dataclass
from functools import lru_cache as _lru_cache

from commenting.numerals import ITEM_LABEL

#: clause boundaries: sentence ends, semicolons, line breaks (款 and 项 lines)
_CLAUSE_END = _re.compile(r"[。；;！？!?\n]")
_LEAD_SPACE = " \t\u3000"


@_dataclass(frozen=True)
class Span:
    """A clause of a text: ``text == source[start:end]`` (ending punctuation excluded)."""

    start: int
    end: int
    text: str


def split_clauses(text: str) -> list[Span]:
    """Split at 。；; and line breaks; every span is an exact substring of ``text``."""
    out: list[Span] = []
    pos = 0
    for m in _CLAUSE_END.finditer(text + "\n"):
        s, e = pos, min(m.start(), len(text))
        pos = m.end()
        while s < e and text[s] in _LEAD_SPACE:
            s += 1
        while e > s and text[e - 1] in _LEAD_SPACE + "，,：:":
            e -= 1
        if e > s:
            out.append(Span(s, e, text[s:e]))
    return out


@_dataclass
class Normalized:
    """``text`` after normalisation; ``starts[i]``/``ends[i]``: the span of source that char i came from."""

    source: str
    text: str
    starts: list[int]
    ends: list[int]

    def source_span(self, i: int, j: int) -> tuple[int, int]:
        """Source offsets covering normalised chars [i, j); an empty range maps to an insertion point."""
        if i < j:
            return self.starts[i], self.ends[j - 1]
        if i < len(self.starts):
            return self.starts[i], self.starts[i]
        return (self.ends[-1], self.ends[-1]) if self.ends else (len(self.source), len(self.source))


_DROP_DEFAULT = frozenset(" \t\u3000\n，,。；;：:“”\"‘’'《》〈〉！？!?")
_ITEM_HEAD = _re.compile(rf"^\s*(?:{ITEM_LABEL}|\d+[.．、])\s*")


def normalize(text: str, replacements=(), drop: frozenset[str] = _DROP_DEFAULT,
              particles: str = "") -> Normalized:
    """Normalise for comparison, keeping a map back to ``text``.

    ``replacements`` ((variant, canonical) pairs): each occurrence of a variant is replaced by
    its canonical form (本办法 → 本法, 市场监督管理部门 → 行政机关), the longest variant first;
    ``drop``: characters removed (punctuation, spaces); ``particles``: characters removed as well
    (的); a leading item label （一） / 1. is removed.
    """
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    skip = drop | frozenset(particles)

    def plain(a: int, b: int) -> None:
        for k in range(a, b):
            ch = text[k]
            if ch not in skip:
                out.append(ch)
                starts.append(k)
                ends.append(k + 1)

    i = 0
    m = _ITEM_HEAD.match(text)
    if m:
        i = m.end()
    pattern, canon_of = _replacement_pattern(tuple(replacements))
    if pattern is not None:
        for m in pattern.finditer(text, i):
            plain(i, m.start())
            for ch in canon_of[m.lastindex - 1]:
                out.append(ch)
                starts.append(m.start())
                ends.append(m.end())
            i = m.end()
    plain(i, len(text))
    return Normalized(text, "".join(out), starts, ends)


@_lru_cache(maxsize=32)
def _replacement_pattern(replacements: tuple[tuple[str, str], ...]):
    """One regex over all variants, longest first. A variant written ``re:…`` is a regular
    expression (non-capturing groups only: 负责……监督管理的部门); any other is literal text."""
    pairs = sorted({v: c for v, c in replacements if v}.items(),
                   key=lambda vc: (not vc[0].startswith("re:"), -len(vc[0])))
    if not pairs:
        return None, {}
    sources = [v[3:] if v.startswith("re:") else _re.escape(v) for v, _ in pairs]
    return _re.compile("|".join(f"({src})" for src in sources)), [c for _, c in pairs]


@_dataclass
class Hunk:
    """One change between ``old`` and ``new`` (normalised offsets): old[o1:o2] became new[n1:n2]."""

    o1: int
    o2: int
    n1: int
    n2: int
    old: str
    new: str


def group_hunks(ops: list[tuple[int, str]], o: int = 0, n: int = 0) -> list[Hunk]:
    """Group diff ops into hunks (a deletion next to an insertion is one hunk), offsets starting at
    ``o`` in the old text and ``n`` in the new one; the hunks' ``old``/``new`` texts are left empty."""
    out: list[Hunk] = []
    cur: Hunk | None = None
    for op, text in ops:
        if op == EQUAL:
            if cur:
                out.append(cur)
                cur = None
            o += len(text)
            n += len(text)
            continue
        if cur is None:
            cur = Hunk(o, o, n, n, "", "")
        if op == DELETE:
            o += len(text)
            cur.o2 = o
        else:
            n += len(text)
            cur.n2 = n
    if cur:
        out.append(cur)
    return out


def hunks(old: str, new: str, *, expand: str = "", expand_after: str = "") -> list[Hunk]:
    """The changes of a character diff old → new, grouped (a deletion next to an insertion is one hunk).

    ``expand``: characters a hunk is widened over on both sides while the neighbouring text is
    equal (numeral characters, so that 二年→三年 reads as a whole number); ``expand_after``:
    characters it is further widened over to the right (units such as 日年元倍).
    """
    out = group_hunks(char_diff(old, new))
    if expand or expand_after:
        for h in out:
            touches = any(c in expand for c in old[h.o1:h.o2] + new[h.n1:h.n2])
            if not touches:
                continue
            while h.o1 > 0 and h.n1 > 0 and old[h.o1 - 1] == new[h.n1 - 1] and old[h.o1 - 1] in expand:
                h.o1 -= 1
                h.n1 -= 1
            while h.o2 < len(old) and h.n2 < len(new) and old[h.o2] == new[h.n2] and old[h.o2] in expand:
                h.o2 += 1
                h.n2 += 1
            while h.o2 < len(old) and h.n2 < len(new) and old[h.o2] == new[h.n2] and old[h.o2] in expand_after:
                h.o2 += 1
                h.n2 += 1
        merged: list[Hunk] = []
        for h in out:
            if merged and (h.o1 <= merged[-1].o2 or h.n1 <= merged[-1].n2):
                m = merged[-1]
                m.o2, m.n2 = max(m.o2, h.o2), max(m.n2, h.n2)
            else:
                merged.append(h)
        out = merged
    for h in out:
        h.old, h.new = old[h.o1:h.o2], new[h.n1:h.n2]
    return out


def apply_hunks(new_source: Normalized, old_source: Normalized, chosen: list[Hunk],
                restore=lambda text: text) -> str:
    """``new_source.source`` with the chosen hunks reverted to the old wording (law restored into a draft).

    Offsets of the hunks are normalised offsets of ``old_source``/``new_source``; the replaced
    text is taken from the sources, so the result keeps the draft's own wording elsewhere.
    ``restore`` rewrites each piece taken from the old text (the law's 本法 said by its title).
    """
    text = new_source.source
    pieces: list[str] = []
    pos = 0
    for h in sorted(chosen, key=lambda h: h.n1):
        ns, ne = new_source.source_span(h.n1, h.n2)
        os_, oe = old_source.source_span(h.o1, h.o2)
        if ns < pos:
            continue
        pieces.append(text[pos:ns])
        pieces.append(restore(old_source.source[os_:oe]))
        pos = ne
    pieces.append(text[pos:])
    return "".join(pieces)
