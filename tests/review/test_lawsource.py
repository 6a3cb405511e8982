"""The corpus and the review tests' fake both provide what the review needs (LawSource)."""
import inspect

import pytest

from commenting.corpus import Corpus
from commenting.lawsource import LawSource
from review_fakes import FakeCorpus

METHODS = [n for n, v in vars(LawSource).items() if callable(v) and not n.startswith("_")]


def _params(fn) -> list[tuple[str, object, object]]:
    return [(p.name, p.kind, p.default) for p in inspect.signature(fn).parameters.values() if p.name != "self"]


@pytest.mark.parametrize("impl", [Corpus, FakeCorpus], ids=["Corpus", "FakeCorpus"])
@pytest.mark.parametrize("method", METHODS)
def test_each_method_takes_the_protocol_arguments(impl, method):
    want = _params(getattr(LawSource, method))
    have = _params(getattr(impl, method))
    assert have[: len(want)] == want, f"{impl.__name__}.{method}{have} ≠ LawSource.{method}{want}"
    assert all(p[2] is not inspect.Parameter.empty for p in have[len(want):])  # extras are optional


def test_the_fake_is_a_law_source():
    assert isinstance(FakeCorpus(), LawSource)
    assert len(METHODS) >= 10
