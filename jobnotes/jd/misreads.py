"""Mentions of a known skill that do not ask for it, read from the words around them.

Two kinds, both left out by ``jobnotes.jd.extract`` before skills are counted:

- a team, department or function the candidate works with or for: "our CRM team",
  "with revenue, customer success and finance teams", "partner with Customer Success",
  "work alongside Sales", "dashboards for product, sales and customer success".
  "Experience in customer success" still asks for the skill, and
  so do "join our ML platform team" and "lead the customer success team" (whoever joins
  or leads a team does its work);
- "PR" meaning a pull request: "open a PR", "PR reviews", "a dbt PR", "code review and
  PR". "PR campaigns" or "press and PR" stay public relations.

The rules are narrow on purpose: a mention they do not clearly fit stays a skill.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from jobnotes.jd.vocabulary import Hit, lowered

# A word of a list item: not a word that starts another clause or phrase.
_STOP = (r"(?:in|on|for|with|to|of|at|by|from|into|using|via|the|a|an|our|their|your|its|"
         r"is|are|was|will|who|that|which|and|or|as|across|alongside|team|teams|"
         # verbs that start what the candidate does: "partner with Sales and write SQL"
         r"write|build|use|own|run|create|develop|design|maintain|define|support|help|lead|"
         r"manage|deliver|drive|analy[sz]e|present|work|make|improve|automate|ship|deploy|"
         r"document|do|get|take|bring|turn|set|keep|track|explore|learn|code|query)")
_WORD = rf"(?!{_STOP}\b)[A-Za-z][\w&+.'-]*"     # no "/": a separator (see _SEP)
_GAP = r"[^\S\n]+|[^\S\n]*\n[^\S\n]*"             # spaces, or one line break
_ITEM = rf"{_WORD}(?:(?:{_GAP}){_WORD}){{0,2}}"
_SEP = rf"(?:[^\S\n]*,(?:{_GAP})?(?:(?:and|or|&)(?:{_GAP}))?|(?:{_GAP})(?:and|or|&)(?:{_GAP})|/)"
_GROUP = (r"(?:teams?|departments?|functions?|squads?|colleagues|counterparts|"
          r"stakeholders|leaders(?:hip)?|org|organi[sz]ations?)\b")
# Words naming what is worked on rather than who: "the dbt project and analytics teams".
_OBJECT = (r"(?:projects?|models?|dashboards?|pipelines?|reports?|reporting|code|codebase|"
           r"jobs?|tests?|docs|migrations?|tools?|stack)\b")
# After the skill: one more word of the name, more list items, then "team(s)".
_TEAM_AFTER_RE = re.compile(
    rf"(?:(?:{_GAP})(?!{_OBJECT}){_WORD})?(?:{_SEP}{_ITEM}){{0,5}}(?:{_GAP}){_GROUP}",
    re.IGNORECASE)
# Before the skill: a word that makes the group one worked with, then earlier list items.
_TEAM_BEFORE_RE = re.compile(
    rf"\b(our|the|their|your|its|with|for|across|alongside|between|support(?:s|ing)?)"
    rf"(?:{_GAP})(?:{_ITEM}{_SEP})*$",
    re.IGNORECASE)
# Before "the" / "our": verbs saying the candidate does the team's work.
_OWN_TEAM_RE = re.compile(
    r"\b(?:join(?:s|ing)?|lead(?:s|ing)?|manag(?:e|es|ing)|head(?:s|ing)?|build(?:s|ing)?|"
    r"run(?:s|ning)?|grow(?:s|ing)?|scal(?:e|es|ing)|set(?:ting)?\s+up|be(?:come)?\s+part\s+of|"
    r"in)[^\S\n]*$",
    re.IGNORECASE)
# Nothing but "our" / "the" before the team: the sentence is about the team itself,
# most often the one hiring ("Our BI team builds the reporting" for a BI developer).
_HIRING_TEAM_RE = re.compile(r"[^\w]*$")
# "partner with X", "work alongside X": X is who, even without "team".
_PARTNER_BEFORE_RE = re.compile(
    rf"(?:\bpartner(?:s|ed|ing)?(?:{_GAP})(?:closely(?:{_GAP}))?with"
    rf"|\b(?:work(?:s|ed|ing)?|sit(?:s|ting)?)(?:{_GAP})(?:closely(?:{_GAP}))?alongside)"
    rf"(?:{_GAP})(?:(?:our|the|their|your)(?:{_GAP}))?(?:{_ITEM}{_SEP})*$",
    re.IGNORECASE)
# What may follow X there: more names of the list, then the end of the phrase.
_PARTNER_AFTER_RE = re.compile(
    rf"(?:(?:{_GAP}){_WORD}){{0,2}}(?:{_SEP}{_ITEM}){{0,5}}"
    rf"(?:[^\S\n]*(?:[.,;:)]|\n|$)|(?:{_GAP})(?:on|to|in|for|about|around|across|as|and)\b)",
    re.IGNORECASE)
# "dashboards for product, sales and customer success": X is who a deliverable serves.
_AUDIENCE_BEFORE_RE = re.compile(
    rf"\b(?:dashboards?|reports?|reporting|insights?|analys[ie]s|tools?|tooling|metrics|"
    rf"kpis?|forecasts?)(?:(?:{_GAP})[\w-]+){{0,3}}?(?:{_GAP})(?:for|used(?:{_GAP})by)"
    rf"(?:{_GAP})(?:(?:our|the|their|your)(?:{_GAP}))?(?P<items>(?:{_ITEM}{_SEP})*)$",
    re.IGNORECASE)
# Only in a list of such groups: "tools for data quality monitoring" still asks for it.
_LIST_AFTER_RE = re.compile(rf"(?:(?:{_GAP}){_WORD}){{0,2}}?{_SEP}{_ITEM}", re.IGNORECASE)
# The first letters of the words of _GROUP and of the partner and audience rules, to find
# them quickly.
_GROUP_STEMS = ("team", "department", "function", "squad", "colleague", "counterpart",
                "stakeholder", "org", "leaders")
_PARTNER_STEMS = ("partner", "alongside", "dashboard", "report", "insight", "analys",
                  "tool", "metric", "kpi", "forecast")

# --- "PR" --------------------------------------------------------------------------------

_PULL_WORDS = (r"pull[\s-]*requests?|reviews?|reviewed|reviewing|reviewers?|merge[ds]?|merging|"
               r"commits?|branch(?:es)?|git|github|gitlab|bitbucket|repo|repos|repository|"
               r"codebase|code|ci|ci/cd|dbt|diffs?|approve[ds]?|approving|tests?|changelog|"
               r"engineers?|developers?")
_PRESS_WORDS = (r"press|media|campaigns?|comms|communications?|agency|agencies|journalists?|"
                r"publicity|coverage|brand(?:ing)?|marketing|announcements?|releases?|"
                r"reputation|crisis|influencers?|outreach|events?|stories|storytelling|"
                r"spokesperson|newsroom|social|awareness|relations")
_PULL_RE = re.compile(rf"\b(?:{_PULL_WORDS})\b", re.IGNORECASE)
_PRESS_RE = re.compile(rf"\b(?:{_PRESS_WORDS})\b", re.IGNORECASE)
# "open a PR", "review each PR", "merge your PR": what is done to a pull request.
_ACTION_BEFORE_RE = re.compile(
    r"\b(?:open(?:s|ed|ing)?|rais(?:e|es|ed|ing)|submit(?:s|ted|ting)?|merg(?:e|es|ed|ing)|"
    r"review(?:s|ed|ing)?|approv(?:e|es|ed|ing)|comment(?:s|ed|ing)?[^\S\n]+on)"
    r"[^\S\n]+(?:(?:a|the|each|every|your|my|their|our|one)[^\S\n]+)?$",
    re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.;!?](?:\s|$)|\n\s*\n|\n\s*(?:[-*+]|\d+[.)])\s")
PR_KEY = "public relations"
_WINDOW = 160


def without_misreads(text: str, hits: list[Hit]) -> list[Hit]:
    """``hits`` (a ``Vocabulary.scan`` of ``text``) without the mentions that do not ask
    for their skill. The words the rules need are found once per text, so a mention
    far from any of them costs two bisections."""
    if not hits:
        return hits
    # Only to find where words are, at the offsets of ``text``: the rules read ``text``.
    lower = lowered(text) or "".join(c.lower()[:1] for c in text)
    groups = _starts(lower, _GROUP_STEMS)
    partners = _starts(lower, _PARTNER_STEMS)
    if not groups and not partners and "PR" not in text:
        return hits
    kept = []
    for hit in hits:
        start, end = hit.start, hit.end
        if hit.key == PR_KEY and text[start:end] == "PR" and _is_pull_request(text, start, end):
            continue
        team = _within(groups, end, end + _WINDOW)
        partner = _within(partners, start - _WINDOW, start)
        if (team or partner) and _is_group(text, start, end, team, partner):
            continue
        kept.append(hit)
    return kept


def _starts(lower: str, stems: tuple[str, ...]) -> list[int]:
    """Where a word starting with one of ``stems`` starts (str.find: several times
    quicker than a case-insensitive regex over the whole text)."""
    found = []
    for stem in stems:
        at = lower.find(stem)
        while at >= 0:
            if at == 0 or not lower[at - 1].isalnum():
                found.append(at)
            at = lower.find(stem, at + len(stem))
    found.sort()
    return found


def _within(positions: list[int], low: int, high: int) -> bool:
    return bisect_right(positions, high) > bisect_left(positions, low)


def _is_group(text: str, start: int, end: int, team: bool, partner: bool) -> bool:
    """A team, department or function worked with, named by the mention (``team``: a
    word such as "team" follows it closely; ``partner``: "partner" or "alongside" comes
    closely before it)."""
    before, after = _sentence(text, start, end)
    if team and _TEAM_AFTER_RE.match(after):
        found = _TEAM_BEFORE_RE.search(before)
        if (found is not None and not _OWN_TEAM_RE.search(before, 0, found.start())
                and not (found.group(1).lower() in ("our", "the")
                         and _HIRING_TEAM_RE.match(before, 0, found.start()))):
            return True
    return (partner and (_PARTNER_BEFORE_RE.search(before) is not None
                         or _serves_a_list(before, after))
            and _PARTNER_AFTER_RE.match(after) is not None)


def _serves_a_list(before: str, after: str) -> bool:
    """The mention is one of a list of groups a deliverable is for."""
    found = _AUDIENCE_BEFORE_RE.search(before)
    return found is not None and bool(found.group("items") or _LIST_AFTER_RE.match(after))


def _sentence(text: str, start: int, end: int) -> tuple[str, str]:
    """The text of the mention's sentence before and after it (at most _WINDOW each)."""
    before = text[max(start - _WINDOW, 0):start]
    ends = list(_SENTENCE_END.finditer(before))
    if ends:
        before = before[ends[-1].end():]
    after = text[end:end + _WINDOW]
    stop = _SENTENCE_END.search(after)
    return before, after[:stop.start()] if stop else after


def _is_pull_request(text: str, start: int, end: int) -> bool:
    """"PR" meaning a pull request: right after "open a", "review", "merge", ..., or the
    nearest telling word of its sentence is about code ("review", "merge", "dbt", ...)
    rather than the press ("campaign", "media", ...)."""
    before, after = _sentence(text, start, end)
    if _ACTION_BEFORE_RE.search(before):
        return True
    pull = _nearest(_PULL_RE, before, after)
    press = _nearest(_PRESS_RE, before, after)
    return pull is not None and (press is None or pull < press)


def _nearest(pattern: re.Pattern[str], before: str, after: str) -> int | None:
    """Distance in characters from the mention to the nearest match on either side."""
    distances = [len(before) - m.end() for m in pattern.finditer(before)]
    first = pattern.search(after)
    if first is not None:
        distances.append(first.start())
    return min(distances, default=None)
