"""Helpers for the structure tests.

``blocks_from_text`` turns plain text / Markdown into Blocks the way a reader would (one block
per non-empty line, Markdown ``#`` headings as heading blocks). It is a throwaway stand-in used
only where commenting.ingest is not needed; the eval tests go through ingest when it exists.
"""
from __future__ import annotations

from pathlib import Path

from commenting.model import Block


def blocks_from_text(text: str) -> list[Block]:
    out: list[Block] = []
    for i, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        if line.startswith("#"):
            level = len(line) - len(line.lstrip("#"))
            out.append(Block(text=line[level:].strip(), kind="title" if level == 1 else "heading",
                             location=f"第 {i} 行", style="#" * level, level=level))
        else:
            out.append(Block(text=line, location=f"第 {i} 行"))
    return out


def read_text_file(path: Path) -> str:
    data = path.read_bytes()
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise AssertionError(f"cannot decode {path}")


def B(*texts: str) -> list[Block]:
    """Blocks from lines: B("标题", "第一条　……")."""
    return [Block(text=t, location=f"段落 {i}") for i, t in enumerate(texts, 1)]
