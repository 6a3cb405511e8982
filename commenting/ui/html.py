"""Small HTML renderings for the pages. Every piece of text is escaped here, before markup is added.

Streamlit renders Markdown in st.markdown, st.caption, st.error/warning/success/info, and in the labels
of widgets, expanders and status boxes. Text a user or a draft supplies (titles, senders, file names,
article text, comments, law titles of imported files) reaches those only through :func:`plain` (or
:func:`esc` inside our own HTML), so ``![x](http://…)`` is shown as typed and fetches nothing.
Widgets that show plain strings (selectbox options, dataframes, st.text, st.code) take text as is.
"""
from __future__ import annotations

import html

from commenting.diffing import DELETE, EQUAL, INSERT, char_diff

SEVERITY_CLASS = {"error": "sev-error", "warning": "sev-warning", "info": "sev-info"}
SEVERITY_LABEL = {"error": "错误", "warning": "警示", "info": "提示"}

STYLE = """
<style>
.cm-article {font-size: 1.05rem; line-height: 1.9; white-space: normal;}
.cm-article mark {padding: 0 2px; border-radius: 3px;}
mark.cm-hit {background: #fff36b; padding: 0 1px; border-radius: 2px;}
.cm-article mark.sev-error {background: #ffd6d6; border-bottom: 2px solid #d33;}
.cm-article mark.sev-warning {background: #fff1c2; border-bottom: 2px solid #d9a400;}
.cm-article mark.sev-info {background: #dbeaff; border-bottom: 2px solid #4a7fd4;}
.cm-redline {line-height: 1.9; padding: .4rem .6rem; background: #fafafa; border: 1px solid #e6e6e6;
  border-radius: 4px;}
.cm-redline del {color: #b00020; background: #ffe3e3; text-decoration: line-through;}
.cm-redline ins {color: #0b6b2b; background: #dcf5e3; text-decoration: underline;}
/* the letter at scale: 28 body characters a line, as on the printed page (GB/T 9704) */
.cm-letter {font-family: "FangSong", "仿宋", "Noto Serif CJK SC", serif; font-size: 17px; line-height: 1.8;
  background: #fff; color: #000; padding: 2.4rem 2.2rem; border: 1px solid #ccc; width: calc(28em + 4.4rem);
  max-width: 100%; box-sizing: border-box; box-shadow: 0 1px 4px rgba(0,0,0,.08);}
.cm-letter h1 {font-family: "SimSun", "Noto Serif CJK SC", serif; font-size: 1.375em; text-align: center;
  font-weight: bold; margin: .4rem 0 1.2rem 0; line-height: 1.5; padding: 0;}
.cm-letter p {margin: 0; text-indent: 2em;}
.cm-letter p.noindent {text-indent: 0;}
.cm-letter p.right {text-align: right;}
.cm-letter h3 {font-family: "SimHei", "Noto Sans CJK SC", sans-serif; font-size: 1em; margin: 0; padding: 0;
  text-indent: 2em; font-weight: normal; line-height: 1.8;}
.cm-letter table {border-collapse: collapse; width: 100%; font-size: .75em; margin: .6rem 0;}
/* the review outline: compact, left-aligned article buttons */
[class*="st-key-nav_"] button {justify-content: flex-start; min-height: 1.9rem; padding: .1rem .6rem;}
[class*="st-key-nav_"] button > div {justify-content: flex-start; width: 100%;}
[class*="st-key-nav_"] button p {text-align: left;}
[class*="st-key-nav_"] {margin-bottom: -0.6rem;}
.cm-letter td, .cm-letter th {border: 1px solid #000; padding: 4px 6px; vertical-align: top;}
/* Streamlit's own English that no parameter changes, said in Chinese: the file uploader's button and
   note, and the key hints under text fields (the English is shrunk away, the Chinese added after) */
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p {font-size: 0;}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after {content: "选择文件";
  font-size: .875rem;}
[data-testid="stFileUploaderDropzoneInstructions"] span {font-size: 0;}
[data-testid="stFileUploaderDropzoneInstructions"] span::after {font-size: .8rem;
  content: "拖放文件到此处，或点击「选择文件」（单个文件不超过 MAX_UPLOAD_MB MB）";}
[data-testid="InputInstructions"] {font-size: 0 !important;}
[data-testid="InputInstructions"]::after {font-size: .75rem; content: "按 Enter 确认";}
[data-testid="stForm"] [data-testid="InputInstructions"]::after {content: "按 Enter 提交";}
[data-testid="stTextArea"] [data-testid="InputInstructions"]::after {content: "按 Ctrl+Enter 或点击别处保存";}
</style>
"""


#: ASCII characters that take part in Markdown, HTML or Streamlit's own syntax (``:red[…]``,
#: ``:material/…:``, ``$…$``). Each becomes a numeric character reference, which Markdown and HTML
#: both show as the character itself, never as syntax.
_ACTIVE = frozenset("\\`*_{}[]()<>#+-.!|~$:&\"'=^")


def plain(text: str | None) -> str:
    """Text shown literally wherever Streamlit renders Markdown (messages, captions, labels)."""
    return "".join(f"&#{ord(ch)};" if ch in _ACTIVE else ch for ch in text or "")


def esc(text: str | None) -> str:
    """:func:`plain` for text inside our HTML markup, keeping its line breaks."""
    return plain(text).replace("\n", "<br>")


def spans_of(text: str, quotes: list[tuple[str, str]]) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, css class) spans of each quote's occurrences in ``text``.

    Earlier quotes win where two overlap; a quote not found in the text marks nothing.
    """
    taken: list[tuple[int, int, str]] = []
    for quote, css in quotes:
        if not quote:
            continue
        start = text.find(quote)
        while start >= 0:
            end = start + len(quote)
            if all(end <= s or start >= e for s, e, _ in taken):
                taken.append((start, end, css))
            start = text.find(quote, end)
    return sorted(taken)


def marked(text: str, quotes: list[tuple[str, str]]) -> str:
    """``text`` escaped, with each quoted span wrapped in <mark class=...> (inline)."""
    out: list[str] = []
    pos = 0
    for start, end, css in spans_of(text, quotes):
        out.append(esc(text[pos:start]))
        out.append(f'<mark class="{html.escape(css)}">{esc(text[start:end])}</mark>')
        pos = end
    out.append(esc(text[pos:]))
    return "".join(out)


def highlight(text: str, quotes: list[tuple[str, str]]) -> str:
    """The article text escaped, with each quoted span wrapped in <mark class=...>."""
    return f'<div class="cm-article">{marked(text, quotes)}</div>'


def found_words(text: str, words: list[str]) -> str:
    """``text`` escaped with every occurrence of the searched ``words`` marked (longest first)."""
    return marked(text, [(w, "cm-hit") for w in sorted(words, key=len, reverse=True)])


def redline(old: str, new: str) -> str:
    """Character redline of old → new: deletions struck through, insertions underlined."""
    out: list[str] = []
    for op, text in char_diff(old or "", new or ""):
        if op == EQUAL:
            out.append(esc(text))
        elif op == DELETE:
            out.append(f"<del>{esc(text)}</del>")
        elif op == INSERT:
            out.append(f"<ins>{esc(text)}</ins>")
    return f'<div class="cm-redline">{"".join(out) or "&nbsp;"}</div>'


# ---------------------------------------------------------------- letter preview

_ROLE_TAG = {  # letters.layout style names → preview markup
    "公文标题": ("h1", ""),
    "公文一级标题": ("h3", "font-family: SimHei, 'Noto Sans CJK SC', sans-serif;"),
    "公文二级标题": ("h3", "font-family: KaiTi, 'Noto Serif CJK SC', serif;"),
    "公文三级标题": ("h3", "font-weight: bold;"),
}


def docx_preview(data: bytes) -> str:
    """The exported .docx drawn as HTML, paragraph by paragraph and table by table, in order.

    Rendering the very file the user downloads keeps the preview and the letter the same content.
    """
    import io

    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(data))
    out: list[str] = ['<div class="cm-letter">']
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            p = Paragraph(child, document)
            style = p.style.name if p.style is not None else ""
            text = p.text
            if style in _ROLE_TAG:
                name, css = _ROLE_TAG[style]
                out.append(f'<{name} style="{css}">{esc(text) or "&nbsp;"}</{name}>')
                continue
            cls = []
            if p.alignment == WD_ALIGN_PARAGRAPH.RIGHT:
                cls.append("right")
            ind = child.find(".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}ind")
            if ind is not None and ind.get(
                    "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}firstLineChars") == "0":
                cls.append("noindent")
            klass = f' class="{" ".join(cls)}"' if cls else ""
            out.append(f"<p{klass}>{esc(text) or '&nbsp;'}</p>")
        elif tag == "tbl":
            table = Table(child, document)
            rows = []
            for r in table.rows:
                rows.append("<tr>" + "".join(f"<td>{esc(c.text)}</td>" for c in r.cells) + "</tr>")
            out.append("<table>" + "".join(rows) + "</table>")
    out.append("</div>")
    return "".join(out)
