"""The annotated draft: Word comments anchored on the quoted text, tracked changes that turn the
draft into the proposed wording when accepted and leave it untouched when rejected."""
from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess

import docx
import pytest
from letters_fixtures import ART1, ART2_P1, ART2_P2, ART3, ART4, TITLE, comments, draft_docx, draft_document
from letters_revisions import body_texts, document_xml, q

from commenting.letters.annotated import annotate, annotated_draft
from commenting.model import Article, Comment, Document, Paragraph

WHEN = dt.datetime(2026, 11, 9, 8, 30, tzinfo=dt.timezone.utc)


@pytest.fixture(scope="module")
def original() -> bytes:
    return draft_docx()


@pytest.fixture(scope="module")
def result(original):
    return annotate(draft_document(), comments(), original_docx=original, author="法规科", date=WHEN)


def anchored(data: bytes) -> dict[int, str]:
    """comment id → the text between its commentRangeStart and commentRangeEnd (deleted text too)."""
    root = document_xml(data)
    out: dict[int, list[str]] = {}
    open_ids: set[int] = set()
    for el in root.iter(q("commentRangeStart"), q("commentRangeEnd"), q("t"), q("delText")):
        if el.tag == q("commentRangeStart"):
            open_ids.add(int(el.get(q("id"))))
            out.setdefault(int(el.get(q("id"))), [])
        elif el.tag == q("commentRangeEnd"):
            open_ids.discard(int(el.get(q("id"))))
        else:
            for i in open_ids:
                out[i].append(el.text or "")
    return {i: "".join(v) for i, v in out.items()}


def test_reject_all_gives_the_original_back(original, result):
    assert body_texts(result.data, "reject", author="法规科") == body_texts(original)


def test_accept_all_gives_the_proposed_wording(original, result):
    texts = body_texts(result.data, "accept", author="法规科")
    assert texts[3] == ART2_P1.replace("可以不予行政处罚", "不予行政处罚")
    assert texts[4] == "前款规定的情形，。"
    assert texts[5] == "当事人对行政处罚决定不服的，可以依法申请行政复议或者依法提起行政诉讼。"
    assert texts[6] == "第四条　" + ART4.replace("行政处分", "处分")
    # 增加: a new paragraph after the article
    assert texts[7] == "法律、法规另有规定的，从其规定。"
    # advice without wording (第一条) and the 草拟 comment change nothing
    assert texts[2] == ART1
    assert len(texts) == len(body_texts(original)) + 1


def test_revisions_carry_author_and_date(result):
    root = document_xml(result.data)
    ours = [el for tag in ("ins", "del") for el in root.iter(q(tag)) if el.getparent().tag != q("rPr")
            and el.get(q("author")) == "法规科"]
    assert len(ours) >= 5
    for el in ours:
        assert el.get(q("date")) == "2026-11-09T08:30:00Z"
        assert el.get(q("id"))
    dels = [d for d in root.iter(q("del")) if d.get(q("author")) == "法规科"]
    assert all(list(d.iter(q("delText"))) and not list(d.iter(q("t"))) for d in dels)
    ids = [el.get(q("id")) for tag in ("ins", "del") for el in root.iter(q(tag))]
    assert len(ids) == len(set(ids))


def test_the_drafting_offices_revision_is_kept_and_split(result):
    root = document_xml(result.data)
    theirs = [i for i in root.iter(q("ins")) if i.get(q("author")) == "起草单位"]
    assert theirs, "the draft's own w:ins must survive"
    # our insertion sits between the two halves of their insertion, not nested in it
    ours = [i for i in root.iter(q("ins")) if i.get(q("author")) == "法规科" and i.getparent().tag == q("p")]
    assert any("".join(t.text for t in i.iter(q("t"))) == "依法" for i in ours)
    assert not any(i.getparent().tag == q("ins") for i in root.iter(q("ins")))
    # rejecting only our changes leaves theirs pending
    assert "".join(body_texts(result.data, "reject", author="法规科")[5]) == ART3


def test_comments_anchor_on_the_quoted_text(result):
    d = docx.Document(io.BytesIO(result.data))
    by_text = {c.comment_id: c for c in d.comments}
    assert len(by_text) == 6  # the 草拟 comment is left out
    spans = anchored(result.data)
    quoted = sorted(spans.values())
    assert "可以不予行政处罚" in quoted  # deleted 可以 + kept 不予行政处罚: the whole change
    assert "根据《中华人民共和国行政处罚法》" in quoted
    assert "由县级以上市场监督管理部门认定" in quoted
    assert "法律、法规另有规定的，从其规定。" in quoted
    assert any(s.startswith("或者") and "依法" in s for s in quoted)
    for c in d.comments:
        assert c.author == "法规科"
        assert "理由及依据：" in c.text
    texts = [c.text for c in d.comments]
    assert any("修改建议：不予行政处罚" in t and "《中华人民共和国行政处罚法》第三十三条第一款" in t for t in texts)


def test_comment_styles_are_defined(result):
    import zipfile

    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(result.data)) as z:
        styles = etree.fromstring(z.read("word/styles.xml"))
    ids = {s.get(q("styleId")) for s in styles.iter(q("style"))}
    assert {"CommentText", "CommentReference"} <= ids


def test_run_formatting_is_kept_when_runs_are_split(result):
    root = document_xml(result.data)
    p = [p for p in root.iter(q("p")) if "违法行为轻微" in "".join(t.text or "" for t in p.iter(q("t")))][0]
    italic = ["".join(t.text or "" for t in r.iter(q("t"), q("delText"))) for r in p.iter(q("r"))
              if r.find(q("rPr")) is not None and r.find(q("rPr")).find(q("i")) is not None]
    assert "".join(italic) == "以不予行政处罚。"
    plain = ["".join(t.text or "" for t in r.iter(q("t"), q("delText"))) for r in p.iter(q("r"))
             if r.find(q("rPr")) is not None and r.find(q("rPr")).find(q("i")) is None]
    assert "".join(plain).endswith("可")


def test_placements_report_where_each_comment_went(result):
    by_id = {pl.comment.id: pl for pl in result.placements}
    assert by_id[1].revised and by_id[2].revised and by_id[3].revised and by_id[5].revised
    assert not by_id[4].revised  # advice prose is not wording
    assert all(not pl.note for pl in result.placements)


def test_python_docx_round_trip_keeps_comments_and_revisions(result):
    d = docx.Document(io.BytesIO(result.data))
    buf = io.BytesIO()
    d.save(buf)
    again = buf.getvalue()
    assert len(list(docx.Document(io.BytesIO(again)).comments)) == 6
    assert body_texts(again, "accept", "法规科") == body_texts(result.data, "accept", "法规科")
    assert body_texts(again, "reject", "法规科") == body_texts(result.data, "reject", "法规科")


def test_missing_quote_is_reported_and_still_commented(original):
    c = Comment(article=3, quote="根本不存在的文字", original="根本不存在的文字", proposed="x", status="采纳")
    r = annotate(draft_document(), [c], original_docx=original, date=WHEN)
    assert r.placements[0].note and not r.placements[0].revised
    assert len(list(docx.Document(io.BytesIO(r.data)).comments)) == 1
    assert body_texts(r.data, "accept") == body_texts(original)


def test_article_level_comment_sits_on_the_articles_first_paragraph(original):
    c = Comment(article=2, reason="本条整体与上位法重复，建议删除。", status="采纳")
    r = annotate(draft_document(), [c], original_docx=original, date=WHEN)
    assert list(anchored(r.data).values()) == [ART2_P1]
    assert not r.placements[0].note and not r.placements[0].revised


def test_empty_proposed_wording_means_delete(original):
    c = Comment(article=4, quote="依法", original="依法", proposed="", reason="多余。", status="采纳")
    r = annotate(draft_document(), [c], original_docx=original, date=WHEN)
    assert r.placements[0].revised
    assert "第四条　对违反本办法的工作人员，给予行政处分。" in body_texts(r.data, "accept")


def test_overlapping_changes_in_one_paragraph(original):
    a = Comment(article=2, quote="可以不予行政处罚", original="可以不予行政处罚", proposed="不予行政处罚", status="采纳")
    b = Comment(article=2, quote="不予行政处罚", original="不予行政处罚", proposed="不得给予行政处罚", status="采纳")
    c = Comment(article=2, quote="违法行为轻微", original="违法行为轻微", proposed="违法行为情节轻微", status="采纳")
    r = annotate(draft_document(), [a, b, c], original_docx=original, date=WHEN)
    texts = body_texts(r.data, "accept")
    assert texts[3] == "违法行为情节轻微并及时改正，没有造成危害后果的，不予行政处罚。"
    assert [bool(pl.note) for pl in r.placements] == [False, True, False]
    assert len(anchored(r.data)) == 3
    assert body_texts(r.data, "reject", "法规科") == body_texts(original)


def test_generated_docx_for_a_text_draft():
    doc = draft_document()
    doc.format = "text"
    data = annotated_draft(doc, comments(), date=WHEN)
    texts = [t for t in body_texts(data, "reject") if t]
    assert texts[0] == TITLE
    assert "第一章　总则" in texts
    assert "第二条　" + ART2_P1 in texts and ART2_P2 in texts
    accepted = body_texts(data, "accept")
    assert "第二条　违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚。" in accepted
    assert len(list(docx.Document(io.BytesIO(data)).comments)) == 6
    # it is laid out like the letter: A4 and the GB/T 9704 grid
    sect = docx.Document(io.BytesIO(data)).sections[0]
    assert (sect.page_width.twips, sect.page_height.twips) == (11906, 16838)


def test_overall_comment_sits_on_the_title(original):
    c = Comment(article=0, kind="总体意见", reason="草案总体可行。", status="采纳")
    r = annotate(draft_document(), [c], original_docx=original, date=WHEN)
    assert list(anchored(r.data).values()) == [TITLE]
    assert not r.placements[0].note


def test_outline_document_with_typed_labels():
    """Articles outlined 一、（一） with labels typed in the text, inside a table cell too."""
    d = docx.Document()
    d.add_paragraph("关于做好测试工作的通知")
    d.add_paragraph("一、总体要求")
    d.add_paragraph("各单位应当在三十日内完成自查。")
    d.add_paragraph("二、工作措施")
    t = d.add_table(rows=1, cols=1)
    t.cell(0, 0).paragraphs[0].add_run("对逾期未完成的单位，予以通报。")
    buf = io.BytesIO()
    d.save(buf)
    doc = Document(title="关于做好测试工作的通知", outline="outline", articles=[
        Article(no=1, label="一、", text="各单位应当在三十日内完成自查。", address="art-1",
                paragraphs=[Paragraph(1, "各单位应当在三十日内完成自查。", "art-1.p-1")]),
        Article(no=2, label="二、", text="对逾期未完成的单位，予以通报。", address="art-2",
                paragraphs=[Paragraph(1, "对逾期未完成的单位，予以通报。", "art-2.p-1")]),
    ])
    cs = [Comment(article=1, quote="三十日", original="三十日", proposed="十五日", status="采纳"),
          Comment(article=2, quote="予以通报", original="予以通报", proposed="予以通报批评", status="采纳")]
    r = annotate(doc, cs, original_docx=buf.getvalue(), date=WHEN)
    texts = body_texts(r.data, "accept")
    assert "各单位应当在十五日内完成自查。" in texts
    assert "对逾期未完成的单位，予以通报批评。" in texts
    # the range covers the whole change: deleted 三 and inserted 五 included
    assert sorted(anchored(r.data).values()) == ["三十五日", "予以通报批评"]


def test_corrupt_original_is_a_read_error():
    from commenting.errors import ReadError

    with pytest.raises(ReadError):
        annotated_draft(draft_document(), comments(), original_docx=b"not a docx")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_keeps_comments_and_revisions(result, tmp_path):
    src = tmp_path / "annotated.docx"
    src.write_bytes(result.data)
    out = tmp_path / "out"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to",
                    "docx", "--outdir", str(out), str(src)], check=True, capture_output=True, timeout=180)
    again = (out / "annotated.docx").read_bytes()
    assert len(list(docx.Document(io.BytesIO(again)).comments)) == 6
    root = document_xml(again)
    assert list(root.iter(q("ins"))) and list(root.iter(q("del")))
    accepted = [t for t in body_texts(again, "accept", "法规科") if t]
    assert "违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚。" in accepted
    rejected = [t for t in body_texts(again, "reject", "法规科") if t]
    assert ART2_P1 in rejected and ART2_P2 in rejected
