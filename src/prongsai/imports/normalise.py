"""Thai text repair for imported documents: an explicit step that reports every change it makes.

No Django. ``repair(text, place)`` returns the repaired text and one ``Repair`` per change; the caller
keeps the original text (nothing here overwrites it) and shows the repairs in the import preview.

The steps, in this order (each is a ``kind`` of repair):

``nfc``               Unicode NFC (e.g. a tone mark typed before sara u is put after it).
``lost_sara_am``      U+FFFD where a PDF lost "ำ": after a Thai consonant (and maybe a tone mark) and before a
                      consonant or a leading vowel ("ด\\ufffdเนินการ" -> "ดำเนินการ").
``replacement_char``  any other U+FFFD is removed.
``sara_am``           nikhahit + sara aa ("ํา", also with a tone mark between: "ํ้า") -> "ำ" (tone mark first).
``double_sara_e``     "เเ" (two sara e) -> "แ".
``split_word``        a space that PDF extraction put inside a word, removed only when what follows it cannot
                      start a syllable (a following vowel, an upper/lower vowel or a mark) or what precedes it
                      cannot end one (a leading vowel เ แ โ ใ ไ, or ั / ื, which need a consonant after them).
                      A space before "ฯ" or "ๆ" is how people type ("กองการศึกษา ฯ", "ต่าง ๆ") and stays.
``tone_mark``         a tone mark moved behind the next consonant: consonant + ั/ึ/ื + consonant + tone mark
                      (not followed by a vowel of that consonant) -> consonant + vowel + tone mark + consonant
                      ("ครัง้" -> "ครั้ง", "ยัง่" -> "ยั่ง", "ขึน้" -> "ขึ้น", "เมือ่" -> "เมื่อ"), and a tone mark
                      typed after sara am ("นำ้" -> "น้ำ"). A syllable with ั cannot end without its final
                      consonant, so the written order is never valid Thai; after ึ/ื only the usual finals
                      ก ง ด น บ ม ย ว อ are taken, because a loanword may end in ึ ("ทงคัตสึ" + "ส่วน"). With
                      ิ ี ุ ู the same shape is correct Thai ("มีส่วน", "ปีก่อน", "ดุว่า"): left alone.
``mixed_digits``      Thai and Arabic digits mixed in one number ("๒๕67") -> the script of most of its digits
                      (on a tie, the script of its first digit). A number is digits joined by "." or ",".

Typos are not this module's business: "โปร่งใภายใน" and "ข่าวกการ" stay as written.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from prongsai.core.thai import to_arabic_digits, to_thai_digits

CONSONANTS = "กขฃคฅฆงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรฤลฦวศษสหฬอฮ"
LEADING_VOWELS = "เแโใไ"
TONE_MARKS = "\u0e48\u0e49\u0e4a\u0e4b"  # ่ ้ ๊ ๋
# What cannot end a syllable: leading vowels, and ั / ื, which always need a consonant (or อ) after them.
CANNOT_END = LEADING_VOWELS + "\u0e31\u0e37"
# What cannot start a syllable: following vowels (ะ า ำ ๅ), upper and lower vowels, marks (not ฯ nor ๆ).
FOLLOWING = "ะาำๅ\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e"
_THAI_CHAR = "\u0e01-\u0e4e"  # letters, vowels and marks; not Thai digits nor ๏ ๚ ๛

KIND_LABELS: dict[str, str] = {
    "nfc": "จัดรูปอักขระให้เป็นมาตรฐาน (Unicode NFC)",
    "lost_sara_am": "อักขระเสีย (\ufffd) แทนที่ด้วยสระอำ",
    "replacement_char": "ลบอักขระเสีย (\ufffd)",
    "sara_am": "รวมนิคหิตกับสระอา (ํา) เป็นสระอำ",
    "double_sara_e": "สระเอสองตัว (เเ) เป็นสระแอ",
    "split_word": "ลบช่องว่างกลางคำ",
    "tone_mark": "ย้ายวรรณยุกต์กลับตำแหน่งที่ถูกต้อง",
    "mixed_digits": "เลขไทยปนเลขอารบิกในจำนวนเดียวกัน",
}
KINDS = tuple(KIND_LABELS)
# The changes items.split_items makes to a cell's list (listed like the repairs, not counted in KINDS).
ITEM_KIND_LABELS: dict[str, str] = {
    "item_label": "ตัดหัวข้อที่นำหน้ารายการ",
    "item_marker": "แยกเป็นข้อใหม่ที่เลขข้อติดข้อความหรือเขียนต่างแบบ",
    "item_punctuation": "ตัดเครื่องหมายที่ค้างอยู่หน้ารายการ",
    "item_number": "ตัดเลขข้อที่ค้างหรือซ้ำโดยไม่มีข้อความ",
}
_CONTEXT = 12  # characters of the same word shown either side of a change


@dataclass(frozen=True)
class Repair:
    """One change: its kind (a key of KIND_LABELS), where (as the caller named it), and the text around it."""

    kind: str
    place: str
    before: str
    after: str


def describe(item: Repair) -> str:
    """A Thai line for the import preview: 'บรรทัดที่ 12: ลบช่องว่างกลางคำ "ท ำ" → "ทำ"'."""
    label = KIND_LABELS.get(item.kind) or ITEM_KIND_LABELS.get(item.kind, item.kind)
    return f'{item.place}: {label} "{item.before}" → "{item.after}"'


def repair(text: str, place: str) -> tuple[str, list[Repair]]:
    """The repaired text and its repairs, in step order; correct Thai comes back unchanged with []."""
    repairs: list[Repair] = []
    for kind, find in _STEPS:
        edits = find(text)
        if edits:
            text = _apply(text, edits, kind, place, repairs)
    return text, repairs


def compact_key(text: str) -> str:
    """Text for comparing by meaning: repaired, without spaces, Arabic digits, lower case."""
    repaired, _ = repair(text, "")
    return re.sub(r"[\s\u200b*]+", "", to_arabic_digits(repaired)).lower()


# --- steps: each finds its edits (start, end, replacement) on the current text -------------------------------

Edit = tuple[int, int, str]


def _nfc(text: str) -> list[Edit]:
    if unicodedata.is_normalized("NFC", text):
        return []
    edits: list[Edit] = []
    # Composition and reordering never cross whitespace, so each non-space run is normalised on its own.
    for match in re.finditer(r"\S+", text):
        word = match.group()
        fixed = unicodedata.normalize("NFC", word)
        if fixed == word:
            continue
        head = 0
        while head < min(len(word), len(fixed)) and word[head] == fixed[head]:
            head += 1
        tail = 0
        while tail < min(len(word), len(fixed)) - head and word[-1 - tail] == fixed[-1 - tail]:
            tail += 1
        edits.append((match.start() + head, match.end() - tail, fixed[head : len(fixed) - tail]))
    return edits


def _lost_sara_am(text: str) -> list[Edit]:
    edits: list[Edit] = []
    for match in re.finditer("\ufffd", text):
        i = match.start()
        before = text[max(0, i - 2) : i]
        after = text[i + 1 : i + 2]
        after_consonant = before[-1:] in CONSONANTS or (
            len(before) == 2 and before[1] in TONE_MARKS and before[0] in CONSONANTS
        )
        if before and after_consonant and after and after in CONSONANTS + LEADING_VOWELS:
            edits.append((i, i + 1, "ำ"))
    return edits


def _regex_step(pattern: str, replace: Callable[[re.Match[str]], str | None]) -> Callable[[str], list[Edit]]:
    compiled = re.compile(pattern)

    def find(text: str) -> list[Edit]:
        edits: list[Edit] = []
        for match in compiled.finditer(text):
            new = replace(match)
            if new is not None and new != match.group():
                edits.append((match.start(), match.end(), new))
        return edits

    return find


def _split_word(match: re.Match[str]) -> str | None:
    before, after = match.group(1), match.group(3)
    if after in FOLLOWING or before in CANNOT_END:
        return before
    return None


_MOVED_TONE = f"([{TONE_MARKS}])(?![{FOLLOWING}])"


def _tone_back(match: re.Match[str]) -> str:
    return match.group(1) + match.group(3) + match.group(2)


def _mixed_digits(match: re.Match[str]) -> str | None:
    number = match.group()
    thai = sum(1 for c in number if "๐" <= c <= "๙")
    arabic = sum(1 for c in number if "0" <= c <= "9")
    if not thai or not arabic:
        return None
    first_is_thai = "๐" <= next(c for c in number if c.isdigit()) <= "๙"
    to_thai = thai > arabic or (thai == arabic and first_is_thai)
    return to_thai_digits(number) if to_thai else to_arabic_digits(number)


# (kind, finder) in the order they run; one kind may have several finders.
_STEPS: tuple[tuple[str, Callable[[str], list[Edit]]], ...] = (
    ("nfc", _nfc),
    ("lost_sara_am", _lost_sara_am),
    ("replacement_char", _regex_step("\ufffd", lambda m: "")),
    ("sara_am", _regex_step("\u0e4d([\u0e48-\u0e4b]?)\u0e32", lambda m: m.group(1) + "ำ")),
    ("double_sara_e", _regex_step("เเ", lambda m: "แ")),
    # The character before the spaces is matched (not looked behind at) so that the report shows the word.
    ("split_word", _regex_step(f"([{_THAI_CHAR}])( +)(?=([{_THAI_CHAR}]))", _split_word)),
    ("tone_mark", _regex_step(f"([{CONSONANTS}]\u0e31)([{CONSONANTS}]){_MOVED_TONE}", _tone_back)),
    ("tone_mark", _regex_step(f"([{CONSONANTS}][\u0e36\u0e37])([กงดนบมยวอ]){_MOVED_TONE}", _tone_back)),
    ("tone_mark", _regex_step(f"(?<=[{CONSONANTS}])ำ([{TONE_MARKS}])", lambda m: m.group(1) + "ำ")),
    ("mixed_digits", _regex_step(r"[0-9๐-๙]+(?:[.,][0-9๐-๙]+)*", _mixed_digits)),
)


def _apply(text: str, edits: list[Edit], kind: str, place: str, repairs: list[Repair]) -> str:
    """Apply sorted, non-overlapping edits and report them: edits whose words overlap make one repair."""
    pieces: list[str] = []
    pos = 0
    shift = 0  # len(new text) - len(old text) up to pos
    groups: list[list[int]] = []  # [old start, old end, shift before the group, shift after it]
    for start, end, new in edits:
        pieces.append(text[pos:start])
        pieces.append(new)
        lo, hi = _word_start(text, start), _word_end(text, end)
        before = shift
        shift += len(new) - (end - start)
        if groups and lo <= groups[-1][1]:
            groups[-1][1] = max(groups[-1][1], hi)
            groups[-1][3] = shift
        else:
            groups.append([lo, hi, before, shift])
        pos = end
    pieces.append(text[pos:])
    result = "".join(pieces)
    for old_lo, old_hi, shift_before, shift_after in groups:
        repairs.append(Repair(kind, place, text[old_lo:old_hi], result[old_lo + shift_before : old_hi + shift_after]))
    return result


def _word_start(text: str, index: int) -> int:
    lo = index
    while lo > 0 and index - lo < _CONTEXT and not text[lo - 1].isspace():
        lo -= 1
    return lo


def _word_end(text: str, index: int) -> int:
    hi = index
    while hi < len(text) and hi - index < _CONTEXT and not text[hi].isspace():
        hi += 1
    return hi
