"""What every page shares: the store and the corpus, the current selection, error display.

The pages hold no business logic: they call ``commenting`` and keep their data in the store. Session
state only remembers which widget shows which stored version; the selected consultation and article
live in ``st.query_params`` so that a refresh returns to the same place.
"""
from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import streamlit as st

from commenting import paths
from commenting.errors import CommentingError
from commenting.ui import html as h

REGISTER = "commenting/ui/page_register.py"
REVIEW = "commenting/ui/page_review.py"
LETTER = "commenting/ui/page_letter.py"
HISTORY = "commenting/ui/page_history.py"
CORPUS = "commenting/ui/page_corpus.py"


# ---------------------------------------------------------------- store and corpus


def store():
    """The user's data (consultations, drafts, findings, comments, letters).

    One connection per browser session, so that two reviewers are two writers to SQLite and the
    store's version check decides between them.
    """
    from commenting.store import Store

    path = str(paths.store_db())
    held = st.session_state.get("_store")
    if held is None or str(held.path) != path:
        held = Store(path)
        st.session_state["_store"] = held
    return held


@st.cache_resource(show_spinner=False)
def _corpus(path: str):
    from commenting import corpus as corpus_mod

    return corpus_mod.open_corpus(path)


_READY: set[str] = set()  # corpus DBs checked in this process


def ensure_corpus() -> str:
    """The corpus DB path; builds the DB first, with progress shown, when it is missing."""
    from commenting.corpus.build import ensure_corpus as ensure

    shown: dict = {}

    def progress(done: int, total: int, message: str) -> None:
        if not shown:  # only a real build reports progress: show it then
            shown["status"] = st.status("正在首次构建法规库，请稍候……", expanded=True)
            with shown["status"]:
                shown["bar"] = st.progress(0.0)
        shown["bar"].progress(min(done / max(total, 1), 1.0), text=f"{done}/{total} {message}")

    target = paths.corpus_db()
    if str(target) in _READY:
        return str(target)
    try:
        path = ensure(progress=progress, db_path=target)
    except CommentingError as err:
        if shown:
            shown["status"].update(label="法规库构建失败", state="error")
        st.error(str(err))
        st.stop()
    if shown:
        shown["status"].update(label="法规库已构建", state="complete", expanded=False)
        _corpus.clear()
    _READY.add(str(path))
    return str(path)


def corpus():
    """The law corpus, opened once per process (built first when missing)."""
    return _corpus(ensure_corpus())


@st.cache_resource(show_spinner=False)
def warm_up(corpus_path: str) -> bool:
    """Once per server process, after the first page: load the word segmenters in the background,
    so that the first review, related-provision lookup or adopted comment does not wait seconds."""
    import threading
    from pathlib import Path

    def work() -> None:
        try:
            from commenting.search import index_tokens

            index_tokens("行政处罚 听证")
            if Path(corpus_path).exists():
                from commenting import corpus as corpus_mod

                corpus_mod.open_corpus(corpus_path).related("当事人要求听证的，应当在告知后五日内提出。", k=1)
        except Exception:  # warming is an optimisation; the pages report real errors themselves
            pass

    threading.Thread(target=work, name="commenting-warm-up", daemon=True).start()
    return True


# ---------------------------------------------------------------- selection (query params)


def _param_int(name: str) -> int | None:
    raw = st.query_params.get(name)
    if raw in (None, ""):
        return st.session_state.get(f"sel_{name}")
    try:
        return int(raw)
    except (TypeError, ValueError):
        return None


def selected(name: str) -> int | None:
    """The selected consultation ("c") or article ("a"): query param first, then this session."""
    return _param_int(name)


def select(name: str, value: int | None) -> None:
    """Remember a selection in the URL (refresh returns here) and in the session (page switches)."""
    if value is None:
        st.query_params.pop(name, None)
        st.session_state.pop(f"sel_{name}", None)
        return
    st.query_params[name] = str(value)
    st.session_state[f"sel_{name}"] = value


def keep_selection(*names: str) -> None:
    """Write the session's selections back into the URL after a page switch cleared it."""
    for name in names:
        value = st.session_state.get(f"sel_{name}")
        if value is not None and st.query_params.get(name) in (None, ""):
            st.query_params[name] = str(value)


def reviewer() -> str:
    """The name comments are signed with: this session's, else the URL's ("u")."""
    return st.session_state.get("reviewer_name") or st.query_params.get("u", "") or ""


def _on_reviewer() -> None:
    name = (st.session_state.get("reviewer_input") or "").strip()
    st.session_state["reviewer_name"] = name
    if name:
        st.query_params["u"] = name
    else:
        st.query_params.pop("u", None)


def sidebar() -> None:
    """The reviewer's name (comments are signed with it); kept in the session and in the URL.

    Widget state is dropped on some page switches, so the name lives in a plain session key.
    """
    name = reviewer()
    if name and st.query_params.get("u") != name:
        st.query_params["u"] = name
    if "reviewer_input" not in st.session_state:
        st.session_state["reviewer_input"] = name
    st.sidebar.text_input("审查人", key="reviewer_input", on_change=_on_reviewer,
                          placeholder="填写姓名，意见将署此名")


# ---------------------------------------------------------------- display helpers


def style() -> None:
    st.markdown(h.STYLE, unsafe_allow_html=True)


@contextlib.contextmanager
def user_errors() -> Iterator[None]:
    """Show a CommentingError as one Chinese line instead of a traceback."""
    try:
        yield
    except CommentingError as err:
        st.error(str(err))


def flash(message: str, kind: str = "success") -> None:
    """A message that survives the rerun a callback triggers."""
    st.session_state.setdefault("_flash", []).append((kind, message))


def show_flash() -> None:
    for kind, message in st.session_state.pop("_flash", []):
        getattr(st, kind, st.info)(message)


def pick_consultation(store) -> Any | None:
    """The consultation this page works on, chosen in the sidebar and kept in the URL ("c")."""
    consultations = store.list_consultations()
    if not consultations:
        return None
    keep_selection("c", "a")
    by_id = {c.id: c for c in consultations}
    ids = list(by_id)
    current = selected("c")
    cid = st.sidebar.selectbox("征求意见", ids, index=ids.index(current) if current in ids else 0,
                               format_func=lambda i: consultation_label(by_id[i]))
    if cid != current:
        select("c", cid)
        if current is not None:
            select("a", None)
    return by_id[cid]


def latest_draft_id(store, consultation_id: int) -> int | None:
    drafts = store.list_drafts(consultation_id)
    return drafts[-1]["id"] if drafts else None


def basis_label(b: Any) -> str:
    """《法规》第N条 for a Basis (the label the composer's citation picker shows)."""
    from commenting.numerals import article_label

    return f"《{b.law}》{article_label(b.article)}"


def consultation_label(c: Any) -> str:
    parts = [c.title or "（无标题）"]
    if c.sender:
        parts.append(c.sender)
    if c.doc_number:
        parts.append(c.doc_number)
    return " · ".join(parts)
