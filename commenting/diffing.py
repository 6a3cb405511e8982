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
