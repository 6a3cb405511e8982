"""Format detection by content, and every kind of bad input: a clear message, bounded cost."""
from __future__ import annotations

import io
import random
import shutil
import zipfile

import pytest

from commenting.errors import ReadError
from commenting.ingest import detect, detect_format, read, read_bytes
from commenting.ingest import docx as docx_mod
from hostile_inputs import ole_word_file
from ingest_builders import build_docx, layout_pdf, para, texts

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
WORD97 = ole_word_file(b"\xec\xa5" + b"\x00" * 4094)  # a Word 97 file information block starts 0xA5EC


def zip_of(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def doc_xml(body: str, prolog: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>' + prolog
        + '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        + f"<w:body>{body}</w:body></w:document>"
    ).encode()


# ---------------------------------------------------------------- detection by content


def test_format_comes_from_bytes_not_name(tmp_path):
    pdf = layout_pdf(["第一条\u3000本办法适用于本市。"])
    docx = build_docx(para("第一条\u3000本办法适用于本市。"))
    assert detect_format(pdf) == "pdf" and detect_format(docx) == "docx"
    (tmp_path / "really-a-pdf.docx").write_bytes(pdf)
    (tmp_path / "really-a-docx.pdf").write_bytes(docx)
    (tmp_path / "really-a-docx.txt").write_bytes(docx)
    for name in ("really-a-pdf.docx", "really-a-docx.pdf", "really-a-docx.txt"):
        assert texts(read(tmp_path / name)) == ["第一条\u3000本办法适用于本市。"]


def test_a_minimal_docx_without_package_relationships_is_read():
    data = zip_of({"word/document.xml": doc_xml('<w:p><w:r><w:t>只有正文。</w:t></w:r></w:p>')})
    assert texts(read_bytes(data)) == ["只有正文。"]


@pytest.mark.parametrize("data, fmt, words", [
    (OLE + "EncryptedPackage".encode("utf-16-le"), "docx-encrypted", "密码"),
    (WORD97, "doc", "另存为 .docx"),
    (OLE + "WordDocument".encode("utf-16-le"), "doc-damaged", "已损坏"),
    (OLE + "Workbook".encode("utf-16-le"), "ole", "另存为 .docx"),
    (b"{\\rtf1\\ansi Article}", "rtf", "RTF"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "image", "图片"),
    (b"\xff\xd8\xff\xe0" + b"\x00" * 100, "image", "图片"),
    (b"II*\x00" + b"\x00" * 100, "image", "图片"),
    (b"GIF89a" + b"\x00" * 100, "image", "图片"),
    (zip_of({"readme.txt": b"hello"}), "zip", "压缩包"),
    (zip_of({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}), "xlsx", "Excel"),
    (zip_of({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}), "odt", ".odt"),
    (b"<html><body>\xe7\xac\xac\xe4\xb8\x80\xe6\x9d\xa1</body></html>", "html", "网页"),
    (random.Random(7).randbytes(4096), "binary", "无法识别"),
    (b"", "empty", "空"),
    (b"\x00\x00\x00\n", "empty", "空"),
], ids=["encrypted-docx", "doc", "doc-without-word-data", "xls", "rtf", "png", "jpeg", "tiff", "gif", "zip", "xlsx", "odt", "html",
        "garbage", "empty", "zeros"])
def test_unreadable_formats_get_a_clear_message(data, fmt, words, monkeypatch):
    monkeypatch.setattr(detect, "soffice", lambda: None)
    assert detect_format(data) == fmt
    with pytest.raises(ReadError) as info:
        read_bytes(data, "上传的文件.docx")
    message = str(info.value)
    assert words in message and "\n" not in message


def test_conversion_hint_names_soffice_when_it_is_installed(monkeypatch):
    monkeypatch.setattr(detect, "soffice", lambda: "/opt/fake/soffice")
    monkeypatch.setattr(detect, "convert_to_docx", lambda data, suffix, timeout=120: None)
    monkeypatch.setenv("COMMENTING_NO_SOFFICE", "1")
    with pytest.raises(ReadError, match="soffice --headless --convert-to docx"):
        read_bytes(WORD97, "a.doc")


@pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")), reason="LibreOffice 未安装")
def test_rtf_is_converted_when_libreoffice_exists():
    rtf = b"{\\rtf1\\ansi\\ansicpg936 {\\fonttbl{\\f0 SimSun;}}\\f0 Article one applies.\\par}"
    assert "Article one applies." in "".join(texts(read_bytes(rtf, "a.rtf")))


@pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")), reason="LibreOffice 未安装")
def test_word97_doc_is_converted_when_libreoffice_exists(tmp_path):
    import subprocess

    src = tmp_path / "draft.docx"
    src.write_bytes(build_docx(para("第一条\u3000本办法适用于本市。") + para("第二条\u3000本办法自公布之日起施行。")))
    subprocess.run([detect.soffice(), "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "doc", "--outdir", str(tmp_path), str(src)],
                   check=True, capture_output=True, timeout=180)
    data = (tmp_path / "draft.doc").read_bytes()
    assert detect_format(data) == "doc"
    assert texts(read_bytes(data, "draft.doc")) == ["第一条\u3000本办法适用于本市。", "第二条\u3000本办法自公布之日起施行。"]


def test_empty_and_missing_files(tmp_path):
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    with pytest.raises(ReadError, match="空"):
        read(empty)
    with pytest.raises(ReadError, match="找不到文件"):
        read(tmp_path / "missing.pdf")
    with pytest.raises(ReadError, match="文件夹"):
        read(tmp_path)


def test_docx_without_text_is_an_error():
    with pytest.raises(ReadError, match="没有文字"):
        read_bytes(build_docx(para("")))


# ---------------------------------------------------------------- hostile or broken .docx


def test_zip_bomb_is_refused_before_inflating():
    bomb = zip_of({
        "[Content_Types].xml": b"<Types/>",
        "word/document.xml": doc_xml("<w:p><w:r><w:t>x</w:t></w:r></w:p>" + " " * (40 * 1024 * 1024)),
    })
    assert len(bomb) < 1024 * 1024
    with pytest.raises(ReadError, match="压缩炸弹"):  # refused from the declared sizes (time: bench/bench_docx_bombs.py)
        read_bytes(bomb)


def test_part_larger_than_the_cap_is_refused(monkeypatch):
    monkeypatch.setattr(docx_mod, "PART_CAP", 2000)
    with pytest.raises(ReadError, match="word/document.xml 超过"):
        read_bytes(build_docx(para("正文。" * 1000)))


def test_reader_counts_the_bytes_it_inflates_not_the_header():
    # belt and braces next to zipfile's own checks: the cap holds whatever the header says
    data = zip_of({"word/document.xml": doc_xml("<w:p><w:r><w:t>" + "甲" * 5000 + "</w:t></w:r></w:p>")})
    zf = zipfile.ZipFile(io.BytesIO(data))
    with pytest.raises(ReadError, match="过大"):
        with docx_mod._CappedReader(zf.open("word/document.xml"), 1000, "word/document.xml") as fh:
            while fh.read(256):
                pass


def test_truncated_and_malformed_docx():
    good = build_docx(para("正文。"))
    assert detect_format(good[: len(good) // 2]) == "docx"
    with pytest.raises(ReadError, match="Word 文档已损坏"):
        read_bytes(good[: len(good) // 2])
    broken = zip_of({"word/document.xml": b"<w:document><w:body><w:p>unclosed"})
    with pytest.raises(ReadError, match="损坏"):
        read_bytes(broken)


def test_external_entities_are_not_resolved():
    prolog = '<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    data = zip_of({"word/document.xml": doc_xml("<w:p><w:r><w:t>甲&x;乙</w:t></w:r></w:p>", prolog)})
    try:
        joined = "".join(texts(read_bytes(data)))
    except ReadError:
        return  # refusing is fine too
    assert "root:" not in joined


def test_billion_laughs_is_not_expanded():
    prolog = ('<!DOCTYPE w:document [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈">'
              + "".join(f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">' for i in range(8))
              + "]>")
    data = zip_of({"word/document.xml": doc_xml("<w:p><w:r><w:t>&i;</w:t><w:t>正文</w:t></w:r></w:p>", prolog)})
    try:
        blocks = read_bytes(data)
    except ReadError:
        blocks = []
    assert sum(len(b.text) for b in blocks) < 1000


def test_one_enormous_docx_paragraph():
    rng = random.Random(3)
    text = "".join(rng.choices([chr(c) for c in range(0x4E00, 0x9FA5)], k=5 * 1024 * 1024 // 3))  # ~5 MB
    blocks = read_bytes(build_docx(para(text) + para("下一段。")))
    assert [len(b.text) for b in blocks] == [len(text), 4]


def test_an_unforeseen_reader_failure_is_still_one_clear_line(monkeypatch):
    def boom(data):
        raise KeyError("word/styles.xml")

    monkeypatch.setattr(docx_mod, "read_docx", boom)
    with pytest.raises(ReadError, match="Word 文档无法读取（KeyError）"):
        read_bytes(build_docx(para("正文。")))
