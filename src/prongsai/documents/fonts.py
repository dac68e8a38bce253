"""The PDF's font: Laksaman (TLWG, from Debian's fonts-tlwg-laksaman-ttf), found on disk, never embedded here.

Looked for, in order, in `<PRONGSAI_DATA_DIR>/fonts` (settings.DATA_DIR / "fonts", searched in depth:
scripts/ensure-system-packages.sh unpacks Debian's package there when it cannot install it) and in
Debian's `/usr/share/fonts/truetype/tlwg`. The setting `PDF_FONT_DIRS` (a list of folders)
replaces that search path, for tests and unusual installations. A missing font raises
`FontMissingError`: a PDF in a fallback font would look official and be wrong.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

FAMILY = "Laksaman"
FILES = ("Laksaman.ttf", "Laksaman-Bold.ttf")
DEBIAN_DIR = Path("/usr/share/fonts/truetype/tlwg")
PACKAGE = "Laksaman (Debian package fonts-tlwg-laksaman-ttf)"


class FontMissingError(RuntimeError):
    """The PDF font is not installed; the message names the font, its package and where we looked."""


def search_dirs() -> list[Path]:
    """Where the font is looked for: the setting PDF_FONT_DIRS, else the data folder and Debian's folder."""
    from django.conf import settings

    override = getattr(settings, "PDF_FONT_DIRS", None)
    if override is not None:
        return [Path(p) for p in override]
    return [Path(settings.DATA_DIR) / "fonts", DEBIAN_DIR]


def _holding(folder: Path) -> Path | None:
    """`folder`, or the first folder below it, that holds both font files."""
    if all((folder / name).is_file() for name in FILES):
        return folder
    if not folder.is_dir():
        return None
    for found in sorted(folder.rglob(FILES[0])):
        if all((found.parent / name).is_file() for name in FILES):
            return found.parent
    return None


def font_dir(dirs: Iterable[Path | str] | None = None) -> Path:
    """The first folder holding Laksaman regular and bold, or FontMissingError."""
    candidates = [Path(d) for d in dirs] if dirs is not None else search_dirs()
    for folder in candidates:
        found = _holding(folder)
        if found is not None:
            return found
    looked = ", ".join(str(d) for d in candidates) or "(no folder)"
    raise FontMissingError(
        f"The PDF font {PACKAGE} is missing: {' and '.join(FILES)} were not found in {looked}. "
        "Install it with `apt-get install fonts-tlwg-laksaman-ttf` or copy the two files "
        "into the data folder's fonts/."
    )


@cache
def advances(folder: Path) -> dict[int, float]:
    """The widest advance, in em, of each character in Laksaman regular or bold (from the fonts' cmap
    and hmtx tables, read with fontTools once per folder). Marks above and below are 0.
    """
    from fontTools.ttLib import TTFont

    widest: dict[int, float] = {}
    for name in FILES:
        with TTFont(folder / name, lazy=True) as font:
            per_em = font["head"].unitsPerEm
            metrics = font["hmtx"]
            for code, glyph in font.getBestCmap().items():
                widest[code] = max(widest.get(code, 0.0), metrics[glyph][0] / per_em)
    return widest
