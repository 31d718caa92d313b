"""Tasks listed in the body instead of a table (SPEC §1 "Tables", last sentence).

Many plans list their tasks as numbered items or bullets, each item or group of items
closed by lines such as `- Đơn vị chủ trì: Sở Nội vụ.`, `- Phối hợp: các sở, ngành.`,
`- Thời gian thực hiện: Quý II/2025.` (or the same inline: `(chủ trì: …; thời gian: …)`).
Each item becomes a record; a group's closing lines apply to every item of the group.
Items at two levels (`1.` with `-` bullets under it) give task + activity.

The items are laid out as a synthetic table (one row per item, section rows for the body's
area headings) and go through the same record builder as any table, so lists, agencies,
deadlines and repairs behave exactly as they do for table cells.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..model import PlanRecord
from ..source import Cell, Paragraph, Row, Table
from .agencies import Gazetteer
from .areas import area_of_title
from .columns import ColumnMap, is_role_label
from .records import TableState, build_records
from .text import squash

_COLUMNS = ("stt", "task", "activity", "outputs", "lead", "partners", "deadline", "budget", "notes")
_CLOSING = {"lead", "partners", "agencies", "deadline", "outputs", "budget", "notes"}
_NEEDED = {"lead", "partners", "agencies", "deadline"}  # a closing block names at least one of these
_CONFIDENCE = 0.8  # the structure is read from layout conventions, not from a grid

_MARKER = re.compile(
    r"^\s*(?:(?P<num>\d{1,2}(?:\.\d{1,2}){0,3})\s*[.)]|(?P<letter>[a-zđ])\s*\)|(?P<bullet>[-+•–*]))\s+"
)
_ROLE = re.compile(r"(?:^|(?<=[(;.])|(?<=\s-)|(?<=\s–))\s*[-+•–]?\s*(?P<title>[^:;.()\n]{2,45}?)\s*:\s*")
_HEADING = re.compile(r"^(?P<num>[IVXL]+|\d{1,2}|[a-zđ])\s*[.)]\s*(?P<title>\S.{2,150})$")
_ROMAN_HEADING = re.compile(r"^[IVXL]+\s*[.)]\s+\S")


@dataclass
class _Item:
    kind: str  # "num", "letter" or "bullet": the marker's kind, its level in the list
    number: str | None
    text: str
    line: int | None
    page: int | None
    roles: dict[str, str] = field(default_factory=dict)  # its own closing values, inline or below it


def _role_segments(text: str) -> tuple[str, dict[str, str]]:
    """Split `text` into what precedes its role segments and the segments ({role: value})."""
    hits = []
    for m in _ROLE.finditer(text):
        role = is_role_label(m.group("title"))
        if role in _CLOSING:
            hits.append((m, "lead" if role == "agencies" else role))
    if not hits:
        return text, {}
    roles: dict[str, str] = {}
    for i, (m, role) in enumerate(hits):
        end = hits[i + 1][0].start() if i + 1 < len(hits) else len(text)
        value = text[m.end() : end].strip(" \t;.,)")
        roles[role] = f"{roles[role]}; {value}" if role in roles and value else value or roles.get(role, "")
    return text[: hits[0][0].start()].rstrip(" \t(;,-–"), roles


def _closing(text: str) -> dict[str, str] | None:
    """The roles of a closing line (`- Đơn vị chủ trì: …`), or None when it is not one."""
    head, roles = _role_segments(text)
    if not roles or head.strip(" -+•–*"):
        return None
    return roles


def body_task_records(
    paragraphs: Sequence[Paragraph], period: tuple[int, int] | None, gazetteer: Gazetteer | None
) -> list[PlanRecord]:
    rows: list[Row] = []
    numbers: dict[int, tuple[str | None, str | None]] = {}  # row -> (task number, activity number) as printed
    group: list[_Item] = []
    pending: dict[str, str] = {}

    def emit(items: list[_Item]) -> None:
        for task, activity, own in _levels(items):
            numbers[len(rows)] = (task.number if task else None, activity.number if activity else None)
            rows.append(_row(task, activity, own))

    def flush() -> None:
        if _NEEDED & pending.keys():
            for item in group:
                for role, value in pending.items():
                    item.roles.setdefault(role, value)  # the group's closing values; an item's own win
            emit(group)
        group.clear()
        pending.clear()

    for p in paragraphs:
        text = squash(p.text)
        if not text:
            continue
        roles = _closing(text)
        if roles is not None:
            if group:
                pending.update({k: v for k, v in roles.items() if k not in pending})
            continue
        if pending:
            flush()
        heading = _HEADING.match(text)
        if heading and len(text) < 160 and area_of_title(heading.group("title")) is not None:
            group.clear()
            rows.append(Row(cells=[Cell(heading.group("num"), 0), Cell(heading.group("title"), 1)], line=p.line))
            continue
        if _ROMAN_HEADING.match(text) or (text.isupper() and len(text.split()) >= 2):
            group.clear()  # a heading of the body: a list above it has ended
            continue
        m = _MARKER.match(text)
        if m is not None:
            kind = "num" if m.group("num") else "letter" if m.group("letter") else "bullet"
            rest, inline = _role_segments(text[m.end() :])
            item = _Item(kind, m.group("num") or m.group("letter"), rest, p.line, p.page, inline)
            if inline and _NEEDED & inline.keys():  # closed on its own line: "(chủ trì: …; thời gian: …)"
                emit([*[g for g in group if g.kind != kind][-1:], item])
            else:
                group.append(item)
        elif group:
            group[-1].text = f"{group[-1].text} {text}"  # a wrapped or continued item
    flush()
    if not numbers:
        return []
    table = Table(rows=rows, n_cols=len(_COLUMNS), spans_known=True, confidence=_CONFIDENCE)
    cmap = ColumnMap(roles={role: i for i, role in enumerate(_COLUMNS)}, header_rows=[])
    records = build_records(table, cmap, period, 1, gazetteer, TableState())
    for rec in records:
        task_no, activity_no = numbers.get(rec.provenance.rows[0], (None, None))
        for it, number in ((rec.task, task_no), (rec.activity, activity_no)):
            if it is not None and number is not None:
                it.number = number
        rec.provenance.table = None
        rec.provenance.rows = []
    return records


def _levels(items: list[_Item]) -> list[tuple[_Item | None, _Item | None, _Item]]:
    """(task, activity, item giving the values) per record: with two marker kinds the first is the task level."""
    kinds = list(dict.fromkeys(i.kind for i in items))
    if len(kinds) < 2:
        return [(item, None, item) for item in items]
    out: list[tuple[_Item | None, _Item | None, _Item]] = []
    task: _Item | None = None
    for i, item in enumerate(items):
        if item.kind == kinds[0]:
            task = item
            if i + 1 == len(items) or items[i + 1].kind == kinds[0]:
                out.append((item, None, item))  # an upper item with nothing under it is its own record
        else:
            if task is not None:
                for role, value in task.roles.items():
                    item.roles.setdefault(role, value)
            out.append((task, item, item))
    return out


def _row(task: _Item | None, activity: _Item | None, own: _Item) -> Row:
    values = {
        "task": task.text.rstrip(":") if task else "",
        "activity": activity.text.rstrip(":") if activity else "",
        **{role: own.roles.get(role, "") for role in ("outputs", "lead", "partners", "deadline", "budget", "notes")},
    }
    cells = [Cell(values[role], i, line=own.line) for i, role in enumerate(_COLUMNS) if role != "stt" and values[role]]
    return Row(cells=cells, line=own.line, page=own.page)
