"""The words of the seeded store: titles and texts built from templates around the watchlist's own terms,
and the names of authors. Used by bench/seed.py; nothing here touches a store.

A *body* is one title and text. bench/seed.py draws each mention's body from a few thousand of them and
runs the real analysis on each distinct body once, so what they say decides topics, voices, sentiment,
questions and inaccuracy candidates exactly as a collection would.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from config import Config, WatchEntry

#: How a body reads: a headline with an article summary (news, blog, government, video) or a post.
STYLES = ("headline", "post")
#: What a body is meant to be, and its share of the bodies drawn (the analysis decides what it is).
KINDS = {"statement": 0.56, "voice": 0.16, "question": 0.10, "noise": 0.13, "right_claim": 0.03,
         "wrong_claim": 0.015, "political": 0.005}

TOPIC_NEUTRAL = ["My {t} claim is still being looked at.", "The {t} rates for this year are on GOV.UK.",
                 "Had my {t} review letter this morning.", "They changed how {t} is paid in our area.",
                 "Reading up on {t} before my appointment next week.", "Our group talked about {t} again tonight.",
                 "Sent off the {t} paperwork today.", "Rang the helpline about {t} to check my dates."]
TOPIC_POSITIVE = ["Finally got my {t} sorted, really pleased.", "The {t} payment arrived early, what a relief.",
                  "Brilliant advice on {t} from the helpline, thank you.", "Great to see {t} going up this year.",
                  "Really helpful work coach, my {t} claim went through without a hitch.",
                  "So glad I applied for {t}, it has made a real difference."]
TOPIC_NEGATIVE = ["Been waiting {n} weeks for a {t} decision and nobody answers the phone.",
                  "The {t} system is a complete shambles.", "My {t} payment was late again, absolutely furious.",
                  "Lost hours on hold about {t} today. Disgraceful.",
                  "The {t} form is confusing and the letters contradict each other.",
                  "Terrible experience with {t}, I feel let down."]
QUESTIONS = ["How long does {t} take to come through?", "Does anyone know when {t} is paid over Christmas?",
             "How much is {t} now?", "Can I get {t} if I own my home?", "Who do I call about a missing {t} payment?",
             "Is {t} going up in April?", "Has anyone had their {t} stopped after a review?",
             "What do I need to bring to a {t} appointment?"]
VOICE_LINES = {
    "positive": ["{v} were brilliant with my {t} claim, can't thank them enough.",
                 "Really helpful guide from {v} on {t}.", "Thanks to {v} for sorting it out so quickly."],
    "negative": ["{v} got it wrong again on {t}.", "Spent all morning on the phone to {v} and got nowhere.",
                 "{v} keeps sending letters about {t} that make no sense."],
    "neutral": ["{v} has published new guidance on {t}.", "{v} says demand for help with {t} is up.",
                "According to {v}, more people are eligible for {t} than claim it."],
}
NEWS_LINES = ["Figures published this week show {n},000 more people claiming {t} than a year earlier.",
              "Campaigners warned that {t} delays are leaving people without money for weeks.",
              "The government says {t} will rise in line with inflation.",
              "You can check whether you are eligible for {t} on GOV.UK.",
              "Critics called the decision a disgrace.", "Ministers said the change would help people on low incomes.",
              "The changes take effect from next month."]
SPOKESPERSON = 'A spokesperson for {v} said: "We are committed to supporting everyone who is eligible for {t}."'
HEADLINES = ["{T}: what changes this month", "{T} claims rise sharply, figures show", "{T} explained",
             "How to claim {t}: a step-by-step guide", "Families face delays to {t} payments",
             "New figures on {t} published", "Warning over {t} scam texts", "{T} backlog falls for third month"]
VOICE_HEADLINES = ["Thousands missing out on {t}, says {v}", "{v} calls for review of {t}",
                   "MPs question {v} over {t} delays", "{v} welcomes changes to {t}"]
POST_TITLES = ["{T} help", "{T} late again", "Re: {t} review", "{T} update", "Question about {t}",
               "{T} finally sorted", "{T} again..."]
CLAIM_TITLES = ["Is this right?", "Heard this today", "Can this be true", "Worth knowing", "Fact check please"]
CLAIM_HEADLINES = ["What the figures say", "Your money questions answered", "Readers' letters", "The week in benefits"]
WRONG_CLAIMS = ["the full new State Pension is only £221.20 a week", "Pension Credit tops you up to £218.15 a week",
                "the national living wage is £11.44 an hour", "they've scrapped the winter fuel payment for everyone",
                "you can't get pension credit if you own your home", "the state pension age is going up to 70 next year",
                "PIP is means-tested now", "VAT is 17.5% on most things", "the basic rate of income tax is 25%",
                "child benefit is £24.00 a week for the eldest"]
RIGHT_CLAIMS = ["the full new State Pension is £230.25 a week", "the national living wage is £12.21 an hour",
                "Pension Credit tops up a single person's income to £227.10 a week", "VAT is 20% on most things"]
CLAIM_LEADS = ["Apparently {c}.", "My neighbour says {c}.", "Just read that {c}.", "Reminder: {c}.", "So {c}, is that right"]
POLITICAL = ["The Tories wrecked {t} and Labour is no better.", "Typical Labour, cutting {t} while pretending to care.",
             "Reform would scrap {t} altogether, disgraceful."]
NOISE = ["Bus was late again this morning.", "Cost of living is biting round here.", "Anyone watching the football tonight?",
         "Council tax letter came today, up again.", "Energy bills are frightening this winter.",
         "Lovely walk by the river today.", "Food bank needs volunteers on Saturdays.", "Rent went up again."]
CLAIMS = ("right_claim", "wrong_claim", "political")
NOISE_TITLES = ["Local news round-up", "Weekend plans", "Cost of living diary", "Community notice", "Random thoughts"]

FIRST = ["Jane", "Tom", "Priya", "Mohammed", "Sarah", "David", "Aisha", "Gareth", "Fiona", "Lorraine", "Kwame",
         "Siobhan", "Raj", "Helen", "Owen", "Chloe", "Patrick", "Yasmin", "Graham", "Megan", "Tina", "Callum"]
LAST = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Evans", "Khan", "Patel", "Murphy", "Roberts",
        "Walker", "Hughes", "Edwards", "Green", "Hall", "Wood", "Clarke", "Ahmed", "Campbell", "Kelly", "Price"]
PLACES = ["Teesside", "Leeds", "Cardiff", "Belfast", "Glasgow", "Bristol", "Norwich", "Hull", "Derby", "Swansea"]


@dataclass(frozen=True)
class Body:
    style: str   # headline | post
    kind: str    # one of KINDS
    topic: str   # the watchlist topic it was written about ("" for none)
    title: str | None
    text: str


def terms(entry: WatchEntry) -> list[str]:
    """Words the entry's query finds: its top-level OR alternatives that are one phrase or one plain word,
    written as in the entry's name where the name contains them ("State Pension", not "state pension")."""
    found = []
    for alternative in _top_level_or(entry.query):
        alternative = alternative.strip()
        phrase = re.fullmatch(r'"([^"*?]+)"', alternative)
        word = re.fullmatch(r"@?[A-Za-z][\w'&-]*", alternative)
        term = phrase.group(1) if phrase else alternative if word and alternative not in ("AND", "NOT") else None
        if term:
            at = entry.name.lower().find(term.lower())
            found.append(entry.name[at:at + len(term)] if at >= 0 else term)
    return found or [entry.name]


def _top_level_or(query: str) -> list[str]:
    parts, depth, quoted, start = [], 0, False, 0
    for i, char in enumerate(query):
        quoted = not quoted if char == '"' else quoted
        depth += (char == "(") - (char == ")") if not quoted else 0
        if not quoted and depth == 0 and query.startswith(" OR ", i):
            parts.append(query[start:i])
            start = i + 4
    return [*parts, query[start:]]


def bodies(config: Config, count: int, style: str, rng: random.Random) -> list[Body]:
    """``count`` bodies of one style, each of a kind drawn by :data:`KINDS`, about topics drawn Zipf-like."""
    topics = [(e.name, terms(e)) for e in config.watchlist.topics]
    voices = [terms(v) for v in config.watchlist.voices]
    topic_weights = [1 / (i + 1) for i in range(len(topics))]
    voice_weights = [1 / (i + 1) for i in range(len(voices))]
    out = []
    for _ in range(count):
        kind = rng.choices(list(KINDS), list(KINDS.values()))[0]
        name, words = rng.choices(topics, topic_weights)[0] if topics else ("", ["benefits"])
        voice = rng.choice(rng.choices(voices, voice_weights)[0]) if voices else "the department"
        out.append(_body(style, kind, "" if kind == "noise" else name, rng.choice(words), voice, rng))
    return out


def _body(style: str, kind: str, topic: str, t: str, v: str, rng: random.Random) -> Body:
    n = rng.randint(2, 30)
    fill = {"t": t, "T": t[:1].upper() + t[1:], "v": v, "n": n}
    mood = rng.choices(["positive", "neutral", "negative"], [0.25, 0.35, 0.40])[0]
    pool = {"positive": TOPIC_POSITIVE, "neutral": TOPIC_NEUTRAL, "negative": TOPIC_NEGATIVE}[mood]
    lines = {"statement": lambda: [rng.choice(pool)], "voice": lambda: [rng.choice(VOICE_LINES[mood])],
             "question": lambda: [rng.choice(pool), rng.choice(QUESTIONS)],
             "noise": lambda: rng.sample(NOISE, 2),
             "right_claim": lambda: [rng.choice(CLAIM_LEADS).format(c=rng.choice(RIGHT_CLAIMS))],
             "wrong_claim": lambda: [rng.choice(CLAIM_LEADS).format(c=rng.choice(WRONG_CLAIMS))],
             "political": lambda: [rng.choice(POLITICAL)]}[kind]()
    if style == "headline":
        title = rng.choice(NOISE_TITLES if kind == "noise" else VOICE_HEADLINES if kind == "voice" else
                           CLAIM_HEADLINES if kind in CLAIMS else HEADLINES)
        lines += rng.sample(NEWS_LINES, rng.randint(1, 2)) + ([SPOKESPERSON] if rng.random() < 0.3 else [])
    else:
        title = rng.choice(QUESTIONS if kind == "question" else NOISE_TITLES if kind == "noise" else
                           CLAIM_TITLES if kind in CLAIMS else POST_TITLES)
        if rng.random() < 0.3:
            lines.append(f"I'm in {rng.choice(PLACES)} if that matters.")
    if kind == "noise":
        fill = {**fill, "t": "benefits", "T": "Benefits"}
    return Body(style, kind, topic, title.format(**fill), " ".join(line.format(**fill) for line in lines))


def author_names(channel: str, count: int, rng: random.Random) -> list[str]:
    """``count`` distinct author names as a channel shows them: bylines, handles or channel names."""
    names: dict[str, None] = {}
    while len(names) < count:
        first, last = rng.choice(FIRST), rng.choice(LAST)
        if channel in ("news", "blog", "government"):
            name = f"{first} {rng.choice('ABCDEFGHJKLMNPRSTW') + '. ' if len(names) > 400 else ''}{last}"
        elif channel == "video":
            name = f"{first}'s {rng.choice(['Money', 'Benefits', 'Pension', 'Budget'])} Channel {len(names)}"
        else:
            name = f"{first}{rng.choice([last, rng.choice(PLACES), ''])}{rng.randint(1, 9999)}"
        names[name] = None
    return list(names)
