"""PlanDocuments -> one self-contained HTML review page (records beside their source crops).

Everything a person or a file wrote is escaped with `html.escape` here and nowhere is it put
into the script: the page's data lives in the markup only, so a `<script>` in a cell stays text.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..model import Agency, Deadline, Finding, Item, PlanDocument, PlanRecord, Repair
from .crops import Crop, PlanCrops
from .template import CSP, CSS, JS

SEVERITY_VI = {"error": "Lỗi", "warning": "Cảnh báo", "info": "Thông tin"}
SEVERITIES = ("error", "warning", "info")
AREA_VI = {
    "chi_dao_dieu_hanh": "Chỉ đạo, điều hành", "the_che": "Cải cách thể chế",
    "thu_tuc_hanh_chinh": "Cải cách TTHC", "to_chuc_bo_may": "Tổ chức bộ máy", "cong_vu": "Chế độ công vụ",
    "tai_chinh_cong": "Tài chính công", "chinh_quyen_so": "Chính quyền điện tử, số", "other": "Khác",
}  # fmt: skip
DEADLINE_VI = {
    "date": "ngày", "month": "tháng", "quarter": "quý", "half_year": "nửa năm", "year": "năm", "range": "khoảng",
    "recurring": "định kỳ", "event": "theo sự kiện", "multiple": "nhiều mốc", "unspecified": "chưa xác định",
}  # fmt: skip
RECURRENCE_VI = {"continuous": "thường xuyên", "monthly": "hằng tháng", "quarterly": "hằng quý", "yearly": "hằng năm"}
AGENCY_KIND_VI = {
    "department": "sở, ngành", "office": "văn phòng, phòng", "committee": "UBND, hội đồng", "group": "nhóm cơ quan",
    "other": "khác",
}  # fmt: skip
METHOD_VI = {"ocr": "sửa lỗi OCR", "diacritics": "khôi phục dấu", "fuzzy": "khớp tên chuẩn"}
# field roots of findings/repairs -> the row of the record table that shows them
FIELD_ROWS = (
    ("objective", "Mục tiêu"), ("task", "Nhiệm vụ"), ("activity", "Hoạt động"), ("outputs", "Sản phẩm"),
    ("lead", "Chủ trì"), ("partners", "Phối hợp"), ("deadline", "Thời gian"), ("budget", "Kinh phí"),
    ("notes", "Ghi chú"),
)  # fmt: skip


def e(value: object) -> str:
    """Escape any text for HTML content and attribute values."""
    return html.escape("" if value is None else str(value), quote=True)


@dataclass(slots=True)
class ReportPlan:
    """One plan on the page: the document, how it was given, and its crops (or why there are none)."""

    plan: PlanDocument
    given: str
    crops: PlanCrops = field(default_factory=PlanCrops)


def field_root(path: str | None) -> str | None:
    """'lead[0].text' -> 'lead', 'activity.number' -> 'activity'."""
    if not path:
        return None
    return path.split(".", 1)[0].split("[", 1)[0]


def _worst(severities: Iterable[str]) -> str | None:
    present = set(severities)
    return next((s for s in SEVERITIES if s in present), None)


def _item(item: Item | None) -> str:
    if item is None:
        return ""
    prefix = " ".join(e(x) for x in (item.number, item.label) if x)
    head = f'<span class="num">{prefix}</span> ' if prefix else ""
    return head + e(item.text)


def _agency(a: Agency) -> str:
    name = a.name or a.text
    tip = [f"Viết trong văn bản: {a.text}"]
    if a.name:
        tip.append(f"Tên chuẩn: {a.name}")
    if a.current_name:
        tip.append(f"Từ 7/2025: {a.current_name}")
    if a.score is not None:
        tip.append(f"Điểm khớp: {a.score:g}")
    kind = AGENCY_KIND_VI.get(a.kind, a.kind)
    out = f'<li title="{e("; ".join(tip))}">{e(name)} <span class="kind">({e(kind)})</span>'
    if a.name and a.name != a.text:
        out += f' <span class="kind">— viết: «{e(a.text)}»</span>'
    if a.current_name:
        out += f' <span class="succ">→ từ 2025: {e(a.current_name)}</span>'
    return out + "</li>"


def _list(values: Sequence[str]) -> str:
    return "<ul>" + "".join(f"<li>{e(v)}</li>" for v in values) + "</ul>" if values else ""


def _deadline(dl: Deadline | None) -> str:
    if dl is None:
        return ""
    kind = DEADLINE_VI.get(dl.kind, dl.kind)
    if dl.recurrence:
        kind += ", " + RECURRENCE_VI.get(dl.recurrence, dl.recurrence)
    bits = [e(dl.text), f'<span class="kind">({e(kind)})</span>']
    if dl.start or dl.end:
        bits.append(f'<span class="dates">{e(dl.start or "…")} → {e(dl.end or "…")}</span>')
    out = " ".join(bits)
    if dl.parts:
        out += "<ul>" + "".join(f"<li>{_deadline(p)}</li>" for p in dl.parts) + "</ul>"
    return out


def _findings(findings: Sequence[Finding]) -> str:
    if not findings:
        return ""
    rows = []
    for f in findings:
        where = f' <span class="kind">[{e(f.field)}]</span>' if f.field else ""
        page = f' <span class="kind">trang {e(f.location.page)}</span>' if f.location.page else ""
        rows.append(
            f'<li class="finding s-{e(f.severity)}" data-sev="{e(f.severity)}"><b>{e(SEVERITY_VI.get(f.severity))}</b> '
            f"<code>{e(f.code)}</code> {e(f.message)}{where}{page}</li>"
        )
    return '<ul class="findings">' + "".join(rows) + "</ul>"


def _marked(before: str, after: str) -> tuple[str, str]:
    """Both texts escaped, the words that differ wrapped in <del>/<ins> (a long cell's one fixed word shows)."""
    from difflib import SequenceMatcher

    a, b = before.split(" "), after.split(" ")
    old, new = [], []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        left, right = e(" ".join(a[i1:i2])), e(" ".join(b[j1:j2]))
        if op == "equal":
            old.append(left)
            new.append(right)
        else:
            if left:
                old.append(f"<del>{left}</del>")
            if right:
                new.append(f"<ins>{right}</ins>")
    return " ".join(old), " ".join(new)


def _repairs(repairs: Sequence[Repair]) -> str:
    if not repairs:
        return ""
    rows = "".join(
        f'<tr><td class="kind">{e(r.field)}</td><td class="before">{old}</td><td>→</td>'
        f'<td class="after">{new}</td><td class="method">{e(METHOD_VI.get(r.method, r.method))}</td></tr>'
        for r in repairs
        for old, new in [_marked(r.before, r.after)]
    )
    return f'<table class="repairs"><caption class="kind">Sửa lỗi (trước → sau)</caption>{rows}</table>'


def record_html(plan_no: int, rec: PlanRecord, findings: Sequence[Finding], crop: Crop | None) -> str:
    """One record as an <article>: its fields, findings, repairs, provenance and source crop."""
    by_root: dict[str, list[str]] = {}
    for f in findings:
        root = field_root(f.field)
        if root:
            by_root.setdefault(root, []).append(f.severity)
    values = {
        "objective": _item(rec.objective), "task": _item(rec.task), "activity": _item(rec.activity),
        "outputs": _list(rec.outputs), "lead": "<ul>" + "".join(map(_agency, rec.lead)) + "</ul>" if rec.lead else "",
        "partners": "<ul>" + "".join(map(_agency, rec.partners)) + "</ul>" if rec.partners else "",
        "deadline": _deadline(rec.deadline), "notes": e(rec.notes) if rec.notes else "",
        "budget": "" if rec.budget is None else e(rec.budget.text) + (
            f' <span class="kind">({rec.budget.amount_million_vnd:g} triệu đồng)</span>'
            if rec.budget.amount_million_vnd is not None else ""),
    }  # fmt: skip
    rows = []
    for key, label in FIELD_ROWS:
        worst = _worst(by_root.get(key, ()))
        if not values[key] and worst is None:
            continue
        cls = f' class="f-{worst}"' if worst else ""
        rows.append(f'<tr{cls} data-field="{key}"><th>{label}</th><td>{values[key] or "—"}</td></tr>')
    for name, value in rec.extra.items():
        rows.append(f'<tr class="extra" data-field="extra"><th>{e(name)}</th><td>{e(value)}</td></tr>')
    prov = rec.provenance
    bits = []
    if prov.page:
        bits.append(f"trang {prov.page}")
    if prov.line:
        bits.append(f"dòng {prov.line}")
    if prov.table is not None:
        bits.append(f"bảng {prov.table + 1}")
    if prov.rows:
        bits.append("hàng " + ", ".join(str(r + 1) for r in prov.rows))
    bits.append(f"độ tin cậy {prov.confidence:.2f}")
    if prov.field_confidence:
        bits.append("OCR: " + ", ".join(f"{k} {v:.2f}" for k, v in sorted(prov.field_confidence.items())))
    sevs: list[str] = sorted({f.severity for f in findings}, key=SEVERITIES.index) or ["none"]
    counts: Counter[str] = Counter(f.severity for f in findings)
    badges = " ".join(
        f'<span class="badge b-{s}">{counts[s]} {SEVERITY_VI[s].lower()}</span>' for s in SEVERITIES if counts[s]
    )
    sec = rec.section
    figure = ""
    if crop is not None:
        figure = (
            f'<figure class="crop"><img class="crop-img" src="{crop.uri}" width="{crop.width}" height="{crop.height}" '
            f'alt="Ảnh cắt trang {crop.page} của hoạt động {e(rec.id)}">'
            f"<figcaption>Bản gốc, trang {crop.page}</figcaption></figure>"
        )
    return (
        f'<article class="rec" id="p{plan_no}-{e(rec.id)}" data-record="{e(rec.id)}" data-sev="{" ".join(sevs)}">'
        f'<h3><span class="rid">{e(rec.id)}</span><span class="sec">Mục {e(sec.number)}. {e(sec.title)} · '
        f"{e(AREA_VI.get(sec.area, sec.area))}</span>"
        + (f'<span class="stt">STT {e(rec.stt)}</span>' if rec.stt else "")
        + f"{badges}</h3>"
        f'<div class="rbody{"" if figure else " nocrop"}"><div class="fields"><table class="kv">{"".join(rows)}</table>'
        f"{_findings(findings)}{_repairs(rec.repairs)}"
        f'<p class="prov">Nguồn: {e(" · ".join(bits))}</p></div>{figure}</div></article>'
    )


def _metadata(rp: ReportPlan) -> str:
    p, md = rp.plan, rp.plan.metadata
    src = p.source
    province = md.province or ""
    if md.province_current and md.province_current != md.province:
        province += f" (từ 7/2025: {md.province_current})"
    period = ""
    if md.period:
        period = str(md.period.start_year)
        if md.period.end_year != md.period.start_year:
            period += f"–{md.period.end_year}"
    signer = ""
    if md.signer:
        signer = ", ".join(x for x in (md.signer.on_behalf_of, md.signer.title, md.signer.name) if x)
    pages = f", {src.pages} trang" if src.pages else ""
    items = [
        ("Tệp", rp.given if rp.given == src.path else f"{rp.given} (nguồn: {src.path})"),
        ("Định dạng", f"{src.format} / {src.kind}{pages}, bộ đọc {src.loader}, bảng mã {src.encoding}"),
        ("Số hiệu", md.number), ("Cơ quan ban hành", md.issuer), ("Tỉnh", province),
        ("Ngày ban hành", md.issued_date), ("Nơi ban hành", md.issued_place), ("Giai đoạn", period),
        ("Người ký", signer), ("Căn cứ", "; ".join(md.legal_basis)), ("SHA-256", src.sha256[:16] + "…"),
    ]  # fmt: skip
    return '<dl class="meta">' + "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in items if v) + "</dl>"


def plan_html(plan_no: int, rp: ReportPlan) -> str:
    p = rp.plan
    by_record: dict[str, list[Finding]] = {}
    general: list[Finding] = []
    for f in p.findings:
        (by_record.setdefault(f.record_id, []) if f.record_id else general).append(f)
    counts: Counter[str] = Counter(f.severity for f in p.findings)
    summary = f"{len(p.records)} hoạt động · " + " · ".join(f"{counts[s]} {SEVERITY_VI[s].lower()}" for s in SEVERITIES)
    parts = [
        f'<section class="plan" id="plan-{plan_no}" data-records="{len(p.records)}">',
        f"<h2>{e(p.metadata.title or p.source.path)}</h2>",
        f'<p class="kind">{e(summary)}</p>',
        _metadata(rp),
    ]
    if rp.crops.note:
        parts.append(f'<p class="note">{e(rp.crops.note)}</p>')
    if general:
        head = f"Phát hiện chung của kế hoạch ({len(general)})"
        parts.append(f"<details open><summary>{head}</summary>{_findings(general)}</details>")
    if p.repairs:
        head = f"Sửa lỗi ngoài bảng ({len(p.repairs)})"
        parts.append(f"<details><summary>{head}</summary>{_repairs(p.repairs)}</details>")
    if not p.records:
        parts.append('<p class="note">Kế hoạch không có hoạt động nào.</p>')
    parts.extend(record_html(plan_no, r, by_record.get(r.id, []), rp.crops.by_record.get(r.id)) for r in p.records)
    parts.append('<p class="empty note" hidden>Không có hoạt động nào khớp bộ lọc.</p></section>')
    return "".join(parts)


def report_html(plans: Sequence[ReportPlan], generator: str) -> str:
    """The whole page for one plan or a batch."""
    total = sum(len(rp.plan.records) for rp in plans)
    sev_counts: Counter[str] = Counter()
    for rp in plans:
        by_record: dict[str, set[str]] = {}
        for f in rp.plan.findings:
            if f.record_id:
                by_record.setdefault(f.record_id, set()).add(f.severity)
        for rec in rp.plan.records:
            sev_counts.update(by_record.get(rec.id) or {"none"})
    title = plans[0].plan.metadata.title or plans[0].plan.source.path if len(plans) == 1 else f"{len(plans)} kế hoạch"
    boxes = "".join(
        f'<label class="b-{s}"><input type="checkbox" name="sev" value="{s}" checked> {label} ({sev_counts[s]})</label>'
        for s, label in (*SEVERITY_VI.items(), ("none", "Không có phát hiện"))
    )
    toc = ""
    if len(plans) > 1:
        toc = (
            '<nav class="toc"><ol>'
            + "".join(
                f'<li><a href="#plan-{i}">{e(rp.plan.metadata.title or rp.plan.source.path)}</a> '
                f'<span class="kind">({e(rp.plan.source.path)}, {len(rp.plan.records)} hoạt động)</span></li>'
                for i, rp in enumerate(plans, 1)
            )
            + "</ol></nav>"
        )
    return (
        '<!doctype html>\n<html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        f'<meta name="generator" content="{e(generator)}">'
        f"<title>Rà soát: {e(title)}</title><style>{CSS}</style></head>\n<body>"
        '<header class="top"><h1>Báo cáo rà soát kế hoạch cải cách hành chính</h1>'
        f"<p>{len(plans)} kế hoạch · {total} hoạt động · tạo bởi {e(generator)}. "
        "Đối chiếu từng hoạt động với ảnh cắt từ bản gốc; màu: đỏ = lỗi, vàng = cảnh báo, xanh = thông tin.</p>"
        '<form id="filter" class="filter" role="search"><fieldset><legend>Mức độ</legend>'
        f"{boxes}</fieldset>"
        '<input type="search" id="q" name="q" placeholder="Tìm trong nội dung, cơ quan, mã phát hiện…" '
        'aria-label="Tìm kiếm">'
        f'<output id="shown" aria-live="polite">Hiển thị <b id="shown-count">{total}</b>/'
        f'<span id="total-count">{total}</span> hoạt động</output></form></header>\n'
        f"<main>{toc}" + "\n".join(plan_html(i, rp) for i, rp in enumerate(plans, 1)) + "</main>\n"
        f"<script>{JS}</script></body></html>\n"
    )
