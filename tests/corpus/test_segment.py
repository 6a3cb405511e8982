"""The segmenter cuts exactly as jieba does (HMM off), index and query side, on real law text."""
from __future__ import annotations

import pytest

from commenting.corpus import facts
from commenting.corpus.segment import _STOP, _WORD, Segmenter, _jieba_tokenizer, normalize

ODD = [
    "ABC 12a b3 第2021号 10.5% x+y C++ 一、（二）",
    "繁體字與全形ＡＢＣ１２",
    "〇〇 ㈠ 𠀀字 — “引号” ……",
    "",
    "   \n\t",
]


@pytest.fixture(scope="module")
def both():
    words = tuple(facts.terms())
    return Segmenter(words), _jieba_tokenizer(words)


def _texts(corpus_fixtures) -> list[str]:
    out = list(ODD)
    for f in sorted(corpus_fixtures.rglob("*.md")):
        out += [ln for ln in f.read_text(encoding="utf-8").splitlines() if ln.strip()]
    return out


def test_index_text_is_jiebas_cut_for_search(both, corpus_fixtures):
    seg, tok = both
    texts = _texts(corpus_fixtures)
    assert len(texts) > 20
    for t in texts:
        want = [w for w in tok.cut_for_search(normalize(t), HMM=False) if _WORD.fullmatch(w)]
        assert seg.index_tokens(t) == want, t
        assert seg.index_text(t) == " ".join(want)
    # the block cache answers the second time exactly as the first
    assert [seg.index_text(t) for t in texts] == [seg.index_text(t) for t in texts]


def test_query_tokens_are_jiebas_precise_cut(both, corpus_fixtures):
    seg, tok = both
    for t in _texts(corpus_fixtures):
        want = list(dict.fromkeys(w for w in tok.lcut(normalize(t), HMM=False) if _WORD.fullmatch(w) and w not in _STOP))
        assert seg.query_tokens(t) == want, t


def test_legal_terms_stay_whole(both):
    seg, _ = both
    assert "较大数额罚款" in seg.index_tokens("对较大数额罚款的")
    assert {"罚款", "较大数额罚款"} <= set(seg.index_tokens("较大数额罚款"))
