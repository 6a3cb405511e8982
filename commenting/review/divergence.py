"""Restated higher-law provisions: align, diff, and report what changed (rule ``divergence``).

NOTE FOR ENGINEER A (frame / context.py) — what this module needs from ``ctx``:
  ctx.document            model.Document
  ctx.corpus              the corpus (``article(law, no)``, ``related(text, k, prefer_laws=())``,
                          ``resolve_title(title)``; optionally ``articles(law)`` / ``law(name).articles``
                          to list a law's articles for the core-law clause index)
  ctx.related(article)    list[Hit] (``hit.law`` full title, ``hit.article`` int, ``hit.text``) — cached
  ctx.citations(article)  optional: resolved citations of the article (law full title + article no)
Everything else is computed here and cached on ``ctx`` under the attribute ``_restatements``.
"""
from __future__ import annotations
