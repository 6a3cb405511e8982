"""Accept or reject tracked changes on document XML, the way Word's 接受/拒绝所有修订 does, so
tests can compare the paragraph texts each choice yields."""
from __future__ import annotations

import copy
import io
import zipfile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def document_xml(data: bytes):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read("word/document.xml"))


def _mine(el, author):
    return author is None or el.get(q("author")) == author


def _unwrap(el):
    parent = el.getparent()
    i = parent.index(el)
    for child in list(el):
        parent.insert(i, child)
        i += 1
    parent.remove(el)


def _mark_ins(p):
    ppr = p.find(q("pPr"))
    rpr = ppr.find(q("rPr")) if ppr is not None else None
    return rpr.find(q("ins")) if rpr is not None else None


def accept(root, author=None):
    root = copy.deepcopy(root)
    for ch in list(root.iter(q("pPrChange"))):
        if _mine(ch, author):
            ch.getparent().remove(ch)
    for d in list(root.iter(q("del"))):
        if _mine(d, author) and d.getparent() is not None:
            d.getparent().remove(d)
    for i in list(root.iter(q("ins"))):
        if not _mine(i, author):
            continue
        if i.getparent().tag == q("rPr"):
            i.getparent().remove(i)
        else:
            _unwrap(i)
    return root


def reject(root, author=None):
    root = copy.deepcopy(root)
    for ch in list(root.iter(q("pPrChange"))):
        if _mine(ch, author):
            ppr = ch.getparent()
            old = ch.find(q("pPr"))
            for c in list(ppr):
                if c.tag != q("rPr"):
                    ppr.remove(c)
            for c in list(old):
                ppr.append(c)
    for p in list(root.iter(q("p"))):
        mark = _mark_ins(p)
        if mark is not None and _mine(mark, author):
            # the paragraph mark was inserted: its content joins the next paragraph
            nxt = p.getnext()
            content = [c for c in p if c.tag != q("pPr")]
            if nxt is not None and nxt.tag == q("p"):
                pos = 1 if nxt.find(q("pPr")) is not None else 0
                for c in content:
                    nxt.insert(pos, c)
                    pos += 1
                p.getparent().remove(p)
                mark.getparent().remove(mark)
            else:
                mark.getparent().remove(mark)
    for i in list(root.iter(q("ins"))):
        if _mine(i, author) and i.getparent() is not None and i.getparent().tag != q("rPr"):
            i.getparent().remove(i)
    for d in list(root.iter(q("del"))):
        if not _mine(d, author):
            continue
        for t in d.iter(q("delText")):
            t.tag = q("t")
        _unwrap(d)
    return root


def paragraph_texts(root) -> list[str]:
    """Visible text of every body paragraph (w:t only; deleted text is w:delText)."""
    out = []
    for p in root.iter(q("p")):
        out.append("".join(t.text or "" for t in p.iter(q("t"))))
    return out


def body_texts(data: bytes, mode: str | None = None, author=None) -> list[str]:
    root = document_xml(data)
    if mode == "accept":
        root = accept(root, author)
    elif mode == "reject":
        root = reject(root, author)
    return [t for t in paragraph_texts(root)]
