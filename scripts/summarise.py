"""Print a short human summary of a parsed plan (used by `make demo`)."""

from __future__ import annotations

import json
import sys
from collections import Counter


def main(path: str) -> int:
    with open(path, encoding="utf-8") as fh:
        plan = json.load(fh)
    meta = plan["metadata"]
    recs = plan["records"]
    print(f"\nTệp nguồn : {plan['source']['path']} ({plan['source']['format']}, {plan['source']['loader']})")
    print(f"Kế hoạch  : {meta.get('title') or '—'}")
    print(f"Ban hành  : {meta.get('issuer') or '—'}; tỉnh {meta.get('province') or '—'}"
          f" (nay: {meta.get('province_current') or '—'}); ngày {meta.get('issued_date') or '—'}")  # fmt: skip
    print(f"Hoạt động : {len(recs)}")
    sections: dict[str, tuple[str, int]] = {}
    for r in recs:
        num = r["section"]["number"]
        title, n = sections.get(num, (r["section"]["title"], 0))
        sections[num] = (title, n + 1)
    for num, (title, n) in sections.items():
        print(f"  {num:>4}  {n:3d}  {title}")
    sev = Counter(f["severity"] for f in plan["findings"])
    print(f"Phát hiện : {sev.get('error', 0)} lỗi, {sev.get('warning', 0)} cảnh báo, {sev.get('info', 0)} thông tin")
    print(f"JSON      : {path}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
