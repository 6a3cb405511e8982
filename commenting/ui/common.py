"""What every page shares: the store and the law library, the current selection, error display.

The pages hold no business logic: they call ``commenting`` and keep their data in the store. Session
state only remembers which widget shows which stored version; the selected consultation ("c"), the
article (its unit address, "a") and the reviewer's name ("u") live in ``st.query_params`` so that a
refresh, a page switch or a shared link returns to the same place. Text a user or a draft supplies
is shown through ``html.plain`` (see :func:`message`, :func:`caption`); a CommentingError on a page
is one Chinese line (:func:`run`, :func:`user_errors`).
"""
from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import streamlit as st

from commenting import paths
from commenting.errors import CommentingError
from commenting.ui import html as h
from commenting.ui import library

REGISTER = "commenting/ui/page_register.py"
REVIEW = "commenting/ui/page_review.py"
LETTER = "commenting/ui/page_letter.py"
HISTORY = "commenting/ui/page_history.py"
CORPUS = "commenting/ui/page_corpus.py"
PROFILE = "commenting/ui/page_profile.py"
ROUNDS = "commenting/ui/page_rounds.py"
STATS = "commenting/ui/page_stats.py"


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
def _corpus(path: str, province: str | None, city: str | None):
    from commenting import corpus as corpus_mod
    from commenting.settings import Jurisdiction

    return corpus_mod.open_corpus(path, jurisdiction=Jurisdiction(province, city))


def jurisdiction():
    """The office's jurisdiction: the environment's, else the office profile's 省/市 (单位设置)."""
    from commenting.profile import jurisdiction_of

    return jurisdiction_of(store().get_profile())


def _office_corpus(path: str):
    place = jurisdiction()
    return _corpus(path, place.province, place.city)


def reopen_corpus() -> None:
    """Drop the opened libraries (after an import, or when the office's jurisdiction changed), so
    that every page's next lookup, search and review opens the library afresh."""
    from commenting import corpus as corpus_mod

    corpus_mod.reset_cache()
    _corpus.clear()


def library_build() -> library.LibraryBuild:
    """This process's build of the law library (started by the first page, in the background)."""
    return library.library_build(paths.corpus_db())


def library_progress_text(p: library.Progress) -> str:
    if not p.total:
        return "正在准备……"
    if p.done >= p.total and p.message == "建立全文索引":
        return f"已处理 {p.total}/{p.total} 件，正在建立全文索引……"
    return f"已处理 {p.done}/{p.total} 件" + (f"（{h.plain(p.message)}）" if p.message else "")


def corpus():
    """The law library, opened once per process. While it is still being built, this waits and
    shows the progress (only this session's run waits; other pages and users carry on).
    A failed build raises its error (a CorpusError is shown as one line by :func:`run`)."""
    build = library_build()
    if not build.finished:
        note = st.empty()
        with note.container():
            st.info("法规库正在首次构建，审查需要用到它：构建完成后将自动继续，请稍候。")
            bar = st.progress(build.progress.fraction, text=library_progress_text(build.progress))
        while not build.wait(0.5):
            bar.progress(build.progress.fraction, text=library_progress_text(build.progress))
        note.empty()
    if build.error is not None:
        raise build.error
    return _office_corpus(str(build.db_path))


def corpus_if_ready():
    """The law library when it is built, else None: for parts of a page that can do without it
    (:func:`library_unavailable` says why, the sidebar shows the progress or the failure)."""
    build = library_build()
    return _office_corpus(str(build.db_path)) if build.ready else None


def library_unavailable() -> str:
    """Why the library cannot be used yet, in one sentence."""
    build = library_build()
    if build.error is not None:
        return "法规库构建失败（原因见左侧），暂不可用。"
    return f"法规库正在首次构建（{library_progress_text(build.progress)}），完成后即可使用。"


@st.fragment(run_every=1.0)
def _library_progress() -> None:
    build = library_build()
    if build.finished:
        st.rerun()  # the whole page: what waited for the library can now be drawn
    st.caption("法规库正在首次构建（审查需等待其完成，其他功能可照常使用）")
    st.progress(build.progress.fraction, text=library_progress_text(build.progress))


def _retry_library() -> None:
    library.retry(paths.corpus_db())


def library_status() -> None:
    """In the sidebar of every page: the library build's progress while it runs, or why it failed."""
    build = library_build()
    if not build.wait(0.1):  # a usable DB is checked in milliseconds: draw nothing then
        with st.sidebar:
            _library_progress()
    elif build.error is not None:
        st.sidebar.error("法规库构建失败：" + h.plain(str(build.error)))
        st.sidebar.button("重新构建法规库", on_click=_retry_library, key="library_retry")


@st.cache_resource(show_spinner=False)
def warm_up(corpus_path: str) -> bool:
    """Once per server process, after the first page: load the word segmenters in the background
    (once the library is built), so that the first review, related-provision lookup or adopted
    comment does not wait seconds. A failure here is printed in the server log by the thread; the
    pages meet and report the same error themselves."""
    import threading

    build = library.library_build(Path(corpus_path))

    def work() -> None:
        build.wait()  # while the library builds, warming would only slow the build down
        from commenting.search import index_tokens

        index_tokens("行政处罚 听证")
        if build.error is None:
            from commenting import corpus as corpus_mod

            corpus_mod.open_corpus(corpus_path).related("当事人要求听证的，应当在告知后五日内提出。", k=1)

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
    """The selected consultation ("c"): query param first, then this session."""
    return _param_int(name)


def selected_unit() -> str | None:
    """The selected article ("a", its unit address such as art-5 or art-5~2): URL, then session."""
    return st.query_params.get("a") or st.session_state.get("sel_a") or None


def select(name: str, value: int | str | None) -> None:
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
    """The reviewer's name (every comment, edit and tracked change is signed with it); kept in the
    session and in the URL ("u"), so that it survives page switches, refreshes and shared links.

    Widget state is dropped on some page switches, so the name lives in a plain session key.
    """
    name = reviewer()
    if name and not st.session_state.get("reviewer_name"):
        st.session_state["reviewer_name"] = name  # from the URL: a refresh or a link
    if name and st.query_params.get("u") != name:
        st.query_params["u"] = name
    if st.session_state.get("reviewer_input") != name:
        st.session_state["reviewer_input"] = name
    st.sidebar.text_input("审查人", key="reviewer_input", on_change=_on_reviewer,
                          placeholder="填写姓名，意见和修订均署此名")
    if not name:
        st.sidebar.caption("尚未填写审查人：意见将不署名。")
    deadline_alerts()


def deadline_note(c: Any, today: dt.date) -> str:
    """「已逾期 2 天」 / 「今天到期」 / 「3 天内到期」, or "" (the rule is store.deadline_state)."""
    from commenting.store import days_left, deadline_state

    state = deadline_state(c, today)
    left = days_left(c, today)
    if state == "overdue":
        return f"已逾期 {-left} 天"
    if state == "soon":
        return "今天到期" if left == 0 else f"{left} 天内到期"
    return ""


def deadline_alerts() -> None:
    """In the sidebar of every page: the consultations overdue or due within a few days (not those
    answered, not those in the bin), each a link to its review."""
    from commenting.store import deadline_state

    today = dt.date.today()
    try:
        consultations = store().list_consultations(today=today)
    except CommentingError as err:
        st.sidebar.caption("无法读取期限提醒：" + h.plain(str(err)))
        return
    due = [(deadline_state(c, today), c) for c in consultations]
    due = [(state, c) for state, c in due if state != "ok"]
    if not due:
        return
    st.sidebar.markdown("**期限提醒**")
    for state, c in due:  # nearest deadline first, as the store lists them
        box = st.sidebar.error if state == "overdue" else st.sidebar.warning
        box(f"{h.plain(c.title)}  \n{deadline_note(c, today)}（截止 {h.plain(c.deadline)}）",
            icon=":material/alarm:")


# ---------------------------------------------------------------- display helpers


def style() -> None:
    st.html(h.STYLE.replace("MAX_UPLOAD_MB", str(st.get_option("server.maxUploadSize"))))


def not_found_pages(pages: list) -> list:
    """A hidden page answering an address that is none of ``pages`` (a mistyped or old link), so
    that the reviewer reads a Chinese note with links instead of Streamlit's English "Page not found"."""
    from urllib.parse import unquote, urlparse

    url = st.context.url
    if not url:
        return []
    path = unquote(urlparse(url).path).strip("/")
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    if base and (path == base or path.startswith(base + "/")):
        path = path[len(base):].strip("/")
    if not path or "/" in path or path in {p.url_path for p in pages}:
        return []

    def not_found() -> None:
        st.title("页面不存在")
        message(f"没有「/{path}」这个页面，请从下列页面中选择：", "warning")
        for p in pages:
            st.page_link(p, label=p.title, icon=p.icon)

    return [st.Page(not_found, title="页面不存在", url_path=path, visibility="hidden")]


def message(text: str, kind: str = "info") -> None:
    """A message box (st.error / warning / success / info) whose text is shown exactly as given:
    messages quote titles, file names and drafted text."""
    getattr(st, kind)(h.plain(text))


def caption(text: str) -> None:
    """st.caption for text that quotes a user or a draft."""
    st.caption(h.plain(text))


@contextlib.contextmanager
def user_errors() -> Iterator[None]:
    """Show a CommentingError (a store, file or library error) as one Chinese line instead of a
    traceback; for callbacks and page parts that go on after it."""
    try:
        yield
    except CommentingError as err:
        message(str(err), "error")


def run(main: Callable[[], None]) -> None:
    """Draw a page; a CommentingError anywhere in it (a locked, full or unreadable store, a library
    that failed to build) ends the page with its Chinese message instead of a traceback."""
    try:
        main()
    except CommentingError as err:
        message(str(err), "error")


def flash(text: str, kind: str = "success") -> None:
    """A message that survives the rerun a callback triggers."""
    st.session_state.setdefault("_flash", []).append((kind, text))


def show_flash() -> None:
    for kind, text in st.session_state.pop("_flash", []):
        message(text, kind)


def _on_choose(key: str) -> None:
    select("c", st.session_state[key])
    select("a", None)


def choose_consultation(consultations: list, *, label: str, key: str, in_sidebar: bool = False) -> Any:
    """A selectbox of the consultations showing the URL's choice ("c"): set before it is drawn, so
    that a consultation selected elsewhere (just registered, a link) is the one shown and used."""
    by_id = {c.id: c for c in consultations}
    ids = list(by_id)
    current = selected("c")
    if current not in by_id:
        current = ids[0]
        select("c", current)
    st.session_state[key] = current
    (st.sidebar if in_sidebar else st).selectbox(
        label, ids, key=key, format_func=lambda i: consultation_label(by_id[i]), on_change=_on_choose, args=(key,))
    return by_id[current]


def pick_consultation(store) -> Any | None:
    """The consultation this page works on, chosen in the sidebar and kept in the URL ("c")."""
    consultations = store.list_consultations()
    if not consultations:
        return None
    keep_selection("c", "a")
    return choose_consultation(consultations, label="征求意见", key="pick_consultation", in_sidebar=True)


def switch_page(page: str) -> None:
    """Go to another page keeping the consultation, article and reviewer in the URL."""
    st.switch_page(page, query_params={k: st.query_params[k] for k in ("c", "a", "u") if st.query_params.get(k)})


class Units:
    """The units of the outline (articles, led by the title) by their address.

    Addresses (art-5, art-5~2 for a second 第五条, art-5-1 for 第五条之一) are unique even when the
    draft's numbering is not, so they name the selection in the URL and key every widget. A finding
    or comment belongs to the unit its address lies in; one without an address (older data) to the
    first unit of its number.
    """

    def __init__(self, units: list):
        self.list = units
        self.by_address = {u.address: u for u in units}
        self.first_of: dict[tuple[int, int], str] = {}
        for u in units:
            self.first_of.setdefault((u.no, u.sub), u.address)

    def of(self, item) -> str | None:
        address = item.address or ""
        while address:
            if address in self.by_address:
                return address
            address = address.rpartition(".")[0]  # art-5~2.p-1.i-3 → art-5~2.p-1 → art-5~2
        return self.first_of.get((item.article, item.sub))

    def resolve(self, raw: str | None) -> str:
        """The selected unit: an address, or an article number as older links had it ("5", "5-1")."""
        if raw in self.by_address:
            return raw
        no, _, sub = str(raw or "").partition("-")
        if no.isdigit() and (sub.isdigit() or not sub):
            found = self.first_of.get((int(no), int(sub or 0)))
            if found:
                return found
        return self.list[0].address


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
