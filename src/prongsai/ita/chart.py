"""The ten indicators against the pass mark, as an SVG of our own (no charting dependency).

Horizontal bars, one row per indicator grouped by tool (IIT, EIT, OIT), a dashed line at the pass
mark, the scores in a column at the right (clear of the line). Thai text is set in the font family "Laksaman" (then the
usual Thai fallbacks for browsers), the font the PDF renderer loads, so the same SVG draws the
same in the web page and in the PDF. Every text is XML-escaped; nothing else comes from users.
Pure: no database, no Django.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape

from prongsai.core.thai import to_thai_digits

FONT = "Laksaman, 'TH Sarabun New', Sarabun, 'Noto Sans Thai', sans-serif"
WIDTH = 960
TOP = 40  # the legend
ROW = 28
BOTTOM = 34  # the axis labels
TOOL_X = 8  # the tool column
LABEL_X = 56  # indicator labels start here
PLOT_X0, PLOT_X1 = 300, 890  # 0 and 100 on the axis; the scores stand in a column to the right
PASS_COLOUR, FAIL_COLOUR, LINE_COLOUR = "#2e7d32", "#c62828", "#1a237e"
GRID_COLOUR, TEXT_COLOUR, MUTED = "#d0d0d0", "#202020", "#606060"


@dataclass(frozen=True)
class Bar:
    number: int
    name: str
    tool: str
    score: Decimal | None


def _x(value: Decimal | float) -> float:
    return PLOT_X0 + (PLOT_X1 - PLOT_X0) * float(value) / 100


def _num(value: Decimal | float | int, thai: bool) -> str:
    text = f"{value:.2f}" if isinstance(value, Decimal | float) else str(value)
    return to_thai_digits(text) if thai else text


def _text(
    x: float, y: float, body: str, *, size: int = 13, anchor: str = "start", fill: str = TEXT_COLOUR, bold: bool = False
) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" fill="{fill}"{weight}>'
        f"{escape(body)}</text>"
    )


def indicator_chart(
    bars: Sequence[Bar], pass_mark: Decimal, *, thai_digits: bool = True, title: str = "", below_text: str = ""
) -> str:
    """The chart as an SVG document (a string). `title` is its accessible name (not drawn)."""
    height = TOP + ROW * len(bars) + BOTTOM
    plot_bottom = TOP + ROW * len(bars)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" font-family="{escape(FONT)}" role="img">',
        f"<title>{escape(title)}</title>",
        f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>',
    ]
    # Legend.
    parts.append(f'<rect x="{PLOT_X0}" y="12" width="14" height="14" fill="{PASS_COLOUR}"/>')
    parts.append(_text(PLOT_X0 + 20, 24, "ผ่านเกณฑ์"))
    parts.append(f'<rect x="{PLOT_X0 + 110}" y="12" width="14" height="14" fill="{FAIL_COLOUR}"/>')
    parts.append(_text(PLOT_X0 + 130, 24, below_text or "ต่ำกว่าเกณฑ์"))
    # Grid and axis.
    for tick in range(0, 101, 20):
        x = _x(tick)
        grid = f'x1="{x:.1f}" y1="{TOP - 4}" x2="{x:.1f}" y2="{plot_bottom}"'
        parts.append(f'<line {grid} stroke="{GRID_COLOUR}" stroke-width="1"/>')
        parts.append(_text(x, plot_bottom + 20, _num(tick, thai_digits), size=12, anchor="middle", fill=MUTED))
    # Rows, grouped by tool.
    previous_tool = ""
    group_start = 0
    for index, bar in enumerate([*bars, None]):
        tool = bar.tool if bar is not None else ""
        if tool != previous_tool:
            if previous_tool:
                middle = TOP + ROW * (group_start + index) / 2
                parts.append(_text(TOOL_X, middle + 5, previous_tool, bold=True))
            if bar is not None and index:
                y = TOP + ROW * index
                parts.append(f'<line x1="0" y1="{y}" x2="{WIDTH}" y2="{y}" stroke="{MUTED}" stroke-width="0.8"/>')
            previous_tool, group_start = tool, index
        if bar is None:
            break
        y = TOP + ROW * index
        label = f"{_num(bar.number, thai_digits)} {bar.name}"
        parts.append(_text(LABEL_X, y + ROW / 2 + 5, label))
        if bar.score is None:
            parts.append(_text(PLOT_X0 + 6, y + ROW / 2 + 5, "ไม่มีคะแนน", fill=MUTED))
            continue
        colour = PASS_COLOUR if bar.score >= pass_mark else FAIL_COLOUR
        width = max(_x(bar.score) - PLOT_X0, 0.5)
        parts.append(f'<rect x="{PLOT_X0}" y="{y + 6}" width="{width:.1f}" height="{ROW - 12}" fill="{colour}"/>')
        parts.append(_text(WIDTH - 6, y + ROW / 2 + 5, _num(bar.score, thai_digits), size=12, anchor="end"))
    # The pass mark, over the bars.
    x = _x(pass_mark)
    parts.append(
        f'<line x1="{x:.1f}" y1="{TOP - 6}" x2="{x:.1f}" y2="{plot_bottom + 4}" stroke="{LINE_COLOUR}" '
        'stroke-width="2" stroke-dasharray="6 4"/>'
    )
    mark = _num(int(pass_mark) if pass_mark == int(pass_mark) else pass_mark, thai_digits)
    parts.append(_text(x - 6, TOP - 10, f"เกณฑ์ผ่าน {mark}", anchor="end", fill=LINE_COLOUR, size=12))
    parts.append("</svg>")
    return "".join(parts)
