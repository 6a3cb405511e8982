"""A .docx body read in document order into Blocks.

Reads the OOXML directly instead of python-docx's ``Document.paragraphs``, which skips text
inside tracked insertions and content controls and never shows automatic numbering.

What a reader sees is what a Block holds:

- body paragraphs and table rows (one Block per row, ``cells`` filled) in document order;
  headers, footers, footnotes, endnotes and comments live in other parts and are never read;
- automatic numbering rendered in front of the text (「第一条」 + 「　」, see numbering.py);
- tracked insertions kept, tracked deletions dropped; a paragraph whose mark was deleted is
  merged into the next one, as accepting the change would do;
- field results kept, field codes dropped; hidden text (w:vanish) dropped;
- a soft line break (w:br, w:cr) stays as "\\n" inside the Block; w:tab is "\\t";
- leading/trailing whitespace of a Block is trimmed (indentation is layout), inner
  whitespace — full-width spaces included — is kept as drafted;
- text boxes and drawings are not read.

The zip is checked before anything is inflated (declared sizes, compression ratio) and each
part is read through a byte cap; XML is parsed with entities and network access off.
"""
from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass

from lxml import etree

from commenting.errors import ReadError
from commenting.ingest.limits import MAX_TEXT_CHARS, too_long_message
from commenting.ingest.numbering import W, Numbering
from commenting.model import Block

M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"

PART_CAP = 50 * 1024 * 1024  # largest XML part we inflate (the body is streamed, element by element)
TREE_PART_CAP = 10 * 1024 * 1024  # largest part parsed whole (styles, numbering, relationships: ~100 KB)
TOTAL_CAP = 1024 * 1024 * 1024  # sum of declared sizes beyond which the zip is a bomb
RATIO_CAP = 200  # declared/compressed ratio of a big part beyond which it is a bomb
RATIO_MIN_SIZE = 5 * 1024 * 1024  # small parts may compress as well as they like

_MSG_CORRUPT = "Word 文档已损坏或不是有效的 .docx 文件，无法读取；请用 Word 或 WPS 打开后另存为 .docx 再上传"
_MSG_BOMB = "Word 文档内部数据异常（压缩后体积过大，疑似压缩炸弹），为安全起见不予读取"
_MSG_DEEP = ("Word 文档的结构嵌套过深（超过 256 层，如表格中层层套表格），无法读取；"
             "请在 Word 中取消多余的嵌套后另存为 .docx 再上传")


def _xml_error(err: etree.XMLSyntaxError) -> ReadError:
    """The true reason an XML part could not be parsed: libxml2's limits are not damage."""
    text = str(err)
    if "Excessive depth" in text:
        return ReadError(_MSG_DEEP)
    if "Text node too long" in text or "huge text node" in text:
        # one text node over 10 MB holds more characters than MAX_TEXT_CHARS
        return ReadError(too_long_message())
    return ReadError(_MSG_CORRUPT)


def _parser_kwargs() -> dict:
    return dict(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                remove_comments=True, remove_pis=True)


# ---------------------------------------------------------------- zip safety


class _CappedReader(io.RawIOBase):
    """Reads a zip member but refuses to yield more than ``cap`` bytes (lying headers)."""

    def __init__(self, raw, cap: int, name: str):
        self.raw, self.cap, self.name, self.seen = raw, cap, name, 0

    def readable(self) -> bool:
        return True

    def read(self, n: int = -1) -> bytes:
        chunk = self.raw.read(n if n is not None and n >= 0 else self.cap + 1)
        self.seen += len(chunk)
        if self.seen > self.cap:
            raise ReadError(f"Word 文档中的 {self.name} 超过 {self.cap // (1024 * 1024)} MB，文件过大或已损坏，不予读取")
        return chunk

    def readinto(self, b) -> int:
        data = self.read(len(b))
        b[: len(data)] = data
        return len(data)


def open_zip(data: bytes) -> zipfile.ZipFile:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as err:
        raise ReadError(_MSG_CORRUPT) from err
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > RATIO_MIN_SIZE and info.file_size > RATIO_CAP * max(info.compress_size, 1):
            raise ReadError(_MSG_BOMB)
        if info.flag_bits & 0x1:
            raise ReadError("Word 文档中的部分内容被加密，无法读取；请去除密码后另存为 .docx 再上传")
    if total > TOTAL_CAP:
        raise ReadError(_MSG_BOMB)
    return zf


def _open_part(zf: zipfile.ZipFile, name: str, cap: int | None = None):
    cap = PART_CAP if cap is None else cap
    info = zf.getinfo(name)
    if info.file_size > cap:
        raise ReadError(f"Word 文档中的 {name} 超过 {cap // (1024 * 1024)} MB，文件过大，不予读取")
    return io.BufferedReader(_CappedReader(zf.open(info), cap, name), buffer_size=1 << 16)


STRICT_W = b"http://purl.oclc.org/ooxml/wordprocessingml/main"
TRANSITIONAL_W = W[1:-1].encode()


def _open_xml(zf: zipfile.ZipFile, name: str, cap: int | None = None):
    """A readable stream of the part; "Strict Open XML" parts are mapped to the usual namespace."""
    fh = _open_part(zf, name, cap)
    if STRICT_W not in fh.peek(4096)[:4096]:
        return fh
    with fh:
        data = fh.read()
    return io.BytesIO(data.replace(STRICT_W, TRANSITIONAL_W))


def _parse_part(zf: zipfile.ZipFile, name: str):
    if name not in zf.NameToInfo:
        return None
    try:
        with _open_xml(zf, name, TREE_PART_CAP) as fh:
            return etree.parse(fh, etree.XMLParser(**_parser_kwargs())).getroot()
    except etree.XMLSyntaxError as err:
        raise _xml_error(err) from err
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as err:  # CRC, truncated data
        raise ReadError(_MSG_CORRUPT) from err


def _rels(zf: zipfile.ZipFile, rels_name: str, base_dir: str) -> dict[str, str]:
    """Relationship type suffix (``officeDocument``, ``styles``…) → part name."""
    root = _parse_part(zf, rels_name)
    out: dict[str, str] = {}
    if root is None:
        return out
    for rel in root.iter(REL + "Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
        target = rel.get("Target") or ""
        name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base_dir, target))
        out.setdefault(kind, name)
    return out


def main_part(zf: zipfile.ZipFile) -> str | None:
    """Name of the main document part, or None when this zip is not a Word document."""
    names = zf.NameToInfo
    try:
        target = _rels(zf, "_rels/.rels", "").get("officeDocument")
    except ReadError:
        target = None
    if target and target in names and target.endswith(".xml") and "word" in target.lower():
        return target
    return "word/document.xml" if "word/document.xml" in names else None


# ---------------------------------------------------------------- styles


@dataclass
class Style:
    name: str = ""
    based_on: str | None = None
    num_id: str | None = None
    ilvl: int | None = None
    outline: int | None = None


_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.I)
_TITLE_NAMES = {"title", "标题"}


class Styles:
    def __init__(self, root):
        self.styles: dict[str, Style] = {}
        self.default: str | None = None
        if root is None:
            return
        for st in root.iter(W + "style"):
            sid = st.get(W + "styleId") or ""
            s = Style()
            name = st.find(W + "name")
            s.name = name.get(W + "val", "") if name is not None else sid
            based = st.find(W + "basedOn")
            s.based_on = based.get(W + "val") if based is not None else None
            ppr = st.find(W + "pPr")
            if ppr is not None:
                num = ppr.find(W + "numPr")
                if num is not None:
                    s.num_id = _child_val(num, "numId")
                    s.ilvl = _as_int(_child_val(num, "ilvl"))
                s.outline = _as_int(_child_val(ppr, "outlineLvl"))
            self.styles[sid] = s
            if st.get(W + "type") == "paragraph" and st.get(W + "default") in ("1", "true", "on"):
                self.default = sid

    def chain(self, sid: str | None):
        seen = set()
        while sid and sid in self.styles and sid not in seen:
            seen.add(sid)
            yield sid, self.styles[sid]
            sid = self.styles[sid].based_on

    def numpr(self, sid: str | None) -> tuple[str | None, int | None]:
        for _, s in self.chain(sid):
            if s.num_id is not None:
                return s.num_id, s.ilvl
        return None, None

    def outline(self, sid: str | None) -> int | None:
        for _, s in self.chain(sid):
            if s.outline is not None:
                return s.outline
        return None

    def kind_level(self, sid: str | None) -> tuple[str, int | None]:
        for _, s in self.chain(sid):
            low = s.name.strip().lower()
            if low in _TITLE_NAMES:
                return "title", None
            m = _HEADING_NAME.match(low)
            if m:
                return "heading", int(m.group(1))
        return "paragraph", None

    def is_toc(self, sid: str | None) -> bool:
        return bool(sid and sid in self.styles and re.match(r"^(toc|目录)\s*\d$", self.styles[sid].name.strip().lower()))

    def display_name(self, sid: str | None) -> str | None:
        if not sid or sid not in self.styles:
            return None
        name = self.styles[sid].name
        # built-in names are stored lower-case ("heading 1"); show them as Word's UI does
        if re.match(r"^(heading [1-9]|title|subtitle|normal)$", name):
            return name[0].upper() + name[1:]
        return name


def _child_val(el, tag: str) -> str | None:
    c = el.find(W + tag)
    return c.get(W + "val") if c is not None else None


def _as_int(s: str | None) -> int | None:
    try:
        return int(s) if s is not None else None
    except ValueError:
        return None


def _on(el) -> bool:
    return el is not None and el.get(W + "val", "true") not in ("0", "false", "off")


# ---------------------------------------------------------------- body


_SKIP_CONTAINERS = {W + "del", W + "moveFrom"}
_DESCEND = {W + "ins", W + "moveTo", W + "hyperlink", W + "smartTag", W + "customXml",
            W + "fldSimple", W + "dir", W + "bdo"}


class _Body:
    def __init__(self, styles: Styles, numbering: Numbering):
        self.styles = styles
        self.numbering = numbering
        self.blocks: list[Block] = []
        # open complex fields, outermost first: [state "code" | "result", field code so far]
        self.fields: list[list[str]] = []
        self.carry = ""  # text of a paragraph whose mark was deleted (joins the next one)
        self.n_para = 0
        self.n_table = 0
        self.n_chars = 0

    def add(self, block: Block) -> None:
        self.n_chars += len(block.text)
        if self.n_chars > MAX_TEXT_CHARS:
            raise ReadError(too_long_message(self.n_chars))
        self.blocks.append(block)

    # -- block-level containers
    def container(self, el) -> None:
        for child in el:
            tag = child.tag
            if tag == W + "p":
                self.body_paragraph(child)
            elif tag == W + "tbl":
                self.flush_carry()
                self.table(child)
            elif tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    self.container(content)
            elif tag in (W + "customXml", W + "ins", W + "moveTo"):
                self.container(child)

    def flush_carry(self) -> None:
        """Text of a paragraph whose mark was deleted but that nothing followed: keep it."""
        text, self.carry = self.carry.strip(), ""
        if text:
            self.n_para += 1
            self.add(Block(text=text, location=f"段落 {self.n_para}"))

    def body_paragraph(self, p) -> None:
        para = self.paragraph(p)
        if para is None:
            return
        text, style, kind, level = para
        if not text:
            return
        self.n_para += 1
        self.add(Block(text=text, kind=kind, location=f"段落 {self.n_para}",
                                 style=style, level=level))

    def paragraph(self, p):
        """(text, style name, kind, level), or None when the paragraph mark was deleted."""
        ppr = p.find(W + "pPr")
        sid = num_id = ilvl = outline = None
        mark_deleted = False
        if ppr is not None:
            sid = _child_val(ppr, "pStyle")
            num = ppr.find(W + "numPr")
            if num is not None:
                num_id = _child_val(num, "numId")
                ilvl = _as_int(_child_val(num, "ilvl"))
            outline = _as_int(_child_val(ppr, "outlineLvl"))
            rpr = ppr.find(W + "rPr")
            mark_deleted = rpr is not None and rpr.find(W + "del") is not None
        sid = sid or self.styles.default
        parts: list[str] = []
        toc = self.in_toc()
        self.inline(p, parts)
        # a field code never spans paragraphs; an unclosed one must not swallow the rest
        self.fields = [f for f in self.fields if f[0] != "code"]
        if toc or self.in_toc() or self.styles.is_toc(sid):
            # a table of contents repeats the headings (with page numbers): not body text
            return "", None, "paragraph", None
        body = "".join(parts)
        if mark_deleted:
            self.carry += body
            return None
        body, self.carry = self.carry + body, ""
        label = ""
        style_num, style_ilvl = self.styles.numpr(sid)
        if num_id is None:
            num_id, from_style = style_num, True
        else:
            from_style = False
        if num_id and num_id != "0":
            if ilvl is None:
                ilvl = style_ilvl if from_style or style_num == num_id else None
            if ilvl is None:
                ilvl = self.numbering.style_level(num_id, sid) if sid else None
            label = self.numbering.next_label(num_id, ilvl or 0)
        kind, level = self.styles.kind_level(sid)
        if outline is None:
            outline = self.styles.outline(sid)
        if level is None and outline is not None and 0 <= outline < 9:
            level = outline + 1
        return (label + body).strip(), self.styles.display_name(sid), kind, level

    def in_code(self) -> bool:
        return any(state == "code" for state, _ in self.fields)

    def in_toc(self) -> bool:
        return any(code.strip().upper().startswith("TOC") for _, code in self.fields)

    # -- inline content
    def inline(self, el, out: list[str]) -> None:
        for child in el:
            tag = child.tag
            if tag == W + "r":
                self.run(child, out)
            elif tag in _DESCEND:
                self.inline(child, out)
            elif tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    self.inline(content, out)
            elif tag in (M + "oMath", M + "oMathPara"):
                out.extend(t.text or "" for t in child.iter(M + "t"))
            # w:del, w:moveFrom, pPr, bookmarks, proofErr, comment ranges: nothing visible

    def run(self, r, out: list[str]) -> None:
        rpr = r.find(W + "rPr")
        hidden = rpr is not None and _on(rpr.find(W + "vanish"))
        for c in r:
            tag = c.tag
            if tag == W + "fldChar":
                kind = c.get(W + "fldCharType")
                if kind == "begin":
                    self.fields.append(["code", ""])
                elif kind == "separate" and self.fields:
                    self.fields[-1][0] = "result"
                elif kind == "end" and self.fields:
                    self.fields.pop()
                continue
            if tag == W + "instrText" and self.fields and self.fields[-1][0] == "code":
                self.fields[-1][1] += c.text or ""
                continue
            if hidden or self.in_code():
                continue
            if tag == W + "t":
                out.append(c.text or "")
            elif tag in (W + "tab", W + "ptab"):
                out.append("\t")
            elif tag in (W + "br", W + "cr"):
                out.append("\n")
            elif tag == W + "noBreakHyphen":
                out.append("-")
            elif tag == W + "sym":
                code = c.get(W + "char") or ""
                try:
                    ch = chr(int(code, 16))
                except ValueError:
                    continue
                if not ("\ue000" <= ch <= "\uf8ff"):  # private-use symbol-font glyphs say nothing
                    out.append(ch)
            # delText, instrText, footnote/endnote/comment references, drawings: not body text

    # -- tables
    def table(self, tbl) -> None:
        self.n_table += 1
        n_table = self.n_table
        for row_no, tr in enumerate(self._rows(tbl), start=1):
            trpr = tr.find(W + "trPr")
            if trpr is not None and trpr.find(W + "del") is not None:
                continue
            cells = [self.cell_text(tc) for tc in self._cells(tr)]
            if not any(cells):
                continue
            self.add(Block(text="\t".join(cells), kind="table_row",
                                     location=f"表格 {n_table} 第 {row_no} 行", cells=cells))

    def _children(self, parent, tag: str):
        """``parent``'s children with ``tag``, looking through content controls and custom XML."""
        for child in parent:
            if child.tag == tag:
                yield child
            elif child.tag in (W + "sdt", W + "customXml"):
                content = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
                if content is not None:
                    yield from self._children(content, tag)

    def _rows(self, tbl):
        return self._children(tbl, W + "tr")

    def _cells(self, tr):
        return self._children(tr, W + "tc")

    def cell_text(self, tc) -> str:
        saved, self.carry = self.carry, ""
        lines: list[str] = []
        self._cell_container(tc, lines)
        if self.carry:
            lines.append(self.carry.strip())
        self.carry = saved
        return "\n".join(line for line in lines if line)

    def _cell_container(self, el, lines: list[str]) -> None:
        for child in el:
            tag = child.tag
            if tag == W + "p":
                para = self.paragraph(child)
                if para is not None and para[0]:
                    lines.append(para[0])
            elif tag == W + "tbl":  # nested table: rows as lines, cells tab-separated
                for tr in self._rows(child):
                    row = [self.cell_text(tc) for tc in self._cells(tr)]
                    if any(row):
                        lines.append("\t".join(row))
            elif tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    self._cell_container(content, lines)
            elif tag in (W + "customXml", W + "ins", W + "moveTo"):
                self._cell_container(child, lines)


def read_docx(data: bytes) -> list[Block]:
    zf = open_zip(data)
    name = main_part(zf)
    if name is None:
        raise ReadError("这个压缩包不是 Word 文档（缺少 word/document.xml），请上传 .docx、.pdf 或 .txt 文件")
    base = posixpath.dirname(name)
    rels = _rels(zf, posixpath.join(base, "_rels", posixpath.basename(name) + ".rels"), base)
    styles = Styles(_parse_part(zf, rels.get("styles", posixpath.join(base, "styles.xml"))))
    style_numpr = {sid: (s.num_id, s.ilvl) for sid, s in styles.styles.items() if s.num_id}
    numbering = Numbering(_parse_part(zf, rels.get("numbering", posixpath.join(base, "numbering.xml"))),
                          style_numpr)
    body = _Body(styles, numbering)
    try:
        with _open_xml(zf, name) as fh:
            _walk_body(fh, body)
        body.flush_carry()
    except etree.XMLSyntaxError as err:
        raise _xml_error(err) from err
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as err:
        raise ReadError(_MSG_CORRUPT) from err
    return body.blocks


def _walk_body(fh, body: _Body) -> None:
    """Stream the document part: each child of w:body is handled, then freed (bounded memory)."""
    depth = 0
    for event, el in etree.iterparse(fh, events=("start", "end"), **_parser_kwargs()):
        if event == "start":
            depth += 1
            continue
        if depth == 3 and el.getparent() is not None and el.getparent().tag == W + "body":
            body.container([el])
            el.clear()
            parent = el.getparent()
            while el.getprevious() is not None:
                del parent[0]
        depth -= 1
