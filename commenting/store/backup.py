"""Backup to one file, full checking of a backup, and restore from it.

A backup is written beside its destination as ``<name>.part`` and renamed only when complete. A
backup is checked in full before it replaces anything: our application id, a schema version this
program knows, every table (and column) that version has, ``PRAGMA integrity_check`` and
``PRAGMA foreign_key_check`` (restore, in :mod:`commenting.store.restore`, relies on it).
"""
from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from commenting.errors import StoreError
from commenting.store import schema
from commenting.store.faults import raise_translated

SQLITE_HEADER = b"SQLite format 3\x00"

#: the tables whose row counts backup, restore and ``store info`` report
COUNTED = ("consultations", "drafts", "articles", "findings", "comments", "comment_history", "letters")

#: problems of a backup listed in a refusal before "…等"
_SHOWN = 3


def table_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Rows of each :data:`COUNTED` table, read through ``conn``."""
    return {n: conn.execute(f"SELECT count(*) FROM {n}").fetchone()[0] for n in COUNTED}


def file_counts(path: str | Path) -> dict[str, int]:
    """Rows of each :data:`COUNTED` table in the store file ``path`` (opened read-only).

    Raises:
        StoreError: the file cannot be read.
    """
    conn = _open_read_only(Path(path))
    try:
        return table_counts(conn)
    except sqlite3.DatabaseError as err:
        raise StoreError(f"{Path(path).name} 无法读取：{err}") from err
    finally:
        conn.close()


def _open_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def part_file(dest: Path) -> Path:
    """Where a file being written waits until it is complete."""
    return dest.with_name(dest.name + ".part")


def discard(path: Path) -> None:
    """Remove a partial file; there is none when its folder could not be made."""
    with contextlib.suppress(FileNotFoundError, NotADirectoryError):
        path.unlink()


def backup_file(conn: sqlite3.Connection, store_path: Path, dest: Path) -> Path:
    """Copy the store open on ``conn`` to the single file ``dest`` (see :meth:`Store.backup`)."""
    if dest.exists() and dest.resolve() == store_path.resolve():
        raise StoreError("备份文件不能是意见库本身")
    tmp = part_file(dest)
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        discard(tmp)
        out = sqlite3.connect(str(tmp))
        try:
            conn.backup(out)
            out.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
        finally:
            out.close()
        tmp.replace(dest)
    except sqlite3.Error as err:
        discard(tmp)
        raise_translated(err, dest)
    except OSError as err:
        discard(tmp)
        raise StoreError(f"无法写入备份文件 {dest}：{err.strerror or err}") from err
    except BaseException:
        discard(tmp)
        raise
    return dest


def _reference_schema(version: int) -> dict[str, set[str]]:
    """Tables and their columns as migrations 1…``version`` create them (built in memory)."""
    conn = sqlite3.connect(":memory:")
    try:
        for v, step in schema.MIGRATIONS:
            if v > version:
                break
            if callable(step):
                step(conn)
            else:
                for stmt in schema.statements(step):
                    conn.execute(stmt)
        return _tables(conn)
    finally:
        conn.close()


def _tables(conn: sqlite3.Connection) -> dict[str, set[str]]:
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    return {n: {r[1] for r in conn.execute(f'PRAGMA table_info("{n}")')} for n in names}


def _listing(items: list[str]) -> str:
    shown = "、".join(items[:_SHOWN])
    return shown + ("等" if len(items) > _SHOWN else "")


def check_backup(path: str | Path) -> int:
    """Check in full that ``path`` is a sound backup of a store this program can open.

    Checks: SQLite file, our application id, a known schema version, every table and column of
    that version, ``PRAGMA integrity_check`` and ``PRAGMA foreign_key_check``.

    Args:
        path: the backup file.

    Returns:
        Its schema version.

    Raises:
        StoreError: the first check that fails, as a one-line message naming the file.
    """
    path = Path(path)
    if not path.is_file():
        raise StoreError(f"找不到备份文件：{path}")
    with path.open("rb") as fh:
        if fh.read(16) != SQLITE_HEADER:
            raise StoreError(f"{path.name} 不是意见库备份文件（不是 SQLite 数据库）")
    conn = _open_read_only(path)
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if app_id != schema.APPLICATION_ID:
            raise StoreError(f"{path.name} 不是本程序的意见库备份")
        if version > schema.LATEST_VERSION:
            raise StoreError(
                f"备份文件的版本（{version}）高于本程序支持的版本（{schema.LATEST_VERSION}），请升级程序")
        if version < 1:
            raise StoreError(f"{path.name} 的版本信息无效")
        have = _tables(conn)
        want = _reference_schema(version)
        missing = sorted(set(want) - set(have))
        if missing:
            raise StoreError(f"备份文件 {path.name} 不完整：缺少数据表 {_listing(missing)}")
        short = sorted(f"{t}.{c}" for t, cols in want.items() for c in cols - have[t])
        if short:
            raise StoreError(f"备份文件 {path.name} 不完整：缺少字段 {_listing(short)}")
        problems = [" ".join(r[0].split()) for r in conn.execute("PRAGMA integrity_check")
                    if not r[0].startswith("*** in database")]  # one line: SQLite's come multi-line
        if problems != ["ok"]:
            raise StoreError(f"备份文件 {path.name} 已损坏：{_listing(problems)}")
        dangling = conn.execute("PRAGMA foreign_key_check").fetchall()
        if dangling:
            rows = [f"{t} 第 {rowid} 行（指向不存在的 {parent}）" for t, rowid, parent, _ in dangling]
            raise StoreError(f"备份文件 {path.name} 的记录不一致：{_listing(rows)}")
    except sqlite3.DatabaseError as err:  # a damaged file fails while being read
        raise StoreError(f"备份文件 {path.name} 已损坏，无法读取：{err}") from err
    finally:
        conn.close()
    return version
