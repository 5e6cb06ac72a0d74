"""Suggest a response for each flagged mention, from the approved templates in config/responses.toml.

* an inaccuracy candidate gets a **correction**: the official figure, its date and its source link
  (or, for a myth, the approved rebuttal and link); the wrong claim is not repeated;
* a personal case gets a **referral** to the topic's GOV.UK page, never a public discussion;
* another question gets an **answer** from the fact it names, else a referral to the topic page.

Drafts only: nothing is ever posted; a person copies and edits the draft.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from analysis.claims import Candidate, format_value, keyword_hit
from analysis.questions import is_personal_case
from analysis.text import fold, full_text
from config import Config, Fact


def _date_words(day: dt.date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else "the current tax year"


def _correction(candidate: Candidate, config: Config) -> str:
    if candidate.kind == "myth":
        myth = next(m for m in config.myths if m.id == candidate.id)
        return config.templates["myth"].format(
            rebuttal=myth.rebuttal or f"This is not correct: {myth.claim}", claim=myth.claim,
            source_url=myth.source_url, department=config.settings.organisation_name)
    fact = next(f for f in config.facts if f.id == candidate.id)
    return config.templates["correct"].format(
        official=format_value(fact.value, fact.unit, fact.per), statement=fact.correction or fact.statement,
        valid_from=_date_words(fact.valid_from), source_url=fact.source_url, claimed=candidate.claimed,
        department=config.settings.organisation_name)


def _named_fact(text: str, config: Config, day: dt.date) -> Fact | None:
    folded = fold(text)
    scored = [(len(keyword_hit(folded, f)), f) for f in config.facts if f.valid_on(day)]
    scored = [(n, f) for n, f in scored if n]
    return max(scored, key=lambda pair: pair[0])[1] if scored else None


def suggest_one(text: str, topics: list[str], is_question: bool, candidates: list[Candidate],
                config: Config, day: dt.date) -> tuple[str, str]:
    """(kind, draft) for one mention; ('', '') when no response is suggested."""
    if candidates:
        return "correct", _correction(candidates[0], config)
    if not is_question:
        return "", ""
    topic = topics[0] if topics else None
    department = config.settings.organisation_name
    if is_personal_case(text):
        name = topic or "your claim"
        return "refer", config.templates["refer"].format(
            topic=name, topic_url=config.topic_url(topic or ""), department=department)
    fact = _named_fact(text, config, day)
    if fact is not None:
        return "answer", config.templates["answer"].format(
            statement=fact.statement, source_url=fact.source_url, topic=topic or "", department=department)
    if topic is not None:
        return "refer", config.templates["refer"].format(
            topic=topic, topic_url=config.topic_url(topic), department=department)
    return "", ""


def suggest(frame: pd.DataFrame, candidates: list[list[Candidate]], config: Config) -> pd.DataFrame:
    """Return ``frame`` with ``response_kind`` and ``suggested_response`` columns."""
    kinds, drafts = [], []
    rows = zip(frame["title"].fillna(""), frame["text"].fillna(""), frame["topics"].fillna(""),
               frame["is_question"], frame["published_at"], candidates)
    for title, text, topics, question, published, found in rows:
        day = published.date() if not pd.isna(published) else dt.date.today()
        kind, draft = suggest_one(full_text(title, text), [t for t in topics.split(";") if t], bool(question),
                                  found, config, day)
        kinds.append(kind)
        drafts.append(draft)
    out = frame.copy()
    out["response_kind"] = pd.Series(kinds, index=frame.index, dtype="string")
    out["suggested_response"] = pd.Series(drafts, index=frame.index, dtype="string")
    out["response_reason"] = pd.Series([""] * len(out), index=frame.index, dtype="string")
    return out
