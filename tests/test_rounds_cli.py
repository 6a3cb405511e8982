"""``python -m commenting rounds`` and ``letter --consultation N [--round K]`` on a two-round consultation."""
from __future__ import annotations

import json
import subprocess
import sys

import docx
import pytest

from commenting.cli import main
from commenting.model import Comment, Consultation
from commenting.rounds import add_round, carry_into_round
from commenting.store import Store

from test_rounds import ROUND_1, ROUND_2_PARTLY, make_doc


@pytest.fixture
def two_rounds(tmp_path, monkeypatch):
    monkeypatch.setenv("COMMENTING_STORE_DB", str(tmp_path / "store.db"))
    with Store(tmp_path / "store.db") as s:
        k = s.add_consultation(Consultation(title="某市行政处罚裁量办法（征求意见稿）", sender="市司法局"))
        d1 = s.add_draft(k.id, make_doc(ROUND_1), "第一轮.docx", b"1")
        s.add_comment(Comment(draft_id=d1, article=2, quote="三日", original="三日", proposed="五日",
                              reason="期限过短", status="采纳", author="张三"))
        limit = s.add_comment(Comment(draft_id=d1, article=3, quote="三年", original="三年", proposed="二年",
                                      reason="追诉时效为二年", status="采纳", author="张三"))
        d2, _ = add_round(s, k.id, make_doc(ROUND_2_PARTLY), "第二次征求意见稿.docx", b"2", [])
        carry_into_round(s, limit.id, d2, "李四")
    return k.id


def test_rounds_lists_each_round_with_the_carry_summary(two_rounds, capsys):
    assert main(["rounds", "--consultation", str(two_rounds)]) == 0
    out = capsys.readouterr().out
    assert "共 2 轮" in out
    lines = [x for x in out.splitlines() if "轮  " in x]
    assert "第 1 轮" in lines[0] and "第一轮.docx" in lines[0] and "7 条，意见 2 条" in lines[0]
    assert "第 2 轮" in lines[1] and "第二次征求意见稿.docx" in lines[1]
    assert "意见 1 条；前轮意见：已采纳 1 条、未采纳 1 条" in lines[1]
    assert main(["rounds", "--consultation", str(two_rounds), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [r["round"] for r in data["rounds"]] == [1, 2]
    assert data["rounds"][1]["carry"] == {"已采纳": 1, "未采纳": 1}


def test_rounds_of_an_unknown_consultation_is_one_chinese_line(two_rounds, capsys):
    assert main(["rounds", "--consultation", "999"]) == 1
    assert capsys.readouterr().err.strip() == "错误：征求意见登记不存在（编号 999）"


def test_letter_takes_the_newest_round_unless_told(two_rounds, tmp_path, capsys):
    newest, first = tmp_path / "newest.docx", tmp_path / "first.docx"
    assert main(["letter", "--consultation", str(two_rounds), "--out", str(newest)]) == 0
    assert "第 2 轮草案" in capsys.readouterr().out
    body = "\n".join(p.text for p in docx.Document(str(newest)).paragraphs)
    assert "修改建议：我单位前次提出的意见未被采纳，建议将“三年”修改为“二年”。" in body
    assert main(["letter", "--consultation", str(two_rounds), "--round", "1", "--out", str(first)]) == 0
    body = "\n".join(p.text for p in docx.Document(str(first)).paragraphs)
    assert "修改建议：五日" in body and "我单位前次提出的意见" not in body
    assert main(["letter", "--consultation", str(two_rounds), "--round", "3", "--out", str(first)]) == 1
    assert "没有第 3 轮草案（共 2 轮）" in capsys.readouterr().err


def test_rounds_as_a_program(two_rounds):
    run = subprocess.run([sys.executable, "-m", "commenting", "rounds", "--help"], capture_output=True, text=True)
    assert run.returncode == 0 and "--consultation" in run.stdout
