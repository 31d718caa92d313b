"""The output contract (SPEC §2, schema_version "1.1"; documents of 1.0 still validate).

These pydantic models *are* the contract: `schemas/plan.schema.json` is generated from
them, and every field's description names the Vietnamese column or notion it carries.
"""

# No `from __future__ import annotations` here: with real annotation objects pydantic has no
# strings to evaluate when it builds the 17 models (a cold start pays for every model built).
import os
import sys
import types
from typing import Any, Literal


def _skip_plugin_loader() -> None:
    """With pydantic plugins disabled (the CLI disables them), keep pydantic from importing its
    plugin loader: that module imports `importlib.metadata` and with it `email.*` and zipfile
    (~10 ms of a cold start) only to look for entry points it is told to ignore. The stand-in
    answers "no plugins", which is what the real loader answers then."""
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") not in ("__all__", "1", "true"):
        return
    if "pydantic.plugin._loader" in sys.modules:
        return
    stub = types.ModuleType(
        "pydantic.plugin._loader", "No pydantic plugins (PYDANTIC_DISABLE_PLUGINS); see kehoach_parse.model."
    )
    stub.__dict__.update(_plugins=None, get_plugins=lambda: ())
    sys.modules["pydantic.plugin._loader"] = stub


_skip_plugin_loader()

from pydantic import BaseModel, ConfigDict, Field  # noqa: E402

SCHEMA_VERSION: Literal["1.0", "1.1"] = "1.1"

Area = Literal[
    "chi_dao_dieu_hanh",
    "the_che",
    "thu_tuc_hanh_chinh",
    "to_chuc_bo_may",
    "cong_vu",
    "tai_chinh_cong",
    "chinh_quyen_so",
    "other",
]
AgencyKind = Literal["department", "office", "committee", "group", "other"]
DeadlineKind = Literal[
    "date", "month", "quarter", "half_year", "year", "range", "recurring", "event", "multiple", "unspecified"
]
Recurrence = Literal["continuous", "monthly", "quarterly", "yearly"]
Severity = Literal["error", "warning", "info"]
RepairMethod = Literal["ocr", "diacritics", "fuzzy"]
SourceFormat = Literal["pdf", "docx", "text", "image"]
SourceKind = Literal["digital", "scanned", "ocr_text", "text_export"]
PageRoute = Literal["digital", "scanned", "decoded", "ocr_text", "text_export"]
from .vietnamese.encodings import Encoding  # noqa: E402  (one definition, next to the codecs)


class _Model(BaseModel):
    # inf/nan written as `json.dumps` writes them (Infinity, NaN), so `export.json_bytes` can let
    # pydantic-core write the JSON; only serialization changes, the schema does not
    model_config = ConfigDict(extra="forbid", ser_json_inf_nan="constants")

    def model_post_init(self, context: Any, /) -> None:
        """Share one `fields_set` per class among instances built with every field.

        pydantic gives each instance its own set of the field names it was given: 1.7 KB of each
        record's 4 KB. When every field was given the set is the class's whole field list, and
        the only change pydantic makes to it (adding a field name on assignment) is then a no-op,
        so one set per class serves them all; a copy (`model_copy`) still gets its own.
        """
        fields_set = self.__pydantic_fields_set__
        full = _FULL_FIELDS.get(type(self))
        if full is None:
            full = _FULL_FIELDS[type(self)] = set(type(self).model_fields)
        if len(fields_set) == len(full) and fields_set is not full:
            object.__setattr__(self, "__pydantic_fields_set__", full)


_FULL_FIELDS: dict[type[BaseModel], set[str]] = {}


# Default factories are Python functions, not `list`/`dict`/a model class: pydantic reads each
# factory's signature when it builds a model, and for a builtin that means parsing its text
# signature with `tokenize` (a large regex compiled at start, ~5 ms of a cold start).
def _new_list() -> list[Any]:
    return []


def _new_dict() -> dict[str, Any]:
    return {}


class Repair(_Model):
    """One change made by the repair stage, so every repaired value can be explained."""

    field: str = Field(description="Đường dẫn trường bị sửa, ví dụ 'activity.text', 'lead[0].text', 'metadata.title'.")
    before: str = Field(description="Giá trị trước khi sửa (as read from the source).")
    after: str = Field(description="Giá trị sau khi sửa.")
    method: RepairMethod = Field(
        description="ocr: OCR confusion fixed; diacritics: dấu thanh/dấu phụ restored; "
        "fuzzy: matched to a canonical name. A cell of a guessed grid (OCR'd text) cut to the agencies "
        "or time phrase it names is an 'ocr' repair of the whole field ('lead', 'deadline.text'), "
        "its before holding the neighbours' words too."
    )


class Item(_Model):
    """A numbered hierarchy cell (Mục tiêu / Nhiệm vụ / Hoạt động) split into number, label and text."""

    number: str | None = Field(default=None, description="Số thứ tự in trong ô, ví dụ '2.3'.")
    label: str | None = Field(
        default=None, description="Nhãn như in trong ô, ví dụ 'Nhiệm vụ 3' (kept as printed so numbering slips show)."
    )
    text: str = Field(description="Nội dung của ô, không kèm số và nhãn.")


class _Shared(_Model):
    """A value that many records may hold as one object (the same agency or deadline text is
    read once per document), so it cannot be changed in place: use `model_copy(update=...)`."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Agency(_Shared):
    """One agency named in Cơ quan chủ trì / Cơ quan phối hợp."""

    text: str = Field(description="Tên cơ quan như viết trong văn bản (sau sửa lỗi).")
    name: str | None = Field(default=None, description="Tên đầy đủ chuẩn hoá (canonical), null khi không nhận ra.")
    kind: AgencyKind = Field(
        default="other",
        description="department: Sở/Ban ngành; office: Văn phòng, Phòng, Trung tâm…; committee: UBND, Hội đồng; "
        "group: nhóm cơ quan ('Các sở, ban, ngành'); other.",
    )
    score: float | None = Field(default=None, description="Điểm khớp mờ 0..100 với tên chuẩn, null khi không khớp.")
    current_name: str | None = Field(
        default=None, description="Cơ quan đảm nhận nhiệm vụ sau sắp xếp năm 2025 (Nghị định 45/2025/NĐ-CP), nếu khác."
    )


class Deadline(_Shared):
    """Thời gian hoàn thành / thực hiện, read into dates."""

    text: str = Field(description="Cụm thời gian như in trong văn bản.")
    kind: DeadlineKind = Field(description="Loại mốc thời gian.")
    start: str | None = Field(default=None, description="Ngày bắt đầu (ISO YYYY-MM-DD), null khi không xác định.")
    end: str | None = Field(
        default=None, description="Ngày kết thúc / hạn chót (ISO YYYY-MM-DD), null khi không xác định."
    )
    recurrence: Recurrence | None = Field(
        default=None, description="Lặp lại: continuous (thường xuyên), monthly, quarterly, yearly."
    )
    parts: list["Deadline"] = Field(
        default_factory=_new_list, description="Các mốc thành phần, chỉ khi kind = 'multiple'."
    )


class Budget(_Model):
    """Kinh phí (triệu đồng)."""

    text: str = Field(description="Nội dung ô Kinh phí như in.")
    amount_million_vnd: float | None = Field(default=None, description="Số tiền (triệu đồng), null khi không phải số.")


class Section(_Model):
    """A content area of the appendix (the Roman-numbered section rows)."""

    number: str = Field(description="Số La Mã của mục, ví dụ 'II'.")
    title: str = Field(description="Tiêu đề mục như in, ví dụ 'Cải cách thủ tục hành chính'.")
    area: Area = Field(description="Lĩnh vực CCHC theo Nghị quyết 76/NQ-CP.")


class Provenance(_Model):
    """Where in the source a record came from."""

    page: int | None = Field(default=None, description="Trang (1-based) where known.")
    line: int | None = Field(default=None, description="Dòng (1-based) in a text source where the row starts.")
    table: int | None = Field(
        description="Chỉ số bảng (0-based) among the document's tables; null for tasks listed in the body text."
    )
    rows: list[int] = Field(description="Chỉ số các hàng của bảng (0-based) merged into this record.")
    confidence: float = Field(ge=0.0, le=1.0, description="Độ tin cậy 0..1 of the table reconstruction.")
    bbox: tuple[float, float, float, float] | None = Field(
        default=None, description="Khung của hàng trên trang [x0, y0, x1, y1] in PDF points, where known (1.1)."
    )
    field_confidence: dict[str, float] = Field(
        default_factory=_new_dict,
        description="Độ tin cậy 0..1 of fields read by OCR or guessed from OCR text, by field name (1.1).",
    )


class PlanRecord(_Model):
    """One activity row of the appendix (one task row where the table has no activity column)."""

    id: str = Field(description="Mã ổn định trong văn bản: số mục . thứ tự trong mục, ví dụ 'II.7'.")
    seq: int = Field(ge=1, description="Thứ tự (1-based) trong văn bản.")
    stt: str | None = Field(default=None, description="Cột STT như in.")
    section: Section = Field(description="Mục (lĩnh vực CCHC) chứa hoạt động.")
    objective: Item | None = Field(default=None, description="Cột Mục tiêu.")
    task: Item | None = Field(default=None, description="Cột Nhiệm vụ.")
    activity: Item | None = Field(default=None, description="Cột Hoạt động.")
    outputs: list[str] = Field(default_factory=_new_list, description="Cột Sản phẩm / Kết quả, tách thành từng mục.")
    lead: list[Agency] = Field(default_factory=_new_list, description="Cột Cơ quan / Đơn vị chủ trì.")
    partners: list[Agency] = Field(default_factory=_new_list, description="Cột Cơ quan / Đơn vị phối hợp.")
    deadline: Deadline | None = Field(default=None, description="Cột Thời gian hoàn thành / thực hiện.")
    budget: Budget | None = Field(default=None, description="Cột Kinh phí (triệu đồng).")
    notes: str | None = Field(default=None, description="Cột Ghi chú.")
    extra: dict[str, str] = Field(
        default_factory=_new_dict,
        description="Các cột không có vai trò đã biết (ví dụ 'Theo dõi, kiểm tra, đôn đốc'), theo tiêu đề cột như in "
        "(1.1): nothing in the table is dropped.",
    )
    provenance: Provenance = Field(description="Vị trí trong văn bản nguồn.")
    repairs: list[Repair] = Field(default_factory=_new_list, description="Các sửa đổi đã áp dụng cho bản ghi này.")


class Period(_Model):
    """Giai đoạn / năm kế hoạch."""

    start_year: int = Field(description="Năm bắt đầu.")
    end_year: int = Field(description="Năm kết thúc (bằng start_year với kế hoạch một năm).")


class Signer(_Model):
    """Người ký."""

    name: str = Field(description="Họ tên người ký.")
    title: str | None = Field(default=None, description="Chức vụ người ký, ví dụ 'CHỦ TỊCH', 'PHÓ GIÁM ĐỐC'.")
    on_behalf_of: str | None = Field(
        default=None, description="Thẩm quyền ký thay / thay mặt, ví dụ 'TM. ỦY BAN NHÂN DÂN', 'KT. GIÁM ĐỐC'."
    )


class Metadata(_Model):
    """What a collector needs to know about the plan: which province, which plan, when, who signed."""

    title: str | None = Field(default=None, description="Tên kế hoạch (trích yếu).")
    number: str | None = Field(
        default=None, description="Số ký hiệu, ví dụ '201/KH-UBND'; null khi để trống như 'Số: /KH-UBND'."
    )
    symbol: str | None = Field(default=None, description="Ký hiệu văn bản, ví dụ 'KH-UBND'.")
    issuer: str | None = Field(default=None, description="Cơ quan ban hành, ví dụ 'UBND tỉnh Bắc Giang'.")
    province: str | None = Field(default=None, description="Tỉnh như văn bản ghi, ví dụ 'Bắc Giang'.")
    province_current: str | None = Field(
        default=None, description="Tỉnh hiện nay sau sáp nhập ngày 1/7/2025, ví dụ 'Bắc Ninh' cho Bắc Giang."
    )
    issued_date: str | None = Field(
        default=None, description="Ngày ban hành: 'YYYY-MM-DD', hoặc 'YYYY-MM' / 'YYYY' khi văn bản không ghi đủ."
    )
    issued_place: str | None = Field(default=None, description="Địa danh ban hành, ví dụ 'Bắc Giang'.")
    period: Period | None = Field(default=None, description="Giai đoạn / năm kế hoạch.")
    signer: Signer | None = Field(default=None, description="Người ký.")
    legal_basis: list[str] = Field(
        default_factory=_new_list, description="Căn cứ pháp lý, ví dụ 'Nghị quyết số 76/NQ-CP ngày 15/7/2021'."
    )


def _new_metadata() -> Metadata:
    return Metadata()


class Source(_Model):
    """The input file, as given."""

    path: str = Field(description="Đường dẫn như trên dòng lệnh.")
    sha256: str = Field(description="SHA-256 of the file's bytes.")
    format: SourceFormat = Field(description="Định dạng, xác định theo nội dung (not the extension).")
    kind: SourceKind = Field(description="digital, scanned, ocr_text or text_export.")
    pages: int | None = Field(default=None, description="Số trang where the format knows pages.")
    loader: str = Field(description="Bộ đọc đã dùng, ví dụ 'text.tsv'.")
    encoding: Encoding = Field(default="unicode", description="Bảng mã gốc của văn bản (decoded to Unicode NFC).")
    page_routes: list[PageRoute] = Field(
        default_factory=_new_list,
        description="Cách đọc từng trang (1.1): digital text layer, scanned (OCR), decoded (broken font map "
        "recovered), ocr_text or text_export; kind is the majority.",
    )


class Location(_Model):
    """Where a finding points in the source."""

    page: int | None = None
    line: int | None = None
    row: int | None = None


def _new_location() -> Location:
    return Location()


class Finding(_Model):
    """A validation or processing observation."""

    code: str = Field(pattern=r"^[EWI]_[A-Z0-9_]+$", description="Mã: E_… lỗi, W_… cảnh báo, I_… thông tin.")
    severity: Severity = Field(description="Mức độ.")
    message: str = Field(description="Thông báo (tiếng Việt).")
    record_id: str | None = Field(default=None, description="Bản ghi liên quan, nếu có.")
    field: str | None = Field(default=None, description="Trường liên quan, nếu có.")
    location: Location = Field(default_factory=_new_location, description="Vị trí trong nguồn.")


class PlanDocument(_Model):
    """A parsed CCHC plan: source, metadata, the appendix's records, repairs and findings."""

    schema_version: Literal["1.0", "1.1"] = Field(
        default=SCHEMA_VERSION, description="Phiên bản lược đồ (this program writes 1.1 and reads 1.0 too)."
    )
    generator: str = Field(description="Chương trình tạo ra tệp, 'kehoach-parse X.Y.Z'.")
    source: Source
    metadata: Metadata = Field(default_factory=_new_metadata)
    records: list[PlanRecord] = Field(default_factory=_new_list, description="Các hoạt động của phụ lục kế hoạch.")
    repairs: list[Repair] = Field(default_factory=_new_list, description="Các sửa đổi ở metadata và phần thân văn bản.")
    findings: list[Finding] = Field(default_factory=_new_list, description="Các phát hiện khi kiểm tra.")
