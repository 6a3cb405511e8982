"""Plain text and Markdown drafts into Blocks.

Encoding: a BOM decides (UTF-8, UTF-16, UTF-32); otherwise UTF-16 without BOM is recognised
by its zero bytes, then UTF-8 strict, then GB18030 (a superset of GBK/GB2312). Line ends
CRLF/CR/LF are all accepted.

Plain text: every non-empty line is a paragraph (drafts are typed one paragraph a line).
Markdown: ``#`` headings, blank lines between paragraphs, ``<!-- … -->`` comments dropped,
``|`` tables as table rows. Within a Markdown paragraph a new line that starts a structural
unit (第X条, 第X章, a list item) still starts a new Block, so a file written one paragraph a
line without blank lines is not run together.
"""
from __future__ import annotations

import codecs
import re

from commenting.errors import ReadError
from commenting.ingest.limits import MAX_TEXT_CHARS, too_long_message
from commenting.model import Block
from commenting.numerals import CN_NUM, NUM

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]

# a line that begins a structural unit, wherever lines were wrapped (shared with pdf.py)
UNIT_START = re.compile(
    rf"^(?:第\s*{NUM}\s*[条條章节節编編](?:之{CN_NUM})?(?:\s|$)"
    rf"|[（(]\s*{CN_NUM}\s*[）)]"
    rf"|{CN_NUM}[、．.]"
    r"|[0-9０-９]{1,3}[、．.](?![0-9０-９])"
    r"|[（(][0-9０-９]{1,3}[）)])"
)
# a line like 第三条 (no space after) is ambiguous after a wrap; only trust it when followed by space
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_INVISIBLE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")  # \t \n \v \f \r separate; these show nothing


def decode(data: bytes) -> str | None:
    """The text of ``data``, or None when it does not look like text in a known encoding.

    Without a BOM: UTF-16 when zero bytes make it plausible; otherwise UTF-8, and when the
    whole is not UTF-8, line by line UTF-8 or GB18030 — a draft pasted together from a GBK
    file and a UTF-8 file is read, not called damaged. A stray NUL in UTF-8/GBK text is no
    reason to give up either (read_text_bytes drops such control characters).
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(enc)
            except UnicodeDecodeError:
                return None
    sample = data[:65536]
    if b"\x00" in sample:
        # UTF-16/32 put zero bytes in text; without a BOM, pick the byte order whose decoding
        # looks like ordinary Chinese/ASCII text
        best, best_score = None, 0.0
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                text = data[: len(data) // 2 * 2].decode(enc)
            except UnicodeDecodeError:
                continue
            score = _plausible(text[:20000])
            if score > best_score:
                best, best_score = text, score
        if best is not None and best_score > 0.9 and _looks_like_text(best):
            return best
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        lines = data.split(b"\n")
        decoded = [_decode_line(line, last=i == len(lines) - 1) for i, line in enumerate(lines)]
        if any(line is None for line in decoded):
            return None
        text = "\n".join(decoded)
    return text if _looks_like_text(text) else None


def _decode_line(line: bytes, *, last: bool) -> str | None:
    for enc in ("utf-8", "gb18030"):
        try:
            return line.decode(enc)
        except UnicodeDecodeError as err:
            # a sample cut inside the last character is still that encoding
            if last and err.reason in ("unexpected end of data", "incomplete multibyte sequence") \
                    and err.end == len(line) and len(line) - err.start < 4:
                return line[: err.start].decode(enc, errors="replace")
    return None


_COMMON = re.compile(r"[\t\n\r\x20-\x7e\u00a0-\u00ff\u2000-\u206f\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _plausible(text: str) -> float:
    """Share of characters that ordinary Chinese or English text is made of."""
    return len(_COMMON.findall(text)) / len(text) if text else 0.0


def _looks_like_text(text: str) -> bool:
    sample = text[:20000]
    if not sample:
        return True
    bad = len(_CONTROL.findall(sample)) + sample.count("\ufffd")
    return bad <= max(2, len(sample) // 200)


def _lines(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return re.split(r"[\n\f\v\u2028\u2029\x85]", text)


def read_text(text: str) -> list[Block]:
    blocks = []
    for no, line in enumerate(_lines(text), start=1):
        line = line.strip()
        if line:
            blocks.append(Block(text=line, location=f"第 {no} 行"))
    return blocks


_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_LIST = re.compile(r"^(?:[-*+]\s+|\d+[.)]\s+|>\s?)")
_TABLE_SEP = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$")
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def join_wrapped(a: str, b: str) -> str:
    """Join two pieces of one wrapped paragraph: no space inside Chinese, one between words."""
    if a and b and re.match(r"[A-Za-z0-9,.;:!?)\]]", a[-1]) and re.match(r"[A-Za-z0-9(\[]", b[0]):
        return a + " " + b
    return a + b


def read_markdown(text: str) -> list[Block]:
    text = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text.replace("\r\n", "\n").replace("\r", "\n"))
    blocks: list[Block] = []
    para: list[str] = []
    para_line = 0

    def flush() -> None:
        nonlocal para
        if para:
            joined = para[0]
            for piece in para[1:]:
                joined = joined + "\n" + piece if joined.endswith("\n") else join_wrapped(joined, piece)
            joined = joined.strip()
            if joined:
                blocks.append(Block(text=joined, location=f"第 {para_line} 行"))
        para = []

    for no, raw in enumerate(_lines(text), start=1):
        hard_break = raw.endswith("  ") or raw.endswith("\\")
        line = raw.strip()
        if not line:
            flush()
            continue
        m = _HEADING.match(line)
        if m:
            flush()
            level = len(m.group(1))
            if m.group(2):
                blocks.append(Block(text=m.group(2), kind="heading", location=f"第 {no} 行",
                                    style="#" * level, level=level))
            continue
        if line.startswith("|") and line.count("|") >= 2:
            flush()
            if _TABLE_SEP.match(line):
                continue
            cells = [c.strip() for c in line.strip("|").split("|")]
            blocks.append(Block(text="\t".join(cells), kind="table_row", location=f"第 {no} 行",
                                cells=cells))
            continue
        if para and (UNIT_START.match(line) or _LIST.match(line) or raw.startswith("\u3000")):
            flush()
        if not para:
            para_line = no
        if hard_break:
            line = line.rstrip("\\") + "\n"
        para.append(line)
    flush()
    return blocks


def read_text_bytes(data: bytes, markdown: bool) -> list[Block]:
    text = decode(data)
    if text is None:
        raise ReadError("无法识别文本文件的编码（不是 UTF-8、UTF-16 或 GBK/GB18030），请另存为 UTF-8 编码的 .txt 或 .docx 后再上传")
    if len(text) > MAX_TEXT_CHARS:
        raise ReadError(too_long_message(len(text)))
    text = _INVISIBLE.sub("", text)  # NUL and other control characters: nothing a reader sees
    blocks = read_markdown(text) if markdown else read_text(text)
    if not blocks:
        raise ReadError("文件中没有文字内容（只有空白），请检查是否上传了正确的文件")
    return blocks


def looks_like_markdown(text: str) -> bool:
    head = text[:20000]
    return bool(re.search(r"(?m)^#{1,6}\s+\S", head) or "<!--" in head)
