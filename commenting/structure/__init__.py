"""Blocks → :class:`~commenting.model.Document`: title, level, 编/章/节, 条/款/项/目, article 0.

``parse(blocks)`` works on the blocks any reader produces (docx, pdf, text, Markdown law
files), so a draft and a law are structured the same way. ``read_document(path)`` reads
a file through :mod:`commenting.ingest` first.

Addresses (stable, for comments to anchor to): ``art-12``, ``art-12.p-2`` (款 by position),
``art-12.p-2.i-3`` (项 by its drafted number), ``…i-3.s-1`` (目), ``art-20-1`` (第二十条之一),
parts ``art-0.x-N``. A second article with the same number gets ``art-12~2`` (and so on).
"""
from __future__ import annotations

from pathlib import Path

from commenting.model import Block, Document
from commenting.structure.body import first_structural, heading_string, parse_body
from commenting.structure.front import split_front
from commenting.structure.levels import guess_issuer, guess_level
from commenting.structure.lines import make_lines

__all__ = ["parse", "read_document", "read_document_bytes", "count_articles"]

_FORMATS = {".docx": "docx", ".pdf": "pdf", ".txt": "text", ".md": "markdown", ".markdown": "markdown"}


def parse(blocks: list[Block], *, source: str = "", format: str = "") -> Document:
    """Structure ``blocks`` (in reading order) into a Document. Text is kept as drafted."""
    lines = make_lines(blocks)
    start, mode = first_structural(lines)
    front = split_front(lines[:start])
    body = parse_body(lines[start:], outline=(mode == "outline"))

    title = front.title or (Path(source).stem if source else "")
    body_text = "\n".join(a.text for a in body.articles)
    issuer = guess_issuer(title, front.head_text, body.closing, body_text)
    level, evidence = guess_level(title, issuer, front.head_text + body.closing, body_text)

    parts = front.parts + body.parts
    for i, p in enumerate(parts, 1):
        p.address = f"art-0.x-{i}"
    doc = Document(
        title=title,
        level=level,
        marker=front.marker,
        issuer=issuer,
        level_evidence=evidence,
        articles=body.articles,
        headings=body.headings,
        parts=parts,
        anomalies=body.anomalies,
        outline=mode,
        source=source,
        format=format,
    )
    _link_headings(doc)
    return doc


def _link_headings(doc: Document) -> None:
    """Each heading's ``first_article``: the first article after it in reading order."""
    by_chapter: dict[str, int] = {}
    for a in doc.articles:
        for key in (a.chapter, a.section):
            if key and key not in by_chapter:
                by_chapter[key] = a.no
    for h in doc.headings:
        key = f"{h.label}{h.title}" if h.label.endswith("、") else heading_string(h.label, h.title)
        h.first_article = by_chapter.get(key)
    # a misnumbered 章/节 is reported on the first article under it
    first_of = {h.text: h.first_article for h in doc.headings if h.first_article}
    for an in doc.anomalies:
        if an.kind.startswith("chapter-") and an.quote in first_of:
            an.article = first_of[an.quote]
            an.address = f"art-{an.article}"


def count_articles(doc: Document) -> int:
    """Number of 条 (0 for an outline document, whose units are not 条)."""
    return 0 if doc.outline == "outline" else len(doc.articles)


def read_document(path: str | Path, *, progress=None) -> Document:
    """Read a draft or law file (.docx/.pdf/.txt/.md) and structure it. Raises ReadError.

    ``progress(done, total)`` is called while a long file (a PDF, page by page) is read."""
    from commenting import ingest

    path = Path(path)
    blocks = ingest.read(path, progress=progress)
    return parse(blocks, source=path.name, format=_format_of(path.name, path=path))


def read_document_bytes(data: bytes, name: str, *, progress=None) -> Document:
    """Structure an uploaded file given as bytes; ``name`` is the uploaded file's name."""
    from commenting import ingest

    blocks = ingest.read_bytes(data, name, progress=progress)
    return parse(blocks, source=name, format=_format_of(name, data=data))


def _format_of(name: str, *, path: Path | None = None, data: bytes | None = None) -> str:
    """"docx" | "pdf" | "text" | "markdown", from the content when ingest can tell."""
    from commenting import ingest

    try:
        if data is None and path is not None:
            with open(path, "rb") as fh:
                data = fh.read(65536)
        fmt = ingest.source_format(data or b"", name)
    except Exception:  # the suffix is a good enough answer for a label
        fmt = ""
    return fmt if fmt in _FORMATS.values() else _FORMATS.get(Path(name).suffix.lower(), "")
