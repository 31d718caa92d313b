"""The `kehoach` command. Heavy imports happen inside the commands so `--help` stays fast.

Data goes to stdout (or -o), one-line human messages to stderr; exit codes per SPEC §3:
0 success, 1 validation failed, 2 usage error, 3 an input could not be read or parsed.
"""

from __future__ import annotations

import gc
import io
import os
import sys
from functools import partial
from pathlib import Path
from typing import Any, NoReturn

import click

from . import __version__
from .children import stop_on_signals
from .files import Writer, check_regular, shown, write_atomic

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INPUT = 0, 1, 2, 3
# pydantic scans every installed distribution's entry points for plugins when it builds the first
# model (~5-16 ms of a 0.2 s cold start); the command uses none. An explicit setting is kept.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


def fail(message: str, code: int = EXIT_INPUT) -> NoReturn:
    click.echo(f"kehoach: {message}", err=True)
    sys.exit(code)


def parse_or_fail(path: str, **options):
    """Parse one file; any failure becomes one line naming the file, exit 3."""
    from .errors import KehoachError
    from .pipeline import parse

    try:
        check_regular(path)  # a FIFO would block the read below forever
        return parse(path, **options)
    except KehoachError as exc:
        fail(shown(str(exc)), exc.exit_code)
    except Exception as exc:  # never a traceback for a person
        if os.environ.get("KEHOACH_DEBUG"):
            raise
        fail(
            shown(
                f"{path}: không phân tích được tệp ({type(exc).__name__}: {exc}) — đặt KEHOACH_DEBUG=1 để xem chi tiết"
            )
        )


def _limits(_ctx: click.Context, _param: click.Parameter, value: str | None):
    """`--limits pages=2000,pixels=200M` -> Limits (a bad key is a usage error, exit 2)."""
    if not value:
        return None
    from .loaders.limits import Limits

    try:
        return Limits.parse(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc


LIMITS = click.option(
    "--limits",
    callback=_limits,
    metavar="KEY=VALUE,...",
    help="Raise an input limit: pages=1000, page_mm=1189 (A0), pixels=100M, text=50M, docx_part=200M, "
    "docx_total=500M, zip_members=10000, xml_depth=200, columns=200, pdf_stream=200M, ocr_text=5M.",
)
GAZETTEER = click.option(
    "--gazetteer",
    type=click.Path(dir_okay=False),
    help="CSV/JSON of agency aliases (alias,name,kind[,current_name]) merged over the built-in one.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="kehoach-parse", message="%(prog)s %(version)s")
def main() -> None:
    """kehoach — Vietnamese CCHC plans (Kế hoạch cải cách hành chính) to validated data."""
    quiet_libraries()
    ctx = click.get_current_context()
    if ctx.invoked_subcommand == "parse":
        _pause_collector(ctx)
        _use_compile_cache(ctx)


_collector = {"paused": False}


def _pause_collector(ctx: click.Context) -> None:
    """A cold `parse` imports pydantic, builds its models and the rule tables: ~10^5 objects that
    live as long as the process, which the collector would walk again and again as they pile up
    (4 % of a cold text parse). Paused until the command's imports are done, and in any case
    when the command ends (usage error included)."""
    if gc.isenabled():
        gc.disable()
        _collector["paused"] = True
        ctx.call_on_close(_resume_collector)


def _use_compile_cache(ctx: click.Context) -> None:
    """Regexes and dataclass methods compiled by earlier runs are read back instead of compiled
    again (`compile_cache`: a sixth of a cold text parse); off again when the command ends."""
    from . import compile_cache

    compile_cache.enable()
    ctx.call_on_close(compile_cache.disable)


def _resume_collector() -> None:
    """Imports done: freeze what they built (no later collection walks it, nor the one at exit)
    and let the collector run again for the parse itself."""
    if _collector["paused"]:
        _collector["paused"] = False
        gc.freeze()
        gc.enable()


def quiet_libraries() -> None:
    """Keep stderr to our own one-line messages (SPEC §3): pdfminer, pdfplumber and Pillow log
    or warn about every damaged object, and Python prints those with no handler configured.
    KEHOACH_DEBUG=1 shows them again. `parse` quiets the loggers only before a loader that
    uses those libraries: a text or DOCX plan never imports `logging`."""
    import warnings

    if os.environ.get("KEHOACH_DEBUG"):
        return
    warnings.simplefilter("ignore")
    ctx = click.get_current_context(silent=True)
    if ctx is not None and ctx.invoked_subcommand == "parse" and "logging" not in sys.modules:
        from .loaders import before_logging_libraries

        if _quiet_loggers not in before_logging_libraries:
            before_logging_libraries.append(_quiet_loggers)
    else:
        _quiet_loggers()


def _quiet_loggers() -> None:
    import logging

    root = logging.getLogger()
    if not any(isinstance(h, logging.NullHandler) for h in root.handlers):
        root.addHandler(logging.NullHandler())  # no "last resort" printing of library records
    for name in ("pdfminer", "pdfplumber", "PIL", "pypdfium2", "docx", "fontTools"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


@main.command()
@click.argument("file", type=click.Path(dir_okay=True, path_type=str))
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False), help="Write here (its folder must exist).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "jsonl", "csv", "xlsx"]),
    default="json",
    show_default=True,
    help="xlsx (an Excel workbook: Hoạt động, Phát hiện, Kế hoạch) needs -o.",
)
@click.option(
    "--ocr",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="OCR with tesseract: auto = scanned pages and unreadable text layers; always = every page; never = no OCR.",
)
@click.option(
    "--no-repair",
    is_flag=True,
    help="Do not repair broken Vietnamese in Mục tiêu, Nhiệm vụ, Hoạt động, Sản phẩm, Cơ quan chủ trì / phối hợp "
    "(legacy encodings still decode).",
)
@click.option("--jobs", type=click.IntRange(min=1), default=1, show_default=True, help="Pages to OCR in parallel.")
@click.option(
    "--headers",
    type=click.Choice(["en", "vi"]),
    default="en",
    show_default=True,
    help="CSV header row: en = field names (file, id, activity, lead, …); vi = the Vietnamese column titles of the "
    "Excel sheet Hoạt động (Tệp, Mã, Hoạt động, Cơ quan chủ trì, …).",
)
@click.option("--verbose", is_flag=True, help="One line per finished page on stderr (trang đã xong/tổng số trang).")
@GAZETTEER
@LIMITS
def parse(
    file: str,
    out: str | None,
    fmt: str,
    ocr: str,
    no_repair: bool,
    jobs: int,
    headers: str,
    verbose: bool,
    gazetteer: str | None,
    limits,
) -> None:
    """Parse one plan (PDF, DOCX, DOC, image or text; FILE - reads stdin) into JSON, JSONL, CSV or Excel."""
    from .export import render, render_bytes
    from .pipeline import parse as _imported  # noqa: F401  (the start-up imports, before the collector runs)

    _resume_collector()
    if fmt == "xlsx" and not out:
        raise click.UsageError("--format xlsx ghi ra tệp: cần -o FILE.xlsx")
    stop_on_signals()  # SIGTERM/SIGINT: children killed, temp folders removed
    if out:
        _output_folder_or_fail(out)
    options = {"ocr": ocr, "repair_text": not no_repair, "jobs": jobs, "gazetteer": gazetteer, "limits": limits}
    with _page_progress(file, verbose):
        plan = _parse_stdin(**options) if file == "-" else parse_or_fail(file, **options)
    text: str | bytes | Writer
    if fmt == "xlsx":
        from .export_xlsx import to_xlsx

        text = to_xlsx([plan])
    elif fmt == "json":
        from .export import write_json

        text = partial(write_json, plan)  # streamed into the file or stdout: never whole in memory
    else:
        text = render_bytes(plan, fmt, headers) if out else render(plan, fmt, headers)  # bytes: no second copy
    if out:
        _write_or_fail(out, text)
        errors = sum(1 for f in plan.findings if f.severity == "error")
        warnings = sum(1 for f in plan.findings if f.severity == "warning")
        click.echo(
            shown(f"{file}: {len(plan.records)} hoạt động, {errors} lỗi, {warnings} cảnh báo -> {out}"), err=True
        )
    elif isinstance(text, str):
        sys.stdout.write(text)
    elif callable(text):
        sys.stdout.flush()
        text(sys.stdout.buffer)
        sys.stdout.buffer.flush()


STDIN_PATH = "-"  # source.path of a plan read from stdin: the name given on the command line (SPEC §2)


def _parse_stdin(**options):
    """`parse -`: the bytes on stdin, sniffed like a file's (any format), parsed via a private temp file.

    The loaders read files, so stdin is copied into a folder only this process uses, removed
    however the parse ends; messages and `source.path` say "-", never the temp name.
    """
    from .children import scratch_dir
    from .errors import KehoachError
    from .pipeline import parse

    if sys.stdin is None or sys.stdin.isatty():
        fail("-: không có dữ liệu trên stdin (stdin is a terminal) — dùng `kehoach parse - < TỆP`", EXIT_USAGE)
    raw = getattr(sys.stdin, "buffer", sys.stdin)
    data = raw.read()
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogateescape")
    with scratch_dir("kehoach-stdin-") as folder:
        tmp = os.path.join(folder, "stdin")
        with open(tmp, "wb") as fh:
            fh.write(data)
        try:
            plan = parse(tmp, **options)
        except KehoachError as exc:
            fail(shown(str(exc).replace(tmp, STDIN_PATH)), exc.exit_code)
        except Exception as exc:  # never a traceback for a person
            if os.environ.get("KEHOACH_DEBUG"):
                raise
            fail(f"-: không phân tích được dữ liệu stdin ({type(exc).__name__}) — đặt KEHOACH_DEBUG=1 để xem chi tiết")
    plan.source.path = STDIN_PATH
    return plan


class _page_progress:
    """Parse progress (SPEC §3): on a terminal `pages done/total` with the time left, on stderr;
    off a terminal nothing, or with `--verbose` one line per finished page."""

    def __init__(self, file: str, verbose: bool) -> None:
        self.name, self.verbose = shown(file), verbose
        self.bar: Any = None  # a rich Progress once the first page of several is done, on a terminal
        self.task: Any = None

    def __enter__(self):
        from .progress import listening

        if sys.stderr.isatty() or self.verbose:
            self._listening = listening(self.page)
            self._listening.__enter__()
        return self

    def page(self, done: int, total: int) -> None:
        if sys.stderr.isatty() and self.bar is None and total > 1:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self.bar = Progress(
                TextColumn("trang"), BarColumn(), MofNCompleteColumn(), TextColumn("còn"), TimeRemainingColumn(),
                TextColumn(Path(self.name).name[:40]), console=Console(stderr=True), transient=True,
            )  # fmt: skip
            self.bar.start()
            self.task = self.bar.add_task("", total=total)
        if self.bar is not None:
            self.bar.update(self.task, completed=done, total=total)
        if self.verbose:
            _say(self.bar, f"{self.name}: trang {done}/{total} xong")

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()
        if hasattr(self, "_listening"):
            self._listening.__exit__(*exc)


def _output_folder_or_fail(out: str) -> None:
    """`parse -o` and `--combined` never create folders (SPEC §3): refuse before any work."""
    folder = Path(out).parent
    if not folder.is_dir():
        fail(shown(f"{out}: thư mục {folder} không tồn tại — tạo thư mục trước hoặc chọn -o khác"))


def _say(bar: Any, line: str) -> None:
    """One `--verbose` line on stderr, printed above a live progress bar when there is one."""
    if bar is not None:
        bar.console.print(line, markup=False, highlight=False)
    else:
        click.echo(line, err=True)


def _write_or_fail(out: str | Path, text: str | bytes | Writer) -> None:
    from .errors import KehoachError

    try:
        write_atomic(out, text)
    except KehoachError as exc:
        fail(str(exc), exc.exit_code)


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

    # Bytes that are not UTF-8 become U+FFFD, on stdin as in a file, whatever the locale says:
    # text to repair is often damaged, and one bad byte must not stop the rest.
    if file == "-":
        raw = getattr(sys.stdin, "buffer", None)
        stream = sys.stdin if raw is None else io.TextIOWrapper(raw, encoding="utf-8", errors="replace")
    elif os.path.isdir(file):
        fail(shown(f"{file}: là một thư mục, không phải tệp (is a directory) — cho một tệp văn bản hoặc dùng stdin"))
    elif not os.path.isfile(file):
        fail(shown(f"{file}: không tìm thấy tệp (file not found) — kiểm tra lại đường dẫn"))
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
@click.option(
    "--combined",
    type=click.Path(dir_okay=False),
    help="Also write every record of every plan to one file: JSONL, or an Excel workbook when it ends in .xlsx.",
)
@click.option("--ocr", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True)
@click.option("--no-repair", is_flag=True, help="Do not repair broken Vietnamese.")
@click.option(
    "--executor",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="local: warm worker processes here; dask: a Dask cluster (pip install 'kehoach-parse[dask]').",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Dask scheduler, e.g. tcp://HOST:8786 [default: a local cluster of --jobs workers].",
)
@click.option("--verbose", is_flag=True, help="One line per finished file on stderr: name, status, records, seconds.")
@GAZETTEER
@LIMITS
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
    executor: str,
    scheduler: str | None,
    verbose: bool,
    gazetteer: str | None,
    limits,
) -> None:
    """Convert every plan under DIRECTORY into OUTDIR/<path>.json plus summary.csv/json."""
    from .batch import DEFAULT_PATTERNS, combined_lines, combined_plans, run_batch, summary_csv, summary_json

    if scheduler and executor != "dask":
        raise click.UsageError("--scheduler chỉ dùng với --executor dask")
    if gazetteer:
        from .errors import KehoachError
        from .pipeline import gazetteer_or_fail

        try:
            gazetteer_or_fail(gazetteer)
        except KehoachError as exc:
            fail(str(exc), exc.exit_code)
    stop_on_signals()  # SIGTERM/SIGINT: workers stopped, their children killed, temp folders removed
    root, out = Path(directory), Path(outdir)
    try:
        out.mkdir(parents=True, exist_ok=True)  # batch creates OUTDIR (SPEC §3)
    except OSError as exc:
        fail(shown(f"{out}: không tạo được thư mục kết quả ({exc.strerror}) — chọn -o khác"))
    if not os.access(out, os.W_OK | os.X_OK):
        fail(shown(f"{out}: không ghi được vào thư mục kết quả (permission denied) — kiểm tra quyền hoặc chọn -o khác"))
    if combined:
        _output_folder_or_fail(combined)  # OUTDIR exists now; any other folder must already
    options = {"ocr": ocr, "repair_text": not no_repair, "gazetteer": gazetteer, "limits": limits}
    from .errors import KehoachError

    try:
        with _progress(verbose) as progress:
            outcomes = run_batch(
                root, out, jobs=jobs or os.cpu_count() or 1, patterns=patterns or DEFAULT_PATTERNS,
                resume=resume, timeout=timeout, options=options, progress=progress,
                skip=(Path(combined),) if combined else (), executor=executor, scheduler=scheduler,
            )  # fmt: skip
    except KehoachError as exc:  # --executor dask without dask, or its scheduler unreachable
        fail(shown(str(exc)), exc.exit_code)
    if not outcomes:
        click.echo(
            shown(
                f"kehoach: cảnh báo: {root}: không có tệp đầu vào nào ({', '.join(patterns or DEFAULT_PATTERNS)}) "
                "— kiểm tra thư mục hoặc --glob"
            ),
            err=True,
        )
    _write_or_fail(out / "summary.json", summary_json(outcomes))
    _write_or_fail(out / "summary.csv", summary_csv(outcomes))
    if combined and combined.lower().endswith(".xlsx"):
        from .export_xlsx import to_xlsx

        _write_or_fail(combined, to_xlsx(list(combined_plans(outcomes))))
    elif combined:
        _write_or_fail(combined, "".join(combined_lines(outcomes)))
    bad = [o for o in outcomes if o.status in ("failed", "timeout")]
    for o in bad:
        click.echo(f"kehoach: {o.error}", err=True)
    done = sum(1 for o in outcomes if o.status == "ok")
    skipped = sum(1 for o in outcomes if o.status == "skipped")
    click.echo(
        shown(
            f"{len(outcomes)} tệp: {done} đã chuyển, {skipped} bỏ qua (--resume), {len(bad)} lỗi -> {out}/summary.csv"
        ),
        err=True,
    )
    sys.exit(EXIT_INPUT if bad else EXIT_OK)


class _progress:
    """Batch progress (SPEC §3): on a terminal a bar with total, done, failed, ETA and the file in
    work; `--verbose` one line per finished file (name, status, records, seconds); else silence."""

    def __init__(self, verbose: bool = False) -> None:
        self.verbose, self.bar, self.failed, self.working_on = verbose, None, 0, ""

    def __enter__(self):
        if sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self.bar = Progress(
                BarColumn(), MofNCompleteColumn(), TextColumn("lỗi {task.fields[failed]}"),
                TextColumn("còn"), TimeRemainingColumn(), TextColumn("{task.description}"),
                console=Console(stderr=True), transient=True,
            )  # fmt: skip
            self.bar.start()
            self.task = self.bar.add_task("", total=None, failed=0)
        return self

    def begin(self, total: int) -> None:
        if self.bar is not None:
            self.bar.update(self.task, total=total)

    def working(self, file: str) -> None:
        self.working_on = Path(file).name[:40]
        if self.bar is not None:
            self.bar.update(self.task, description=self.working_on)

    def finished(self, outcome) -> None:
        self.failed += outcome.status in ("failed", "timeout")
        if self.bar is not None:
            self.bar.update(self.task, advance=1, failed=self.failed)
        if self.verbose:
            done = f"{outcome.file}: {outcome.status}, {outcome.records} hoạt động, {outcome.seconds:.2f} s"
            _say(self.bar, shown(done))

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("-o", "--output", "out", required=True, type=click.Path(dir_okay=False), help="The HTML file to write.")
@click.option(
    "--max-crops",
    type=click.IntRange(min=0),
    default=200,
    show_default=True,
    help="At most this many source crops (ảnh cắt trang) in the page, 12 MB of images at most; 0 = none.",
)
@click.option("--ocr", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True)
@GAZETTEER
@LIMITS
def report(files: tuple[str, ...], out: str, max_crops: int, ocr: str, gazetteer: str | None, limits) -> None:
    """An offline HTML review page: every record beside the crop of its source row.

    FILE is a plan document or the JSON/JSONL `kehoach parse` wrote; several make one page.
    """
    from .errors import KehoachError
    from .pipeline import generator
    from .report import build_report, plans_from_structured, source_for_crops

    stop_on_signals()
    _output_folder_or_fail(out)
    items: list[tuple[Any, str, str | None]] = []
    for file in files:
        try:
            check_regular(file)
            plans = plans_from_structured(file)
        except KehoachError as exc:
            fail(shown(str(exc)), exc.exit_code)
        if plans is None:
            with _page_progress(file, verbose=False):  # a scan takes a while: pages done/total on a terminal
                plan = parse_or_fail(file, ocr=ocr, gazetteer=gazetteer, limits=limits)
            items.append((plan, file, file))
        else:
            items.extend((p, file, source_for_crops(p, file)) for p in plans)
    _write_or_fail(out, build_report(items, generator=generator(), max_crops=max_crops))
    records = sum(len(p.records) for p, _, _ in items)
    click.echo(shown(f"{len(items)} kế hoạch, {records} hoạt động -> {out}"), err=True)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--strict", is_flag=True, help="Warnings fail too (exit 1).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text", show_default=True)
@GAZETTEER
def validate(files: tuple[str, ...], strict: bool, fmt: str, gazetteer: str | None) -> None:
    """Check plans (documents, or JSON made by `kehoach parse`) for CI: exit 1 on errors."""
    from .checking import check_path, render_findings

    results = [res for f in files for res in check_path(f, gazetteer=gazetteer)]
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
