"""Text normalisation and the one place where an :class:`Article` is built.

Every article's ``text`` goes through :func:`normalize`; evidence offsets index the
normalised text that the output carries, so normalisation may change the length but must be
idempotent (``normalize(normalize(x)) == normalize(x)``).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from incidents.errors import InputError
from incidents.model import Article

#: Unicode spaces that become a plain space (no-break, en/em/thin..., narrow no-break,
#: medium mathematical, ideographic, Ogham).
_SPACES = "\u00a0\u1680" + "".join(chr(c) for c in range(0x2000, 0x200B)) + "\u202f\u205f\u3000"
#: Characters removed outright: zero-width space/non-joiner/joiner, word joiner, BOM /
#: zero-width no-break space, soft hyphen, Mongolian vowel separator.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"
#: Line breaks other than LF: vertical tab, form feed, NEL, line separator -> one newline;
#: paragraph separator -> a blank line.
_BREAKS = {"\x0b": "\n", "\x0c": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n\n"}
#: Other C0/C1 control characters (never meaningful in an article) are removed.
_CONTROLS = "".join(
    chr(c) for c in [*range(0x09), *range(0x0E, 0x20), 0x7F, *range(0x80, 0x85), *range(0x86, 0xA0)]
)

_TABLE: dict[int, Any] = {ord(c): " " for c in _SPACES}
_TABLE.update({ord(c): None for c in _INVISIBLE + _CONTROLS})
_TABLE.update({ord(k): v for k, v in _BREAKS.items()})

_TRAILING_SPACE = re.compile(r"[ \t]+(?=\n)|[ \t]+\Z")
_BLANK_RUN = re.compile(r"\n{4,}")  # three or more blank lines


def normalize(text: str) -> str:
    """The canonical form of an article's text.

    Unicode spaces become plain spaces; zero-width characters, BOMs, soft hyphens and stray
    control characters are removed; CRLF, CR and other line separators become LF; trailing
    spaces and tabs are stripped from every line; three or more blank lines collapse to two;
    the text is stripped and put in Unicode NFC.  Idempotent.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_TABLE)
    # NFC last-but-one: removing invisible characters can bring a base letter and its
    # combining mark together; NFC never produces whitespace or the characters removed above.
    text = unicodedata.normalize("NFC", text)
    text = _TRAILING_SPACE.sub("", text)
    text = _BLANK_RUN.sub("\n\n\n", text)
    return text.strip()


def make_article(
    id: str,
    text: str,
    title: str | None = None,
    published: str | None = None,
    url: str | None = None,
    *,
    author: str | None = None,
    source: str | None = None,
    meta: dict[str, Any] | None = None,
) -> Article:
    """Build an :class:`Article` with normalised text.

    Raises:
        InputError: ``text`` is not a string.
    """
    if not isinstance(text, str):
        raise InputError(f"{id}: text must be a string, not {type(text).__name__}")
    return Article(
        id=id,
        text=normalize(text),
        title=_clean_line(title),
        published=published,
        url=url,
        author=_clean_line(author),
        source=source,
        meta=dict(meta or {}),
    )


def _clean_line(value: str | None) -> str | None:
    """A one-line metadata value (title, author): normalised, inner whitespace collapsed."""
    if value is None:
        return None
    value = " ".join(normalize(str(value)).split())
    return value or None
