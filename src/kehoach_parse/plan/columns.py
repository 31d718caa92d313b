"""Column roles: which grid column holds the objective, the task, the lead agency…

With a header row, titles are matched fuzzily (accent-insensitive) against the known
titles in `data/column_titles.json`. Without one (seed 000), each column's role is
inferred from what its cells look like, and roles are assigned as a whole.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rapidfuzz import fuzz

from ..source import Cell, Table
from .text import is_roman, key, squash

ROLES = ("stt", "objective", "task", "activity", "outputs", "lead", "partners", "deadline", "budget", "notes")
MATCH_THRESHOLD = 82.0


@lru_cache(maxsize=1)
def _titles() -> dict[str, list[str]]:
    raw = json.loads(resources.files("kehoach_parse.data").joinpath("column_titles.json").read_text("utf-8"))
    return {role: [key(t) for t in titles] for role, titles in raw.items() if not role.startswith("_")}


def match_title(title: str) -> tuple[str | None, float]:
    """Best role for one header title, with its score (0..100)."""
    k = key(re.sub(r"^\s*\d+\s*[.)]\s*", "", title))
    if not k:
        return None, 0.0
    best: tuple[str | None, float] = (None, 0.0)
    for role, titles in _titles().items():
        for t in titles:
            score = fuzz.ratio(k, t)
            if score > best[1]:
                best = (role, score)
    return best if best[1] >= MATCH_THRESHOLD else (None, best[1])


@dataclass(slots=True)
class ColumnMap:
    """role -> column index; `header_rows` are the rows of the first header block."""

    roles: dict[str, int]
    header_rows: list[int]
    inferred: bool = False
    mixed_budget_notes: bool = False

    def col(self, role: str) -> int | None:
        return self.roles.get(role)


def is_header_row(cells: Sequence[Cell | None]) -> bool:
    """A row is a header when most of its non-empty cells are known column titles."""
    texts = [c.text for c in dict.fromkeys(c for c in cells if c is not None and c.text.strip())]
    if len(texts) < 2:
        return False
    hits = sum(1 for t in texts if len(t) < 80 and match_title(t)[0] is not None)
    return hits >= 2 and hits >= 0.6 * len(texts)


def header_signature(cells: Sequence[Cell | None]) -> str:
    return "|".join(key(c.text) if c is not None else "" for c in cells)


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
        for c in range(table.n_cols):
            role = _column_role([grid[h][c] for h in header_rows])
            if role and role != "agencies" and role not in roles:
                roles[role] = c
        if len(roles) >= 3:
            return ColumnMap(roles=roles, header_rows=header_rows)
    return None


def _is_sub_header(cells: Sequence[Cell | None], above: Sequence[Cell | None]) -> bool:
    """Second header row: only title cells, each under a spanning or shared header cell."""
    own = [c for c, a in zip(cells, above, strict=False) if c is not None and c is not a and c.text.strip()]
    return bool(own) and all(match_title(c.text)[0] is not None for c in own)


def _column_role(stack: list[Cell | None]) -> str | None:
    """The most specific (lowest, narrowest) title over a column decides its role."""
    for cell in reversed(stack):
        if cell is not None and cell.text.strip():
            role, _ = match_title(cell.text)
            if role and (cell.col_span == 1 or role != "agencies"):
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
        texts = [squash(row[c].text) for row in data if row[c] is not None and row[c].text.strip()]
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
    return ColumnMap(roles=roles, header_rows=[], inferred=True, mixed_budget_notes=mixed)


def _section_like(row: Sequence[Cell | None]) -> bool:
    texts = [c.text for c in dict.fromkeys(c for c in row if c is not None and c.text.strip())]
    return bool(texts) and len(texts) <= 2 and is_roman(texts[0].split()[0] if texts[0].split() else "")
