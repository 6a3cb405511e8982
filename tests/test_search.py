"""Past-comment search: jieba-segmented FTS, filters, odd queries, reuse, CLI."""
from __future__ import annotations

import json

import pytest

from commenting.cli import main
from commenting.model import Article, Basis, Comment, Consultation, Document, Paragraph
from commenting.numerals import article_label
from commenting.search import index_tokens, match_expression, reuse_comment, search_comments
from commenting.store import Store

PUNISH = "中华人民共和国行政处罚法"
PROCEDURE = "市场监督管理行政处罚程序规定"


def make_doc(title: str, texts: list[str]) -> Document:
    arts = [
        Article(no=n, label=article_label(n), text=t, address=f"art-{n}",
                paragraphs=[Paragraph(no=1, text=t, address=f"art-{n}.p-1")])
        for n, t in enumerate(texts, 1)
    ]
    return Document(title=title, articles=arts)


@pytest.fixture
def past(tmp_path):
    """Two consultations from different senders with a few comments each."""
    s = Store(tmp_path / "store.db")
    a = s.add_consultation(Consultation(title="某市市场监管行政处罚听证实施办法（征求意见稿）", sender="市司法局"))
    da = s.add_draft(a.id, make_doc(a.title, [
        "当事人要求听证的，应当在收到告知书之日起三日内提出。",
        "违法行为在三年内未被发现的，不再给予行政处罚。",
        "本办法自发布之日起施行。",
    ]))
    b = s.add_consultation(Consultation(title="某区食品安全监督管理规定（征求意见稿）", sender="区人民政府办公室"))
    db = s.add_draft(b.id, make_doc(b.title, [
        "食品经营者应当建立进货查验记录制度。",
        "对违反本规定的，处一万元以上三万元以下罚款。",
    ]))
    ids = {}
    ids["hearing"] = s.add_comment(Comment(
        draft_id=da, article=1, quote="三日", original="三日", proposed="五日",
        reason="听证申请期限短于上位法规定", basis=[Basis(PUNISH, 64)], author="张三")).id
    ids["limit"] = s.add_comment(Comment(
        draft_id=da, article=2, quote="三年", original="三年", proposed="二年",
        reason="与追诉时效规定不一致", basis=[Basis(PUNISH, 36)], author="张三")).id
    ids["fine"] = s.add_comment(Comment(
        draft_id=db, article=2, quote="处一万元以上三万元以下罚款", original="处一万元以上三万元以下罚款",
        proposed="处五千元以上五万元以下罚款", reason="罚款幅度应与上位法一致",
        basis=[Basis("中华人民共和国食品安全法", 126)], author="李四")).id
    ids["general"] = s.add_comment(Comment(
        consultation_id=b.id, article=0, kind="总体意见", proposed="建议补充行政处罚程序的衔接规定",
        reason="与《市场监督管理行政处罚程序规定》衔接", basis=[Basis(PROCEDURE, 18)], author="李四")).id
    s.drafts = (da, db)
    s.ids = ids
    yield s
    s.close()


def found(store, query, **kw):
    return [h.comment.id for h in search_comments(store, query, **kw)]


def test_two_character_words_are_found(past):
    ids = past.ids
    assert found(past, "时效") == [ids["limit"]]  # inside 追诉时效
    assert found(past, "听证") == [ids["hearing"]]  # in the reason and the article text
    assert found(past, "罚款") == [ids["fine"]]
    assert set(found(past, "处罚")) == {ids["hearing"], ids["limit"], ids["general"]}  # 行政处罚法 / 程序规定


def test_longer_word_finds_its_compounds(past):
    # 行政处罚 is found inside 行政处罚法 (the basis of both comments) although the index cuts
    # that title as 行政 处罚 处罚法 行政处罚法
    assert set(found(past, "行政处罚")) >= {past.ids["hearing"], past.ids["limit"]}
    assert found(past, "追诉时效") == [past.ids["limit"]]


def test_article_text_is_searched_too(past):
    # 告知书 appears only in the article the comment was made on
    assert found(past, "告知书") == [past.ids["hearing"]]


def test_words_in_the_comment_rank_above_words_in_its_article(past):
    _, db = past.drafts
    # newer, but 罚款 only in the article it is on
    other = past.add_comment(Comment(draft_id=db, article=2, original="三万元", proposed="五万元",
                                     reason="幅度过窄", author="李四")).id
    assert found(past, "罚款") == [past.ids["fine"], other]


def test_every_word_is_required(past):
    assert found(past, "听证 期限") == [past.ids["hearing"]]
    assert found(past, "听证 罚款") == []


@pytest.mark.parametrize("query", [
    '"', '""', "听证\"", "AND", "OR 听证", "听证 NOT", "NEAR(听证 时效)", "时效*", "*", "(", "((听证",
    "《中华人民共和国行政处罚法》", "第三十六条：", "^听证", "听证:期限", "-时效", "!!!", "　", "'",
    "column:听证", "{body}: 听证", "\\", "%_", "听证 OR 1=1; DROP TABLE comments;--",
])
def test_odd_queries_never_crash(past, query):
    hits = search_comments(past, query)
    assert isinstance(hits, list)
    assert len(past.list_comments()) == 4  # nothing was harmed


def test_operators_are_plain_words(past):
    assert match_expression('NEAR(听证 "时效")') == '"NEAR" AND "听证" AND "时效"'
    assert found(past, "时效*") == [past.ids["limit"]]
    assert found(past, "《中华人民共和国行政处罚法》第三十六条") == [past.ids["limit"]]
    assert found(past, "!!!") == []


def test_filters(past):
    ids = past.ids
    assert set(found(past, "", sender="市司法局")) == {ids["hearing"], ids["limit"]}
    assert found(past, "处罚", sender="区人民政府") == [ids["general"]]
    assert set(found(past, "", law="行政处罚法")) == {ids["hearing"], ids["limit"]}
    assert found(past, "", law="《中华人民共和国行政处罚法》", article="第三十六条") == [ids["limit"]]
    assert found(past, "", law="行政处罚法", article=64) == [ids["hearing"]]
    assert found(past, "", law=PROCEDURE) == [ids["general"]]
    cid = past.get_comment(ids["fine"]).consultation_id
    assert set(found(past, "", consultation_id=cid)) == {ids["fine"], ids["general"]}
    today = past.get_comment(ids["fine"]).created_at[:10]
    assert len(found(past, "", date_from=today, date_to=today)) == 4
    assert found(past, "", date_to="2000-01-01") == []
    assert found(past, "", date_from="2999-01-01") == []


def test_sender_filter_follows_register_edits(past):
    cid = past.get_comment(past.ids["fine"]).consultation_id
    past.update_consultation(cid, "王五", sender="区司法局")
    assert set(found(past, "", sender="司法局")) == {past.ids["hearing"], past.ids["limit"], past.ids["fine"],
                                                     past.ids["general"]}
    assert found(past, "", sender="区人民政府") == []
    assert found(past, "罚款", sender="区司法局") == [past.ids["fine"]]


def test_withdrawn_comments_are_left_out_unless_asked(past):
    cid = past.ids["limit"]
    past.update_comment(cid, 1, "张三", status="撤回")
    assert found(past, "时效") == []
    assert found(past, "时效", include_withdrawn=True) == [cid]
    # the filters' index terms are not searchable words
    assert found(past, "cmtk1 cmts1", include_withdrawn=True) == []
    assert found(past, f"cmtk{past.get_comment(cid).consultation_id}") == []


def test_index_follows_edits(past):
    cid = past.ids["fine"]
    assert found(past, "幅度") == [cid]
    past.update_comment(cid, 1, "李四", reason="罚款数额应与上位法一致")
    assert found(past, "幅度") == []
    assert found(past, "数额") == [cid]


def test_hit_shows_comment_in_context(past):
    (hit,) = search_comments(past, "时效")
    assert hit.consultation_title.startswith("某市市场监管行政处罚听证实施办法")
    assert hit.sender == "市司法局" and hit.draft_round == 1
    assert hit.article_label == "第二条" and "三年内未被发现" in hit.article_text
    j = hit.to_json()
    assert (j["original"], j["proposed"], j["basis"][0]["article"]) == ("三年", "二年", 36)


def test_reuse_comment_into_current_draft(past):
    c = past.add_consultation(Consultation(title="某县市场监管行政处罚听证规则（征求意见稿）", sender="县司法局"))
    d = past.add_draft(c.id, make_doc(c.title, ["当事人要求听证的，应当在三日内提出。", "违法行为在三年内未被发现的，不予处罚。"]))
    (hit,) = search_comments(past, "时效")
    new = reuse_comment(past, hit, d, 2, "王五")
    assert (new.draft_id, new.article, new.status, new.author, new.version) == (d, 2, "草拟", "王五", 1)
    assert (new.original, new.proposed, new.basis) == ("三年", "二年", hit.comment.basis)
    assert past.comment_history(new.id)[0]["after"] == f"复用自意见 #{hit.comment.id}"
    # by id, onto an article where the old passage is not: the whole article becomes 原文
    other = reuse_comment(past, past.ids["fine"], d, 1, "王五")
    assert other.original == "当事人要求听证的，应当在三日内提出。" and other.proposed == "处五千元以上五万元以下罚款"
    with pytest.raises(Exception, match="第九条"):
        reuse_comment(past, hit, d, 9, "王五")


def test_index_tokens_keep_inner_words():
    toks = index_tokens("追诉时效期间").split()
    assert "时效" in toks


def test_cli(past, capsys):
    db = str(past.path)
    assert main(["search", "时效", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "市司法局" in out and "修改建议：二年" in out and "第二条" in out and "行政处罚法》第三十六条" in out
    assert main(["search", "--db", db, "--json", "--law", "行政处罚法", "--from", "2000-01-01"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["comment_id"] for r in rows} == {past.ids["hearing"], past.ids["limit"]}
    assert main(["search", "NEAR((", "--db", db]) == 0
    assert "没有找到" in capsys.readouterr().out


HOSTILE = ['"', "'", "(", ")", "*", "^", ":", "{", "}", "-", "+", "\x00", "\x01", "\n", "\t", " ", "　", "听", "证",
           "时效", "AND", "OR", "NOT", "NEAR", "\u200b", "\ufeff", "《", "》", "\\", "𠀀", "\u0301", ",", ";", "%", "_"]


def test_random_hostile_queries_never_crash(past):
    import random

    rnd = random.Random(7)
    for _ in range(300):
        query = "".join(rnd.choice(HOSTILE) for _ in range(rnd.randint(1, 8)))
        assert isinstance(search_comments(past, query), list), query


def test_undecodable_command_line_text_is_searched_as_text(past):
    # a non-UTF-8 byte in a command-line argument arrives as a lone surrogate
    assert found(past, "时效\udcff") == [past.ids["limit"]]  # the byte becomes punctuation
    assert search_comments(past, "", sender="司法\udcff") == []
    assert search_comments(past, "", law="\udcff") == []
    assert found(past, "时效", sender="市司法局") == [past.ids["limit"]]


def test_real_errors_are_not_answered_with_no_hits(past):
    import sqlite3

    # an expression that is not valid FTS5 is a bug of the caller: it surfaces, it is not "no hits"
    with pytest.raises(sqlite3.OperationalError, match="unterminated string"):
        past.search_ids('"unterminated')
    # a broken index is not "no hits" either
    past.conn.execute("DROP TABLE comments_fts")
    with pytest.raises(sqlite3.OperationalError, match="comments_fts"):
        search_comments(past, "时效")
