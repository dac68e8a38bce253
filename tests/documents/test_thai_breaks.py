"""renderers/thai_breaks.py: where a Thai line may break, what is kept whole, and how wide a kept word can be."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest
import typst
from hypothesis import given
from hypothesis import strategies as st

from prongsai.documents import fonts
from prongsai.documents.renderers import thai_breaks
from prongsai.documents.renderers.thai_breaks import cut_all, em_bound, pieces, protected_words

# Characters that never begin a line: following vowels, above/below vowels, tone marks, ฯ, ๆ.
NO_LINE_START = set("ะัาำิีึืฺุู็่้๊๋์ํๅฯๆ")


@pytest.fixture
def typst_breaks(monkeypatch: pytest.MonkeyPatch) -> None:
    """As on a machine without libthai: Typst's own model breaks the lines."""
    monkeypatch.setattr(thai_breaks, "word_breaker", lambda: None)


def test_pieces_cut_thai_at_word_ends_and_keep_protected_words_whole() -> None:
    words = pieces("ดำเนินการแล้วเสร็จ")  # libthai's dictionary: a line may break between two pieces
    assert isinstance(words, list) and len(words) > 1 and "".join(words) == "ดำเนินการแล้วเสร็จ"
    assert pieces("ITA 2567") == "ITA 2567"
    assert pieces("พ.ศ.๒๕๖๗") == "พ.ศ.๒๕๖๗"
    # No break inside a protected word; one holding a space (before its ฯ) goes whole, with its own
    # word ends should it be wider than its column, and how wide it can be.
    kept = "กองการศึกษา ฯ"
    assert pieces(f"เดือนมีนาคม {kept} ต่างๆ") == {
        "p": ["เดือน", ["b"], "มีนาคม ", ["k", kept, ["กอง", "การ", "ศึกษา ฯ"], em_bound(kept)], " ต่างๆ"]
    }
    # A long run is measured by the template; Thai letters that are no words break anywhere.
    assert pieces("ระบบ e-plan และ " + "ก" * 45) == {
        "p": ["ระบบ ", ["l", "e-plan"], " และ ก", *[p for _ in range(44) for p in (["b"], "ก")]]
    }
    # Never a break before a following vowel, a mark, ฯ or ๆ.
    for text in ("กำกำกำกำกำ" * 10, "ก่อนก่อนๆ" * 8):
        cut = pieces(text)
        parts = cut["p"] if isinstance(cut, dict) else cut
        strings = [p for p in parts if isinstance(p, str)]
        assert "".join(strings) == text and not [s for s in strings if s[0] in NO_LINE_START]


def test_a_kept_word_that_may_not_fit_its_column_comes_with_its_word_ends() -> None:
    name = "กองยุทธศาสตร์และงบประมาณ"  # a department, in the ผู้รับผิดชอบ column
    wide, narrow = cut_all([name, name], rooms=[40.0, 6.0])
    assert wide == name  # surely fits: plain text, no break inside
    assert isinstance(narrow, dict)
    [(kind, word, cut, em)] = narrow["p"]
    assert (kind, word, em) == ("k", name, em_bound(name)) and em > 6.0
    assert "".join(cut) == name and len(cut) >= 3 and "และ" in cut  # กองยุทธศาสตร์|และ|งบประมาณ
    # A kept word with no word end inside it may break wherever a Thai line may begin.
    [(_k, _w, odd, _e)] = cut_all(["ณำณำณำณำณำ ฯ"], rooms=[2.0])[0]["p"]  # type: ignore[index]
    assert "".join(odd) == "ณำณำณำณำณำ ฯ" and len(odd) > 1 and not [p for p in odd if p[0] in NO_LINE_START]


def test_without_libthai_pieces_mark_what_typst_must_take_care_of(typst_breaks: None) -> None:
    def k(word: str) -> list[object]:
        return ["k", word, [word], em_bound(word)]

    assert pieces("ดำเนินการแล้ว") == "ดำเนินการแล้ว"
    assert pieces("เดือนมีนาคม กองการศึกษา ฯ ต่างๆ") == {"p": ["เดือน", k("มีนาคม"), " ", k("กองการศึกษา ฯ"), " ", k("ต่างๆ")]}
    assert pieces("ระบบ e-plan และ " + "ก" * 45) == {"p": ["ระบบ ", ["l", "e-plan"], " และ ", ["s", "ก" * 45]]}
    assert pieces("พ.ศ.๒๕๖๗") == {"p": [k("พ.ศ."), "๒๕๖๗"]}


@given(st.lists(st.one_of(st.sampled_from(protected_words()), st.text("กองคลัง.ฯๆ ab", max_size=4)), max_size=8))
def test_the_protected_word_trie_matches_what_the_word_list_matches(parts: list[str]) -> None:
    """The trie regex finds the same words at the same places as the plain list, longest first."""
    words = protected_words()
    plain = re.compile("|".join(re.escape(w) for w in words))
    trie = re.compile(thai_breaks._trie_pattern(words))
    text = "".join(w[: len(w) - i % 3] for i, w in enumerate(parts))  # whole words and cut-off ones
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]


def typst_widths(words: list[str], folder: Path) -> list[tuple[float, float]]:
    """Each word's width in em as Typst sets it in Laksaman, regular and bold (the template's "zh")."""
    source = (
        '#set text(font: "Laksaman", lang: "zh", size: 100pt)\n'
        '#let W = json(bytes(sys.inputs.at("w")))\n'
        '#context [#metadata(W.map(w => (measure(w).width.pt(), measure(text(weight: "bold", w)).width.pt())))<m>]\n'
    )
    font_set = typst.Fonts(include_system_fonts=False, include_embedded_fonts=True, font_paths=[str(folder)])
    found = typst.query(
        source.encode(), "<m>", field="value", one=True, font_paths=font_set, ignore_system_fonts=True,
        sys_inputs={"w": json.dumps(words, ensure_ascii=False)},
    )  # fmt: skip
    return [(regular / 100, bold / 100) for regular, bold in json.loads(found)]


def test_a_kept_word_is_never_wider_than_its_bound() -> None:
    """The bound the template trusts without measuring: every protected word and 3,000 random
    strings of Thai letters, marks, digits and Latin (the widest glyphs included), regular and bold.
    """
    folder = fonts.font_dir()
    letters = [chr(c) for c in range(0x0E01, 0x0E3B)] + [chr(c) for c in range(0x0E40, 0x0E5C)] + list("WM%@ .a1")
    draw = random.Random(3)  # noqa: S311 - reproducible test data
    words = protected_words() + ["".join(draw.choices(letters, k=draw.randint(1, 25))) for _ in range(3000)]
    widest = fonts.advances(folder)
    over = [
        (word, regular, bold, em_bound(word, widest))
        for word, (regular, bold) in zip(words, typst_widths(words, folder), strict=True)
        if max(regular, bold) > em_bound(word, widest)
    ]
    assert not over, over[:5]
    # And the bound is a useful one: a department name is bounded within a fifth of its width.
    [(regular, bold)] = typst_widths(["กองสาธารณสุข"], folder)
    assert em_bound("กองสาธารณสุข", widest) < 1.2 * max(regular, bold)
