"""Watchlists: topics and voices as queries with exclusions, spans kept, sentiment toward each tag."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from analysis import check, retag, sentiment, watch
from config import Config, ConfigError, WatchEntry, Watchlist, load_config
from mention import ALL_COLUMNS, coerce, new_frame, read_matches

SEPT = dt.datetime(2025, 9, 15, 12, tzinfo=dt.timezone.utc)


def frame_of(*texts: str, title: str = "", url: str = "https://x.example/{i}") -> pd.DataFrame:
    return new_frame([{"mention_id": f"m{i}", "source": "s", "channel": "social", "url": url.format(i=i),
                       "title": title, "text": t, "author": "a", "published_at": SEPT, "collected_at": SEPT}
                      for i, t in enumerate(texts)])


WATCH = Watchlist(
    topics=(WatchEntry("PIP", 'PIP OR "personal independence payment"', exclude=('"pip install"', "python")),
            WatchEntry("Café", '"café culture"')),
    voices=(WatchEntry("DWP", "DWP OR @DWP"), WatchEntry("Age UK", '"Age UK" OR site:ageuk.org.uk')))


def test_queries_match_on_word_boundaries_case_and_accents_with_exclusions() -> None:
    frame = frame_of("My PIP review is due", "pipeline news", "just pip install it, then PIP",
                     "CAFE CULTURE is back", "Thanks @DWP!", "dwp's new rules", "nothing", "PIP in Python")
    out = watch.match(frame, WATCH)
    assert out["topics"].tolist() == ["PIP", "", "", "Café", "", "", "", ""]
    assert out["voices"].tolist() == ["", "", "", "", "DWP", "DWP", "", ""]


def test_title_counts_and_tags_are_joined_in_watchlist_order(config: Config) -> None:
    out = watch.match(frame_of("nothing here", title="Universal Credit changes"), config.watchlist)
    assert out["topics"].iloc[0] == "Universal Credit"
    out = watch.match(frame_of("Age UK and the DWP on Pension Credit and the State Pension"), config.watchlist)
    assert out["topics"].iloc[0] == "State Pension;Pension Credit"
    assert out["voices"].iloc[0] == "DWP;Age UK"


def test_spans_point_at_the_original_characters_of_title_and_text() -> None:
    text = "Thanks to the DWP. Separately, my Personal Independence Payment arrived."
    out = watch.match(frame_of(text, title="PIP news"), WATCH)
    tags = {(t["kind"], t["name"]): t for t in read_matches(out["matches"].iloc[0])}
    assert set(tags) == {("topic", "PIP"), ("voice", "DWP")}
    pip = [tuple(s) for s in tags[("topic", "PIP")]["spans"]]
    assert pip == [("title", 0, 3), ("text", 34, 63)]
    assert text[34:63] == "Personal Independence Payment"
    assert [text[s:e] for _, s, e in tags[("voice", "DWP")]["spans"]] == ["DWP"]


def test_sentiment_toward_each_voice_reads_only_its_sentences() -> None:
    text = "Age UK were brilliant and so helpful. The DWP lost my form again, useless."
    out = watch.match(frame_of(text), WATCH)
    tags = {t["name"]: t["sentiment"] for t in read_matches(out["matches"].iloc[0])}
    assert tags["Age UK"] == pytest.approx(sentiment.score_text("Age UK were brilliant and so helpful."), abs=1e-4)
    assert tags["Age UK"] > 0.5 and tags["DWP"] < -0.3


def test_a_voice_matched_only_by_site_has_no_sentence_sentiment() -> None:
    out = watch.match(frame_of("We opened a new helpline today.", url="https://www.ageuk.org.uk/news/{i}"), WATCH)
    tags = read_matches(out["matches"].iloc[0])
    assert [(t["name"], t["spans"], t["sentiment"]) for t in tags] == [("Age UK", [], None)]


def test_score_toward_takes_a_query() -> None:
    text = "Age UK were brilliant. The Department for Work and Pensions was slow and rude."
    assert sentiment.score_toward(text, '"Age UK"') > 0.5
    assert sentiment.score_toward(text, 'DWP OR "Department for Work and Pensions"') < 0
    assert sentiment.score_toward(text, "Turn2us") is None


def test_empty_frame_gets_empty_tag_columns() -> None:
    out = watch.match(frame_of("x").iloc[0:0], WATCH)
    assert list(out[["topics", "voices", "matches"]].dtypes.astype(str)) == ["string"] * 3 and out.empty


def test_problems_name_the_file_entry_field_and_position() -> None:
    bad = Watchlist(topics=(WatchEntry("Pensions", 'pension AND "state'),),
                    voices=(WatchEntry("MSE", "MSE", exclude=("ok", "(a OR b")), WatchEntry("Wide", "ab* OR x")))
    errors, warnings = watch.problems(bad)
    assert errors == ["watchlist.toml: topics[1] (Pensions): query: unclosed quote at 13",
                      "watchlist.toml: voices[1] (MSE): exclude[2]: unbalanced parenthesis at 1"]
    assert warnings == ["watchlist.toml: voices[2] (Wide): query: wildcard 'ab*' at 1 has fewer than 3 letters: "
                        "slow and broad"]


def test_check_refuses_a_config_folder_with_a_broken_query(config: Config) -> None:
    path = config.directory / "watchlist.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('query = \'"pension credit"\'',
                                                               "query = 'pension credit'"), encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        check(load_config(config.directory))
    assert err.value.problems == ["watchlist.toml: topics[2] (Pension Credit): query: missing AND or OR before "
                                  "'credit' at 9; terms need an operator between them; put an exact phrase in quotes"]


def test_old_terms_lists_are_refused_with_the_query_to_write(config: Config) -> None:
    path = config.directory / "watchlist.toml"
    path.write_text('[[topics]]\nname = "Pensions"\nterms = ["state pension", "PIP"]\n', encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(config.directory)
    assert err.value.problems == ["watchlist.toml: topics[1] (Pensions): terms: terms were replaced by a query; "
                                  """write query = '"state pension" OR PIP'"""]


def test_retag_redrafts_referrals_but_keeps_corrections(config: Config) -> None:
    frame = coerce(frame_of("How do I apply for Pension Credit?"), ALL_COLUMNS)
    frame["is_question"] = True
    frame["inaccuracy_ids"] = pd.Series([""], dtype="string")
    frame["response_kind"] = pd.Series([""], dtype="string")
    frame["suggested_response"] = pd.Series([""], dtype="string")
    out = retag(frame, config)
    assert out["topics"].iloc[0] == "Pension Credit"
    assert out["response_kind"].iloc[0] in {"answer", "refer"} and "pension-credit" in out["suggested_response"].iloc[0]
    frame["inaccuracy_ids"] = pd.Series(["nsp"], dtype="string")
    frame["response_kind"] = pd.Series(["correct"], dtype="string")
    frame["suggested_response"] = pd.Series(["The full new State Pension is ..."], dtype="string")
    out = retag(frame, config)
    assert out["response_kind"].iloc[0] == "correct"
    assert out["suggested_response"].iloc[0] == "The full new State Pension is ..."


def test_matches_json_is_compact_and_keeps_unicode() -> None:
    out = watch.match(frame_of("Le café culture"), WATCH)
    raw = out["matches"].iloc[0]
    assert json.loads(raw)[0]["name"] == "Café" and "Café" in raw and ", " not in raw


def test_an_unreadable_matches_cell_reads_as_no_tags() -> None:
    assert read_matches(None) == read_matches("") == read_matches("not json") == read_matches('{"a": 1}') == []
    assert read_matches('[{"kind": "voice", "name": "DWP"}, 3]') == [{"kind": "voice", "name": "DWP"}]
