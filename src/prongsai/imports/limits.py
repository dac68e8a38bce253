"""How much an import may read: every reader stops at these limits and refuses the file with a Thai message that
names the limit and the place (sheet, table, cell range, page), so that no upload can hold a worker for long.

The numbers are set against real reports, with a wide margin: the seed report (อบต.แกลง ๒๕๖๗) has 8 measures
in 4,655 characters; the largest plans seen have a few hundred rows of up to ~20 columns, a cell rarely more
than a few thousand characters. Reading runs at about a million characters a second on a small server (one
core), so the text limit keeps the slowest file accepted to a couple of seconds. No Django here.
"""

from __future__ import annotations

from openpyxl.utils import get_column_letter

from prongsai.imports.seed import ImportFormatError

# Characters of text read from one document (every cell, title lines, the text of a text/CSV file). The seed
# report has 4,655; a plan of 400 rows with a thousand characters in each of five columns has 2,000,000.
MAX_TEXT_CHARS = 2_000_000
# Characters of an HTML page or pasted table, markup included: Word's clipboard HTML carries its styles on
# every run (a few hundred characters around each word or line), so a plan of a few hundred rows makes a few
# million; a paste is capped at 5 MB by DATA_UPLOAD_MAX_MEMORY_SIZE anyway. Python's html.parser reads
# about 2 million characters a second on a small server.
MAX_HTML_CHARS = 5_000_000
# Characters in one cell: "several thousand" at most in real plans (a long list of results), five times that.
MAX_CELL_CHARS = 20_000
# Cells read from one document, empty ones inside a row included (a Word or HTML cell spanning columns counts
# once per column): a plan of a few hundred rows × 20 columns has under 10,000; ten times that.
MAX_CELLS = 100_000
# Rows of one sheet, CSV file or table: real plans have a few hundred; ten times the largest. Rows beyond
# it that hold anything refuse the file (empty formatted rows below the data are skipped).
MAX_ROWS = 5_000
# Columns of a sheet read (A … BH): a measures table has up to ~20; columns further right are not read.
MAX_COLUMNS = 60
# Cells covered by merged ranges in one sheet, counted inside the area that holds data (a range reaching
# beyond the last row or column with data is cut there first, so a range over empty cells costs nothing).
# Real sheets merge a measure's cells over its sub-rows or a title across the table: a few thousand at most.
MAX_MERGED_CELLS = 20_000
# Pages of a PDF: a report of a few hundred measures prints on about a hundred pages.
MAX_PAGES = 300
# Paragraphs of a Word document, those inside table cells included: a 100-page report has a few thousand.
MAX_PARAGRAPHS = 50_000
# Tables of a Word document or HTML page: a table continued on each page makes one per page at most.
MAX_TABLES = 1_000
# Bytes the XML parts of a package (the parts parsed: document, sheets, shared strings, styles …) may unpack
# to; pictures and other media are not parsed and count only towards MAX_UNZIPPED_BYTES. Excel: openpyxl reads
# about 3 MB of sheet XML a second on a small server, so 10 MB keeps the worst workbook to a few seconds; a
# filled sheet of 5,000 rows × 60 cells is about 10 MB, a real plan's sheet under 1 MB (the seed's: 29 KB).
# Word: lxml parses faster; the seed report's XML is about 0.9 MB (styles included), a 100-page report a few MB.
MAX_SHEET_XML_BYTES = 10 * 1024 * 1024
MAX_DOCUMENT_XML_BYTES = 40 * 1024 * 1024
# Bytes a whole package may unpack to, pictures included (a report with photographs of its activities).
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024


class LimitError(ImportFormatError):
    """A file beyond one of the limits: nothing of it is imported. `place` names where, for read_document's
    prefix with the file's name."""

    def __init__(self, place: str, detail: str) -> None:
        self.place = place
        self.detail = detail
        super().__init__(None, f"{place}: {detail}" if place else detail)

    def in_file(self, filename: str) -> LimitError:
        """The same error with the file's name in front of the place."""
        return LimitError(f"ไฟล์ {filename} {self.place}".strip() if filename else self.place, self.detail)


def number(value: int) -> str:
    return f"{value:,}"


def exceeded(place: str, what: str, count: int | None, limit: int, unit: str, advice: str = "") -> LimitError:
    """'แผ่นงาน Y: ช่วงเซลล์ที่ผสาน A3:BH5000 มี 298,140 เซลล์ เกินขีดจำกัด 20,000 เซลล์ — advice'."""
    has = f"มี {number(count)} {unit} " if count is not None else ""
    message = f"{what} {has}เกินขีดจำกัด {number(limit)} {unit}"
    return LimitError(place, f"{message} — {advice}" if advice else message)


SPLIT = "แยกเฉพาะตารางมาตรการไปไว้ในไฟล์ใหม่ แล้วนำเข้าอีกครั้ง"


class Budget:
    """What one document has read so far: its cells and characters. Readers call ``cell`` for every cell they
    make (``row`` for a whole row), which refuses the file at the first limit crossed, naming that cell."""

    def __init__(self) -> None:
        self.cells = 0
        self.chars = 0

    def text(self, length: int, place: str) -> None:
        self.chars += length
        if self.chars > MAX_TEXT_CHARS:
            raise exceeded(place, "ข้อความที่อ่านถึงตรงนี้", None, MAX_TEXT_CHARS, "ตัวอักษร", SPLIT)

    def cell(self, text: str, place: str) -> None:
        self.cells += 1
        if len(text) > MAX_CELL_CHARS:
            raise exceeded(place, "ข้อความในเซลล์นี้", len(text), MAX_CELL_CHARS, "ตัวอักษร", "ตัดข้อความในเซลล์ให้สั้นลง")
        if self.cells > MAX_CELLS:
            raise exceeded(place, "จำนวนเซลล์ที่อ่านถึงตรงนี้", None, MAX_CELLS, "เซลล์", SPLIT)
        if text:
            self.text(len(text), place)

    def row(self, texts: list[str], place: str, letters: bool = False) -> None:
        """A row of cells at once; a cell's place is `place` and its column (a letter, for Excel, or a number)."""

        def where(j: int) -> str:
            return place + (get_column_letter(j + 1) if letters else str(j + 1))

        self.cells += len(texts)
        if self.cells > MAX_CELLS:
            raise exceeded(where(len(texts) - 1), "จำนวนเซลล์ที่อ่านถึงตรงนี้", None, MAX_CELLS, "เซลล์", SPLIT)
        length = 0
        for j, text in enumerate(texts):
            if len(text) > MAX_CELL_CHARS:
                raise exceeded(where(j), "ข้อความในเซลล์นี้", len(text), MAX_CELL_CHARS, "ตัวอักษร", "ตัดข้อความในเซลล์ให้สั้นลง")
            length += len(text)
        self.chars += length
        if self.chars > MAX_TEXT_CHARS:
            raise exceeded(where(len(texts) - 1), "ข้อความที่อ่านถึงตรงนี้", None, MAX_TEXT_CHARS, "ตัวอักษร", SPLIT)


def too_many_rows(place: str) -> LimitError:
    """Data below the MAX_ROWS-th row of a sheet, file or table."""
    return LimitError(place, f"มีข้อมูลเกินขีดจำกัด {number(MAX_ROWS)} แถว — {SPLIT}")
