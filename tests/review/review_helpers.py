"""Run one rule module on a document: ``run(module, doc, corpus)`` → findings."""
from __future__ import annotations

from commenting.review.context import ReviewContext
from review_fakes import FakeCorpus


def run(module, doc, corpus=None):
    ctx = ReviewContext.build(doc, corpus or FakeCorpus())
    findings = list(module.check(ctx))
    for f in findings:  # the contract: a quote is an exact span of the article (or part) text
        if f.article:
            art = doc.article(f.article, f.sub)
            assert f.quote in art.text, (f.quote, art.text)
    return findings
