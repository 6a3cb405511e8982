"""Line classification: what a block's text *looks like* (article start, 章 heading, 项 label …).

Matching runs on a normalised copy (traditional structural characters mapped to simplified,
Markdown ``#`` marks removed, surrounding whitespace stripped); the stored text stays as drafted.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from commenting.model import Block
from commenting.numerals import CN_NUM, ITEM_LABEL, NUM, from_chinese, to_simplified

_WS = " \t\u3000\u00a0\r\n"
_MD_HEAD = re.compile(r"^#{1,6}\s+")
_HTML_COMMENT = re.compile(r"^<!--.*-->$")

#: 第X条 at the start of a line; ``rest`` is what follows the label
ARTICLE_START = re.compile(
    rf"^(?P<label>第[ \u3000]*(?P<no>{NUM})[ \u3000]*条(?:之(?P<sub>{CN_NUM}|[0-9０-９]+))?)"
    rf"(?P<sep>[ \t\u3000\u00a0]*)(?P<rest>.*)$",
    re.S,
)
#: 第X编/章/节 heading; the title after it must be short and free of sentence punctuation
HEADING = re.compile(
    rf"^(?P<label>第[ \u3000]*(?P<no>{NUM})[ \u3000]*(?P<kind>[编章节]))(?P<sep>[ \t\u3000\u00a0]*)(?P<title>.*)$"
)
#: top-level outline label 一、
OUTLINE_TOP = re.compile(rf"^(?P<label>(?P<no>{CN_NUM})[、.．])(?P<rest>.*)$", re.S)
#: 项 label （一） / (一)
ITEM = re.compile(rf"^(?P<label>{ITEM_LABEL})(?P<rest>.*)$", re.S)
#: 目 label 1. / 1、 / 1． / (1) / （1）
SUBITEM = re.compile(
    r"^(?P<label>(?:(?P<no>[0-9０-９]{1,3})[ \u3000]*[.．、](?![0-9０-９])|[（(](?P<pno>[0-9０-９]{1,3})[）)]))"
    r"(?P<rest>.*)$",
    re.S,
)
DATE_LINE = re.compile(r"^[0-9０-９〇○零一二三四五六七八九十]{2,4}[ \u3000]*年[ \u3000]*[0-9０-９一二三四五六七八九十 \u3000]{0,4}月"
                       r"[ \u3000]*[0-9０-９一二三四五六七八九十 \u3000]{0,4}日$")
MARKER = re.compile(r"[（(](?P<marker>(?:修订|修改)?(?:草案)?(?:征求意见稿|送审稿|草案|讨论稿|修订稿|代拟稿))[）)]")
ORG_SUFFIX = re.compile(
    r"(人民代表大会常务委员会|人民政府办公厅|人民政府办公室|人民政府|委员会|办公厅|办公室|监督管理局|管理局|总局|局|厅|署|部|院)$"
)
#: 附件 / 附件2 / 附件一：名称 — the one attachment-heading pattern; groups: colon, rest (the name)
ATTACHMENT_HEAD = re.compile(
    r"^附[ \u3000]*件[ \u3000]*[0-9０-９一二三四五六七八九十]*[ \u3000]*(?P<colon>[:：]?)(?P<rest>.*)$"
)


def is_bare_attachment_heading(text: str) -> bool:
    """附件 / 附件1 / 附件一： alone on its line (``text`` compacted: no spaces)."""
    m = ATTACHMENT_HEAD.match(text)
    return bool(m) and not m.group("rest")


def is_named_attachment_heading(text: str) -> bool:
    """附件1：名称 — a heading and the attachment's name on one line (``text`` compacted)."""
    m = ATTACHMENT_HEAD.match(text)
    return bool(m) and bool(m.group("colon")) and bool(m.group("rest"))
EXPLANATION_HEAD = re.compile(r"^(?:关于.*的)?(?:起草说明|编制说明|制定说明)$|^说[ \u3000]*明$")
# A cover before the draft's own title: a 征求意见函, or a 政府令 whose promulgation sentence names
# the rule (「《……》已经……通过，现予公布」).
COVER_HEAD = re.compile(r"征求.*意见的函$|意见的函$|征求意见函$|^《[^》]+》已经")
SENTENCE_PUNCT = re.compile(r"[，。；：！？,;:!?]")

# Words that, directly after 第X条, show the line cites an article instead of starting one.
_CITING_NEXT = re.compile(r"^(?:规定|的|第|款|项|中|、|，|和|与|或|及|至|到|所|之规定|（|\(|明确|提到|列|以|有关)")


@dataclass
class Line:
    """One non-empty block with its matching form."""

    index: int  # position among the non-empty blocks
    block: Block
    text: str  # as drafted, surrounding whitespace removed
    norm: str  # simplified, whitespace-stripped, Markdown marks removed — for matching only

    @property
    def kind(self) -> str:
        return self.block.kind

    @property
    def location(self) -> str:
        return self.block.location


#: an article label inside a paragraph, after a finished sentence and a space: where articles run
#: on in one paragraph (a PDF or web copy that lost its line breaks)
_RUN_ON_ARTICLE = re.compile(rf"(?<=[。；：！？”])[ \u3000]+(?=第(?P<no>{NUM})条[ \u3000])")


def split_run_on_articles(text: str) -> list[str]:
    """``text`` cut before each article label that continues its numbering (第一条 …。 第二条 …)
    — only labels numbered one more than the article before them, so a cited 第五条 never starts one."""
    m = ARTICLE_START.match(text)
    if not m or m.group("sub"):
        return [text]
    try:
        expected = from_chinese(m.group("no")) + 1
    except ValueError:
        return [text]
    pieces, start = [], 0
    for r in _RUN_ON_ARTICLE.finditer(text):
        try:
            no = from_chinese(r.group("no"))
        except ValueError:
            continue
        if no != expected:
            continue
        pieces.append(text[start:r.start()])
        start, expected = r.end(), no + 1
    return [*pieces, text[start:]]


def make_lines(blocks: list[Block]) -> list[Line]:
    out: list[Line] = []
    for b in blocks:
        text = (b.text or "").strip(_WS)
        if not text and not (b.kind == "table_row" and b.cells and any(c.strip() for c in b.cells)):
            continue
        norm = to_simplified(text)
        if _MD_HEAD.match(norm):
            norm = _MD_HEAD.sub("", norm)
            text = _MD_HEAD.sub("", text)
        if _HTML_COMMENT.match(norm):
            continue
        pieces = split_run_on_articles(text) if b.kind != "table_row" else [text]
        for piece in pieces:
            out.append(Line(len(out), b, piece, norm if len(pieces) == 1 else to_simplified(piece)))
    return out


def compact(s: str) -> str:
    """Text without any whitespace, for comparing titles split over lines."""
    return re.sub(r"[\s\u3000]+", "", s)


def num(s: str) -> int:
    return from_chinese(s)


def article_start(line: Line, expected: int | None) -> re.Match | None:
    """The 第X条 match when ``line`` starts an article, else None.

    A label followed by a separator (space, full-width space, tab) or by nothing starts an
    article. A label run directly into the text ("第一条为了…") starts one too, unless the
    words after it show a citation ("第十条规定的…") and the number is not the one expected next.
    """
    if line.kind == "table_row":
        return None
    m = ARTICLE_START.match(line.norm)
    if not m:
        return None
    rest = m.group("rest")
    if m.group("sep") or not rest:
        return m
    try:
        no = num(m.group("no"))
    except ValueError:
        return None
    if expected is not None and no == expected:
        return m
    if _CITING_NEXT.match(rest):
        return None
    return m


def heading(line: Line) -> re.Match | None:
    """第X编/章/节 heading (title short, no sentence punctuation)."""
    if line.kind == "table_row":
        return None
    m = HEADING.match(line.norm)
    if not m:
        return None
    title = m.group("title")
    if len(title) > 40 or SENTENCE_PUNCT.search(title):
        return None
    if title and not m.group("sep") and re.match(r"^(规定|的|第|中|所|和|至)", title):
        return None
    return m


def is_date_line(line: Line) -> bool:
    return bool(DATE_LINE.match(compact(line.norm))) or bool(
        re.match(r"^[0-9０-９]{4}[-./][0-9]{1,2}[-./][0-9]{1,2}$", line.norm)
    )


def is_org_line(line: Line) -> bool:
    """A short line that is only an organisation's name (a signature or letterhead)."""
    n = compact(line.norm)
    return 3 <= len(n) <= 30 and not SENTENCE_PUNCT.search(n) and bool(ORG_SUFFIX.search(n))
