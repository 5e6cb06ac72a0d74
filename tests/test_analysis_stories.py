"""analysis.stories and analysis.story_text: mentions grouped into stories.

Copies and paraphrases of one story group; hard negatives (same topic, same template with other
figures) stay apart; the window, the batch split, empty and <NA> input, thresholds from config; and real
captured feeds from ../shared/realdata (skipped with a reason where absent).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest

from analysis import story_text
from analysis.stories import METHODS, OUTPUT_COLUMNS, StoryParams, group
from collectors.feeds import parse_feed
from config import DEFAULT_CONFIG_DIR, Source, load_config
from conftest import PROJECT, realdata
from mention import UTC_TIMESTAMP

T0 = pd.Timestamp("2025-11-26T13:00:00Z")
PARAMS = StoryParams()

PENSION_BODY = ("Millions of pensioners will get up to £575 a year more from April after the Government confirmed "
                "a 4.8% rise in the State Pension. The increase, in line with average earnings growth, takes the full "
                "new State Pension to £241.30 a week. The basic State Pension will rise to £184.90 a week.")
PENSION_GOV = ("Around 13 million pensioners will see their State Pension rise by 4.8% from April 2026 under the "
               "triple lock, the Work and Pensions Secretary has confirmed. The full new State Pension will go up from "
               "£230.25 to £241.30 a week, an increase of around £575 a year.")
PENSION_AGE = ("The Government has opened a call for evidence for the third review of State Pension age, which must "
               "report by March 2029. The review will look at whether the rules around pension age remain "
               "appropriate, taking into account life expectancy and the sustainability of the State Pension.")
XMAS = ("If your payment is due on 25 December, 26 December or 1 January, you'll be paid earlier. Payments due on "
        "Christmas Day and Boxing Day will be paid on Wednesday 24 December, and payments due on New Year's Day will "
        "be paid on Wednesday 31 December.")
EASTER = ("If your payment is due on Good Friday, 3 April, or Easter Monday, 6 April, you'll be paid earlier. Payments "
          "due on Good Friday and Easter Monday will be paid on Thursday 2 April.")


def mentions(*rows: tuple) -> pd.DataFrame:
    """A frame of new mentions from (mention_id, hours after T0, source, title, text)."""
    return pd.DataFrame({
        "mention_id": pd.Series([r[0] for r in rows], dtype="string"),
        "title": pd.Series([r[3] for r in rows], dtype="string"),
        "text": pd.Series([r[4] for r in rows], dtype="string"),
        "published_at": pd.Series([T0 + pd.Timedelta(hours=r[1]) for r in rows]).astype(UTC_TIMESTAMP),
        "source": pd.Series([r[2] for r in rows], dtype="string"),
        "channel": pd.Series(["news"] * len(rows), dtype="string"),
    })


def nothing_known() -> pd.DataFrame:
    return mentions().assign(story_id=pd.Series([], dtype="string"))


def as_known(frame: pd.DataFrame, result: pd.DataFrame) -> pd.DataFrame:
    return frame.assign(story_id=frame["mention_id"].map(dict(zip(result["mention_id"], result["story_id"]))))


def story(result: pd.DataFrame, mention_id: str) -> str:
    return result.set_index("mention_id").at[mention_id, "story_id"]


def partition(result: pd.DataFrame) -> set[frozenset[str]]:
    return {frozenset(g["mention_id"]) for _, g in result.groupby("story_id")}


def pension_story() -> pd.DataFrame:
    """Nine mentions over two days: one story told four ways, and hard negatives around it."""
    return mentions(
        ("gov", 1.0, "GOV.UK DWP", "State Pension to rise by 4.8% next April", PENSION_GOV),
        ("wire-a", 1.5, "The Independent", "Pensioners to get £575 a year more as triple lock delivers 4.8% rise",
         PENSION_BODY),
        ("wire-b", 2.0, "Evening Standard", "State Pension to rise to £241.30 a week from April", PENSION_BODY),
        ("forum", 5.0, "r/UKPersonalFinance", "Pension up to £241.30 a week from April",
         "So the new state pension goes up 4.8% in April. Works out about £11 a week more for my mum. Does anyone "
         "know if the old basic pension gets the same percentage?\nsubmitted by /u/tea_and_toast\n[link] [comments]"),
        ("age", -20.0, "GOV.UK DWP", "Third State Pension age review: call for evidence opens", PENSION_AGE),
        ("xmas", 3.0, "GOV.UK DWP", "Benefit and pension payment dates over Christmas and New Year", XMAS),
        ("easter", 26.0, "GOV.UK DWP", "Benefit and pension payment dates over Easter", EASTER),
        ("fuel-1", 4.0, "Saga Forum", "Winter Fuel Payment", pd.NA),
        ("fuel-2", 9.0, "Mumsnet", "Winter Fuel Payment", pd.NA),
    )


# -- what groups and what does not ------------------------------------------------------------------


def test_syndicated_copies_and_a_paraphrase_form_one_story() -> None:
    result = group(pension_story(), nothing_known(), PARAMS)
    assert story(result, "wire-a") == story(result, "wire-b") == story(result, "gov") == story(result, "forum")
    methods = result.set_index("mention_id")["method"]
    assert methods["gov"] == "first" and story(result, "gov") == "gov"
    assert methods["wire-b"] == "duplicate"  # the same wire copy under another headline
    assert methods["wire-a"] == "paraphrase"  # the department's release told in the agency's words


def test_hard_negatives_stay_apart() -> None:
    result = group(pension_story(), nothing_known(), PARAMS)
    uprating = story(result, "gov")
    assert story(result, "age") != uprating  # same topic, another event
    assert story(result, "xmas") != uprating  # same source, another announcement
    assert story(result, "easter") != story(result, "xmas")  # one template, other dates
    assert story(result, "fuel-1") != story(result, "fuel-2")  # two bare forum titles say too little


def test_one_template_with_other_figures_is_not_a_copy() -> None:
    body = ("{place} residents on a low income can now apply for a one-off payment of up to £{amount} from the "
            "Household Support Fund to help with food and energy bills this winter. Applications are open until "
            "{until} or until the money runs out.")
    frame = mentions(("leeds", 0, "Leeds City Council", "Household Support Fund: apply now",
                      body.format(place="Leeds", amount=150, until="31 January")),
                     ("bradford", 20, "Bradford Council", "Household Support Fund: apply now",
                      body.format(place="Bradford", amount=200, until="28 February")),
                     ("leeds-again", 30, "Yorkshire Evening Post", "Leeds Household Support Fund open",
                      body.format(place="Leeds", amount=150, until="31 January")))
    result = group(frame, nothing_known(), PARAMS)
    assert story(result, "bradford") != story(result, "leeds") == story(result, "leeds-again")


def test_a_story_is_not_chained_onto_a_side_detail_of_one_member() -> None:
    review = "the Personal Independence Payment assessment, with disabled people, charities and clinicians"
    frame = mentions(
        ("review-1", 0, "GOV.UK DWP", "Timms review of PIP assessment launched",
         f"Sir Stephen Timms has launched his review of {review}. It will report in autumn 2026."),
        ("review-2", 2, "The Guardian", "Review of disability benefit assessment begins",
         f"A review led by Stephen Timms of {review} helping to shape it, has begun. It reports next autumn."),
        ("review-3", 3, "Scope", "Scope responds to the Timms review of PIP",
         "The Timms review of the PIP assessment must listen to disabled people, charities and clinicians and not "
         "be about cutting costs. We will share your experiences before it reports in autumn 2026."),
        ("review-4", 3.5, "Benefits and Work", "Timms PIP review: what we know",
         f"Stephen Timms' review of {review} shaping it, has started and will report in autumn 2026."),
        ("review-5", 4, "Disability News Service", "Timms review begins as campaigners plan Westminster march",
         "The Timms review of the PIP assessment has begun. Disabled People Against Cuts said it would march from "
         "Parliament Square to Downing Street on Saturday against benefit cuts."),
        ("march", 30, "Morning Star", "Disabled campaigners march from Parliament Square to Downing Street",
         "Hundreds of disabled campaigners marched from Parliament Square to Downing Street on Saturday against "
         "benefit cuts, led by Disabled People Against Cuts, with speeches outside Downing Street."))
    result = group(frame, nothing_known(), PARAMS)
    assert result["story_id"].tolist() == ["review-1"] * 5 + ["march"]
    # alone with the member that mentioned the march, the march report would have joined it
    known = as_known(frame.iloc[4:5], result)
    assert story(group(frame.iloc[5:], known, PARAMS), "march") == "review-1"


def test_a_copy_outside_the_window_starts_a_story_of_its_own() -> None:
    frame = mentions(("a", 0, "The Independent", "Pensioners to get £575 more", PENSION_BODY),
                     ("b", 73, "Evening Standard", "State Pension to rise to £241.30", PENSION_BODY))
    apart = group(frame, nothing_known(), StoryParams(window_hours=72))
    together = group(frame, nothing_known(), StoryParams(window_hours=80))
    assert story(apart, "b") == "b" and story(together, "b") == "a"


def test_a_new_mention_joins_a_known_story_and_keeps_its_id() -> None:
    known = mentions(("old", 0, "The Independent", "Pensioners to get £575 more", PENSION_BODY)).assign(
        story_id=pd.Series(["story-7"], dtype="string"))
    result = group(mentions(("new", 5, "Evening Standard", "State Pension to rise", PENSION_BODY)), known, PARAMS)
    assert result.to_dict("records") == [{"mention_id": "new", "story_id": "story-7", "method": "duplicate",
                                          "similarity": pytest.approx(result["similarity"].iloc[0])}]
    assert 0.5 <= result["similarity"].iloc[0] <= 1.0


def test_short_texts_need_more_evidence_but_a_copy_word_for_word_counts() -> None:
    title = "DWP confirms State Pension rise of 4.8% from April"
    frame = mentions(("one", 0, "X", title, pd.NA), ("two", 1, "Bluesky", title, pd.NA),
                     ("three", 2, "Mastodon", "State Pension", pd.NA), ("four", 3, "Threads", "State Pension", pd.NA))
    result = group(frame, nothing_known(), PARAMS)
    assert story(result, "two") == "one"
    assert story(result, "three") == "three" and story(result, "four") == "four"


def test_figures_and_their_disagreement() -> None:
    xmas = story_text.prepare("Christmas dates", XMAS).figures
    assert {"24 december", "31 december", "1 january"} <= xmas
    easter = story_text.prepare("Easter dates", EASTER).figures
    on_the_24th = story_text.prepare(None, "It comes in on the 24th, and on the 31st for New Year").figures
    assert story_text.disagree(xmas, easter) and not story_text.disagree(xmas, on_the_24th)
    assert not story_text.disagree(xmas, frozenset())  # no figures: no evidence either way
    assert story_text.prepare(None, "£4,300 and 1.4m and £24bn in 2026").figures == {"4300", "1400000", "24000000000"}


def test_feed_boilerplate_links_and_spellings_are_normalised() -> None:
    cleaned = story_text.clean(
        "UC Act now law", "Existing claimants keep the rate. https://example.org/x\n"
        "The post UC Act now law appeared first on Benefits and Work.\nsubmitted by /u/someone to r/DWPhelp\n"
        "[link] [comments]\nContinue reading...\nThe Department for Work and Pensions said Universal Credit rises.")
    assert "appeared" not in cleaned and "submitted" not in cleaned and "http" not in cleaned
    assert "continue" not in cleaned and "[link]" not in cleaned
    assert "dwp said uc rises" in cleaned
    assert story_text.terms(["payments", "rising", "the", "claimed", "4.8"]) == ["payment", "ris", "claim", "4.8"]


# -- the contract: shape, order, batches, empties, config ---------------------------------------------


def test_one_row_per_new_mention_in_the_order_given() -> None:
    frame = pension_story().sample(frac=1.0, random_state=3).reset_index(drop=True)
    result = group(frame, nothing_known(), PARAMS)
    assert result["mention_id"].tolist() == frame["mention_id"].tolist()
    assert {c: str(t) for c, t in result.dtypes.items()} == OUTPUT_COLUMNS
    assert set(result["method"]) <= set(METHODS)
    firsts = result[result["method"] == "first"]
    assert (firsts["story_id"] == firsts["mention_id"]).all() and (firsts["similarity"] == 1.0).all()
    joined = result[result["method"] != "first"]
    assert joined["story_id"].isin(result["mention_id"]).all() and joined["similarity"].between(0, 1).all()


def test_deterministic_and_independent_of_row_order() -> None:
    frame = pension_story()
    first = group(frame, nothing_known(), PARAMS)
    assert first.equals(group(frame, nothing_known(), PARAMS))
    backwards = group(frame.iloc[::-1].reset_index(drop=True), nothing_known(), PARAMS)
    assert backwards.set_index("mention_id").sort_index().equals(first.set_index("mention_id").sort_index())


def test_a_later_mention_joins_a_story_started_in_the_same_call_and_a_batch_split_agrees() -> None:
    frame = pension_story().sort_values("published_at").reset_index(drop=True)
    whole = group(frame, nothing_known(), PARAMS)
    assert story(whole, "wire-b") == story(whole, "gov")  # both new in this call
    early, late = frame.iloc[:4], frame.iloc[4:]
    first = group(early, nothing_known(), PARAMS)
    second = group(late, as_known(early, first), PARAMS)
    assert partition(pd.concat([first, second])) == partition(whole)


def test_empty_frames_and_missing_text() -> None:
    empty = group(mentions(), nothing_known(), PARAMS)
    assert empty.empty and {c: str(t) for c, t in empty.dtypes.items()} == OUTPUT_COLUMNS
    frame = mentions(("a", 0, "X", pd.NA, pd.NA), ("b", 1, "Y", "", pd.NA), ("c", 2, "Z", pd.NA, PENSION_BODY),
                     ("d", 3, "W", "State Pension to rise", PENSION_BODY))
    for known in (nothing_known(), pd.DataFrame()):
        result = group(frame, known, PARAMS)
        assert result["story_id"].tolist() == ["a", "b", "c", "c"]


def test_thresholds_come_from_config_and_change_the_outcome() -> None:
    settings = load_config(DEFAULT_CONFIG_DIR).settings
    params = StoryParams.from_settings(settings)
    assert (params.duplicate_threshold, params.paraphrase_threshold, params.window_hours) == (
        settings.duplicate_threshold, settings.paraphrase_threshold, settings.story_window_hours)
    frame = pension_story()
    loose = group(frame, nothing_known(), params)
    strict = StoryParams.from_settings(dataclasses.replace(settings, paraphrase_threshold=0.95,
                                                           duplicate_threshold=0.99))
    tight = group(frame, nothing_known(), strict)
    assert story(loose, "wire-a") == story(loose, "gov")
    assert story(tight, "wire-a") != story(tight, "gov") and story(tight, "wire-b") != story(tight, "wire-a")


def test_the_labelled_set_is_large_and_balanced_enough() -> None:
    lines = (PROJECT / "bench" / "data" / "story_pairs.jsonl").read_text(encoding="utf-8").splitlines()
    pairs = [json.loads(line) for line in lines]
    assert len(pairs) >= 300 and sum(p["same_story"] for p in pairs) >= 0.4 * len(pairs)
    assert {p["split"] for p in pairs} == {"dev", "test"}
    assert {p["kind"] for p in pairs if not p["same_story"]} >= {"hard_negative_same_topic", "hard_negative_template"}


# -- real captured feeds ----------------------------------------------------------------------------

NEWS_FEEDS = ("rowanmanning-sample-feeds/bbc_news_world__f43bed9864944644236fc65967b2e178/feed.xml",
              "rowanmanning-sample-feeds/the_guardian__2d055498ae801efb0bf0b6124009cac2/feed.xml",
              "rowanmanning-sample-feeds/the_telegraph__209824d01f039dde14e22fbd7155c86c/feed.xml",
              "uk_public/legislation_gov_uk_search_page_1.atom", "uk_public/legislation_gov_uk_new_data.feed.atom")


def read_feed(relative: str) -> pd.DataFrame:
    path = realdata("feeds", "captured", *relative.split("/"))
    source = Source(name=Path(relative).parent.name, kind="feed", channel="news", path=path)
    return parse_feed(path.read_bytes(), {}, source, dt.datetime(2030, 1, 1, tzinfo=dt.timezone.utc))


@pytest.mark.parametrize("relative", NEWS_FEEDS)
def test_distinct_articles_of_a_real_feed_stay_distinct_even_in_one_day(relative: str) -> None:
    frame = read_feed(relative).sort_values("published_at", kind="stable").reset_index(drop=True)
    # as if the whole feed (days or months of items) had been published within one day, in its order
    frame["published_at"] = (T0 + pd.to_timedelta(frame.index * 24 / len(frame), unit="h")).astype(UTC_TIMESTAMP)
    result = group(frame, nothing_known(), PARAMS)
    assert len(result) == len(frame) >= 20
    assert result["story_id"].nunique() >= 0.85 * len(frame), result["story_id"].value_counts().head()


@pytest.mark.parametrize("relative", NEWS_FEEDS[:3])
def test_a_real_feed_read_twice_groups_each_copy_with_its_original(relative: str) -> None:
    frame = read_feed(relative)
    first = group(frame, nothing_known(), PARAMS)
    again = frame.assign(mention_id="again-" + frame["mention_id"], source="aggregator")
    second = group(again, as_known(frame, first), PARAMS)
    original = dict(zip(first["mention_id"], first["story_id"]))
    enough = [len(set(story_text.terms(list(story_text.prepare(t, x).words)))) >= 4
              for t, x in zip(frame["title"].fillna(""), frame["text"].fillna(""))]
    expected = [original[m] for m in frame["mention_id"]]
    assert [s for s, ok in zip(second["story_id"], enough) if ok] == [s for s, ok in zip(expected, enough) if ok]
    assert sum(enough) >= 0.9 * len(frame)
    assert (second.loc[enough, "method"] == "duplicate").all()
