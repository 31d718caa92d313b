"""Column roles: which grid column holds the objective, the task, the lead agency…

With a header row, titles are read word by word (accent-insensitive, fuzzy) against the
vocabulary in `data/column_titles.json` (see its comment for the head-first rule). Without
one (seed 000), each column's role is inferred from what its cells look like, and roles are
assigned as a whole. So it is for an OCR'd header garbled past recognition (issue 11): its rows
are found by not reading as data and skipped, the titles OCR did read keep their roles, and the
roles taken from content are listed in `ColumnMap.guessed` for W_COLUMNS_INFERRED.
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
    output_nouns,
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
    "complete_header",
    "garbled_titles",
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
    # roles read from the content because the header row above them could not be read (OCR garbled
    # it): the caller reports them (W_COLUMNS_INFERRED); empty for a table printed without a header
    guessed: tuple[str, ...] = ()

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
        same = sum(1 for g, w in filled if g == w or (g and w and _same_title(g, w)))
        if filled and same >= max(2, 0.7 * len(filled)):
            return True
    return False


def _same_title(got: str, want: str) -> bool:
    """A header cell read again: nearly the same, or its words with a short OCR scrap among them
    (`ten nhiem va vu` for `ten nhiem vu`, two scraps at most) — not a longer data cell holding its words."""
    if fuzz.ratio(got, want) >= 85:
        return True
    return len(got) <= len(want) + 8 and fuzz.token_set_ratio(got, want) >= 90


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
_AGENCY_HEADS = (
    "sở", "ubnd", "ủy ban", "uỷ ban", "văn phòng", "công an", "các sở", "các cơ quan", "ban ", "đài", "báo ",
    "bưu điện", "kho bạc", "cục", "trung tâm", "phòng", "hội đồng", "các", "-sở", "- sở", "thanh tra",
)  # fmt: skip
_NUMBER = re.compile(r"^\s*\d[\d.,\s]*\s*$")


def _looks_deadline(text: str) -> bool:
    return bool(re.search(r"\b(quý|tháng|năm|thường xuyên|hàng|trước|ngày)\b", text, re.I)) and len(text) < 90


def infer_roles(table: Table) -> ColumnMap:
    """Assign roles to a header-less table's columns from their content, as a whole.

    A header row OCR garbled past recognition (`C: qu+1 chư _rì`) is no header and no data:
    the leading rows whose cells do not read as what their column holds — and, below a page
    break, such a row again — become `header_rows` (skipped as records); their text is a weak
    hint (a fuzzy likeness to a role's cue) where the content alone does not decide.
    """
    grid = table.grid()
    skip = {r for r in range(min(6, len(grid))) if table.rows[r].is_header or _numbers_row(grid[r])}
    roles, mixed = _assign(grid, skip, {})
    header = _garbled_header_rows(table, grid, roles, skip)
    read: dict[str, int] = {}  # the roles of the titles OCR did read
    if header:
        hints = _hints([grid[r] for r in header if r < 6], table.n_cols)
        roles, mixed = _assign(grid, skip | set(header), hints)
        header = _garbled_header_rows(table, grid, roles, skip)
        at = {c: role for role, c in roles.items()}
        for c in range(table.n_cols):
            role = _column_role([grid[r][c] for r in header if r < 6])
            # a title read out of noise counts where the content agrees on what kind of column it is
            if role in ROLES and role not in read and (c not in at or _kin(at[c], role)):
                read[role] = c
        swapped = {at[c]: roles[role] for role, c in read.items() if c in at and at[c] != role and role in roles}
        roles = _merge(read, {**roles, **swapped})  # `Phối hợp` read over the column taken for lead: swap them
    taken = set(roles.values())
    extra = {c: f"Cột {c + 1}" for c in range(table.n_cols) if c not in taken}  # no header: named by position
    return ColumnMap(
        roles=roles,
        header_rows=header,
        inferred=True,
        mixed_budget_notes=mixed,
        extra=extra,
        header_keys=tuple(header_signature(grid[r]) for r in header[:2]),
        guessed=tuple(r for r in roles if r not in read) if header else (),
    )


_FAMILY = {"objective": 0, "task": 0, "activity": 0, "lead": 1, "partners": 1, "budget": 2, "notes": 2}


def _kin(a: str, b: str) -> bool:
    """The same role, or two of one kind (task/activity, lead/partners): a title may tell them apart."""
    return a == b or (a in _FAMILY and _FAMILY[a] == _FAMILY.get(b))


def _merge(read: dict[str, int], inferred: dict[str, int]) -> dict[str, int]:
    """The roles of the titles read, then the inferred roles of the other columns."""
    roles = dict(read)
    for role, c in inferred.items():
        if role not in roles and c not in roles.values():
            roles[role] = c
    return roles


def garbled_titles(table: Table, cmap: ColumnMap) -> list[int]:
    """The columns without a role whose header OCR garbled (`Cơ p]ốÏ`, a low-confidence read) —
    not those whose title is legible but names no role (`Văn bản giao nhiệm vụ` stays in `extra`)."""
    grid = table.grid()
    out = []
    for c in cmap.extra:
        cells = [cell for r in cmap.header_rows if (cell := grid[r][c]) is not None and cell.text.strip()]
        if any(_GARBLE.search(cell.text) or (cell.confidence is not None and cell.confidence < 0.6) for cell in cells):
            out.append(c)
    return out


_GARBLE = re.compile(r"[^\w\s,.;:()/\-–]|[\d_]")  # a character no column title is written with


def complete_header(table: Table, cmap: ColumnMap, columns: Sequence[int] | None = None) -> ColumnMap:
    """A header OCR read in part (`Nội dung côơg việc | T+ến độ ưh_c hiện | Đă^ v[ chủ ]rì`): the
    titles it read keep their roles, the content fills in the rest (`guessed`) — only `columns`
    when given (those whose title was garbled). A title read over a column of STT numerals or
    of deadlines is a misread (`Số`, what is left of `Số TT`, reads as `Sở`): the content wins."""
    inferred = infer_roles(table)
    firm = {c: r for r, c in inferred.roles.items() if r in ("stt", "deadline")}
    read = {r: c for r, c in cmap.roles.items() if firm.get(c, r) == r}
    allowed = set(columns) if columns is not None else set(range(table.n_cols))
    roles = _merge(read, {r: c for r, c in inferred.roles.items() if c in allowed or c in firm})
    guessed = [role for role in roles if role not in read]
    extra = {c: t for c, t in cmap.extra.items() if c not in roles.values()}
    return ColumnMap(
        roles=roles,
        header_rows=cmap.header_rows,
        mixed_budget_notes=inferred.mixed_budget_notes and inferred.roles.get("budget") == roles.get("budget"),
        extra=extra,
        header_keys=cmap.header_keys,
        guessed=tuple(guessed),
    )


_CONTENT_CHARS = 20  # a content column's cells average at least this many characters
_HINT = 70.0  # a garbled header cell this like a role's cue (fuzzy, 0..100) hints at that role


def _assign(
    grid: list[list[Cell | None]], skip: set[int], hints: dict[str, list[float]]
) -> tuple[dict[str, int], bool]:
    """(role -> column, budget column mixed with notes?) from the content of the data rows."""
    data = [row for r, row in enumerate(grid) if r not in skip and not _section_like(row)]
    n = len(grid[0]) if grid else 0
    scores: dict[str, list[float]] = {r: [0.0] * n for r in (*ROLES, "budget_notes")}
    length = [0.0] * n
    for c in range(n):
        texts = [squash(cell.text) for row in data if (cell := row[c]) is not None and cell.text.strip()]
        if not texts:
            continue
        share = len(texts) / max(len(data), 1)
        length[c] = sum(len(t) for t in texts) / len(texts)

        def frac(pred, texts=texts) -> float:
            return sum(1 for t in texts if pred(t)) / len(texts)

        labels = [m.group(1).lower() for t in texts if (m := _LABEL.match(t))]
        for word, role in (("mục tiêu", "objective"), ("nhiệm vụ", "task"), ("hoạt động", "activity")):
            scores[role][c] = labels.count(word) / len(texts) * 3
        scores["stt"][c] = frac(_numeral) * 3
        scores["deadline"][c] = frac(_looks_deadline) * 2
        agency = frac(_looks_agency)
        scores["lead"][c] = agency * 2
        scores["partners"][c] = agency * 2
        scores["outputs"][c] = frac(lambda t: key(t).lstrip("- ").startswith(output_nouns())) * 1.5
        numbers = frac(lambda t: bool(_NUMBER.match(t)))
        scores["budget"][c] = numbers * 2 if numbers > 0.9 else 0.0
        scores["budget_notes"][c] = (0.5 + numbers) * (1 if c == n - 1 else 0) * (1 - share * 0.5)
        for role, hint in hints.items():
            if hint[c] >= _HINT and scores[role][c] > 0.3:
                scores[role][c] += 0.5  # the garbled title agrees with the content
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
    if not any(r in roles for r in ("objective", "task", "activity")):
        _content_columns(roles, taken, length, scores["outputs"], hints)
    free = [c for c in range(n) if c not in taken]
    if free:
        c = max(free, key=lambda c: (scores["outputs"][c], -abs(c - roles.get("lead", c))))
        if scores["outputs"][c] > 0.3 or ("lead" in roles and c == roles["lead"] - 1 and c not in taken):
            roles["outputs"] = c
    mixed = "budget_notes" in roles
    if mixed:
        roles["budget"] = roles.pop("budget_notes")
    return roles, mixed


def _content_columns(
    roles: dict[str, int], taken: set[int], length: list[float], outputs: list[float], hints: dict[str, list[float]]
) -> None:
    """No numbered labels: the long-text columns left of the agencies hold the content.

    Two of them are task then activity; one takes the role its garbled title hints at, else
    task (SPEC §1: a lone content column keeps its role; `Nhiệm vụ` is the commonest).
    """
    stop = min((roles[r] for r in ("lead", "partners", "deadline") if r in roles), default=len(length))
    long = [c for c in range(stop) if c not in taken and length[c] >= _CONTENT_CHARS and outputs[c] <= 0.5]
    if len(long) >= 2:
        chosen = [("task", long[0]), ("activity", long[1])]
    elif long:
        c = long[0]
        like = sorted(((hints[r][c] if r in hints else 0.0, r) for r in _FAMILY if _FAMILY[r] == 0), reverse=True)
        clear = like[0][0] >= _HINT and like[0][0] - like[1][0] >= 10  # noise looks a little like every cue
        chosen = [(like[0][1] if clear else "task", c)]
    else:
        return
    for role, c in chosen:
        roles[role] = c
        taken.add(c)


def _hints(rows: list[list[Cell | None]], n: int) -> dict[str, list[float]]:
    """role -> per column, how like one of the role's cues the (garbled) header text above it reads."""
    out: dict[str, list[float]] = {}
    heads = [" ".join(dict.fromkeys(key(cell.text) for row in rows if (cell := row[i]) is not None)) for i in range(n)]
    for role, cue in vocabulary().cues:
        want = " ".join(cue)
        scores = out.setdefault(role, [0.0] * n)
        for c, head in enumerate(heads):
            if len(head.replace(" ", "")) >= 4:
                scores[c] = max(scores[c], fuzz.partial_ratio(want, head))
    return out


def _garbled_header_rows(
    table: Table, grid: list[list[Cell | None]], roles: dict[str, int], skip: set[int]
) -> list[int]:
    """Rows that head the table (at its top, or below a page break) but read as no data row.

    A data row's STT is a numeral, its deadline reads as a time, its agencies as agencies;
    a row where fewer than half of those filled cells do (two distinct cells filled at least) is a header
    OCR garbled, as is the column-number row under it. Only with the STT, deadline and an
    agency column inferred: without them nothing tells a header from a row. Only in OCR'd
    tables: a digital table's header is text, read or absent, never garbled.
    """
    checks = [(c, pred) for role, pred in _FITS if (c := roles.get(role)) is not None]
    if len(checks) < 3 or "stt" not in roles or table.confidence >= 1.0:
        return []
    out: list[int] = []
    heading = True  # at the top of the table, or just below a page break
    least = 2  # filled cells a header has: below a page break, 3 (the tail of a split row has fewer)
    prev_page = None
    for r, row in enumerate(grid):
        page = table.rows[r].page
        if r > 0 and page is not None and prev_page is not None and page != prev_page:
            heading, least = True, 3
        prev_page = page if page is not None else prev_page
        if not heading:
            continue
        if r in skip or _numbers_row(row):
            out.append(r)
            continue
        cells = {id(cell): (cell, pred) for c, pred in checks if (cell := row[c]) is not None and squash(cell.text)}
        filled = list(cells.values())  # a merged cell (a section title across the row) counts once
        if (
            len(filled) >= least
            and not _section_like(row)
            and sum(pred(squash(c.text)) for c, pred in filled) * 2 < len(filled)
        ):
            out.append(r)
            continue
        heading = False
    return out


def _numbers_row(row: Sequence[Cell | None]) -> bool:
    """A column-number row, or one OCR garbled (`: Ï#. /@) 14° /*) (7)`): only short scraps, three or more."""
    texts = [squash(c.text) for c in dict.fromkeys(c for c in row if c is not None and c.text.strip())]
    if is_column_number_row(row):
        return True
    return len(texts) >= 3 and all(len(t) <= 4 and not t.isalpha() for t in texts)


def _numeral(text: str) -> bool:
    return bool(re.fullmatch(r"\d{1,3}\.?", text)) or is_roman(text)


LOOK_CHARS = 300  # characters of a cell read to judge what it holds: three agency names fit in far less


def _looks_agency(text: str) -> bool:
    """Opens with an agency head, or the gazetteer knows one of the names in it."""
    if text.lower().startswith(_AGENCY_HEADS):
        return True
    from .agencies import match_agency  # the gazetteer: loaded only for header-less tables
    from .lists import split_agencies

    # the first names decide; a cell's head is enough (a 400 KB cell of names must not be split whole per probe)
    return any(match_agency(part).name is not None for part in split_agencies(text[:LOOK_CHARS])[:3])


_FITS = (("stt", _numeral), ("deadline", _looks_deadline), ("lead", _looks_agency), ("partners", _looks_agency))


def _section_like(row: Sequence[Cell | None]) -> bool:
    texts = [c.text for c in dict.fromkeys(c for c in row if c is not None and c.text.strip())]
    return bool(texts) and len(texts) <= 2 and is_roman(texts[0].split()[0] if texts[0].split() else "")
