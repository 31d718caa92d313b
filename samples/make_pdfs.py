#!/usr/bin/env python3
"""Make the digital PDF samples: every `samples/docx/*.docx` printed to PDF by LibreOffice.

`samples/pdf/<name>.pdf` is what a provincial office gets when it exports its Word plan
to PDF: ruled table with the header repeated on every page, rows split across page
breaks, merged cells drawn as one box. The PDFs are committed, so tests and CI never
need LibreOffice; only this script does (`apt-get install libreoffice-writer`).

LibreOffice runs with a private profile in a temporary directory, so it neither touches
nor waits for a user's running instance. The PDF bytes carry a creation date and ID, so
re-running changes the bytes but not the content.

Also writes `samples/pdf/bad/encrypted.pdf` (open password "matkhau") for the bad-input
tests. Run: `python samples/make_pdfs.py [NAME ...]` (NAME: a DOCX file name without .docx).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
DOCX_DIR = ROOT / "docx"
PDF_DIR = ROOT / "pdf"


def convert(docs: list[Path], out_dir: Path) -> None:
    """DOCX -> PDF with a headless LibreOffice using a throw-away profile."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("soffice not found: apt-get install libreoffice-writer")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kehoach-lo-") as tmp:
        profile = Path(tmp, "profile").as_uri()
        cmd = [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            tmp,
            *map(str, docs),
        ]
        subprocess.run(cmd, check=True, capture_output=True, timeout=600)
        for doc in docs:
            produced = Path(tmp, doc.with_suffix(".pdf").name)
            if not produced.exists():
                raise SystemExit(f"LibreOffice did not produce {produced.name}")
            shutil.move(str(produced), out_dir / produced.name)


def make_encrypted(out: Path) -> None:
    """`pdf/bad/encrypted.pdf`: a one-line plan exported with an open password ("matkhau")."""
    import docx

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("soffice not found: apt-get install libreoffice-writer")
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kehoach-lo-") as tmp:
        src = Path(tmp, "encrypted.docx")
        document = docx.Document()
        document.add_paragraph("Kế hoạch cải cách hành chính năm 2022 (bản có mật khẩu)")
        document.save(str(src))
        options = (
            '{"EncryptFile":{"type":"boolean","value":"true"},'
            '"DocumentOpenPassword":{"type":"string","value":"matkhau"}}'
        )
        cmd = [
            soffice,
            f"-env:UserInstallation={Path(tmp, 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            f"pdf:writer_pdf_Export:{options}",
            "--outdir",
            tmp,
            str(src),
        ]
        subprocess.run(cmd, check=True, capture_output=True, timeout=300)
        shutil.move(str(Path(tmp, "encrypted.pdf")), out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("names", nargs="*", help="DOCX names without .docx (default: all of samples/docx)")
    args = ap.parse_args(argv)
    docs = [DOCX_DIR / f"{n}.docx" for n in args.names] if args.names else sorted(DOCX_DIR.glob("*.docx"))
    missing = [d for d in docs if not d.exists()]
    if missing or not docs:
        print(f"missing DOCX samples: {', '.join(map(str, missing)) or DOCX_DIR}", file=sys.stderr)
        return 1
    convert(docs, PDF_DIR)
    if not args.names:
        make_encrypted(PDF_DIR / "bad" / "encrypted.pdf")
    for doc in docs:
        pdf = PDF_DIR / doc.with_suffix(".pdf").name
        print(f"{pdf.relative_to(ROOT.parent)}: {pdf.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
