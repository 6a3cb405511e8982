"""Plain text and Markdown: encodings, line ends, paragraphs, headings, comments."""
from __future__ import annotations

import codecs

import pytest

from commenting.errors import ReadError
from commenting.ingest import read, read_bytes, source_format
from ingest_builders import texts

DRAFT = "某某办法\n（征求意见稿）\n\n　　第一章　总则\n　　第一条　为了规范行政处罚，制定本办法。\n　　第二条　本办法适用于本市。\n"
EXPECTED = ["某某办法", "（征求意见稿）", "第一章　总则", "第一条　为了规范行政处罚，制定本办法。", "第二条　本办法适用于本市。"]


@pytest.mark.parametrize("encoded", [
    DRAFT.encode("utf-8"),
    codecs.BOM_UTF8 + DRAFT.encode("utf-8"),
    DRAFT.encode("gbk"),
    DRAFT.encode("gb18030"),
    codecs.BOM_UTF16_LE + DRAFT.encode("utf-16-le"),
    codecs.BOM_UTF16_BE + DRAFT.encode("utf-16-be"),
    DRAFT.encode("utf-16-le"),  # no BOM: recognised by its zero bytes
    DRAFT.replace("\n", "\r\n").encode("gbk"),
    DRAFT.replace("\n", "\r").encode("utf-8"),
], ids=["utf8", "utf8-bom", "gbk", "gb18030", "utf16le-bom", "utf16be-bom", "utf16le", "gbk-crlf", "cr"])
def test_encodings_and_line_ends(encoded):
    blocks = read_bytes(encoded, "draft.txt")
    assert texts(blocks) == EXPECTED
    assert [b.location for b in blocks] == ["第 1 行", "第 2 行", "第 4 行", "第 5 行", "第 6 行"]


def test_gbk_file_that_is_not_valid_utf8_is_decoded(tmp_path):
    data = "第三条　市场监督管理部门应当依法履行职责。".encode("gbk")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    path = tmp_path / "草案.txt"
    path.write_bytes(data)
    assert texts(read(path)) == ["第三条　市场监督管理部门应当依法履行职责。"]


def test_traditional_script_is_kept_as_is():
    text = "第一條　為了規範市場監督管理行政處罰行為，制定本辦法。"
    assert texts(read_bytes(text.encode("big5", errors="strict").decode("big5").encode("utf-8"))) == [text]


MD = """# 某某办法

<!-- 来源：示例 -->
题注：2021年通过
<!-- INFO END -->

## 第一章 总则

第一条 为了规范行政处罚，
根据有关法律，制定本办法。

第二条 本办法适用于本市。
第三条 本办法自公布之日起施行。

| 序号 | 事项 |
|---|---|
| 1 | 登记 |
"""


def test_markdown_headings_paragraphs_comments_tables():
    blocks = read_bytes(MD.encode("utf-8"), "law.md")
    assert [(b.kind, b.level, b.text) for b in blocks] == [
        ("heading", 1, "某某办法"),
        ("paragraph", None, "题注：2021年通过"),
        ("heading", 2, "第一章 总则"),
        ("paragraph", None, "第一条 为了规范行政处罚，根据有关法律，制定本办法。"),
        ("paragraph", None, "第二条 本办法适用于本市。"),
        ("paragraph", None, "第三条 本办法自公布之日起施行。"),
        ("table_row", None, "序号\t事项"),
        ("table_row", None, "1\t登记"),
    ]
    assert blocks[6].cells == ["序号", "事项"]
    assert "INFO END" not in "".join(texts(blocks))
    assert blocks[3].location == "第 9 行"


def test_markdown_recognised_by_content_and_plain_text_keeps_lines():
    assert source_format(MD.encode("utf-8"), "law.txt") == "markdown"
    assert source_format(DRAFT.encode("utf-8"), "draft.txt") == "text"
    plain = "甲句，\n乙句。\n"
    assert texts(read_bytes(plain.encode(), "a.txt")) == ["甲句，", "乙句。"]
    assert texts(read_bytes(plain.encode(), "a.md")) == ["甲句，乙句。"]


def test_markdown_joins_english_words_with_a_space():
    assert texts(read_bytes(b"Article one\napplies here.\n", "a.md")) == ["Article one applies here."]


def test_whitespace_only_text_is_an_error():
    with pytest.raises(ReadError, match="没有文字"):
        read_bytes("　　\n\n \t\n".encode("utf-8"), "a.txt")


def test_one_enormous_line():
    line = "违法行为" * (5 * 1024 * 1024 // 12)  # ~5 MB of UTF-8 in one line
    blocks = read_bytes(line.encode("utf-8"), "big.txt")
    assert len(blocks) == 1 and blocks[0].text == line


def test_a_prefix_cut_inside_a_character_is_still_recognised():
    from commenting.ingest import detect_format

    data = ("第一条　本办法适用于本市。" * 2000).encode("utf-8")
    assert detect_format(data[:65537]) == "text"
    assert source_format(("# 标题\n\n正文" * 5000).encode("utf-8")[:65537], "x") == "markdown"
