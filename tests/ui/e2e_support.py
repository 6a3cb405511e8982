"""What every browser test needs: the real app in a subprocess, headless Chromium, waiting for
Streamlit to finish a run, and full-page screenshots into artifacts/screenshots/ (CI artifacts).

The fixtures ``server`` and ``browser`` are registered in tests/ui/conftest.py.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
APP = REPO / "app.py"

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = REPO / "artifacts" / "screenshots"
WAIT_MS = 30_000  # the longest any single step may take


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_fixture(tmp_path, corpus_db):
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent (apt-get install chromium)")
    pytest.importorskip("playwright.sync_api", reason="playwright for Python is not installed")
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(corpus_db, data / "corpus.db")
    empty = tmp_path / "no-sources"
    empty.mkdir()
    env = {**os.environ, "COMMENTING_DATA_DIR": str(data), "COMMENTING_CORPUS_PATH": str(empty)}
    for name in ("COMMENTING_CORPUS_DB", "COMMENTING_STORE_DB"):
        env.pop(name, None)
    port = free_port()
    log = open(tmp_path / "streamlit.log", "wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(APP), "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, so that no child outlives the test
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            stop_server(proc)
            pytest.fail("streamlit did not start:\n" + (tmp_path / "streamlit.log").read_text(errors="replace"))
        time.sleep(0.3)
    try:
        yield url, data
    finally:
        stop_server(proc)
        log.close()
        # pytest shows what a test printed only when it failed: then the server's side is there too
        print("streamlit.log (end):\n" + (tmp_path / "streamlit.log").read_text(errors="replace")[-4_000:])


def stop_server(proc: subprocess.Popen) -> None:
    """Stop the server we started and anything it forked (its process group)."""
    proc.terminate()
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:  # the server can hang while stopping; it holds nothing we need
        proc.kill()
        proc.wait(timeout=5)
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def browser_fixture():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        try:
            yield b
        finally:
            b.close()


def idle(page) -> None:
    """Wait until Streamlit has finished the current script run."""
    page.wait_for_timeout(400)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', state="attached", timeout=WAIT_MS)
    page.wait_for_timeout(200)


def shot(page, name: str) -> None:
    """The whole page: the viewport is stretched to the content, which scrolls inside the app."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    height = page.evaluate(
        "() => { const m = document.querySelector('[data-testid=\"stMainBlockContainer\"]');"
        " return m ? m.scrollHeight + 120 : 0 }"
    )
    page.set_viewport_size({"width": size["width"], "height": min(max(size["height"], height), 5000)})
    # widgets whose code is loaded lazily show a skeleton until it arrives
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=WAIT_MS)
    page.wait_for_timeout(800)  # let the data grids repaint at the new size
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    page.set_viewport_size(size)


# ---------------------------------------------------------------- steps every workflow takes


def open_app(browser, url: str, *, downloads: bool = False, reviewer: str = ""):
    """A new tab on the register page (征求意见台账), signed as ``reviewer`` when given."""
    page = browser.new_page(viewport={"width": 1500, "height": 1000}, accept_downloads=downloads)
    page.set_default_timeout(WAIT_MS)
    page.goto(url)
    page.get_by_role("heading", name="征求意见台账").wait_for()
    idle(page)
    if reviewer:
        page.get_by_label("审查人").fill(reviewer)
        page.get_by_label("审查人").press("Enter")
        idle(page)
    return page


def upload(page, path: Path) -> None:
    """Choose ``path`` in the page's file uploader and wait until it is uploaded: a form sent
    while the upload is still running reaches the server without the file."""
    page.locator('input[type="file"]').set_input_files(str(path))
    chip = page.locator('[data-testid="stFileChip"]').filter(has_text=path.name).first
    chip.wait_for()
    chip.locator('[data-testid="stFileChipIconSpinner"]').wait_for(state="detached")


def wait_for_outcome(page, done: str, *, timeout: float = WAIT_MS) -> None:
    """Wait until the page shows ``done`` (part of the success message); when it shows a refusal
    (无法…) or an exception instead, or nothing in time, fail with what the page says."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    success = page.get_by_text(done, exact=False)
    refusal = page.locator('[data-testid="stAlert"]').filter(has_text="无法")
    crash = page.locator('[data-testid="stException"]')
    try:
        success.or_(refusal).or_(crash).first.wait_for(timeout=timeout)
    except PlaywrightTimeout:
        pytest.fail(f"「{done}」 did not appear within {timeout / 1000:.0f} s; the page shows:\n{main_text(page)}")
    if not success.count():
        pytest.fail(f"「{done}」 expected, the page shows:\n{main_text(page)}")


def main_text(page) -> str:
    """The text of the page's main area (for a failure message)."""
    main = page.locator('[data-testid="stMain"]')
    return main.inner_text(timeout=2_000)[-3_000:] if main.count() else page.content()[-3_000:]


def register(page, draft: Path, **fields: str) -> None:
    """Register ``draft`` on the register page, filling the form fields named by their labels
    (来文单位="…"), and wait for the review that registering runs (a cold first review in a fresh
    server loads the segmenter and the law index: it may take longer than other steps)."""
    upload(page, draft)
    for label, value in fields.items():
        page.get_by_label(label).fill(value)
    page.get_by_role("button", name="登记并审查").click()
    wait_for_outcome(page, "已登记《", timeout=3 * WAIT_MS)
    idle(page)


def enter_review(page) -> None:
    """From the register page just after registering: open the new consultation on 审查."""
    page.get_by_role("button", name="进入审查 →").click()
    page.get_by_role("heading", name="审查", exact=True).wait_for()
    idle(page)
