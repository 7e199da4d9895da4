"""Truecasing of ALL-CAPS and all-lower-case text, offset-preserving.

(placeholder: replaced by the ingest/truecasing work)
"""

from __future__ import annotations


def needs_truecasing(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 20:
        return False
    upper = sum(c.isupper() for c in letters)
    return upper / len(letters) > 0.8 or upper / len(letters) < 0.01


def truecase(text: str) -> str:
    out = []
    start = True
    for c in text.lower():
        out.append(c.upper() if start and c.isalpha() else c)
        if c.isalpha():
            start = False
        elif c in ".!?\n":
            start = True
    return "".join(out)
