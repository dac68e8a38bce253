"""Reading ITA scores out of pasted text: an assessor's table or a news item. Pure; never raises.

Lines that start with "ตัวชี้วัดที่ N" or (after a bullet) with an indicator's name give that
indicator's score: the first number after it. An assessor's table row may carry the tool's score,
weight and weighted score after it ("ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่ 94.59 91.68 30.00 27.50"),
which is kept as the stated tool score. "ภาพรวม 91.09 คะแนน", "ระดับผลการประเมิน A" and
"ปีงบประมาณ พ.ศ. 2564" give the stated ITA score, grade and year. Thai digits, U+FFFD for ำ,
decomposed sara am, "เเ" and stray dots are repaired first. The result is a preview to check
before saving, never saved by itself.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from prongsai.core.digits import digits, num
from prongsai.core.thai import to_arabic_digits
from prongsai.ita import catalogue as files
from prongsai.ita.scoring import Spec

_BULLET = r"^[\s\-–—•·*>]*(?:[0-9]{1,2}[.)]\s+)?"
_BY_NUMBER = re.compile(_BULLET + r"ตัวชี้วัด\s*ที่\s*([0-9]{1,2})(?![0-9])")
_NUMBER = re.compile(r"(?<![0-9.])[0-9]{1,3}(?:\.[0-9]{1,2})?(?![0-9])")
_FIRST_AFTER_NUMBER = re.compile(r"^[^0-9\n]{0,80}?(?<![0-9])([0-9]{1,3}(?:\.[0-9]+)?)")
_FIRST_AFTER_NAME = re.compile(r"^[^0-9\n]{0,20}?(?<![0-9])([0-9]{1,3}(?:\.[0-9]+)?)")
_ITA = re.compile(r"(?:ภาพรวม|คะแนนรวม|คะแนน\s*ITA)\s*(?:เท่ากับ|ได้)?\s*([0-9]{1,3}\.[0-9]{1,2})(?![0-9])")
_GRADE = re.compile(r"ระดับ(?:ผลการประเมิน|คะแนน)?\s*(?:คือ|=|:)?\s*([A-F]{1,2})(?![A-Za-z])")
_YEAR = re.compile(r"(?:ปีงบประมาณ|ประจำปี|ITA)\s*(?:พ\.?\s?ศ\.?)?\s*(25[0-9]{2})(?![0-9])")


@dataclass
class ParsedScores:
    scores: dict[int, Decimal] = field(default_factory=dict)  # indicator -> score, as found
    year: int | None = None  # the ITA year the text names
    ita: Decimal | None = None  # the overall score the text states
    grade: str | None = None  # the grade the text states
    tools: dict[str, Decimal] = field(default_factory=dict)  # tool scores (of 100) the text states
    warnings: list[str] = field(default_factory=list)


def repair(text: str) -> str:
    """Undo the usual damage of text copied from PDFs and web pages."""
    text = to_arabic_digits(text)
    text = text.replace("\ufffdา", "ำ").replace("\u0e4d\u0e32", "ำ").replace("เเ", "แ").replace("\ufffd", "")
    return text.replace("\u200b", "").replace("\xa0", " ")


def _indicator_names(catalogue: Any) -> list[tuple[str, int]]:
    """(name, number), longest name first; from `catalogue`, else from every shipped catalogue."""
    if catalogue is not None:
        content = catalogue if isinstance(catalogue, dict) else catalogue.content
        contents = [content]
    else:
        contents = [json.loads(text) for year in files.shipped_years() if (text := files.shipped_text(year))]
    names = {(i["name"], int(i["number"])) for c in contents for i in c["indicators"]}
    return sorted(names, key=lambda pair: len(pair[0]), reverse=True)


def parse_pasted_scores(text: str, catalogue: Any = None) -> ParsedScores:
    """Indicator scores (and the stated year, ITA score and grade) found in pasted text."""
    parsed = ParsedScores()
    names = _indicator_names(catalogue)
    spec = Spec.of(catalogue if catalogue is not None else _latest_shipped())
    found_on: dict[int, int] = {}
    for line_no, raw in enumerate(repair(text).splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if parsed.year is None and (m := _YEAR.search(line)):
            parsed.year = int(m.group(1))
        if parsed.ita is None and (m := _ITA.search(line)):
            parsed.ita = Decimal(m.group(1))
        if parsed.grade is None and (m := _GRADE.search(line)):
            parsed.grade = m.group(1)
        number, rest, pattern = _indicator_of(line, names)
        if number is None:
            continue
        m = pattern.match(rest)
        if m is None:
            continue
        numbers = [Decimal(n) for n in _NUMBER.findall(rest[m.start(1) :])]
        score = Decimal(m.group(1))
        if score > 100:
            parsed.warnings.append(
                digits(_("บรรทัดที่ %(line)s: คะแนน %(value)s ของตัวชี้วัดที่ %(n)s เกิน 100 จึงไม่นำมาใช้"))
                % {"line": num(line_no), "value": m.group(1), "n": num(number)}
            )
            continue
        score = score.quantize(Decimal("0.01"))
        if number in parsed.scores:
            if parsed.scores[number] != score:
                parsed.warnings.append(
                    _("ตัวชี้วัดที่ %(n)s พบคะแนนสองค่า (%(a)s บรรทัดที่ %(la)s และ %(b)s บรรทัดที่ %(lb)s): ใช้ค่าแรก")
                    % {
                        "n": num(number),
                        "a": num(parsed.scores[number]),
                        "la": num(found_on[number]),
                        "b": num(score),
                        "lb": num(line_no),
                    }
                )
            continue
        parsed.scores[number] = score
        found_on[number] = line_no
        if len(numbers) >= 4 and numbers[1] <= 100:
            parsed.tools.setdefault(spec.tool_of(number), numbers[1].quantize(Decimal("0.01")))
    missing = [n for n in range(1, 11) if n not in parsed.scores]
    if parsed.scores and missing:
        parsed.warnings.append(
            _("ไม่พบคะแนนของตัวชี้วัดที่ %(list)s: ตรวจและกรอกเพิ่มก่อนบันทึก") % {"list": ", ".join(map(num, missing))}
        )
    if not parsed.scores:
        parsed.warnings.append(_("ไม่พบคะแนนรายตัวชี้วัดในข้อความ"))
    return parsed


def _indicator_of(line: str, names: list[tuple[str, int]]) -> tuple[int | None, str, re.Pattern[str]]:
    if m := _BY_NUMBER.match(line):
        number = int(m.group(1))
        return (number if 1 <= number <= 10 else None), line[m.end() :], _FIRST_AFTER_NUMBER
    stripped = re.sub(_BULLET, "", line)
    for name, number in names:
        if stripped.startswith(name):
            return number, stripped[len(name) :], _FIRST_AFTER_NAME
    return None, "", _FIRST_AFTER_NAME


def _latest_shipped() -> dict[str, Any]:
    """The newest shipped catalogue, for the indicators' tools when no catalogue is given."""
    content: dict[str, Any] = json.loads(files.shipped_text(files.shipped_years()[-1]) or "{}")
    return content
