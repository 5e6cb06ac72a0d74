"""Driving the dashboard in a real browser: a `streamlit run` subprocess on 127.0.0.1, Debian's chromium
through Playwright, and axe-core for WCAG checks. Used by tests/test_browser.py.

Nothing here downloads anything: chromium comes from apt-get (`.ci/run`), Playwright from PyPI and
axe-core from the npm registry (`make .venv/.installed-dev`). When one is missing, :func:`missing`
says which, so the tests skip with that reason.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from tests.conftest import PROJECT

CHROMIUM = Path("/usr/bin/chromium")
# where the Makefile's `npm install --prefix .venv/axe axe-core@...` puts it
AXE_JS = PROJECT / ".venv" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = PROJECT / "tests" / "artifacts"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
LOOPBACK = ("http://127.0.0.1:", "ws://127.0.0.1:")


def missing() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is not installed (apt-get install chromium; .ci/run does this)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (make .venv/.installed-dev installs requirements-dev.txt)"
    return None


def axe_missing() -> str | None:
    if not AXE_JS.exists():
        return f"axe-core is not installed at {AXE_JS} (make .venv/.installed-dev installs it from npm)"
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class Server:
    url: str
    log: Path


@contextmanager
def serve(db_url: str, config_dir: Path, log: Path, timeout: float = 90.0) -> Iterator[Server]:
    """`streamlit run dashboard.py` on a free port of 127.0.0.1 until the block ends.

    Run from the project folder so .streamlit/config.toml applies as it does for `make run`. The file
    watcher is off: the test must not rerun the app when someone edits a file meanwhile."""
    port = free_port()
    env = {**os.environ, "LISTENING_DB_URL": db_url, "LISTENING_CONFIG_DIR": str(config_dir)}
    command = [sys.executable, "-m", "streamlit", "run", str(PROJECT / "dashboard.py"),
               "--server.address", "127.0.0.1", "--server.port", str(port), "--server.headless", "true",
               "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
               "--server.runOnSave", "false"]
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=PROJECT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_healthy(process, url, log, timeout)
        yield Server(url, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_healthy(process: subprocess.Popen, url: str, log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = log.read_text(errors="replace")[-3000:]
            raise RuntimeError(f"streamlit exited with {process.returncode}:\n{tail}")
        try:
            if httpx.get(f"{url}/_stcore/health", timeout=2).text.strip() == "ok":
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"streamlit not healthy after {timeout:.0f} s:\n{log.read_text(errors='replace')[-3000:]}")


def keep_local(context: Any) -> list[str]:
    """Abort every request that leaves 127.0.0.1 (tests have no other network); return the list they go to."""
    blocked: list[str] = []

    def route(r: Any) -> None:
        if r.request.url.startswith(LOOPBACK):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    return blocked


def wait_for_app(page: Any, timeout: float = 60_000) -> None:
    """Wait until the script run has finished, a title is drawn, nothing is stale or still a placeholder (widgets
    show a skeleton until their code has loaded) and every chart has rendered."""
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]'
                           '[data-test-connection-state="CONNECTED"]', timeout=timeout)
    page.wait_for_function("""() => document.querySelector('[data-testid="stMain"] h1')
        && !document.querySelector('[data-stale="true"], [data-testid^="stSkeleton"], [data-testid="stAppSkeleton"]')
        && [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
             .every(c => c.querySelector('canvas, svg'))""", timeout=timeout)


def rerun_settled(page: Any, timeout: float = 60_000) -> None:
    """After a widget change: give the rerun a moment to start, then wait for it to finish."""
    page.wait_for_timeout(300)
    wait_for_app(page, timeout)


def fit_to_content(page: Any, width: int = 1400, most: int = 16_000) -> None:
    """Make the window as tall as the page. Streamlit scrolls inside its main area, so a full-page screenshot
    shows only the window, and axe-core skips what is scrolled out of sight."""
    height = page.evaluate("""() => Math.max(...['stMain', 'stSidebarContent'].map(
        id => document.querySelector(`[data-testid="${id}"]`)?.scrollHeight || 0))""")
    page.set_viewport_size({"width": width, "height": max(1000, min(int(height) + 50, most))})
    page.wait_for_timeout(300)
    wait_for_app(page)


def navigation(page: Any) -> dict[str, str]:
    """{page title: address} from the sidebar's navigation links."""
    more = page.locator('[data-testid="stSidebarNavViewButton"]')
    if more.count() and "more" in more.inner_text().lower():
        more.click()
    links = page.locator('[data-testid="stSidebarNavLink"]').evaluate_all(
        """links => links.map(a => [
            a.querySelector('[data-testid="stMarkdownContainer"]').innerText.trim(), a.href])""")
    return dict(links)


SIDEBAR, MAIN = '[data-testid="stSidebar"]', '[data-testid="stMain"]'


def pick(page: Any, label: str, option: str, where: str = SIDEBAR) -> None:
    """Choose ``option`` in the multiselect or selectbox labelled ``label`` and wait for the rerun."""
    box = page.locator(where).get_by_role("combobox", name=label)
    box.click()
    box.fill(option)
    page.get_by_role("option", name=option, exact=True).click()
    box.press("Escape")
    rerun_settled(page)


def options(page: Any, label: str, where: str = MAIN) -> list[str]:
    """The choices of the selectbox labelled ``label``."""
    box = page.locator(where).get_by_role("combobox", name=label)
    box.click()
    listed = page.get_by_role("listbox").get_by_role("option")
    listed.first.wait_for()
    names = [n.strip() for n in listed.all_inner_texts()]
    box.press("Escape")
    return names


def main_text(page: Any) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def number(text: str) -> int:
    """The first whole number in ``text`` ("1,234 mention(s)" -> 1234)."""
    found = re.search(r"\d[\d,]*", text)
    if found is None:
        raise AssertionError(f"no number in {text!r}")
    return int(found.group().replace(",", ""))


def run_axe(page: Any) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.1 A/AA violations on the page as it is now."""
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate("options => axe.run(document, options)",
                           {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]})
    return result["violations"]


def describe(page_name: str, violations: list[dict[str, Any]]) -> list[str]:
    """One line per failing element: page, rule, impact, target selector, why, and the element's HTML."""
    lines = []
    for rule in violations:
        for node in rule["nodes"]:
            target = " ".join(map(str, node["target"]))
            why = " ".join(node.get("failureSummary", "").split()).removeprefix("Fix any of the following: ")
            html = " ".join(node["html"].split())[:160]
            lines.append(f"{page_name}: {rule['id']} ({rule['impact']}) at ...{' > '.join(target.split(' > ')[-2:])}\n"
                         f"    {why}\n    {html}")
    return lines
