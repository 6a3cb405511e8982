"""The body: 编/章/节 headings, 条 with their 款/项/目, or an outline (一、（一）1.) without 条.

Numbers are read as drafted and never corrected; gaps, duplicates and disorder become
:class:`~commenting.model.Anomaly` records for review to report.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from commenting.model import Anomaly, Article, Heading, Item, Paragraph, Part
from commenting.numerals import article_label, item_label, to_chinese
from commenting.structure.lines import (
    ATTACHMENT_HEAD,
    EXPLANATION_HEAD,
    ITEM,
    OUTLINE_TOP,
    SENTENCE_PUNCT,
    SUBITEM,
    Line,
    article_start,
    compact,
    heading,
    is_bare_attachment_heading,
    is_date_line,
    is_named_attachment_heading,
    is_org_line,
    num,
)


@dataclass
class Body:
    articles: list[Article] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    anomalies: list[Anomaly] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)  # signature lines after the text


def _part(kind: str, line: Line) -> Part:
    return Part(kind=kind, text=line.text, location=line.location, cells=line.block.cells)


# ---------------------------------------------------------------- where the body starts


def first_structural(lines: list[Line]) -> tuple[int, str]:
    """(index of the first 编/章/节 heading or article, "articles") or the outline start.

    Returns (len(lines), "articles") when there is neither.
    """
    for i, ln in enumerate(lines):
        if heading(ln) or article_start(ln, 1):
            if i > 0 and _numbered_heading(lines, i - 1):
                return i - 1, "articles"  # 一、总则 right before 第一条
            return i, "articles"
    for i, ln in enumerate(lines):
        m = OUTLINE_TOP.match(ln.norm)
        if m and ln.kind != "table_row":
            try:
                if num(m.group("no")) == 1:
                    return i, "outline"
            except ValueError:
                pass
    return len(lines), "articles"


def heading_string(label: str, title: str) -> str:
    """"第一章　总则" → "第一章 总则": one ASCII space inside; letter-spaced "总　则" closed up."""
    label = compact(label)
    tokens = title.split()
    if tokens and all(len(t) == 1 for t in tokens):
        title = "".join(tokens)
    else:
        title = " ".join(tokens)
    return f"{label} {title}" if title else label


# ---------------------------------------------------------------- builder


class _Builder:
    def __init__(self, outline: bool):
        self.outline = outline
        self.body = Body()
        self.chapter: str | None = None
        self.section: str | None = None
        self.article: Article | None = None
        self.last_no = 0
        self.last_sub = 0
        self.seen: dict[tuple[int, int], int] = {}
        self.last_heading_no: dict[str, int] = {}
        self.part_mode: str | None = None  # "attachment" | "explanation" once the text has ended
        self.unit_nos: list[int] = []  # outline: （一） numbers inside the current 一、 unit
        self.outline_unit_open = False
        self.last_unit_no = 0

    # -- headings
    def add_heading(self, ln: Line, m: re.Match) -> None:
        kind = m.group("kind")
        try:
            no = num(m.group("no"))
        except ValueError:
            no = 0
        label = ln.text[: len(m.group("label"))]
        title = ln.text[m.start("title"):].strip(" \u3000\t")
        h = Heading(kind=kind, no=no, label=label, title=title, text=ln.text)
        self.body.headings.append(h)
        prev = self.last_heading_no.get(kind, 0)
        if no != prev + 1:
            what = "重复" if no == prev else ("缺号" if no > prev else "顺序颠倒")
            self.body.anomalies.append(Anomaly(
                kind="chapter-" + {"重复": "duplicate", "缺号": "gap", "顺序颠倒": "disorder"}[what],
                article=self.last_no,
                address=f"art-{self.last_no}" if self.last_no else "art-0",
                message=f"{kind}的序号{what}：{f'第{to_chinese(prev)}{kind}之后' if prev else '开头'}是{label}",
                quote=ln.text,
            ))
        self.last_heading_no[kind] = no
        # a higher level resets the numbering below it
        if kind == "编":
            self.last_heading_no["章"] = 0
            self.last_heading_no["节"] = 0
            self.chapter = None
            self.section = None
        elif kind == "章":
            self.last_heading_no["节"] = 0
            self.chapter = heading_string(label, title)
            self.section = None
        else:
            self.section = heading_string(label, title)
        self.article = None

    def add_plain_heading(self, ln: Line) -> None:
        """A chapter heading numbered 一、 instead of 第一章."""
        m = OUTLINE_TOP.match(ln.norm)
        no = _number(m.group("no")) or 0
        label = ln.text[: len(m.group("label"))]
        title = ln.text[len(m.group("label")):].strip(" \u3000\t")
        prev = self.last_heading_no.get("章", 0)
        if no != prev + 1:
            self.body.anomalies.append(Anomaly(
                kind="chapter-gap" if no > prev + 1 else ("chapter-duplicate" if no == prev else "chapter-disorder"),
                article=self.last_no, address=f"art-{self.last_no}" if self.last_no else "art-0",
                message=f"章的序号不连续：{'第' + to_chinese(prev) + '部分之后' if prev else '开头'}是{label}{title}",
                quote=ln.text))
        self.last_heading_no["章"] = no
        self.body.headings.append(Heading(kind="章", no=no, label=label, title=title, text=ln.text))
        self.chapter = f"{label}{title}"
        self.section = None
        self.article = None

    # -- articles
    def start_article(self, ln: Line, no: int, sub: int, label: str, rest: str) -> None:
        self.finish_article()
        key = (no, sub)
        n_seen = self.seen.get(key, 0) + 1
        self.seen[key] = n_seen
        address = f"art-{no}" + (f"-{sub}" if sub else "") + (f"~{n_seen}" if n_seen > 1 else "")
        self.check_article_number(ln, no, sub, label, address)
        self.article = Article(
            no=no, label=label, text="", address=address, sub=sub,
            chapter=self.chapter, section=self.section, location=ln.location,
        )
        self.body.articles.append(self.article)
        self.unit_nos = []
        self.outline_unit_open = False
        self.new_paragraph(rest)
        self.last_no, self.last_sub = no, sub

    def check_article_number(self, ln: Line, no: int, sub: int, label: str, address: str) -> None:
        unit = "部分" if self.outline else "条"
        prev_label = (f"{to_chinese(self.last_no)}、" if self.outline
                      else article_label(self.last_no, self.last_sub)) if self.last_no else ""
        anomaly = None
        if sub:
            if no != self.last_no or sub != self.last_sub + 1:
                anomaly = ("disorder", f"{label}的位置或序号不符：前一{unit}是{prev_label or '（无）'}")
        elif self.seen.get((no, 0), 0) > 1:
            anomaly = ("duplicate", f"{unit}序号重复：{label}出现两次")
        elif no == self.last_no + 1:
            return
        elif no > self.last_no + 1:
            missing = [article_label(k) if not self.outline else f"{to_chinese(k)}、"
                       for k in range(self.last_no + 1, no)]
            shown = "、".join(missing[:5]) + ("等" if len(missing) > 5 else "")
            start = f"由{prev_label}直接跳至{label}" if prev_label else f"从{label}开始"
            anomaly = ("gap", f"{unit}序号{start}，缺少{shown}")
        else:
            anomaly = ("disorder", f"{unit}序号顺序颠倒：{prev_label}之后是{label}")
        if anomaly:
            self.body.anomalies.append(Anomaly(kind=anomaly[0], article=no, address=address,
                                               message=anomaly[1], quote=ln.text[:60]))

    def new_paragraph(self, text: str) -> Paragraph:
        a = self.article
        assert a is not None
        p = Paragraph(no=len(a.paragraphs) + 1, text=text, address=f"{a.address}.p-{len(a.paragraphs) + 1}")
        a.paragraphs.append(p)
        return p

    def add_item(self, ln: Line, m: re.Match) -> None:
        a = self.article
        assert a is not None
        p = a.paragraphs[-1]
        label = ln.text[: len(m.group("label"))]
        rest = ln.text[len(m.group("label")):]
        try:
            no = num(m.group("no"))
        except ValueError:
            no = len(p.items) + 1
        address = self._unique(f"{p.address}.i-{no}", [i.address for i in p.items])
        item = Item(no=no, label=label, text=rest, address=address)
        prev = p.items[-1].no if p.items else 0
        if not p.items and no > 1:
            # 项 continuing after a plain line that belonged to the previous 项
            prev = next((q.items[-1].no for q in reversed(a.paragraphs[:-1]) if q.items), 0)
        self._check_sequence("item", "项", no, prev, a, address, label, ln)
        half = m.group("label").startswith("(") or m.group("label").endswith(")")
        if half and not any(x.kind == "halfwidth-brackets" and x.address.startswith(p.address + ".")
                            for x in self.body.anomalies[-3:]):
            self.body.anomalies.append(Anomaly(
                kind="halfwidth-brackets", article=a.no, address=address,
                message=f"{a.label}中项的序号使用了半角括号（如“{label}”），应为全角括号（如“{item_label(no)}”）", quote=ln.text[:60]))
        p.items.append(item)
        p.text = p.text + "\n" + ln.text if p.text else ln.text

    def add_subitem(self, ln: Line, m: re.Match) -> bool:
        a = self.article
        assert a is not None
        p = a.paragraphs[-1]
        if not p.items:
            return False
        parent = p.items[-1]
        label = ln.text[: len(m.group("label"))]
        rest = ln.text[len(m.group("label")):]
        no = num(m.group("no") or m.group("pno"))
        address = self._unique(f"{parent.address}.s-{no}", [c.address for c in parent.children])
        prev = parent.children[-1].no if parent.children else 0
        self._check_sequence("subitem", "目", no, prev, a, address, label, ln)
        parent.children.append(Item(no=no, label=label, text=rest, address=address))
        p.text = p.text + "\n" + ln.text
        return True

    def _check_sequence(self, kind, unit, no, prev, a, address, label, ln) -> None:
        if no == prev + 1:
            return
        if no == prev:
            what, msg = "duplicate", f"{a.label}中{unit}的序号重复：{label}"
        elif no > prev + 1:
            what, msg = "gap", f"{a.label}中{unit}的序号由{'（' + to_chinese(prev) + '）' if unit == '项' and prev else prev or '开头'}直接跳至{label}"
        else:
            what, msg = "disorder", f"{a.label}中{unit}的序号顺序颠倒：{label}"
        self.body.anomalies.append(Anomaly(kind=f"{kind}-{what}", article=a.no, address=address,
                                           message=msg, quote=ln.text[:60]))

    @staticmethod
    def _unique(address: str, taken: list[str]) -> str:
        if address not in taken:
            return address
        k = 2
        while f"{address}~{k}" in taken:
            k += 1
        return f"{address}~{k}"

    # -- outline documents: （一） sub-units are the paragraphs of a 一、 unit, 1. their items
    def add_outline_unit(self, ln: Line, m: re.Match) -> None:
        a = self.article
        assert a is not None
        try:
            no = num(m.group("no"))
        except ValueError:
            no = 0
        prev = self.unit_nos[-1] if self.unit_nos else 0
        if not self.unit_nos and no == self.last_unit_no + 1:
            prev = self.last_unit_no  # （一）…（十） numbered through the whole document
        self.last_unit_no = no
        p = self.new_paragraph(ln.text) if (a.paragraphs[0].text or a.paragraphs[0].items or len(a.paragraphs) > 1) \
            else a.paragraphs[0]
        p.text = ln.text
        self._check_sequence("item", "项", no, prev, a, p.address, ln.text[: len(m.group("label"))], ln)
        self.unit_nos.append(no)
        self.outline_unit_open = True

    def add_outline_item(self, ln: Line, m: re.Match) -> None:
        a = self.article
        assert a is not None
        p = a.paragraphs[-1]
        label = ln.text[: len(m.group("label"))]
        no = num(m.group("no") or m.group("pno"))
        address = self._unique(f"{p.address}.i-{no}", [i.address for i in p.items])
        prev = p.items[-1].no if p.items else 0
        self._check_sequence("subitem", "目", no, prev, a, address, label, ln)
        p.items.append(Item(no=no, label=label, text=ln.text[len(label):], address=address))
        p.text = p.text + "\n" + ln.text

    def add_text(self, ln: Line) -> None:
        """A plain line inside an article: a new 款 (or the first 款 when the label stood alone)."""
        a = self.article
        assert a is not None
        first = a.paragraphs[0]
        if len(a.paragraphs) == 1 and not first.text and not first.items:
            first.text = ln.text
        else:
            self.new_paragraph(ln.text)

    def finish_article(self) -> None:
        a = self.article
        if a is None:
            return
        a.text = "\n".join(p.text for p in a.paragraphs)
        self.article = None

    def add_part(self, kind: str, ln: Line) -> None:
        self.body.parts.append(_part(kind, ln))


# ---------------------------------------------------------------- main loop


def parse_body(lines: list[Line], outline: bool) -> Body:
    b = _Builder(outline)
    in_article = False
    for pos, ln in enumerate(lines):
        n = ln.norm
        nc = compact(n)
        if b.part_mode:
            # an article continuing the numbering after a stray 附件 line resumes the text
            am = article_start(ln, b.last_no + 1) if b.part_mode == "attachment" and b.last_no else None
            if not (am and _number(am.group("no")) == b.last_no + 1 and not am.group("sub")):
                b.add_part(b.part_mode, ln)
                continue
            b.part_mode = None
        if ln.kind == "table_row":
            b.add_part("attachment", ln)
            continue
        if _starts_attachment(nc, bool(b.body.articles)):
            b.finish_article()
            b.part_mode = "attachment"
            b.add_part("attachment", ln)
            continue
        if EXPLANATION_HEAD.match(nc) and b.body.articles:
            b.finish_article()
            b.part_mode = "explanation"
            b.add_part("explanation", ln)
            continue
        hm = heading(ln)
        if hm and not outline:
            b.finish_article()
            b.add_heading(ln, hm)
            in_article = False
            continue
        if not outline and _numbered_heading(lines, pos):
            b.finish_article()
            b.add_plain_heading(ln)
            in_article = False
            continue
        if outline:
            om = OUTLINE_TOP.match(n)
            if om and _outline_top_ok(om, b.last_no):
                no = num(om.group("no"))
                label = ln.text[: len(om.group("label"))]
                b.start_article(ln, no, 0, label, ln.text[len(om.group("label")):])
                in_article = True
                continue
        else:
            am = article_start(ln, b.last_no + 1)
            if am:
                try:
                    no = num(am.group("no"))
                    sub = num(am.group("sub")) if am.group("sub") else 0
                except ValueError:
                    am = None
                if am:
                    label = ln.text[: len(am.group("label"))]
                    b.start_article(ln, no, sub, label, ln.text[am.start("rest"):])
                    in_article = True
                    continue
        if not in_article or b.article is None:
            if b.body.articles and (is_date_line(ln) or is_org_line(ln)):
                b.add_part("closing", ln)
                b.body.closing.append(ln.norm)
            else:
                b.add_part("preamble" if not b.body.articles else "closing", ln)
            continue
        # inside an article: signature lines end it
        if is_date_line(ln) or _CLOSING.match(nc) or (is_org_line(ln) and _next_is_closing(lines, pos)):
            b.finish_article()
            in_article = False
            b.add_part("closing", ln)
            b.body.closing.append(ln.norm)
            continue
        im = ITEM.match(n)
        sm = SUBITEM.match(n)
        if outline:
            if im:
                b.add_outline_unit(ln, im)
            elif sm and b.outline_unit_open:
                b.add_outline_item(ln, sm)
            elif b.outline_unit_open:
                p = b.article.paragraphs[-1]
                p.text = p.text + "\n" + ln.text
            else:
                b.add_text(ln)
            continue
        if im:
            b.add_item(ln, im)
            continue
        if sm and b.add_subitem(ln, sm):
            continue
        b.add_text(ln)
    b.finish_article()
    return b.body


# 版记 lines after the text: 抄送、印发、公开方式 …
_CLOSING = re.compile(r"^(抄送|抄报|主题词|公开方式|印发机关|联系人|（此件|\(此件)|^\S{2,30}\d{4}年\d{1,2}月\d{1,2}日印发$")


def _number(s: str) -> int | None:
    try:
        return num(s)
    except ValueError:
        return None


def _numbered_heading(lines: list[Line], pos: int) -> bool:
    """"一、总则" used as a chapter heading in a 条 document: short, unpunctuated, before an article."""
    ln = lines[pos]
    m = OUTLINE_TOP.match(ln.norm)
    if not m or ln.kind == "table_row":
        return False
    rest = compact(m.group("rest"))
    if not rest or len(rest) > 15 or SENTENCE_PUNCT.search(rest):
        return False
    nxt = lines[pos + 1] if pos + 1 < len(lines) else None
    return nxt is not None and article_start(nxt, None) is not None


def _starts_attachment(nc: str, after_articles: bool) -> bool:
    """附件 / 附件1 / 附件：… — a bare heading always; "附件：名称" only after the articles."""
    if is_bare_attachment_heading(nc):
        return True
    return after_articles and is_named_attachment_heading(nc) and not re.search(r"[。；]$", nc)


def _outline_top_ok(m: re.Match, last_no: int) -> bool:
    """一、 starts a top-level unit when its number is plausible (not a list inside running text)."""
    try:
        no = num(m.group("no"))
    except ValueError:
        return False
    return 0 < no <= last_no + 3 or no == 1


def _next_is_closing(lines: list[Line], pos: int) -> bool:
    """An organisation line is a signature when a date line follows it (or it ends the text)."""
    nxt = lines[pos + 1] if pos + 1 < len(lines) else None
    return nxt is None or is_date_line(nxt) or bool(ATTACHMENT_HEAD.match(compact(nxt.norm)))
