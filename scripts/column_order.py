"""How often the OCR-text loader gives a bench text's columns the roles in the order printed.

    python scripts/column_order.py dev dev2 …     # sets under samples/ocrtext/expected/

Each bench expectation says in its comment which column titles the generator printed, in order
(`columns: STT | Nhiệm vụ | Chủ trì thực hiện | …`); each title's role is read with the header
vocabulary. A text counts as right when the loader's roles equal those, task and activity taken
alike (without a header nothing tells them apart) and a notes column left out (it is empty on most
rows and often not seen). Prints the count per OCR setting, then each text got wrong.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from kehoach_parse.loaders import ocr_text, text_columns  # noqa: E402

_COLUMNS = re.compile(r"^# .*columns: (.*)$", re.M)
_SOURCE = re.compile(r'^sources = \["(.*?)"\]', re.M)


def _norm(roles: list[str] | tuple[str, ...]) -> list[str]:
    return ["activity" if r == "task" else r for r in roles if r != "notes"]


def printed_roles(titles: list[str]) -> list[str]:
    """The role of each printed title, as the header vocabulary reads it alone (`STT`: stt)."""
    return [text_columns.header_roles([t])[-1] for t in titles]


def main(sets: list[str]) -> int:
    total: Counter[str] = Counter()
    right: Counter[str] = Counter()
    wrong: list[str] = []
    for name in sets:
        for toml in sorted((ROOT / "samples" / "ocrtext" / "expected" / name).glob("*.toml")):
            head = toml.read_text(encoding="utf-8")[:4000]
            cols, src = _COLUMNS.search(head), _SOURCE.search(head)
            if cols is None or src is None:
                continue
            printed = printed_roles([t.strip() for t in cols.group(1).split("|")])
            lines = (ROOT / src.group(1)).read_text(encoding="utf-8").split("\n")
            found = ocr_text.rebuild(lines)
            got = list(found.roles) if found is not None else []
            setting = src.group(1).rsplit(".", 2)[-2]
            total[setting] += 1
            if _norm(got) == _norm(printed):
                right[setting] += 1
            else:
                wrong.append(f"{Path(src.group(1)).name}: printed {printed[1:]}, got {got[1:] or 'no table'}")
    for setting in sorted(total):
        print(f"{setting:10} {right[setting]:4} / {total[setting]:<4} right")
    print(f"{'all':10} {sum(right.values()):4} / {sum(total.values()):<4} right")
    for line in wrong:
        print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["dev"]))
