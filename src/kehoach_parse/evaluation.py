"""Record-level scoring of a parse against a reviewed expectation (samples/expected/README.md).

Expected records are paired with parsed records by a maximum-cardinality assignment
(Hungarian, written here so the package needs no scipy) over pairs that share a section
number and have similar accent-folded activity text, so one missed or extra record does not
shift every later comparison. Then each pair is compared field by field. Everything here is
pure except `load_expectation`, which reads one TOML file.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from rapidfuzz import fuzz
from unidecode import unidecode

FIELDS: tuple[str, ...] = (
    "section",
    "stt",
    "objective",
    "task",
    "activity",
    "outputs",
    "lead",
    "partners",
    "deadline",
    "budget",
    "notes",
    "extra",
)
METADATA_FIELDS: tuple[str, ...] = (
    "title",
    "number",
    "symbol",
    "issuer",
    "province",
    "province_current",
    "issued_date",
    "issued_place",
    "period",
    "signer",
    "legal_basis",
)
MISSING = "missing"  # a known failure "field": the parser does not produce the record at all
MATCH_THRESHOLD = 75.0  # rapidfuzz ratio (0..100) of the folded key texts for a pair to be allowed

DOCUMENT_KEYS = frozenset(
    {"sources", "eval_only", "set", "reviewed_by", "complete", "known_failure", "metadata_sources", "findings"}
)
RECORD_KEYS = frozenset({*FIELDS, "known_failure", "unreadable"})
ITEM_KEYS = frozenset({"number", "label", "text"})
DEADLINE_KEYS = frozenset({"text", "kind", "start", "end", "recurrence", "parts"})
BUDGET_KEYS = frozenset({"text", "amount"})
SIGNER_KEYS = frozenset({"name", "title", "on_behalf_of"})
KNOWN_FAILURE_KEYS = frozenset({"fields", "why", "sources"})
DOC_KNOWN_FAILURE_KEYS = frozenset({"why", "sources"})


class ExpectationError(ValueError):
    """An expectation file that does not follow samples/expected/README.md."""


# --- text ---------------------------------------------------------------------------------------


def norm(text: str | None) -> str | None:
    """NFC and collapsed whitespace: the only liberty the comparison takes with a text."""
    if text is None:
        return None
    return " ".join(unicodedata.normalize("NFC", str(text)).split())


_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def fold(text: str | None) -> str:
    """Accent-folded matching key: diacritics, case and punctuation do not decide a pairing."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text).replace("đ", "d").replace("Đ", "D")
    return _NON_ALNUM.sub(" ", unidecode(text).lower()).strip()


_SEED_NAME = re.compile(r"(\d{3})_[0-9a-f]{16}(.*)$")


def short_source(source: str) -> str:
    """`samples/docx/003_72adce018a707e85.reordered.docx` -> `003.reordered.docx`, for test ids and tables."""
    name = PurePosixPath(str(source).replace("\\", "/")).name
    m = _SEED_NAME.match(name)
    return m.group(1) + m.group(2) if m else name


# --- expectation files --------------------------------------------------------------------------


@dataclass(frozen=True)
class KnownFailure:
    """Fields the parser gets wrong today (a strict xfail); `sources` limits it to some sources."""

    fields: tuple[str, ...]
    why: str
    sources: tuple[str, ...] | None = None

    def applies_to(self, source: str | None) -> bool:
        return self.sources is None or source is None or _same_path(source, self.sources)


@dataclass(frozen=True)
class ExpectedRecord:
    """One reviewed record, normalised into the shape `compare_record` compares."""

    index: int  # 0-based position in the file
    ordinal: int  # 1-based position within its section
    values: Mapping[str, Any]  # field -> canonical value (FIELDS)
    unreadable: frozenset[str] = frozenset()
    known_failure: KnownFailure | None = None

    @property
    def section(self) -> str:
        return self.values["section"]

    @property
    def id(self) -> str:
        """Readable id, `I.3`: the section number and the record's place in it."""
        return f"{self.section}.{self.ordinal}"

    def compared_fields(self) -> tuple[str, ...]:
        return tuple(f for f in FIELDS if f not in self.unreadable)


@dataclass(frozen=True)
class Expectation:
    """A reviewed expectation file, normalised (absent record keys mean null / [] / {})."""

    path: str
    sources: tuple[str, ...]
    eval_only: tuple[str, ...] = ()
    set: str = ""
    reviewed_by: str = ""
    complete: bool = True
    known_failure: KnownFailure | None = None
    metadata: Mapping[str, Any] = field(default_factory=dict)  # key -> canonical value (None for nulls)
    metadata_sources: tuple[str, ...] | None = None
    findings: tuple[str, ...] = ()
    records: tuple[ExpectedRecord, ...] = ()

    @property
    def reviewed(self) -> bool:
        return bool(self.reviewed_by.strip())

    def checks_metadata(self, source: str | None) -> bool:
        """[metadata] is asserted for every source unless `metadata_sources` names some."""
        return self.metadata_sources is None or source is None or _same_path(source, self.metadata_sources)


def _same_path(path: str, paths: Iterable[str]) -> bool:
    p = PurePosixPath(str(path).replace("\\", "/"))
    return any(PurePosixPath(str(q).replace("\\", "/")) == p for q in paths)


def unknown_keys(raw: Mapping[str, Any]) -> list[str]:
    """Keys the format does not define (a typo would otherwise silently check nothing)."""
    out = [f"{k}" for k in raw if k not in ("document", "metadata", "records")]
    out += [f"document.{k}" for k in raw.get("document", {}) if k not in DOCUMENT_KEYS]
    kf = raw.get("document", {}).get("known_failure")
    if isinstance(kf, Mapping):
        out += [f"document.known_failure.{k}" for k in kf if k not in DOC_KNOWN_FAILURE_KEYS]
    meta = raw.get("metadata", {})
    out += [f"metadata.{k}" for k in meta if k not in (*METADATA_FIELDS, "nulls")]
    if isinstance(meta.get("signer"), Mapping):
        out += [f"metadata.signer.{k}" for k in meta["signer"] if k not in SIGNER_KEYS]
    for i, rec in enumerate(raw.get("records", [])):
        out += [f"records[{i}].{k}" for k in rec if k not in RECORD_KEYS]
        for role in ("objective", "task", "activity"):
            if isinstance(rec.get(role), Mapping):
                out += [f"records[{i}].{role}.{k}" for k in rec[role] if k not in ITEM_KEYS]
        for key, allowed in (
            ("deadline", DEADLINE_KEYS),
            ("budget", BUDGET_KEYS),
            ("known_failure", KNOWN_FAILURE_KEYS),
        ):
            if isinstance(rec.get(key), Mapping):
                out += [f"records[{i}].{key}.{k}" for k in rec[key] if k not in allowed]
    return out


def load_expectation(path: str | Path) -> Expectation:
    """Read and normalise one expectation file; raises ExpectationError on a malformed one."""
    try:
        with open(path, "rb") as fh:
            raw = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ExpectationError(f"{path}: not valid TOML: {exc}") from exc
    try:
        return expectation_from_dict(raw, str(path))
    except ExpectationError as exc:
        raise ExpectationError(f"{path}: {exc}") from exc


def expectation_from_dict(raw: Mapping[str, Any], path: str = "<memory>") -> Expectation:
    """The normalised form of an already-read expectation (also for hand-made test data)."""
    doc = _table(raw.get("document", {}), "[document]")
    sources = _str_list(doc.get("sources"), "document.sources")
    if not sources:
        raise ExpectationError("document.sources is empty")
    meta_sources = doc.get("metadata_sources")
    records = []
    ordinals: dict[str, int] = {}
    for i, rec in enumerate(raw.get("records", [])):
        er = expected_record(rec, index=i, ordinal=0)
        ordinals[er.section] = ordinals.get(er.section, 0) + 1
        records.append(ExpectedRecord(er.index, ordinals[er.section], er.values, er.unreadable, er.known_failure))
    complete = doc.get("complete", True)
    if not isinstance(complete, bool):
        raise ExpectationError("document.complete must be true or false")
    return Expectation(
        path=path,
        sources=tuple(sources),
        eval_only=tuple(_str_list(doc.get("eval_only", []), "document.eval_only")),
        set=str(doc.get("set", "")),
        reviewed_by=str(doc.get("reviewed_by", "")),
        complete=complete,
        known_failure=_doc_known_failure(doc.get("known_failure")),
        metadata=_metadata(_table(raw.get("metadata", {}), "[metadata]")),
        metadata_sources=None if meta_sources is None else tuple(_str_list(meta_sources, "document.metadata_sources")),
        findings=tuple(_str_list(doc.get("findings", []), "document.findings")),
        records=tuple(records),
    )


def expected_record(raw: Mapping[str, Any], *, index: int = 0, ordinal: int = 1) -> ExpectedRecord:
    """One [[records]] entry in canonical form; a plain-string item means {text = s}."""
    rec = _table(raw, f"records[{index}]")
    where = f"records[{index}]"
    if rec.get("section") in (None, ""):
        raise ExpectationError(f"{where}: section is required")
    values: dict[str, Any] = {
        "section": norm(str(rec["section"])),
        "stt": None if rec.get("stt") is None else norm(str(rec["stt"])),
        "outputs": [norm(x) for x in _str_list(rec.get("outputs", []), f"{where}.outputs")],
        "lead": [norm(x) for x in _str_list(rec.get("lead", []), f"{where}.lead")],
        "partners": [norm(x) for x in _str_list(rec.get("partners", []), f"{where}.partners")],
        "notes": _opt_str(rec.get("notes"), f"{where}.notes"),
        "extra": {norm(k): norm(str(v)) for k, v in _table(rec.get("extra", {}), f"{where}.extra").items()},
    }
    for role in ("objective", "task", "activity"):
        values[role] = _item(rec.get(role), f"{where}.{role}")
    values["deadline"] = _deadline(rec.get("deadline"), f"{where}.deadline")
    values["budget"] = _budget(rec.get("budget"), f"{where}.budget")
    unreadable = frozenset(_str_list(rec.get("unreadable", []), f"{where}.unreadable"))
    if bad := unreadable - set(FIELDS):
        raise ExpectationError(f"{where}.unreadable: unknown fields {sorted(bad)}")
    return ExpectedRecord(index, ordinal, values, unreadable, _known_failure(rec.get("known_failure"), where))


def _table(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ExpectationError(f"{where} must be a table")
    return value


def _str_list(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        raise ExpectationError(f"{where} must be a list of strings")
    return value


def _opt_str(value: Any, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ExpectationError(f"{where} must be a string")
    return norm(value)


def _item(value: Any, where: str) -> dict[str, str | None] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return {"number": None, "label": None, "text": norm(value)}
    item = _table(value, where)
    if not isinstance(item.get("text"), str):
        raise ExpectationError(f"{where}.text is required")
    return {k: _opt_str(item.get(k), f"{where}.{k}") for k in ("number", "label", "text")}


def _deadline(value: Any, where: str) -> dict[str, Any] | None:
    if value is None:
        return None
    d = _table(value, where)
    if not isinstance(d.get("text"), str) or not isinstance(d.get("kind"), str):
        raise ExpectationError(f"{where} needs text and kind")
    out: dict[str, Any] = {k: _opt_str(d.get(k), f"{where}.{k}") for k in ("text", "kind", "start", "end")}
    if "recurrence" in d:
        out["recurrence"] = _opt_str(d["recurrence"], f"{where}.recurrence")
    if "parts" in d:
        out["parts"] = _str_list(d["parts"], f"{where}.parts")
    return out


def _budget(value: Any, where: str) -> dict[str, Any] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return {"text": norm(value), "amount": None}
    b = _table(value, where)
    if not isinstance(b.get("text"), str):
        raise ExpectationError(f"{where}.text is required")
    amount = b.get("amount")
    if amount is not None and (isinstance(amount, bool) or not isinstance(amount, int | float)):
        raise ExpectationError(f"{where}.amount must be a number")
    return {"text": norm(b["text"]), "amount": None if amount is None else float(amount)}


def _known_failure(value: Any, where: str) -> KnownFailure | None:
    if value is None:
        return None
    kf = _table(value, f"{where}.known_failure")
    fields = _str_list(kf.get("fields"), f"{where}.known_failure.fields")
    if not fields:
        raise ExpectationError(f"{where}.known_failure.fields is empty")
    if bad := set(fields) - {*FIELDS, MISSING}:
        raise ExpectationError(f"{where}.known_failure.fields: unknown fields {sorted(bad)}")
    why = kf.get("why")
    if not isinstance(why, str) or not why.strip():
        raise ExpectationError(f"{where}.known_failure.why must say what the parser does wrong")
    sources = kf.get("sources")
    return KnownFailure(
        tuple(fields), why, None if sources is None else tuple(_str_list(sources, f"{where}.known_failure.sources"))
    )


def _doc_known_failure(value: Any) -> KnownFailure | None:
    if value is None:
        return None
    if isinstance(value, str):
        return KnownFailure((), value)
    kf = _table(value, "document.known_failure")
    sources = kf.get("sources")
    return KnownFailure(
        (), str(kf.get("why", "")), None if sources is None else tuple(_str_list(sources, "known_failure.sources"))
    )


def _metadata(meta: Mapping[str, Any]) -> dict[str, Any]:
    """[metadata] in canonical form; `nulls` become None values, absent keys are not checked."""
    out: dict[str, Any] = {}
    for key, value in meta.items():
        if key == "nulls":
            continue
        if key == "period":
            if not (isinstance(value, list) and len(value) == 2 and all(isinstance(y, int) for y in value)):
                raise ExpectationError("metadata.period must be [start_year, end_year]")
            out[key] = (value[0], value[1])
        elif key == "signer":
            s = _table(value, "metadata.signer")
            out[key] = {k: _opt_str(s.get(k), f"metadata.signer.{k}") for k in ("name", "title", "on_behalf_of")}
        elif key == "legal_basis":
            if isinstance(value, bool) or not isinstance(value, int):
                raise ExpectationError("metadata.legal_basis is a count")
            out[key] = value
        elif key in METADATA_FIELDS:
            out[key] = _opt_str(value, f"metadata.{key}")
    for key in _str_list(meta.get("nulls", []), "metadata.nulls"):
        if key not in METADATA_FIELDS:
            raise ExpectationError(f"metadata.nulls: unknown field {key!r}")
        if key in out:
            raise ExpectationError(f"metadata.{key} is both given and in nulls")
        out[key] = None
    return out


# --- parsed side --------------------------------------------------------------------------------


def _dump(obj: Any) -> dict[str, Any]:
    """Pydantic models (PlanRecord, PlanDocument, Metadata) or their JSON dicts."""
    if hasattr(obj, "model_dump"):
        return obj.model_dump(mode="json")
    if isinstance(obj, Mapping):
        return dict(obj)
    raise TypeError(f"expected a pydantic model or a dict, got {type(obj).__name__}")


def parsed_view(record: Any) -> dict[str, Any]:
    """A parsed record in the canonical shape of ExpectedRecord.values."""
    r = _dump(record)

    def item(it: Mapping[str, Any] | None) -> dict[str, str | None] | None:
        if it is None:
            return None
        return {k: norm(it.get(k)) for k in ("number", "label", "text")}

    d = r.get("deadline")
    b = r.get("budget")
    section = r.get("section")
    return {
        "section": norm(section.get("number")) if isinstance(section, Mapping) else norm(section),
        "stt": norm(r.get("stt")),
        "objective": item(r.get("objective")),
        "task": item(r.get("task")),
        "activity": item(r.get("activity")),
        "outputs": [norm(x) for x in r.get("outputs") or []],
        "lead": [norm(a["text"] if isinstance(a, Mapping) else a) for a in r.get("lead") or []],
        "partners": [norm(a["text"] if isinstance(a, Mapping) else a) for a in r.get("partners") or []],
        "deadline": None
        if d is None
        else {
            "text": norm(d.get("text")),
            "kind": d.get("kind"),
            "start": d.get("start"),
            "end": d.get("end"),
            "recurrence": d.get("recurrence"),
            "parts": [p.get("kind") for p in d.get("parts") or []],
        },
        "budget": None
        if b is None
        else {"text": norm(b.get("text")), "amount": b.get("amount_million_vnd", b.get("amount"))},
        "notes": norm(r.get("notes")),
        "extra": {norm(k): norm(v) for k, v in (r.get("extra") or {}).items()},
    }


def _values(expected: ExpectedRecord | Mapping[str, Any]) -> tuple[Mapping[str, Any], frozenset[str]]:
    if isinstance(expected, ExpectedRecord):
        return expected.values, expected.unreadable
    er = expected_record(expected)
    return er.values, er.unreadable


def _field_equal(name: str, want: Any, got: Any) -> bool:
    if name == "deadline" and want is not None and got is not None:
        got = {k: got.get(k) for k in want}  # recurrence / parts only when the expectation gives them
    if name == "budget" and want is not None and got is not None:
        wa, ga = want["amount"], got["amount"]
        same_amount = (wa is None and ga is None) or (wa is not None and ga is not None and abs(wa - ga) < 1e-9)
        return want["text"] == got["text"] and same_amount
    return want == got


def compare_record(expected: ExpectedRecord | Mapping[str, Any], parsed: Any) -> dict[str, bool]:
    """Field -> equal? for every compared field (fields the reviewer marked unreadable are left out)."""
    want, unreadable = _values(expected)
    got = parsed_view(parsed)
    return {f: _field_equal(f, want[f], got[f]) for f in FIELDS if f not in unreadable}


def differences(expected: ExpectedRecord | Mapping[str, Any], parsed: Any) -> dict[str, tuple[Any, Any]]:
    """Field -> (expected, parsed) for the fields that differ: what a failing test prints."""
    want, _ = _values(expected)
    got = parsed_view(parsed)
    out = {}
    for f, ok in compare_record(expected, parsed).items():
        if not ok:
            g = got[f]
            if f == "deadline" and want[f] is not None and g is not None:
                g = {k: g.get(k) for k in want[f]}
            out[f] = (want[f], g)
    return out


# --- metadata -----------------------------------------------------------------------------------


def metadata_view(metadata: Any) -> dict[str, Any]:
    """Parsed metadata in the canonical shape of Expectation.metadata."""
    m = _dump(metadata)
    period = m.get("period")
    signer = m.get("signer")
    out: dict[str, Any] = {k: norm(m.get(k)) for k in METADATA_FIELDS if k not in ("period", "signer", "legal_basis")}
    out["period"] = None if period is None else (period["start_year"], period["end_year"])
    out["signer"] = None if signer is None else {k: norm(signer.get(k)) for k in ("name", "title", "on_behalf_of")}
    out["legal_basis"] = len(m.get("legal_basis") or [])
    return out


def compare_metadata(expectation: Expectation, metadata: Any) -> dict[str, bool]:
    """Key -> equal? for the metadata keys the expectation gives (a null legal_basis means none)."""
    got = metadata_view(metadata)
    out = {}
    for key, want in expectation.metadata.items():
        value = got[key]
        if key == "legal_basis" and want is None:
            out[key] = value == 0
        else:
            out[key] = value == want
    return out


def metadata_differences(expectation: Expectation, metadata: Any) -> dict[str, tuple[Any, Any]]:
    got = metadata_view(metadata)
    return {k: (expectation.metadata[k], got[k]) for k, ok in compare_metadata(expectation, metadata).items() if not ok}


def missing_findings(expectation: Expectation, plan: Any) -> list[str]:
    """Finding codes the expectation requires that the parse lacks."""
    have = {f["code"] for f in _dump(plan).get("findings") or []}
    return [c for c in expectation.findings if c not in have]


# --- assignment ---------------------------------------------------------------------------------


def hungarian(weights: Sequence[Sequence[int | float]]) -> list[tuple[int, int]]:
    """Maximum-total-weight assignment of a rectangular matrix (Kuhn–Munkres with potentials).

    Returns min(rows, columns) (row, column) pairs, sorted by row. Integer weights are
    handled exactly, which `match` relies on for its lexicographic tie-breaks.
    """
    n = len(weights)
    m = len(weights[0]) if n else 0
    if n == 0 or m == 0:
        return []
    transposed = n > m
    if transposed:
        weights = [[weights[i][j] for i in range(n)] for j in range(m)]
        n, m = m, n
    top = max(max(row) for row in weights)
    cost = [[top - w for w in row] for row in weights]  # minimise non-negative costs
    inf = float("inf")
    u: list[float] = [0.0] * (n + 1)
    v: list[float] = [0.0] * (m + 1)
    p = [0] * (m + 1)  # p[j]: row (1-based) assigned to column j
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv: list[int | float] = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0 = p[j0]
            delta: int | float = inf
            j1 = 0
            row = cost[i0 - 1]
            ui0 = u[i0]
            for j in range(1, m + 1):
                if not used[j]:
                    cur = row[j - 1] - ui0 - v[j]
                    if cur < minv[j]:
                        minv[j] = cur
                        way[j] = j0
                    if minv[j] < delta:
                        delta = minv[j]
                        j1 = j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
    pairs = [(p[j] - 1, j - 1) for j in range(1, m + 1) if p[j]]
    if transposed:
        pairs = [(c, r) for r, c in pairs]
    return sorted(pairs)


def _key_text(values: Mapping[str, Any]) -> str:
    for role in ("activity", "task", "objective"):
        if values.get(role) and values[role].get("text"):
            return values[role]["text"]
    return ""


def _context_text(values: Mapping[str, Any]) -> str:
    """Everything but the key text: tells apart rows that repeat an inherited activity."""
    d = values.get("deadline") or {}
    parts = [values.get("stt") or "", *values["outputs"], *values["lead"], *values["partners"], d.get("text") or ""]
    return " ".join(p for p in parts if p)


def similarity(a: str | None, b: str | None) -> float:
    """rapidfuzz ratio (0..100) of the folded texts."""
    return fuzz.ratio(fold(a), fold(b))


def match(
    expected_records: Sequence[ExpectedRecord | Mapping[str, Any]],
    parsed_records: Sequence[Any],
    use_sections: bool = True,
) -> list[tuple[int, int]]:
    """Pair expected with parsed records: (expected index, parsed index), sorted by expected index.

    A pair is allowed when the section numbers agree (where both have one; not checked with
    use_sections=False) and the folded key texts (activity, else task) have a ratio >= 75.
    Among allowed pairs: the most pairs, then the highest total key similarity; exact ties
    (rows repeating an inherited activity) go to the most similar rest of the row, then to
    the pairing that keeps document order.
    """
    want = [_values(e)[0] for e in expected_records]
    got = [parsed_view(r) for r in parsed_records]
    n, m = len(want), len(got)
    if n == 0 or m == 0:
        return []
    k = min(n, m)
    order_unit = n + m + 1  # per-pair order bonus is in [1, n + m]
    ctx_unit = k * order_unit + 1  # a whole assignment's order bonus stays below one context point
    sim_unit = (100 * k + 1) * ctx_unit  # ... and its context total below one key-similarity point (x100)
    pair_unit = (10000 * k + 1) * sim_unit  # ... and its similarity total below one more pair
    wkeys = [fold(_key_text(w)) for w in want]
    gkeys = [fold(_key_text(g)) for g in got]
    wctx = [fold(_context_text(w)) for w in want]
    gctx = [fold(_context_text(g)) for g in got]
    weights = [[0] * m for _ in range(n)]
    for i in range(n):
        ws = want[i]["section"]
        for j in range(m):
            gs = got[j]["section"]
            if use_sections and ws and gs and ws != gs:
                continue
            sim = fuzz.ratio(wkeys[i], gkeys[j])
            if sim < MATCH_THRESHOLD:
                continue
            ctx = round(fuzz.ratio(wctx[i], gctx[j]))
            order = n + m - abs(i - j)
            weights[i][j] = pair_unit + round(sim * 100) * sim_unit + ctx * ctx_unit + order
    return [(i, j) for i, j in hungarian(weights) if weights[i][j] > 0]


# --- scores -------------------------------------------------------------------------------------


@dataclass
class Counts:
    """correct / total, summed over documents."""

    correct: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.correct += int(ok)
        self.total += 1

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.total if self.total else None


def _ratio(num: int, den: int, other_den: int) -> float:
    """num/den; with nothing to divide by, 1.0 if the other side is empty too, else 0.0."""
    if den:
        return num / den
    return 1.0 if other_den == 0 else 0.0


def _f1(p: float | None, r: float | None) -> float | None:
    if p is None or r is None:
        return None
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class DocScore:
    """Record-level scores of one source (or micro totals of several, from `combine`).

    Precision is counted only over documents whose record list is `complete`; with none,
    precision and F1 are None (recall still counts every document).
    """

    source: str
    set: str = ""
    documents: int = 1
    n_expected: int = 0
    n_parsed: int = 0
    matched: int = 0
    matched_nosec: int = 0
    # the same counts restricted to complete documents (the precision side)
    complete_docs: int = 0
    c_expected: int = 0
    c_parsed: int = 0
    c_matched: int = 0
    c_matched_nosec: int = 0
    fields: dict[str, Counts] = field(default_factory=lambda: {f: Counts() for f in FIELDS})
    metadata: dict[str, Counts] = field(default_factory=dict)
    missing_findings: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)  # ids of expected records with no parsed partner
    spurious: int = 0  # parsed records with no expected partner

    @property
    def precision(self) -> float | None:
        return _ratio(self.c_matched, self.c_parsed, self.c_expected) if self.complete_docs else None

    @property
    def recall(self) -> float:
        return _ratio(self.matched, self.n_expected, self.n_parsed)

    @property
    def f1(self) -> float | None:
        return _f1(self.precision, self.recall)

    @property
    def precision_nosec(self) -> float | None:
        return _ratio(self.c_matched_nosec, self.c_parsed, self.c_expected) if self.complete_docs else None

    @property
    def recall_nosec(self) -> float:
        return _ratio(self.matched_nosec, self.n_expected, self.n_parsed)

    @property
    def f1_nosec(self) -> float | None:
        return _f1(self.precision_nosec, self.recall_nosec)

    @property
    def metadata_counts(self) -> Counts:
        return Counts(sum(c.correct for c in self.metadata.values()), sum(c.total for c in self.metadata.values()))

    def as_dict(self) -> dict[str, Any]:
        """Every number, for `scripts/eval.py --json`."""
        return {
            "source": self.source,
            "set": self.set,
            "documents": self.documents,
            "expected": self.n_expected,
            "parsed": self.n_parsed,
            "matched": self.matched,
            "matched_nosec": self.matched_nosec,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "precision_nosec": self.precision_nosec,
            "recall_nosec": self.recall_nosec,
            "f1_nosec": self.f1_nosec,
            "fields": {
                f: {"correct": c.correct, "total": c.total, "accuracy": c.accuracy} for f, c in self.fields.items()
            },
            "metadata": {k: {"correct": c.correct, "total": c.total} for k, c in self.metadata.items()},
            "metadata_accuracy": self.metadata_counts.accuracy,
            "missing_findings": self.missing_findings,
            "missed": self.missed,
            "spurious": self.spurious,
        }


def score(expectation: Expectation, plan: Any, *, source: str | None = None) -> DocScore:
    """Score one parse (PlanDocument or its JSON dict) of one of the expectation's sources."""
    doc = _dump(plan)
    src = source or (doc.get("source") or {}).get("path") or expectation.sources[0]
    records = doc.get("records") or []
    expected = expectation.records
    pairs = match(expected, records)
    pairs_nosec = match(expected, records, use_sections=False)
    s = DocScore(source=src, set=expectation.set)
    s.n_expected, s.n_parsed = len(expected), len(records)
    s.matched, s.matched_nosec = len(pairs), len(pairs_nosec)
    if expectation.complete:
        s.complete_docs = 1
        s.c_expected, s.c_parsed, s.c_matched, s.c_matched_nosec = s.n_expected, s.n_parsed, s.matched, s.matched_nosec
    for i, j in pairs:
        for name, ok in compare_record(expected[i], records[j]).items():
            s.fields[name].add(ok)
    paired = {i for i, _ in pairs}
    s.missed = [e.id for e in expected if e.index not in paired]
    s.spurious = len(records) - len(pairs)
    if expectation.checks_metadata(src):
        for key, ok in compare_metadata(expectation, doc.get("metadata") or {}).items():
            s.metadata.setdefault(key, Counts()).add(ok)
    s.missing_findings = missing_findings(expectation, doc)
    return s


def combine(scores: Iterable[DocScore], name: str = "total", set_name: str = "") -> DocScore:
    """Micro totals: counts summed over documents, then the ratios."""
    out = DocScore(source=name, set=set_name, documents=0)
    for s in scores:
        out.documents += s.documents
        out.n_expected += s.n_expected
        out.n_parsed += s.n_parsed
        out.matched += s.matched
        out.matched_nosec += s.matched_nosec
        out.complete_docs += s.complete_docs
        out.c_expected += s.c_expected
        out.c_parsed += s.c_parsed
        out.c_matched += s.c_matched
        out.c_matched_nosec += s.c_matched_nosec
        out.spurious += s.spurious
        for f, c in s.fields.items():
            out.fields[f].correct += c.correct
            out.fields[f].total += c.total
        for k, c in s.metadata.items():
            agg = out.metadata.setdefault(k, Counts())
            agg.correct += c.correct
            agg.total += c.total
    return out
