"""The PDF reader: running headers/footers, paragraph re-joining, fake bold, refusals."""
from __future__ import annotations

import pytest

from commenting.errors import ReadError
from commenting.ingest import pdf as pdf_mod
from commenting.ingest import read_bytes
from ingest_builders import cid_only_pdf, cjk_canvas, image_only_pdf, layout_pdf, texts

CLAUSE = "市场监督管理部门实施行政处罚应当遵循公正公开的原则"
PHRASES = [
    "市场监督管理部门实施行政处罚应当遵循公正公开的原则", "当事人有权进行陈述和申辩", "行政机关应当充分听取当事人的意见",
    "对当事人提出的事实理由和证据应当进行复核", "违法事实不清证据不足的不得给予行政处罚", "执法人员不得少于两人",
    "法律另有规定的除外", "调查终结后应当及时作出决定", "听证应当制作笔录", "罚款决定书应当载明履行期限",
    "当事人逾期不履行的可以依法加处罚款", "案件办理情况应当依法公开",
]


def sentence(i: int, n: int) -> str:
    """n distinct phrases starting at i, so no two lines of a layout repeat each other."""
    return "，".join(PHRASES[(i * 5 + k) % len(PHRASES)] for k in range(n))


def draft(n_articles: int = 9) -> list[str]:
    from commenting.numerals import to_chinese

    paras = ["某某市市场监督管理行政处罚办法", "第一章\u3000总则"]
    for i in range(1, n_articles + 1):
        paras.append(f"第{to_chinese(i)}条\u3000" + sentence(i, 2 + i % 5) + "。")
        if i % 3 == 0:
            paras.append(f"前款规定的第{to_chinese(i)}类情形，" + sentence(i + 1, 3) + "。")
    return paras


def test_headers_footers_removed_and_paragraphs_rejoined_across_pages():
    paras = draft(14)
    data, pages = layout_pdf(paras, header="某某市市场监督管理局文件（征求意见稿）",
                             footer=lambda n, t: f"第 {n} 页 共 {t} 页", return_layout=True)
    assert len(pages) >= 3
    # the layout really splits a paragraph over a page break
    assert any(a[-1] == b[0] for a, b in zip(pages, pages[1:]))
    blocks = read_bytes(data)
    assert texts(blocks) == paras
    assert blocks[0].location == "第 1 页"
    assert blocks[-1].location == f"第 {len(pages)} 页"


@pytest.mark.parametrize("footer", [
    lambda n, t: f"- {n} -",
    lambda n, t: f"— {n} —",
    lambda n, t: f"第{n}页 共{t}页",
    lambda n, t: f"{n}/{t}",
    lambda n, t: str(n),
])
def test_page_number_styles_removed(footer):
    paras = draft(6)
    assert texts(read_bytes(layout_pdf(paras, footer=footer))) == paras


def test_page_number_removed_even_on_a_single_page():
    paras = draft(1)
    assert texts(read_bytes(layout_pdf(paras, footer=lambda n, t: f"— {n} —"))) == paras


def test_fake_bold_doubled_characters_are_deduplicated():
    paras = draft(4)
    blocks = read_bytes(layout_pdf(paras, fake_bold={0, 2}))
    assert texts(blocks) == paras


def test_lines_ending_short_start_new_paragraphs_without_indent():
    paras = ["甲" * 40 + "。", "乙" * 10 + "。", "丙" * 30 + "。"]
    assert texts(read_bytes(layout_pdf(paras, indent=0))) == paras


def test_unit_labels_start_paragraphs_after_full_lines():
    # a list item that exactly fills its line is still followed by a new paragraph at （二）
    per_line = int((512 - 80) // 16)
    first = "（一）" + "甲" * (per_line - 4) + "；"
    paras = [first, "（二）乙乙乙；"]
    assert len(first) == per_line
    assert texts(read_bytes(layout_pdf(paras, indent=0))) == paras


def test_encrypted_pdf_is_refused_with_a_password_message():
    data = layout_pdf(draft(2), encrypt="pw")
    with pytest.raises(ReadError, match="密码"):
        read_bytes(data)


def test_image_only_pdf_says_it_is_a_scan():
    with pytest.raises(ReadError, match="扫描件"):
        read_bytes(image_only_pdf())


def test_blank_pdf_is_a_failure_not_an_empty_success():
    import io

    buf = io.BytesIO()
    c = cjk_canvas(buf)
    c.rect(100, 100, 200, 200)
    c.showPage()
    c.save()
    with pytest.raises(ReadError, match="没有可提取的文字"):
        read_bytes(buf.getvalue())


def test_cid_garbage_is_refused():
    with pytest.raises(ReadError, match=r"\(cid:N\)"):
        read_bytes(cid_only_pdf())


def test_broken_pdf_is_refused():
    with pytest.raises(ReadError, match="PDF"):
        read_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 100)


def test_progress_is_reported_per_page():
    data, pages = layout_pdf(draft(), return_layout=True)
    seen = []
    read_bytes(data, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(i, len(pages)) for i in range(1, len(pages) + 1)]


def test_five_hundred_pages_parse_page_by_page():
    import io

    buf = io.BytesIO()
    c = cjk_canvas(buf)
    for n in range(1, 501):
        c.setFont("STSong-Light", 16)
        c.drawString(112, 700, f"第{n}段内容。")
        c.setFont("STSong-Light", 10.5)
        c.drawCentredString(297, 40, f"— {n} —")
        c.showPage()
    c.save()
    seen = []
    blocks = read_bytes(buf.getvalue(), progress=lambda d, t: seen.append(d))
    assert len(blocks) == 500 and blocks[499].text == "第500段内容。"
    assert seen[-1] == 500


def test_too_many_pages_refused(monkeypatch):
    monkeypatch.setattr(pdf_mod, "MAX_PAGES", 2)
    with pytest.raises(ReadError, match="页"):
        read_bytes(layout_pdf(draft(12)))


def test_spaces_between_words_and_undrawn_full_width_spaces():
    import io

    buf = io.BytesIO()
    c = cjk_canvas(buf)
    c.setFont("STSong-Light", 16)
    c.drawString(112, 700, "第一条")
    c.drawString(112 + 4 * 16, 700, "本办法适用于 ISO 9001 认证。")  # one empty character cell
    c.setFont("Helvetica", 12)
    c.drawString(80, 660, "Article one applies here.")
    c.showPage()
    c.save()
    assert texts(read_bytes(buf.getvalue())) == ["第一条\u3000本办法适用于 ISO 9001 认证。", "Article one applies here."]


def test_ruled_table_becomes_table_rows_between_paragraphs():
    import io

    buf = io.BytesIO()
    c = cjk_canvas(buf)
    c.setFont("STSong-Light", 16)
    c.drawString(112, 760, "第一条\u3000裁量基准见下表。")
    xs, ys = [80, 160, 300, 512], [720, 690, 660, 630]
    c.grid(xs, ys)
    rows = [["序号", "违法行为", "处罚标准"], ["1", "未取得许可", "罚款一万元"], ["2", "超范围经营", "警告"]]
    for r, row in enumerate(rows):
        for k, cell in enumerate(row):
            c.setFont("STSong-Light", 12)
            c.drawString(xs[k] + 4, ys[r] - 20, cell)
    c.rect(78, 560, 436, 40)  # a box around a paragraph is not a table
    c.setFont("STSong-Light", 16)
    c.drawString(112, 575, "第二条\u3000本办法自公布之日起施行。")
    c.showPage()
    c.save()
    blocks = read_bytes(buf.getvalue())
    assert [(b.kind, b.text) for b in blocks] == [
        ("paragraph", "第一条\u3000裁量基准见下表。"),
        ("table_row", "序号\t违法行为\t处罚标准"),
        ("table_row", "1\t未取得许可\t罚款一万元"),
        ("table_row", "2\t超范围经营\t警告"),
        ("paragraph", "第二条\u3000本办法自公布之日起施行。"),
    ]
    assert blocks[2].cells == ["1", "未取得许可", "罚款一万元"]
    assert blocks[2].location == "第 1 页 表格 1 第 2 行"


@pytest.mark.skipif(not (__import__("shutil").which("soffice")), reason="LibreOffice 未安装")
def test_libreoffice_export_reads_like_the_docx(tmp_path):
    """A Word draft and its PDF export (running header, 「— X —」 page field) give the same text."""
    import subprocess

    import docx
    from docx.oxml import parse_xml
    from docx.shared import Pt

    from commenting.ingest import read

    paras = draft(30)
    d = docx.Document()
    section = d.sections[0]
    section.header.paragraphs[0].text = "某某市市场监督管理局规范性文件（征求意见稿）"
    footer = section.footer.paragraphs[0]
    footer.add_run("— ")
    footer._p.append(parse_xml(
        '<w:fldSimple xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    footer.add_run(" —")
    for text in paras:
        p = d.add_paragraph()
        run = p.add_run(text)
        run.font.size = Pt(16)
        if not text.startswith(("某某", "第一章")):  # body paragraphs: two-character indent
            p.paragraph_format.first_line_indent = Pt(32)
    src = tmp_path / "draft.docx"
    d.save(src)
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(src)],
                   check=True, capture_output=True, timeout=180)
    from_docx = texts(read(src))
    from_pdf = texts(read(tmp_path / "draft.pdf"))
    assert from_docx == paras
    assert from_pdf == from_docx
