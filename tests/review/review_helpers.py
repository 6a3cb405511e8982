"""Run the checks of one rule module on a document: ``run(module, doc, corpus)`` → findings.

A check that raises, or reports a rule it did not register, fails the test (as it would show
as an error of the review).
"""
from __future__ import annotations

from commenting.review import run_check
from commenting.review.catalogue import checks
from commenting.review.context import ReviewContext
from review_fakes import FakeCorpus


def run(module, doc, corpus=None, *, as_of=None, level=None):
    ctx = ReviewContext.build(doc, corpus or FakeCorpus(), as_of=as_of, level=level)
    registered = [c for c in checks() if c.fn.__module__ == module.__name__]
    assert registered, f"{module.__name__} registers no check"
    findings = []
    for check in registered:
        found, error = run_check(check, ctx)
        assert error is None, error
        findings.extend(found)
    for f in findings:  # the contract: a quote is an exact span of the article (or part) text
        if f.article:
            art = doc.article(f.article, f.sub)
            assert f.quote in art.text, (f.quote, art.text)
    return findings
