"""Page furniture in plain text: the lines of a saved web page that are not the story.

Text saved from a news page (or extracted by a tool that kept too much) carries menus,
teaser headlines of other stories, captcha prompts, share buttons and comment boxes. Their
event words ("Man killed in crash" in a sidebar) must not become incidents. The text itself
is never changed (evidence offsets index it); extraction only ignores what lies in these
lines.
"""

from __future__ import annotations

import re

_CUES = re.compile(
    r"you must enter the characters|all rights reserved|copyright\s*(?:©|\(c\)|\d{4})|©\s*\d{4}"
    r"|click here|sign up|subscribe|follow us|share this|share on|related\s*(?:stories|articles|coverage|links)?\s*:"
    r"|most (?:popular|read|viewed|shared)|advertisement|^\s*(?:posted|updated|published)\s*:"
    r"|no comments|post a comment|leave a comment|read more|email this|print this|next story|previous story"
    r"|trending|recommended for you|more from|sponsored|newsletter|terms of (?:use|service)|privacy policy"
    r"|a friend wanted you to see this|thank you for registering|get email notifications|your notification has been"
    r"|watch live|download our app|^\s*(?:watch|video|photos?|gallery|listen)\s*:",
    re.IGNORECASE,
)
_SEPARATORS = re.compile(r"\s[|•·»]\s")
_MAX_CUE_WORDS = 30


def furniture_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of the lines that are page furniture, in text order."""
    spans: list[tuple[int, int]] = []
    seen: set[str] = set()
    offset = 0
    for line in text.split("\n"):
        start, end = offset, offset + len(line)
        offset = end + 1
        stripped = line.strip()
        if not stripped:
            continue
        key = " ".join(stripped.lower().split())
        words = len(stripped.split())
        repeated = len(key) >= 15 and key in seen and (key.endswith(("...", "…")) or words <= 12)
        seen.add(key)
        if repeated or (words <= _MAX_CUE_WORDS and _CUES.search(stripped)) or len(_SEPARATORS.findall(stripped)) >= 3:
            spans.append((start, end))
    return spans


def inside(spans: list[tuple[int, int]], position: int) -> bool:
    """True when ``position`` lies in one of ``spans`` (sorted, non-overlapping)."""
    lo, hi = 0, len(spans)
    while lo < hi:
        mid = (lo + hi) // 2
        start, end = spans[mid]
        if position < start:
            hi = mid
        elif position >= end:
            lo = mid + 1
        else:
            return True
    return False
