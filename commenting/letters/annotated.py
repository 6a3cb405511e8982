"""The annotated draft: the draft .docx with each comment as a Word comment and each proposed
rewording as tracked changes, so the drafting authority can accept or reject them one by one.

For a .docx draft the original file is edited in place (its formatting, numbering and any
revisions it already carries are kept); for PDF/text drafts a .docx is generated from the
document's structure in the GB/T 9704 layout.
"""
from __future__ import annotations

import copy
import datetime as dt
import io
import re
from dataclasses import dataclass, field

import docx
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as DocxParagraph

from commenting.comments import CARRIED_PREFIX
from commenting.errors import ReadError
from commenting.letters import layout
from commenting.letters.ooxml import (
    ParagraphEditor,
    Revisions,
    ensure_comment_styles,
    inserted_paragraph_after,
    mark_comment,
    stamp,
    visible_text,
)
from commenting.model import Article, Comment, Document
from commenting.numerals import ARTICLE_LABEL, CN_NUM, ITEM_LABEL, SUBITEM_LABEL, article_label

_WS = re.compile(r"\s+")
_LEADING_LABEL = re.compile(
    "^\\s*(?:" + "|".join(re.sub(r"\(\?P<\w+>", "(?:", x) for x in (ARTICLE_LABEL, ITEM_LABEL, SUBITEM_LABEL))
    + f"|{CN_NUM}、)\\s*"
)


@dataclass
class Placement:
    """Where a comment went: paragraph index, and whether its wording became a tracked change."""

    comment: Comment
    paragraph: int | None = None
    revised: bool = False
    note: str = ""


@dataclass
class AnnotationResult:
    data: bytes
    placements: list[Placement] = field(default_factory=list)

    @property
    def unplaced(self) -> list[Placement]:
        return [p for p in self.placements if p.note]


def annotated_draft(document: Document, comments: list[Comment], *, original_docx: bytes | None = None,
                    author: str = "法规科", date: dt.datetime | dt.date | None = None,
                    statuses: tuple[str, ...] = ("采纳",)) -> bytes:
    """The draft with comments (anchored on the quoted text) and tracked changes, as .docx bytes."""
    return annotate(document, comments, original_docx=original_docx, author=author, date=date,
                    statuses=statuses).data


def annotate(document: Document, comments: list[Comment], *, original_docx: bytes | None = None,
             author: str = "法规科", date: dt.datetime | dt.date | None = None,
             statuses: tuple[str, ...] = ("采纳",)) -> AnnotationResult:
    """As :func:`annotated_draft`, also reporting where each comment was placed.

    Each Word comment is signed by the comment's author and each tracked change by who saved its
    current wording (``updated_by``); ``author`` signs only what carries no name."""
    chosen = [c for c in comments if c.status in statuses and c.kind != "无意见"]
    if original_docx:
        try:
            wd = docx.Document(io.BytesIO(original_docx))
        except Exception as err:  # a corrupt upload: one line for the user
            raise ReadError(f"无法打开草案原文件（{type(err).__name__}），不能生成带批注的草案") from err
        paras = _body_paragraphs(wd)
        owner = _align(document, paras)
    else:
        wd, paras, owner = _generate(document)

    # comments first: their ids are then known and revision ids are chosen above them
    if chosen:
        ensure_comment_styles(wd.styles.element)
    when = stamp(date)
    bodies = []
    for c in chosen:
        signer = c.author or author
        cm = wd.comments.add_comment(text=_comment_text(c), author=signer, initials=_initials(signer))
        cm._comment_elm.date = when
        bodies.append(cm.comment_id)
    revs = Revisions.for_part(wd.element, author, date)
    revs.next_id = max([revs.next_id] + [i + 1 for i in bodies])

    texts = [visible_text(p) for p in paras]
    placements: list[Placement] = []
    # plan: (paragraph index) → list of (comment, comment id, span, revision span|None, new text)
    plans: dict[int, list] = {}
    extra: list[tuple[Comment, int, int]] = []  # 增加 without original: new paragraph after index
    for c, cid in zip(chosen, bodies):
        pl = Placement(c)
        placements.append(pl)
        candidates = _candidates(document, c, owner, paras, texts)
        if c.kind == "增加" and not (c.original or c.quote).strip():
            idx = candidates[-1] if candidates else _title_index(document, texts)
            if idx is None:
                pl.note = "未找到条文位置"
                continue
            extra.append((c, cid, idx))
            pl.paragraph, pl.revised = idx, bool(c.proposed.strip())
            continue
        if c.kind == "总体意见" or (c.article == 0 and not (c.quote or c.original).strip()):
            idx = _title_index(document, texts)
            if idx is None:
                pl.note = "草案为空，无处加批注"
                continue
            pl.paragraph = idx
            plans.setdefault(idx, []).append((c, cid, (0, len(texts[idx])), None, None))
            continue
        found = _locate(c, candidates, texts, document)
        if found is None:
            idx = candidates[0] if candidates else _title_index(document, texts) or 0
            pl.paragraph = idx
            if not (c.quote or c.original).strip() and candidates:
                pass  # a comment on the article as a whole: its first paragraph is the place
            elif candidates:
                pl.note = "未在草案中找到原文，批注加在该条开头"
            else:
                pl.note = "未在草案中找到该条，批注加在标题处"
            plans.setdefault(idx, []).append((c, cid, (0, len(texts[idx])), None, None))
            continue
        idx, span, rev_span, new = found
        pl.paragraph = idx
        plans.setdefault(idx, []).append((c, cid, span, rev_span, new))

    for idx, items in plans.items():
        _apply(paras[idx], items, revs, placements, author)
    for c, cid, idx in reversed(extra):
        revs.author = _editor(c, author)
        if (c.proposed or "").strip():
            _, ins = inserted_paragraph_after(paras[idx], c.proposed.strip(), revs)
            mark_comment([ins], cid, revs)
        else:
            ed = ParagraphEditor(paras[idx], revs)
            mark_comment(ed.nodes(0, len(ed.text)) or [paras[idx][-1]], cid, revs)
    return AnnotationResult(layout.to_bytes(wd), placements)


# ---------------------------------------------------------------- comment bodies


def _comment_text(c: Comment) -> str:
    from commenting.letters.reply import reason_text, suggestion_text

    lines = []
    if c.kind == "总体意见":
        lines.append(f"总体意见：{(c.reason or c.proposed).strip()}")
    else:
        lines.append(f"修改建议：{suggestion_text(c)}")
        lines.append(f"理由及依据：{reason_text(c)}")
    return "\n".join(lines)


def _initials(author: str) -> str:
    return (author or "")[:2]


def _editor(c: Comment, default: str) -> str:
    """Who a comment's tracked change is signed by: who saved its current wording."""
    return c.updated_by or c.author or default


# ---------------------------------------------------------------- paragraphs of the .docx


def _body_paragraphs(wd) -> list:
    """Every w:p of the body in reading order (table cells included, text boxes not)."""
    body = wd.element.body
    out = []
    for p in body.iter(qn("w:p")):
        node, nested = p.getparent(), False
        while node is not None and node is not body:
            if node.tag == qn("w:txbxContent"):
                nested = True
                break
            node = node.getparent()
        if not nested:
            out.append(p)
    return out


def _norm(s: str) -> str:
    return _WS.sub("", s or "")


def _strip_label(s: str) -> str:
    return _LEADING_LABEL.sub("", s, count=1)


def _article_texts(a: Article) -> list[str]:
    texts = []
    for para in a.paragraphs:
        texts += para.text.split("\n")
        for it in para.items:
            texts += it.text.split("\n")
            for ch in it.children:
                texts += ch.text.split("\n")
    if not texts:
        texts = a.text.split("\n")
    out = []
    for t in texts:
        n = _norm(_strip_label(t))
        if n and n not in out:
            out.append(n)
    return out


def _matches(docx_text: str, expected: str) -> bool:
    d = _norm(docx_text)
    d2 = _norm(_strip_label(docx_text))
    if not d:
        return False
    if expected in (d, d2):
        return True
    if len(expected) >= 8 and len(d2) >= 8 and (expected in d or d2 in expected):
        return True
    return False


def _align(document: Document, paras: list) -> dict[int, int]:
    """docx paragraph index → article index, matching article texts forward in order (the draft
    may number its articles with Word auto numbering, so text content decides)."""
    texts = [visible_text(p) for p in paras]
    owner: dict[int, int] = {}
    ptr = 0
    for ai, a in enumerate(document.articles):
        for t in _article_texts(a):
            for j in range(ptr, len(texts)):
                if j in owner:
                    continue
                if _matches(texts[j], t):
                    owner[j] = ai
                    ptr = j + 1 if len(t) >= 8 else ptr
                    break
    # paragraphs between two paragraphs of the same article belong to it as well
    idx = sorted(owner)
    for x, y in zip(idx, idx[1:]):
        if owner[x] == owner[y]:
            for j in range(x + 1, y):
                owner.setdefault(j, owner[x])
    return owner


def _article_index(document: Document, c: Comment) -> int | None:
    for i, a in enumerate(document.articles):
        if a.no == c.article and a.sub == c.sub:
            return i
    return None


def _candidates(document: Document, c: Comment, owner: dict[int, int], paras, texts) -> list[int]:
    """The article's paragraphs, the addressed 款 first."""
    ai = _article_index(document, c) if c.article else None
    if ai is None:
        if c.article:
            return []
        mapped = set(owner)
        return [i for i in range(len(paras)) if i not in mapped and texts[i].strip()]
    cands = [i for i, a in sorted(owner.items()) if a == ai]
    m = re.search(r"\.p-(\d+)", c.address or "")
    if m:
        no = int(m.group(1))
        art = document.articles[ai]
        target = next((p for p in art.paragraphs if p.no == no), None)
        if target is not None:
            first = [i for i in cands if _matches(texts[i], _norm(_strip_label(target.text.split("\n")[0])))]
            cands = first + [i for i in cands if i not in first]
    return cands


def _title_index(document: Document, texts: list[str]) -> int | None:
    want = _norm(document.title)
    for i, t in enumerate(texts):
        n = _norm(t)
        if n and (n in want or want in n):
            return i
    for i, t in enumerate(texts):
        if t.strip():
            return i
    return None


def _find(hay: str, needle: str, start: int = 0) -> tuple[int, int] | None:
    """``needle`` in ``hay``: exactly, else ignoring whitespace; offsets in ``hay``."""
    if not needle:
        return None
    i = hay.find(needle, start)
    if i >= 0:
        return i, i + len(needle)
    n = _norm(needle)
    if not n:
        return None
    keep = [k for k, ch in enumerate(hay) if not ch.isspace() and k >= start]
    squeezed = "".join(hay[k] for k in keep)
    j = squeezed.find(n)
    if j < 0:
        return None
    return keep[j], keep[j + len(n) - 1] + 1


def _locate(c: Comment, candidates: list[int], texts: list[str], document: Document):
    """(paragraph index, comment span, revision span or None, new text) for comment ``c``."""
    quote = (c.quote or "").strip() or (c.original or "").strip()
    original = (c.original or "").strip()
    # a multi-paragraph original cannot be one tracked change; comment on its first line
    if "\n" in quote:
        quote = quote.split("\n")[0]
    order = candidates + [i for i in range(len(texts)) if i not in candidates] if quote else candidates
    for idx in order:
        span = _find(texts[idx], quote)
        if span is None:
            continue
        rev_span, new = None, None
        if _has_wording(c) and original and "\n" not in original:
            osp = _find(texts[idx], original)
            # the original around the quote when it occurs more than once
            if osp and not (osp[0] <= span[0] and span[1] <= osp[1]):
                k = texts[idx].rfind(original, 0, span[0] + 1)
                if k >= 0 and k + len(original) >= span[1]:
                    osp = (k, k + len(original))
            if osp:
                rev_span = osp
                new = _new_wording(c, texts[idx][osp[0]:osp[1]])
        return idx, span, rev_span, new
    return None


def _has_wording(c: Comment) -> bool:
    """Is ``proposed`` replacement wording (not advice prose like 建议核对……)?"""
    if c.kind == "删除":
        return True
    if c.kind not in ("修改", "增加"):
        return False
    p = (c.proposed or "").strip()
    if not p:
        # an empty proposed wording means 删除 (as the letter says: 建议删除)
        return c.kind == "修改" and bool((c.original or "").strip())
    return not p.startswith(("建议", CARRIED_PREFIX))  # advice, also a comment repeated from the last round


def _new_wording(c: Comment, old: str) -> str:
    p = (c.proposed or "").strip()
    if c.kind == "删除" or not p:
        return ""
    if c.kind == "增加" and old not in p:
        return old + p
    return p


def _apply(p, items, revs: Revisions, placements: list[Placement], default_author: str) -> None:
    """All comments of one paragraph: cut runs once, revisions (non-overlapping) then ranges."""
    ed = ParagraphEditor(p, revs)
    cuts: list[int] = []
    taken: list[tuple[int, int]] = []
    plan = []
    for c, cid, span, rev_span, new in sorted(items, key=lambda it: it[2]):
        if rev_span is not None and any(a < rev_span[1] and rev_span[0] < b for a, b in taken):
            pl = next(x for x in placements if x.comment is c)
            pl.note = "与同段另一条修改重叠，仅加批注"
            rev_span = None
        if rev_span is not None and ed.text[rev_span[0]:rev_span[1]] == new:
            rev_span = None
        if rev_span is not None:
            taken.append(rev_span)
            cuts += ed.cuts_for(rev_span[0], ed.text[rev_span[0]:rev_span[1]], new)
        cuts += [span[0], span[1]]
        plan.append((c, cid, span, rev_span, new))
    ed.cut(cuts)
    nodes_of: dict[int, list] = {}
    for c, cid, span, rev_span, new in plan:
        if rev_span is not None:
            revs.author = _editor(c, default_author)
            nodes_of[cid] = ed.replace(rev_span[0], rev_span[1], new)
            pl = next(x for x in placements if x.comment is c)
            pl.revised = True
    for c, cid, span, rev_span, new in plan:
        nodes = ed.nodes(span[0], span[1])
        if rev_span is not None and rev_span[0] <= span[0] and span[1] <= rev_span[1]:
            # the quote is (part of) the changed text: the range covers the whole change
            if rev_span == span or not nodes:
                nodes = nodes_of[cid]
        if not nodes:
            nodes = nodes_of.get(cid) or ed.nodes(0, len(ed.text))
        if nodes:
            mark_comment(nodes, cid, revs)


# ---------------------------------------------------------------- PDF/text drafts


def _generate(document: Document):
    """A .docx of the document's paragraphs (GB/T 9704 layout) and its article ownership."""
    wd = layout.new_document()
    owner: dict[int, int] = {}
    paras = []
    added = []  # the paragraphs as added (wd.paragraphs walks the whole body: quadratic on long drafts)

    def add(text, role, **fmt):
        p = layout.add_paragraph(wd, text, role, **fmt)
        paras.append(p._p)
        added.append(p)
        return len(paras) - 1

    lines_made: dict[bool, object] = {}  # an article's line as built once, with and without its label

    def add_line(label: str, line: str) -> int:
        """A body paragraph: the article's label (first line only, heading font), then its text.
        Built through python-docx once per kind, then copied with the texts swapped."""
        plain = bool(line) and "\t" not in label + line  # a run per text, nothing python-docx must split
        tpl = lines_made.get(bool(label))
        if tpl is not None and plain:
            el = copy.deepcopy(tpl)
            texts = el.findall(f"{qn('w:r')}/{qn('w:t')}")
            for t, value in zip(texts, [label, line] if label else [line], strict=True):
                t.text = value
                t.set(qn("xml:space"), "preserve")
            layout.append_block(wd._body, el)
            paras.append(el)
            added.append(DocxParagraph(el, wd._body))
            return len(paras) - 1
        i = add("", "body")
        p = added[-1]
        if label:
            layout.set_run_font(p.add_run(label), "h1")
        layout.set_run_font(p.add_run(line), "body")
        if plain:
            lines_made[bool(label)] = copy.deepcopy(p._p)
        return i

    lines = layout.break_title(document.title)
    add(lines[0], "title")
    for line in lines[1:]:
        run = added[-1].add_run()
        run.add_break()
        run.add_text(line)
        layout.set_run_font(run, "title")
    add("", "body")
    before = [pt for pt in document.parts if pt.kind in ("cover", "preamble")]
    after = [pt for pt in document.parts if pt.kind not in ("cover", "preamble", "title")]
    for pt in before:
        for line in pt.text.split("\n"):
            add(line, "body")
    headings = {}
    for h in document.headings:
        if h.first_article is not None:
            headings.setdefault(h.first_article, []).append(h)
    for ai, a in enumerate(document.articles):
        for h in headings.pop(a.no, []) if not a.sub else []:
            add(h.text, "h1", align="center", first_line_chars=0)
        label = a.label or article_label(a.no, a.sub)
        lines: list[str] = []
        for para in a.paragraphs or []:
            lines += [t for t in para.text.split("\n")]
            for it in para.items:
                if it.text and it.text not in para.text:
                    lines.append(f"{it.label}{it.text}" if not it.text.startswith(it.label) else it.text)
                for ch in it.children:
                    if ch.text and ch.text not in it.text:
                        lines.append(f"{ch.label}{ch.text}" if not ch.text.startswith(ch.label) else ch.text)
        if not lines:
            lines = a.text.split("\n")
        for k, line in enumerate(lines):
            sep = "" if label.endswith(("、", "．", ".")) else "　"
            i = add_line(label + sep if k == 0 else "", line)
            owner[i] = ai
    for pt in after:
        for line in pt.text.split("\n"):
            add(line, "body")
    return wd, paras, owner


__all__ = ["annotated_draft", "annotate", "AnnotationResult", "Placement"]
