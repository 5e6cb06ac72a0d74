"""The dashboard in a real browser: Debian's chromium (Playwright) against `streamlit run` on 127.0.0.1.

Every page loads without an error and passes axe-core's WCAG 2.1 A/AA rules; a sidebar filter changes the
Overview figures and is kept in the page address; every report downloads as a CSV with the rows and columns
the Reports page states; a feed item carrying <script>, an onerror attribute and javascript: links is shown
as text and never runs. Screenshots, the downloaded CSVs, the server's log and the axe report go to
tests/artifacts/ (ignored by git).

The store is the sample corpus plus one hostile RSS file, collected by the real pipeline, so every page
is also checked for the hostile items running. Skipped, with the reason, when chromium or Playwright is
not installed; the axe test alone is skipped when axe-core is not.
"""

from __future__ import annotations

import csv
import html
import io
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

import pipeline
from config import load_config
from storage import Store, queries
from tests import _browser as b
from tests.conftest import NOW, copy_config, default_filter

if b.missing():
    pytest.skip(b.missing(), allow_module_level=True)

from playwright.sync_api import Browser, Page, expect, sync_playwright
from playwright.sync_api import Error as PlaywrightError

# The pages the issue asks for; the sidebar may list more.
REQUIRED = ["Overview", "Inbox", "Alerts", "Voices", "Stories", "Mentions", "Inaccuracies", "Sources", "Watchlists",
            "Reports"]

# Error boxes a healthy page shows on purpose: the sample corpus has a broken feed (broken_parish_news.xml),
# so the Sources page reports that source's failure. Any other st.error means a page is broken.
EXPECTED_ERRORS = {"Sources": re.compile(r"source\(s\) failed at the last attempt")}

# axe-core violations that Streamlit's own widgets cause and our code cannot fix, as
# (rule id, text found in the violating element's axe target selector, why it is Streamlit's).
# Keep it short and explained: a contrast problem from colours we choose (theme in .streamlit/config.toml,
# chart colours, markdown) is ours to fix, never an entry here. None is needed with Streamlit 1.67.
STREAMLIT_OWN: list[tuple[str, str, str]] = []

HOSTILE_SOURCE = "Hostile Parish News"
PAYLOADS = ["<script>window.__pwned=1</script>", '<img src=x onerror="window.__pwned=2">']


def _twice_escaped(text: str) -> str:
    """Escaped for XML and then for HTML, so the parsed feed title is this text, markup characters and all."""
    return html.escape(html.escape(text, quote=False), quote=False)


HOSTILE_RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Hostile Parish News</title><link>https://hostile.example/</link>
<description>Feed items that try to run code in the dashboard</description>
<item>
  <title>{_twice_escaped("Pension Credit " + " ".join(PAYLOADS))}</title>
  <link>https://hostile.example/a</link><guid>hostile-1</guid><pubDate>Fri, 31 Oct 2025 08:00:00 GMT</pubDate>
  <description><![CDATA[<p>Is Pension Credit worth a claim? {PAYLOADS[0]} {PAYLOADS[1]}
    <a href="javascript:window.__pwned=3">javascript:window.__pwned=3</a>
    Claim yours at www.evil.example/phish or https://evil.example/y,
    or write to victim@evil.example</p>]]></description>
</item>
<item>
  <title>Pension Credit question</title>
  <link>javascript:window.__pwned=4</link><guid>hostile-2</guid><pubDate>Fri, 31 Oct 2025 07:00:00 GMT</pubDate>
  <description>Pension Credit {_twice_escaped(PAYLOADS[1])} [link](javascript:window.__pwned=5)</description>
</item>
</channel></rss>
"""
# JavaScript that finds markup the hostile items could have smuggled into the page
INJECTED = """() => [
  ...document.querySelectorAll('img[onerror], [onerror], [onload]:not(body):not(iframe), a[href^="javascript:" i]'),
  ...[...document.querySelectorAll('script')].filter(s => s.textContent.includes('__pwned')),
].map(e => e.outerHTML.slice(0, 200))"""


@dataclass
class Visit:
    """What loading one page showed."""

    name: str
    url: str
    seconds: float = 0.0
    exceptions: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    pwned: Any = None
    blocked: list[str] = field(default_factory=list)
    violations: list[dict[str, Any]] = field(default_factory=list)
    problem: str = ""


@pytest.fixture(scope="module")
def collected(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """The sample feeds plus a hostile RSS file, collected by the real pipeline into SQLite; and the config."""
    folder = tmp_path_factory.mktemp("browser")
    feed = folder / "hostile.rss"
    feed.write_text(HOSTILE_RSS, encoding="utf-8")
    config_dir = copy_config(folder / "config", local_fetching=False)
    with (config_dir / "sources.toml").open("a", encoding="utf-8") as sources:
        sources.write(f'\n[[sources]]\nname = "{HOSTILE_SOURCE}"\nkind = "feed"\nchannel = "news"\npath = "{feed}"\n')
    database = folder / "browser.db"
    store = Store.open(f"sqlite:///{database}")
    report = pipeline.collect(load_config(config_dir), store, now=NOW)
    with store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    assert next(s for s in report.sources if s.source == HOSTILE_SOURCE).new == 2, report.summary()
    return f"sqlite:///{database}", config_dir


@pytest.fixture(scope="module")
def server(collected: tuple[str, Path]) -> Iterator[b.Server]:
    with b.serve(collected[0], collected[1], b.ARTIFACTS / "streamlit-server.log") as running:
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(b.CHROMIUM))
        yield launched
        launched.close()


@dataclass
class Watch:
    """Things a page did that it must not: uncaught script errors, dialogs, requests leaving the machine."""

    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)


def open_page(browser: Browser) -> tuple[Page, Watch, Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    context.set_default_timeout(60_000)
    watch = Watch(blocked=b.keep_local(context))
    page = context.new_page()
    page.on("pageerror", lambda error: watch.page_errors.append(str(error)))
    page.on("dialog", lambda dialog: (watch.dialogs.append(f"{dialog.type}: {dialog.message}"), dialog.dismiss()))
    return page, watch, context


@pytest.fixture
def page(browser: Browser) -> Iterator[tuple[Page, Watch]]:
    opened, watch, context = open_page(browser)
    yield opened, watch
    context.close()


@pytest.fixture(scope="module")
def pages(server: b.Server, browser: Browser) -> dict[str, str]:
    """{title: address} of every page, read from the sidebar navigation."""
    opened, _, context = open_page(browser)
    opened.goto(server.url)
    b.wait_for_app(opened)
    found = b.navigation(opened)
    context.close()
    return found


@pytest.fixture(scope="module")
def tour(server: b.Server, browser: Browser, pages: dict[str, str]) -> list[Visit]:
    """Each page opened once in a fresh session: what it showed, a screenshot, and axe-core's findings."""
    b.ARTIFACTS.mkdir(exist_ok=True)
    visits = []
    for name, url in pages.items():
        opened, watch, context = open_page(browser)
        visit = Visit(name, url)
        started = time.monotonic()
        try:
            opened.goto(url)
            b.wait_for_app(opened)
            visit.seconds = time.monotonic() - started
            b.fit_to_content(opened)
            opened.screenshot(path=str(b.ARTIFACTS / f"page-{slug(name)}.png"), full_page=True)
            visit.exceptions = opened.locator('[data-testid="stException"]').all_inner_texts()
            visit.errors = opened.locator('[data-testid="stAlertContentError"]').all_inner_texts()
            visit.pwned = opened.evaluate("() => window.__pwned")
            if not b.axe_missing():
                visit.violations = b.run_axe(opened)
        except PlaywrightError as exc:  # recorded per page, so one broken page does not hide the others
            visit.problem = f"{type(exc).__name__}: {exc}"
        visit.page_errors, visit.dialogs, visit.blocked = watch.page_errors, watch.dialogs, watch.blocked
        visits.append(visit)
        context.close()
    return visits


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def test_the_navigation_lists_every_page(pages: dict[str, str]) -> None:
    assert len(pages) >= 8, pages
    assert [n for n in REQUIRED if n not in pages] == [], pages


def test_every_page_loads_without_an_error(tour: list[Visit]) -> None:
    broken = []
    for visit in tour:
        expected = EXPECTED_ERRORS.get(visit.name)
        errors = [e for e in visit.errors if not (expected and expected.search(e))]
        if visit.problem or visit.exceptions or errors or visit.page_errors or visit.dialogs or visit.pwned is not None:
            broken.append((visit.name, visit.problem, visit.exceptions, errors, visit.page_errors, visit.dialogs,
                           visit.pwned))
    # requests to other hosts are blocked (tests have no network); listed, not failed: Streamlit fetches a
    # material-icon favicon from Google's font servers, which a locked-down office network may block too
    for v in tour:
        print(f"{v.name}: loaded in {v.seconds:.1f} s" + (f"; blocked {sorted(set(v.blocked))}" if v.blocked else ""))
    assert broken == []
    assert all((b.ARTIFACTS / f"page-{slug(v.name)}.png").stat().st_size > 10_000 for v in tour)


def test_every_page_passes_axe(tour: list[Visit]) -> None:
    if b.axe_missing():
        pytest.skip(b.axe_missing())
    ours, streamlits = [], []
    for visit in tour:
        for rule in visit.violations:
            mine = dict(rule, nodes=[n for n in rule["nodes"] if not streamlit_own(rule["id"], n)])
            theirs = dict(rule, nodes=[n for n in rule["nodes"] if streamlit_own(rule["id"], n)])
            ours += b.describe(visit.name, [mine]) if mine["nodes"] else []
            streamlits += b.describe(visit.name, [theirs]) if theirs["nodes"] else []
    heading = (f"axe-core WCAG 2.1 A/AA on {len(tour)} page(s): {len(ours)} violation(s) to fix, "
               f"{len(streamlits)} left to Streamlit (STREAMLIT_OWN)")
    report = "\n".join([heading, *ours, "-- Streamlit's own:", *streamlits])
    (b.ARTIFACTS / "axe-report.txt").write_text(report + "\n", encoding="utf-8")
    print(report)
    assert ours == [], report


def streamlit_own(rule: str, node: dict[str, Any]) -> bool:
    target = " ".join(map(str, node["target"]))
    return any(rule == r and pattern in target for r, pattern, _ in STREAMLIT_OWN)


def metric(page: Page, label: str | re.Pattern[str]) -> Any:
    """The value (a locator) of the metric labelled ``label`` (the whole label, or a pattern)."""
    pattern = label if isinstance(label, re.Pattern) else re.compile(rf"^\s*{re.escape(label)}\s*$")
    box = page.locator('[data-testid="stMetric"]').filter(
        has=page.locator('[data-testid="stMetricLabel"]', has_text=pattern))
    return box.locator('[data-testid="stMetricValue"]')


def stored_mentions(collected: tuple[str, Path], **narrower: tuple[str, ...]) -> int:
    """How many mentions the store holds for the sidebar's starting filter (narrowed by ``narrower``)."""
    store = Store.open(collected[0])
    try:
        return int(queries.totals(store, default_filter(store, **narrower))["mentions"])
    finally:
        store.close()


def test_a_sidebar_filter_changes_the_overview_and_is_kept_in_the_address(
        page: tuple[Page, Watch], pages: dict[str, str], collected: tuple[str, Path], browser: Browser) -> None:
    opened, watch = page
    opened.goto(pages["Overview"])
    b.wait_for_app(opened)
    everything = b.number(metric(opened, "Mentions").inner_text())
    b.pick(opened, "Channel", "forum")
    expect(metric(opened, "Mentions")).not_to_have_text(f"{everything:,}")
    forum = b.number(metric(opened, "Mentions").inner_text())
    assert (everything, forum) == (stored_mentions(collected), stored_mentions(collected, channels=("forum",)))
    assert 0 < forum < everything
    opened.screenshot(path=str(b.ARTIFACTS / "overview-forum-filter.png"), full_page=True)
    assert watch.page_errors == []
    # the address now carries the filter: a colleague opening it sees the same figure
    assert "channel=forum" in opened.url, opened.url
    colleague, _, context = open_page(browser)
    colleague.goto(opened.url)
    b.wait_for_app(colleague)
    assert b.number(metric(colleague, "Mentions").inner_text()) == forum
    context.close()


def test_every_report_downloads_with_the_rows_and_columns_the_page_states(
        page: tuple[Page, Watch], pages: dict[str, str], collected: tuple[str, Path]) -> None:
    opened, watch = page
    opened.goto(pages["Reports"])
    b.wait_for_app(opened)
    reports = b.options(opened, "Report")
    assert len(reports) >= 5 and "Mentions" in reports, reports
    downloaded = {}
    for report in reports:
        b.pick(opened, "Report", report, where=b.MAIN)
        stated = b.number(metric(opened, re.compile(r"^\s*Rows")).inner_text())
        columns = re.search(r"Columns: (.+?) \(described in the README\)", b.main_text(opened)).group(1).split(", ")
        button = opened.locator('[data-testid="stDownloadButton"] button')
        if stated == 0:
            assert button.count() == 0, report
            downloaded[report] = 0
            continue
        with opened.expect_download() as caught:
            button.click()
        saved = b.ARTIFACTS / caught.value.suggested_filename
        caught.value.save_as(saved)
        rows = list(csv.reader(io.StringIO(saved.read_text(encoding="utf-8-sig"), newline="")))
        assert rows[0] == columns, (report, rows[0], columns)
        assert len(rows) - 1 == stated, (report, len(rows) - 1, stated)
        assert all(len(row) == len(columns) for row in rows[1:]), report
        downloaded[report] = stated
    opened.screenshot(path=str(b.ARTIFACTS / "reports-download.png"), full_page=True)
    print(f"rows downloaded per report: {downloaded}")
    assert downloaded["Mentions"] == stored_mentions(collected) > 400
    assert watch.page_errors == [] and watch.dialogs == []


def assert_shown_as_text(opened: Page, watch: Watch, payloads: list[str]) -> None:
    assert opened.evaluate("() => window.__pwned") is None
    assert watch.dialogs == [] and watch.page_errors == []
    assert opened.evaluate(INJECTED) == []
    text = b.main_text(opened)
    for payload in payloads:
        assert payload in text, (payload, text[:2000])


def test_hostile_feed_content_is_shown_as_text_and_never_runs(page: tuple[Page, Watch],
                                                              pages: dict[str, str]) -> None:
    opened, watch = page
    opened.goto(pages["Mentions"])
    b.wait_for_app(opened)
    b.pick(opened, "Source", HOSTILE_SOURCE)
    expect(opened.locator('[data-testid="stMain"]')).to_contain_text("2 mention(s) match")
    opened.screenshot(path=str(b.ARTIFACTS / "mentions-hostile.png"), full_page=True)
    assert_shown_as_text(opened, watch, [*PAYLOADS, "javascript:window.__pwned=3", "javascript:window.__pwned=5"])
    # addresses planted in the text are shown, never made into links: the only link out is the item's own
    assert "www\u2060.evil.example/phish" in b.main_text(opened) or "www.evil.example/phish" in b.main_text(opened)
    links = opened.evaluate("""() => [...document.querySelectorAll('[data-testid="stMain"] a[href]')]
        .map(a => a.href).filter(h => !h.startsWith(location.origin))""")
    assert links == ["https://hostile.example/a"], links
    # the item whose link is javascript: gets a title without a link
    title = opened.locator("strong", has_text=re.compile(r"^Pension Credit question$"))
    expect(title).to_have_count(1)
    assert title.locator("xpath=ancestor::a").count() == 0

    # the Inbox, opened at an address that carries the filter
    opened.goto(pages["Inbox"] + "?" + urlencode({"source": HOSTILE_SOURCE}))
    b.wait_for_app(opened)
    opened.get_by_text("Every mention, not only those needing attention").click()
    b.rerun_settled(opened)
    expect(opened.locator('[data-testid="stMain"]')).to_contain_text("2 mention(s)")
    opened.screenshot(path=str(b.ARTIFACTS / "inbox-hostile.png"), full_page=True)
    assert_shown_as_text(opened, watch, PAYLOADS[1:])  # in both items: the title of one, the text of the other
