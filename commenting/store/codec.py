"""The store's JSON codec: model dataclasses ⇄ the JSON and rows kept in SQLite.

Lossless for documents (``dataclasses.asdict`` out, nested constructors in) and tolerant of keys
written by an older or newer model, which are ignored.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, fields
from typing import Any, Iterable

from commenting.model import Anomaly, Article, Basis, Comment, Document, Heading, Item, Paragraph, Part


def now() -> str:
    """The store's timestamp format (local time, to the second)."""
    return dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S")


def build(cls, d: dict, **nested):
    """``cls(**d)`` ignoring keys the class no longer has (JSON written by an older or newer model)."""
    known = {f.name for f in fields(cls)}
    return cls(**{**{k: v for k, v in d.items() if k in known}, **nested})


def basis_to_json(basis: Iterable[Basis | dict]) -> str:
    """The legal bases as JSON (law, article, paragraph, item), from Basis objects or dicts."""
    out = []
    for b in basis or []:
        d = asdict(b) if isinstance(b, Basis) else dict(b)
        out.append({k: d.get(k) for k in ("law", "article", "paragraph", "item")})
    return json.dumps(out, ensure_ascii=False)


def basis_from_json(text: str | None) -> list[Basis]:
    """The Basis list :func:`basis_to_json` wrote (empty for NULL)."""
    return [build(Basis, d) for d in json.loads(text or "[]")]


def _item(d: dict) -> Item:
    return build(Item, d, children=[_item(c) for c in d.get("children") or []])


def paragraph_from_dict(d: dict) -> Paragraph:
    """A Paragraph with its nested items from its ``asdict`` form."""
    return build(Paragraph, d, items=[_item(i) for i in d.get("items") or []])


def _article(d: dict) -> Article:
    return build(Article, d, paragraphs=[paragraph_from_dict(p) for p in d.get("paragraphs") or []])


def document_to_json(doc: Document) -> str:
    """The whole document as JSON (what ``drafts.document`` holds)."""
    return json.dumps(asdict(doc), ensure_ascii=False)


def document_from_json(text: str) -> Document:
    """The document :func:`document_to_json` wrote."""
    d = json.loads(text)
    return build(
        Document, d,
        articles=[_article(a) for a in d.get("articles") or []],
        headings=[build(Heading, h) for h in d.get("headings") or []],
        parts=[build(Part, p) for p in d.get("parts") or []],
        anomalies=[build(Anomaly, a) for a in d.get("anomalies") or []],
    )


def paragraphs_to_json(article: Article) -> str:
    """An article's paragraphs as JSON (``articles.paragraphs``)."""
    return json.dumps([asdict(p) for p in article.paragraphs], ensure_ascii=False)


#: the columns of ``comments`` in the order :func:`comment_from_row` reads them
COMMENT_COLUMNS = (
    "id, consultation_id, draft_id, article, sub, address, quote, kind, original, proposed, reason, "
    "basis, author, status, finding_rule, version, created_at, updated_at, updated_by"
)


def comment_from_row(r: tuple) -> Comment:
    """A Comment from a row of :data:`COMMENT_COLUMNS`."""
    (cid, consultation_id, draft_id, article, sub, address, quote, kind, original, proposed, reason, basis,
     author, status, finding_rule, version, created_at, updated_at, updated_by) = r
    return Comment(
        id=cid, consultation_id=consultation_id, draft_id=draft_id, article=article, sub=sub, address=address,
        quote=quote, kind=kind, original=original, proposed=proposed, reason=reason,
        basis=basis_from_json(basis), author=author, status=status, finding_rule=finding_rule,
        version=version, created_at=created_at, updated_at=updated_at, updated_by=updated_by,
    )


def comment_to_json(c: Comment) -> str:
    """A whole comment version (``comment_versions.data``)."""
    return json.dumps(asdict(c), ensure_ascii=False)


def comment_from_json(text: str) -> Comment:
    """The Comment :func:`comment_to_json` wrote."""
    d = json.loads(text)
    return build(Comment, d, basis=[build(Basis, b) for b in d.get("basis") or []])


def field_text(value: Any) -> str | None:
    """A field's value as kept in the history (before/after columns)."""
    if value is None:
        return None
    if isinstance(value, list):
        return basis_to_json(value)
    return str(value)
