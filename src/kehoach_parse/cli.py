"""The `kehoach` command. Heavy imports happen inside the commands so `--help` stays fast.

Data goes to stdout (or -o), one-line human messages to stderr; exit codes per SPEC §3:
0 success, 1 validation failed, 2 usage error, 3 an input could not be read or parsed.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import NoReturn

import click

from . import __version__

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INPUT = 0, 1, 2, 3


def fail(message: str, code: int = EXIT_INPUT) -> NoReturn:
    click.echo(f"kehoach: {message}", err=True)
    sys.exit(code)


def write_atomic(path: str, text: str) -> None:
    """Write via a temp file in the same folder and rename, so no half-written output exists."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def parse_or_fail(path: str, **options):
    """Parse one file; any failure becomes one line naming the file, exit 3."""
    from .errors import KehoachError
    from .pipeline import parse

    try:
        return parse(path, **options)
    except KehoachError as exc:
        fail(str(exc), exc.exit_code)
    except Exception as exc:  # never a traceback for a person
        if os.environ.get("KEHOACH_DEBUG"):
            raise
        fail(f"{path}: không phân tích được tệp ({type(exc).__name__}: {exc}) — đặt KEHOACH_DEBUG=1 để xem chi tiết")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="kehoach-parse", message="%(prog)s %(version)s")
def main() -> None:
    """kehoach — Vietnamese CCHC plans (Kế hoạch cải cách hành chính) to validated data."""


@main.command()
@click.argument("file", type=click.Path(dir_okay=True, path_type=str))
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False), help="Write here instead of stdout.")
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "csv"]), default="json", show_default=True)
@click.option("--ocr", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True)
@click.option("--no-repair", is_flag=True, help="Do not repair broken Vietnamese (legacy encodings still decode).")
@click.option("--jobs", type=click.IntRange(min=1), default=1, show_default=True, help="Pages to OCR in parallel.")
def parse(file: str, out: str | None, fmt: str, ocr: str, no_repair: bool, jobs: int) -> None:
    """Parse one plan (PDF, DOCX, DOC, image or text) into JSON, JSONL or CSV."""
    from .export import render

    plan = parse_or_fail(file, ocr=ocr, repair_text=not no_repair, jobs=jobs)
    text = render(plan, fmt)
    if out:
        write_atomic(out, text)
        errors = sum(1 for f in plan.findings if f.severity == "error")
        warnings = sum(1 for f in plan.findings if f.severity == "warning")
        click.echo(f"{file}: {len(plan.records)} hoạt động, {errors} lỗi, {warnings} cảnh báo -> {out}", err=True)
    else:
        sys.stdout.write(text)


@main.command()
def schema() -> None:
    """Print the JSON Schema of the output (schemas/plan.schema.json)."""
    from .schema import schema_text

    sys.stdout.write(schema_text())


@main.command()
@click.argument("file", required=False, default="-", type=str)
def restore(file: str) -> None:
    """Repair Vietnamese text (lost diacritics, OCR confusions): FILE or stdin -> stdout."""
    from .vietnamese.restore import restore_stream

    if file == "-":
        stream = sys.stdin
    elif not os.path.isfile(file):
        fail(f"{file}: không tìm thấy tệp (file not found) — kiểm tra lại đường dẫn")
    else:
        stream = open(file, encoding="utf-8", errors="replace")  # noqa: SIM115
    for line in restore_stream(line.rstrip("\n") for line in stream):
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


if __name__ == "__main__":  # pragma: no cover
    main()
