"""Restore: replace the store with a backup, after :func:`~commenting.store.backup.check_backup`.

The backup is copied page by page into the live file, under SQLite's locks, so every connection
already open on it reads the restored data. When the live file is no longer a database — the case
restore exists for — the file itself is replaced (with its stale journals removed).
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
from pathlib import Path

from commenting import paths
from commenting.errors import StoreError
from commenting.store.api import Store
from commenting.store.backup import SQLITE_HEADER, backup_file, check_backup, discard, part_file
from commenting.store.faults import SQLITE_CORRUPT, SQLITE_NOTADB, primary_code, raise_translated


def _replaced_name(target: Path) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    saved = target.with_name(f"{target.stem}.replaced-{stamp}{target.suffix}")
    n = 1
    while saved.exists():
        n += 1
        saved = target.with_name(f"{target.stem}.replaced-{stamp}-{n}{target.suffix}")
    return saved


def _is_database(path: Path) -> bool:
    """Whether ``path`` opens as an SQLite database (an empty file is an empty database)."""
    with path.open("rb") as fh:
        head = fh.read(16)
    if head and head != SQLITE_HEADER:
        return False
    conn = sqlite3.connect(str(path), timeout=30)
    try:
        conn.execute("PRAGMA schema_version").fetchone()
        return True
    except sqlite3.DatabaseError as err:
        if primary_code(err) in (SQLITE_CORRUPT, SQLITE_NOTADB):
            return False
        raise_translated(err, path)
        raise
    finally:
        conn.close()


def _save_aside(target: Path) -> Path:
    """Keep the store about to be replaced: a backup when it opens, else the raw file."""
    saved = _replaced_name(target)
    if _is_database(target):
        conn = sqlite3.connect(str(target), timeout=30)
        try:
            backup_file(conn, target, saved)
        finally:
            conn.close()
    else:
        shutil.copy2(target, saved)
    return saved


def _copy_into(src: Path, target: Path) -> None:
    """Page-level copy of ``src`` into the live database ``target``, under its locks."""
    source = sqlite3.connect(f"{src.resolve().as_uri()}?mode=ro", uri=True)
    dest = sqlite3.connect(str(target), timeout=30)
    try:
        source.backup(dest)
    finally:
        source.close()
        dest.close()


def _replace_file(src: Path, target: Path) -> None:
    """Put a copy of ``src`` in place of the damaged file ``target`` (and drop its stale journals)."""
    tmp = part_file(target)
    try:
        shutil.copyfile(src, tmp)
        for journal in ("-wal", "-shm", "-journal"):  # they belong to the damaged file
            target.with_name(target.name + journal).unlink(missing_ok=True)
        os.replace(tmp, target)
    except BaseException:
        discard(tmp)
        raise


def restore(src: str | Path, db_path: str | Path | None = None) -> Path | None:
    """Replace the store with the backup ``src``, after checking the backup in full.

    The store being replaced is saved beside it as ``<name>.replaced-<time>.db`` first (as a
    backup when it still opens, else the file as it is). The restored file is upgraded to the
    current schema.

    Args:
        src: the backup file.
        db_path: the store to replace (default ``paths.store_db()``).

    Returns:
        Where the replaced store was saved; None when there was none.

    Raises:
        StoreError: the backup fails a check (nothing is replaced), or the store cannot be written.
    """
    src = Path(src)
    check_backup(src)
    target = Path(db_path) if db_path is not None else paths.store_db()
    target.parent.mkdir(parents=True, exist_ok=True)
    saved = None
    try:
        if target.exists():
            saved = _save_aside(target)
            if _is_database(target):
                _copy_into(src, target)
            else:
                _replace_file(src, target)
        else:
            _copy_into(src, target)
    except sqlite3.Error as err:
        raise_translated(err, target)
    except OSError as err:
        raise StoreError(f"无法写入意见库 {target}：{err.strerror or err}") from err
    Store(target).close()  # applies newer migrations to an older backup
    return saved
