"""Inputs to raw sources: files, directories and ``-`` (standard input), in input order.

This module knows where bytes come from and how to turn them into ``str``; it does not
know any format.  :func:`iter_sources` expands directories (recursively, sorted, hidden
entries skipped) and classifies every file by its extension; :func:`decode` reads bytes
as text (UTF-8 first, BOM aware, then charset-normalizer) and refuses binary data.
"""

from __future__ import annotations

import codecs
import logging
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from incidents.errors import InputError

log = logging.getLogger(__name__)

#: Extension -> format.  ``.xml`` is sniffed: a feed if it looks like one.
FORMATS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".jsonl": "jsonl",
}

STDIN = "-"


@dataclass(frozen=True, slots=True)
class Source:
    """One input file (or standard input) and the format its name says it holds.

    ``name`` is the id-derived name: the file stem, or ``stdin``; ``alt_name`` is the path
    relative to the input it was found under (without extension), used when two sources
    give the same name.
    """

    path: str  # the path as the user gave it or as found under a directory; "-" for stdin
    format: str
    name: str
    alt_name: str


def iter_sources(inputs: Sequence[str]) -> Iterator[Source]:
    """Expand ``inputs`` into sources, in order.

    Directories are walked recursively in sorted order; hidden files and directories
    (a leading ``.``) and files with unknown extensions are skipped with a log line.  A
    path given explicitly with an unknown extension has format ``auto`` (sniffed when read).
    A path that is missing or not a regular file has format ``missing``; reading it raises
    the :class:`InputError` that says so.
    """
    for given in inputs:
        if given == STDIN:
            yield Source(path=STDIN, format="text", name="stdin", alt_name="stdin")
            continue
        path = Path(given)
        if path.is_dir():
            yield from _walk(path)
        elif path.is_file():
            fmt = FORMATS.get(path.suffix.lower(), "auto")
            yield Source(path=given, format=fmt, name=path.stem, alt_name=_strip_suffix(path))
        else:
            yield Source(path=given, format="missing", name=path.stem or given,
                         alt_name=_strip_suffix(path) if path.stem else given)


def _walk(root: Path) -> Iterator[Source]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for filename in sorted(filenames):
            if filename.startswith("."):
                continue
            path = Path(dirpath) / filename
            fmt = FORMATS.get(path.suffix.lower())
            if fmt is None:
                log.info("skipping %s: unknown extension", path)
                continue
            relative = path.relative_to(root)
            yield Source(path=str(path), format=fmt, name=path.stem,
                         alt_name=_strip_suffix(Path(root.name) / relative))


def _strip_suffix(path: Path) -> str:
    return path.with_suffix("").as_posix().lstrip("./") or path.stem


# ---------------------------------------------------------------------------------------
# Decoding

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: Control characters that never occur in text; more than a few of them means binary data.
_BINARY_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_DECLARED = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
#: Encodings preferred when charset-normalizer finds several equally plausible ones
#: (it often says cp1250 for Western European text that is cp1252).
_PREFERRED = ("utf_8", "cp1252", "latin_1", "iso8859_15")


def decode(data: bytes, where: str, *, markup: bool = False) -> str:
    """Decode ``data`` read from ``where`` into text.

    UTF-8 first (a BOM selects UTF-8/16/32); for markup (HTML, XML) a declared
    ``charset``/``encoding`` next; then charset-normalizer.

    Raises:
        InputError: the data is empty or whitespace only, looks binary, or its encoding
            cannot be determined.
    """
    text = _decode(data, where, markup)
    if _looks_binary(text):
        raise InputError(f"{where} looks like a binary file, not text")
    if not text.strip():
        raise InputError(f"{where} is empty")
    return text


def _decode(data: bytes, where: str, markup: bool) -> str:
    if not data.strip():
        raise InputError(f"{where} is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"{where}: invalid {encoding} text after its byte-order mark "
                                 f"(byte {exc.start})") from None
    if b"\x00" in data:
        return _decode_wide(data, where)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if markup:
        declared = _declared_encoding(data)
        if declared:
            try:
                return data.decode(declared)
            except (LookupError, UnicodeDecodeError):
                log.info("%s: declared encoding %s does not fit; detecting", where, declared)
    return _detect(data, where)


def _decode_wide(data: bytes, where: str) -> str:
    """Bytes with NULs: UTF-16/32 without a byte-order mark, or binary."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding.startswith(("utf_16", "utf_32")):
        return str(best)
    raise InputError(f"{where} looks like a binary file, not text")


def _declared_encoding(data: bytes) -> str | None:
    match = _DECLARED.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _detect(data: bytes, where: str) -> str:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        raise InputError(
            f"{where}: cannot determine the text encoding (not UTF-8, and no other encoding "
            "fits); it may be a binary file: convert it to UTF-8"
        )
    best = matches[0]
    # Short texts make charset-normalizer's language coherence unreliable (English cp1252
    # text comes out as cp775): among the equally clean decodings, prefer the common ones.
    ties = [m for m in matches if m.chaos <= best.chaos + 0.01]
    for preferred in _PREFERRED:
        for match in ties:
            if preferred in match.could_be_from_charset:
                return data.decode(preferred)
    log.debug("%s: decoded as %s", where, best.encoding)
    return str(best)


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    if not sample:
        return False
    return len(_BINARY_CONTROLS.findall(sample)) > max(2, len(sample) // 1000)


def read_bytes(source: Source, stdin: IO[str] | IO[bytes] | None = None) -> bytes | str:
    """The raw content of ``source``: bytes from a file or a binary stream, ``str`` from a
    text stream.

    Raises:
        InputError: the file cannot be read.
    """
    if source.format == "missing":
        what = "not a regular file or directory" if Path(source.path).exists() else \
            "no such file or directory"
        raise InputError(f"{source.path}: {what}")
    if source.path == STDIN:
        import sys

        stream = stdin if stdin is not None else sys.stdin
        binary = getattr(stream, "buffer", None)
        try:
            if binary is not None:
                return bytes(binary.read())
            data = stream.read()
        except OSError as exc:
            raise InputError(f"standard input: cannot read: {exc}") from None
        return data if isinstance(data, str) else bytes(data)
    try:
        return Path(source.path).read_bytes()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise InputError(f"{source.path}: cannot read: {reason}") from None
