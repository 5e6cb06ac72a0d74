"""Analysis: pure functions from a mention frame to an enriched mention frame.

:func:`analyse` runs every step in order (matching, sentiment, questions, claims against the
facts register, suggested responses) and validates the result against the full schema.
Nothing here touches the network, the database or Streamlit.
"""

from __future__ import annotations

import pandas as pd

from analysis import claims, matching, questions, responses, sentiment
from analysis.lexicon import lexicon_for
from config import Config
from mention import ALL_COLUMNS, coerce, validate


def analyse(frame: pd.DataFrame, config: Config) -> pd.DataFrame:
    """Return ``frame`` with topics, voices, sentiment, questions, inaccuracies and suggested responses."""
    out = matching.match(frame, config.watchlist)
    out = sentiment.score(out, lexicon_for(config.directory))
    out = questions.detect(out)
    out, candidates = claims.detect(out, config.facts, config.myths)
    out = responses.suggest(out, candidates, config)
    return validate(coerce(out, ALL_COLUMNS)[list(ALL_COLUMNS)], "analysis", ALL_COLUMNS)
