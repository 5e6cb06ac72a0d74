"""Analysis: pure functions from a mention frame to an enriched mention frame.

:func:`analyse` runs every step in order (matching, sentiment, questions, claims against the
facts register, suggested responses) and validates the result against the full schema.
Nothing here touches the network, the database or Streamlit.
"""

from __future__ import annotations

import pandas as pd

from analysis import claim_context, claims, embed, myths, numbers, questions, responses, sentiment, text, watch
from analysis.lexicon import lexicon_for
from config import Config, ConfigError
from mention import ALL_COLUMNS, coerce, validate


def analyse(frame: pd.DataFrame, config: Config) -> pd.DataFrame:
    """Return ``frame`` with topics, voices, sentiment, questions, inaccuracies and suggested responses."""
    lexicon = lexicon_for(config.directory)
    out = watch.match(frame, config.watchlist, lexicon)
    out = sentiment.score(out, lexicon)
    out = questions.detect(out)
    out, candidates = claims.detect(out, config)
    out = responses.suggest(out, candidates, config)
    return validate(coerce(out, ALL_COLUMNS)[list(ALL_COLUMNS)], "analysis", ALL_COLUMNS)


def check(config: Config) -> list[str]:
    """Check the parts of the config only analysis can read (watchlist and myth queries, sentiment lexicon).

    Raises ConfigError listing every problem, named like the loader's own; returns the warnings
    (costly query patterns) that do not stop anything."""
    problems: list[str] = []
    try:
        lexicon_for(config.directory)
    except ConfigError as exc:
        problems.extend(exc.problems)
    errors, warnings = watch.problems(config.watchlist)
    problems.extend(errors)
    problems.extend(claims.problems(config.facts))
    problems.extend(myths.problems(config.myths))
    if problems:
        raise ConfigError(problems)
    return warnings


def retag(frame: pd.DataFrame, config: Config) -> pd.DataFrame:
    """Tag stored mentions again after a watchlist edit: topics, voices, matches, and the responses
    that depend on the topic (answers and referrals; corrections of inaccuracies do not)."""
    lexicon = lexicon_for(config.directory)
    out = watch.match(frame, config.watchlist, lexicon)
    redrafted = responses.suggest(out, [[] for _ in range(len(out))], config)
    keep = out["inaccuracy_ids"].fillna("") != ""
    for column in ("response_kind", "suggested_response", "response_reason"):
        out[column] = out[column].where(keep, redrafted[column]).astype("string")
    return out


def clear_caches() -> None:
    """Forget what was kept about recent sentences (their vectors and numbers): for measuring cold runs."""
    embed.clear_cache()
    text.clear_cache()
    numbers.clear_cache()
    claim_context.clear_cache()
    myths.clear_cache()
