"""Chinese word segmentation for the full-text index: jieba plus the legal-term dictionary.

A private ``jieba.Tokenizer`` keeps our dictionary out of the global jieba used by others.
Articles are indexed with ``cut_for_search`` (words plus their dictionary sub-words) so a
query for 罚款 also finds 较大数额罚款; queries are cut in precise mode. HMM is off: the
same string is then cut the same way everywhere, and it is faster.
"""
from __future__ import annotations

import logging
import re
import threading
import unicodedata
from collections.abc import Iterable

import jieba

from commenting.numerals import to_simplified

logging.getLogger("jieba").setLevel(logging.WARNING)
jieba.setLogLevel(logging.WARNING)

_WORD = re.compile(r"[\u4e00-\u9fff0-9A-Za-z]+")
# Function words too frequent to help ranking; kept out of queries (not of the index).
_STOP = frozenset(
    "的 了 是 在 和 与 对 于 由 从 被 把 及 或 并 等 其 之 所 以 为 可 应 将 按 向 该 此 这 那 "
    "或者 以及 并且 应当 可以 不得 依照 按照 根据 规定 有关 相关 本 条 款 项 第".split()
)


def normalize(text: str) -> str:
    return to_simplified(unicodedata.normalize("NFKC", text or ""))


class Segmenter:
    def __init__(self, words: Iterable[str] = ()):
        self._tok = jieba.Tokenizer()
        self._lock = threading.Lock()
        with self._lock:
            self._tok.initialize()
            for w in words:
                w = normalize(w).strip()
                if len(w) >= 2 and _WORD.fullmatch(w):
                    self._tok.add_word(w, freq=max(self._tok.suggest_freq(w, tune=False), 2000))

    def index_tokens(self, text: str) -> list[str]:
        return [t for t in self._tok.cut_for_search(normalize(text), HMM=False) if _WORD.fullmatch(t)]

    def index_text(self, text: str) -> str:
        return " ".join(self.index_tokens(text))

    def query_tokens(self, text: str, *, keep_stop: bool = False) -> list[str]:
        out = []
        seen = set()
        for t in self._tok.lcut(normalize(text), HMM=False):
            if not _WORD.fullmatch(t) or t in seen:
                continue
            if not keep_stop and t in _STOP:
                continue
            seen.add(t)
            out.append(t)
        return out


def fts_quote(token: str) -> str:
    """One FTS5 string token: quoted, so AND/OR/NEAR/*/() in user input stay plain text."""
    return '"' + token.replace('"', '""') + '"'


_cache: dict[tuple[str, ...], Segmenter] = {}
_cache_lock = threading.Lock()


def segmenter(words: Iterable[str]) -> Segmenter:
    """A shared Segmenter for this dictionary (loading jieba takes a second or two)."""
    key = tuple(words)
    with _cache_lock:
        if key not in _cache:
            _cache[key] = Segmenter(key)
        return _cache[key]
