"""A store with one year's consultations, comments, next-round results and reply days, built from
the data classes, for the year's figures and the register export (the expected figures are
counted by hand below)."""
from __future__ import annotations

from commenting.model import Article, Basis, Comment, Consultation, Document, Paragraph
from commenting.numerals import article_label
from commenting.rounds import CarryResult
from commenting.store import Store

LAW = "中华人民共和国行政处罚法"
OTHER_LAW = "中华人民共和国产品质量法"


def doc(title: str, level: str, texts: list[str]) -> Document:
    arts = [Article(no=i, label=article_label(i), text=t, address=f"art-{i}",
                    paragraphs=[Paragraph(no=1, text=t, address=f"art-{i}.p-1")]) for i, t in enumerate(texts, 1)]
    return Document(title=title, level=level, articles=arts, source="draft.docx", format="docx")


def build_year_store(store: Store) -> dict[str, int]:
    """Three consultations received in 2026 and one in 2025 (and one deleted); returns their ids.

    2026:
      甲 (市司法局, 规范性文件 guessed, set 地方政府规章 on the form): comments a1 (rule
         penalty-type, basis LAW), a2 (manual, basis LAW + OTHER_LAW), a3 (withdrawn), a4 (无意见);
         round 2: a1 已采纳, a2 未采纳 carried as a copy; round 3: the copy 已采纳.
         deadline 2026-03-10, replied 2026-03-09 (on time).
      乙 (市司法局, 部门规章): comments b1 (rule setting-power), b2 (manual, no basis); round 2:
         b1 部分采纳, b2 无法定位. deadline 2026-05-01, replied 2026-05-03 (late).
      丙 (省市场监管局, 规范性文件): comment c1 (manual); no next round; no reply yet.
    2025: 丁 (市政府办公室): one comment. Deleted (2026): 戊 with one comment.
    """
    ids: dict[str, int] = {}

    def consultation(key, title, sender, received, level, *, form_level="", deadline="", replied_on="", status="审查中"):
        c, draft_id = store.register_draft(
            Consultation(title=title, sender=sender, received=received, deadline=deadline, replied_on=replied_on,
                         status=status),
            doc(title, level, ["第一句。", "第二句。", "第三句。"]), f"{key}.docx", f"{key}-1".encode(), [],
            level=form_level)
        ids[key] = c.id
        ids[f"{key}_d1"] = draft_id
        return c.id, draft_id

    def comment(draft_id, article, *, rule=None, basis=(), status="草拟", kind="修改"):
        return store.add_comment(Comment(article=article, draft_id=draft_id, proposed="改为某某", reason="理由",
                                         basis=[Basis(law, 1) for law in basis], status=status, kind=kind,
                                         finding_rule=rule))

    def next_round(cid, key, n):
        return store.add_draft(cid, doc(key, "规范性文件", ["第一句。", "第二句。"]), f"{key}-{n}.docx", f"{key}-{n}".encode())

    def carry(old, new, results):
        store.record_carry(old, new, [CarryResult(comment=c, new_article=c.article, state=s, evidence="",
                                                  new_comment_id=copy) for c, s, copy in results])

    a, a1 = consultation("甲", "甲办法", "市司法局", "2026-03-01", "规范性文件", form_level="地方政府规章",
                         deadline="2026-03-10", replied_on="2026-03-09", status="已反馈")
    c_a1 = comment(a1, 1, rule="penalty-type", basis=[LAW])
    c_a2 = comment(a1, 2, basis=[LAW, OTHER_LAW])
    comment(a1, 3, status="撤回")
    comment(a1, 0, kind="无意见")
    a2 = next_round(a, "甲", 2)
    copy = comment(a2, 2, basis=[LAW, OTHER_LAW])  # the next-round step's copy of a2
    carry(a1, a2, [(c_a1, "已采纳", None), (c_a2, "未采纳", copy.id)])
    a3 = next_round(a, "甲", 3)
    carry(a2, a3, [(copy, "已采纳", None)])

    b, b1 = consultation("乙", "乙办法", "市司法局", "2026-04-20", "部门规章",
                         deadline="2026-05-01", replied_on="2026-05-03", status="已反馈")
    c_b1 = comment(b1, 1, rule="setting-power", basis=[LAW])
    c_b2 = comment(b1, 2)
    b2 = next_round(b, "乙", 2)
    carry(b1, b2, [(c_b1, "部分采纳", None), (c_b2, "无法定位", None)])

    c, c1 = consultation("丙", "丙办法", "省市场监管局", "2026-06-15", "规范性文件", deadline="2026-07-01")
    comment(c1, 1)

    _, d1 = consultation("丁", "丁办法", "市政府办公室", "2025-11-20", "规范性文件")
    comment(d1, 1, basis=[LAW])
    e, e1 = consultation("戊", "戊办法", "市政府办公室", "2026-02-01", "规范性文件")
    comment(e1, 1, basis=[LAW])
    store.delete_consultation(e)
    return ids
