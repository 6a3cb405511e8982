"""The reply letter (反馈意见 / 修改意见 函) as .docx, laid out by layout.py.

Content follows the office's usual 函: title, 主送机关, an opening sentence naming the incoming
letter, 总体意见, 具体修改意见 article by article (原文 / 修改建议 / 理由及依据), 落款, 成文日期,
(联系人：…，电话：…); optionally a 修改意见汇总表 as an attachment page.
"""
from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import dataclass, field

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Twips

from commenting.letters import layout
from commenting.model import Basis, Comment, Consultation, Document
from commenting.numerals import article_label, item_label, to_chinese

KINDS = ("反馈意见", "修改意见")


@dataclass
class LetterInfo:
    """What the letter says besides the comments.

    title: the draft's title (征求意见稿 title as drafted); kind: 反馈意见 | 修改意见;
    recipient: 主送机关; sender: 落款 (our unit); date: 成文日期 (default today);
    incoming_title / incoming_number / incoming_sender: the letter asking for comments
    (title defaults to 关于征求《title》意见的函); doc_number: our own 文号, optional.
    """

    title: str
    kind: str = "反馈意见"
    recipient: str = ""
    sender: str = ""
    date: dt.date | None = None
    contact: str = ""
    phone: str = ""
    overall: str = ""
    incoming_title: str = ""
    incoming_number: str = ""
    incoming_sender: str = ""
    doc_number: str = ""
    attachments: list[str] = field(default_factory=list)

    @classmethod
    def from_consultation(cls, c: Consultation, **kw) -> "LetterInfo":
        kw.setdefault("recipient", c.sender)
        kw.setdefault("incoming_sender", c.sender)
        kw.setdefault("incoming_number", c.doc_number)
        return cls(title=kw.pop("title", None) or c.title, **kw)


# ---------------------------------------------------------------- wording helpers

_BRACKETED_YEAR = re.compile(r"[\[［【(（〔]\s*((?:19|20)\d{2})\s*[\]］】)）〕]")


def doc_number(text: str) -> str:
    """文号 with the year in 六角括号: 衡市监函[2026]12号 → 衡市监函〔2026〕12号."""
    return _BRACKETED_YEAR.sub(r"〔\1〕", (text or "").strip())


def chinese_date(d: dt.date) -> str:
    """成文日期 in Arabic numerals without leading zeros: 2026年11月9日."""
    return f"{d.year}年{d.month}月{d.day}日"


def nest_title(title: str) -> str:
    """A title going inside 《》: inner 《》 become 〈〉."""
    return title.replace("《", "〈").replace("》", "〉")


def bare_title(title: str) -> str:
    t = title.strip()
    if t.startswith("《") and t.endswith("》"):
        t = t[1:-1]
    return t


#: how a unit is addressed by the end of its name (你局 / 我委 …); 单位 otherwise
_UNIT_SUFFIXES = (("委员会", "委"), ("办公室", "办"), ("人民政府", "政府"), ("政府", "政府"), ("局", "局"),
                  ("委", "委"), ("厅", "厅"), ("办", "办"), ("院", "院"), ("部", "部"), ("署", "署"))


def addressed(unit: str, pronoun: str) -> str:
    """你局 / 我委 / 你单位 … from the unit's name (``pronoun`` is 你 or 我)."""
    u = (unit or "").strip()
    for suffix, short in _UNIT_SUFFIXES:
        if u.endswith(suffix):
            return pronoun + short
    return pronoun + "单位"


def basis_text(b: Basis) -> str:
    out = f"《{bare_title(b.law)}》{article_label(b.article)}"
    if b.paragraph:
        out += f"第{to_chinese(b.paragraph)}款"
    if b.item:
        out += f"第{item_label(b.item)}项"
    return out


def reason_text(c: Comment) -> str:
    """理由及依据: the reason, then the bases it does not already name."""
    reason = (c.reason or "").strip()
    extra = [basis_text(b) for b in c.basis if basis_text(b) not in reason]
    if extra:
        ref = "依据：" + "；".join(extra) + "。"
        reason = f"{reason}{'' if not reason or reason[-1] in '。；！？' else '。'}{ref}" if reason else ref
    return reason or "（略）"


def suggestion_text(c: Comment) -> str:
    proposed = (c.proposed or "").strip()
    if c.kind == "删除" or (not proposed and c.kind == "修改" and c.original):
        return "建议删除。" if c.kind == "删除" or not proposed else proposed
    if c.kind == "增加":
        return f"建议增加：{proposed}" if proposed else "建议增加相关规定。"
    return proposed or "（见理由）"


def original_text(c: Comment) -> str:
    return (c.original or c.quote or "").strip() or "（无）"


def article_heading(c: Comment, document: Document | None) -> str:
    """The article label as drafted (第五条 / 第二十条之一 / 一、); 标题及其他 for article 0."""
    if c.article == 0:
        return "标题及其他内容"
    a = document.article(c.article, c.sub) if document else None
    if a and a.label:
        label = a.label.rstrip("、．. ")
        return label
    return article_label(c.article, c.sub)


def adopted(comments: list[Comment]) -> list[Comment]:
    return [c for c in comments if c.status == "采纳" and c.kind != "无意见"]


def ordered(comments: list[Comment], document: Document | None) -> list[Comment]:
    """Draft order: by the article's position in the draft, then by where the quote sits."""
    index = {}
    if document:
        for i, a in enumerate(document.articles):
            index.setdefault((a.no, a.sub), i)

    def key(c: Comment):
        pos = index.get((c.article, c.sub), 10_000 + c.article)
        if c.article == 0:
            pos = -1
        a = document.article(c.article, c.sub) if document and c.article else None
        at = a.text.find(c.quote or c.original) if a and (c.quote or c.original) else -1
        return (pos, c.sub, at if at >= 0 else 10**9, c.id or 0)

    return sorted(comments, key=key)


def grouped(comments: list[Comment], document: Document | None) -> list[tuple[str, list[Comment]]]:
    groups: list[tuple[str, list[Comment]]] = []
    last = None
    for c in ordered(comments, document):
        k = (c.article, c.sub)
        if k != last:
            groups.append((article_heading(c, document), []))
            last = k
        groups[-1][1].append(c)
    return groups


# ---------------------------------------------------------------- the letter


def reply_letter(info: LetterInfo, comments: list[Comment], document: Document | None = None,
                 *, table: bool = False) -> bytes:
    """The reply letter as .docx bytes. Only comments with status 采纳 go in."""
    if info.kind not in KINDS:
        from commenting.errors import CommentingError

        raise CommentingError(f"意见类型应为“反馈意见”或“修改意见”，收到“{info.kind}”")
    doc = layout.new_document()
    chosen = adopted(comments)
    overall = [c for c in chosen if c.kind == "总体意见"]
    specific = [c for c in chosen if c.kind != "总体意见"]
    title = bare_title(info.title or (document.title if document else ""))
    self_ref = addressed(info.sender, "我")

    if info.doc_number:
        layout.add_paragraph(doc, doc_number(info.doc_number), "body", align="right", first_line_chars=0)
        layout.add_paragraph(doc, "", "body")
    heading = f"关于《{nest_title(title)}》的{info.kind}"
    lines = layout.break_title(heading, tail="的" + info.kind)
    p = layout.add_paragraph(doc, lines[0], "title")
    for line in lines[1:]:
        run = p.add_run()
        run.add_break()
        run.add_text(line)
        layout.set_run_font(run, "title")
    layout.add_paragraph(doc, "", "body")
    if info.recipient:
        layout.add_paragraph(doc, f"{info.recipient.strip()}：", "body", first_line_chars=0)

    incoming_sender = info.incoming_sender or info.recipient
    incoming_title = bare_title(info.incoming_title) or f"关于征求《{title}》意见的函"
    opening = f"{addressed(incoming_sender, '你')}《{nest_title(incoming_title)}》"
    if info.incoming_number:
        opening += f"（{doc_number(info.incoming_number)}）"
    opening += "收悉。经认真研究，"
    overall_texts = [t for t in [info.overall.strip()] + [(c.reason or c.proposed).strip() for c in overall] if t]
    if not specific and not overall_texts:
        layout.add_paragraph(doc, opening + f"{self_ref}对《{nest_title(title)}》无修改意见。", "body")
    else:
        layout.add_paragraph(doc, opening + "现提出如下意见：", "body")
        n = 0
        if overall_texts:
            n += 1
            layout.add_paragraph(doc, f"{to_chinese(n)}、总体意见", "h1")
            for t in overall_texts:
                layout.add_paragraph(doc, t, "body")
        if specific:
            n += 1
            layout.add_paragraph(doc, f"{to_chinese(n)}、具体修改意见", "h1")
            if table:
                layout.add_paragraph(doc, "具体修改意见详见附件《修改意见汇总表》。", "body")
            else:
                _specific_body(doc, specific, document)

    attachments = list(info.attachments)
    if table and specific:
        attachments.insert(0, "修改意见汇总表")
    if attachments:
        layout.add_paragraph(doc, "", "body")
        for i, name in enumerate(attachments):
            if len(attachments) == 1:
                text = f"附件：{name}"
            else:
                text = (f"附件：{i + 1}．{name}" if i == 0 else f"{i + 1}．{name}")
            p = layout.add_paragraph(doc, text, "body")
            if i:
                layout.format_paragraph(p, first_line_chars=0, left_chars=5)

    _signature(doc, info)

    if table and specific:
        _summary_table(doc, specific, document)
    return layout.to_bytes(doc)


def _specific_body(doc, specific: list[Comment], document: Document | None) -> None:
    for gi, (label, group) in enumerate(grouped(specific, document), start=1):
        layout.add_paragraph(doc, f"{item_label(gi)}{label}", "h2")
        for ci, c in enumerate(group, start=1):
            prefix = f"{ci}．" if len(group) > 1 else ""
            if prefix:
                layout.add_paragraph(doc, f"{prefix}{_comment_heading(c)}", "h3")
            layout.add_paragraph(doc, f"原文：{original_text(c)}", "body")
            layout.add_paragraph(doc, f"修改建议：{suggestion_text(c)}", "body")
            layout.add_paragraph(doc, f"理由及依据：{reason_text(c)}", "body")


def _comment_heading(c: Comment) -> str:
    quote = (c.quote or c.original or "").strip()
    # 1．关于“…” fits one line: 28 characters less the 2-character indent and 6 of wrapping
    if len(quote) > 16:
        quote = quote[:15] + "……"
    return f"关于“{quote}”" if quote else "修改意见"


def _signature(doc, info: LetterInfo) -> None:
    """落款 centred over the 成文日期, which sits 4 characters in from the right (§7.3.5.2)."""
    date = chinese_date(info.date or dt.date.today())
    # the signature never stands alone on a page: the last lines of the text come along (§7.3.5)
    body = doc.element.body
    last = [p for p in body.iterchildren(qn("w:p"))][-1:]
    if last:
        last[0].get_or_add_pPr().keepNext_val = True
    layout.add_paragraph(doc, "", "body", keep_with_next=True)
    layout.add_paragraph(doc, "", "body", keep_with_next=True)
    if info.sender:
        # centre the sender over the date: shift its right indent by half the width difference
        # (digits are half-width: count them as half a character)
        width = lambda s: sum(0.5 if ch.isascii() else 1 for ch in s)  # noqa: E731
        right = 4 + (width(date) - width(info.sender)) / 2
        layout.add_paragraph(doc, info.sender.strip(), "body", align="right", first_line_chars=0,
                             right_chars=max(0.0, right), keep_with_next=True)
    layout.add_paragraph(doc, date, "body", align="right", first_line_chars=0, right_chars=4,
                         keep_with_next=bool(info.contact or info.phone))
    if info.contact or info.phone:
        parts = []
        if info.contact:
            parts.append(f"联系人：{info.contact.strip()}")
        if info.phone:
            parts.append(f"电话：{info.phone.strip()}")
        layout.add_paragraph(doc, "（" + "，".join(parts) + "）", "body")


# ---------------------------------------------------------------- 修改意见汇总表

TABLE_COLUMNS = ("序号", "条款", "原文", "修改建议", "理由及依据")
#: column widths in characters of 小四 (12 pt), summing to the 版心 width
_COL_WEIGHTS = (3, 6, 9, 9, 10)


def _summary_table(doc, specific: list[Comment], document: Document | None) -> None:
    head = layout.add_paragraph(doc, "附件", "h1", first_line_chars=0)
    head.paragraph_format.page_break_before = True
    layout.add_paragraph(doc, "", "body")
    layout.add_paragraph(doc, "修改意见汇总表", "title")
    layout.add_paragraph(doc, "", "body")

    rows = [c for _, group in grouped(specific, document) for c in group]
    t = doc.add_table(rows=1 + len(rows), cols=len(TABLE_COLUMNS))
    t.style = doc.styles["Table Grid"]
    t.autofit = False
    total = layout.TEXT_WIDTH_TW
    widths = [round(total * w / sum(_COL_WEIGHTS)) for w in _COL_WEIGHTS]
    widths[-1] = total - sum(widths[:-1])
    grid = t._tbl.tblGrid
    for gc, w in zip(grid.findall(qn("w:gridCol")), widths):
        gc.set(qn("w:w"), str(w))
    tblW = t._tbl.tblPr.find(qn("w:tblW"))  # python-docx writes one (auto); make it the 版心 width
    if tblW is not None:
        tblW.set(qn("w:w"), str(total))
        tblW.set(qn("w:type"), "dxa")
    values = [list(TABLE_COLUMNS)] + [
        [str(i), article_heading(c, document), original_text(c), suggestion_text(c), reason_text(c)]
        for i, c in enumerate(rows, start=1)
    ]
    # straight on the XML: python-docx's row.cells / style-by-name are quadratic over a long table
    from docx.text.paragraph import Paragraph as DocxParagraph

    cell_style = layout.STYLE_IDS[layout.ROLES["table"][2]]
    templates: dict[tuple[bool, bool], object] = {}
    for ri, (tr, vals) in enumerate(zip(t._tbl.tr_lst, values)):
        if ri == 0:
            tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))
        for ci, (tc, text) in enumerate(zip(tr.tc_lst, vals)):
            tc.width = Twips(widths[ci])
            key = (ri == 0, ri == 0 or ci < 2)
            old = tc.p_lst[0]
            if key in templates and text and "\n" not in text and "\t" not in text:
                new = copy.deepcopy(templates[key])
                new.find(f"{qn('w:r')}/{qn('w:t')}").text = text
                tc.replace(old, new)
                continue
            par = DocxParagraph(old, t)
            par._p.style = cell_style
            run = par.add_run(text)
            layout.set_run_font(run, "h1" if ri == 0 else "table")
            run.font.size = layout.Pt(layout.SIZE_XIAOSI)
            # narrow columns: justified text would spread a short line over the whole cell
            layout.format_paragraph(par, "table", align="center" if key[1] else "left")
            if text and "\n" not in text and "\t" not in text:
                templates[key] = copy.deepcopy(par._p)
