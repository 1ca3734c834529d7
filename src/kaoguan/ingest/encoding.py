"""Decode document bytes to text, detecting the encoding from the bytes, never from the file name.

Order of evidence:
1. a byte-order mark (UTF-8, UTF-16, UTF-32) is authoritative;
2. UTF-16 without a BOM shows itself by NUL bytes in every other position;
3. strict UTF-8 (most files, and a cheap check);
4. strict GB18030 giving ordinary GB2312 characters (fast path for the common Chinese case);
5. charset-normalizer's best guess; any GB-family answer (GB2312, GBK, CP936, HZ) is widened to
   GB18030, its superset, so rare characters that a subset cannot map are not lost.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from kaoguan.ingest.errors import DocumentError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_GB_FAMILY = {"gb2312", "gbk", "cp936", "gb18030", "hz", "hz_gb_2312", "hz-gb-2312", "euc_cn", "x-gbk"}
# How many bytes charset-normalizer looks at; enough to decide, cheap on big files.
_SNIFF_BYTES = 256 * 1024


def detect_encoding(data: bytes) -> tuple[str, int]:
    """Return (codec name, number of BOM bytes to skip)."""
    name, skip, _ = _detect(data)
    return name, skip


def _detect(data: bytes) -> tuple[str, int, str | None]:
    """(codec name, BOM bytes to skip, the decoded text when finding the codec already decoded it):
    most files are UTF-8, and checking that decodes the whole file, so it is decoded once, not twice."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom), None
    utf16 = _utf16_without_bom(data)
    if utf16:
        return utf16, 0, None
    text = _utf8_text(data)
    if text is not None:
        return "utf-8", 0, text
    text = decode_with_few_errors(data, "utf-8")  # a stray byte, or a last character cut in half
    if text is not None:
        return "utf-8", 0, text
    utf16 = _utf16_by_decoding(data[:4096])
    if utf16:
        return utf16, 0, None
    if _is_plain_gb(data):
        return "gb18030", 0, None
    guess = from_bytes(data[:_SNIFF_BYTES]).best()
    if guess is None:
        return "gb18030", 0, None
    name = guess.encoding.lower().replace("-", "_")
    if name in _GB_FAMILY or name.replace("_", "") in _GB_FAMILY:
        return "gb18030", 0, None
    return guess.encoding, 0, None


def decode_bytes(data: bytes, source: str | None = None) -> str:
    """Decode text bytes; a file that is not text raises DocumentError naming it."""
    name, skip, decoded = _detect(data)
    if not name.startswith("utf-16") and not name.startswith("utf-32") and _binary_bytes(data[:8192]):
        raise DocumentError(source, "binary data, not a text document")
    body = data[skip:]
    try:
        text = decoded if decoded is not None else body.decode(name)
    except (UnicodeDecodeError, LookupError):
        # The guess fitted the sample but not the whole file: fall back to GB18030, which maps
        # nearly every byte sequence, and only then give up.
        try:
            text = body.decode("gb18030")
        except UnicodeDecodeError as exc:
            text = decode_with_few_errors(body, name) or decode_with_few_errors(body, "gb18030")
            if text is None:
                raise DocumentError(source, f"not readable as text in any known encoding (byte {exc.start})") from exc
    if _looks_binary(text):
        raise DocumentError(source, "binary data, not a text document")
    return text


# Undecodable bytes a text may have and still be read: each becomes U+FFFD, which normalization
# reports as garbled text (a file cut in the middle of a character, a stray byte from a bad copy).
# Few means at most 8 or one per 2000 bytes, and at most one per 20 characters decoded outside
# ASCII: text in another encoding fails on most of its characters.
_FEW_ERRORS = 8


def decode_with_few_errors(body: bytes, name: str) -> str | None:
    """The text, when only a few bytes do not decode. The first 8 KB decide first: text in another
    encoding fails there already (and decoding it whole with replacements would be slow)."""
    try:
        if body[:8192].decode(name, errors="replace").count("\ufffd") > _FEW_ERRORS:
            return None
        text = body.decode(name, errors="replace")
    except LookupError:
        return None
    errors = text.count("\ufffd")
    wide = len(text) - len(text.encode("ascii", errors="ignore"))  # non-ASCII characters, counted in C
    if errors <= max(_FEW_ERRORS, len(body) // 2000) and errors * 20 <= wide:
        return text
    return None


def _utf8_text(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _is_plain_gb(data: bytes) -> bool:
    """A fast path for the most common non-UTF-8 case: bytes that decode strictly as GB18030 into
    text whose Chinese characters are nearly all common GB2312 ones. Big5 or other double-byte
    text read as GB18030 gives many rare characters instead, and goes on to charset-normalizer."""
    try:
        text = data[:65536].decode("gb18030")
    except UnicodeDecodeError as exc:
        if exc.start < 65530:  # a real decoding error, not a character cut by the sample window
            return False
        text = data[: exc.start].decode("gb18030", errors="ignore")
    # Counted in C from encoded lengths: GB2312 keeps ASCII as one byte and each of its Chinese
    # characters as two, and drops the rest.
    ascii_count = len(text.encode("ascii", errors="ignore"))
    wide = len(text) - ascii_count
    if wide < 20:
        return False
    rare = wide - (len(text.encode("gb2312", errors="ignore")) - ascii_count) // 2
    return rare / wide < 0.03


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    # CJK text in UTF-16 has few NULs, ASCII-heavy text many; either way they sit on one side.
    if odd_nuls > half * 0.2 and even_nuls < half * 0.02:
        return "utf-16-le"
    if even_nuls > half * 0.2 and odd_nuls < half * 0.02:
        return "utf-16-be"
    return None


def _utf16_by_decoding(sample: bytes) -> str | None:
    """CJK-only UTF-16 may have no NUL bytes to count; accept it when it decodes to mostly CJK text."""
    for name in ("utf-16-le", "utf-16-be"):
        try:
            text = sample[: len(sample) // 2 * 2].decode(name)
        except UnicodeDecodeError:
            continue
        cjk = len(_CJK_OR_WIDE.findall(text))
        if text and cjk / len(text) > 0.6:
            return name
    return None


# Control bytes that never occur in text (tab, newlines, form feed and escape do).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\f\v\x1b")
_NOT_CONTROL_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
_CONTROL_CHARS = re.compile("[" + re.escape(_CONTROL_BYTES.decode("ascii")) + "]")
_CJK_OR_WIDE = re.compile("[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")  # ideographs, CJK and full-width punctuation


def _binary_bytes(sample: bytes) -> bool:
    """NUL bytes or many control bytes: an image, archive or executable, not text in any encoding."""
    if not sample:
        return False
    controls = len(sample.translate(None, _NOT_CONTROL_BYTES))  # counted in C, not byte by byte
    return b"\x00" in sample or controls / len(sample) > 0.05


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    if not sample:
        return False
    controls = len(_CONTROL_CHARS.findall(sample))
    return "\x00" in sample or controls / len(sample) > 0.05
