"""Query matching speed: many realistic mentions against 50 realistic watchlist queries.

    .venv/bin/python bench/match.py [--rows 1000000] [--seed 7] [--workers N] [--profile]

Generates mentions by combining a few thousand generated sentences and titles (seeded, so every
run sees the same corpus; combinations keep almost every row's text distinct), parses 50 queries
mixing phrases, wildcards, NEAR, fields and NOT, and evaluates them all with
``analysis.query.evaluate_many``. Prints seconds, mentions per second and the peak memory of the
process; ``--profile`` reruns on one thread under cProfile and prints where the time went.
Nothing here asserts a time: it prints figures. The issue's target is 1,000,000 rows in 60 s.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import resource
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.query import Query, evaluate_many, parse  # noqa: E402

SUBJECTS = ["My mum", "The DWP", "Our neighbour", "A reader", "The Jobcentre", "My work coach", "Citizens Advice",
            "Age UK", "Martin Lewis", "Nobody", "The government", "My husband", "Zoë from the café", "Our MP",
            "The minister", "A pensioner in Leeds", "Turn2us", "The council", "My landlord", "Everyone here"]
VERBS = ["says", "told me", "claims", "confirmed", "wrote that", "explained that", "doesn’t think", "reckons",
         "heard", "warned that", "announced that", "was asked whether", "still can't believe"]
OBJECTS = [
    "the State Pension is going up in April", "the triple lock will stay", "the state pension age rises to 67",
    "Pension Credit tops up weekly income", "pension credit claims are taking months", "Universal Credit "
    "sanctions are rising", "the UC standard allowance is £400.14 a month", "the Winter Fuel Payment has been "
    "scrapped", "winter fuel payments arrive in November", "the PIP assessment was a disgrace", "PIP reviews are "
    "delayed again", "the jobcentre in town is closing", "the job centre queue was huge", "the national living wage "
    "is £12.21 an hour", "the minimum wage went up", "the cost of living is biting", "the cost-of-living payment "
    "was late", "benefit fraud is overstated", "the work capability assessment is changing", "housing benefit "
    "won't cover the rent", "the bedroom tax is back in the news", "child benefit is frozen", "carer's allowance "
    "overpayments are a scandal", "the helpline kept me on hold", "the online journal is down", "the football was "
    "good", "the weather is awful", "the pensioners’ protest is on Saturday", "the naïve plan will fail",
    "scammers are texting about cost of living payments", "pip install fixed my laptop", "the advance payment "
    "was refused", "the disability benefits cut is cruel", "the appeal tribunal found in my favour",
]
ENDINGS = ["Brilliant news!", "What a disgrace.", "Thanks for the help.", "How much is it now?", "#pensions",
           "#UniversalCredit", "@DWP please reply.", "Does anyone know when it changes?", "Furious.", "",
           "Source: gov.uk", "Not sure what to make of it.", "Shared by @CitizensAdvice", "Typical."]
HOSTS = ["www.gov.uk", "assets.publishing.service.gov.uk", "www.bbc.co.uk", "www.theguardian.com", "www.reddit.com",
         "forums.moneysavingexpert.com", "www.ageuk.org.uk", "mastodon.social", "www.youtube.com", "localnews.example"]
SOURCES = ["GOV.UK: DWP news", "BBC News", "Reddit: UKBenefitsHelp", "MSE forum", "Age UK blog", "Mastodon #pensions",
           "YouTube: Money explained", "Regional news"]
CHANNELS = ["government", "news", "forum", "forum", "blog", "social", "video", "news"]
AUTHORS = ["Martin Lewis", "dwp press office", "Jane Smith", "pension_pete", "Zoë Müller", "anon", "Age UK",
           "Citizens Advice", "benefits_helper", "Sam O’Neill"]
LANGUAGES = ["en"] * 14 + ["en-GB", "cy", "fr"]

QUERIES = [
    '"state pension" OR "pension age" OR "triple lock"',
    '"pension credit" AND NOT (scam* OR fraud*)',
    '("universal credit" OR UC) AND (sanction* OR "work coach")',
    '"winter fuel" NEAR/3 (payment* OR allowance)',
    'PIP NOT "pip install"',
    'title:(jobcentre OR "job centre")',
    'site:gov.uk AND pension*',
    'author:"martin lewis" OR MSE OR "money saving expert"',
    '"cost of living"~3 AND (payment* OR benefit*)',
    'DWP NEAR/5f (delay* OR late OR "on hold")',
    '"national living wage" OR "minimum wage"',
    '(pension* OR benefit*) AND channel:forum',
    'title:"state pension" AND NOT site:reddit.com',
    '"carer\'s allowance" AND overpayment*',
    '"bedroom tax" OR "spare room subsidy"',
    '"housing benefit" NEAR/4 rent',
    '"child benefit" AND (frozen OR freeze OR cap)',
    '(disab* OR PIP) NEAR/6 cut*',
    '"work capability assessment" OR WCA',
    '"appeal tribunal" OR (appeal* NEAR/3 tribunal*)',
    'jobcentre* AND (clos* OR queue*)',
    'url:youtube.com AND (pension* OR "universal credit")',
    '"citizens advice" OR @CitizensAdvice',
    '"age uk" OR @age_uk OR title:"age uk"',
    'Turn2us OR "turn 2 us"',
    'scam* NEAR/5 (text* OR "cost of living")',
    '"advance payment" AND refus*',
    '(helpline OR "on hold") AND NOT football',
    '"online journal" AND (down OR broken OR outage)',
    'pensioner* AND protest*',
    '"triple lock" NEAR/10 (stay* OR scrap* OR keep*)',
    'source:reddit AND ("universal credit" OR PIP)',
    'language:en AND "state pension"',
    'NOT language:en AND (pension* OR benefit*)',
    'cafe OR naive',
    '"£400.14" OR "£12.21"',
    '#pensions OR #UniversalCredit',
    '@DWP AND (reply OR help)',
    'text:disgrace AND (PIP OR assessment*)',
    '(minister OR government) NEAR/8 (announc* OR confirm*)',
    '"state pension age" OR ("pension age" NEAR/2 67)',
    'channel:video AND (pension* OR benefit* OR wage)',
    '("winter fuel" OR "cost of living") AND NOT scam*',
    'title:(pension* OR benefit*) AND NOT channel:government',
    'author:(lewis OR "age uk" OR "citizens advice")',
    'site:bbc.co.uk OR site:theguardian.com',
    '"universal credit"~2 AND NOT "standard allowance"',
    'fraud* AND (benefit* OR DWP)',
    '(landlord* OR rent) AND "housing benefit"',
    'weather OR football',
]


def corpus(rows: int, seed: int) -> pd.DataFrame:
    """``rows`` mentions made from 4,000 sentences and 2,000 titles, sampled with a seeded generator."""
    rng = random.Random(seed)
    sentences = [f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}. {rng.choice(ENDINGS)}".strip()
                 for _ in range(4000)]
    titles = [f"{rng.choice(SUBJECTS)}: {rng.choice(OBJECTS)}"[:90] for _ in range(2000)]
    pick = np.random.default_rng(seed)
    parts = pick.integers(0, len(sentences), size=(rows, 4))
    counts = pick.integers(1, 5, size=rows)
    text = [" ".join(sentences[j] for j in parts[i, :counts[i]]) for i in range(rows)]
    host = pick.integers(0, len(HOSTS), size=rows)
    source = pick.integers(0, len(SOURCES), size=rows)
    return pd.DataFrame({
        "title": pd.array(np.array(titles, dtype=object)[pick.integers(0, len(titles), size=rows)], dtype="string"),
        "text": pd.array(text, dtype="string"),
        "author": pd.array(np.array(AUTHORS, dtype=object)[pick.integers(0, len(AUTHORS), size=rows)],
                           dtype="string"),
        "url": pd.array([f"https://{HOSTS[h]}/item/{i}" for i, h in enumerate(host)], dtype="string"),
        "source": pd.array(np.array(SOURCES, dtype=object)[source], dtype="string"),
        "channel": pd.array(np.array(CHANNELS, dtype=object)[source], dtype="string"),
        "language": pd.array(np.array(LANGUAGES, dtype=object)[pick.integers(0, len(LANGUAGES), size=rows)],
                             dtype="string"),
    })


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, default=None, help="threads scanning terms (default: one per core)")
    parser.add_argument("--profile", action="store_true", help="also profile one run on one thread")
    args = parser.parse_args()

    started = time.perf_counter()
    frame = corpus(args.rows, args.seed)
    built = time.perf_counter() - started
    queries: dict[str, Query] = {f"q{i:02d}": parse(q) for i, q in enumerate(QUERIES)}
    terms = len({leaf for q in queries.values() for leaf in _leaves(q)})
    print(f"corpus: {len(frame):,} mentions ({frame['text'].nunique():,} distinct texts) built in {built:.1f} s; "
          f"{len(queries)} queries, {terms} distinct terms; peak memory so far {_peak_mb():,.0f} MB")

    started = time.perf_counter()
    results = evaluate_many(queries, frame, workers=args.workers)
    seconds = time.perf_counter() - started
    rates = sorted(float(r.mean()) for r in results.values())
    print(f"evaluate_many: {seconds:.1f} s, {len(frame) / seconds:,.0f} mentions/s "
          f"({len(frame) * len(queries) / seconds:,.0f} mention-queries/s)")
    print(f"share of mentions matched per query: min {rates[0]:.1%}, median {rates[len(rates) // 2]:.1%}, "
          f"max {rates[-1]:.1%}")
    print(f"peak memory: {_peak_mb():,.0f} MB (the process, corpus included)")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(evaluate_many, queries, frame, workers=1)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(12)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def _leaves(query: Query) -> list[object]:
    from analysis.query import _leaves as leaves  # the distinct-term count is a figure, not an API
    return list(leaves(query.root))


if __name__ == "__main__":
    main()
