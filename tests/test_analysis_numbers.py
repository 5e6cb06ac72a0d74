"""The number reader: every quantity a UK social-media sentence states, as value, unit, period, span and hedge.

Each case is one short sentence as people post them. Tables assert the spec of
:func:`analysis.numbers.quantities`: base-unit values (pounds, not pence; percent as the percent
number), the unit, the period a rate is per, the span (``text == sentence[start:end]``, hedge words
left out) and the bound a hedge word puts on it.
"""

from __future__ import annotations

import dataclasses

import pytest

from analysis.numbers import Quantity, quantities

UNITS = {"GBP", "percent", "number", "year", "years", "months", "weeks", "days", "hours", "times"}
PERIODS = {None, "hour", "day", "week", "month", "year"}
BOUNDS = {None, "approx", "min", "max"}
FRACTION_REL = 1e-3  # "a third" -> 33.33, "two thirds" -> 66.67
ANY = object()       # a field this case does not pin down


def only(sentence: str) -> Quantity:
    """The one quantity in ``sentence`` (failing with the full list when there is not exactly one)."""
    found = quantities(sentence)
    assert len(found) == 1, f"expected exactly one quantity in {sentence!r}, got {found!r}"
    return found[0]


def assert_quantity(q: Quantity, value: float, unit: str, per: object = None, rel: float | None = None) -> None:
    expected_per = q.per if per is ANY else per
    assert (q.value, q.unit, q.per) == (pytest.approx(value, rel=rel), unit, expected_per), q


# -- money ---------------------------------------------------------------------------------------

MONEY = [
    ("The national living wage is £11.44 right now", 11.44, None),
    ("They've knocked £ 11.44 off my payment again", 11.44, None),
    ("Winter fuel cuts save the Treasury £2.5bn apparently", 2_500_000_000, None),
    ("The Treasury reckons it saves £2.5 billion", 2_500_000_000, None),
    ("Ministers say it's worth 2.5 billion pounds to the economy", 2_500_000_000, None),
    ("My mate on £12.5k can't afford rent anywhere", 12_500, None),
    ("Shes only earning 12.5 grand after tax", 12_500, None),
    ("The council wasted £1.2m on consultants", 1_200_000, None),
    ("Another £5 million for consultants while we starve", 5_000_000, None),
    ("They want £1bn for the new IT system", 1_000_000_000, None),
    ("£1.5 million for a report nobody reads", 1_500_000, None),
    ("My arrears are £1,200 and climbing", 1_200, None),
    ("Got a bill for 400 quid from the council", 400, None),
    ("They charge 50p to use the toilet at the station", 0.5, None),
    ("Bus fare is 99p if you're lucky", 0.99, None),
    ("Invoice says GBP 100 for a PIP report", 100, None),
    ("Paid 100 pounds for a doctor's letter", 100, None),
    ("HMRC owes me £350 and won't pay up", 350, None),
    ("Apparently I owe £2010 in overpayments", 2010, None),  # money, not a year
    ("A prescription is £9.90 in England now", 9.90, None),
    ("Care workers on £11.44/hr deserve better", 11.44, "hour"),
    ("New state pension is £230.25 a week from April", 230.25, "week"),
    ("Full new state pension £230.25pw, hardly a fortune", 230.25, "week"),
    ("My rent is £400.14 pcm for a box room", 400.14, "month"),
    ("Personal allowance is still frozen at £12,570 a year", 12_570, "year"),
    ("Job ad says £35k a year but it's agency", 35_000, "year"),
    ("£3.2bn a year goes unclaimed in pension credit", 3_200_000_000, "year"),
    ("I get £90.15 a week on ESA", 90.15, "week"),
    ("Council tax is £150 a month here", 150, "month"),
    ("400 quid a month on heating this winter", 400, "month"),
    ("Earning £35K a year and still renting", 35_000, "year"),
    ("I'm owed £1,234.56 in backdated PIP", 1_234.56, None),
]


@pytest.mark.parametrize("sentence, value, per", MONEY)
def test_money(sentence: str, value: float, per: str | None) -> None:
    assert_quantity(only(sentence), value, "GBP", per)


# -- percentages ---------------------------------------------------------------------------------

PERCENT = [
    ("Rent's gone up 20% since Christmas", 20),
    ("Council tax up 20 % here, disgraceful", 20),
    ("Pensions go up by 4.1 per cent in April", 4.1),
    ("Energy bills up 10 percent again", 10),
    ("Wages rose 5pc but food rose more", 5),
    ("Inflation hit 5.5% last I checked", 5.5),
    ("Only 37% of eligible pensioners claim it", 37),
    ("The rise is 1.7 per cent, an insult", 1.7),
    ("Earnings growth was 4.8 percent apparently", 4.8),
    ("A 12pc jump in food bank use round here", 12),
]


@pytest.mark.parametrize("sentence, value", PERCENT)
def test_percent(sentence: str, value: float) -> None:
    assert_quantity(only(sentence), value, "percent", None)


# -- counts --------------------------------------------------------------------------------------

COUNTS = [
    ("3,000 people were sanctioned in our area", 3_000),
    ("The petition hit 3k signatures overnight", 3_000),
    ("A million pensioners live in poverty", 1_000_000),
    ("1.2 million people are waiting on PIP", 1_200_000),
    ("2 million people rely on food banks now", 2_000_000),
    ("There are 880,000 pensioners missing out", 880_000),
    ("The backlog is 700k cases and growing", 700_000),
    ("450 jobcentre staff are being cut", 450),
    ("Just 12 people turned up to the meeting", 12),
    ("a dozen of us have had the same letter", 12),
    ("a hundred people queued outside the office", 100),
]


@pytest.mark.parametrize("sentence, value", COUNTS)
def test_counts(sentence: str, value: float) -> None:
    assert_quantity(only(sentence), value, "number", None)


# -- bare numbers (unit "number", per optional) --------------------------------------------------

BARE = [
    ("state pension age is 66", 66, None),
    ("tbh it's 230 a week, not a fortune", 230, "week"),
    ("My rent is 650 a month before bills", 650, "month"),
    ("Min wage is 12.21 an hour now lol", 12.21, "hour"),
    ("Earning 24,000 a year and still skint", 24_000, "year"),
    ("There were 40 in the queue at the food bank", 40, None),
]


@pytest.mark.parametrize("sentence, value, per", BARE)
def test_bare_numbers(sentence: str, value: float, per: str | None) -> None:
    assert_quantity(only(sentence), value, "number", per)


# -- number words --------------------------------------------------------------------------------

NUMBER_WORDS = [
    ("Twenty pounds doesn't even cover the gas", 20, "GBP", None),
    ("It's only ten quid but it all adds up", 10, "GBP", None),
    ("They left me fifty quid a week to live on", 50, "GBP", "week"),
    ("Paying five pounds for a sandwich is mad", 5, "GBP", None),
    ("twenty-five quid for a prescription? really", 25, "GBP", None),
    ("A hundred pounds for a PIP report is a scam", 100, "GBP", None),
    ("Twenty grand a year doesn't go far in London", 20_000, "GBP", "year"),
    ("the allowance is eleven and a half grand", 11_500, "GBP", None),
    ("CA is a ton a week, an insult", 100, "GBP", "week"),
    ("she's on 12 and a half k a year", 12_500, "number", "year"),
    ("a two and a half million pound hole", 2_500_000, "GBP", None),
    ("thirty people queued outside the jobcentre", 30, "number", None),
    ("twenty-five claimants in my group got sanctioned", 25, "number", None),
    ("one hundred and twenty MPs voted against it", 120, "number", None),
    ("Apparently fifteen staff for the whole town", 15, "number", None),
    ("forty-two letters and still no decision", 42, "number", None),
    ("three hundred people marched in Leeds", 300, "number", None),
    ("two thousand signatures already, keep sharing", 2_000, "number", None),
    ("Rents up twenty percent round here", 20, "percent", None),
    ("Twenty-five per cent of claimants are disabled", 25, "percent", None),
]


@pytest.mark.parametrize("sentence, value, unit, per", NUMBER_WORDS)
def test_number_words(sentence: str, value: float, unit: str, per: str | None) -> None:
    assert_quantity(only(sentence), value, unit, per)


# -- fractions (as percent) ----------------------------------------------------------------------

FRACTIONS = [
    ("half of pensioners don't claim what they're owed", 50),
    ("Half of my street is on Universal Credit", 50),
    ("Apparently a half of all appeals succeed", 50),
    ("a third of claimants are still waiting", 100 / 3),
    ("A third of the state pension goes on heating", 100 / 3),
    ("two thirds of PIP decisions get overturned", 200 / 3),
    ("Two-thirds of carers are women", 200 / 3),
    ("a quarter of households are in arrears", 25),
    ("three quarters of people asked said no", 75),
    ("a fifth of families are skipping meals", 20),
    ("a tenth of the budget goes on admin", 10),
]


@pytest.mark.parametrize("sentence, value", FRACTIONS)
def test_fractions_are_percentages(sentence: str, value: float) -> None:
    assert_quantity(only(sentence), value, "percent", None, rel=FRACTION_REL)


# -- multipliers ---------------------------------------------------------------------------------

MULTIPLIERS = [
    ("My energy bill is double what it was", 2),
    ("Rent has doubled since I moved in", 2),
    ("Council tax has doubled in my area", 2),
    ("I've been sanctioned twice for the same thing", 2),
    ("Food prices have tripled round here", 3),
    ("Landlord wants to triple the deposit", 3),
    ("Parking is treble what it used to be", 3),
    ("Electricity costs 3 times what it did", 3),
    ("Bosses get three times the rise nurses get", 3),
    ("Bills went up four times faster than pensions", 4),
    ("CEO pay is 10x what it was", 10),
    ("Prices are 2x what they were pre-pandemic", 2),
]


@pytest.mark.parametrize("sentence, value", MULTIPLIERS)
def test_multipliers(sentence: str, value: float) -> None:
    assert_quantity(only(sentence), value, "times", None)


# -- ages and durations --------------------------------------------------------------------------

AGES_AND_DURATIONS = [
    ("My dad, aged 66, still hasn't been paid", 66, "years", None),
    ("Women aged 60 were robbed of their pensions", 60, "years", None),
    ("You can claim it from age 66", 66, "years", None),
    ("I'm 66 years old and still waiting", 66, "years", None),
    ("66-year-olds are being told to wait", 66, "years", None),
    ("My 67-year-old neighbour got nothing", 67, "years", None),
    ("You get it at the age of 66 now", 66, "years", None),
    ("Waited 6 weeks for a decision", 6, "weeks", None),
    ("Sanctioned for four weeks over a missed call", 4, "weeks", None),
    ("I've been on UC for five years", 5, "years", None),
    ("Paid in for 35 years and this is what I get", 35, "years", None),
    ("It took 3 months to get an assessment", 3, "months", None),
    ("My claim's been stuck for 18 months", 18, "months", None),
    ("Twelve months and still no tribunal date", 12, "months", None),
    ("Still no reply after 10 days", 10, "days", None),
    ("They gave me ten days to respond", 10, "days", None),
    ("You have to do 16 hours to qualify", 16, "hours", None),
    ("On hold for 2 hours to the DWP", 2, "hours", None),
    ("I work 35 hours a week and still can't pay rent", 35, "hours", "week"),
    ("Carers do 50 hours per week unpaid", 50, "hours", "week"),
    ("8 hours a day on my feet for minimum wage", 8, "hours", "day"),
]


@pytest.mark.parametrize("sentence, value, unit, per", AGES_AND_DURATIONS)
def test_ages_and_durations(sentence: str, value: float, unit: str, per: str | None) -> None:
    assert_quantity(only(sentence), value, unit, per)


# -- periods: every way a rate's period is written, and the span that takes it in ---------------

PERIOD_FORMS = [
    ("I get £230.25 a week", 230.25, "week", "£230.25 a week"),
    ("Pays £85 per week, take it or leave it", 85, "week", "£85 per week"),
    ("Room going for £120pw near the station", 120, "week", "£120pw"),
    ("Room going for £120 p/w bills incl", 120, "week", "£120 p/w"),
    ("Agency work at £450/wk if you're lucky", 450, "week", "£450/wk"),
    ("It's £90 weekly on ESA", 90, "week", "£90 weekly"),
    ("It's £90 each week, not enough", 90, "week", "£90 each week"),
    ("Carer's allowance is £83.30 every week", 83.30, "week", "£83.30 every week"),
    ("Care jobs paying £12.21 an hour", 12.21, "hour", "£12.21 an hour"),
    ("Warehouse shifts at £12.60/hr", 12.60, "hour", "£12.60/hr"),
    ("Cleaner wanted £13ph cash in hand", 13, "hour", "£13ph"),
    ("It's £12.21 per hour now", 12.21, "hour", "£12.21 per hour"),
    ("Paid £11 hourly, no sick pay", 11, "hour", "£11 hourly"),
    ("UC is £400.14 a month for me", 400.14, "month", "£400.14 a month"),
    ("My rent is £400.14 pcm for a box room", 400.14, "month", "£400.14 pcm"),
    ("Flat share £650pcm in Bristol", 650, "month", "£650pcm"),
    ("Rent's £800 per month for a studio", 800, "month", "£800 per month"),
    ("£300 monthly for childcare, mad", 300, "month", "£300 monthly"),
    ("Take home is £22,000 a year", 22_000, "year", "£22,000 a year"),
    ("Salary £28,000 per year plus pension", 28_000, "year", "£28,000 per year"),
    ("Graduate role £30,000 per annum", 30_000, "year", "£30,000 per annum"),
    ("Admin job £24k pa in Leeds", 24_000, "year", "£24k pa"),
    ("It costs £1,200 annually to insure my car", 1_200, "year", "£1,200 annually"),
    ("That's £174.50 yearly for the TV licence", 174.50, "year", "£174.50 yearly"),
    ("Food budget is £10 a day", 10, "day", "£10 a day"),
    ("Parking is £8 per day at the hospital", 8, "day", "£8 per day"),
    ("Spending £5 daily on bus fares", 5, "day", "£5 daily"),
]


@pytest.mark.parametrize("sentence, value, per, text", PERIOD_FORMS)
def test_periods(sentence: str, value: float, per: str, text: str) -> None:
    q = only(sentence)
    assert_quantity(q, value, "GBP", per)
    assert q.text == text


# -- hedges and bounds: the bound is noted, the hedge word stays out of the span -----------------

HEDGES = [
    # approx
    ("tbh the state pension is only about £185 a week now", 185, "GBP", "week", "approx", "£185 a week"),
    ("Around £300 a month goes on heating", 300, "GBP", "month", "approx", "£300 a month"),
    ("Roughly 20% of my pension goes on energy", 20, "percent", None, "approx", "20%"),
    ("The scheme cost approximately £2.5bn", 2_500_000_000, "GBP", None, "approx", "£2.5bn"),
    ("approx £230 a week if you're single", 230, "GBP", "week", "approx", "£230 a week"),
    ("Circa £3bn of pension credit goes unclaimed", 3_000_000_000, "GBP", None, "approx", "£3bn"),
    ("c. £3bn goes unclaimed, shocking", 3_000_000_000, "GBP", None, "approx", "£3bn"),
    ("~£200 a month on food alone", 200, "GBP", "month", "approx", "£200 a month"),
    ("nearly £230 a week and they call it generous", 230, "GBP", "week", "approx", "£230 a week"),
    ("Almost 1.4 million pensioners affected", 1_400_000, "number", None, "approx", "1.4 million"),
    ("Some 880,000 pensioners miss out", 880_000, "number", None, "approx", "880,000"),
    ("nearly 300 turned up at the food bank", 300, "number", None, "approx", "300"),
    ("about 20 per cent of my income goes on rent", 20, "percent", None, "approx", "20 per cent"),
    ("Nearly £1bn a year wasted on agency staff", 1_000_000_000, "GBP", "year", "approx", "£1bn a year"),
    # min
    ("Over 1.2 million people waiting on a decision", 1_200_000, "number", None, "min", "1.2 million"),
    ("More than £500 a month on rent alone", 500, "GBP", "month", "min", "£500 a month"),
    ("You need at least 35 years of NI for the full rate", 35, "years", None, "min", "35 years"),
    ("Income above £12,570 is taxed", 12_570, "GBP", None, "min", "£12,570"),
    ("Just over £11 an hour for care work", 11, "GBP", "hour", "min", "£11 an hour"),
    ("Upwards of £1,000 a week for a care home", 1_000, "GBP", "week", "min", "£1,000 a week"),
    ("Work more than 16 hours a week and you lose it", 16, "hours", "week", "min", "16 hours a week"),
    ("I've waited at least 6 weeks for a reply", 6, "weeks", None, "min", "6 weeks"),
    ("Upwards of 2 million people affected", 2_000_000, "number", None, "min", "2 million"),
    # max
    ("Under £200 a week to live on", 200, "GBP", "week", "max", "£200 a week"),
    ("Less than 40% of people claim it", 40, "percent", None, "max", "40%"),
    ("You can get up to £500 back from the council", 500, "GBP", None, "max", "£500"),
    ("Savings below £6,000 don't count", 6_000, "GBP", None, "max", "£6,000"),
    ("Care staff on just under £12 an hour", 12, "GBP", "hour", "max", "£12 an hour"),
    ("On Carer's Allowance you can earn no more than £196 a week", 196, "GBP", "week", "max", "£196 a week"),
    ("No more than 16 hours a week or you lose it", 16, "hours", "week", "max", "16 hours a week"),
    # not hedged: "tops you up to" is an exact top-up figure
    ("Pension Credit tops you up to £227.10 a week", 227.10, "GBP", "week", None, "£227.10 a week"),
    ("It tops you up to £227.10 if you're single", 227.10, "GBP", None, None, "£227.10"),
    ("The full new state pension is £230.25 a week", 230.25, "GBP", "week", None, "£230.25 a week"),
]


@pytest.mark.parametrize("sentence, value, unit, per, bound, text", HEDGES)
def test_hedges_and_bounds(sentence: str, value: float, unit: str, per: str | None, bound: str | None,
                           text: str) -> None:
    q = only(sentence)
    assert_quantity(q, value, unit, per)
    assert (q.bound, q.hedged) == (bound, bound is not None)
    assert q.text == text


HEDGED_FRACTIONS = [
    ("Nearly half of pensioners are missing out", 50, "approx"),
    ("Almost two thirds of appeals are won", 200 / 3, "approx"),
    ("Over a third of claimants waited months", 100 / 3, "min"),
    ("Less than half of claimants get the full amount", 50, "max"),
    ("Just over a quarter of pensioners are in poverty", 25, "min"),
]


@pytest.mark.parametrize("sentence, value, bound", HEDGED_FRACTIONS)
def test_hedged_fractions(sentence: str, value: float, bound: str) -> None:
    q = only(sentence)
    assert_quantity(q, value, "percent", None, rel=FRACTION_REL)
    assert (q.bound, q.hedged) == (bound, True)


# -- years ---------------------------------------------------------------------------------------

YEARS = [
    ("The cuts started in 2010", 2010, "2010"),
    ("Nothing has improved since 2016", 2016, "2016"),
    ("Been waiting since 2019 for a tribunal", 2019, "2019"),
    ("My mum retired back in 1999", 1999, "1999"),
    ("The WASPI women were robbed in 1995", 1995, "1995"),
    ("They're raising it again from April 2026", 2026, "2026"),
    ("By 2028 the pension age will be higher", 2028, "2028"),
    ("The rise kicks in on 6 April 2025", 2025, "2025"),  # the day of a date is not a quantity
]


@pytest.mark.parametrize("sentence, value, text", YEARS)
def test_years(sentence: str, value: float, text: str) -> None:
    q = only(sentence)
    assert_quantity(q, value, "year", None)
    assert q.text == text


TAX_YEARS = [
    ("The 2025/26 personal allowance is frozen", 2025),
    ("Rates for 2025-26 are out now", 2025),
    ("What did we get in 2024/25 then?", 2024),
]


@pytest.mark.parametrize("sentence, value", TAX_YEARS)
def test_tax_years_are_one_year(sentence: str, value: float) -> None:
    assert_quantity(only(sentence), value, "year", None)


def test_pounds_2010_is_money_not_a_year() -> None:
    q = only("My overpayment was £2010 in total")
    assert_quantity(q, 2010, "GBP", None)
    assert q.text == "£2010"


# -- not quantities ------------------------------------------------------------------------------

NOTHING = [
    "Payments go up from April 6th",
    "New rates from the 1st of April",
    "Payday is on the 28th",
    "The helpline opens at 10am, good luck",
    "Rang them at 9:30 and was still on hold at lunch",
    "My appointment is at 14:30",
    "This is the 3rd time they've lost my forms",
    "This is the third time they've lost my forms",
    "My 2nd appeal is next month",
    "Since COVID-19 the jobcentre is a ghost town",
    "Covid-19 wrecked everything",
    "The DWP should answer the phone 24/7",
    "I got a letter from the DWP today",
    "What an absolute shambles this is",
    "Nobody at the jobcentre has a clue",
]


@pytest.mark.parametrize("sentence", NOTHING)
def test_not_quantities(sentence: str) -> None:
    assert quantities(sentence) == []


NOT_AT = [
    # sentence, a string (occurring once) that no quantity may overlap, the quantities that remain
    ("From 6 April the full rate is £230.25 a week", "6", [(230.25, "GBP", "week")]),
    ("April 6th is when £230.25 a week starts", "6th", [(230.25, "GBP", "week")]),
    ("Opens at 10am and I need £50 for the bus", "10am", [(50, "GBP", None)]),
    ("Called at 9:30, on hold for 2 hours", "9:30", [(2, "hours", None)]),
    ("Docked £40 for the 3rd time", "3rd", [(40, "GBP", None)]),
    ("Since COVID-19 I've lost £200 a month", "COVID-19", [(200, "GBP", "month")]),
    ("Helpline 24/7 my foot, waited 3 hours", "24/7", [(3, "hours", None)]),
]


@pytest.mark.parametrize("sentence, guarded, rest", NOT_AT)
def test_no_quantity_at_position(sentence: str, guarded: str, rest: list[tuple[float, str, str | None]]) -> None:
    assert sentence.count(guarded) == 1
    a = sentence.index(guarded)
    b = a + len(guarded)
    found = quantities(sentence)
    assert not [q for q in found if q.start < b and a < q.end], found
    assert len(found) == len(rest), found
    for q, (value, unit, per) in zip(found, rest):
        assert_quantity(q, value, unit, per)


def test_empty_sentence() -> None:
    assert quantities("") == []


# -- several quantities in one sentence ----------------------------------------------------------

MULTIPLE = [
    ("it went from £221.20 to £230.25 a week", [(221.20, "GBP", ANY), (230.25, "GBP", "week")]),
    ("In 2010 the state pension was £97.65 a week", [(2010, "year", None), (97.65, "GBP", "week")]),
    ("A 4.1% rise takes it from £221.20 to £230.25",
     [(4.1, "percent", None), (221.20, "GBP", ANY), (230.25, "GBP", None)]),
    ("Over 1.2 million pensioners live on less than £200 a week",
     [(1_200_000, "number", None), (200, "GBP", "week")]),
    ("NLW goes from £11.44 to £12.21 an hour in April 2025",
     [(11.44, "GBP", ANY), (12.21, "GBP", "hour"), (2025, "year", None)]),
    ("My dad, aged 66, gets £185 a week", [(66, "years", None), (185, "GBP", "week")]),
    ("A third of claimants waited 6 weeks", [(100 / 3, "percent", None), (6, "weeks", None)]),
    ("Bills have doubled and rent is up 20%", [(2, "times", None), (20, "percent", None)]),
    ("The 2025/26 personal allowance is £12,570", [(2025, "year", None), (12_570, "GBP", None)]),
    ("In 2025-26 the full rate is £230.25 a week", [(2025, "year", None), (230.25, "GBP", "week")]),
    ("State pension age is 66 but rises to 67 by 2028",
     [(66, "number", None), (67, "number", None), (2028, "year", None)]),
    ("it's 230 a week and rent is 600 a month", [(230, "number", "week"), (600, "number", "month")]),
    ("I work 16 hours a week for £11.44 an hour", [(16, "hours", "week"), (11.44, "GBP", "hour")]),
    ("Staff cut from 3,000 to 2,400 in a year", [(3_000, "number", None), (2_400, "number", ANY)]),
    ("The full rate is £230.25 a week, up from £221.20", [(230.25, "GBP", "week"), (221.20, "GBP", None)]),
]


@pytest.mark.parametrize("sentence, expected", MULTIPLE)
def test_multiple_quantities_in_order(sentence: str, expected: list[tuple[float, str, object]]) -> None:
    found = quantities(sentence)
    assert len(found) == len(expected), found
    for q, (value, unit, per) in zip(found, expected):
        assert_quantity(q, value, unit, per, rel=FRACTION_REL if unit == "percent" else None)
    assert [q.start for q in found] == sorted(q.start for q in found)


def test_carers_allowance_rate_and_hours_bound() -> None:
    found = quantities("Carer's Allowance is £83.30 a week for at least 35 hours a week")
    assert len(found) == 2, found
    money, hours = found
    assert_quantity(money, 83.30, "GBP", "week")
    assert (money.bound, money.hedged) == (None, False)
    assert_quantity(hours, 35, "hours", "week")
    assert (hours.bound, hours.hedged, hours.text) == ("min", True, "35 hours a week")


# -- spans ---------------------------------------------------------------------------------------

SPANS = [
    ("Treasury says £2.5 billion saved, yeah right", "£2.5 billion"),
    ("Ministers say it's worth 2.5 billion pounds", "2.5 billion pounds"),
    ("They've knocked £ 11.44 off my payment again", "£ 11.44"),
    ("£ 11.44 an hour is poverty pay", "£ 11.44 an hour"),
    ("Invoice says GBP 100 for a PIP report", "GBP 100"),
    ("Got a bill for 400 quid from the council", "400 quid"),
    ("They charge 50p to use the toilet at the station", "50p"),
    ("My mate on £12.5k can't afford rent anywhere", "£12.5k"),
    ("Shes only earning 12.5 grand after tax", "12.5 grand"),
    ("The council wasted £1.2m on consultants", "£1.2m"),
    ("Care workers on £11.44/hr deserve better", "£11.44/hr"),
    ("Full new state pension £230.25pw, hardly a fortune", "£230.25pw"),
    ("Twenty pounds doesn't even cover the gas", "Twenty pounds"),
    ("It's only ten quid but it all adds up", "ten quid"),
    ("Pensions go up by 4.1 per cent in April", "4.1 per cent"),
    ("Wages rose 5pc but food rose more", "5pc"),
    ("Council tax up 20 % here, disgraceful", "20 %"),
    ("Twenty-five per cent of claimants are disabled", "Twenty-five per cent"),
    ("3,000 people were sanctioned in our area", "3,000"),
    ("2 million people rely on food banks now", "2 million"),
    ("one hundred and twenty MPs voted against it", "one hundred and twenty"),
    ("Electricity costs 3 times what it did", "3 times"),
    ("CEO pay is 10x what it was", "10x"),
    ("Waited 6 weeks for a decision", "6 weeks"),
    ("I work 35 hours a week and still can't pay rent", "35 hours a week"),
    ("tbh it's 230 a week, not a fortune", "230 a week"),
]


@pytest.mark.parametrize("sentence, text", SPANS)
def test_span_text_and_offsets(sentence: str, text: str) -> None:
    q = only(sentence)
    assert q.text == text
    assert (q.start, q.end) == (sentence.index(text), sentence.index(text) + len(text))


def test_quantity_is_a_frozen_dataclass_with_the_spec_fields() -> None:
    assert dataclasses.is_dataclass(Quantity)
    names = {f.name for f in dataclasses.fields(Quantity)}
    assert {"value", "unit", "per", "start", "end", "text", "hedged", "bound"} <= names
    q = only("The national living wage is £11.44 right now")
    with pytest.raises(dataclasses.FrozenInstanceError):
        q.value = 12.0  # type: ignore[misc]


def test_value_is_a_float() -> None:
    q = only("My arrears are £1,200 and climbing")
    assert isinstance(q.value, float)


# -- invariants over every sentence above --------------------------------------------------------

def _all_sentences() -> list[str]:
    tables = [MONEY, PERCENT, COUNTS, BARE, NUMBER_WORDS, FRACTIONS, MULTIPLIERS, AGES_AND_DURATIONS,
              PERIOD_FORMS, HEDGES, HEDGED_FRACTIONS, YEARS, TAX_YEARS, NOT_AT, MULTIPLE, SPANS]
    seen: dict[str, None] = {}
    for table in tables:
        for row in table:
            seen.setdefault(row[0], None)
    for sentence in NOTHING:
        seen.setdefault(sentence, None)
    return list(seen)


@pytest.mark.parametrize("sentence", _all_sentences())
def test_invariants(sentence: str) -> None:
    found = quantities(sentence)
    for q in found:
        assert isinstance(q, Quantity)
        assert 0 <= q.start < q.end <= len(sentence)
        assert q.text == sentence[q.start:q.end]
        assert q.unit in UNITS and q.per in PERIODS and q.bound in BOUNDS
        assert q.hedged is (q.bound is not None)
    starts = [q.start for q in found]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in zip(found, found[1:])), "quantities overlap"


# -- money written the continental way -----------------------------------------------------------

CONTINENTAL = [
    ("Statutory Sick Pay is 118,75 pound per week", 118.75, "GBP", "week"),
    ("it costs £2,50 at the corner shop", 2.5, "GBP", None),
    ("you can earn 10.000 pounds before tax", 10_000, "GBP", None),
    ("about 1.250 quid a month in rent", 1_250, "GBP", "month"),
    # not money: a point is a decimal point, and a thousands comma has three digits
    ("it was 1.500 on the scale", 1.5, "number", None),
    ("3,000 pounds in the bank", 3_000, "GBP", None),
    ("£10.000 exactly", 10.0, "GBP", None),
]


@pytest.mark.parametrize("sentence, value, unit, per", CONTINENTAL)
def test_continental_money(sentence: str, value: float, unit: str, per: str | None) -> None:
    assert_quantity(only(sentence), value, unit, per)
