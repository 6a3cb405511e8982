"""What a file is, from its bytes (never its name), and what to tell the user when we cannot read it."""
from __future__ import annotations

import io
import shutil
import struct
import subprocess
import tempfile
import zipfile
from pathlib import Path

from commenting.ingest.text import decode

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

READABLE = ("docx", "pdf", "text")


def detect_format(data: bytes) -> str:
    """One of: docx, pdf, text, empty, docx-encrypted, doc, doc-damaged, ole, rtf, odt, xlsx, pptx, zip, image,
    html, binary."""
    if not data or not data.strip(b"\x00 \t\r\n"):
        return "empty"
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(OLE_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data:
            return "docx-encrypted"
        if "WordDocument".encode("utf-16-le") in data:
            # Word 97-2003, and WPS 文字 files stored the same way; only a real one goes to LibreOffice,
            # which reads anything else as plain text and would hand back garbage as a draft
            return "doc" if word_document_ident(data) in (0xA5EC, 0xA5DC) else "doc-damaged"
        return "ole"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _zip_kind(data)
    if data.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    if (data.startswith(b"\x89PNG") or data.startswith(b"\xff\xd8\xff") or data.startswith(b"GIF8")
            or data[:4] in (b"II*\x00", b"MM\x00*") or data.startswith(b"BM")
            or (data.startswith(b"RIFF") and data[8:12] == b"WEBP")):
        return "image"
    text = decode(data[:65536]) if len(data) > 65536 else decode(data)
    if text is None and len(data) > 65536:
        # the sample may end inside a multi-byte character: try a little less
        text = decode(data[:65532]) or decode(data[:65533]) or decode(data[:65534])
    if text is None:
        return "binary"
    low = text[:2000].lstrip().lower()
    if low.startswith("<!doctype html") or low.startswith("<html") or "<w:worddocument" in low \
            or "mime-version:" in low[:200] or "<?mso-application" in low:
        return "html"  # web page / Word XML / MHT saved under another name
    return "text"


_FREE, _END_OF_CHAIN = 0xFFFFFFFF, 0xFFFFFFFE


def word_document_ident(data: bytes) -> int | None:
    """The first two bytes (the FIB's wIdent) of the WordDocument stream of an OLE compound file.

    Follows the compound-file structure (header, FAT, directory chain) far enough to find the
    stream; None when the structure does not hold together. 0xA5EC is Word 97+, 0xA5DC Word 6/95.
    """
    if len(data) < 512:
        return None
    shift = struct.unpack_from("<H", data, 30)[0]
    if shift not in (9, 12):
        return None
    size = 1 << shift
    n_sectors = (len(data) - 512) // size + 1

    def sector(no: int) -> bytes | None:
        if no >= n_sectors:
            return None
        start = 512 + no * size if shift == 9 else (no + 1) * size
        chunk = data[start:start + size]
        return chunk if len(chunk) == size else None

    fat_sectors = [n for n in struct.unpack_from("<109I", data, 76) if n not in (_FREE, _END_OF_CHAIN)]
    difat, hops = struct.unpack_from("<I", data, 68)[0], 0
    while difat not in (_FREE, _END_OF_CHAIN) and hops < n_sectors:
        block = sector(difat)
        if block is None:
            return None
        entries = struct.unpack(f"<{size // 4}I", block)
        fat_sectors += [n for n in entries[:-1] if n not in (_FREE, _END_OF_CHAIN)]
        difat, hops = entries[-1], hops + 1
    fat: list[int] = []
    for no in fat_sectors[: n_sectors]:
        block = sector(no)
        if block is None:
            return None
        fat.extend(struct.unpack(f"<{size // 4}I", block))
    def follow(start: int, hops: int) -> int | None:
        no = start
        for _ in range(hops):
            if no >= len(fat):
                return None
            no = fat[no]
        return no

    cutoff = struct.unpack_from("<I", data, 56)[0]
    mini_size = 1 << struct.unpack_from("<H", data, 32)[0]
    root_start = None
    no, seen = struct.unpack_from("<I", data, 48)[0], 0
    while no not in (_FREE, _END_OF_CHAIN) and seen < n_sectors:
        block = sector(no)
        if block is None or no >= len(fat):
            return None
        for at in range(0, size, 128):
            entry = block[at:at + 128]
            name_len = struct.unpack_from("<H", entry, 64)[0]
            start, length = struct.unpack_from("<II", entry, 116)
            if entry[66] == 5:  # the root entry: its stream holds the small streams (mini sectors)
                root_start = start
            if entry[66] == 2 and entry[:max(0, name_len - 2)] == "WordDocument".encode("utf-16-le"):
                if length >= cutoff:
                    first = sector(start)
                    return struct.unpack_from("<H", first, 0)[0] if first else None
                if root_start is None:
                    return None
                offset = start * mini_size
                holder = follow(root_start, offset // size)
                first = sector(holder) if holder is not None else None
                at_byte = offset % size
                return struct.unpack_from("<H", first, at_byte)[0] if first and at_byte + 2 <= size else None
        no, seen = fat[no], seen + 1
    return None


def _zip_kind(data: bytes) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        # truncated or damaged: the local headers still name the parts
        return "docx" if b"word/" in data[:1 << 20] else "binary"
    if "word/document.xml" in names or any(n.startswith("word/") and n.endswith(".xml") for n in names):
        return "docx"
    if "content.xml" in names and "mimetype" in names:
        return "odt"
    if any(n.startswith("xl/") for n in names):
        return "xlsx"
    if any(n.startswith("ppt/") for n in names):
        return "pptx"
    return "zip"


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _convert_hint() -> str:
    exe = soffice()
    if exe:
        return "；也可以在本机运行 soffice --headless --convert-to docx 文件名 转换"
    return ""


def unsupported_message(fmt: str) -> str:
    """One-line Chinese message for a format we do not read."""
    hint = _convert_hint()
    if fmt == "empty":
        return "文件是空的（没有任何内容），请检查是否上传了正确的文件"
    if fmt == "docx-encrypted":
        return "Word 文档设置了打开密码（已加密），无法读取；请在 Word 中取消密码后另存为 .docx 再上传"
    if fmt == "doc":
        return f"这是旧版 Word 97-2003（.doc）或 WPS（.wps）格式，暂不能直接读取；请用 Word 或 WPS 另存为 .docx 后再上传{hint}"
    if fmt == "doc-damaged":
        return ("这个 .doc 文件已损坏（Word 97-2003 文件的内部结构无效，找不到正文数据），无法读取；"
                "请用 Word 或 WPS 打开后另存为 .docx 再上传")
    if fmt == "ole":
        return f"这是旧版 Office 格式的文件（不是 Word 文档），无法读取；请另存为 .docx 后再上传{hint}"
    if fmt == "rtf":
        return f"这是 RTF 格式的文件，暂不能直接读取；请用 Word 或 WPS 另存为 .docx 后再上传{hint}"
    if fmt == "odt":
        return f"这是 OpenDocument（.odt）文件，暂不能直接读取；请另存为 .docx 后再上传{hint}"
    if fmt == "xlsx":
        return "这是 Excel 表格文件，不是征求意见稿；请上传 Word（.docx）、PDF 或文本文件"
    if fmt == "pptx":
        return "这是 PowerPoint 演示文稿，不是征求意见稿；请上传 Word（.docx）、PDF 或文本文件"
    if fmt == "zip":
        return "这是一个压缩包，不是 Word 文档；请解压后上传其中的 .docx、.pdf 或 .txt 文件"
    if fmt == "image":
        return "这是图片文件，无法读取其中的文字；请提供 Word（.docx）或可复制文字的 PDF，或先做文字识别（OCR）"
    if fmt == "html":
        return f"这是网页或 Word XML 格式的文件，暂不能直接读取；请用 Word 另存为 .docx 后再上传{hint}"
    return "无法识别文件格式（不是 .docx、.pdf 或文本文件），可能已损坏；请另存为 .docx 后再上传"


def convert_to_docx(data: bytes, suffix: str, timeout: float = 120) -> bytes | None:
    """Convert with LibreOffice when it is installed; None when it is not or conversion fails."""
    exe = soffice()
    if not exe:
        return None
    with tempfile.TemporaryDirectory(prefix="commenting-convert-") as tmp:
        src = Path(tmp) / f"input{suffix}"
        src.write_bytes(data)
        try:
            subprocess.run(
                [exe, "--headless", f"-env:UserInstallation=file://{tmp}/profile",
                 "--convert-to", "docx", "--outdir", tmp, str(src)],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=timeout, check=False,
            )
        except (OSError, subprocess.TimeoutExpired):
            return None
        out = Path(tmp) / "input.docx"
        return out.read_bytes() if out.is_file() else None
