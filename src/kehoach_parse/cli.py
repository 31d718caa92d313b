"""The `kehoach` command. Heavy imports happen inside the commands so `--help` stays fast.

Data goes to stdout (or -o), one-line human messages to stderr; exit codes per SPEC §3:
0 success, 1 validation failed, 2 usage error, 3 an input could not be read or parsed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NoReturn

import click

from . import __version__
from .files import write_atomic

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INPUT = 0, 1, 2, 3


def fail(message: str, code: int = EXIT_INPUT) -> NoReturn:
    click.echo(f"kehoach: {message}", err=True)
    sys.exit(code)


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


GAZETTEER = click.option(
    "--gazetteer",
    type=click.Path(dir_okay=False),
    help="CSV/JSON of agency aliases (alias,name,kind[,current_name]) merged over the built-in one.",
)


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
@GAZETTEER
def parse(file: str, out: str | None, fmt: str, ocr: str, no_repair: bool, jobs: int, gazetteer: str | None) -> None:
    """Parse one plan (PDF, DOCX, DOC, image or text) into JSON, JSONL or CSV."""
    from .export import render

    plan = parse_or_fail(file, ocr=ocr, repair_text=not no_repair, jobs=jobs, gazetteer=gazetteer)
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


@main.command()
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@click.option("-o", "--output", "outdir", required=True, type=click.Path(file_okay=False), help="Output folder.")
@click.option("--jobs", type=click.IntRange(min=1), default=None, help="Files in parallel [default: cores].")
@click.option("--glob", "patterns", multiple=True, help="File pattern(s) to read, e.g. '*.pdf' (repeatable).")
@click.option("--resume", is_flag=True, help="Skip inputs whose output exists with the same source hash.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=None, help="Seconds per file.")
@click.option("--combined", type=click.Path(dir_okay=False), help="Also write every record of every plan as JSONL.")
@click.option("--ocr", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True)
@click.option("--no-repair", is_flag=True, help="Do not repair broken Vietnamese.")
@GAZETTEER
def batch(
    directory: str,
    outdir: str,
    jobs: int | None,
    patterns: tuple[str, ...],
    resume: bool,
    timeout: float | None,
    combined: str | None,
    ocr: str,
    no_repair: bool,
    gazetteer: str | None,
) -> None:
    """Convert every plan under DIRECTORY into OUTDIR/<path>.json plus summary.csv/json."""
    from .batch import DEFAULT_PATTERNS, combined_lines, run_batch, write_summaries

    if gazetteer:
        from .errors import KehoachError
        from .pipeline import gazetteer_or_fail

        try:
            gazetteer_or_fail(gazetteer)
        except KehoachError as exc:
            fail(str(exc), exc.exit_code)
    root, out = Path(directory), Path(outdir)
    options = {"ocr": ocr, "repair_text": not no_repair, "gazetteer": gazetteer}
    with _progress() as tick:
        outcomes = run_batch(
            root, out, jobs=jobs or os.cpu_count() or 1, patterns=patterns or DEFAULT_PATTERNS,
            resume=resume, timeout=timeout, options=options, progress=tick,
        )  # fmt: skip
    write_summaries(out, outcomes)
    if combined:
        write_atomic(combined, "".join(combined_lines(outcomes)))
    bad = [o for o in outcomes if o.status in ("failed", "timeout")]
    for o in bad:
        click.echo(f"kehoach: {o.error}", err=True)
    done = sum(1 for o in outcomes if o.status == "ok")
    skipped = sum(1 for o in outcomes if o.status == "skipped")
    click.echo(
        f"{len(outcomes)} tệp: {done} đã chuyển, {skipped} bỏ qua (--resume), {len(bad)} lỗi -> {out}/summary.csv",
        err=True,
    )
    sys.exit(EXIT_INPUT if bad else EXIT_OK)


class _progress:
    """A rich progress bar on a terminal; silence otherwise."""

    def __enter__(self):
        self.bar = None
        if sys.stderr.isatty():
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.bar = Progress(
                TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                transient=True,
            )  # fmt: skip
            self.bar.start()
            self.task = self.bar.add_task("kehoach batch", total=None)
        return self.tick

    def tick(self, outcome) -> None:
        if self.bar is not None:
            self.bar.update(self.task, advance=1, description=Path(outcome.file).name[:40])

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--strict", is_flag=True, help="Warnings fail too (exit 1).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text", show_default=True)
@GAZETTEER
def validate(files: tuple[str, ...], strict: bool, fmt: str, gazetteer: str | None) -> None:
    """Check plans (documents, or JSON made by `kehoach parse`) for CI: exit 1 on errors."""
    from .checking import check_file, render_findings

    results = [check_file(f, gazetteer=gazetteer) for f in files]
    sys.stdout.write(render_findings(results, fmt))
    code = EXIT_OK
    for res in results:
        if res.error:
            click.echo(f"kehoach: {res.error}", err=True)
    if any(r.error for r in results):
        code = EXIT_INPUT
    elif any(r.failed(strict) for r in results):
        code = EXIT_INVALID
    sys.exit(code)


if __name__ == "__main__":  # pragma: no cover
    main()
