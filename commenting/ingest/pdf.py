"""A text PDF into paragraph Blocks, with running headers, footers and page numbers removed.

Pages are read one at a time (``page.close()`` after each) into small line records, so a
long PDF costs memory in proportion to its text, not its pages' layout objects. Then:

1. lines in the top/bottom band of the page that are page numbers (「- 3 -」, 「— 3 —」,
   「第 3 页 共 10 页」, 「3/10」…) or that repeat at the same place on most pages are dropped;
2. lines are re-joined into paragraphs: Chinese wraps mid-sentence with no space, so a new
   paragraph starts only where the previous line stops short of the right margin, the line
   is indented (first-line indent), starts a unit (第X条, 第X章, （一）, 一、), changes font
   size, or follows a vertical gap. This also joins a paragraph across a page break.

Characters drawn twice for fake bold are removed by the rule of pdfplumber's ``dedupe_chars``.
Encrypted PDFs, PDFs without a text layer (scans) and PDFs whose text extracts as
``(cid:N)`` glyph codes are refused with a message that says which.

Cost is bounded (see limits.py): every Flate stream pdfminer inflates goes through
:func:`_bounded_inflate` (per stream and per file), a page may draw at most ``MAX_PAGE_CHARS``
glyphs and keeps at most ``MAX_PAGE_GRAPHICS`` lines and shapes, and each page and the whole
file run under a :class:`~commenting.ingest.limits.Deadline`.
"""
from __future__ import annotations

import contextvars
import io
import logging
import re
import statistics
import time
import types
import zlib
from collections import Counter
from dataclasses import dataclass

import pdfminer.pdftypes
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfplumber.page import PDFPageAggregatorWithMarkedContent

from commenting.errors import ReadError
from commenting.ingest.limits import (MAX_TEXT_CHARS, PAGE_SECONDS, PDF_BASE_SECONDS, PDF_SECONDS_PER_PAGE,
                                      Deadline, too_long_message)
from commenting.ingest.text import UNIT_START, join_wrapped
from commenting.model import Block
from commenting.numerals import CN_NUM

MAX_PAGES = 3000
MAX_STREAM_BYTES = 32 * 1024 * 1024  # one inflated stream (a dense page's content is well under 1 MB)
MAX_INFLATED_BYTES = 256 * 1024 * 1024  # everything inflated while reading one file
MAX_PAGE_CHARS = 50_000  # a full A4 page in 6 pt type holds about 15,000
MAX_PAGE_GRAPHICS = 100_000  # lines and shapes kept per page (only table rules matter to us)
BAND = 0.14  # top/bottom share of the page where running headers and footers live

_PAGE_NO = re.compile(
    rf"^(?:[-－—–~·\s]*[0-9０-９]+[-－—–~·\s]*"
    rf"|第\s*(?:[0-9０-９]+|{CN_NUM})\s*页(?:\s*[,，/／、]?\s*共\s*(?:[0-9０-９]+|{CN_NUM})\s*页)?"
    rf"|共\s*[0-9０-９]+\s*页\s*[,，]?\s*第\s*[0-9０-９]+\s*页"
    r"|[0-9０-９]+\s*[/／]\s*[0-9０-９]+"
    r"|(?:page|p\.)\s*\d+(?:\s*(?:of|/)\s*\d+)?)$",
    re.I,
)
_ENDS_SENTENCE = re.compile(r"[。；;：:！？!?」』”]$")


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int
    page_height: float
    page_width: float = 595.0
    rows: list[list[str]] | None = None  # a ruled table found on the page, row by row


# ---------------------------------------------------------------- cost bounds


class _TooMuch(ReadError):
    """A PDF that inflates or draws more than a document could need."""


_inflated: contextvars.ContextVar[list[int] | None] = contextvars.ContextVar("pdf_inflated", default=None)
_BOMB = "PDF 文件内部数据异常（压缩数据解压后超过 {} MB，疑似压缩炸弹），为安全起见不予读取；请重新导出 PDF 或提供 Word 版本"


def _count_inflated(n: int) -> None:
    total = _inflated.get()
    if total is None:
        return
    total[0] += n
    if total[0] > MAX_INFLATED_BYTES:
        raise _TooMuch(_BOMB.format(MAX_INFLATED_BYTES // (1024 * 1024)))


def _bounded_inflate(data: bytes) -> bytes:
    """``zlib.decompress`` for pdfminer that stops at ``MAX_STREAM_BYTES`` instead of filling memory."""
    d = zlib.decompressobj()
    out = d.decompress(data, MAX_STREAM_BYTES + 1)
    if len(out) > MAX_STREAM_BYTES or d.unconsumed_tail:
        raise _TooMuch(_BOMB.format(MAX_STREAM_BYTES // (1024 * 1024)))
    if not d.eof:
        raise zlib.error("incomplete or truncated stream")  # as zlib.decompress says; pdfminer retries
    _count_inflated(len(out))
    return out


class _BoundedDecompressor:
    """zlib.decompressobj for pdfminer's repair of damaged streams, counting what it inflates."""

    def __init__(self):
        self._d = zlib.decompressobj()
        self._seen = 0

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        out = self._d.decompress(data, max_length)
        self._seen += len(out)
        if self._seen > MAX_STREAM_BYTES:
            raise _TooMuch(_BOMB.format(MAX_STREAM_BYTES // (1024 * 1024)))
        _count_inflated(len(out))
        return out

    def flush(self, *args) -> bytes:
        return self._d.flush(*args)


# pdfminer inflates every Flate stream with a bare zlib.decompress (pdftypes.PDFStream.decode);
# this is the one place its inflation can be bounded. Outside read_pdf only the per-stream cap applies.
pdfminer.pdftypes.zlib = types.SimpleNamespace(decompress=_bounded_inflate, decompressobj=_BoundedDecompressor,
                                               error=zlib.error)


class _BoundedAggregator(PDFPageAggregatorWithMarkedContent):
    """pdfplumber's layout device, refusing a page of absurdly many glyphs and keeping a bounded number of shapes."""

    def __init__(self, *args, page_no: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.page_no = page_no
        self.n_chars = 0
        self.n_graphics = 0

    def render_char(self, *args, **kwargs) -> float:
        self.n_chars += 1
        if self.n_chars > MAX_PAGE_CHARS:
            raise _TooMuch(f"PDF 第 {self.page_no} 页的字符超过 {MAX_PAGE_CHARS // 10000} 万个，不是正常的文档页面，"
                           "无法读取；请重新导出 PDF 或提供 Word 版本")
        return super().render_char(*args, **kwargs)

    def paint_path(self, *args, **kwargs) -> None:
        self.n_graphics += 1
        if self.n_graphics <= MAX_PAGE_GRAPHICS:  # beyond that: drawings, not table rules
            super().paint_path(*args, **kwargs)


# CMap names say which character collection a CID font uses (Adobe's CMap naming)
_COLLECTION_OF_CMAP = (("GB", "GB1"), ("CNS", "CNS1"), ("B5", "CNS1"), ("ETen", "CNS1"), ("HKscs", "CNS1"),
                       ("JIS", "Japan1"), ("90m", "Japan1"), ("90p", "Japan1"), ("KSC", "Korea1"), ("UniKS", "Korea1"))


def _printable(value) -> bool:
    return isinstance(value, bytes) and all(0x20 < b < 0x7F for b in value)


def _repair_cid_system_info(page) -> None:
    """Give encrypted PDFs' CID fonts back the character collection their CMap names.

    Some producers (ReportLab among them) leave the strings of a font's CIDSystemInfo
    unencrypted in an encrypted file; viewers do not mind, but pdfminer decrypts them into
    bytes that name no collection, finds no Unicode map and extracts ``(cid:N)``. When the
    Registry/Ordering are not plain names, the font's CMap (a name, never encrypted) tells.
    """
    from pdfminer.psparser import PSLiteral
    from pdfminer.pdftypes import resolve1

    if not getattr(page.pdf.doc, "decipher", None):
        return
    fonts = resolve1((page.page_obj.resources or {}).get("Font"))
    for spec in (fonts.values() if isinstance(fonts, dict) else ()):
        spec = resolve1(spec)
        if not isinstance(spec, dict):
            continue
        cmap = resolve1(spec.get("Encoding"))
        name = cmap.name if isinstance(cmap, PSLiteral) else ""
        collection = next((c for key, c in _COLLECTION_OF_CMAP if key in str(name)), None)
        descendants = resolve1(spec.get("DescendantFonts"))
        if collection is None or not isinstance(descendants, list):
            continue
        for font in map(resolve1, descendants):
            info = resolve1(font.get("CIDSystemInfo")) if isinstance(font, dict) else None
            if isinstance(info, dict) and not (_printable(resolve1(info.get("Registry")))
                                               and _printable(resolve1(info.get("Ordering")))):
                info["Registry"], info["Ordering"] = b"Adobe", collection.encode()


def _layout(page, page_no: int):
    """The page's pdfminer layout, computed with the bounded device and kept where pdfplumber looks for it."""
    _repair_cid_system_info(page)
    device = _BoundedAggregator(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams,
                                page_no=page_no)
    PDFPageInterpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    # Page.layout caches its result in _layout; the table finder (page.chars, page.rects) reads it there
    page._layout = device.get_result()
    return page._layout


# ---------------------------------------------------------------- one page


def _layout_chars(page, page_no: int = 0) -> tuple[list[dict], int]:
    """Characters of one page as small dicts (text, x0, x1, top, bottom, size, font).

    Taken straight from the pdfminer layout pdfplumber computes (``page.layout``): building
    pdfplumber's full per-character objects (colours, graphic state) cost more than half the
    time of a page, and we need only positions.
    """
    from pdfminer.layout import LTChar, LTContainer, LTCurve

    rules = 0
    height = float(page.height)
    mb_x0, mb_top = float(page.mediabox[0]), float(page.mediabox[1])
    out: list[dict] = []
    stack = [_layout(page, page_no)]
    while stack:
        item = stack.pop()
        if isinstance(item, LTChar):
            out.append({
                "text": item.get_text(), "x0": item.x0 + mb_x0, "x1": item.x1 + mb_x0,
                "top": height - item.y1 + mb_top, "bottom": height - item.y0 + mb_top,
                "size": item.size, "fontname": item.fontname, "upright": item.upright,
            })
        elif isinstance(item, LTContainer):
            stack.extend(item)
        elif isinstance(item, LTCurve):  # LTLine and LTRect are curves too
            rules += 1
    return out, rules


def _cell_text(cell: str | None) -> str:
    if not cell:
        return ""
    text = ""
    for piece in cell.split("\n"):
        text = join_wrapped(text, piece.strip())
    return text


def _tables(page, page_no: int) -> list[Line]:
    """Ruled tables on the page (pdfplumber's table finder), as Lines carrying their rows."""
    try:
        found = page.dedupe_chars(tolerance=1).find_tables()
    except Exception:  # a table we cannot make out is read as ordinary lines
        return []
    out = []
    for table in found:
        try:
            rows = [[_cell_text(c) for c in row] for row in table.extract()]
        except Exception:
            continue
        rows = [r for r in rows if any(r)]
        if len(rows) < 2 or max(len(r) for r in rows) < 2:
            continue  # a box around a paragraph is not a table
        x0, top, x1, bottom = table.bbox
        out.append(Line("\t".join(rows[0]), x0, x1, top, bottom, 0.0, page_no,
                        float(page.height), float(page.width), rows=rows))
    return out


def dedupe(chars: list[dict], tolerance: float = 1.0) -> list[dict]:
    """Drop characters printed again at (almost) the same place — fake bold.

    Same rule as pdfplumber's ``dedupe_chars``: same text, font and size, and x0/top within
    ``tolerance``. Bucketing by rounded position keeps it linear.
    """
    seen: dict[tuple, list[dict]] = {}
    out = []
    for c in chars:
        key = (c["text"], c["fontname"], round(c["size"], 1))
        bx, by = int(c["x0"] // tolerance), int(c["top"] // tolerance)
        dup = False
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for other in seen.get(key + (bx + dx, by + dy), ()):
                    if abs(other["x0"] - c["x0"]) <= tolerance and abs(other["top"] - c["top"]) <= tolerance:
                        dup = True
                        break
                if dup:
                    break
            if dup:
                break
        if not dup:
            seen.setdefault(key + (bx, by), []).append(c)
            out.append(c)
    return out


def _page_lines(page, page_no: int) -> tuple[list[Line], int, int]:
    """Lines of one page (top to bottom), plus its char count and (cid:N) char count."""
    chars, rules = _layout_chars(page, page_no)
    chars = dedupe(chars)
    cid = sum(1 for c in chars if c["text"].startswith("(cid:"))
    n_chars = len(chars)
    tables = _tables(page, page_no) if rules >= 4 and chars else []
    if tables:
        def inside(c) -> bool:
            mx, my = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
            return any(t.x0 <= mx <= t.x1 and t.top <= my <= t.bottom for t in tables)

        chars = [c for c in chars if not inside(c)]
    chars = [c for c in chars if c["text"]]
    chars.sort(key=lambda c: (round(c["top"]), c["x0"]))
    lines: list[Line] = []
    group: list[dict] = []

    def flush() -> None:
        if not group:
            return
        group.sort(key=lambda c: c["x0"])
        size = statistics.median(c["size"] for c in group)
        pieces: list[str] = []
        prev = None
        pending_space = False
        for c in group:
            if c["text"].isspace() and c["text"] != "\u3000":
                pending_space = True  # an explicit space glyph: remember it, place it once
                continue
            if prev is not None:
                gap = c["x0"] - prev["x1"]
                if gap > 2.0 * size:
                    pieces.append("\t")  # columns of a table-like line
                elif prev["text"] == "\u3000":
                    pass
                elif gap > 0.8 * size and not (prev["text"].isascii() or c["text"].isascii()):
                    pieces.append("\u3000")  # a full-width space the PDF did not draw
                elif pending_space or gap > 0.45 * size:
                    pieces.append(" ")
            pieces.append(c["text"])
            prev = c
            pending_space = False
        text = "".join(pieces).strip()
        ink = [c for c in group if not c["text"].isspace()] or group
        if text:
            lines.append(Line(text, ink[0]["x0"], max(c["x1"] for c in ink),
                              min(c["top"] for c in ink), max(c["bottom"] for c in ink),
                              size, page_no, float(page.height), float(page.width)))

    line_top = line_bottom = None
    for c in chars:
        if group and c["top"] <= line_bottom - 0.5 * (line_bottom - line_top):
            group.append(c)
            line_bottom = max(line_bottom, c["bottom"])
            continue
        flush()
        group = [c]
        line_top, line_bottom = c["top"], c["bottom"]
    flush()
    if tables:
        lines = sorted(lines + tables, key=lambda ln: ln.top)
    return lines, n_chars, cid


def _in_band(line: Line) -> bool:
    if line.rows is not None:
        return False
    return line.top < BAND * line.page_height or line.bottom > (1 - BAND) * line.page_height


def _key(line: Line) -> tuple[str, int]:
    return re.sub(r"[0-9０-９]+", "#", line.text.replace(" ", "")), round(line.top / 6)


def remove_running(pages: list[list[Line]]) -> list[list[Line]]:
    """Drop page numbers and lines repeated at the same place on most pages."""
    n = len(pages)
    counts: Counter = Counter()
    for lines in pages:
        counts.update({_key(ln) for ln in lines if _in_band(ln)})
    threshold = max(2, int(0.4 * n + 0.999))

    def repeated(ln: Line) -> bool:
        if ln.x1 - ln.x0 > 0.6 * ln.page_width:
            return False  # a full line of body text, however often its words recur
        text, pos = _key(ln)
        return sum(counts.get((text, pos + d), 0) for d in (-1, 0, 1)) >= threshold

    out = []
    for lines in pages:
        keep = [ln for ln in lines
                if not (_in_band(ln) and (_PAGE_NO.match(ln.text) or (n >= 2 and repeated(ln))))]
        out.append(keep)
    return out


def _margins(lines: list[Line]) -> tuple[float, float, float, float]:
    """Left margin, right margin, body font size and usual line pitch of the body text."""
    size = statistics.median(ln.size for ln in lines)
    lefts = Counter(round(ln.x0) for ln in lines)
    rights = Counter(round(ln.x1) for ln in lines)
    common = max(2, len(lines) // 50)
    left = min((x for x, k in lefts.items() if k >= common), default=min(lefts))
    right = max((x for x, k in rights.items() if k >= common), default=max(rights))
    pitches = [b.top - a.top for a, b in zip(lines, lines[1:])
               if a.page == b.page and 0 < b.top - a.top < 4 * size]
    pitch = statistics.median(pitches) if pitches else 1.5 * size
    if right - left < 0.5 * statistics.median(ln.page_width for ln in lines):
        # no line reaches anything like a right margin (a list of short lines): every line
        # counts as ending short, so none is glued to the next
        right = float("inf")
    return left, right, size, pitch


def join_paragraphs(lines: list[Line]) -> list[Block]:
    if not lines:
        return []
    text_lines = [ln for ln in lines if ln.rows is None]
    if not text_lines:
        text_lines = lines
    left, right, size, pitch = _margins(text_lines)
    blocks: list[Block] = []
    n_table = 0
    text = ""
    first: Line | None = None
    prev: Line | None = None
    for ln in lines:
        if ln.rows is not None:
            if text.strip() and first is not None:
                blocks.append(Block(text=text.strip(), location=f"第 {first.page} 页"))
            text, first, prev = "", None, None
            n_table += 1
            for m, row in enumerate(ln.rows, start=1):
                blocks.append(Block(text="\t".join(row), kind="table_row", cells=row,
                                    location=f"第 {ln.page} 页 表格 {n_table} 第 {m} 行"))
            continue
        new = prev is None
        if prev is not None:
            new = (
                prev.x1 < right - 1.5 * size  # previous line stops short: its paragraph ended
                or ln.x0 > left + 0.8 * size  # indented first line or centred heading
                or abs(ln.size - prev.size) > 0.15 * size
                or "\t" in ln.text or "\t" in prev.text  # table-like rows stand alone
                or (ln.page == prev.page and ln.top - prev.top > 1.6 * pitch)
                or (ln.page == prev.page and ln.top < prev.top)  # a second column
                # 第X条/章 followed by a space, or （一）/一、 after a finished sentence
                or (UNIT_START.match(ln.text) is not None
                    and (ln.text.startswith("第") or bool(_ENDS_SENTENCE.search(prev.text))))
            )
        if new:
            if text.strip() and first is not None:
                blocks.append(Block(text=text.strip(), location=f"第 {first.page} 页"))
            text, first = ln.text, ln
        else:
            text = join_wrapped(text, ln.text)
        prev = ln
    if text.strip() and first is not None:
        blocks.append(Block(text=text.strip(), location=f"第 {first.page} 页"))
    return blocks


def read_pdf(data: bytes, progress=None) -> list[Block]:
    quiet = logging.getLogger("pdfminer")
    if quiet.level == logging.NOTSET:  # pdfminer warns about every odd font on stderr
        quiet.setLevel(logging.ERROR)
    token = _inflated.set([0])
    try:
        return _read_pages(data, progress)
    finally:
        _inflated.reset(token)


def _open(data: bytes):
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        with Deadline(PDF_BASE_SECONDS, "PDF 文件结构异常，打开用时过长，无法读取；请重新导出 PDF 或提供 Word 版本"):
            return pdfplumber.open(io.BytesIO(data))
    except ReadError:
        raise
    except Exception as err:  # pdfplumber wraps pdfminer's errors in PdfminerException
        inner = err.args[0] if err.args and isinstance(err.args[0], BaseException) else err
        if isinstance(inner, ReadError):
            raise inner from err
        if isinstance(inner, PDFPasswordIncorrect):
            raise ReadError("PDF 文件设置了打开密码（已加密），无法读取；请去除密码后重新上传，或提供 Word 版本") from err
        if isinstance(inner, PDFEncryptionError):
            raise ReadError("PDF 文件已加密且无法解密，无法读取；请去除加密后重新上传，或提供 Word 版本") from err
        raise ReadError("PDF 文件已损坏或格式不正确，无法读取；请重新导出 PDF 或提供 Word 版本") from err


def _read_pages(data: bytes, progress) -> list[Block]:
    pdf = _open(data)
    pages: list[list[Line]] = []
    total_chars = cid_chars = images = 0
    started = time.monotonic()
    try:
        n = len(pdf.pages)
        if n > MAX_PAGES:
            raise ReadError(f"PDF 共 {n} 页，超过可处理的上限 {MAX_PAGES} 页，请拆分后分别上传")
        for i, page in enumerate(pdf.pages, start=1):
            # a page may take PAGE_SECONDS; the file a base budget plus a little per page read
            left = PDF_BASE_SECONDS + PDF_SECONDS_PER_PAGE * i - (time.monotonic() - started)
            if left < PAGE_SECONDS:
                seconds, message = max(left, 0.01), (
                    f"PDF 读取用时过长（读到第 {i} 页已超过 {PDF_BASE_SECONDS + PDF_SECONDS_PER_PAGE * i:.0f} 秒），"
                    "页面内容异常复杂；请拆分后分别上传，或提供 Word 版本")
            else:
                seconds, message = PAGE_SECONDS, (
                    f"PDF 第 {i} 页内容异常复杂，{PAGE_SECONDS:g} 秒内未能读完，无法读取；请重新导出 PDF 或提供 Word 版本")
            try:
                with Deadline(seconds, message):
                    lines, n_chars, n_cid = _page_lines(page, i)
                    if not n_chars:
                        images += len(page.images)
            except ReadError:
                raise
            except Exception as err:
                raise ReadError(f"PDF 第 {i} 页无法解析（文件可能已损坏），请重新导出 PDF 或提供 Word 版本") from err
            finally:
                page.close()
            pages.append(lines)
            total_chars += n_chars
            cid_chars += n_cid
            if total_chars > MAX_TEXT_CHARS:
                raise ReadError(too_long_message(total_chars))
            if progress is not None:
                progress(i, n)
    finally:
        pdf.close()
    if total_chars == 0:
        if images:
            raise ReadError("PDF 没有文字层，页面是图片（扫描件），无法读取文字；请提供 Word 版本或可复制文字的 PDF，或先做文字识别（OCR）")
        raise ReadError("PDF 中没有可提取的文字（可能是扫描件或空白文档）；请提供 Word 版本或可复制文字的 PDF")
    if cid_chars > 0.3 * total_chars:
        raise ReadError("PDF 的文字无法正确提取（字体缺少编码映射，提取出的是 (cid:N) 乱码）；请提供 Word 版本或重新导出 PDF")
    body = [ln for lines in remove_running(pages) for ln in lines]
    blocks = join_paragraphs(body)
    if not blocks:
        raise ReadError("PDF 中除页眉、页脚和页码外没有正文文字；请提供 Word 版本")
    return blocks
