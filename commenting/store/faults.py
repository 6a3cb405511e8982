"""SQLite's environmental failures as the store's own errors, and the connection that raises them.

Only conditions of the file and the machine are translated — locked, disk full, I/O error, corrupt
or unreadable file, read-only — by their SQLite result code. Everything else (a syntax error, an
unknown column, a constraint) is a bug in our SQL and is left to surface as it is.
"""
from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Callable, TypeVar

from commenting.errors import StoreBusyError, StoreError, StoreFullError

# primary result codes (the low byte of the extended code); see https://sqlite.org/rescode.html
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_NOMEM, SQLITE_READONLY = 3, 5, 6, 7, 8
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 10, 11, 13, 14, 26

T = TypeVar("T")


def primary_code(err: sqlite3.Error) -> int | None:
    """SQLite's primary result code of ``err`` (None for an error raised without one)."""
    code = getattr(err, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def is_busy(err: BaseException) -> bool:
    """True for a lock held by another connection (worth waiting and trying again)."""
    if isinstance(err, StoreBusyError):
        return True
    return isinstance(err, sqlite3.Error) and primary_code(err) in (SQLITE_BUSY, SQLITE_LOCKED)


def translate(err: sqlite3.Error, path: Path | str) -> StoreError | None:
    """The store error for an environmental SQLite failure; None when ``err`` is a bug of ours."""
    code = primary_code(err)
    name = Path(path).name
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return StoreBusyError(f"意见库 {name} 正被其他操作占用（如正在重建索引或恢复），请稍后重试；本次操作未完成")
    if code == SQLITE_FULL:
        return StoreFullError(f"磁盘空间不足，意见库 {name} 无法写入；本次操作未保存，请清理磁盘后重试")
    if code == SQLITE_IOERR:
        return StoreError(f"读写意见库 {name} 时发生磁盘错误（{err}）；本次操作未完成")
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return StoreError(f"意见库 {name} 已损坏或不是数据库文件（{err}）；请用备份恢复（python -m commenting store restore）")
    if code in (SQLITE_READONLY, SQLITE_PERM, SQLITE_CANTOPEN):
        return StoreError(f"无法写入或打开意见库 {name}（{err}）；请检查文件权限和所在文件夹")
    if code == SQLITE_NOMEM:
        return StoreError(f"内存不足，意见库 {name} 的操作未完成")
    return None


def raise_translated(err: sqlite3.Error, path: Path | str) -> None:
    """Raise the store error for ``err`` (chained), or ``err`` itself when it is a bug of ours."""
    mapped = translate(err, path)
    if mapped is None:
        raise err
    raise mapped from err


class StoreConnection(sqlite3.Connection):
    """A connection whose statements raise :class:`StoreError` for environmental failures.

    ``store_path`` names the file in messages. Rows are fetched after ``execute`` returns; the
    store's methods fetch inside themselves, and a lock or a full disk shows at the first step.
    """

    store_path: Path | str = ""

    def execute(self, sql: str, parameters=(), /):  # type: ignore[override]
        """``sqlite3.Connection.execute``, raising store errors for environmental failures."""
        try:
            return super().execute(sql, parameters)
        except sqlite3.DatabaseError as err:
            self._fail(err)

    def executemany(self, sql: str, parameters, /):  # type: ignore[override]
        """``sqlite3.Connection.executemany``, raising store errors for environmental failures."""
        try:
            return super().executemany(sql, parameters)
        except sqlite3.DatabaseError as err:
            self._fail(err)

    def _fail(self, err: sqlite3.DatabaseError) -> None:
        if isinstance(err, (sqlite3.IntegrityError, sqlite3.ProgrammingError)):
            raise err  # our SQL or our data is wrong: a bug, not the file or the machine
        raise_translated(err, self.store_path)


#: waits between attempts to take the write lock (seconds); the last one repeats until the deadline
BACKOFF = (0.01, 0.02, 0.05, 0.1, 0.2, 0.5)


def with_retry(attempt: Callable[[], T], seconds: float) -> T:
    """``attempt()`` again while it fails with a lock, backing off, for at most ``seconds`` in all.

    Only for steps that have written nothing when they fail (taking the write lock); the last
    StoreBusyError is raised when the time is up.
    """
    deadline = time.monotonic() + seconds
    n = 0
    while True:
        try:
            return attempt()
        except StoreBusyError:
            delay = BACKOFF[min(n, len(BACKOFF) - 1)]
            if time.monotonic() + delay > deadline:
                raise
            time.sleep(delay)
            n += 1
