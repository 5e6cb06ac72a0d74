"""The dashboard through Streamlit's AppTest: every page renders, filters change what is shown."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from storage import Filters, Store, queries
from tests.conftest import PROJECT, LocalServer, Route, collect_sample

APP = str(PROJECT / "dashboard.py")
PAGES = ["views/overview.py", "views/inbox.py", "views/voices.py", "views/mentions.py", "views/inaccuracies.py",
         "views/sources.py", "views/watchlist.py", "views/reports.py", "views/stories.py", "views/alerts.py"]


@pytest.fixture(scope="module")
def collected(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A store filled from the sample feeds once for this module, and its config folder."""
    database, config_dir = collect_sample(tmp_path_factory.mktemp("dash"))
    yield f"sqlite:///{database}", config_dir


@pytest.fixture
def app(collected: tuple[str, Path], monkeypatch: pytest.MonkeyPatch) -> AppTest:
    url, config_dir = collected
    monkeypatch.setenv("LISTENING_DB_URL", url)
    monkeypatch.setenv("LISTENING_CONFIG_DIR", str(config_dir))
    st.cache_data.clear()
    st.cache_resource.clear()
    return AppTest.from_file(APP, default_timeout=60)


def test_every_page_renders_without_an_exception(app: AppTest) -> None:
    app.run()
    for page in PAGES:
        app.switch_page(page).run()
        assert not app.exception, (page, [e.value for e in app.exception])
        assert app.title, page


def test_overview_shows_the_store_totals(app: AppTest, collected: tuple[str, Path]) -> None:
    app.run()
    store = Store.open(collected[0])
    options = queries.options(store)
    first = max(options["first_day"], options["last_day"] - dt.timedelta(days=89))
    expected = queries.totals(store, Filters(date_from=first, date_to=options["last_day"]))
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Mentions"] == f"{expected['mentions']:,}"
    assert metrics["Inaccuracy candidates"] == f"{expected['inaccuracies']:,}"
    assert int(metrics["Mentions"].replace(",", "")) >= 400
    # volume by topic, the sentiment mix and net sentiment by topic, each with its figures as a table
    assert len(app.get("arrow_vega_lite_chart")) == 3 or len(app.get("vega_lite_chart")) == 3
    assert [e.label for e in app.expander] == ["Figures: mentions per day by topic", "Figures: sentiment mix per day",
                                               "Figures: net sentiment per day by topic"]


def _mention_count(app: AppTest) -> int:
    caption = next(c.value for c in app.caption if "match the current filter" in c.value)
    return int(caption.split()[0].replace(",", ""))


def test_filters_change_what_is_shown(app: AppTest) -> None:
    app.run()
    app.switch_page("views/mentions.py").run()
    everything = _mention_count(app)
    app.multiselect(key="topic").set_value(["Pension Credit"]).run()
    pension_credit = _mention_count(app)
    assert 0 < pension_credit < everything
    titles = [m.value for m in app.markdown if m.value.startswith("Sentiment:")]
    assert titles and all("Pension Credit" in t for t in titles)
    app.multiselect(key="sentiment").set_value(["negative"]).run()
    negative = _mention_count(app)
    assert negative < pension_credit
    assert all("Sentiment: negative" in m.value for m in app.markdown if m.value.startswith("Sentiment:"))
    app.multiselect(key="topic").set_value([]).run()
    app.multiselect(key="sentiment").set_value([]).run()
    app.multiselect(key="channel").set_value(["forum"]).run()
    assert 0 < _mention_count(app) < everything


def test_sources_page_shows_health_in_plain_words(app: AppTest) -> None:
    app.run()
    app.switch_page("views/sources.py").run()
    assert any("Parish Council news (broken): not a feed: got an HTML page" in e.value for e in app.error)
    table = app.dataframe[0].value.set_index("source")
    assert table.loc["Parish Council news (broken)", "status"] == "failing"
    assert table.loc["Parish Council news (broken)", "error_kind"] == "soft"
    # the store was filled at NOW, a year before the test runs: every feed has been quiet for far longer
    # than three times its usual gap, and the page says monitoring may be blind rather than show "ok"
    assert table.loc["GOV.UK: DWP news", "status"] == "silent"
    assert any("have gone silent" in w.value and "GOV.UK: DWP news" in w.value for w in app.warning)
    assert table.loc["GOV.UK: DWP news", "stored_mentions"] == 30
    assert table.loc["Money Explained (YouTube)", "items_per_day"] > 0
    assert table["next_poll_at"].notna().all()


def test_poll_now_for_one_source(app: AppTest) -> None:
    app.run()
    app.switch_page("views/sources.py").run()
    app.selectbox(key="poll_one").set_value("GOV.UK: DWP news").run()
    app.button(key="poll_one_button").click().run()
    assert not app.exception
    assert app.success[0].value == "1 source(s): 1 ok (1 unchanged), 0 failed; 0 new mention(s), 0 refreshed"


def test_export_gives_the_rows_of_the_current_filter(app: AppTest) -> None:
    app.run()
    app.multiselect(key="flag").set_value(["question"]).run()
    app.switch_page("views/mentions.py").run()
    questions = _mention_count(app)
    app.switch_page("views/reports.py").run()
    assert not app.exception
    assert app.metric[0].value == f"{questions:,}"
    assert app.get("download_button")[0].proto.label == "Download mentions as CSV"


def test_a_config_mistake_is_shown_not_a_traceback(app: AppTest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   collected: tuple[str, Path]) -> None:
    broken = tmp_path / "config"
    broken.mkdir()
    for toml in collected[1].glob("*.toml"):
        (broken / toml.name).write_text(toml.read_text(encoding="utf-8"), encoding="utf-8")
    (broken / "watchlist.toml").write_text("[[topics]]\nname = 3\n", encoding="utf-8")
    monkeypatch.setenv("LISTENING_CONFIG_DIR", str(broken))
    app.run()
    assert not app.exception
    assert app.error[0].value.startswith("The configuration has problems")
    assert "watchlist.toml: topics[1]: name: expected a string, got int 3" in app.code[0].value


def test_add_a_source_from_the_dashboard(app: AppTest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         collected: tuple[str, Path], http_server: LocalServer) -> None:
    from config import load_config as load
    from tests.conftest import SAMPLE_FEEDS

    folder = tmp_path / "config"
    folder.mkdir()
    for toml in collected[1].glob("*.toml"):
        text = toml.read_text(encoding="utf-8").replace("allow_private_addresses = false",
                                                        "allow_private_addresses = true")
        (folder / toml.name).write_text(text, encoding="utf-8")
    monkeypatch.setenv("LISTENING_CONFIG_DIR", str(folder))
    monkeypatch.setenv("LISTENING_DB_URL", f"sqlite:///{tmp_path / 'add.db'}")
    feed = http_server.serve_file("/gazette.rss", SAMPLE_FEEDS / "regional_news.rss")
    http_server.routes["/page"] = Route(
        body=b"<!DOCTYPE html><html><body>Welcome</body></html>", headers={"Content-Type": "text/html"})
    before = len(load(folder).sources)
    app.run()
    app.switch_page("views/sources.py").run()

    app.text_input(key="add_name").set_value("Gazette homepage")
    app.text_input(key="add_url").set_value(http_server.url("/page"))
    submit = next(b for b in app.button if b.proto.label == "Check and add")
    submit.click().run()
    assert app.error[0].value == f"Not added: {http_server.url('/page')} could not be used: not a feed: got an HTML page."
    assert len(load(folder).sources) == before

    app.text_input(key="add_name").set_value("Gazette")
    app.text_input(key="add_url").set_value(feed)
    next(b for b in app.button if b.proto.label == "Check and add").click().run()
    assert not app.exception and not app.error
    assert app.success[0].value.startswith("Added Gazette")
    added = next(s for s in load(folder).sources if s.name == "Gazette")
    assert (added.url, added.kind, added.channel) == (feed, "feed", "news")
    store = Store.open(f"sqlite:///{tmp_path / 'add.db'}")
    assert queries.count(store, Filters(sources=("Gazette",))) == 45
    store.close()
