"""Thai text repair (imports/normalise.py): every kind reported with its place; correct Thai never changed."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prongsai.imports.normalise import KIND_LABELS, KINDS, Repair, compact_key, describe, repair

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "klaeng-2567-measures-report.txt"
PLACE = "ตาราง 1 แถว 3 คอลัมน์ 2"

# Used when PyThaiNLP is not installed: words with every vowel, tone mark and ั/ึ/ื-syllable shape near a rule.
HAND_WORDS = (
    "ครั้ง ทั้ง นั้น ตั้ง ยั่งยืน ขึ้น ซึ่ง เมื่อ เรื่อง พื้นที่ ยื่น น้ำ ทำ ดำเนินการ ความสำเร็จ แผนงาน แก่ง "
    "มีส่วนร่วม ปีก่อน ดุว่า ลิซ่า สีน้ำ หมูป่า คูน้ำ ก็ต่อเมื่อ ต่าง ๆ กองการศึกษา ฯ สำนักปลัด ประชาสัมพันธ์ "
    "ผู้บังคับบัญชา ใต้บังคับบัญชา โปร่งใส คุณธรรม ทุจริต ประพฤติมิชอบ ร้องเรียน ร้องทุกข์ ผลประโยชน์ทับซ้อน "
    "เจตจำนง คำมั่นสัญญา ซื่อสัตย์สุจริต ธรรมาภิบาล ประชาคม ท้องถิ่น เงินเดือน เลื่อนขั้น ฝึกอบรม ศึกษาดูงาน "
    "ทุนการศึกษา เสมอภาค ทั่วถึง ปัจจุบัน ชี้แจง บุคลากร หน้าที่ อำนาจ ขั้นตอน จุดเดียว ช่องทาง เผยแพร่ "
    "พร้อมทั้ง ป้องกัน แก้ไข ครบถ้วน เรียบร้อย ผู้มาติดต่อ เทคโนโลยี อย่างน้อย เดือนละ ครั้งที่ ไม่รับของขวัญ"
).split(" ")


def dictionary_words() -> list[str]:
    try:
        from pythainlp.corpus import thai_words  # optional: the dev extra may not have it
    except ImportError:
        return list(HAND_WORDS)
    return sorted(thai_words()) + list(HAND_WORDS)


WORDS = dictionary_words()


# --- each kind, with its place -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "repaired", "kind", "before", "after"),
    [
        ("ก\u0e48\u0e38ง", "ก\u0e38\u0e48ง", "nfc", "ก\u0e48\u0e38ง", "ก\u0e38\u0e48ง"),
        ("ด\ufffdเนินการ", "ดำเนินการ", "lost_sara_am", "ด\ufffdเนินการ", "ดำเนินการ"),
        ("ผลส\ufffdเร็จ", "ผลสำเร็จ", "lost_sara_am", "ผลส\ufffdเร็จ", "ผลสำเร็จ"),
        ("น้\ufffdใจ", "น้ำใจ", "lost_sara_am", "น้\ufffdใจ", "น้ำใจ"),
        ("จัดท\ufffd แผน", "จัดท แผน", "replacement_char", "จัดท\ufffd", "จัดท"),
        ("\ufffdแผน", "แผน", "replacement_char", "\ufffdแผน", "แผน"),
        ("ด\ufffd\ufffdเนิน", "ดเนิน", "replacement_char", "ด\ufffd\ufffdเนิน", "ดเนิน"),
        ("ด\u0e4d\u0e32เนินการ", "ดำเนินการ", "sara_am", "ด\u0e4d\u0e32เนินการ", "ดำเนินการ"),
        ("น้\u0e4d\u0e32", "น้ำ", "sara_am", "น้\u0e4d\u0e32", "น้ำ"),
        ("น\u0e4d้\u0e32", "น้ำ", "sara_am", "น\u0e4d้\u0e32", "น้ำ"),
        ("เเผนงาน", "แผนงาน", "double_sara_e", "เเผนงาน", "แผนงาน"),
        ("ด ำเนินการ", "ดำเนินการ", "split_word", "ด ำเนินการ", "ดำเนินการ"),
        ("ประช าคม", "ประชาคม", "split_word", "ประช าคม", "ประชาคม"),
        ("ครั ้ง", "ครั้ง", "split_word", "ครั ้ง", "ครั้ง"),
        ("เ จ้าหน้าที่", "เจ้าหน้าที่", "split_word", "เ จ้าหน้าที่", "เจ้าหน้าที่"),
        ("ครั งที่", "ครังที่", "split_word", "ครั งที่", "ครังที่"),
        ("ครัง้", "ครั้ง", "tone_mark", "ครัง้", "ครั้ง"),
        ("ทัง้", "ทั้ง", "tone_mark", "ทัง้", "ทั้ง"),
        ("นัน้", "นั้น", "tone_mark", "นัน้", "นั้น"),
        ("ตัง้", "ตั้ง", "tone_mark", "ตัง้", "ตั้ง"),
        ("ยัง่", "ยั่ง", "tone_mark", "ยัง่", "ยั่ง"),
        ("ขึน้ไป", "ขึ้นไป", "tone_mark", "ขึน้ไป", "ขึ้นไป"),
        ("เมือ่", "เมื่อ", "tone_mark", "เมือ่", "เมื่อ"),
        ("นำ้", "น้ำ", "tone_mark", "นำ้", "น้ำ"),
        ("ปี ๒๕67", "ปี ๒๕๖๗", "mixed_digits", "๒๕67", "๒๕๖๗"),
        ("ปี 256๗", "ปี 2567", "mixed_digits", "256๗", "2567"),
        ("ข้อ ๑.2", "ข้อ ๑.๒", "mixed_digits", "๑.2", "๑.๒"),
        ("ข้อ 2.๑", "ข้อ 2.1", "mixed_digits", "2.๑", "2.1"),
    ],
)
def test_each_repair_is_made_and_reported_with_its_place(
    text: str, repaired: str, kind: str, before: str, after: str
) -> None:
    assert repair(text, PLACE) == (repaired, [Repair(kind, PLACE, before, after)])


def test_the_steps_run_in_order_and_each_is_reported_separately() -> None:
    text = "ด\ufffdเนินการ ทํางาน เเผน ท ำ ครัง้ที่ ๒๕67"
    repaired, repairs = repair(text, "บรรทัดที่ 12")
    assert repaired == "ดำเนินการ ทำงาน แผน ทำ ครั้งที่ ๒๕๖๗"
    assert [r.kind for r in repairs] == [
        "lost_sara_am",
        "sara_am",
        "double_sara_e",
        "split_word",
        "tone_mark",
        "mixed_digits",
    ]
    assert {r.place for r in repairs} == {"บรรทัดที่ 12"}
    assert [r.kind for r in repairs] == sorted((r.kind for r in repairs), key=KINDS.index)


def test_a_tone_mark_moved_past_a_split_word_is_put_back_in_two_steps() -> None:
    repaired, repairs = repair("ครัง ้ที่", PLACE)
    assert repaired == "ครั้งที่"
    assert [r.kind for r in repairs] == ["split_word", "tone_mark"]


def test_changes_in_one_word_make_one_repair_and_other_words_their_own() -> None:
    repaired, repairs = repair("ด\ufffdเนินก\ufffdร ท\ufffdงาน", PLACE)
    assert repaired == "ดำเนินกำร ทำงาน"
    assert repairs == [
        Repair("lost_sara_am", PLACE, "ด\ufffdเนินก\ufffdร", "ดำเนินกำร"),
        Repair("lost_sara_am", PLACE, "ท\ufffdงาน", "ทำงาน"),
    ]


def test_describe_names_the_place_the_kind_and_the_change() -> None:
    _, (item,) = repair("เเผน", "บรรทัดที่ 12")
    assert describe(item) == f'บรรทัดที่ 12: {KIND_LABELS["double_sara_e"]} "เเผน" → "แผน"'
    assert set(KINDS) == set(KIND_LABELS)


def test_the_original_is_left_to_the_caller_untouched() -> None:
    original = "ด\ufffdเนินการ"
    repaired, repairs = repair(original, PLACE)
    assert original == "ด\ufffdเนินการ" and repaired != original
    assert repairs[0].before in original and repairs[0].after in repaired


# --- correct Thai is never changed -------------------------------------------------------------------------


def test_every_line_of_the_seed_passes_through_unchanged() -> None:
    text = SEED.read_text(encoding="utf-8")
    for number, line in enumerate(text.split("\n"), start=1):
        assert repair(line, f"บรรทัดที่ {number}") == (line, []), number
    assert repair(text, "ทั้งไฟล์") == (text, [])


def test_the_typos_of_the_seed_are_not_fixed() -> None:
    for typo in ("ความโปร่งใภายในหน่วยงาน", "ข่าวกการฝึกอบรม", "อบต.แก่ง", "องค์การบริหารส่วนตำบลเกล่ง"):
        assert repair(typo, PLACE) == (typo, [])


@pytest.mark.parametrize(
    "text",
    [
        "กองการศึกษา ฯ",  # a space before ฯ is how people type it
        "ต่าง ๆ",
        "สำนักปลัด กองคลัง กองช่าง",
        "๒๕๖๗ - ๒๕๖๙",
        "ปี 2567 ถึง ๒๕๖๘",  # two numbers, each in one script
        "o26 และ A4",
        "มีส่วนร่วม ปีก่อน ดุว่า",  # the tone-mark shape after ิ ี ุ ู is correct Thai
        "ทงคัตสึส่วนลด",  # a loanword ending in ึ before a syllable with a tone mark
        "สีน้ำ ก็ต่อเมื่อ",
    ],
)
def test_legitimate_spaces_digits_and_shapes_stay(text: str) -> None:
    assert repair(text, PLACE) == (text, [])


def test_dictionary_words_are_never_changed() -> None:
    changed = [word for word in WORDS if repair(word, PLACE)[0] != word]
    assert changed == []


@settings(max_examples=300)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8))
def test_dictionary_words_separated_by_spaces_are_never_changed(words: list[str]) -> None:
    text = " ".join(words)
    assert repair(text, PLACE) == (text, [])


CONSONANT = st.sampled_from("กขคงจฉชซญดตถทธนบปผพฟภมยรลวศสหอฮ")
FINAL = st.sampled_from("กงดนบมยว")
TONE = st.sampled_from(["", "่", "้", "๊", "๋"])
SYLLABLE = st.one_of(
    st.tuples(CONSONANT, TONE, st.sampled_from(["า", "ำ", "ะ", "อ"])).map("".join),  # ก้า ก่ำ
    st.tuples(CONSONANT, st.sampled_from("ิีุู"), TONE, FINAL | st.just("")).map("".join),  # กี่ กุ้ง
    st.tuples(CONSONANT, st.sampled_from("ัึ"), TONE, FINAL).map("".join),  # ครั้ง ขึ้น
    st.tuples(CONSONANT, st.just("ื"), TONE, FINAL | st.just("อ")).map("".join),  # ยื่น เมื่อ (with เ)
    st.tuples(st.sampled_from("เแโ"), CONSONANT, TONE, FINAL | st.just("")).map("".join),  # เก่ง
    st.tuples(st.sampled_from("ใไ"), CONSONANT, TONE).map("".join),  # ได้
    st.tuples(st.just("เ"), CONSONANT, st.just("็"), FINAL).map("".join),  # เป็น
    st.tuples(CONSONANT, TONE, st.sampled_from(["อง", "วน", "าน", "าง"])).map("".join),  # ก่อง ส่วน
)
WORD = st.lists(SYLLABLE, min_size=1, max_size=4).map("".join)
NUMBER = (
    st.integers(0, 99999)
    .map(str)
    .flatmap(lambda n: st.sampled_from([n, n.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))]))
)
TOKEN = st.one_of(WORD, WORD, WORD, NUMBER, st.sampled_from(["ฯ", "ๆ", "(e-plan)", "-", "๑.", "2567"]))


@settings(max_examples=300)
@given(st.lists(TOKEN, min_size=1, max_size=10), st.sampled_from([" ", "", "  ", "\n"]))
def test_thai_built_from_valid_syllables_is_never_changed(tokens: list[str], glue: str) -> None:
    if glue == "":
        tokens = [t for t in tokens if not re.fullmatch(r"[0-9๐-๙]+|ฯ|ๆ|๑\.|2567", t)] or ["กา"]
    text = glue.join(tokens)
    assert repair(text, PLACE) == (text, [])


@given(st.text(max_size=60), st.text(max_size=10))
def test_any_text_gives_a_string_and_repairs_that_name_the_place(text: str, place: str) -> None:
    repaired, repairs = repair(text, place)
    assert isinstance(repaired, str)
    assert all(r.place == place and r.kind in KINDS for r in repairs)
    assert (repaired == text) == (not repairs)


# --- the noise of ITA.md, put into the seed and taken out again --------------------------------------------


def seed_lines() -> list[str]:
    return [line for line in SEED.read_text(encoding="utf-8").split("\n") if line.strip()]


NOISE: dict[str, tuple[str, Any]] = {
    "lost_sara_am": (r"(?<=[ก-ฮ่-๋])ำ(?=[ก-ฮเ-ไ])", "\ufffd"),
    "sara_am": (r"ำ", "\u0e4d\u0e32"),
    "double_sara_e": (r"แ", "เเ"),
    "split_word": (r"(?<=[ก-ฮ])([าำะ])", r" \1"),
    "tone_mark": (r"([ก-ฮ]ั)([่-๋])([ก-ฮ])", r"\1\3\2"),
    "mixed_digits": (r"([๐-๙])([๐-๙])(?![๐-๙])", lambda m: m.group(1) + str(int(m.group(2)))),
}


@pytest.mark.parametrize("kind", list(NOISE))
def test_the_noise_of_real_documents_is_taken_out_of_the_seed_and_reported(kind: str) -> None:
    pattern, replacement = NOISE[kind]
    noisy_lines = 0
    for number, line in enumerate(seed_lines(), start=1):
        noisy = re.sub(pattern, replacement, line)
        repaired, repairs = repair(noisy, f"บรรทัดที่ {number}")
        assert repaired == line
        assert {r.kind for r in repairs} <= {kind}
        assert bool(repairs) == (noisy != line)
        for r in repairs:
            assert r.before in noisy and r.after in line and r.place == f"บรรทัดที่ {number}"
        noisy_lines += noisy != line
    assert noisy_lines >= 3


def test_compact_key_compares_text_by_meaning() -> None:
    assert (
        compact_key("ผลการด\ufffdเนินการ\nรอบ ๖ เดือน")
        == compact_key("ผลการดำเนินการ รอบ 6 เดือน")
        == "ผลการดำเนินการรอบ6เดือน"
    )
    assert compact_key("เเนวทาง") == "แนวทาง"
