"""Detect posts asking a question an official could answer or refer, and what kind of question it is.

A post is such a question when it names the service (a benefit, the Jobcentre, the wage rates:
``_DOMAIN``) and one of its sentences (:func:`analysis.text.sentences`):

1. **asks**: it ends with '?' and is phrased as a question ("how much", "can I", "is there", or
   any I/my/we sentence), or it opens like a question and has no full stop ("does anyone know when
   it goes in"), or it makes an indirect request ("can someone tell me", "I need to know if",
   "wondering whether"). Chatter before the question ("hi all,", "@DWP", "Quick one -") is skipped;
2. **is not talk**: rhetorical formulas ("how is anyone supposed to", "who thought", "what's the
   point", "why should", "?!"), opinion-seeking ("what do you think", "anyone else", "thoughts on")
   and political predictions ("will Labour scrap", "what are the chances") are skipped. "How am I
   meant to eat until then?" is venting too, unless the post is the poster's own case;
3. **is not answered by the poster**: the next sentence does not open as an answer ("Yes!",
   "Nope", "A:", "Just checked gov.uk", "Mine took 9 weeks", "If you're on UC, ...");
4. **is not a headline**: Title Case without I/my/we, or "Topic: question?" addressed to nobody.

Reported questions ("MPs asked the minister whether ...") and statements that mention a question
("People keep asking how much it is") are not interrogative, so need no rule of their own.
The kind: the poster's own case first (:func:`is_personal_case`; referred, never discussed in
public), then the first cue found in the question: dates, amounts, how to apply, eligibility;
else other_policy. Measured in bench/questions_eval.py.
"""

from __future__ import annotations

import re

import pandas as pd

from analysis.text import fold, full_text, sentences

KINDS = ("eligibility", "dates", "amounts", "how_to_apply", "other_policy", "personal_case")


def _words(*alternatives: str) -> re.Pattern[str]:
    """One pattern matching any alternative between word boundaries (measured faster than a bare alternation)."""
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b")


_DOMAIN = _words(
    r"(?:pip|uc|esa)\d{1,2}", r"pip(?! install| freeze| list)", "personal independence", "dla",
    r"disability (?:living|benefits?)", "attendance allowance", "uc", "universal credit", "esa", "jsa",
    r"job ?seeker'?s?", "pensions?", "pensioners?", "triple lock", "winter fuel", "cost of living payments?",
    r"jobcentres?", r"job ?centres?", r"work coach(?:es)?", r"sign(?:ing)? on",
    r"(?:national )?(?:living|minimum) wage",
    r"carer'?s'? allowance", "dwp", "benefits?", r"means[- ]test\w*", r"sanction\w*", "mandatory reconsideration",
    "mr", "lcwr?a", "budgeting (?:advance|loan)", "(?:standard|work|housing|childcare) (?:allowance|element|costs)",
    "two[- ]child limit", "funeral expenses", "national insurance", "ni", "qualifying years", "migration notice",
    "tax credits?", "overpa(?:id|yment)", "christmas bonus", "housing benefit", "claimants?")

# Chatter before the question proper: "@DWP", "hi all,", "quick one -", "Q:"; text-speak openers.
_LEAD = re.compile(r"^(?:(?:[@#][\w.]+|(?:hi+|hello|hey|hiya|morning)(?: there| all| everyone| guys| folks)?|ok|okay|so"
                   r"|right|also|and|but|quick (?:one|q|question)|q)\b[\s,:;.!-]*)+")
_SPELT = {"wen": "when", "hw": "how", "wat": "what", "wot": "what", "wheres": "where's", "whens": "when's"}
_TEXT_SPEAK = re.compile(r"^(?:" + "|".join(_SPELT) + r")\b")
# A short lead-in ending in a colon or dash: "Genuinely asking - is Pension Credit counted ...?"
_PREFIX = re.compile(r"^(?:[\w'-]+ ){0,5}[\w'-]+(?::| [-–—])\s+")

_AUX = "(?:can|could|do|does|did|is|are|am|will|would|should|has|have|was|were|may|might|must|shall)"
_WHO = ("(?:i|we|you|u|ya|my|our|your|her|his|him|anyone|anybody|someone|somebody|the|a|an|it|they|there|he|she"
        "|this|that|these|those|people|pensioners|students|full|part|new|uc|pip|esa|dwp)")
_OPENER = re.compile(
    r"(?:how(?:'s| (?:much|many|long|soon|often|far|do|does|did|can|could|should|would|will|is|are|come))"
    r"|what(?:'s|s| (?:is|are|was|were|happens|happened|do|does|did|date|day|days|time|number|rates?|age|evidence"
    r"|documents?|forms?|counts|if|will|would|should|can|kind|sort))|what (?:[\w-]+ ){1,2}(?:do|does|did|should|would"
    r"|will|can)|when(?:'s| (?:is|are|was|will|would|do|does|did|should|can|might))"
    r"|where(?:'s|s| (?:is|are|do|does|can|should|will|would|did))|who(?:'s| (?:is|are|do|does|should|can|will|would"
    r"|pays|decides))|why(?:'s| (?:is|are|was|were|has|have|hasn't|haven't|havent|hasnt|do|does|did|didn't|would|will"
    r"|should|can't|cant|isn't|won't))|which|" + _AUX + "(?:n't|nt)? " + _WHO
    + r"|any(?:one|body|1) (?:know|able|got|have))\b")
_AUX_START = re.compile(_AUX + r"(?:n't)? \w")
_IF_OPENER = re.compile(r"if\b.*?\b(?:can|could|do|does|will|would|should|am) (?:i|we|my)\b")
# An inverted question after a clause: "..., is there a problem with payments", "... or is it only physical".
_INVERTED = re.compile(r"(?:is there|are there|is (?:it|that|this|my)|am i|can i|could i|do i|does (?:it|that|this)"
                       r"|will i|should i|would i|what do i|how do i|who do i|where do i|when will)\b")
_CLAUSE_END = (",", ";", ":", "-", " so", " or", " and", " but")
_INDIRECT = _words(
    r"(?:can|could|would|will) (?:some(?:one|body|1)|any(?:one|body|1)|you|u) (?:please )?(?:tell|explain|confirm"
    r"|advise|help|point|clarify|let me know)",
    r"(?:does|do|did) (?:any(?:one|body|1)|some(?:one|body)) (?:know|have any idea)",
    r"any(?:one|body|1) (?:know|able to (?:tell|help|explain|confirm))",
    r"is (?:any(?:one|body)|there any(?:one|body)) (?:able|who)",
    r"i(?:'d| would) (?:like|love) to (?:know|find out|check|understand)",
    r"i(?:'m| am)? ?(?:need|want|wanted|trying|was hoping|hoping) to (?:know|find out|check|understand|ask|work out)",
    r"(?:(?:i'm|i am|im|i was|just) )?wondering (?:if|whether|when|how|what|where|who|why)",
    r"not sure (?:if|whether|how|when|what|where|who|which)",
    r"i (?:can't|cannot|cant) (?:find|work|figure) out (?:if|whether|how|when|what)",
    r"any (?:idea|ideas|advice|help|info|information|guidance|tips|pointers) (?:on|about|if|whether|when|how|what"
    r"|where|please|appreciated)",
    r"(?:please|pls|plz) (?:tell|advise|confirm|explain|let me know)")

_RHETORICAL = (
    r"how (?:is|are|do|does|can|could) (?:any(?:one|body)|some(?:one|body)|people|they|pensioners|families|you)"
    r"(?: \w+)? (?:supposed|meant|expected)", "how do (?:they|you|ministers|the government) expect",
    "who (?:on earth|the hell|thought|in their right mind|needs|decided)", "what a (?:joke|disgrace|shambles|farce)",
    "are (?:they|you) (?:having a laugh|joking|kidding|serious)", "can you believe", "is it any wonder",
    "they wonder why", "since when", "why bother", "what(?:'s|s)?(?: exactly| even)?(?: is)? the point", "why should",
    "why (?:do|does|did|would|are|is|can't|won't) (?:they|the government|ministers|this government|the dwp|dwp"
    "|politicians|we)", "why would (?:any(?:one|body)|you)", "why is it always", "how hard is it",
    "is it too much to ask", "how many more", "how much more", "what kind of (?:country|government|society|world)",
    "do they (?:really|honestly|actually|even|ever|seriously)",
    "have any of (?:the |these |our )?(?:ministers|mps|politicians)",
    "when will (?:they|this government|the government|ministers|the dwp|dwp|politicians) (?:ever )?(?:learn|realise"
    "|realize|listen|wake up|understand)", "is this (?:really|seriously|honestly)",
    "how is (?:that|this|it) (?:remotely |even )?(?:fair|right|acceptable|ok|okay|legal)",
    "how (?:the hell|on earth|tf)",
    "you couldn't make it up", "how dare", "where(?:'s| is) the (?:compassion|justice|fairness|sense|logic|humanity"
    "|dignity)", "is (?:this|that) what (?:we|i|they|you)", "(?:for|want|expect) (?:this|the) government to",
    "what (?:ever )?happened to ['\"]", "whatever happened to",
    r"(?:is|are) (?:any(?:one|body)|you|we) (?:\w+ )?surprised",
    "why (?:has|have|is|are|does|did) (?:nobody|no one|no-one)")

_SELF_VENT = _words(r"how (?:am i|are we|do i|do we|can i|can we)(?: \w+)? (?:supposed|meant|expected)",
                    "how much longer")
_OPINION = (
    "what do (?:you|u|people|we|y'all|folk)(?: all| guys| lot)? (?:think|reckon|make of)",
    "(?:your|everyone'?s|people'?s) (?:opinion|view|take|experience|thoughts?)",
    "(?:do|does|did) (?:you|u|people|everyone)(?: lot| all| guys| here| else)? (?:think|reckon|feel|agree)",
    "any(?:one|body) else", "is it (?:just )?me", "thoughts on", "opinions? on", "views on",
    "how (?:do|does) (?:you|u|people|everyone|folk)(?: all| guys)? feel", "would you (?:vote|rather|say|support|back)",
    "aibu", "wwyd", "discuss", "which is (?:worse|better)", "am i the only one", "who else")

_OPINION_START = re.compile(r"^(?:thoughts\W|think\b|reckon\b|should (?!i\b|my\b|we\b|our\b))")
_PREDICTION = (
    "will (?:labour|the tories|the conservatives|reform|the government|this government|the chancellor|reeves|starmer"
    "|the pm|the prime minister|ministers|they|parliament|mps|the budget|the treasury|the dwp)(?: \\w+){0,2}? (?:scrap"
    "|axe|abolish|cut|keep|bring back|restore|go after|u-turn|means[- ]test|raise|freeze|ditch|target|survive|pass)",
    r"will (?!(?:i|my|we|our|me|you|your)\b)(?:[\w'-]+ ){1,4}(?:finally |actually |ever |even )?(?:be (?:scrapped"
    "|axed|abolished|cut|means[- ]tested|frozen|restored|brought back)|get through|survive)",
    "(?:going to|gonna) be (?:sacked|scrapped|axed|abolished|cut)", "what are the chances", "odds (?:on|of)",
    "next (?:election|government)", "reshuffle", "in the next budget")
# One pattern for the three: one scan per sentence instead of three (about 40% faster).
_TALK = _words(*_RHETORICAL, *_OPINION, *_PREDICTION)
# The sentence after a question opens as its answer: the poster is telling, not asking.
_ANSWER = re.compile(
    r"(?:yes|yeah|no)(?:\s*[,.!:;-]|$)|(?:yep|yup|nope|nah|a:|answer:|short answer)|(?:turns out|found out"
    r"|just checked|i checked|apparently|according to|most people|if you(?:'re| are)?)\b|(?:it(?:'s| is) )?£\d"
    r"|mine (?:took|was|came|went)\b|(?:it|they) (?:comes?|goes? in|arrives?|lands?) (?:on|in|the)\b"
    r"|it(?:'s| is) paid (?:on|the)\b|(?:honestly|basically|literally|simply) just\b"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]* \d")
_ANSWERED = _words("for (?:anyone|those|all) (?:wondering|asking|who (?:asked|was asking|wondered))", "hope this helps")
_PERSON = _words("i", "i'm", "i've", "i'd", "im", "ive", "me", "my", "mine", "we", "we're", "we've", "us", "our", "you",
                 "your", "you're", "u", "ur", "any(?:one|body)", "some(?:one|body)", "everyone")
_FIRST_PERSON = _words("i", "i'm", "i've", "i'd", "im", "ive", "me", "my", "we", "we're", "we've", "us", "our")
_SMALL = frozenset("a an the of for to in on by and or at as vs with from is are be it its".split())

_BENEFIT = ("(?:uc|universal credit|pip|esa|jsa|dla|pension credit|state pension|pension|carer'?s'? allowance"
            "|winter fuel(?: payment)?|cost of living payment|housing benefit|attendance allowance|benefits?)")
_CASE_NOUN = ("(?:payments?(?! dates?)|claims?|assessment|appeal|tribunal|sanction|award|journal|decision|review"
              "|reconsideration|mr|migration notice|overpayment|debt|back ?pay|money|application|account)")
# What may stand between "my" and the case noun: "my first UC claim", "my PIP daily living award".
_CASE_QUALIFIER = ("(?:" + _BENEFIT + "|first|new|last|latest|next|current|monthly|weekly|usual|daily living|mobility"
                   "|housing|backdated)")
_PERSONAL = _words(
    "(?:my|our) (?:" + _CASE_QUALIFIER + " ){0,3}" + _CASE_NOUN,
    r"my (?:[\w'-]+ ){0,2}?" + _BENEFIT + r"\b.{0,40}\b(?:stopped|suspended|closed|cut|reduced|gone down"
    "|went (?:down|from)|so low|short|late|missing|not (?:been )?paid|hasn't|has not|haven't|isn't|not arrived"
    "|not come|arrive|come through)", "where(?:'s|s| is| are) my", "why (?:has|have|is|was|did|hasn't|haven't|havent"
    "|hasnt) (?:my|i)", "i(?:'ve| have)? (?:been|was|got|get) (?:sanctioned|overpaid|underpaid|suspended"
    "|asked to (?:attend|pay|repay))", "(?:dwp|they|jobcentre|work coach)(?: have| has)? (?:asked|told|said|written to"
    "|sent) (?:me|i|us)", "still paying (?:her|his|my)", "still (?:no decision|not (?:heard|received|paid)"
    "|haven't (?:received|had|heard|been paid))", r"i applied\b.{0,30}\bago")

_DATES = _words(
    "when", "what (?:date|day|days|time|week|month)", "how (?:long|soon|far back)", "deadline", "dates?", "by when",
    "(?:open|closed|paid) (?:on|over|at) (?:good friday|easter|christmas|bank holidays?|the weekend|weekends"
    "|boxing day)", "bank holidays?", "christmas(?! bonus)", "xmas", "easter", r"backdat\w*")
_AMOUNTS = _words(
    "how much", r"what(?:'s|s| is| are) the (?:[\w-]+ ){0,4}?(?:rates?|amount|max(?:imum)?|most|(?:minimum|living) wage"
    "|limit|cap|allowance|element|guarantee|figure)", "(?:the|what|current|new|full|weekly|monthly|hourly) rates?",
    "rate of", "earnings limit", "work allowance", "standard allowance", "per (?:week|month|hour)", "work out at")
_HOW_TO = _words(
    r"how (?:do|can|should|would) (?:i|we|you|u|one|someone)(?: \w+)? (?:apply|claim|get|report|ask|appeal|challenge"
    "|contact|start|request|check|find|sign|make|send|opt|register|change|move|tell)",
    "how to (?:apply|claim|get|report|appeal|challenge|contact|start|request|check|make|opt|register)",
    "apply(?:ing)? (?:for|online)", "(?:where|who) (?:do|can|should|would) (?:i|we|you|u) (?:send|go|get|apply|contact"
    "|ring|call|phone|write|tell|report|chase|complain)", "what (?:number|forms?|documents?|evidence|proof|id)",
    "numbers?", "forms?", "evidence", "documents?", r"sign(?:ing)? on", "get hold of", "contact", "ring", "call",
    "phone", "online", "on behalf of", "best way to", "is there a way", "help filling", "chase", "go about")
_ELIGIBILITY = _words(
    r"entitle\w*", r"eligib\w*", r"qualif\w*", "(?:can|could|will|would|do|does) (?:i|we|you|u|he|she|they|someone"
    r"|people|students|pensioners|apprentices|my(?: [\w-]+){1,3}?)(?: still| also)? (?:get|claim|receive|apply"
    "|be paid)", "(?:i|we|you|he|she|they) (?:can|could) (?:still |also )?(?:get|claim|receive)",
    "(?:am i|are we|is (?:he|she)) (?:able|allowed|too)", "do (?:i|we|you) (?:get|have to be|need to be)",
    "still (?:get|be able)", "apply to", "stop (?:me|us|him|her|you)", "too (?:old|young)",
    "does (?:living|being|having|owning)", "if (?:i|you|we)(?:'re| am| are| have|'ve| own| live| work| go| move| get)")
_CUES = (("dates", _DATES), ("amounts", _AMOUNTS), ("how_to_apply", _HOW_TO), ("eligibility", _ELIGIBILITY))


def _core(folded: str) -> str:
    """A folded sentence without leading chatter, text-speak openers spelt out."""
    core = _LEAD.sub("", folded)
    return _TEXT_SPEAK.sub(lambda m: _SPELT[m.group(0)], core)


def _asks(core: str, in_post: frozenset[str]) -> bool:
    """The sentence is interrogative in form, or an indirect request for information.

    ``in_post`` names the unanchored patterns found somewhere in the whole post: a sentence is part
    of the post, so the others need not be searched sentence by sentence (long posts stay cheap).
    """
    if "indirect" in in_post and _INDIRECT.search(core):
        return True
    late = _IF_OPENER.match(core) or ("late" in in_post and _after_clause(core))
    if core.endswith("?"):
        tail = _PREFIX.sub("", core)
        return bool(_OPENER.match(tail) or _AUX_START.match(tail) or _FIRST_PERSON.search(core) or late)
    # Without a '?' an opener must not end in a full stop: "How much you get depends on your record."
    return not core.endswith((".", "!")) and bool(_OPENER.match(core) or late)


def _after_clause(core: str) -> bool:
    """An inverted question that follows a comma or a conjunction, not one that opens the sentence."""
    return any(core[:m.start()].rstrip().endswith(_CLAUSE_END) for m in _INVERTED.finditer(core) if m.start())


def _talk(core: str) -> bool:
    """Rhetorical, opinion-seeking or a political prediction."""
    bare = core.rstrip("?!.… ")
    form = "?!" in core or "!?" in core or bare == "seriously" or bare == "eh" or bare.endswith((" eh", ",eh"))
    return bool(form or _OPINION_START.match(core) or _TALK.search(core))


def _title_case(raw: str) -> bool:
    """Most content words capitalised, service names aside: the way headlines are written."""
    kept = set(re.findall(r"[a-z][\w'-]*", _DOMAIN.sub(" ", fold(raw))))
    words = [w for w in re.findall(r"[A-Za-z][\w'-]*", raw)[1:]
             if w.lower() not in _SMALL and not (w.isupper() and len(w) > 1) and w.lower() in kept]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def _headline(raw: str, core: str, folded_text: str) -> bool:
    """Title Case ("Are You Missing Out?"), or "Topic: question?" and "what X means for Y" addressed to nobody."""
    if _FIRST_PERSON.search(folded_text):
        return False
    if _title_case(raw):
        return True
    colon = re.match(r"[^:?]{2,40}:\s*\S[^?]*\?", core) is not None
    return (colon or " mean for " in core) and not _PERSON.search(core)


def _asking_sentence(text: str, folded_text: str) -> str | None:
    """The first sentence of ``text`` that asks a genuine question (folded, chatter removed), or None."""
    parts = sentences(text)
    cores = [_core(fold(p)) for p in parts]
    in_post = frozenset(name for name, pattern in (("indirect", _INDIRECT), ("late", _INVERTED))
                        if pattern.search(folded_text))
    for i, (raw, core) in enumerate(zip(parts, cores)):
        if not _asks(core, in_post) or _talk(core):
            continue
        if _SELF_VENT.search(core) and not _PERSONAL.search(folded_text):
            continue
        if _ANSWERED.search(core) or (i + 1 < len(cores) and _ANSWER.match(cores[i + 1])):
            continue
        if not _headline(raw, core, folded_text):
            return core
    return None


def question_kind(text: str) -> str:
    """What an official would be answering: one of :data:`KINDS`, or "" when ``text`` asks no such question."""
    folded = fold(text or "")
    if not _DOMAIN.search(folded):
        return ""
    sentence = _asking_sentence(text, folded)
    if sentence is None:
        return ""
    if _PERSONAL.search(folded):
        return "personal_case"
    return next((kind for kind, cue in _CUES if cue.search(sentence)), "other_policy")


def is_question_text(text: str) -> bool:
    """True when ``text`` asks a question an official could answer or refer (see the module docstring)."""
    return question_kind(text) != ""


def is_personal_case(text: str) -> bool:
    """True when the text talks about the poster's own claim, payment or dealings with the department."""
    return bool(_PERSONAL.search(fold(text)))


def detect(frame: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` with ``question_kind`` (one of :data:`KINDS`, or "") and ``is_question`` columns."""
    out = frame.copy()
    texts = [full_text(t, x) for t, x in zip(frame["title"].fillna(""), frame["text"].fillna(""))]
    kinds = pd.Series([question_kind(t) for t in texts], index=frame.index, dtype="string")
    out["question_kind"] = kinds
    out["is_question"] = (kinds != "").astype(bool)
    return out
