"""Small SVG charts drawn on the server: no JavaScript, no third party, readable when printed.

`grade_bars`: one bar per grade with its count. `indicator_bars`: one bar per indicator (the
weakest first) against the pass mark, drawn as a dashed line. Every label is escaped; each chart
carries a <title> and an aria-label, and the same numbers are in the tables below it.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from html import escape

from django.utils.safestring import SafeString, mark_safe

from prongsai.core.digits import num

BAR = "#2b6cb0"
WEAK = "#c05621"
AXIS = "#4a5568"


def _svg(width: int, height: int, title: str, body: list[str]) -> SafeString:
    t = escape(title)
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="{t}" font-family="sans-serif" font-size="12"><title>{t}</title>'
    )
    return mark_safe(head + "".join(body) + "</svg>")  # noqa: S308 - every text above and below is escaped


def _num(value: float | int | Decimal, places: int = 0) -> str:
    return num(f"{value:,.{places}f}")  # the request's digit style (core/digits.py)


def grade_bars(counts: Sequence[tuple[str, int]], title: str, pass_grades: Sequence[str] = ()) -> SafeString:
    """Vertical bars, one per grade; grades below the pass mark in a warning colour."""
    width, height, top, bottom, left = 40 + 56 * max(1, len(counts)), 200, 20, 30, 20
    biggest = max([n for _g, n in counts] + [1])
    body = [f'<line x1="{left}" y1="{height - bottom}" x2="{width - 10}" y2="{height - bottom}" stroke="{AXIS}"/>']
    for i, (grade, n) in enumerate(counts):
        h = (height - top - bottom) * n / biggest
        x = left + 10 + 56 * i
        y = height - bottom - h
        colour = BAR if not pass_grades or grade in pass_grades else WEAK
        body.append(
            f'<rect x="{x}" y="{y:.1f}" width="40" height="{h:.1f}" fill="{colour}">'
            f"<title>{escape(grade)}: {_num(n)}</title></rect>"
        )
        body.append(f'<text x="{x + 20}" y="{y - 4:.1f}" text-anchor="middle">{_num(n)}</text>')
        body.append(f'<text x="{x + 20}" y="{height - bottom + 16}" text-anchor="middle">{escape(grade)}</text>')
    return _svg(width, height, title, body)


def indicator_bars(means: Sequence[tuple[str, Decimal]], pass_mark: Decimal, title: str) -> SafeString:
    """Horizontal bars of indicator means on an axis from a round number below the lowest to 100."""
    row, left, right, top = 22, 230, 60, 24
    width = 640
    height = top + row * max(1, len(means)) + 26
    low = min([float(m) for _l, m in means] + [float(pass_mark)])
    start = max(0, int(low // 10) * 10 - 10)
    span = width - left - right

    def x(value: float) -> float:
        return left + span * (value - start) / (100 - start)

    body = []
    for i, (label, mean) in enumerate(means):
        y = top + row * i
        colour = WEAK if mean < pass_mark else BAR
        body.append(f'<text x="{left - 6}" y="{y + 14}" text-anchor="end">{escape(label)}</text>')
        body.append(f'<rect x="{left}" y="{y + 3}" width="{x(float(mean)) - left:.1f}" height="15" fill="{colour}"/>')
        body.append(f'<text x="{x(float(mean)) + 4:.1f}" y="{y + 14}">{_num(mean, 2)}</text>')
    line_x = x(float(pass_mark))
    bottom = top + row * max(1, len(means))
    body.append(
        f'<line x1="{line_x:.1f}" y1="{top - 6}" x2="{line_x:.1f}" y2="{bottom}" '
        f'stroke="{AXIS}" stroke-dasharray="4 3"/>'
    )
    body.append(f'<text x="{line_x:.1f}" y="{top - 9}" text-anchor="middle">{_num(pass_mark, 0)}</text>')
    for tick in range(start, 101, 10):
        body.append(f'<text x="{x(tick):.1f}" y="{bottom + 16}" text-anchor="middle" fill="{AXIS}">{_num(tick)}</text>')
    return _svg(width, height, title, body)
