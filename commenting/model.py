"""Plain data classes that flow through the pipeline.

ingest → Block; structure → Document (Heading, Article, Paragraph, Item, Anomaly);
citations → Citation; review → Finding (Basis); store → Comment, Consultation.

Nothing here does I/O. Addresses are stable strings that comments anchor to:
``art-12``, ``art-12.p-2``, ``art-12.p-2.i-3``, ``art-12.p-2.i-3.s-1`` (目);
an inserted article 第二十条之一 is ``art-20-1``; article 0 material is ``art-0.x-N``.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# ---------------------------------------------------------------- ingest


@dataclass
class Block:
    """One unit of text as the source file lays it out, in reading order.

    kind: "paragraph" | "heading" | "table_row" | "title"
    text: visible text; automatic numbering is rendered into it (「第一条　…」).
    location: where it came from, for messages: "段落 12", "第 3 页", "第 40 行", "表格 1 行 2".
    style: the source's style name when there is one (docx "Heading 1", "Title"; md "#").
    level: outline level when the source states one (docx outlineLvl / heading level; md # count).
    cells: for table rows, the cell texts (text is them joined with a tab).
    """

    text: str
    kind: str = "paragraph"
    location: str = ""
    style: str | None = None
    level: int | None = None
    cells: list[str] | None = None


# ---------------------------------------------------------------- structure


@dataclass
class Item:
    """项 （一） or 目 1. — ``children`` holds the 目 of a 项."""

    no: int
    label: str
    text: str
    address: str
    children: list["Item"] = field(default_factory=list)


@dataclass
class Paragraph:
    """款: one paragraph of an article, with its 项."""

    no: int
    text: str
    address: str
    items: list[Item] = field(default_factory=list)


@dataclass
class Article:
    """条. ``no`` is the number as drafted; 第二十条之一 is no=20, sub=1.

    ``text`` is the article body without its label, 款 joined by "\\n".
    For documents outlined 一、（一）1. instead of 条, each top-level unit is an Article
    with ``label`` its own heading label ("一、").
    """

    no: int
    label: str
    text: str
    address: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    sub: int = 0
    chapter: str | None = None
    section: str | None = None
    location: str = ""


@dataclass
class Heading:
    """编 / 章 / 节 heading as drafted."""

    kind: str  # "编" | "章" | "节"
    no: int
    label: str  # 第一章
    title: str  # 总则
    text: str  # 第一章　总则
    first_article: int | None = None


@dataclass
class Anomaly:
    """Something in the numbering that review must report; the text is left as drafted.

    kind: "gap" | "duplicate" | "disorder" | "halfwidth-brackets" | "item-gap" | ...
    """

    kind: str
    article: int
    address: str
    message: str
    quote: str = ""


@dataclass
class Part:
    """Article-0 material: title block, cover letter, 起草说明, preamble, 附件."""

    kind: str  # "title" | "cover" | "explanation" | "preamble" | "attachment" | "closing"
    text: str
    location: str = ""
    cells: list[str] | None = None
    address: str = ""  # art-0.x-N, set by structure.parse


@dataclass
class Document:
    title: str
    level: str = "规范性文件"
    marker: str | None = None  # 征求意见稿 / 送审稿
    issuer: str | None = None
    level_evidence: list[str] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    anomalies: list[Anomaly] = field(default_factory=list)
    outline: str = "articles"  # "articles" (条) or "outline" (一、（一）1.)
    source: str = ""  # file name the document was read from
    format: str = ""  # "docx" | "pdf" | "text" | "markdown"

    def article(self, no: int, sub: int = 0) -> Article | None:
        for a in self.articles:
            if a.no == no and a.sub == sub:
                return a
        return None

    def to_json(self) -> dict[str, Any]:
        """The ``articles`` array of ../shared/docs/findings.md, plus title and level."""
        return {
            "title": self.title,
            "level": self.level,
            "articles": [article_json(a) for a in self.articles],
        }


def article_json(a: Article) -> dict[str, Any]:
    out: dict[str, Any] = {
        "no": a.no,
        "label": a.label,
        "chapter": a.chapter,
        "section": a.section,
        "text": a.text,
        "paragraphs": [p.text for p in a.paragraphs],
    }
    if a.sub:
        out["sub"] = a.sub
    return out


# ---------------------------------------------------------------- citations


@dataclass
class Citation:
    """A reference found in text: to another law, or to the draft itself (internal).

    law: the title as written (without 《》), None for internal references.
    article/paragraph/item: numbers as written (None where not stated); sub for 之一.
    relative: "前款" | "本条" | "前条" | "本款" … for relative internal references.
    start/end: offsets of ``text`` in the searched string.
    """

    text: str
    start: int
    end: int
    law: str | None = None
    article: int | None = None
    sub: int = 0
    paragraph: int | None = None
    item: int | None = None
    internal: bool = False
    relative: str | None = None


# ---------------------------------------------------------------- review


@dataclass
class Basis:
    law: str  # full official title as the corpus holds it
    article: int
    paragraph: int | None = None
    item: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"law": self.law, "article": self.article}


@dataclass
class Finding:
    rule: str
    severity: str  # "error" | "warning" | "info"
    article: int
    quote: str
    basis: list[Basis] = field(default_factory=list)
    message: str = ""
    suggestion: str = ""
    address: str | None = None
    sub: int = 0
    proposed: str | None = None  # proposed wording of the quoted span, when the rule knows it

    def to_json(self) -> dict[str, Any]:
        out = {
            "rule": self.rule,
            "severity": self.severity,
            "article": self.article,
            "quote": self.quote,
            "basis": [b.to_json() for b in self.basis],
            "message": self.message,
            "suggestion": self.suggestion,
        }
        if self.sub:
            out["sub"] = self.sub
        return out


def to_dict(obj: Any) -> Any:
    return asdict(obj)


# ---------------------------------------------------------------- comments and register

COMMENT_KINDS = ("修改", "删除", "增加", "总体意见", "无意见")
COMMENT_STATUSES = ("草拟", "采纳", "撤回")
CONSULTATION_STATUSES = ("待审查", "审查中", "已反馈", "无意见")
#: what became of an earlier round's comment in the next draft (see commenting.rounds)
CARRY_STATES = ("已采纳", "部分采纳", "未采纳", "无法定位")


@dataclass
class Comment:
    """A reviewer's comment on one article (optionally one 款/项 and a quoted span).

    ``version`` increases with every saved change; an edit must name the version it was
    based on (see store.update_comment). ``original`` is the drafted text the comment is
    about (the quote, or the whole 款/article); ``proposed`` the wording the reviewer wants.
    """

    article: int
    kind: str = "修改"
    original: str = ""
    proposed: str = ""
    reason: str = ""
    basis: list[Basis] = field(default_factory=list)
    author: str = ""
    status: str = "草拟"
    sub: int = 0
    address: str | None = None
    quote: str = ""
    finding_rule: str | None = None
    id: int | None = None
    draft_id: int | None = None
    consultation_id: int | None = None
    version: int = 1
    created_at: str = ""
    updated_at: str = ""
    updated_by: str = ""  # who saved the current version (author is who wrote the comment)


@dataclass
class Consultation:
    """征求意见登记: one request for comments, possibly with several draft rounds."""

    title: str
    sender: str = ""  # 来文单位
    doc_number: str = ""  # 来文文号
    received: str = ""  # 收到日期 YYYY-MM-DD
    deadline: str = ""  # 反馈截止日期 YYYY-MM-DD
    handler: str = ""  # 承办人
    status: str = "待审查"
    notes: str = ""
    replied_on: str = ""  # 反馈日期 YYYY-MM-DD: the day the reply letter went out ("" before)
    id: int | None = None
    created_at: str = ""
    updated_at: str = ""
    days_left: int | None = None  # to the deadline, as of reading (store fills it; not stored)
