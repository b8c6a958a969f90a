"""Choosing how to decode an input file, shared by the readers.

Policy (documented in ``mediakit.corpus``):

1. A file starting with a UTF-16 or UTF-32 byte-order mark is decoded with that codec.
2. A file that is valid UTF-8 is read as UTF-8; a UTF-8 byte-order mark is dropped.
   ``encoding=`` does not override this: bytes that are valid UTF-8 are UTF-8.
3. Otherwise, the ``encoding=`` the caller gave is used (no warning, the caller chose);
   bytes it cannot decode are an error naming the file and the byte offset.
4. Otherwise a fallback is chosen and ONE warning names the file and the encoding:
   charset-normalizer's best guess when it is confident and is not one of the
   Western/Central European single-byte code pages (on short news text it cannot tell
   those apart and often guesses cp1250 for cp1252 text); else Windows-1252, the
   commonest non-UTF-8 encoding of English-language news files; else Latin-1, which
   decodes every byte.

The whole file is scanned in blocks, so a large table's encoding is settled before
the first row is read and memory stays bounded.
"""

from __future__ import annotations

import codecs
import io
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

__all__ = ["Decoding", "choose_decoding", "open_text", "read_text_file"]

_BLOCK = 1 << 20
_SAMPLE = 1 << 20

# Single-byte code pages that charset-normalizer cannot reliably tell apart on short
# Latin-script text; for these cp1252 is preferred when it decodes the bytes.
_LATIN_SINGLE_BYTE = {
    "cp1250", "cp1252", "cp1254", "cp1257", "latin_1", "iso8859_1", "iso8859_2",
    "iso8859_3", "iso8859_4", "iso8859_9", "iso8859_10", "iso8859_13", "iso8859_14",
    "iso8859_15", "iso8859_16", "cp437", "cp850", "cp852", "cp858", "cp775", "cp1125",
    "mac_roman", "mac_latin2", "mac_iceland", "mac_turkish", "mac_croatian",
}

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class Decoding:
    """How to decode one file: the codec, and a warning to emit if it was a fallback."""

    encoding: str
    warning: str | None = None


def _bom_encoding(head: bytes) -> str | None:
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    return None


def _first_error(path: Path, encoding: str) -> int | None:
    """Byte offset of the first byte ``encoding`` cannot decode, or None if all decode."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    offset = 0
    with path.open("rb") as handle:
        while True:
            block = handle.read(_BLOCK)
            final = not block
            try:
                decoder.decode(block, final=final)
            except UnicodeDecodeError as exc:
                return offset + max(exc.start, 0)
            if final:
                return None
            offset += len(block)


def _guess(path: Path) -> str:
    import charset_normalizer

    with path.open("rb") as handle:
        sample = handle.read(_SAMPLE)
    best = charset_normalizer.from_bytes(sample).best()
    guessed = None if best is None else codecs.lookup(best.encoding).name.replace("-", "_")
    confident = best is not None and best.chaos <= 0.1 and best.coherence >= 0.3
    if confident and guessed not in _LATIN_SINGLE_BYTE and _first_error(path, best.encoding) is None:
        return best.encoding
    if _first_error(path, "cp1252") is None:
        return "cp1252"
    return "latin-1"


def choose_decoding(path: Path, encoding: str | None = None) -> Decoding:
    """Decide how to decode ``path`` (see the module docstring for the policy).

    Raises ``UnicodeDecodeError`` (a ValueError) when the caller's ``encoding`` cannot
    decode the file, and ``LookupError`` for an unknown codec name.
    """
    with path.open("rb") as handle:
        head = handle.read(4)
    bom = _bom_encoding(head)
    if bom is not None:
        return Decoding(bom)
    bad_utf8 = _first_error(path, "utf-8")
    if bad_utf8 is None:
        return Decoding("utf-8")
    if encoding is not None:
        codecs.lookup(encoding)
        bad = _first_error(path, encoding)
        if bad is not None:
            raise UnicodeDecodeError(
                encoding, b"", bad, bad + 1,
                f"the file is not valid UTF-8 and encoding={encoding!r} cannot decode "
                f"byte offset {bad} either",
            )
        return Decoding(encoding)
    fallback = _guess(path)
    return Decoding(
        fallback,
        f"{path}: not valid UTF-8 (first bad byte at offset {bad_utf8}); decoded as "
        f"{fallback}. Pass encoding= to choose the encoding yourself.",
    )


def open_text(path: Path, decoding: Decoding) -> TextIO:
    """Open ``path`` for streaming text reads; newline translation is left to the caller."""
    return io.open(path, "r", encoding=decoding.encoding, newline="")


def read_text_file(path: Path, encoding: str | None = None) -> tuple[str, Decoding]:
    """The whole file as text (BOM dropped, CRLF and CR normalised to LF) and its decoding."""
    decoding = choose_decoding(path, encoding)
    with open_text(path, decoding) as handle:
        text = handle.read()
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n"), decoding
