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
#: levels made by local bodies (立法法 第八十条、第九十三条); only these carry a province/city
LOCAL_LEVELS = ("地方性法规", "地方政府规章", "地方性法规规章")

#: TitleResolution kinds of a title the library cannot resolve: a real document that was not
#: imported (a local regulation, another ministry's rule, a standard…) versus no document at all
NOT_IN_LIBRARY = "not-in-library"
NO_SUCH_DOCUMENT = "no-such-document"
ABSENT = (NOT_IN_LIBRARY, NO_SUCH_DOCUMENT)


@dataclass
class LawVersion:
    """One version of one law / rule / normative document.

    ``work`` groups the versions of one document, also across a rename
    (程序暂行规定 2018 and 程序规定 2022 share the work of the current title).
    ``in_force_from`` is the date this text applies from (the later of version and effective date).
    ``province``/``city``: where a local document applies; both None for a national one.
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
    province: str | None = None
    city: str | None = None

    @property
    def in_force(self) -> bool:
        """Whether this version's status is in force today (an amended version is not)."""
        return self.status == CURRENT


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
    under ``successor``), "repealed" (repealed or expired — ``law.status`` says which; ``successor``
    replaces it when known), "ambiguous" (a short title several documents end with: ``candidates``),
    "not-in-library" (a real document the library does not hold: a local regulation, another
    ministry's rule, a standard, a title of corpus/known_titles.csv), "no-such-document" (nothing
    known matches: a typo — see ``suggestion`` — or an invented title). "not-yet" (the document
    exists but no version was in force on ``date``).
    ``expanded``: the full title when ``title`` was a short name (《程序规定》, a 以下简称).
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
    candidates: list[str] = field(default_factory=list)
    expanded: str | None = None

    @property
    def absent(self) -> bool:
        """The title names nothing the library holds (either kind of absence)."""
        return self.kind in ABSENT


@dataclass
class VersionHistory:
    """The versions of one document and what was in force on a date.

    ``in_force``: the version in force on ``date`` (today's when None), None when none was.
    ``applicable``: the latest version published by ``date`` (in force or not): the text a
    citation on that date most likely meant. ``successor``: the title that replaced the document
    when it is no longer in force (from a newer title of the same work or corpus/title_history.csv),
    with the replacing article when known; ``ended``: the date it lost force when known.
    """

    title: str
    date: str | None
    versions: list[LawVersion] = field(default_factory=list)
    in_force: LawVersion | None = None
    applicable: LawVersion | None = None
    successor: str | None = None
    successor_article: int | None = None
    ended: str | None = None
    note: str = ""
    source: str = ""


@dataclass
class ObsoleteName:
    """An agency name or legal term that is no longer in use, with its successor and source."""

    name: str
    successor: str
    source: str
    kind: str = "agency"  # "agency" | "term"
    note: str = ""
    since: str = ""  # YYYY-MM-DD from which the name is obsolete ("" : always wrong)
