"""Carrying comments to the revised draft: adopted, not adopted, gone — found by text, not position."""
from __future__ import annotations

import pytest

from commenting.model import Article, Comment, Consultation, Document, Paragraph
from commenting.numerals import article_label
from commenting.rounds import (
    ADOPTED,
    LOST,
    NOT_ADOPTED,
    PARTLY,
    carry_comments,
    carry_to_round,
    proposal_progress,
    similarity,
)
from commenting.store import Store


def make_doc(texts: list[str], title: str = "某市行政处罚裁量办法（征求意见稿）") -> Document:
    return Document(title=title, articles=[
        Article(no=n, label=article_label(n), text=t, address=f"art-{n}",
                paragraphs=[Paragraph(no=1, text=t, address=f"art-{n}.p-1")])
        for n, t in enumerate(texts, 1)
    ])


ROUND_1 = [
    "为了规范行政处罚裁量权，根据有关法律法规，制定本办法。",
    "当事人要求听证的，应当在收到告知书之日起三日内提出。",
    "违法行为在三年内未被发现的，不再给予行政处罚。",
    "对违反本办法的，处一万元以上三万元以下罚款。",
    "市场监管部门可以对经营者采取查封措施。",
    "经营者应当每日向市场监管部门报送经营数据。",
    "本办法自发布之日起施行。",
]
ROUND_2 = [
    "为了规范行政处罚裁量权，根据有关法律法规，制定本办法。",
    "本办法适用于本市行政区域内的行政处罚裁量活动，有效期三年。",  # inserted: the rest move down
    "当事人要求听证的，应当在收到告知书之日起五日内提出。",
    "违法行为在三年内未被发现的，不再给予行政处罚。",
    "对违反本办法规定的，处五千元以上五万元以下罚款。",
    "本办法自公布之日起施行。",  # old 5 and 6 are gone
]


def comments() -> dict[str, Comment]:
    c = {
        "hearing": Comment(article=2, quote="三日", original="三日", proposed="五日", reason="期限过短"),
        "limit": Comment(article=3, quote="三年", original="三年", proposed="二年", reason="追诉时效为二年"),
        "fine": Comment(article=4, original=ROUND_1[3], proposed="对违反本办法的，处五千元以上五万元以下罚款。",
                        reason="罚款幅度"),
        "seal": Comment(article=5, quote="可以对经营者采取查封措施", original="可以对经营者采取查封措施",
                        proposed="依法对涉嫌违法的场所采取查封、扣押措施", reason="行政强制须有法律依据"),
        "report": Comment(article=6, kind="删除", original=ROUND_1[5], reason="增设义务无上位法依据"),
        "date": Comment(article=7, quote="发布之日起施行", original="发布之日起施行", proposed="发布之日起三十日后施行",
                        reason="给予准备期"),
        "general": Comment(article=0, kind="总体意见", proposed="建议补充听证程序的衔接规定"),
    }
    for i, x in enumerate(c.values(), 1):
        x.id = i
    return c


@pytest.fixture(scope="module")
def outcome():
    cs = comments()
    results = carry_comments(cs.values(), make_doc(ROUND_2), make_doc(ROUND_1))
    return {name: r for name, r in zip(cs, results)}


def test_adopted_in_renumbered_article(outcome):
    r = outcome["hearing"]
    assert (r.state, r.new_article, r.new_text) == (ADOPTED, 3, "五日")
    assert "新稿第三条（原第二条）" in r.evidence


def test_not_adopted_found_by_context_not_position(outcome):
    r = outcome["limit"]
    # 三年 also stands in the new 第二条 (有效期三年); the words around it pick 第四条
    assert (r.state, r.new_article) == (NOT_ADOPTED, 4)
    assert "仍为原文" in r.evidence


def test_adopted_with_slightly_different_wording(outcome):
    r = outcome["fine"]
    assert (r.state, r.new_article) == (ADOPTED, 5)
    assert r.similarity > 0.8 and "基本按建议修改" in r.evidence


def test_passage_gone(outcome):
    r = outcome["seal"]
    assert (r.state, r.new_article) == (LOST, None)


def test_deletion_adopted_when_passage_gone(outcome):
    r = outcome["report"]
    assert r.state == ADOPTED and "已删除" in r.evidence


def test_reworded_otherwise_is_not_adopted_when_close_to_original(outcome):
    r = outcome["date"]  # 发布 → 公布, not the proposed 三十日后
    assert (r.state, r.new_article) == (NOT_ADOPTED, 6)
    assert r.new_text == "公布之日起施行"


def test_general_comment_cannot_be_located(outcome):
    assert outcome["general"].state == LOST and "总体意见" in outcome["general"].evidence


def test_short_quote_without_context_is_not_guessed():
    # without the old draft, 三年 stands in two new articles and neither has the old number
    (r,) = carry_comments([comments()["limit"]], make_doc(ROUND_2))
    assert (r.state, r.new_article) == (LOST, None)


def test_unchanged_draft_keeps_everything_unadopted():
    cs = comments()
    results = carry_comments([cs["hearing"], cs["limit"], cs["seal"], cs["report"]], make_doc(ROUND_1), make_doc(ROUND_1))
    assert [(r.state, r.new_article) for r in results] == [(NOT_ADOPTED, 2), (NOT_ADOPTED, 3), (NOT_ADOPTED, 5),
                                                           (NOT_ADOPTED, 6)]


def test_rewritten_span_between_unchanged_context_is_reported():
    c = Comment(article=1, quote="十五日", original="十五日", proposed="三十日", id=1)
    old = make_doc(["行政机关应当在受理之日起十五日内作出决定。"])
    new = make_doc(["行政机关应当在受理之日起二十个工作日内作出决定。"])
    (r,) = carry_comments([c], new, old)
    assert (r.state, r.new_article, r.new_text) == (LOST, 1, "二十个工作日")
    assert "与建议不同" in r.evidence


def test_similarity():
    assert similarity("处一万元以上三万元以下罚款", "处一万元以上三万元以下罚款") == 1.0
    assert similarity("听证", "时效") == 0.0
    assert 0.5 < similarity("本办法自发布之日起施行", "本办法自公布之日起施行") < 1.0


def test_carry_to_round_records_outcome_and_copies_unadopted(tmp_path):
    s = Store(tmp_path / "store.db")
    k = s.add_consultation(Consultation(title="某市行政处罚裁量办法（征求意见稿）", sender="市司法局"))
    d1 = s.add_draft(k.id, make_doc(ROUND_1), "第一轮.docx", b"1")
    d2 = s.add_draft(k.id, make_doc(ROUND_2, title="某市行政处罚裁量办法（第二轮征求意见稿）"), "第二轮.docx", b"2")
    saved = {}
    for name, c in comments().items():
        if name == "general":
            continue
        c.id = None
        c.draft_id = d1
        c.author = "张三"
        saved[name] = s.add_comment(c)
    withdrawn = s.add_comment(Comment(draft_id=d1, article=1, original="有关法律法规", proposed="《行政处罚法》", author="张三"))
    s.update_comment(withdrawn.id, 1, "张三", status="撤回")

    results = carry_to_round(s, d1, d2, copy_unadopted=True, author="李四")
    assert len(results) == len(saved)  # the withdrawn one is not carried
    rows = {r["comment_id"]: r for r in s.list_carry(d2)}
    assert rows[saved["hearing"].id]["state"] == ADOPTED and rows[saved["hearing"].id]["new_article"] == 3
    assert rows[saved["limit"].id]["state"] == NOT_ADOPTED and rows[saved["limit"].id]["new_article"] == 4
    assert rows[saved["seal"].id]["state"] == LOST
    # unadopted comments are repeated in the new round, on the article where the passage now stands
    carried = s.list_comments(draft_id=d2)
    assert sorted((c.article, c.proposed, c.status, c.author) for c in carried) == [
        (4, "二年", "草拟", "李四"), (6, "发布之日起三十日后施行", "草拟", "李四")]
    by_article = {c.article: c for c in carried}
    assert by_article[6].original == "公布之日起施行"  # the passage as the new round has it
    assert rows[saved["limit"].id]["new_comment_id"] == by_article[4].id
    # running it again replaces the record instead of piling up
    carry_to_round(s, d1, d2)
    assert len(s.list_carry(d2)) == len(saved)
    other = s.add_consultation(Consultation(title="另一件"))
    d3 = s.add_draft(other.id, make_doc(ROUND_2))
    with pytest.raises(Exception, match="不属于同一"):
        carry_to_round(s, d1, d3)
    s.close()


# ---------------------------------------------------------------- 部分采纳

ROUND_2_PARTLY = [
    "为了规范行政处罚裁量权，根据有关法律法规，制定本办法。",
    "本办法适用于本市行政区域内的行政处罚裁量活动。",
    "当事人要求听证的，应当在收到告知书之日起五日内提出。",
    "违法行为在三年内未被发现的，不再给予行政处罚。",
    "对违反本办法的，处五千元以上三万元以下罚款。",
    "市场监管部门可以对涉嫌违法的场所采取查封措施。",
    "本办法自发布之日起施行。",
]


def partly_comments() -> list[Comment]:
    return [
        # two changes proposed (下限 and 上限), the new draft makes one
        Comment(id=1, article=4, original=ROUND_1[3], proposed="对违反本办法的，处五千元以上五万元以下罚款。"),
        # 期限 changed as proposed, the added sentence on notice left out
        Comment(id=2, article=2, original=ROUND_1[1],
                proposed="当事人要求听证的，应当在收到告知书之日起五日内提出，行政机关应当在举行听证的七日前通知当事人。"),
        # the object narrowed as proposed, the legal basis and 扣押 not added
        Comment(id=3, article=5, quote="可以对经营者采取查封措施", original="可以对经营者采取查封措施",
                proposed="依照《中华人民共和国行政强制法》的规定，可以对涉嫌违法的场所采取查封、扣押措施"),
    ]


def test_partly_adopted_when_some_of_the_proposed_changes_are_made():
    results = carry_comments(partly_comments(), make_doc(ROUND_2_PARTLY), make_doc(ROUND_1))
    assert [(r.state, r.new_article) for r in results] == [(PARTLY, 5), (PARTLY, 3), (PARTLY, 6)]
    assert "建议修改2处，已改1处" in results[0].evidence
    assert results[1].new_text == ROUND_2_PARTLY[2]
    assert "已作部分修改" in results[2].evidence


def test_proposal_progress_counts_changes_not_characters():
    o, p = ROUND_1[3], "对违反本办法的，处五千元以上五万元以下罚款。"
    assert proposal_progress(o, p, "对违反本办法的，处五千元以上三万元以下罚款。") == (1.0, 2)
    assert proposal_progress(o, p, "对违反本办法规定的，处五千元以上五万元以下罚款。") == (2.0, 2)  # plus a word of its own
    assert proposal_progress(o, p, o) == (0.0, 2)
    assert proposal_progress(o, o, o) is None
    # rewritten otherwise: 二十个工作日 is neither 十五日 nor the proposed 三十日
    assert proposal_progress("十五日", "三十日", "二十个工作日") == (0.0, 2)
    # 发布 → 公布 is an edit of the new draft's own, not one the comment proposed
    assert proposal_progress("发布之日起施行", "发布之日起三十日后施行", "公布之日起施行") == (0.0, 1)


def test_full_adoption_is_not_partial_and_other_rewording_is_not_partial():
    full = ROUND_2_PARTLY[:4] + ["对违反本办法的，处五千元以上五万元以下罚款。"] + ROUND_2_PARTLY[5:]
    (r,) = carry_comments(partly_comments()[:1], make_doc(full), make_doc(ROUND_1))
    assert r.state == ADOPTED
    other = ROUND_2_PARTLY[:4] + ["对违反本办法的，处二万元以上十万元以下罚款。"] + ROUND_2_PARTLY[5:]
    (r,) = carry_comments(partly_comments()[:1], make_doc(other), make_doc(ROUND_1))
    assert r.state == NOT_ADOPTED  # moved, but not toward the proposal


# ---------------------------------------------------------------- the reviewer: confirm, carry into the letter


def test_carried_proposal_wording():
    from commenting.comments import carried_proposal

    short = Comment(article=3, kind="修改", original="三年", proposed="二年")
    assert carried_proposal(short, NOT_ADOPTED, "三年") == "我单位前次提出的意见未被采纳，建议将“三年”修改为“二年”。"
    whole = Comment(article=4, kind="修改", original=ROUND_1[3], proposed="对违反本办法的，处五千元以上五万元以下罚款。")
    assert carried_proposal(whole, PARTLY, ROUND_2_PARTLY[4]) == (
        "我单位前次提出的意见未被完全采纳，建议修改为：“对违反本办法的，处五千元以上五万元以下罚款。”")
    assert carried_proposal(Comment(article=6, kind="删除", original="每日"), NOT_ADOPTED, "每日") == \
        "我单位前次提出的意见未被采纳，建议删除“每日”。"
    advice = Comment(article=5, kind="修改", original="查封", proposed="建议明确查封的法律依据")
    assert carried_proposal(advice, NOT_ADOPTED, "查封") == "我单位前次提出的意见未被采纳，建议明确查封的法律依据。"


@pytest.fixture
def two_rounds(tmp_path):
    s = Store(tmp_path / "store.db")
    k = s.add_consultation(Consultation(title="某市行政处罚裁量办法（征求意见稿）", sender="市司法局"))
    d1 = s.add_draft(k.id, make_doc(ROUND_1), "第一轮.docx", b"1")
    cs = comments()
    saved = {}
    for name in ("hearing", "limit", "fine"):
        c = cs[name]
        c.id, c.draft_id, c.author, c.status = None, d1, "张三", "采纳"
        saved[name] = s.add_comment(c)
    yield s, k, d1, saved
    s.close()


def test_next_round_compared_confirmed_and_carried_into_its_letter(two_rounds):
    import io

    import docx

    from commenting.letters.reply import LetterInfo, reply_letter
    from commenting.rounds import add_round, carry_into_round, carry_items, round_summaries

    s, k, d1, saved = two_rounds
    d2, results = add_round(s, k.id, make_doc(ROUND_2_PARTLY), "第二轮.docx", b"2", [])
    assert [r.state for r in results] == [ADOPTED, NOT_ADOPTED, PARTLY]  # 五日, 三年 kept, 罚款 half
    items = {i.comment.id: i for i in carry_items(s, d2)}
    limit = items[saved["limit"].id]
    assert (limit.old_label, limit.new_label, limit.new_text) == ("第三条", "第四条", ROUND_2_PARTLY[3])
    assert limit.old_text == ROUND_1[2] and limit.carriable and not limit.confirmed

    with pytest.raises(Exception, match="只有未采纳或部分采纳"):
        carry_into_round(s, saved["hearing"].id, d2, "李四")
    s.confirm_carry(saved["limit"].id, d2, NOT_ADOPTED, "李四")
    carried = carry_into_round(s, saved["limit"].id, d2, "李四")
    assert (carried.draft_id, carried.article, carried.status, carried.author) == (d2, 4, "采纳", "李四")
    assert carried.proposed == "我单位前次提出的意见未被采纳，建议将“三年”修改为“二年”。"
    assert carried.reason == "追诉时效为二年"
    assert "承接第1轮意见" in s.comment_history(carried.id)[0]["after"]
    with pytest.raises(Exception, match="已承接"):
        carry_into_round(s, saved["limit"].id, d2, "李四")
    partly = carry_into_round(s, saved["fine"].id, d2, "李四")
    assert partly.article == 5 and partly.proposed.startswith("我单位前次提出的意见未被完全采纳，建议")
    assert [x["action"] for x in s.carry_log(d2)] == ["确认", "承接", "承接"]

    # the new round's letter is made from the new round's comments
    letter = reply_letter(LetterInfo.from_consultation(k), s.list_comments(draft_id=d2), make_doc(ROUND_2_PARTLY))
    body = "\n".join(p.text for p in docx.Document(io.BytesIO(letter)).paragraphs)
    assert "修改建议：我单位前次提出的意见未被采纳，建议将“三年”修改为“二年”。" in body
    assert "原文：违法行为在三年内未被发现的" not in body  # 原文 is the passage, not the article
    assert "原文：三年" in body and "第四条" in body and "我单位前次提出的意见未被完全采纳" in body

    [first, second] = round_summaries(s, k.id)
    assert (first["round"], first["comments"], first["carry"]) == (1, 3, {})
    assert second["round"] == 2 and second["comments"] == 2
    assert second["carry"] == {ADOPTED: 1, PARTLY: 1, NOT_ADOPTED: 1}


def test_a_carried_comment_is_a_word_comment_not_a_tracked_change(two_rounds):
    from commenting.letters.annotated import annotate
    from commenting.rounds import add_round, carry_into_round

    s, k, d1, saved = two_rounds
    d2, _ = add_round(s, k.id, make_doc(ROUND_2_PARTLY), "第二轮.docx", b"2", [])
    carried = carry_into_round(s, saved["limit"].id, d2, "李四")
    result = annotate(make_doc(ROUND_2_PARTLY), [carried])
    [placement] = result.placements
    assert not placement.revised  # the sentence is advice: never written into the draft's text
