"""``python -m commenting letter``: batch mode with a stand-in review, register mode via the store."""
from __future__ import annotations

import io

import docx
import pytest
from letters_fixtures import TITLE, draft_docx
from letters_revisions import body_texts

from commenting.cli import main
from commenting.model import Basis, Finding

FINDINGS = [
    Finding(rule="no-penalty-conditions", severity="error", article=2, quote="可以不予行政处罚",
            basis=[Basis("中华人民共和国行政处罚法", 33)], message="羁束性规定被改为裁量。", proposed="不予行政处罚"),
    Finding(rule="terminology", severity="warning", article=4, quote="行政处分", message="旧称。",
            suggestion="建议将“行政处分”修改为“处分”。理由：旧称。"),
    Finding(rule="citation-unknown", severity="info", article=1, quote="制定本办法", message="提示。",
            suggestion="建议核对。"),
]


@pytest.fixture
def draft(tmp_path):
    p = tmp_path / "draft.docx"
    p.write_bytes(draft_docx())
    return p


@pytest.fixture
def fake_review(monkeypatch):
    from commenting.letters import cli

    seen = {}

    def review(document, corpus_db):
        from commenting.review import ReviewResult

        seen["document"] = document
        return ReviewResult(list(FINDINGS))

    monkeypatch.setattr(cli, "_review", review)
    return seen


def test_batch_writes_letter_and_annotated_draft(draft, tmp_path, fake_review, capsys):
    out, ann = tmp_path / "reply.docx", tmp_path / "annotated.docx"
    rc = main(["letter", str(draft), "--accept-all", "--out", str(out), "--annotated", str(ann),
               "--recipient", "衡阳市司法局", "--sender", "衡阳市市场监督管理局", "--contact", "李四",
               "--phone", "0734-1", "--date", "2026-11-09", "--kind", "修改意见", "--table"])
    assert rc == 0
    assert fake_review["document"].title == TITLE
    letter = docx.Document(io.BytesIO(out.read_bytes()))
    text = [p.text for p in letter.paragraphs]
    assert any(t.replace("\n", "") == f"关于《{TITLE}》的修改意见" for t in text)
    assert "2026年11月9日" in text and "衡阳市司法局：" in text
    rows = [[c.text for c in r.cells] for r in letter.tables[0].rows[1:]]
    # error + warning adopted, info left out
    assert [r[1:4] for r in rows] == [["第二条", "可以不予行政处罚", "不予行政处罚"], ["第四条", "行政处分", "处分"]]
    accepted = body_texts(ann.read_bytes(), "accept", "法规科")
    assert "违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚。" in accepted
    assert "第四条　对违反本办法的工作人员，依法给予处分。" in accepted
    assert len(list(docx.Document(io.BytesIO(ann.read_bytes())).comments)) == 2
    printed = capsys.readouterr().out
    assert "采纳 2 条意见" in printed and "修订 2 处" in printed


def test_batch_include_info(draft, tmp_path, fake_review):
    out = tmp_path / "reply.docx"
    assert main(["letter", str(draft), "--accept-all", "--include-info", "--out", str(out)]) == 0
    text = [p.text for p in docx.Document(str(out)).paragraphs]
    assert "（一）第一条" in text


def test_batch_needs_accept_all_and_an_output(draft, tmp_path, fake_review, capsys):
    assert main(["letter", str(draft), "--out", str(tmp_path / "r.docx")]) == 1
    assert "--accept-all" in capsys.readouterr().err
    assert main(["letter", str(draft), "--accept-all"]) == 1
    assert "--out" in capsys.readouterr().err
    assert main(["letter", str(tmp_path / "missing.docx"), "--accept-all", "--out", "x.docx"]) == 1
    assert main(["letter", str(draft), "--accept-all", "--out", str(tmp_path / "r.docx"), "--date", "9/11"]) == 1
    err = capsys.readouterr().err
    assert "文件不存在" in err and "YYYY-MM-DD" in err and "Traceback" not in err


def test_consultation_mode_exports_and_records(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("COMMENTING_STORE_DB", str(tmp_path / "store.db"))
    from commenting.structure import read_document
    from commenting.store import Store
    from commenting.model import Comment, Consultation

    src = tmp_path / "draft.docx"
    src.write_bytes(draft_docx())
    document = read_document(src)
    with Store(tmp_path / "store.db") as st:
        c = st.add_consultation(Consultation(title=TITLE, sender="衡阳市司法局", doc_number="衡司函[2026]15号"))
        did = st.add_draft(c.id, document, "draft.docx", src.read_bytes())
        st.add_comment(Comment(article=2, draft_id=did, consultation_id=c.id, quote="可以不予行政处罚",
                               original="可以不予行政处罚", proposed="不予行政处罚", reason="羁束性规定。",
                               status="采纳", author="张三"))
        st.add_comment(Comment(article=4, draft_id=did, consultation_id=c.id, quote="行政处分",
                               original="行政处分", proposed="处分", reason="旧称。", status="草拟", author="张三"))
        cid = c.id
    out, ann = tmp_path / "reply.docx", tmp_path / "ann.docx"
    rc = main(["letter", "--consultation", str(cid), "--out", str(out), "--annotated", str(ann),
               "--sender", "衡阳市市场监督管理局", "--date", "2026-11-09"])
    assert rc == 0, capsys.readouterr().err
    text = [p.text for p in docx.Document(str(out)).paragraphs]
    assert "衡阳市司法局：" in text
    assert any("（衡司函〔2026〕15号）收悉" in t for t in text)
    assert "修改建议：不予行政处罚" in text and "修改建议：处分" not in text
    assert len(list(docx.Document(str(ann)).comments)) == 1
    with Store(tmp_path / "store.db") as st:
        letters = st.list_letters(cid)
        assert [x.kind for x in letters] == ["reply", "annotated"]
        assert len(letters[0].comment_versions) == 1
    assert main(["letter", "--consultation", "999", "--out", str(out)]) == 1
