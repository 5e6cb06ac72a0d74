"""Suggest a response to each mention, and check any draft against the rules of engagement.

The kind (``mention.RESPONSE_KINDS``) is decided in this order, each with a plain-words reason:

* **do_not_engage**, with no draft: a party-political argument (the post names a party or politician
  listed in responses.toml and argues: an argument word, a loaded word or a negative tone), or a
  correction that would show a claim to more people than the post did (a forum or social post with at
  most ``low_reach_max`` replies and likes together; reach the source does not give is never low);
* **correct**: an inaccuracy candidate. The fact first with its date and GOV.UK link (for a myth, the
  approved rebuttal and link); the wrong claim at most once; no word about motive;
* **refer**: a personal case (asked about, or a problem told), to the service's contact page, never
  discussed in public; a question nothing approved answers, signposted to its topic's guide; a complaint
  about the service, to the complaints procedure;
* **answer**: a question the FAQ answers, or a question about amounts the facts register answers;
* **acknowledge**: a kind word about the department (its own voice, positive).

Personal cases, complaints and kind words are answered only on channels where people talk to each other
(``reply_channels``): a news article quoting a claimant is not a conversation.

Templates live in config/responses.toml. :func:`with_disclosure` adds or removes the line saying who
speaks (always added for a named account); :func:`short_variant` fits a draft to 280 X characters;
:func:`check_draft` runs every check on any text, an edited draft too (those live in
:mod:`analysis.drafts`). Drafts only: nothing is posted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from analysis.claims import Candidate, format_value, keyword_hit
from analysis.questions import is_personal_case
from analysis.sentiment import label
from analysis.drafts import named_in, political_names, with_disclosure
from analysis.text import fold, full_text, sentences
from config import Config, Fact, FaqEntry
from mention import read_matches

@dataclass(frozen=True)
class Suggestion:
    """What to do about one mention: its kind, the draft ('' for none) and why, in plain words."""
    kind: str
    draft: str
    reason: str


# -- deciding ---------------------------------------------------------------------------------------

def suggest(frame: pd.DataFrame, candidates: list[list[Candidate]], config: Config) -> pd.DataFrame:
    """Return ``frame`` with ``response_kind``, ``suggested_response`` and ``response_reason`` columns."""
    found = [suggest_one(row, flagged, config) for row, flagged in zip(frame.to_dict("records"), candidates)]
    out = frame.copy()
    for column, values in (("response_kind", [s.kind for s in found]), ("suggested_response", [s.draft for s in found]),
                           ("response_reason", [s.reason for s in found])):
        out[column] = pd.Series(values, index=frame.index, dtype="string")
    return out


def suggest_one(row: Mapping[str, Any], candidates: Sequence[Candidate], config: Config) -> Suggestion:
    """The suggestion for one mention (a row of the mention schema) and its flagged candidates."""
    text = full_text(_text(row.get("title")), _text(row.get("text")))
    channel, tone = _text(row.get("channel")), _text(row.get("sentiment_label"))
    topics = [t for t in _text(row.get("topics")).split(";") if t]
    if channel == "government":
        return Suggestion("", "", "A government publication: nobody replies to it in public.")
    argued = political_argument(text, tone, config)
    if argued:
        also = f" It also contradicts {candidates[0].id}: raise that with the press office." if candidates else ""
        return Suggestion("do_not_engage", "", f"Party-political argument ({argued}). Civil servants stay "
                                               f"impartial and take no part.{also}")
    if candidates:
        reach = low_reach(channel, row.get("replies"), row.get("score"), config)
        if reach is not None:
            return Suggestion("do_not_engage", "", f"Low reach: {reach} replies and likes together on this {channel} "
                                                   "post. A correction would show the claim to more people than "
                                                   "the post did; watch it instead.")
        return _correction(candidates[0], len(candidates), config)
    return _case_or_question(text, row, topics, tone, config)


def _case_or_question(text: str, row: Mapping[str, Any], topics: list[str], tone: str, config: Config) -> Suggestion:
    topic, rules = (topics[0] if topics else ""), config.responses
    asks, conversation = _flag(row.get("is_question")), _text(row.get("channel")) in rules.reply_channels
    if conversation and (asks or tone == "negative") and is_personal_case(text):
        url = rules.contacts.get(topic) or config.topic_url(topic)
        return Suggestion("refer", draft("refer", config, topic=topic or "your claim", topic_url=url),
                          f"A personal case: referred to the contact page for {topic or 'the department'}, never "
                          "discussed in public.")
    if asks:
        return _answer(_question_text(row), row, topics, config)
    voice = _own_voice(row, config)
    complaint = named_in(fold(text), rules.complaint_words) if conversation and tone == "negative" else []
    if complaint and (topics or voice is not None):
        reply = draft("complaint", config, topic=topic, complaint_url=rules.complaint_url)
        return Suggestion("refer", reply,
                          f"A complaint about the service (“{complaint[0]}”): referred to the complaints procedure.")
    if conversation and voice is not None and label(voice) == "positive" and tone != "negative":
        return Suggestion("acknowledge", draft("acknowledge", config, topic=topic, url=config.topic_url(topic)),
                          "A kind word about the department: a short thank-you.")
    return Suggestion("", "", "Nothing to respond to: no inaccuracy, question, personal case, complaint or kind "
                              "word about the department.")


def _question_text(row: Mapping[str, Any]) -> str:
    """What is asked: the title and the sentences with a question mark (all the text when none has one), so
    that an FAQ keyword in the rest of a post ("Deferring the State Pension...") does not pick the answer."""
    title, body = _text(row.get("title")), _text(row.get("text"))
    asked = [s for s in sentences(body) if "?" in s]
    return " ".join([title, *asked]) if asked or "?" in title else full_text(title, body)


def _answer(asked: str, row: Mapping[str, Any], topics: list[str], config: Config) -> Suggestion:
    topic, day = (topics[0] if topics else ""), _day(row.get("published_at"))
    folded = fold(asked)
    entry, hits = faq_entry(folded, topics, config, day)
    if entry is not None:
        return Suggestion("answer", draft("answer", config, statement=entry.answer, source_url=entry.url, topic=topic),
                          f"A question the FAQ answers ({entry.id}, asked about “{max(hits, key=len)}”).")
    fact = _named_fact(folded, config, day) if _text(row.get("question_kind")) == "amounts" else None
    if fact is not None:
        reply = draft("answer", config, statement=fact.statement, source_url=fact.source_url, topic=topic)
        return Suggestion("answer", reply, f"A question about amounts the facts register answers ({fact.id}).")
    if topic:
        return Suggestion("refer", draft("signpost", config, topic=topic, topic_url=config.topic_url(topic)),
                          f"A question neither the FAQ nor the register answers: signposted to the {topic} guide.")
    return Suggestion("", "", "A question about no watched topic: nothing approved answers it.")


def _correction(candidate: Candidate, count: int, config: Config) -> Suggestion:
    more = f" ({count - 1} more in the post)" if count > 1 else ""
    if candidate.kind == "myth":
        myth = next(m for m in config.myths if m.id == candidate.id)
        reply = draft("myth", config, rebuttal=myth.rebuttal or f"This is not correct: {myth.claim}",
                      claim=myth.claim, source_url=myth.source_url)
        return Suggestion("correct", reply, f"Repeats the known false claim {myth.id}: the approved rebuttal and "
                                            f"its GOV.UK page{more}.")
    fact = next(f for f in config.facts if f.id == candidate.id)
    official = format_value(fact.value, fact.unit, fact.per)
    reply = draft("correct", config, official=official, statement=fact.correction or fact.statement,
                  valid_from=_date_words(fact.valid_from), source_url=fact.source_url, claimed=candidate.claimed)
    return Suggestion("correct", reply, f"Says {candidate.claimed} where the official figure is {official} "
                                        f"({fact.id}): the fact first, with its date and GOV.UK page{more}.")


def political_argument(text: str, tone: str, config: Config) -> str:
    """Why ``text`` is a party-political argument ('' when it is not): the names and what makes it an argument."""
    names = political_names(text, config)
    if not names:
        return ""
    folded = fold(text)
    cues = named_in(folded, config.responses.argument_words + config.responses.loaded_words)
    if not cues and tone != "negative":
        return ""
    how = f"uses “{cues[0]}”" if cues else "in a negative tone"
    return f"names {', '.join(names)} and {how}"


def low_reach(channel: str, replies: Any, score: Any, config: Config) -> int | None:
    """Replies plus likes when that is low enough for a reply only to amplify the post; None otherwise.

    Unknown counts (NA: the source gives none) are never low: a post nobody can measure may be seen widely."""
    rules = config.responses
    if channel not in rules.low_reach_channels or pd.isna(replies) or pd.isna(score):
        return None
    reach = int(replies) + int(score)
    return reach if reach <= rules.low_reach_max else None


def faq_entry(folded: str, topics: Sequence[str], config: Config, day: dt.date) -> tuple[FaqEntry | None, list[str]]:
    """The FAQ entry that answers a (folded) question and the keywords it named: the most keywords wins, then
    the longest keyword ("own my home" is more telling than "claim"), then the first in the file."""
    best: tuple[FaqEntry | None, list[str]] = (None, [])
    for entry in config.responses.faq:
        if not entry.valid_on(day) or (entry.topic and entry.topic not in topics):
            continue
        hits = named_in(folded, entry.keywords)
        if hits and (len(hits), max(map(len, hits))) > (len(best[1]), max(map(len, best[1]), default=0)):
            best = (entry, hits)
    return best


def _named_fact(folded: str, config: Config, day: dt.date) -> Fact | None:
    scored = [(len(keyword_hit(folded, f)), f) for f in config.facts if f.valid_on(day)]
    scored = [(n, f) for n, f in scored if n]
    return max(scored, key=lambda pair: pair[0])[1] if scored else None


def _own_voice(row: Mapping[str, Any], config: Config) -> float | None:
    """The sentiment toward the department's own voice in this mention; None when it is not named."""
    own = {v.name for v in config.watchlist.voices if v.own}
    for tag in read_matches(_text(row.get("matches"))):
        if tag.get("kind") == "voice" and tag.get("name") in own:
            value = tag.get("sentiment")
            return float(value) if value is not None else 0.0
    return None


def draft(template: str, config: Config, **fields: str) -> str:
    """The approved ``template`` filled in (the department's name included), signed when the account is named."""
    text = config.templates[template].format(department=config.settings.organisation_name, **fields)
    return with_disclosure(text, config, config.responses.account.named)


def _flag(value: Any) -> bool:
    return False if value is None or pd.isna(value) else bool(value)


def _text(value: Any) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _day(published: Any) -> dt.date:
    return published.date() if isinstance(published, (dt.datetime, pd.Timestamp)) and not pd.isna(published) \
        else dt.date.today()


def _date_words(day: dt.date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else "the current tax year"
