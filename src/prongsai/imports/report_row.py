"""A Prongsai report read back: its printed cells split into the progress fields they came from.

No Django. Since issue #15 a report prints, in the column ผลลัพธ์หรือความสำเร็จของการดำเนินการ, the status phrase on
its first line and the outcome on the following lines, and ends the ข้อเสนอแนะ cell with "ปัญหา/อุปสรรค: …" when
the report has no ปัญหา/อุปสรรค column (documents/content.py `row_texts`). Importing such a report splits them
back — only where that is unambiguous, and never losing a character:

* the outcome cell is split when it has more than one line and its first line is one of the four status names
  (ยังไม่ดำเนินการ, อยู่ระหว่างดำเนินการ, ดำเนินการแล้วเสร็จ, ยกเลิก; spaces and the usual ํา/เเ repairs aside):
  that line is the status phrase as written, the other lines the outcome. Any other cell stays whole in the
  status phrase, as before (a phrase broken over two lines, "ดำเนินการแล้ว / เสร็จ", is not split);
* the suggestions cell is split when exactly one of its lines starts with "ปัญหา/อุปสรรค:" and text follows:
  from there on it is the problems (without the prefix), the lines before it the suggestions; not when the
  file's own ปัญหา/อุปสรรค column has text for that measure.

A PDF's cells come back with their lines joined (readers/grid.py `join_wrapped`): such a cell is one line,
so it is never split.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from prongsai.imports.items import status_code

STATUS_NAMES = ("ยังไม่ดำเนินการ", "อยู่ระหว่างดำเนินการ", "ดำเนินการแล้วเสร็จ", "ยกเลิก")
PROBLEMS_PREFIX = re.compile(r"^\s*ปัญหา\s*/\s*อุปสรรค\s*:\s*")


def _compact(text: str) -> str:
    compact = re.sub(r"\s+", "", unicodedata.normalize("NFC", text))
    return compact.replace("\u0e4d\u0e32", "ำ").replace("เเ", "แ")


@dataclass
class RowTexts:
    status_text: str
    status: str  # the status code the phrase names ("" when none)
    outcome: str = ""
    suggestions: str = ""
    problems: str = ""


def split_outcome(cell: str) -> tuple[str, str] | None:
    """(status phrase, outcome) of a printed outcome cell, or None when it is not clearly both."""
    lines = cell.strip().splitlines()
    if len(lines) < 2 or _compact(lines[0]) not in STATUS_NAMES:
        return None
    outcome = "\n".join(lines[1:]).strip()
    return (lines[0].strip(), outcome) if outcome else None


def split_problems(cell: str) -> tuple[str, str] | None:
    """(suggestions, problems) of a printed suggestions cell ending with "ปัญหา/อุปสรรค: …", or None."""
    lines = cell.strip().splitlines()
    marked = [i for i, line in enumerate(lines) if PROBLEMS_PREFIX.match(line)]
    if len(marked) != 1:
        return None
    i = marked[0]
    first = PROBLEMS_PREFIX.sub("", lines[i], count=1)
    problems = "\n".join([first, *lines[i + 1 :]]).strip()
    return ("\n".join(lines[:i]).strip(), problems) if problems else None


def row_texts(outcome: str, suggestions: str, problems: str, status: str) -> RowTexts:
    """The progress fields of a report row's cells (outcome, suggestions, the problems column as read, the
    status code read from the whole outcome cell)."""
    texts = RowTexts(status_text=outcome.strip(), status=status, suggestions=suggestions.strip(), problems=problems)
    parts = split_outcome(outcome)
    if parts is not None:
        texts.status_text, texts.outcome = parts
        texts.status = status_code(texts.status_text)
    if not problems.strip():
        split = split_problems(suggestions)
        if split is not None:
            texts.suggestions, texts.problems = split
    return texts
