"""The store: one SQLite file (WAL) with the user's data — consultations, draft rounds and their
articles, review findings, comments with their full history, exported letters, round carry-over.

Modules, lowest first: :mod:`~commenting.store.faults` (SQLite failures as store errors),
:mod:`~commenting.store.codec` (model ⇄ JSON/rows), :mod:`~commenting.store.deadlines`,
:mod:`~commenting.store.fts` (full-text index writer), :mod:`~commenting.store.schema`
(migrations), :mod:`~commenting.store.backup`, :mod:`~commenting.store.api` (:class:`Store`),
:mod:`~commenting.store.restore`, :mod:`~commenting.store.cli`.
"""
from __future__ import annotations

from commenting.errors import StoreBusyError, StoreError, StoreFullError
from commenting.store.api import BIN_DAYS, BUSY_TIMEOUT, BinEntry, Draft, DuplicateDraft, Letter, Store, file_hash
from commenting.store.backup import check_backup, file_counts
from commenting.store.cli import add_arguments, cli_run
from commenting.store.codec import document_from_json, document_to_json
from commenting.store.deadlines import SOON_DAYS, days_left, deadline_state
from commenting.store.fts import index_tokens
from commenting.store.restore import restore
from commenting.store.schema import APPLICATION_ID, LATEST_VERSION, MIGRATIONS, REINDEX_AFTER

__all__ = [
    "Store", "Draft", "Letter", "BUSY_TIMEOUT",
    "BinEntry", "DuplicateDraft", "BIN_DAYS", "file_hash",
    "StoreError", "StoreBusyError", "StoreFullError",
    "days_left", "deadline_state", "SOON_DAYS",
    "document_to_json", "document_from_json", "index_tokens",
    "check_backup", "file_counts", "restore",
    "APPLICATION_ID", "LATEST_VERSION", "MIGRATIONS", "REINDEX_AFTER",
    "add_arguments", "cli_run",
]
