"""Front matter: cover letter, title (with its 征求意见稿 marker), 主送/导语, 起草说明.

Everything before the first 章 heading or article is front matter. The title is the draft's
own title: when a cover letter (征求意见函) comes first, the title is found where the letter's
《…》 title reappears (or after the letter's date line).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from commenting.model import Part
from commenting.numerals import to_simplified
from commenting.structure.lines import (
    COVER_HEAD,
    EXPLANATION_HEAD,
    MARKER,
    SENTENCE_PUNCT,
    Line,
    compact,
    is_bare_attachment_heading,
    is_date_line,
)

# A title ends with its document type; after that only a parenthesised line (（试行）,
# （征求意见稿）) may continue it.
_TITLE_END = re.compile(
    r"(法|条例|规定|办法|细则|规则|通知|意见|决定|方案|指引|规范|标准|基准|制度|意见稿|送审稿|草案|[）)])$"
)
_PAREN_LINE = re.compile(r"^[（(][^（()）]{1,20}[）)]$")
_DOC_NUMBER = re.compile(r"〔\d{4}〕\d+号|\[\d{4}\]\d+号")


@dataclass
class Front:
    title: str = ""
    marker: str | None = None
    title_lines: list[Line] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    head_text: list[str] = field(default_factory=list)  # lines that may carry level evidence


def _part(kind: str, line: Line) -> Part:
    return Part(kind=kind, text=line.text, location=line.location, cells=line.block.cells)


def _find_inner_title(lines: list[Line], start: int, inner: str) -> int | None:
    """Index of the line (after ``start``) where the quoted title ``inner`` begins."""
    want = compact(MARKER.sub("", inner))
    if len(want) < 4:
        return None
    # the title may be split over a few lines; a line that is only a prefix of it (a signature
    # 「某市市场监督管理局」 before 「某市市场监督管理局……办法」) does not count unless the next lines complete it
    for i in range(start, len(lines)):
        acc = ""
        for j in range(i, min(i + 4, len(lines))):
            acc += compact(MARKER.sub("", lines[j].norm))
            if acc == want:
                return i
            if len(acc) < 4 or not want.startswith(acc):
                break
    return None


def _title_span(lines: list[Line], t: int) -> int:
    """End (exclusive) of the title lines starting at ``t``."""
    first = lines[t]
    if first.kind == "title" or (first.block.style or "").lower() in ("title", "#") or (
        first.block.level == 1 and first.kind == "heading"
    ):
        end = t + 1
        # a title set in the Title style may be split over several paragraphs
        while (end < len(lines) and lines[end].kind == first.kind and lines[end].block.level == first.block.level
               and (lines[end].block.style or "") == (first.block.style or "") and (first.block.style or "") != "#"
               and not SENTENCE_PUNCT.search(lines[end].norm) and len(compact(lines[end].norm)) <= 60):
            end += 1
        if end < len(lines) and _PAREN_LINE.match(compact(lines[end].norm)):
            end += 1
        return end
    end = t
    joined = ""
    while end < len(lines):
        ln = lines[end]
        n = compact(ln.norm)
        if ln.kind == "table_row" or not n:
            break
        if end > t:
            if MARKER.search(joined):
                break  # the marker closes the title
            if _TITLE_END.search(joined) and not _PAREN_LINE.match(n):
                break
        if SENTENCE_PUNCT.search(n) or len(n) > 60 or is_date_line(ln) or _DOC_NUMBER.search(n):
            break
        if EXPLANATION_HEAD.match(n):
            break
        joined += n
        end += 1
        if len(joined) > 80:
            break
    return max(end, t + 1)


def _title_after_explanation(lines: list[Line]) -> int | None:
    """Where the draft's title starts after a leading 起草说明 (None when no line looks like one)."""
    shaped = [
        i for i in range(1, len(lines))
        if lines[i].kind != "table_row"
        and not compact(lines[i].norm).startswith("附件")
        and not SENTENCE_PUNCT.search(compact(MARKER.sub("", lines[i].norm)))
        and 4 <= len(compact(lines[i].norm)) <= 60
    ]
    marked = [i for i in shaped if MARKER.search(lines[i].norm)]
    if marked:
        return marked[-1]
    titled = [i for i in shaped if _TITLE_END.search(compact(lines[i].norm))]
    return titled[-1] if titled else None


def _leading_noise(line: Line) -> bool:
    n = compact(line.norm)
    return bool(
        is_bare_attachment_heading(n)
        or (_DOC_NUMBER.search(n) and len(n) <= 30)
        or is_date_line(line)
        or re.match(r"^(密级|紧急程度|签发人|特急|加急|急件|公开方式)", n)
    )


def split_front(lines: list[Line]) -> Front:
    """Read the front matter ``lines`` (everything before the first 章/条)."""
    front = Front()
    if not lines:
        return front
    t = 0
    # Cover letter first: 关于征求《……》意见的函
    for i, ln in enumerate(lines):
        if COVER_HEAD.search(compact(ln.norm)) and "《" in ln.norm:
            inner = re.search(r"《(.+)》", ln.norm)
            found = _find_inner_title(lines, i + 1, inner.group(1)) if inner else None
            if found is None:
                found = next((j + 1 for j in range(i + 1, len(lines)) if is_date_line(lines[j])), None)
            if found is not None and found < len(lines):
                t = found
                front.parts.extend(_part("cover", x) for x in lines[:t])
                front.head_text.extend(x.norm for x in lines[:t])
            break
    # 关于《……》的起草说明 before the text
    if t == 0:
        m = re.match(r"^关于《(.+)》的(?:起草|编制|制定)说明$", compact(lines[0].norm))
        if m:
            found = _find_inner_title(lines, 1, m.group(1))
            if found is not None:
                t = found
                front.parts.extend(_part("explanation", x) for x in lines[:t])
    # a bare 起草说明 heading first: the title is the draft's own title line after the note
    # (the last marked line, else the last title-shaped line, that is not an 附件 reference)
    if t == 0 and EXPLANATION_HEAD.match(compact(lines[0].norm)):
        found = _title_after_explanation(lines)
        if found is not None:
            t = found
            front.parts.extend(_part("explanation", x) for x in lines[:t])
    # a draft sent as an attachment often starts with a bare 附件 / 附件1 line, a 文号 or a date
    while t < len(lines) - 1 and _leading_noise(lines[t]):
        front.parts.append(_part("preamble", lines[t]))
        front.head_text.append(lines[t].norm)
        t += 1
    end = _title_span(lines, t) if lines[t].kind != "table_row" else t
    front.title_lines = lines[t:end]
    front.title = "".join(x.text for x in front.title_lines)
    m = MARKER.search(to_simplified(front.title))
    front.marker = m.group("marker") if m else None
    front.parts.extend(_part("title", x) for x in front.title_lines)
    front.head_text.extend(x.norm for x in front.title_lines)
    kind = "preamble"
    for ln in lines[end:]:
        n = compact(ln.norm)
        if EXPLANATION_HEAD.match(n):
            kind = "explanation"
        elif ln.kind == "table_row":
            front.parts.append(_part("attachment", ln))
            continue
        front.parts.append(_part(kind, ln))
        if kind == "preamble":
            front.head_text.append(ln.norm)
    return front
