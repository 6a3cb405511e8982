"""Plain data classes of the law corpus (no I/O)."""
from __future__ import annotations

from dataclasses import dataclass, field

CURRENT = "现行有效"
AMENDED = "已修改"
REPEALED = "已废止"
EXPIRED = "已失效"  # lost force without a repeal (a 行政法规 superseded or declared expired)
STATUSES = (CURRENT, AMENDED, REPEALED, EXPIRED)
#: statuses of a text no longer in force as a whole
NOT_IN_FORCE = (REPEALED, EXPIRED)


@dataclass
class LawVersion:
    """One version of one law / rule / normative document.

    ``work`` groups the versions of one document, also across a rename
    (程序暂行规定 2018 and 程序规定 2022 share the work of the current title).
    ``in_force_from`` is the date this text applies from (the later of version and effective date).
    """

    id: str
    work: str
    title: str
    short_title: str
    level: str
    issuer: str | None = None
    doc_number: str | None = None
    version_date: str | None = None
    effective_date: str | None = None
    in_force_from: str | None = None
    status: str = CURRENT
    source: str = ""
    articles: int = 0


@dataclass
class LawArticle:
    """One article (条) of a law version. ``paragraphs`` are the 款 (items kept inside, one a line)."""

    law: str
    no: int
    sub: int
    label: str
    text: str
    paragraphs: list[str] = field(default_factory=list)
    version_date: str | None = None
    status: str = CURRENT
    level: str = ""
    items: list[list[str]] = field(default_factory=list)  # 项 per 款
    chapter: str | None = None
    section: str | None = None
    law_id: str = ""


@dataclass
class Hit:
    law: str
    article: int
    sub: int
    version_date: str | None
    snippet: str
    score: float
    text: str
    level: str
    label: str = ""
    status: str = CURRENT

    def to_json(self) -> dict:
        return {
            "law": self.law,
            "article": self.article,
            "version_date": self.version_date,
            "snippet": self.snippet,
            "score": round(self.score, 4),
        }


@dataclass
class TitleResolution:
    """What a title (as written) refers to.

    kind: "current" (names the current version), "old-version" (a version that is not current,
    e.g. the one in force on an earlier date), "renamed" (an earlier title of a work that continues
    under ``successor``), "repealed" (repealed; ``successor`` replaces it when known), "unknown".
    """

    title: str
    kind: str
    law: LawVersion | None = None
    successor: str | None = None
    successor_article: int | None = None
    note: str = ""
    source: str = ""
    suggestion: str | None = None
    date: str | None = None


@dataclass
class ObsoleteName:
    """An agency name or legal term that is no longer in use, with its successor and source."""

    name: str
    successor: str
    source: str
    kind: str = "agency"  # "agency" | "term"
    note: str = ""
