"""SourceDocument: the one format-neutral shape between the loaders and interpretation.

Every loader (text, DOCX, PDF, OCR) turns its input into an ordered list of blocks —
paragraphs and tables — with provenance. Nothing downstream knows the input format.
A merged cell is stored once, at its top-left position, with its row/column span; the
positions it covers hold no cell of their own (`Table.grid()` resolves them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the literal types only: loaders need not import pydantic
    from .model import Encoding, PageRoute, SourceFormat, SourceKind

BBox = tuple[float, float, float, float]


@dataclass(slots=True, eq=False)
class Cell:
    """One table cell; `col` is its first grid column, spans count grid rows/columns.

    Compared by identity: a merged cell is one object wherever its span reaches.
    """

    text: str
    col: int
    row_span: int = 1
    col_span: int = 1
    line: int | None = None  # 1-based source line for text inputs
    bbox: BBox | None = None
    bold: bool = False  # the whole cell was emphasised (section rows often are)
    original: str | None = None  # the text before the repair stage changed it
    # How sure the loader is of this cell's text, 0..1 (OCR word confidences, OCR-text segmentation
    # score); None = read exactly (digital text). Interpretation turns it into field_confidence.
    confidence: float | None = None
    # A second, independent read of the cell that disagreed with `text` (kept, not used: W_OCR_DISAGREEMENT).
    second_read: str | None = None

    @property
    def source_text(self) -> str:
        """The text as the loader read it (before any repair)."""
        return self.text if self.original is None else self.original


@dataclass(slots=True)
class Row:
    """One physical table row; `page_break_before` marks the first row on a new page."""

    cells: list[Cell]
    page: int | None = None
    line: int | None = None
    is_header: bool = False  # the source says so (DOCX w:tblHeader); interpretation also detects headers
    page_break_before: bool = False


# The title of a section row a loader knows was printed but could not read (OCR'd text whose STT
# numbers start again at 1): interpretation numbers it from the sequence and leaves the title empty.
LOST_SECTION_TITLE = "(KHÔNG ĐỌC ĐƯỢC TIÊU ĐỀ MỤC)"


@dataclass(slots=True)
class Table:
    """A grid of rows. `spans_known` is False where the source lost merges (text exports)."""

    rows: list[Row]
    n_cols: int
    index: int = 0
    spans_known: bool = True
    confidence: float = 1.0  # how sure the loader is of the grid itself (OCR'd text: below 1)
    # Columns whose titles the loader could not read and named from their content (OCR'd text
    # without a legible header): interpretation reports them (W_COLUMNS_INFERRED).
    guessed_columns: tuple[int, ...] = ()

    @property
    def guessed_grid(self) -> bool:
        """Column borders inferred from where text sits, not printed (OCR'd plain text, scans
        without rules): a cell may hold words of its neighbours."""
        return self.confidence < 1.0 and not self.spans_known

    def grid(self) -> list[list[Cell | None]]:
        """Matrix of cells with every covered position pointing at its spanning cell."""
        out: list[list[Cell | None]] = [[None] * self.n_cols for _ in self.rows]
        for r, row in enumerate(self.rows):
            for cell in row.cells:
                for dr in range(cell.row_span):
                    for dc in range(cell.col_span):
                        rr, cc = r + dr, cell.col + dc
                        if rr < len(out) and cc < self.n_cols:
                            out[rr][cc] = cell
        return out


@dataclass(slots=True)
class Paragraph:
    """A run of body text (one source line for text inputs)."""

    text: str
    page: int | None = None
    line: int | None = None
    bold: bool = False
    original: str | None = None  # the text before the repair stage changed it

    @property
    def source_text(self) -> str:
        return self.text if self.original is None else self.original


Block = Paragraph | Table


@dataclass(slots=True)
class LoaderNote:
    """Something a loader observed that the user should hear about (becomes a Finding)."""

    code: str
    message: str
    page: int | None = None
    line: int | None = None


@dataclass(slots=True)
class SourceDocument:
    """Blocks in reading order plus what is known about where they came from."""

    path: str
    sha256: str
    format: SourceFormat
    kind: SourceKind
    loader: str
    blocks: list[Block] = field(default_factory=list)
    pages: int | None = None
    encoding: Encoding = "unicode"
    notes: list[LoaderNote] = field(default_factory=list)
    page_routes: list[PageRoute] = field(default_factory=list)

    def __post_init__(self) -> None:
        # tables are numbered in reading order here, once, for every loader
        for i, table in enumerate(self.tables):
            table.index = i

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]
