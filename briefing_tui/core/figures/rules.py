"""The patterns of a figure inside one sentence: a number, whom it counts, what happened.

Two shapes cover press releases and situation reports:

* object after the verb: "killed two insurgents", "detained three suspected insurgents",
  "displacing more than 7,000 people", "killed the Taliban leader" (one), a count alone
  ("killing one and wounding two others");
* subject before the verb: "an insurgent was killed", "5.8K people displaced",
  "at least 12 civilians have been injured";
* a noun of the event: "the capture of 12 fighters", "resulted in the arrest of two
  suspects", "the deaths of five civilians", "the displacement of 7,000 people".

A count preceded by "the" before its verb ("the two insurgents were killed") points back
at one already counted and is skipped, so a release that repeats itself is not read twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing_tui.core.figures.first_words import first_words, may_name
from briefing_tui.core.figures.numbers import NUMBER, VAGUE, value_of

# What a figure counts, by the verb forms that say it.
KINDS: dict[str, tuple[str, ...]] = {
    "killed": ("killed", "kill", "killing", "kills", "dead", "died", "slain", "shot dead"),
    "injured": ("injured", "injuring", "hurt"),
    "wounded": ("wounded", "wounding"),
    "displaced": ("displaced", "displacing", "fled", "uprooted"),
    "returned": ("returned", "returning", "repatriated"),
    "deported": ("deported", "deporting"),
    "expelled": ("expelled", "expelling", "pushed back"),
    "detained": ("detained", "detaining", "detain", "detains", "held"),
    "arrested": ("arrested", "arresting", "arrest", "arrests"),
    "captured": ("captured", "capturing", "capture", "apprehended", "taken into custody"),
    "affected": ("affected",),
    "assisted": ("assisted", "reached", "helped", "supported"),
}
VERB_KIND = {form: kind for kind, forms in KINDS.items() for form in forms}
# The nouns that name the event, read like its verb when "of" and a count follow.
NOUN_KIND = {"capture": "captured", "captures": "captured", "arrest": "arrested",
             "arrests": "arrested", "detention": "detained", "detentions": "detained",
             "killing": "killed", "killings": "killed", "death": "killed", "deaths": "killed",
             "murder": "killed", "displacement": "displaced", "return": "returned",
             "deportation": "deported", "deportations": "deported", "expulsion": "expelled",
             "expulsions": "expelled", "injury": "injured", "injuries": "injured",
             "evacuation": "displaced"}
WHO = ("people", "persons", "person", "individuals", "individual", "civilians", "civilian",
       "refugees", "refugee", "idps", "idp", "internally displaced persons",
       "internally displaced people", "displaced persons", "displaced people",
       "families", "family", "households", "household",
       "children", "child", "women", "men", "man", "woman", "insurgents", "insurgent",
       "militants", "militant", "combatants", "combatant", "fighters", "fighter",
       "suspects", "suspect", "soldiers", "soldier", "policemen", "policeman",
       "police officers", "officers", "officer", "leaders", "leader", "commanders",
       "commander", "facilitators", "facilitator", "returnees", "returnee", "migrants",
       "migrants", "afghans", "members", "member", "others", "students",
       "Taliban", "terrorists", "terrorist", "bombers", "bomber", "gunmen", "gunman",
       "associates", "associate", "accomplices", "accomplice")
# Normalised "who": the plural an analyst would write in a table.
WHO_NORMAL = {"idp": "IDPs", "idps": "IDPs", "internally displaced persons": "IDPs",
              "internally displaced people": "IDPs", "taliban": "Taliban"}
QUALIFIERS = {
    "more than": "min", "over": "min", "at least": "min", "upwards of": "min",
    "no fewer than": "min", "in excess of": "min",
    "some": "approx", "about": "approx", "around": "approx", "approximately": "approx",
    "nearly": "approx", "almost": "approx", "an estimated": "approx", "roughly": "approx",
    "close to": "approx", "estimated": "approx",
    "up to": "max", "as many as": "max",
}
_VERB = "|".join(re.escape(v) for v in sorted(VERB_KIND, key=len, reverse=True))
_WHO = "|".join(re.escape(w) for w in sorted(set(WHO), key=len, reverse=True))
_QUAL = "|".join(re.escape(q) for q in sorted(QUALIFIERS, key=len, reverse=True))
_MODS = (r"(?:\s+(?!(?:and|or|were|was|in|at|on|by|who|that|during|with|after|before|near|"
         r"against|while|from|(?:internally\s+)?displaced\s+"
         r"(?:persons|people))\b)[A-Za-z][\w'\u2019-]*){0,4}"
         r"(?:\s+\((?-i:[A-Z]{2,8})\))?")  # "an Islamic Movement of Uzbekistan (IMU) leader"
_NOT_FIRE = r"(?!\s+fire\b)"  # "returned fire": shots, not people coming home
_COUNT = rf"(?:(?P<qual>{_QUAL})\s+)?(?P<num>\b{NUMBER}){_MODS}\s+(?P<who>{_WHO})\b"
# "killed Taliban leader Saifullah": a role before a name, no article: one person.
_NAMED = (r"(?-i:(?:[A-Z][\w'\u2019-]*\s+){0,3})(?P<whoname>" + _WHO + r")"
          r"\s+(?-i:[A-Z][a-z]+)\b")
OBJECT = re.compile(
    rf"\b(?P<verb>{_VERB})\b(?:\s+(?:a\s+total\s+of|and\s+(?:{_VERB})|up|off))?\s+"
    rf"(?:{_COUNT}|(?P<the>the){_MODS}\s+(?P<whoone>{_WHO})\b|{_NAMED})", re.IGNORECASE)
_NOUN = "|".join(sorted(NOUN_KIND, key=len, reverse=True))
# "killing one and wounding two others": a count standing alone as the object, whom it
# counts said by the clause around it (never "a"/"an", which need their noun). Only the
# verbs done to people take one alone: "the toll reached 12" counts no one reached.
_DONE_TO = r"(?:kill|wound|injur|detain|arrest|captur)(?:ing|ed)"
ALONE = re.compile(
    rf"\b(?P<verb>{_DONE_TO})\s+(?:(?P<qual>{_QUAL})\s+)?(?!(?:a|an)\b)(?P<num>{NUMBER})"
    rf"(?=\s*(?:[,.;]|$)|\s+(?:and|of\s+them)\b)", re.IGNORECASE)
NOUN = re.compile(rf"\b(?P<verb>{_NOUN})\s+of\s+(?:a\s+total\s+of\s+)?{_COUNT}",
                  re.IGNORECASE)
CHAIN = re.compile(rf"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+along\s+with\s+|\s+as\s+well\s+as\s+|"
                   rf"\s+together\s+with\s+){_COUNT}", re.IGNORECASE)
# "killed two civilians and injured one", "killed a facilitator and captured another": a
# second verb of the same chain whose count names no one of its own counts more of whom the
# first count counted ("another": one more of them).
NEXT_VERB = re.compile(
    rf"\s*,?\s+and\s+(?:also\s+)?(?P<verb>{_DONE_TO})\s+(?:(?P<qual>{_QUAL})\s+)?"
    rf"(?:(?!(?:a|an)\b)(?P<num>{NUMBER})|(?P<another>another)\b)"
    rf"(?:{_MODS}\s+(?P<who>{_WHO})\b)?", re.IGNORECASE)
SUBJECT = re.compile(
    rf"(?P<before>\bthe\s+)?{_COUNT}(?:\s+[\w,'\u2019-]+){{0,4}}?\s+"
    rf"(?P<aux>(?:(?:were|was|are|is|have|has|had|been|being|reportedly|also|later|all)\s+)*)"
    rf"(?P<verb>{_VERB})\b{_NOT_FIRE}", re.IGNORECASE)
# "Two gunmen killed a policeman": the verb has an object, so the count before it is who
# did it, not who it was done to (a verb that takes none, "fled", "died", is not asked).
HAS_OBJECT = re.compile(r"\s+(?:a|an|the|his|her|their|its|one|two|three|four|five|six|"
                        r"seven|eight|nine|ten|several|multiple|numerous|\d)\b",
                        re.IGNORECASE)
INTRANSITIVE = frozenset({"dead", "died", "fled", "returned", "returning"})
BARE = re.compile(rf"(?:(?P<qual>{_QUAL})\s+)?(?P<num>\d[\d,.]*\s?(?:[kKmM]\b|million\b|"
                  rf"thousand\b)?)\s+(?:were\s+|have been\s+)?(?P<verb>{_VERB})\b{_NOT_FIRE}",
                  re.IGNORECASE)
# Every pattern above needs one of its verbs or nouns, whole-word: a sentence with none
# (most of a briefing) is settled by a look at its words instead of four scans.
ANY_VERB = first_words([*VERB_KIND, *NOUN_KIND])


PURPOSE = re.compile(r"(?<!\bable )(?<!\bmanaged )(?<!\bwent on )\bto\s+$", re.IGNORECASE)


@dataclass(frozen=True)
class Count:
    value: int
    qualifier: str   # exact, min, approx or max
    kind: str        # killed, detained, displaced…
    who: str         # people, insurgents, IDPs… ("" when the sentence does not say)
    start: int       # the words that said it, offsets in the sentence
    end: int


# "a Taliban financier", "a Taliban sub-commander": a group's name before a role is what
# the person belongs to; the person is the role (the noun heading the phrase).
GROUP_WHO = frozenset(WHO_NORMAL.get(w.lower(), w) for w in WHO if w[:1].isupper())
HEAD = re.compile(r"\s+(?!(?:after|under|later|earlier|over|for|or|ever|never|together|"
                  r"either|neither|prior|rather|whether)\b)(?P<who>[a-z][\w-]*(?:er|or|ist|"
                  r"ive|ief|ial|mir|uty)s?)\b")


def _headed(count: Count, sentence: str) -> Count:
    """``count`` with the role after a group's name as its who, when one follows."""
    if count.who not in GROUP_WHO or (head := HEAD.match(sentence, count.end)) is None:
        return count
    return Count(count.value, count.qualifier, count.kind, _who(head), count.start,
                 head.end())


def _who(match: re.Match[str], group: str = "who") -> str:
    word = (match.groupdict().get(group) or "").lower()
    if word in WHO_NORMAL:
        return WHO_NORMAL[word]
    if word.endswith("man"):
        return word[:-3] + "men"  # policeman, gunman, woman
    return word if word.endswith(("s", "people", "men", "children")) else word + "s" \
        if word.endswith(("er", "or", "nt", "ld", "ct", "an", "ee", "on", "ly", "al")) else word


def _count(match: re.Match[str], kind: str, start: int, end: int) -> Count | None:
    value = value_of(match.group("num"))
    if value is None or value == 0:
        return None
    qualifier = QUALIFIERS.get((match.group("qual") or "").lower(), "exact")
    if " ".join(match.group("num").lower().split()) in VAGUE:
        qualifier = "min"
    return Count(value, qualifier, kind, _who(match), start, end)


def _chain(sentence: str, end: int, kind: str, who: str, found: list[Count],
           taken: list[tuple[int, int]]) -> int:
    """The counts chained after one at ``end`` ("and three others", "and injured one"),
    added to ``found``; where the chain ends."""
    while True:
        if (more := CHAIN.match(sentence, end)) and (
                chained := _count(more, kind, more.start(), more.end())):
            pass
        elif (more := NEXT_VERB.match(sentence, end)) and (chained := _next(more, who)):
            kind = chained.kind
        else:
            return end
        found.append(chained)
        taken.append((more.start(), more.end()))
        end, who = more.end(), chained.who


def _next(match: re.Match[str], who: str) -> Count | None:
    kind = VERB_KIND[match.group("verb").lower()]
    if match.group("another"):
        return Count(1, "exact", kind, _who(match) if match.group("who") else who,
                     match.start("verb"), match.end())
    count = _count(match, kind, match.start("verb"), match.end())
    return count if count is None or match.group("who") else \
        Count(count.value, count.qualifier, kind, who, count.start, count.end)


def counts_in(sentence: str) -> list[Count]:
    """Every figure the sentence states, in order, each span claimed once."""
    if not may_name(sentence, ANY_VERB):
        return []
    found: list[Count] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in taken)

    for match in OBJECT.finditer(sentence):
        if PURPOSE.search(sentence, 0, match.start()) and \
                not match.group("verb").lower().endswith(("ing", "ed")):
            continue  # "a raid to capture a leader": what was meant, not done (but "in
            # addition to detaining" is done)
        kind = VERB_KIND[match.group("verb").lower()]
        if match.group("the") or match.group("whoname"):
            one = match.group("whoone") or match.group("whoname")
            count: Count | None = Count(1, "exact", kind, _who(match, "whoone" if
                                                               match.group("the") else
                                                               "whoname"),
                                        match.start(), match.end()) \
                if not one.lower().endswith("s") else None
        else:
            count = _count(match, kind, match.start(), match.end())
        end = match.end()
        if count:
            count = _headed(count, sentence)
            end = max(end, count.end)
        if count and free(count.start, count.end):
            found.append(count)
            taken.append((count.start, count.end))
            end = _chain(sentence, end, kind, count.who, found, taken)
    for match in ALONE.finditer(sentence):
        count = _count(match, VERB_KIND[match.group("verb").lower()], match.start(),
                       match.end())
        if count and free(count.start, count.end) and \
                not PURPOSE.search(sentence, 0, match.start()):
            found.append(count)
            taken.append((count.start, count.end))
    for match in NOUN.finditer(sentence):
        count = _count(match, NOUN_KIND[match.group("verb").lower()], match.start(),
                       match.end())
        if count and free(count.start, count.end):
            found.append(count)
            taken.append((count.start, count.end))
    for match in SUBJECT.finditer(sentence):
        if match.group("before") or not free(match.start("num"), match.end()):
            continue
        if not match.group("aux") and match.group("verb").lower() not in INTRANSITIVE \
                and HAS_OBJECT.match(sentence, match.end()):
            continue  # active: the count is the doer
        count = _count(match, VERB_KIND[match.group("verb").lower()],
                       match.start(), match.end())
        if count:
            found.append(count)
            taken.append((count.start, count.end))
    for match in BARE.finditer(sentence):
        if free(match.start(), match.end()):
            count = _count(match, VERB_KIND[match.group("verb").lower()],
                           match.start(), match.end())
            if count:
                found.append(count)
                taken.append((count.start, count.end))
    return sorted((_headed(c, sentence) for c in found), key=lambda c: c.start)


# "linked to an IED attack that killed four soldiers", "He is accused of attacks ...
# including the killing of several soldiers": a count told of an earlier attack or of a
# person's record, another event than the one a release reports.
_ATTACK = r"(?:attacks?|bombings?|ambush(?:es)?|assaults?|explosions?|blasts?|assassinations?)"
ATTACK_THAT = re.compile(rf"\b{_ATTACK}\s+(?:that|which)\s+(?:(?:had|has|have)\s+)?$",
                         re.IGNORECASE)
# The sentence's own verb tells a record: "He is accused of ...", "The leader was
# responsible for ...": every count in it is of what the person did before.
RECORD = re.compile(r"\A\W*(?:[\w'\u2019-]+\s+){1,4}?(?:is|was|are|were|has\s+been|had\s+been)"
                    r"\s+(?:(?:also|allegedly|reportedly|believed\s+to\s+be)\s+)*(?:accused\s+of|"
                    r"responsible\s+for|involved\s+in|linked\s+to|suspected\s+of|connected\s+to|"
                    r"behind)\b", re.IGNORECASE)


def of_another_event(before: str) -> bool:
    """True when the words of a sentence ``before`` a count tell it of another event: an
    attack it was in ("an attack that killed"), or the record a person is accused of."""
    return bool(ATTACK_THAT.search(before) or RECORD.search(before))


ATTRIBUTION = re.compile(
    r"\baccording to (?:the |a |an )?(?P<src>[A-Z][\w.&'\u2019-]*(?:\s+(?:of|for|and|the|"
    r"[A-Z][\w.&'\u2019-]*))*)|(?P<src2>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,4})\s+"
    r"(?:said|says|reported|reports|stated)\b")


PRONOUNS = {"he", "she", "they", "it", "we", "i", "this", "that", "officials", "police"}
# "Initial reports indicate 13 ...": a capital only because the sentence starts there, and
# "reports" the noun; such a word names nobody.
NOT_NAMES = {"initial", "early", "first", "preliminary", "unconfirmed", "local", "media",
             "press", "news", "latest", "recent", "further", "other", "some", "many",
             "several", "multiple", "official", "intelligence", "medical", "hospital"}


def attribution(sentence: str) -> str:
    """Who the sentence says gave the figure ("IOM"), or ""."""
    match = ATTRIBUTION.search(sentence)
    if not match:
        return ""
    said = (match.group("src") or match.group("src2") or "").rstrip(".,").strip()
    return "" if said.lower() in PRONOUNS or said.lower() in NOT_NAMES else said
