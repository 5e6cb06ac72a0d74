"""Is a number in a sentence a claim of present fact? The hard negatives of claim checking.

A press officer corrects what a post asserts to be true now. These are not such claims, and are
never flagged: hypotheticals ("if VAT went up to 25%"), the past ("in 2010 the allowance was
£6,475"), what something should be ("should be £15"), predictions ("will rise to £250"), personal
experience ("I get £180 a week"), questions, reports of what others say, and corrections or
denials ("it's not £9.50 any more"). :func:`reason` names which of these a number falls under.

Markers are looked for in the clause that holds the number (a clause ends at ; : ( ) a dash, "but",
"whereas", "although"), so "the new State Pension is £230.25 a week, but my mum only gets £180"
rejects the £180 and keeps the £230.25. Reports, questions and denials are looked for in the whole
sentence. Precision comes first: a marker anywhere in the clause is enough.
"""

from __future__ import annotations

import re
from functools import lru_cache

# an emoji ends a clause as a full stop would: "tax 101 for my england girlies 💅 basic rate tax is 19%"
_CLAUSE_BREAK = re.compile(r"[;:(),\U0001F300-\U0001FAFF\u2600-\u27BF\u2B50\u2B55]|\s[-–—]\s|"
                           r"\b(?:but|whereas|although|though|while|however|"
                           r"and(?!\s(?:over|under|above|below|older|younger)\b)|so|which|"
                           r"because|cos|coz|cause|then|plus|n)\b")
# the people whose amounts a writer reports as personal: "Dad gets £61.35", "mum's state pension is £198"
_KIN = ("mum|mam|mom|dad|nan|nana|gran|granny|grandma|grandad|grandpa|hubby|wife|husband|partner|son|daughter|"
        "sister|brother|auntie|aunt|uncle|neighbour|dh|ds|dd|mil|fil")
_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = tuple((name, re.compile(pattern)) for name, pattern in (
    # "only if it's a relative" and "unless they live with you" state a rule, they suppose nothing
    ("hypothetical", r"\b(?<!only )(?<!only paid )(?<!only counts )(?<!only applies )(?<!only get it )"
                     r"(?<!only eligible )(?<!only entitled )(?:if)\b(?!\s(?:you|you're|you've|youve|youre|your|u|ur|"
                     r"they're|theyre|they are|you are|their|someone|somebody|anyone|there's|there is|theres|"
                     r"a person|people|he's|she's)\b)(?!\s(?:that|this|it)(?:'s|s| is) (?:lower|less|higher|more|"
                     r"smaller|bigger)\b)"
                     # a real condition, in the present: "if I take the job I lose my PIP" tells a rule
                     r"(?!\s(?:i|she|he|we|they)\s(?:take|takes|accept|accepts|start|starts|get|gets|earn|earns|"
                     r"work|works)\b)|\b(?:imagine|suppose|supposing|were to|wouldn't|could|"
                     # "I would remind him that...", "I'd point out" assert politely
                     r"would(?! (?:remind|point out|note|add|stress|like to (?:remind|point out)))|"
                     # "might as well book the extra shifts" resigns itself, it supposes nothing
                     r"couldn't|might(?! as well)|in theory|hypothetically|depending on|depends on)\b|'d\b"),
    ("past", r"\b(?:was|were|wasn't|weren't|used to|back in (?:the day|my day|(?:19|20)\d\d|the (?:\d|sixties|"
             r"seventies|eighties|nineties|noughties))|back when|last (?:year|april|time)|previously|"
             r"formerly|had (?:just |only |recently )?been|years ago|in the past|at the time|once was|went up from|"
             r"up from|stood at|"
             r"originally|initially|first (?:came in|came out|started|launched|began|brought in|introduced)|"
             r"(?:risen|rose|increased|gone up|went up|jumped|climbed|moved) from|"
             # "the 50p additional rate ran from April 2010 until April 2013"
             r"ran (?:from|until|till|between)|lasted (?:until|till)|"
             r"(?<!retired )(?<!retiring )(?<!age )before (?:\w+ )?(?:19|20)\d\d)\b"),
    ("should", r"\b(?:should(?! (?:know|be aware|note|check|remember|read)\b)|shouldn't|shd|shud|shld|ought|"
               r"must be(?! paid)|needs? to|deserves?|wish|hopes?|"
               r"want(?:s|ed)? "
               r"(?:it|them)|calls? for|calling for|campaign(?:s|ing)? for|demand(?:s|ing)?|petition|"
               r"at least be|fair(?:er)? (?:figure|rate|amount))\b"),
    # what one hopes or plans for: "anyone hoping to stop work at 67"
    ("wish", r"\b(?:hoping|hoped|planning to|planned to|planning on|planned on)\b"),
    ("prediction", r"\b(?:will|won't|going to|gonna|set to|due to (?:rise|go|increase|fall)|"
                   r"expect(?:s|ed)?(?!\s(?:you|u|people|them|us|me|him|her|pensioners|claimants) to\b)|"
                   r"forecasts?|predict\w*|projected|next (?:year|april|month|week|tax year|spring)|from next|"
                   r"rising to|rises to|rise to|increasing to|increase to|going up|go up to|goes up to|"
                   r"in the future|(?<!as )soon(?! as)|plans? to|proposed|proposals?|probably|likely|maybe|perhaps|bet|"
                   r"within (?:a|one|two|three|four|five|\d+) years?)\b|'ll\b"),
    ("personal", r"\b(?:i|we|i'm|we're|i've|we've)\s(?:only\s|now\s|just\s|still\s)?(?:get|got|receive|received|"
                 r"earn|earned|am paid|was paid|get paid|am on|'m on|on|have|had|take home|claim|claimed)\b|"
                 r"\b(?:i'm|im|we're)\s(?:only\s)?(?:on|getting|paid|earning|receiving)\b|"
                 # not "our guests", "my clients": people the writer serves, not the writer
                 r"\b(?:my|our|mine|his|her)\b(?!\s(?:\w+\s)?(?:guests|clients|members|customers|residents|patients|"
                 r"staff|users|readers|listeners|tenants|volunteers|students|followers|viewers|constituents)\b)|"
                 r"\bone of (?:my|our)\b|\bfor me\b|"
                 # "me CB's 43.30 a week": "me" for "my"
                 r"\bme (?:cb|child benefit|pension|state pension|sp|wages?|pay|uc|pip|ca|benefits?|allowance|"
                 r"mum|dad|nan|husband|wife|fella|missus|kids|bairns|weans)\b|"
                 r"\b(?:my|our)\s(?:mum|dad|nan|gran|grandad|wife|husband|partner|son|daughter|neighbour|friend|"
                 r"boss|employer|manager|work|job|company)\b|\b(?:pays?|paid|paying)\s(?:me|us)\b|"
                 # someone the writer knows: "Dad gets £61.35 a week pension credit on top"
                 rf"\b(?:{_KIN}|he|she|oh)\s"
                 r"(?:only\s|now\s|just\s|still\s)?(?:gets|got|receives|received|earns|earned|is on|'s on|is paid|"
                 r"was paid|takes home|claims|ends up with|is left with)\b|\b(?:he|she|they) (?:ends?|end) up with\b|"
                 # "mum's state pension is £198 a week": a relative's own amount
                 rf"\b(?:{_KIN})'s\b"),
    ("correction", r"(?<!n't )(?<!dont )(?<!not )\bforget (?:about |it|retiring|claiming|getting)|"
                   r"(?<!anyone )(?<!those )(?<!people )(?<!someone )(?<!everyone )\b(?:not|isn't|aren't|no longer|"
                   r"any ?more|anymore|actually|in fact|wrong|incorrect|myth|"
                   r"false|untrue|rubbish|nonsense|misinformation|mistaken|correction|isnt|arent|wasnt|dont|doesnt|"
                   r"hasnt|havent)\b(?!\s(?:forget|worry|panic|earn|realise|realize|know|understand)\b)"
                   r"(?!\s(?:have to\s)?pay\s(?:any\s|a penny\s|a penny of\s)?"
                   r"(?:income\s)?tax\s(?:on|until|till|before)\b)|"
                   r"n't\b(?!\s(?:forget|worry|panic|earn|realise|realize|know|understand)\b)"
                   r"(?!\s(?:have to\s)?pay\s(?:any\s|a penny\s|a penny of\s)?"
                   r"(?:income\s)?tax\s(?:on|until|till|before)\b)"),
))
# markers that govern the rest of the sentence: "ought to be ... - that's about £427 a week",
# "is set to go up to £12.71 next April, and the rate for 18-20 year olds to £10.85"
_BEFORE_TOO = frozenset({"should", "prediction"})
# a benefit claimed, not a claim made: "she cant claim carers allowance for helping her neighbour", "has never claimed
# Pension Credit because..." (not "they claim PIP is means-tested")
_NOT_A_BENEFIT = (r"(?!\s(?:pension credit|pip|universal credit|uc|carer's allowance|carers allowance|carers|"
                  r"child benefit|benefits?|the (?:state pension|allowance|benefit|payment))"
                  r"(?:[.,;!?]|$|\s(?:for|because|since|at|from|on|in|yet|but|and|so|when|after|before|until|if|"
                  r"unless|while|with)\b))")
_REPORTED = re.compile(
    r"\b(?:people|ppl|some|they|others|everyone|folk|someone|somebody|he|she|adults|voters|respondents|many|most|"
    r"brits|britons|the public|the (?:mail|sun|express|telegraph|times|"
    r"mirror|guardian|papers?|press|tabloids?|headline|article))\s(?:\w+\s){0,2}(?:say|said|says|"
    rf"claim\w*{_NOT_A_BENEFIT}|think|thinks|"
    r"believe|believes|reckon|reckons|reported|reports|are saying|keep saying|told me|wrote|writes)\b|"
    r"\b(?:reportedly|rumou?r\w*|allegedly|according to|heard (?:that|it)(?! here first)|claims? that|claims it|"
    # "my opponents claim this Government scrapped...", "critics claim"
    r"(?:opponents|critics|rivals|campaigners|unions|politicians|ministers|mps|influencers|posts|experts|reports|"
    r"papers|tabloids|leaflets|websites|articles|videos|scammers) claim|"
    r"it'?s claimed|supposedly|so-called|someone said|i read|i've read|i saw|i've seen|saw a post|"
    r"told (?:me|us|the|everyone|people|them|my|our)(?!(?:\s\w+)?\sto\b)|told (?:\w+\s){1,3}that|"
    r"posted (?:\w+ )?that|"
    r"tells (?:me|us|everyone|people)|(?:have |had )?read (?:online |somewhere |on facebook )?that|"
    # "read in a newspaper over there that", a fact-check's "CLAIM: ..."
    r"\bread (?:in|on) (?:\S+\s){1,5}that\b|^claim:|"
    r"telling (?:me|us|everyone|people|them|you)|told you|\bconvinced\b|"
    r"\b(?:gave|listed|quoted|printed|stated|put)\s(?:\S+\s){0,6}as\b|"
    r"a caller|caller said|(?:we|i) (?:printed|wrote|stated|published)|"
    # "they'll say no to pension credit" refuses, it reports nothing
    r"(?<!sorry to )(?:say|says|said)(?!\sno\b)|saying|reckons|insists|insisting|insisted|swears|"
    # not a benefit claimed: "it cannot be claimed by friends"
    r"(?<!start )(?<!started )(?<!to )(?<!can )(?<!i'm )(?<!im )(?<!for )(?<!still )"
    # "claiming PIP is means-tested" reports, and so does "have been claiming the State Pension age is going to 70"
    r"(?:claims|claiming|(?<!be )(?<!been )(?<!being )claimed)(?!\s(?:their|your|his|her|my|our|it)\b)"
    rf"{_NOT_A_BENEFIT}|"
    # someone the writer knows says or thinks it: "my nan thinks the WFP has been scrapped"
    rf"(?:{_KIN})\s(?:\w+\s)?(?:says|said|thinks|thought|reckons|believes|swears|insists|convinced)|(?:{_KIN}) told\b|"
    r"suggesting that|(?:keep|kept|keeps) hearing|hearing (?:that|it)|"
    r"(?:keep|kept|keeps) (?:posting|saying|sharing)|posting that|posts? (?:saying|claiming|claim|say)|"
    r"going round|doing the rounds|circulating|viral|(?:is|are|was|were|'s) convinced|"
    r"(?:we|i) (?:often |always |still |regularly |keep |sometimes )?hear)\b")
_DENIAL = re.compile(
    r"\b(?:not true|untrue|myth|false|fake|rubbish|nonsense|misinformation|debunk\w*|isn't true|is wrong|"
    r"not the case|no it|that's wrong|incorrect|don't believe|do not believe|ignore|contrary to|"
    r"no (?:plans?|intention|proposals?) to|(?:not|isn't|aren't|is not|are not) (?:planning|going|set|rising|"
    r"increasing|moving|being raised|changing|jumping|going up|shooting up|climbing) (?:up )?to|"
    r"nothing (?:has been|is|'s been) (?:decided|agreed|confirmed)|"
    r"no decision|not been decided|"
    r"misconceptions?|misunderstanding|common mistake)\b|^(?:no|nope)[.!]*$|"
    r"\b(?:does not|doesn't|do not|don't|won't|will not|did not|didn't)\s(?:\w+\s)?(?:stop|affect|count against|"
    r"look at|looks at|consider|care about|take into account|take account of|"
    r"disqualify|rule (?:you|people|them) out|matter|bar|prevent|count)\b|"
    # not "you have to spend your savings before you can get it": a condition, no denial
    r"(?<!before )(?<!until )(?<!unless )(?<!if )(?<!with )\b(?:you|people|they|anyone|homeowners|pensioners) can "
    r"(?:still\s)?(?:get|claim|apply)\b|"
    r"\bcan still\b|\byes,? (?:you|they|she|he|we) (?:can|do|will)\b|"
    # "more pensioners will get the Winter Fuel Payment this year", "it is being paid this winter"
    r"\b(?:pensioners|people|homeowners|carers|claimants|millions|they|you) (?:will|would) (?:still |now )?(?:get|"
    r"receive|be paid)\b|\b(?:is|are) (?:still )?being paid\b|"
    r"\b(?:don't|do not|doesn't|does not) (?:have|need) to\b|"
    r"\b(?:isn't|is not|aren't|are not|not) (?:just|only) (?:for|about)\b|\bnothing to do with\b|"
    r"\b(?:isn't|is not|aren't|are not|not) (?:counted|included|taken into account)\b|"
    r"\b(?:isn't|isnt|is not|aren't|are not|not) means[- ]?tested\b|"
    # "PIP isn't affected by your income or savings"
    r"\b(?:isn't|isnt|is not|aren't|are not|not) affected by\b|"
    # the reason denied: "some homeowners dont get PC but thats cos their income is over the limit, not cos they own"
    r"\bnot (?:because|cos|coz|cause) (?:of )?(?:they|you|he|she|we|i|it|their|your|his|her|the|owning|having)\b|"
    # "Nobody has taken WFP off every pensioner": a denial, though "nobody ... every" is the myth's own shape
    r"^(?:nobody|no one|no-one)\s(?:has|have|is|are|'s|was|will)\s(?:\w+\s)?(?:taken|taking|took|scrapp\w*|"
    r"abolish\w*|axed|axing|binned|cut|cutting|stopp\w*|rais\w*|remov\w*)\b|"
    r"\bnobody(?:'s| is) (?:making|forcing|stopping|taking)\b|\bfor the (?:millionth|hundredth|last) time\b|"
    r"\bwrongly (?:assume|believe|think)|\bstill (?:be(?:ing)?\s)?(?:paid|get|gets|getting|receive|"
    r"available|there|exists|going)\b")
_PREDICTION = dict(_MARKERS)["prediction"]
# myths are claims about now: a sentence that hedges, wonders or speaks of the past does not assert one
_NOT_ASSERTIVE = re.compile(r"\b(?:should(?! (?:know|be aware|note|check|remember|read)\b)|whether|"
                            r"might(?! as well)|may(?! as well)|could|"
                            r"would|maybe|perhaps|depending|not sure|unsure|no idea|(?<!since )last (?:year|winter)|"
                            r"back in|used to|"
                            r"previously|years ago)\b")


def _bounds(folded: str, start: int, end: int) -> tuple[int, int]:
    """Where the clause of ``folded`` that holds the span ``start:end`` begins and ends."""
    left = max((m.end() for m in _CLAUSE_BREAK.finditer(folded, 0, start)), default=0)
    right = next((m.start() for m in _CLAUSE_BREAK.finditer(folded, end)), len(folded))
    return left, right


def clause(folded: str, start: int, end: int) -> str:
    """The clause of ``folded`` that holds the span ``start:end``."""
    left, right = _bounds(folded, start, end)
    return folded[left:right]


# a leading clause that sets the sentence in another year: "Before the taper was cut in November 2021, ..."
_LEAD_PAST = re.compile(r"(?:before|until|till|back when|up to)\b[^,;:]*\b(?:19|20)\d\d\b[^,;:]*[,;:]")
_APPOSITIVE = re.compile(r"\s*(?:currently|now|at present|presently)\s+\S*\d")
_RELATIVE = re.compile(r"\s*(?:is|are|now|currently|stands|has|was set)\b")
_WHICH = re.compile(r"[,\s]*\bwhich\s*$")
_LEAD = re.compile(r"(?:for|with|on|as for|under|in|among)\s[^,;:]*,\s*")
# a list item's label: "• couple: £332.95/wk", "aged 21 and over: £13.15/hr"
_LABEL = re.compile(r"[^\w£$]*[^,;:.!?]{1,40}:\s+")


def clause_with_lead(folded: str, start: int, end: int) -> str:
    """:func:`clause`, with the phrase that leads the sentence into it when there is one: "for each additional
    child, child benefit is worth £26 a week" is about additional children."""
    left, right = _bounds(folded, start, end)
    part = folded[left:right]
    lead = _LEAD.match(folded) or _LABEL.match(folded)
    if lead and folded.startswith(part.strip(), lead.end()):
        return folded[:lead.end()] + part
    which = _WHICH.search(folded, 0, left) if left and _RELATIVE.match(part) else None
    if which:  # "State Pension age, which is now 67": the clause before says what "which" is
        return clause(folded, max(which.start() - 1, 0), max(which.start() - 1, 0)) + part
    if left and _APPOSITIVE.match(part) and folded[left - 1] == ",":  # "State Pension age, currently 67, and ..."
        return clause(folded, left - 1, left - 1) + part
    return part


_DIGIT = re.compile(r"\d")
_EXPLAINS = frozenset({"because", "cos", "coz", "cause"})
_RESTATES = re.compile(r"\s*(?:it's|it is|that's|that is|this is|which is|i\.?e\.?)\b")


def reach(folded: str, start: int, end: int) -> int:
    """Where what is said about the number at ``start:end`` ends: its clause's end, or the end of the
    next clause when that one says what the number is or why, with no number of its own ("VAT is just 5%,
    it's the reduced rate", "5% VAT because energy is on the reduced rate"; not "£393.45 a month, then
    housing element on top")."""
    right = next((m.start() for m in _CLAUSE_BREAK.finditer(folded, end)), len(folded))
    after = next((m for m in _CLAUSE_BREAK.finditer(folded, end)), None)
    explains = after is not None and after.group() in _EXPLAINS  # "5% VAT because it's on the reduced rate"
    if after is None or not (explains or _RESTATES.match(folded, after.end())):
        return right
    further = next((m.start() for m in _CLAUSE_BREAK.finditer(folded, after.end())), len(folded))
    return right if _DIGIT.search(folded, right, further) else further


# what the sentence says is disowned wherever these are: "..., stop spreading that"
_DISOWNED = re.compile(r"\b(?:stop (?:spreading|sharing|posting)|fake news|scaremongering|misinformation|"
                       r"disinformation)\b")
_DID_YOU_KNOW = re.compile(r"(?:did|do|didn't) (?:you|u|ya|people|everyone|anyone) (?:know|realise|realize)\b")
_CONTRAST = re.compile(r"(?<!not )\b(?:but|yet|however|whereas)\b")
# a denial that leads what it denies: "it is not true, as one of your letter writers suggested, that VAT has gone up"
_NOT_TRUE_THAT = re.compile(r"\b(?:it is|it's|its|it isn't|that is|that's) (?:simply |just |quite )?(?:not true|untrue|"
                            r"false|a myth|not the case|nonsense|rubbish)\b[^.;!?]*?\bthat\b")
# set phrases that hold a marker's word but mark nothing: "£108.55 a week, if anyone was wondering"
_FORMULAS = re.compile(r"\b(?:(?:if|in case) (?:anyone|any1|you|u|ya|people|folks?)(?:'s| is| are| was| were| r)? "
                       r"wondering|if you ask me|mark my words)\b")
# not "as": "it will go up to as much as £250"; a relative clause in the present says what a thing is: "you are likely
# to receive the basic State Pension, which pays £190 a week"
_PREDICTION_STOP = re.compile(r"\b(?:because|cos|coz|cause)\s|,\s*which (?:is|are|pays|gives|means)\b")
# "Families will see Child Benefit rise from today: £26.05 a week": what holds from today is no prediction
_TODAY = re.compile(r"\b(?:from|as of|as from|starting|since) (?:today|this week|this month)\b")
_PRESENT = re.compile(r"\b(?:currently|the current (?:rate|level|amount|figure)|at the moment|right now|at present|"
                      r"presently|as things stand|as of now)\b")
# a bare future ("they'll claw it back") before a rule's condition ("if your income is over £50,000") states
# the rule, it predicts nothing; "next year", "rise to" and the like still do
_BARE_FUTURE = re.compile(r"\b(?:will|won't|wont|gonna|going to)\b|'ll\b")
# what a benefit does for "you", in the future tense, states how it works: "you'll get", "it will top up your income"
_YOU_GET = re.compile(r"\b(?:you|u)(?:'ll|ll| will) (?:only |still |just )?(?:get|receive|be paid|be entitled|lose|"
                      r"keep)\b|"
                      r"\bwill (?:top up|pay|give) (?:you|your|u|ur)\b")
_CARED_FOR = re.compile(r"\b(?:looking after|look after|looks after|looked after|caring for|care for|cares for|"
                        r"cared for)\s(?:my|our|his|her)\b|"
                        # "her" told, not hers: "told her it tops u up to 200 quid a week"
                        r"\b(?:told|tell|tells|telling|showed|show|asked|ask|reminded|remind|helped|help) her\b")
_RULE_IF = re.compile(r"\b(?:if|unless|once|when)\s(?:you|you're|youre|your|u|ur|they|they're|theyre|"
                      r"their|someone|somebody|anyone|a person|people|he|she|his|her)\b|"
                      # "repaid through tax by those with a taxable income over £30,000"
                      r"\b(?:those|anyone|anybody|people|someone|households|pensioners) (?:with|who|whose|earning)\b|"
                      r"\b(?:whose|with (?:a |an )?)(?:taxable |total |annual )?income\b")
# the personal clause before governs a clause that only works its amount out, or goes on with no subject of its
# own: "I'm on 90% of my pay, works out around £420 a week"; "my dad's on the old basic pension and gets £142"
_CARRIES_ON = re.compile(r"\s*(?:it\s|which\s|that\s)?(?:works? out|comes? (?:out\s)?to|adds? up to|making|"
                         r"so (?:about|around|roughly)|that's|thats|which is|(?:only\s|just\s|still\s)?(?:gets|got|"
                         r"receives|received|earns|earned|takes home|is paid|ends up with|is left with))\b")
# a sentence opening on a verb of getting has dropped its "I": "only got £95 SSP this week"
_DROPPED_I = re.compile(r"^(?:only |just |still |finally )?(?:got|getting|get|received|receiving|earned|earning|"
                        r"been (?:getting|paid|on))\b")


@lru_cache(maxsize=16384)
def reason(folded: str, start: int, end: int) -> str | None:
    """Why the number at ``start:end`` of the folded sentence is not a claim of present fact (None: it is)."""
    if "wonder" in folded or " ask me" in folded or "mark my" in folded:
        folded = _blank(_FORMULAS, folded)
    left, right = _bounds(folded, start, end)
    part = folded[left:right]
    if (is_question(part) or (is_question(folded) and not _CLAUSE_BREAK.search(folded, end))) and \
            not _DID_YOU_KNOW.match(folded):  # "Did you know Carer's Allowance is currently £76.75 a week?" tells
        return "question"  # the number's own clause asks, not "..., so I think I'm over?"
    # a report before the number governs it up to a "but" or "yet": "the government says it wants people in work,
    # yet UC still takes 63p of every pound" is the writer's own
    since = max((m.end() for m in _CONTRAST.finditer(folded, 0, start)), default=0)
    if _REPORTED.search(folded, since, end) or _REPORTED.search(part):
        return "reported"  # "the Mail claims, ... £150": a report before the number, or in its clause
    if _DISOWNED.search(folded) or _NOT_TRUE_THAT.search(folded, 0, start):
        return "correction"  # "nobody pays a 25% basic rate, stop spreading that"; "it is not true that..."
    lead = _LEAD_PAST.match(folded)
    if lead and start >= lead.end():
        return "past"  # "Before the taper was cut in November 2021, claimants lost 63p of every £1"
    for name, pattern in _MARKERS:
        if name == "prediction":  # not across "because": "they'll tax our pensions soon because the allowance is £10k",
            # nor into a clause of its own that says "currently": "you'll receive SSP, which is currently £116.75"
            since = left if _PRESENT.search(part) or _TODAY.search(folded) else \
                max((m.end() for m in _PREDICTION_STOP.finditer(folded, 0, start)), default=0)
            found = pattern.search(folded, since, right) and pattern.search(
                " " * since + _without_bare_future(folded, left, start)[since:] +
                _blank(_BARE_FUTURE, folded[start:right]))
        elif name in _BEFORE_TOO:
            found = pattern.search(folded, 0, right)
        else:
            # whom one cares for is no one's amount: "70 quid a week for looking after my dad"
            found = pattern.search(_blank(_CARED_FOR, part) if name == "personal" else part) or (
                name == "personal" and _CARRIES_ON.match(part) and (
                pattern.search(folded, 0, left) or _DROPPED_I.search(folded)))
        if found:
            return name
    return "personal" if left == 0 and _DROPPED_I.search(folded) else None


def clause_reason(folded: str, start: int, end: int) -> str | None:
    """:func:`reason` read in the number's clause alone: what the clause itself says of the number, whatever
    the rest of the sentence predicts ("... is not going up to 70: it is 66" states 66)."""
    left, right = _bounds(folded, start, end)
    return reason(folded[left:right], start - left, end - left)


def _without_bare_future(folded: str, left: int, start: int) -> str:
    """``folded`` up to ``start`` with a bare future blanked out when the number is in a rule's condition: "they'll
    claw it back if your income is over £50,000" states the rule, "it'll rise to £250 next year" predicts."""
    # "Pension Credit will top up your income to £235 a week"; "pensioners will receive £186.45 a week from today"
    if _YOU_GET.search(folded, 0, start) or _TODAY.search(folded):
        return _blank(_BARE_FUTURE, folded[:start])
    rule = None
    for rule in _RULE_IF.finditer(folded, left, start):
        pass
    if rule is None:
        return folded[:start]
    return _blank(_BARE_FUTURE, folded[:rule.start()]) + folded[rule.start():start]


def _blank(pattern: re.Pattern[str], text: str) -> str:
    """``text`` with what ``pattern`` finds replaced by spaces (offsets kept)."""
    return pattern.sub(lambda m: " " * len(m.group()), text)


# a sentence opening on an inverted verb asks, with or without its question mark: "wait is WFP scrapped for
# everyone now or just the rich ones"
_ASKS = re.compile(r"^(?:(?:wait|so|ok|okay|hang on|quick q|quick question|genuine q|genuine question|sorry|hi|hey|"
                   r"hello)[,!.:]*\s+)*(?:is|are|does|did|has(?! to\b)|"
                   # not the writer's own "was gonna apply for pip but...", with "I" dropped
                   r"(?:was|were)(?!\s(?:gonna|going|about|just|thinking|hoping|planning|told|meant|supposed|"
                   r"trying|gutted|shocked|surprised)\b)|can(?! confirm)|will)\s")


def is_question(folded: str) -> bool:
    speaker = _SPEAKER.match(folded)  # a chat's "nan: is state pension still 230.25 or has it gone up"
    return folded.rstrip("!\"'”’) ").endswith("?") or bool(_ASKS.match(folded[speaker.end():] if speaker else folded))


_SPEAKER = re.compile(r"[a-z][\w']*(?: [a-z][\w']*)?:\s+")


def cues(folded: str) -> dict[str, bool]:
    """What in a sentence weighs against it asserting a present fact, for the learned myth decision (which
    never sees questions, reports or denials: those are skipped outright): it hedges or wonders, supposes,
    or predicts."""
    return {"hedged": bool(_NOT_ASSERTIVE.search(folded)), "hypothetical": bool(_MARKERS[0][1].search(folded)),
            "prediction": bool(_PREDICTION.search(folded))}


def predicts(folded: str) -> bool:
    """True for a sentence that foretells, by more than a bare future: "next year", "mark my words", "bet"
    (not "they'll say no", "you won't get it", which state a rule in the future tense)."""
    return bool(_PREDICTION.search(folded) and _PREDICTION.search(_blank(_BARE_FUTURE, folded))) or \
        "mark my words" in folded


# a refutation, then a stop: "It isn't.", "Not true.", "it's not, it's £230.25" (not "it's not complicated")
_REFUTES = re.compile(r"(?:(?:it|that|this|which)(?:'s| is|s)? (?:simply |just |absolutely |completely )?"
                      r"(?:not|wrong|false|untrue|a myth|rubbish|nonsense)|"
                      r"(?:it|that|this) (?:isn't|isnt|is not|doesn't|doesnt|does not|won't|will not)|not true|nope|no|"
                      r"wrong|false|untrue|a myth|myth|"
                      r"rubbish|nonsense|utter rubbish)(?: true| correct| so| the case| at all)?"
                      r"(?:\s*[,.;:!—–-]|\s*$|\s(?:mate|love|pal|sorry|though|i'm afraid)\b)")


def refutes(folded: str) -> bool:
    """True for a short sentence that refutes the one before: "It isn't.", "Not true.", "That's a myth", a fact
    check's "VERDICT: ❌ False."."""
    folded = _VERDICT.sub("", folded, count=1)
    return len(folded.split()) <= 6 and bool(_REFUTES.match(folded.strip(" \"'“‘")))


_VERDICT = re.compile(r"^\W*(?:verdict|rating|fact ?check|reality|the facts?|truth)\s*:[\s\W]*")


def opens_refuting(folded: str) -> bool:
    """True for a sentence that opens by refuting the one before, short or not: "it's not, it's £230.25 a week"
    (after a quoted "> state pension is £300 a week now")."""
    return bool(_REFUTES.match(folded.strip(" \"'“‘")))


def reported_until(folded: str) -> int:
    """Where the writer's own words start after a report that governs only up to a "but" or "yet" ("People keep
    telling me to apply, but those of us who own our homes can forget it"): the contrast's end, else 0."""
    last = None
    for last in _CONTRAST.finditer(folded):
        pass
    if last is None or not reports(folded[:last.start()]) or reports(folded[last.end():]):
        return 0
    return last.end()


def reports(folded: str) -> bool:
    """True for a sentence that reports what others say ("a post going round says...", "people think..."; not
    "it's means tested now whatever they say", which dismisses them)."""
    return bool(_REPORTED.search(_blank(_DISMISSIVE, folded)))


_DISMISSIVE = re.compile(r"\b(?:whatever|no matter what|despite what) (?:they|people|anyone|the government|dwp|"
                         r"the dwp|anybody) (?:says?|said|tells? you|claims?)\b")


_BARE_NOT = re.compile(r"\b(do|does|did|is|are|was|were|has|have|had|wo|ca|could|should|would)nt\b")


def apostrophised(folded: str) -> str:
    """"dont", "isnt", "hasnt", "wont" written as "don't", "isn't", "hasn't", "won't": people drop the apostrophe,
    and a denial without one is still a denial."""
    return _BARE_NOT.sub(r"\1n't", folded)


@lru_cache(maxsize=16384)
def denies(folded: str) -> bool:
    """True for a sentence that denies or corrects a claim ("PIP isn't means tested", "you don't have to
    live with them", "you dont have to be related")."""
    return bool(_DENIAL.search(apostrophised(folded)))


_INTERROGATIVE = re.compile(r"(?:who|what|when|where|why|how|which|whose|is|are|am|was|were|do|does|did|can|could|"
                            r"will|would|should|shall|has|have|had|isn't|aren't|doesn't|don't|didn't|can't|won't|"
                            r"wouldn't|hasn't|haven't|any ?one|anybody|true|really|so is|so does|so are)\b")


def rhetorical(folded: str) -> bool:
    """True for a statement that ends on a question of its own: "nobody gets the winter fuel payment any more,
    so who's checking on the elderly?", "they abolished it for all pensioners and people still vote for
    them??" (not "is it true that...?", nor a tag: "..., isn't it?")."""
    first = _CLAUSE_BREAK.search(folded)
    if not first or _INTERROGATIVE.match(folded) or "?" in folded[:first.start()]:
        return False
    last = folded[max(m.end() for m in _CLAUSE_BREAK.finditer(folded)):].strip()
    return not _TAG.match(last) and len(last.split()) >= 3


_TAG = re.compile(r"(?:isn't|isnt|is it|aren't|arent|innit|right|eh|no|yeah|surely|don't they|doesn't it|"
                  r"wasn't it|won't it)\b")


def hedges(folded: str, at: int = 0) -> bool:
    """True for a sentence whose statement (:func:`states`) hedges or supposes: "PIP might be means tested". With
    ``at`` (where its subject is named), the statement starts after the last "but" before that; and what a "but"
    goes on to say is asserted whatever came before it ("you may be able to claim Carer's Allowance, but it is only
    paid if the person you care for is family"; not "..., but I'm not sure")."""
    since = max((m.end() for m in _CONTRAST.finditer(folded, 0, at)), default=0) if at else 0
    after = _CONTRAST.search(folded, at) if at else None
    if after and not _hedged(states(folded[since:after.start()])) and not _ABOUT_IT.search(folded, after.end()):
        return False  # a hedge after a "but" about something else: "you won't be eligible for Carer's Allowance - but
        # the university hardship fund may help" (not "..., but I might be wrong", "but it could change")
    if _hedged(states(folded[since:])):
        last = max((m.end() for m in _CONTRAST.finditer(folded, since)), default=0)
        return not last or len(folded[last:].split()) < 4 or _hedged(states(folded[last:]))
    return False


_ABOUT_IT = re.compile(r"\b(?:i|i'm|im|i've|ive|i'd|me|my|we|it|it's|its|that|thats|that's|this|they|they're)\b")


def _hedged(statement: str) -> bool:
    return bool(_NOT_ASSERTIVE.search(statement) or _MARKERS[0][1].search(statement))


# what follows ", so" draws a consequence, and ", but if you ..." gives an alternative: "PIP is means tested so with
# your savings she probably won't qualify"; "those who own their homes are not eligible, but if you rent you may";
# "any savings at all and they'll refuse your claim, so why would anyone bother"
_CONSEQUENCE = re.compile(r"(?:,\s*|\s)(?:so|but)\s"
                          r"(?=(?:if|with|you|u|she|he|they|those|people|anyone|everyone|why|what's|whats|how)\b)")


def states(folded: str) -> str:
    """The statement a sentence makes before a consequence or an alternative it goes on to (the whole sentence
    when there is none, or when fewer than three words come before it)."""
    cut = _CONSEQUENCE.search(folded)
    return folded[:cut.start()] if cut and len(folded[:cut.start()].split()) >= 3 else folded


def clear_cache() -> None:
    """Forget what was worked out for recent sentences (for measuring cold runs)."""
    for cached in (reason, denies):
        cached.cache_clear()
