"""The one registry of finding codes: severity, Vietnamese message template, what to do.

Every Finding is made through `finding()`, so a code missing here fails loudly (and a
test checks every code used in the source is registered). The README's table of codes
is rendered from this registry (`python -m kehoach_parse.findings`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .model import Finding, Location, Severity


@dataclass(frozen=True, slots=True)
class Code:
    severity: Severity
    message: str  # str.format template
    action: str  # what to do about it (English, for the README)


REGISTRY: dict[str, Code] = {
    "E_MISSING_LEAD": Code("error", "Hoạt động thiếu cơ quan chủ trì", "Fill in Cơ quan chủ trì for the row."),
    "W_MISSING_DEADLINE": Code("warning", "Hoạt động thiếu thời gian hoàn thành", "Give the row a deadline."),
    "W_MISSING_ACTIVITY": Code(
        "warning",
        "Hoạt động không có nội dung (mục tiêu, nhiệm vụ, hoạt động đều trống)",
        "Check the row in the source: its text is empty or was lost (a damaged scan or OCR text).",
    ),
    "W_UNPARSED_DEADLINE": Code(
        "warning", "Không hiểu được thời gian hoàn thành: «{text}»", "Write the deadline as e.g. 'Quý III/2025'."
    ),
    "W_DEADLINE_OUTSIDE_PERIOD": Code(
        "warning", "Thời gian «{text}» nằm ngoài giai đoạn kế hoạch {start}–{end}", "Check the year of the deadline."
    ),
    "W_NUMBERING_GAP": Code(
        "warning", "Đánh số {label} nhảy cóc: {number} sau {previous}", "Renumber the items consecutively."
    ),
    "W_NUMBERING_MISMATCH": Code(
        "warning", "Số thứ tự {number} không khớp với nhãn «{label}»", "Make the number and the label agree."
    ),
    "W_AREA_MISSING": Code(
        "warning",
        "Kế hoạch không có nội dung «{area}» của Nghị quyết 76/NQ-CP",
        "Add the missing CCHC area or explain its absence.",
    ),
    "W_DUPLICATE_ACTIVITY": Code(
        "warning", "Hoạt động trùng lặp với {other}", "Merge or remove the duplicated activity."
    ),
    "I_LEAD_IS_PARTNER": Code(
        "info", "Cơ quan chủ trì «{name}» cũng có tên trong cơ quan phối hợp", "Usually harmless."
    ),
    "I_UNKNOWN_AGENCY": Code(
        "info", "Không nhận ra cơ quan «{text}»", "Add the name to a gazetteer file (--gazetteer) if it is real."
    ),
    "W_BROKEN_TEXT": Code(
        "warning", "Văn bản vẫn còn lỗi dấu/OCR sau khi sửa: «{text}»", "Check the source or supply a better scan."
    ),
    "W_NO_TABLE": Code(
        "warning", "Không tìm thấy bảng kế hoạch (phụ lục) trong văn bản", "Supply the appendix table if there is one."
    ),
    "W_LOW_CONFIDENCE_TABLE": Code(
        "warning",
        "Bảng được dựng lại từ văn bản OCR, độ tin cậy thấp ({confidence:.2f})",
        "Review the records by hand.",
    ),
    "I_LEGACY_ENCODING": Code("info", "{message}", "Nothing: the text was decoded to Unicode."),
    "I_REPAIRED": Code("info", "Đã sửa {count} lỗi chính tả/dấu/OCR trong văn bản", "Review the repairs list."),
    "W_PDF_PAGES_SKIPPED": Code(
        "warning", "{message}", "Run with --ocr auto (and tesseract installed) to read the scanned pages."
    ),
    "I_LOADER": Code("info", "{message}", "Nothing to do."),
    "I_SECTION_INFERRED": Code(
        "info",
        "Số mục {number} («{title}») được suy ra từ thứ tự các mục, không đọc được trong văn bản",
        "Check the section number if it matters.",
    ),
    "W_COLUMNS_INFERRED": Code(
        "warning",
        "Không đọc được tiêu đề cột của bảng {table}; vai trò cột được suy ra từ nội dung ({roles})",
        "Check the column roles against the source; a clearer scan of the header row avoids it.",
    ),
    "W_LOW_CONFIDENCE_FIELD": Code(
        "warning",
        "Trường {field} đọc được với độ tin cậy thấp ({confidence:.2f}{why})",
        "Check the field against the source.",
    ),
    "W_OCR_DISAGREEMENT": Code(
        "warning",
        "Hai lần đọc ô khác nhau: «{first}» / «{second}»; giữ «{first}»",
        "Check the cell against the source.",
    ),
    "I_TEXT_LAYER_DECODED": Code("info", "{message}", "Nothing: the PDF text layer was decoded."),
    "W_TEXT_LAYER_DISCARDED": Code(
        "warning", "{message}", "Nothing to do unless the OCR'd text is wrong; a better PDF export avoids it."
    ),
}


def finding(
    code: str,
    *,
    record_id: str | None = None,
    field: str | None = None,
    page: int | None = None,
    line: int | None = None,
    row: int | None = None,
    **params: Any,
) -> Finding:
    spec = REGISTRY[code]
    return Finding(
        code=code,
        severity=spec.severity,
        message=spec.message.format(field=field, **params),  # a template may name the field
        record_id=record_id,
        field=field,
        location=Location(page=page, line=line, row=row),
    )


def markdown_table() -> str:
    lines = ["| code | severity | message | what to do |", "|---|---|---|---|"]
    for code, spec in REGISTRY.items():
        lines.append(f"| `{code}` | {spec.severity} | {spec.message} | {spec.action} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown_table())
