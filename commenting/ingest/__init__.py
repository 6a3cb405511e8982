"""Ingest: an uploaded file → an ordered list of :class:`commenting.model.Block`.

``read(path)`` and ``read_bytes(data, name)`` detect the format from the bytes (a .pdf named
.docx is read as a PDF), read .docx / .pdf / .txt / .md, and raise
:class:`commenting.errors.ReadError` with a one-line Chinese message for anything else
(.doc/.wps/.rtf/images/encrypted/scanned/corrupt/oversized). When LibreOffice (``soffice``)
is installed, .doc/.wps/.rtf/.odt are converted to .docx first.

Blocks come in reading order, one paragraph (or table row) each, automatic numbering
rendered into the text, leading/trailing whitespace trimmed.

Every input is answered within seconds and bounded memory, or refused with one line: the
limits (file size, inflated size, characters, seconds) are in ``commenting.ingest.limits``.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from commenting.errors import ReadError
from commenting.ingest.detect import convert_to_docx, detect_format, unsupported_message
from commenting.ingest.limits import READ_SECONDS, Deadline, Overtime
from commenting.model import Block

__all__ = ["read", "read_bytes", "detect_format", "source_format", "MAX_FILE_SIZE"]

MAX_FILE_SIZE = 100 * 1024 * 1024
_CONVERTIBLE = {"doc": ".doc", "rtf": ".rtf", "odt": ".odt"}


def read(path: Path | str, *, progress: Callable[[int, int], None] | None = None) -> list[Block]:
    """Blocks of the file at ``path``. ``progress(done, total)`` is called per PDF page."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_FILE_SIZE:
            raise ReadError(f"文件过大（{size // (1024 * 1024)} MB），超过 {MAX_FILE_SIZE // (1024 * 1024)} MB 上限，请拆分或压缩后再上传")
        data = p.read_bytes()
    except FileNotFoundError as err:
        raise ReadError(f"找不到文件：{p}") from err
    except IsADirectoryError as err:
        raise ReadError(f"这是一个文件夹，不是文件：{p}") from err
    except OSError as err:
        raise ReadError(f"无法打开文件：{p}（{err.strerror or err}）") from err
    return read_bytes(data, p.name, progress=progress)


def source_format(data: bytes, name: str = "") -> str:
    """"docx" | "pdf" | "markdown" | "text" (for Document.format), else detect_format's answer."""
    fmt = detect_format(data)
    if fmt == "text":
        from commenting.ingest.text import decode, looks_like_markdown

        if name.lower().endswith((".md", ".markdown")):
            return "markdown"
        text = decode(data) or ""
        return "markdown" if looks_like_markdown(text) else "text"
    return fmt


def read_bytes(data: bytes, name: str = "", *,
               progress: Callable[[int, int], None] | None = None) -> list[Block]:
    """Blocks of an uploaded file's bytes; ``name`` only tells Markdown from plain text."""
    if len(data) > MAX_FILE_SIZE:
        raise ReadError(f"文件过大（{len(data) // (1024 * 1024)} MB），超过 {MAX_FILE_SIZE // (1024 * 1024)} MB 上限，请拆分或压缩后再上传")
    fmt = source_format(data, name)
    if fmt in _CONVERTIBLE and not os.environ.get("COMMENTING_NO_SOFFICE"):
        converted = convert_to_docx(data, _CONVERTIBLE[fmt])
        if converted is not None:
            data, fmt = converted, "docx"
    try:
        return _read_format(data, fmt, progress)
    except (ReadError, KeyboardInterrupt):
        raise
    except Overtime as err:  # a deadline that ran out just as its block ended
        raise ReadError("文件读取用时过长，无法完成；请拆分后分别上传，或另存为 .docx 后再上传") from err
    except MemoryError as err:
        raise ReadError("文件内容过大，处理时内存不足，请拆分后再上传") from err
    except Exception as err:  # a reader bug or an input no rule foresaw: still one clear line
        label = {"docx": "Word 文档", "pdf": "PDF 文件"}.get(fmt, "文件")
        raise ReadError(f"{label}无法读取（{type(err).__name__}），文件可能已损坏；请另存为 .docx 后再上传") from err


def _read_format(data: bytes, fmt: str, progress) -> list[Block]:
    slow = f"文件内容异常，{READ_SECONDS:g} 秒内未能读完，无法读取；请检查文件，或另存为 .docx 后再上传"
    if fmt == "docx":
        from commenting.ingest.docx import read_docx

        with Deadline(READ_SECONDS, slow.replace("文件内容", "Word 文档内容")):
            blocks = read_docx(data)
        if not blocks:
            raise ReadError("Word 文档正文中没有文字内容，请检查是否上传了正确的文件")
        return blocks
    if fmt == "pdf":
        from commenting.ingest.pdf import read_pdf

        return read_pdf(data, progress=progress)  # deadlines of its own: per page, growing with the pages
    if fmt in ("text", "markdown"):
        from commenting.ingest.text import read_text_bytes

        with Deadline(READ_SECONDS, slow):
            return read_text_bytes(data, markdown=fmt == "markdown")
    raise ReadError(unsupported_message(fmt))
