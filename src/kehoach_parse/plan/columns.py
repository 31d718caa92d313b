"""Column roles: which grid column holds the objective, the task, the lead agency…

With a header row, titles are read word by word (accent-insensitive, fuzzy) against the
vocabulary in `data/column_titles.json` (see its comment for the head-first rule). Without
one (seed 000), each column's role is inferred from what its cells look like, and roles are
assigned as a whole.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from ..lexicon.columns import (  # the vocabulary lives below both layers; re-exported here
    CUE_THRESHOLD,
    ROLES,
    Vocabulary,
    is_role_label,
    match_title,
    title_words,
    vocabulary,
)
from ..source import Cell, Table
from .text import is_roman, key, squash

__all__ = [
    "CUE_THRESHOLD",
    "ROLES",
    "ColumnMap",
    "Vocabulary",
    "header_signature",
    "infer_roles",
    "is_column_number_row",
    "is_header_row",
    "is_repeated_header",
    "is_role_label",
    "map_header",
    "match_title",
    "title_words",
    "vocabulary",
]


@dataclass(slots=True)
class ColumnMap:
    """role -> column index; `header_rows` are the rows of the first header block.

    `extra` holds every other column with its header text as printed (or 'Cột N' without a
    header): nothing in a table is dropped.
    """

    roles: dict[str, int]
    header_rows: list[int]
    inferred: bool = False
    mixed_budget_notes: bool = False
    extra: dict[int, str] = field(default_factory=dict)
    header_keys: tuple[tuple[str, ...], ...] = ()  # each header row's folded cell texts, to spot it repeated

    def col(self, role: str) -> int | None:
        return self.roles.get(role)

    def is_plan_table(self) -> bool:
        """A content column (task/activity) plus a lead or deadline column (SPEC §1 "Tables")."""
        content = any(r in self.roles for r in ("task", "activity"))
        return content and any(r in self.roles for r in ("lead", "partners", "deadline"))


def is_header_row(cells: Sequence[Cell | None], *, strict: bool = False) -> bool:
    """A row is a header when most of its non-empty cells are short known column titles.

    `strict` (inside a table's body, where data cells may start with a cue word): every cell.
    """
    texts = [c.text for c in dict.fromkeys(c for c in cells if c is not None and c.text.strip())]
    if len(texts) < 2:
        return False
    if strict:  # every cell a title: stop at the first that is not
        return len(texts) >= 3 and all(len(t) < 60 and match_title(t)[0] is not None for t in texts)
    hits = sum(1 for t in texts if len(t) < 60 and match_title(t)[0] is not None)
    return hits >= 2 and hits >= 0.6 * len(texts)


def header_signature(cells: Sequence[Cell | None]) -> tuple[str, ...]:
    return tuple(key(c.text) if c is not None else "" for c in cells)


_COLUMN_NUMBER = re.compile(r"^\(?\s*(\d{1,2}|[a-zA-Z])\s*\)?$")


def is_column_number_row(cells: Sequence[Cell | None]) -> bool:
    """`(1) (2) (3) …` or `1 2 3 …` under a header: numbers the columns, not a record."""
    texts = [squash(c.text) for c in dict.fromkeys(c for c in cells if c is not None and c.text.strip())]
    if len(texts) < 3 or not all(_COLUMN_NUMBER.match(t) for t in texts):
        return False
    digits = [int(m.group(1)) for t in texts if (m := _COLUMN_NUMBER.match(t)) and m.group(1).isdigit()]
    return len(digits) >= 3 and all(b == a + 1 for a, b in itertools.pairwise(digits))


def is_repeated_header(cmap: ColumnMap, cells: Sequence[Cell | None]) -> bool:
    """The table's header printed again (a new page), exactly or nearly (OCR, wraps)."""
    got = header_signature(cells)
    for want in cmap.header_keys:
        filled = [(g, w) for g, w in zip(got, want, strict=False) if g or w]
        same = sum(1 for g, w in filled if g == w or (g and w and fuzz.ratio(g, w) >= 85))
        if filled and same >= max(2, 0.7 * len(filled)):
            return True
    return False


def map_header(table: Table) -> ColumnMap | None:
    """Map columns from the first header block (one or two rows), if there is one."""
    grid = table.grid()
    for r, cells in enumerate(grid[:6]):
        if not (table.rows[r].is_header or is_header_row(cells)):
            continue
        header_rows = [r]
        nxt = r + 1
        while nxt < len(grid) and (table.rows[nxt].is_header or _is_sub_header(grid[nxt], grid[r])):
            header_rows.append(nxt)
            nxt += 1
        roles: dict[str, int] = {}
        agencies: list[int] = []
        for c in range(table.n_cols):
            role = _column_role([grid[h][c] for h in header_rows])
            if role == "agencies":
                agencies.append(c)
            elif role and role not in roles:
                roles[role] = c
        for c in agencies:  # a generic agency column: lead first, then partners
            for role in ("lead", "partners"):
                if role not in roles:
                    roles[role] = c
                    break
        if len(roles) >= 3:
            taken = set(roles.values())
            extra = {
                c: title
                for c in range(table.n_cols)
                if c not in taken and (title := _column_title([grid[h][c] for h in header_rows]))
            }
            return ColumnMap(
                roles=roles,
                header_rows=header_rows,
                extra=extra,
                header_keys=tuple(header_signature(grid[h]) for h in header_rows),
            )
    return None


def _column_title(stack: list[Cell | None]) -> str:
    """A column's header text as printed: its distinct header cells, top to bottom."""
    texts = [squash(c.text) for c in dict.fromkeys(c for c in stack if c is not None and c.text.strip())]
    return " / ".join(texts)


def _is_sub_header(cells: Sequence[Cell | None], above: Sequence[Cell | None]) -> bool:
    """Second header row: only title cells, each under a spanning or shared header cell."""
    own = [c for c, a in zip(cells, above, strict=False) if c is not None and c is not a and c.text.strip()]
    return (
        bool(own)
        and all(match_title(c.text)[0] is not None for c in own)
        and any(a is not None and a.col_span > 1 for a in above)
    )


def _column_role(stack: list[Cell | None]) -> str | None:
    """The most specific (lowest) title over a column decides its role."""
    for cell in reversed(stack):
        if cell is not None and cell.text.strip():
            role, _ = match_title(cell.text)
            if role == "agencies" and cell.col_span > 1:
                continue  # "Cơ quan thực hiện" over "Chủ trì | Phối hợp"
            if role:
                return role
    return None


# --- header-less tables: infer roles from content ---------------------------------------

_LABEL = re.compile(r"^\s*\d+(?:\.\d+)*\s*[.:]?\s*(mục tiêu|nhiệm vụ|hoạt động)", re.I)
_OUTPUT_NOUNS = (
    "quyết định", "kế hoạch", "báo cáo", "văn bản", "công văn", "thông báo", "nghị quyết", "chương trình",
    "đề án", "hệ thống", "phần mềm", "số liệu", "kết quả", "tài liệu", "hội nghị", "quy chế", "quy định",
)  # fmt: skip
_AGENCY_HEADS = (
    "sở", "ubnd", "ủy ban", "uỷ ban", "văn phòng", "công an", "các sở", "các cơ quan", "ban ", "đài", "báo ",
    "bưu điện", "kho bạc", "cục", "trung tâm", "phòng", "hội đồng", "các", "-sở", "- sở", "thanh tra",
)  # fmt: skip
_NUMBER = re.compile(r"^\s*\d[\d.,\s]*\s*$")


def _looks_deadline(text: str) -> bool:
    return bool(re.search(r"\b(quý|tháng|năm|thường xuyên|hàng|trước|ngày)\b", text, re.I)) and len(text) < 90


def infer_roles(table: Table) -> ColumnMap:
    """Assign roles to a header-less table's columns from their content, as a whole."""
    grid = table.grid()
    data = [row for row in grid if not _section_like(row)]
    n = table.n_cols
    scores: dict[str, list[float]] = {r: [0.0] * n for r in (*ROLES, "budget_notes")}
    for c in range(n):
        texts = [squash(cell.text) for row in data if (cell := row[c]) is not None and cell.text.strip()]
        if not texts:
            continue
        share = len(texts) / max(len(data), 1)

        def frac(pred, texts=texts) -> float:
            return sum(1 for t in texts if pred(t)) / len(texts)

        labels = [m.group(1).lower() for t in texts if (m := _LABEL.match(t))]
        for word, role in (("mục tiêu", "objective"), ("nhiệm vụ", "task"), ("hoạt động", "activity")):
            scores[role][c] = labels.count(word) / len(texts) * 3
        scores["stt"][c] = frac(lambda t: bool(re.fullmatch(r"\d{1,3}\.?", t)) or is_roman(t)) * 3
        scores["deadline"][c] = frac(_looks_deadline) * 2
        agency = frac(lambda t: t.lower().startswith(_AGENCY_HEADS))
        scores["lead"][c] = agency * 2
        scores["partners"][c] = agency * 2
        scores["outputs"][c] = frac(lambda t: t.lower().lstrip("- ").startswith(_OUTPUT_NOUNS)) * 1.5
        numbers = frac(lambda t: bool(_NUMBER.match(t)))
        scores["budget"][c] = numbers * 2 if numbers > 0.9 else 0.0
        scores["budget_notes"][c] = (0.5 + numbers) * (1 if c == n - 1 else 0) * (1 - share * 0.5)
    roles: dict[str, int] = {}
    taken: set[int] = set()
    # hierarchy, STT, deadline and budget first, strongest evidence first
    firm = [r for r in scores if r not in ("lead", "partners", "outputs")]
    for _score, role, c in sorted(
        ((scores[r][c], r, c) for r in firm for c in range(n) if scores[r][c] > 0.3), key=lambda x: (-x[0], x[2])
    ):
        if role not in roles and c not in taken:
            roles[role] = c
            taken.add(c)
    # then the agency pair, lead left of partners, as a whole
    free = [c for c in range(n) if c not in taken]
    pairs = [(scores["lead"][a] + scores["partners"][b], a, b) for a in free for b in free if a < b]
    if pairs:
        _, a, b = max(pairs, key=lambda x: (x[0], -x[1]))
        if scores["lead"][a] > 0.3:
            roles["lead"] = a
            taken.add(a)
            if scores["partners"][b] > 0.3:
                roles["partners"] = b
                taken.add(b)
    free = [c for c in range(n) if c not in taken]
    if free:
        c = max(free, key=lambda c: (scores["outputs"][c], -abs(c - roles.get("lead", c))))
        if scores["outputs"][c] > 0.3 or ("lead" in roles and c == roles["lead"] - 1):
            roles["outputs"] = c
    mixed = "budget_notes" in roles
    if mixed:
        roles["budget"] = roles.pop("budget_notes")
    taken = set(roles.values())
    extra = {c: f"Cột {c + 1}" for c in range(n) if c not in taken}  # no header: named by position
    return ColumnMap(roles=roles, header_rows=[], inferred=True, mixed_budget_notes=mixed, extra=extra)


def _section_like(row: Sequence[Cell | None]) -> bool:
    texts = [c.text for c in dict.fromkeys(c for c in row if c is not None and c.text.strip())]
    return bool(texts) and len(texts) <= 2 and is_roman(texts[0].split()[0] if texts[0].split() else "")
