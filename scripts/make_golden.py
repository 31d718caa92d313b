"""Rewrite the reviewed expected outputs in samples/expected/ from the current parser.

Run by `make golden`; read the diff (`git diff samples/expected`) before committing:
the expected files are reviewed data, and a change there is a change of behaviour.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from kehoach_parse.export import to_json  # noqa: E402
from kehoach_parse.pipeline import parse  # noqa: E402

# sample (relative to the repo root, as a user would type it) -> expected file
GOLDEN = {
    "samples/000_b9abb36b8c36f44d.txt": "samples/expected/000_b9abb36b8c36f44d.json",
    "samples/001_47299de66b06ee91.txt": "samples/expected/001_47299de66b06ee91.json",
    "samples/003_72adce018a707e85.txt": "samples/expected/003_72adce018a707e85.json",
    "samples/004_4eb45db0ba18c56a.txt": "samples/expected/004_4eb45db0ba18c56a.json",
    "samples/002_28b79bbaf6c53f00.txt": "samples/expected/002_28b79bbaf6c53f00.json",  # OCR: low confidence
}


def main(argv: list[str]) -> int:
    os.chdir(ROOT)
    for sample, expected in GOLDEN.items():
        Path(expected).write_text(to_json(parse(sample)), encoding="utf-8")
        print(f"wrote {expected}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
