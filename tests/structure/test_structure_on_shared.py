"""The parser over ../shared: every corpus law file and every eval draft.

The corpus check counts 条 only (an outline document such as a 国务院 意见 has 0 条, like
its manifest entry); the eval check is what score.py's parse column checks, plus title and level.
"""
import json

from commenting.corpus.sources import load_manifest, read_file
from commenting.structure import count_articles, read_document


def _manifest(shared):
    return [e for e in json.loads((shared / "corpus" / "manifest.json").read_text(encoding="utf-8")) if e["file"]]


def test_corpus_article_counts_and_titles(shared_dir):
    """Every law file parses to its manifest's article count and title, however many there are."""
    entries = _manifest(shared_dir)
    assert entries
    wrong = []
    for e in entries:
        doc = read_document(shared_dir / "corpus" / e["file"])
        got = (count_articles(doc), doc.title)
        want = (e["articles"], e["title"])
        if got != want and not _manifest_counted_lines_only(doc, e):
            wrong.append((e["file"], got, want))
    assert wrong == []


def _manifest_counted_lines_only(doc, entry) -> bool:
    """The manifest counted the lines that start with 第X条 while the text runs several articles on
    in one paragraph (飞行基本规则: 12 lines, 124 articles): the text's own numbering, 1 to N without
    a gap, shows more articles than the manifest says."""
    nos = [a.no for a in doc.articles if not a.sub]
    return (doc.title == entry["title"] and len(nos) > entry["articles"] and nos == list(range(1, len(nos) + 1))
            and not doc.anomalies)


def test_corpus_metadata_comes_from_the_manifest(shared_dir):
    """Level, issuer, dates and status of a law file are the manifest's, never the draft-level guess."""
    root = shared_dir / "corpus"
    manifest = load_manifest(root)
    wrong = []
    for rel, e in manifest.items():
        version, _ = read_file(root / rel, root, manifest)
        got = (version.level, version.issuer, version.version_date, version.status)
        want = (e["level"], e.get("issuer") or version.issuer, e["version_date"], e["status"])
        if got != want:
            wrong.append((rel, got, want))
    assert wrong == []


def test_corpus_outline_documents(shared_dir):
    """Documents without 条 (国务院 意见, early 行政法规) are read by their 一、 outline when they have one."""
    outline = [e for e in _manifest(shared_dir) if e["articles"] == 0]
    for e in outline:
        doc = read_document(shared_dir / "corpus" / e["file"])
        assert count_articles(doc) == 0, e["file"]
        if doc.outline == "outline":
            assert doc.articles[0].label.endswith("、"), e["file"]
            assert [a.no for a in doc.articles] == list(range(1, len(doc.articles) + 1)), e["file"]
        else:
            assert doc.articles == [], e["file"]


def _cases(shared):
    return sorted(p.parent for p in (shared / "eval" / "cases").glob("*/expected.json"))


def test_eval_case(shared_dir, eval_case):
    """One labelled draft of ../shared/eval (every case there: see conftest.pytest_generate_tests)."""
    assert eval_case is not None, f"{shared_dir / 'eval' / 'cases'} holds no labelled drafts"
    case = eval_case
    spec = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    doc = read_document(case / spec["file"])
    assert doc.title == spec["title"]
    assert doc.level == spec["level"]
    assert len(doc.articles) == spec["articles"]
    assert doc.marker == "征求意见稿"
    for no, snippet in spec.get("spot", {}).items():
        a = doc.article(int(no))
        assert a is not None and snippet in a.text, f"article {no} lacks {snippet!r}"
    numbering_items = [e for e in spec.get("expected", []) if "numbering" in e["rules"]]
    for e in numbering_items:
        assert any(x.article == e["article"] or x.article == e["article"] - 1 for x in doc.anomalies), e["note"]
    if not numbering_items:
        assert not [x for x in doc.anomalies if x.kind in ("gap", "duplicate", "disorder")]


def _addresses(doc):
    out = [p.address for p in doc.parts]
    for a in doc.articles:
        out.append(a.address)
        for p in a.paragraphs:
            out.append(p.address)
            for i in p.items:
                out.append(i.address)
                out.extend(c.address for c in i.children)
    return out


def test_every_unit_has_a_unique_address(shared_dir):
    files = [shared_dir / "corpus" / e["file"] for e in _manifest(shared_dir)]
    files += [c / json.loads((c / "expected.json").read_text(encoding="utf-8"))["file"] for c in _cases(shared_dir)]
    for f in files:
        doc = read_document(f)
        addrs = _addresses(doc)
        assert all(addrs), f
        assert len(addrs) == len(set(addrs)), f
        for a in doc.articles:
            assert "\n".join(p.text for p in a.paragraphs) == a.text
