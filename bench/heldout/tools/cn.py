"""Shared helpers for building the held-out drafts (numerals, article labels)."""
DIG = "零一二三四五六七八九"


def cn(n: int) -> str:
    """Chinese numeral for 1..99 as used in 条 labels (十、十一、二十、二十一)."""
    if n < 10:
        return DIG[n]
    t, u = divmod(n, 10)
    s = ("" if t == 1 else DIG[t]) + "十"
    return s + (DIG[u] if u else "")


def number(items, dup=None):
    """items: list of ("CH", heading) or ("A", text). Returns list of (kind, label, text).

    dup: an article number that is printed twice (planted numbering defect)."""
    out, n = [], 0
    for kind, text in items:
        if kind == "CH":
            out.append(("CH", None, text))
            continue
        if kind == "A*":          # same number as previous article (duplicate)
            out.append(("A", f"第{cn(n)}条", text))
            continue
        n += 1
        out.append(("A", f"第{cn(n)}条", text))
    return out
