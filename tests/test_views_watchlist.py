"""The Watchlists page (live validation, preview, save and re-tag) and the Mentions page's highlights
and sentiment corrections, through Streamlit's AppTest on a real store of the sample feeds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from analysis.query import parse
from config import load_config
from storage import Filters, Store, queries
from tests.conftest import PROJECT, collect_sample

APP = str(PROJECT / "dashboard.py")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A config folder pointing at the sample feeds and a store collected from them, made once."""
    database, config_dir = collect_sample(tmp_path_factory.mktemp("watch"))
    return config_dir, database


@pytest.fixture
def app(template: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """A fresh copy of the config and store for each test: these tests change both."""
    config_dir = shutil.copytree(template[0], tmp_path / "config")
    shutil.copy(template[1], tmp_path / "store.db")
    monkeypatch.setenv("LISTENING_DB_URL", f"sqlite:///{tmp_path / 'store.db'}")
    monkeypatch.setenv("LISTENING_CONFIG_DIR", str(config_dir))
    st.cache_data.clear()
    st.cache_resource.clear()
    return AppTest.from_file(APP, default_timeout=120)


def _store() -> Store:
    import os
    return Store.open(os.environ["LISTENING_DB_URL"])


def _open_topic(app: AppTest, name: str) -> AppTest:
    app.run()
    app.switch_page("views/watchlist.py").run()
    app.selectbox(key="wl_choice_topic").set_value(name).run()
    return app


def test_a_malformed_query_is_refused_live_with_its_position(app: AppTest) -> None:
    _open_topic(app, "Pension Credit")
    app.text_area(key="wl_query_topic_Pension Credit").set_value('"pension credit" AND (claim').run()
    assert not app.exception
    assert [e.value for e in app.error] == ["Query: unbalanced parenthesis at 22"]
    assert any(c.value.endswith("^ unbalanced parenthesis") for c in app.code)
    assert app.button(key="wl_save_topic_Pension Credit").disabled
    app.text_area(key="wl_query_topic_Pension Credit").set_value('"pension credit" OR ab*').run()
    assert not app.error and "fewer than 3 letters" in app.warning[0].value
    assert not app.button(key="wl_save_topic_Pension Credit").disabled


def test_the_preview_counts_what_the_edit_would_add_and_drop(app: AppTest) -> None:
    _open_topic(app, "Pension Credit")
    app.text_area(key="wl_query_topic_Pension Credit").set_value('"pension credit" OR "winter fuel"').run()
    assert not app.exception
    sample = queries.page(_store(), Filters(), 5000, 0)
    would = parse('"pension credit" OR "winter fuel"').evaluate(sample)
    now = sample["topics"].str.split(";").map(lambda names: "Pension Credit" in names).astype(bool)
    metrics = {m.label: m.value for m in app.metric}
    assert metrics[f"Would match (of the newest {len(sample):,})"] == f"{int(would.sum()):,}"
    assert metrics["Newly matched"] == f"{int((would & ~now).sum()):,}" != "0"
    assert metrics["No longer matched"] == "0"
    highlighted = [m.value for m in app.markdown if ":orange-background[**" in m.value]
    assert highlighted and all("ension" in h or "inter" in h for h in highlighted)


def test_saving_rewrites_the_file_keeping_comments_and_retags_the_store(app: AppTest) -> None:
    config_dir = Path(__import__("os").environ["LISTENING_CONFIG_DIR"])
    before = queries.count(_store(), Filters(topics=("Pension Credit",)))
    _open_topic(app, "Pension Credit")
    app.text_input(key="wl_name_topic_Pension Credit").set_value("Pension Credit and WFP").run()
    app.text_area(key="wl_query_topic_Pension Credit").set_value('"pension credit" OR "winter fuel"').run()
    app.text_area(key="wl_exclude_topic_Pension Credit").set_value("scam*\n").run()
    app.button(key="wl_save_topic_Pension Credit").click().run()
    assert not app.exception and not app.error
    assert "re-tagged" in app.success[0].value
    text = (config_dir / "watchlist.toml").read_text(encoding="utf-8")
    assert text.startswith("# What Listening Post watches")  # the person's comments are kept
    assert 'name = "Pension Credit and WFP"' in text and "exclude = [\"scam*\"]" in text
    assert (config_dir / "watchlist.toml.bak").read_text(encoding="utf-8").count('name = "Pension Credit"') == 1
    entry = {e.name: e for e in load_config(config_dir).watchlist.topics}["Pension Credit and WFP"]
    assert entry.query == '"pension credit" OR "winter fuel"' and entry.exclude == ("scam*",)
    store = _store()
    assert queries.count(store, Filters(topics=("Pension Credit",))) == 0
    after = queries.count(store, Filters(topics=("Pension Credit and WFP",)))
    assert after > before
    expected = parse('("pension credit" OR "winter fuel") AND NOT scam*').evaluate(queries.page(store, Filters(), 5000))
    assert after == int(expected.sum())


def test_a_stale_edit_is_refused_and_nothing_is_written(app: AppTest) -> None:
    config_dir = Path(__import__("os").environ["LISTENING_CONFIG_DIR"])
    _open_topic(app, "Pension Credit")
    path = config_dir / "watchlist.toml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited by a colleague\n", encoding="utf-8")
    changed = path.read_text(encoding="utf-8")
    app.text_area(key="wl_query_topic_Pension Credit").set_value('"pension credit" OR PC').run()
    app.button(key="wl_save_topic_Pension Credit").click().run()
    assert "changed by someone else" in app.error[0].value
    assert path.read_text(encoding="utf-8") == changed


def test_a_new_voice_can_be_added_and_a_topic_deleted(app: AppTest) -> None:
    app.run()
    app.switch_page("views/watchlist.py").run()
    app.segmented_control(key="wl_kind").set_value("voice").run()
    app.selectbox(key="wl_choice_voice").set_value("➕ New").run()
    app.text_input(key="wl_name_voice_➕ New").set_value("Resolution Foundation").run()
    app.text_area(key="wl_query_voice_➕ New").set_value('"Resolution Foundation"').run()
    app.button(key="wl_save_voice_➕ New").click().run()
    assert not app.exception and "Saved 'Resolution Foundation'" in app.success[0].value
    voices = [v.name for v in load_config(Path(__import__("os").environ["LISTENING_CONFIG_DIR"])).watchlist.voices]
    assert voices[-1] == "Resolution Foundation"
    app.segmented_control(key="wl_kind").set_value("topic").run()
    app.selectbox(key="wl_choice_topic").set_value("National Living Wage").run()
    app.button(key="wl_delete_topic_National Living Wage").click().run()
    assert not app.exception and "Deleted 'National Living Wage'" in app.success[0].value
    assert queries.count(_store(), Filters(topics=("National Living Wage",))) == 0


def test_mentions_show_highlights_and_take_a_sentiment_correction(app: AppTest) -> None:
    app.run()
    app.text_input(key="user_name").set_value("Sam Press Office").run()
    app.switch_page("views/mentions.py").run()
    assert any(":orange-background[**" in m.value for m in app.markdown)
    first = queries.page(_store(), Filters(date_from=None), 1, 0)
    assert not app.exception
    mention_id = first["mention_id"].iloc[0]
    model = first["sentiment_label"].iloc[0]
    wanted = "negative" if model != "negative" else "positive"
    app.radio(key=f"label_{mention_id}").set_value(wanted)
    app.text_input(key=f"note_{mention_id}").set_value("sarcasm")
    next(b for b in app.button if b.label == "Save correction").click().run()
    assert not app.exception and not app.error
    history = _store().sentiment_history(mention_id)
    assert history[["label", "previous", "corrected_by", "note"]].values.tolist() == [
        [wanted, model, "Sam Press Office", "sarcasm"]]
    assert any(f"Sentiment: {wanted}, corrected by a person (model: {model}" in m.value for m in app.markdown)


def test_a_correction_needs_a_name(app: AppTest) -> None:
    app.run()
    app.switch_page("views/mentions.py").run()
    next(b for b in app.button if b.label == "Save correction").click().run()
    assert "Enter your name in the sidebar" in app.error[0].value
