"""Choosing how to decode an input file, shared by the readers.

Policy (documented in ``mediakit.corpus``):

1. A file starting with a UTF-8, UTF-16 or UTF-32 byte-order mark is decoded with that
   codec.
2. A file that is valid UTF-8 is read as UTF-8. ``encoding=`` does not override this:
   bytes that are valid UTF-8 are UTF-8.
3. A file without a byte-order mark whose NUL bytes fall in the pattern of UTF-16 or
   UTF-32 text (every second, or three of every four, byte NUL for Latin-script text)
   and that decodes in that codec is read in it, with a log entry saying so. Any other
   file holding a NUL byte is binary and is not read.
4. Otherwise, the ``encoding=`` the caller gave is used (logged, not warned: the caller
   chose); bytes it cannot decode are an error naming the file and the byte offset.
5. Otherwise a fallback is chosen and ONE warning names the file and the encoding:
   charset-normalizer's best guess when it is confident and is not one of the
   Western/Central European single-byte code pages (on short news text it cannot tell
   those apart and often guesses cp1250 for cp1252 text); else Windows-1252, the
   commonest non-UTF-8 encoding of English-language news files; else Latin-1, which
   decodes every byte.
6. A file that mixes lines of valid UTF-8 (with non-ASCII characters) and lines that
   are not UTF-8 (a file pasted together from two sources) is decoded line by line:
   UTF-8 lines as UTF-8, the others with ``encoding=`` or the fallback of rule 5; the
   warning says how many lines went each way.
7. A file decoded by a fallback (rules 3, 5, 6) in which more than 1% of the
   characters are control characters (other than tab, line feed, carriage return and
   form feed) is not text: random or binary bytes without a NUL. It is not read.

The whole file is scanned in blocks, so a large table's encoding is settled before
the first row is read and memory stays bounded.
"""

from __future__ import annotations

import codecs
import io
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import CorpusError

__all__ = ["Decoding", "choose_decoding", "open_text", "read_text_file", "sniff_wide"]

_BLOCK = 1 << 20
_SAMPLE = 1 << 20
_CONTROL_SHARE = 0.01

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
    """How to decode one file.

    ``encoding`` is the codec (for a file decoded line by line: the codec of its
    non-UTF-8 lines, with ``per_line`` True). ``note`` describes a decoding that is
    not plain UTF-8 (None for UTF-8 and byte-order-marked files), and ``fallback``
    says whether mediakit chose it (a warning) rather than the caller (a log entry).
    """

    encoding: str
    note: str | None = None
    fallback: bool = False
    per_line: bool = False


def _bom_encoding(head: bytes) -> str | None:
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    return None


def sniff_wide(sample: bytes) -> str | None:
    """The UTF-16/32 codec whose NUL pattern ``sample`` (no BOM) shows, else None.

    Latin-script text in UTF-16-LE has a NUL in almost every odd byte and almost none
    in even ones (BE: the reverse); UTF-32 has three NULs in every four bytes.
    """
    bom = _bom_encoding(sample[:4])
    if bom in ("utf-16", "utf-32"):
        return bom
    size = len(sample) - len(sample) % 4
    if size < 8 or b"\x00" not in sample:
        return None
    quarters = [sample[k:size:4].count(0) / (size // 4) for k in range(4)]
    high, low = 0.6, 0.02
    if all(quarters[k] > high for k in (1, 2, 3)) and quarters[0] < low:
        return "utf-32-le"
    if all(quarters[k] > high for k in (0, 1, 2)) and quarters[3] < low:
        return "utf-32-be"
    even, odd = (quarters[0] + quarters[2]) / 2, (quarters[1] + quarters[3]) / 2
    if odd > high and even < low:
        return "utf-16-le"
    if even > high and odd < low:
        return "utf-16-be"
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


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


@dataclass
class _LineCensus:
    """How the lines of a non-UTF-8 file split: UTF-8 lines with non-ASCII bytes,
    lines that are not UTF-8, and whether all of the latter decode as cp1252."""

    utf8: int = 0
    other: int = 0
    other_cp1252: bool = True


def _census(path: Path) -> _LineCensus:
    census = _LineCensus()
    with path.open("rb") as handle:
        for line in handle:
            if line.isascii():
                continue
            if _decodes(line, "utf-8"):
                census.utf8 += 1
            else:
                census.other += 1
                if census.other_cp1252 and not _decodes(line, "cp1252"):
                    census.other_cp1252 = False
    return census


def _guess(path: Path) -> str:
    import charset_normalizer

    with path.open("rb") as handle:
        sample = handle.read(_SAMPLE)
    best = charset_normalizer.from_bytes(sample).best()
    if best is not None and best.chaos <= 0.1 and best.coherence >= 0.3:
        guessed = codecs.lookup(best.encoding).name.replace("-", "_")
        if guessed not in _LATIN_SINGLE_BYTE and _first_error(path, best.encoding) is None:
            return best.encoding
    if _first_error(path, "cp1252") is None:
        return "cp1252"
    return "latin-1"


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f")
    return controls / len(text)


def _check_is_text(path: Path, decoding: Decoding, name: str) -> None:
    with open_text(path, decoding) as handle:
        sample = handle.read(_SAMPLE)
    share = _control_share(sample)
    if share > _CONTROL_SHARE:
        raise CorpusError(
            f"not a text file: {share:.0%} of its characters are control characters "
            f"(decoded as {decoding.encoding})", file=name)


def choose_decoding(path: Path, encoding: str | None = None, *, name: str | None = None) -> Decoding:
    """Decide how to decode ``path`` (see the module docstring for the policy).

    Raises ``UnicodeDecodeError`` (a ValueError) when the caller's ``encoding`` cannot
    decode the file, ``LookupError`` for an unknown codec name, and ``CorpusError``
    for a file that is not text (rule 7). ``name`` is the file as messages show it.
    """
    name = name or str(path)
    with path.open("rb") as handle:
        head = handle.read(_SAMPLE)
    bom = _bom_encoding(head[:4])
    if bom is not None:
        return Decoding(bom)
    bad_utf8 = _first_error(path, "utf-8")
    if bad_utf8 is None and b"\x00" not in head:
        return Decoding("utf-8")
    wide = sniff_wide(head)
    if wide is not None and _first_error(path, wide) is None:
        decoding = Decoding(wide, f"no byte-order mark, but its NUL bytes fall in the "
                                  f"pattern of {wide.upper()}; decoded as {wide}", fallback=True)
        _check_is_text(path, decoding, name)
        return decoding
    if bad_utf8 is None:
        return Decoding("utf-8")
    census = _census(path)
    if encoding is not None:
        codecs.lookup(encoding)
        if census.utf8:
            return Decoding(encoding, _mixed_note(census, encoding), fallback=True, per_line=True)
        bad = _first_error(path, encoding)
        if bad is not None:
            raise UnicodeDecodeError(
                encoding, b"", bad, bad + 1,
                f"the file is not valid UTF-8 and encoding {encoding!r} cannot decode "
                f"byte offset {bad} either",
            )
        return Decoding(encoding, f"not valid UTF-8 (first bad byte at offset {bad_utf8}); "
                                  f"decoded as {encoding}, the encoding given")
    if census.utf8:
        other = "cp1252" if census.other_cp1252 else "latin-1"
        decoding = Decoding(other, _mixed_note(census, other), fallback=True, per_line=True)
    else:
        fallback = _guess(path)
        decoding = Decoding(fallback, f"not valid UTF-8 (first bad byte at offset {bad_utf8}); "
                                      f"decoded as {fallback}", fallback=True)
    _check_is_text(path, decoding, name)
    return decoding


def _mixed_note(census: _LineCensus, other: str) -> str:
    return (f"mixes encodings: {census.utf8} line(s) of UTF-8 were decoded as UTF-8 and "
            f"{census.other} line(s) that are not UTF-8 as {other}, line by line")


class _PerLine(io.TextIOBase):
    """A read-only text stream decoding each line of a binary file on its own: as UTF-8
    when the line is valid UTF-8, else as ``other``."""

    def __init__(self, path: Path, other: str) -> None:
        self._handle = path.open("rb")
        self._other = other
        self._lines = self._decoded()

    def _decoded(self) -> Iterator[str]:
        for line in self._handle:
            try:
                yield line.decode("utf-8")
            except UnicodeDecodeError:
                yield line.decode(self._other, errors="replace")

    def readable(self) -> bool:
        return True

    def __iter__(self) -> Iterator[str]:  # type: ignore[override]
        return self._lines

    def __next__(self) -> str:  # type: ignore[override]
        return next(self._lines)

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        return next(self._lines, "")

    def read(self, size: int | None = -1) -> str:
        if size is not None and size >= 0:
            parts: list[str] = []
            total = 0
            for line in self._lines:
                parts.append(line)
                total += len(line)
                if total >= size:
                    break
            return "".join(parts)
        return "".join(self._lines)

    def close(self) -> None:
        self._handle.close()
        super().close()


def open_text(path: Path, decoding: Decoding) -> Any:
    """Open ``path`` for streaming text reads; newline translation is left to the caller."""
    if decoding.per_line:
        return _PerLine(path, decoding.encoding)
    return open(path, encoding=decoding.encoding, newline="")


def read_text_file(path: Path, encoding: str | None = None, *, name: str | None = None
                   ) -> tuple[str, Decoding]:
    """The whole file as text (BOM dropped, CRLF and CR normalised to LF) and its decoding."""
    decoding = choose_decoding(path, encoding, name=name)
    with open_text(path, decoding) as handle:
        text = handle.read()
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n"), decoding


def encoding_log(decoding: Decoding, file: str) -> list[dict[str, Any]]:
    """The load-log entry (kind ``encoding``) for a decoding that is not plain UTF-8."""
    if decoding.note is None:
        return []
    return [{"kind": "encoding", "file": file, "row": None, "column": None,
             "value": decoding.encoding, "message": decoding.note, "warn": decoding.fallback}]
