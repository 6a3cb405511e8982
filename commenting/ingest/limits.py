"""What reading one uploaded file may cost, and the clock that stops a reader that runs away.

Every input is answered within a few seconds and well under 1 GB, or refused with one line
that says which limit it hit. Size limits are checked by each reader as it goes (declared and
inflated sizes, characters read); time is the backstop for anything they did not foresee.

Time is enforced with :class:`Deadline`: the readers (pdfminer, lxml callbacks, our own loops)
are Python code with no cancellation hook, and uploads are read in Streamlit's worker threads,
where ``signal.alarm`` is not available. A timer thread therefore raises :class:`Overtime` in
the reading thread (``PyThreadState_SetAsyncExc``); it arrives at the next bytecode, so C code
(zlib, libxml2) finishes its current call first — those calls are bounded by the size limits.
"""
from __future__ import annotations

import ctypes
import threading

from commenting.errors import ReadError

#: characters of text one draft may have (a long regulation with attachments has ~200,000)
MAX_TEXT_CHARS = 2_000_000
#: seconds a whole .docx / text file may take to read
READ_SECONDS = 10.0
#: seconds one PDF page may take, and the PDF's budget: a base plus a little per page read
PAGE_SECONDS = 3.0
PDF_BASE_SECONDS = 8.0
PDF_SECONDS_PER_PAGE = 0.2


def too_long_message(chars: int | None = None) -> str:
    """The refusal for text over MAX_TEXT_CHARS; ``chars``: how much was read when that is known."""
    read = f"（已读到约 {chars // 10000} 万字）" if chars else ""
    return (f"文件正文超过 {MAX_TEXT_CHARS // 10000} 万字{read}，不像是一份征求意见稿；"
            "请检查是否上传了正确的文件，或拆分后分别上传")


class Overtime(BaseException):
    """Raised inside the reading thread when its deadline passes.

    A BaseException, so that the ``except Exception`` clauses of the libraries we call do not
    swallow it; :class:`Deadline` turns it into a :class:`ReadError`.
    """


def _raise_in(thread_id: int, exc: type[BaseException] | None) -> None:
    """Schedule ``exc`` in the given thread (None: cancel one still pending)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id),
                                               ctypes.py_object(exc) if exc is not None else None)


class Deadline:
    """``with Deadline(3, "第 1 页用时过长……"):`` — the block ends within about ``seconds``.

    When time runs out the block is interrupted and :class:`ReadError` (``message``) is raised
    in its place. Deadlines nest: whichever runs out first interrupts.
    """

    def __init__(self, seconds: float, message: str):
        self.seconds = seconds
        self.message = message
        self.fired = False
        self._lock = threading.Lock()
        self._open = False
        self._thread = 0
        self._timer: threading.Timer | None = None

    def __enter__(self) -> "Deadline":
        self._thread = threading.get_ident()
        self._open = True
        self._timer = threading.Timer(self.seconds, self._fire)
        self._timer.daemon = True
        self._timer.start()
        return self

    def _fire(self) -> None:
        with self._lock:
            if self._open:
                self.fired = True
                _raise_in(self._thread, Overtime)

    def __exit__(self, kind, err, tb) -> bool:
        with self._lock:
            self._open = False
        if self._timer is not None:
            self._timer.cancel()
        if self.fired:
            _raise_in(self._thread, None)  # not delivered yet: it must not land in the caller
        if kind is not None and issubclass(kind, Overtime):
            raise ReadError(self.message) from None
        if self.fired and kind is None:
            raise ReadError(self.message)
        return False
