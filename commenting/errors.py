"""Errors whose message is meant for the user (Chinese, one line)."""


class CommentingError(Exception):
    """Base class: ``str(err)`` is a complete one-line message in Chinese."""


class ReadError(CommentingError):
    """The input file cannot be read: wrong format, encrypted, scanned, corrupt, too large."""


class CorpusError(CommentingError):
    """The law corpus is missing or cannot be built."""


class StaleEditError(CommentingError):
    """An edit was based on a version that has since changed."""


class StoreError(CommentingError):
    """Something the user asked of the store cannot be done (missing row, bad value, bad file)."""


class StoreBusyError(StoreError):
    """The store stayed locked by another writer for longer than we wait; nothing was written."""


class StoreFullError(StoreError):
    """The disk (or the store's size limit) is full; the operation was rolled back."""
