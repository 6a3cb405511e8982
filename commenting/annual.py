"""The year's figures for the 法治政府建设 report: consultations received (by sender and level),
comments made (by review rule and by law cited), adoption from the next-round results, on-time
replies — as plain dataclasses, a ready Chinese paragraph and a .docx.

What counts (one place for it, also used by the register's export, :mod:`commenting.register_export`):

- a consultation belongs to the year it was received (收到日期; its registration day when unset);
  consultations in the bin are not counted;
- a comment made is one that is not withdrawn (撤回) and not a 无意见 note; a comment carried into
  the next round (the copy the next-round step makes) is the same comment, not a new one;
- a comment's adoption is the next-round result of the comment (following its carried copies to
  the latest round): 已采纳 / 部分采纳 / 未采纳 / 无法定位; the adoption rate is adopted (fully or
  partly) over the comments that have a result;
- on time: 反馈日期 on or before 截止日期, among consultations with both dates.
"""
from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass, field

from docx.oxml.ns import qn
from docx.shared import Twips

from commenting.letters import layout
from commenting.model import Comment, Consultation
from commenting.review.catalogue import RULES
from commenting.rounds import ADOPTED, PARTLY as PARTLY_ADOPTED, STATES
from commenting.store import Store

#: the order outcomes are named in (any other state the next round records follows)
OUTCOME_ORDER = STATES
#: the rule group of comments the reviewer wrote without a review finding
MANUAL = "人工意见"
#: the level group of a consultation registered without a draft
NO_DRAFT = "未上传草案"


@dataclass
class ConsultationFigures:
    """One consultation's counts: its draft's level, comments made and their next-round results."""

    consultation: Consultation
    level: str
    comments: list[Comment] = field(default_factory=list)
    outcomes: dict[int, str] = field(default_factory=dict)  # comment id → next-round result

    @property
    def outcome_counts(self) -> dict[str, int]:
        return _ordered(Counter(self.outcomes.values()), OUTCOME_ORDER)

    @property
    def on_time(self) -> bool | None:
        """Replied on or before the deadline; None without both dates."""
        c = self.consultation
        if not (c.replied_on and c.deadline):
            return None
        return c.replied_on[:10] <= c.deadline[:10]

    def adoption_text(self) -> str:
        """「已采纳3条，未采纳1条」; 「—」 before the next round."""
        counts = self.outcome_counts
        if not counts:
            return "—"
        return "，".join(f"{state}{n}条" for state, n in counts.items())


@dataclass
class YearFigures:
    """The year's figures; every dict is ordered most first."""

    year: int
    rows: list[ConsultationFigures]
    by_sender: dict[str, int]
    by_level: dict[str, int]
    by_rule: dict[str, int]
    by_law: dict[str, int]
    outcomes: dict[str, int]

    @property
    def consultations(self) -> int:
        return len(self.rows)

    @property
    def comments(self) -> int:
        return sum(len(r.comments) for r in self.rows)

    @property
    def assessed(self) -> int:
        """Comments with a next-round result."""
        return sum(self.outcomes.values())

    @property
    def adopted(self) -> int:
        return self.outcomes.get(ADOPTED, 0)

    @property
    def partly_adopted(self) -> int:
        return self.outcomes.get(PARTLY_ADOPTED, 0)

    @property
    def adoption_rate(self) -> float | None:
        return (self.adopted + self.partly_adopted) / self.assessed if self.assessed else None

    @property
    def answered(self) -> int:
        """Consultations with both a 反馈日期 and a 截止日期."""
        return sum(1 for r in self.rows if r.on_time is not None)

    @property
    def on_time(self) -> int:
        return sum(1 for r in self.rows if r.on_time)

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.answered if self.answered else None


# ---------------------------------------------------------------- counting


def _ordered(counts: Counter, first: tuple[str, ...] = ()) -> dict[str, int]:
    """``counts`` without zeros: the names in ``first`` in that order, then the rest most first."""
    out = {k: counts[k] for k in first if counts.get(k)}
    out.update((k, n) for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if k not in out and n)
    return out


def year_of(c: Consultation) -> int | None:
    """The year a consultation counts in: of its 收到日期, else of its registration."""
    for value in (c.received, c.created_at):
        if value and value[:4].isdigit():
            return int(value[:4])
    return None


def counts_as_made(c: Comment) -> bool:
    return c.status != "撤回" and c.kind != "无意见"


def consultation_figures(store: Store, c: Consultation) -> ConsultationFigures:
    """The counts of one consultation, read from the store."""
    drafts = store.list_drafts(c.id)
    level = NO_DRAFT
    if drafts:
        level = store.review_options(drafts[0]["id"])[0] or store.get_draft(drafts[0]["id"]).document.level
    state: dict[int, str] = {}
    carried_to: dict[int, int] = {}
    for d in drafts[1:]:  # in round order: a later result of the same comment wins
        for r in store.list_carry(d["id"]):
            state[r["comment_id"]] = r["state"]
            if r["new_comment_id"] is not None:
                carried_to[r["comment_id"]] = r["new_comment_id"]
    copies = set(carried_to.values())
    made = [m for m in store.list_comments(consultation_id=c.id) if counts_as_made(m) and m.id not in copies]
    outcomes: dict[int, str] = {}
    for m in made:
        cid, seen = m.id, set()
        while cid in carried_to and carried_to[cid] in state and cid not in seen:  # the copy's later result
            seen.add(cid)
            cid = carried_to[cid]
        if cid in state:
            outcomes[m.id] = state[cid]
    return ConsultationFigures(consultation=c, level=level, comments=made, outcomes=outcomes)


def consultations_of_year(store: Store, year: int) -> list[Consultation]:
    """The year's consultations (not in the bin), in order of receipt."""
    found = [c for c in store.list_consultations() if year_of(c) == year]
    return sorted(found, key=lambda c: (c.received or c.created_at, c.id))


def years(store: Store) -> list[int]:
    """The years with consultations, latest first."""
    return sorted({y for c in store.list_consultations() if (y := year_of(c)) is not None}, reverse=True)


def rule_group(c: Comment) -> str:
    """The review rule a comment came from (its Chinese name), or 人工意见."""
    if not c.finding_rule:
        return MANUAL
    rule = RULES.get(c.finding_rule)
    return rule.name if rule else c.finding_rule


def year_figures(store: Store, year: int) -> YearFigures:
    """The figures of ``year`` (see the module's notes on what counts)."""
    rows = [consultation_figures(store, c) for c in consultations_of_year(store, year)]
    comments = [m for r in rows for m in r.comments]
    laws = Counter(law for m in comments for law in dict.fromkeys(b.law for b in m.basis if b.law))
    return YearFigures(
        year=year,
        rows=rows,
        by_sender=_ordered(Counter(r.consultation.sender or "（未填来文单位）" for r in rows)),
        by_level=_ordered(Counter(r.level for r in rows)),
        by_rule=_ordered(Counter(rule_group(m) for m in comments)),
        by_law=_ordered(laws),
        outcomes=_ordered(Counter(s for r in rows for s in r.outcomes.values()), OUTCOME_ORDER),
    )


# ---------------------------------------------------------------- the paragraph and the .docx


def percent(rate: float) -> str:
    """75% / 66.7%."""
    value = round(rate * 100, 1)
    return f"{value:g}%"


def paragraph(f: YearFigures) -> str:
    """The ready paragraph of the year's report."""
    if not f.consultations:
        return f"{f.year}年度未收到征求意见稿。"
    senders = [s for s in f.by_sender if s != "（未填来文单位）"]
    if senders:
        named = "、".join(senders[:3]) + ("等单位" if len(senders) > 3 else "")
        text = f"{f.year}年度，共收到{named}征求意见稿{f.consultations}件"
    else:
        text = f"{f.year}年度，共收到征求意见稿{f.consultations}件"
    levels = [(k, n) for k, n in f.by_level.items() if k != NO_DRAFT]
    if levels:
        text += "（其中" + "、".join(f"{k}{n}件" for k, n in levels) + "）"
    text += f"，提出修改意见{f.comments}条"
    if f.assessed:
        text += f"，已采纳{f.adopted}条"
        if f.partly_adopted:
            text += f"、部分采纳{f.partly_adopted}条"
        text += f"，采纳率{percent(f.adoption_rate)}（按已收到修改稿的{f.assessed}条意见计）。"
    elif f.comments:
        text += "，尚未收到修改稿，采纳情况待统计。"
    else:
        text += "。"
    if f.answered:
        text += f"已反馈{f.answered}件，其中按期反馈{f.on_time}件，按期反馈率{percent(f.on_time_rate)}。"
    return text


def _table(doc, header: tuple[str, str], rows: dict[str, int]) -> None:
    t = doc.add_table(rows=1 + len(rows), cols=2)
    t.style = doc.styles["Table Grid"]
    widths = [round(layout.TEXT_WIDTH_TW * 0.75), layout.TEXT_WIDTH_TW - round(layout.TEXT_WIDTH_TW * 0.75)]
    for gc, w in zip(t._tbl.tblGrid.findall(qn("w:gridCol")), widths):
        gc.set(qn("w:w"), str(w))
    for ri, values in enumerate([header, *((k, str(n)) for k, n in rows.items())]):
        for ci, (cell, text) in enumerate(zip(t.rows[ri].cells, values)):
            cell.width = Twips(widths[ci])
            par = cell.paragraphs[0]
            layout.set_run_font(par.add_run(text), "h1" if ri == 0 else "table")
            layout.format_paragraph(par, "table", align="left" if ci == 0 and ri else "center")


def annual_docx(f: YearFigures) -> bytes:
    """The year's figures as a .docx: the paragraph, then the breakdowns as tables."""
    doc = layout.new_document()
    layout.add_paragraph(doc, f"{f.year}年度征求意见办理情况", "title", align="center")
    layout.add_paragraph(doc, paragraph(f), "body", first_line_chars=2, align="both")
    for heading, first, rows in (
        ("一、按来文单位", "来文单位", f.by_sender),
        ("二、按文件层级", "文件层级", f.by_level),
        ("三、按审查规则", "审查规则", f.by_rule),
        ("四、按引用依据", "法律依据", f.by_law),
        ("五、修改稿采纳情况", "采纳情况", f.outcomes),
    ):
        layout.add_paragraph(doc, heading, "h1", first_line_chars=2, keep_with_next=True)
        if rows:
            _table(doc, (first, "件数" if first in ("来文单位", "文件层级") else "意见条数"), rows)
        else:
            layout.add_paragraph(doc, "无。", "body", first_line_chars=2)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
