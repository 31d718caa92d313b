"""`kehoach report` in a real headless browser (Debian's chromium), driven over the DevTools protocol.

The protocol runs over `--remote-debugging-pipe` (fd 3 in, fd 4 out, NUL-separated JSON), so no
websocket library and no browser download are needed. Skipped with a reason when chromium is
absent; CI installs it (scripts/install_sysdeps.sh). One screenshot per run is kept in
out/artifacts/ for a person to look at. Timeouts are generous guards against hangs, not speed checks.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import tempfile
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import ROOT, parsed
from kehoach_parse.cli import main

CHROMIUM = next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (apt-get install chromium; scripts/install_sysdeps.sh)"
)
PDF = "samples/pdf/003_72adce018a707e85.pdf"
DOCX = "samples/docx/004_4eb45db0ba18c56a.docx"
ARTIFACTS = ROOT / "out" / "artifacts"
GUARD = 60.0  # seconds: a hang guard, never a speed assertion


class Browser:
    """A headless chromium and one page, spoken to over the DevTools pipe."""

    def __init__(self, profile: str) -> None:
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()

        def fds() -> None:  # in the child: the protocol's fixed descriptors 3 and 4
            os.dup2(to_child_r, 3)
            os.dup2(from_child_w, 4)

        assert CHROMIUM is not None
        self.proc = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
             "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--mute-audio",
             f"--user-data-dir={profile}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=fds, pass_fds=(3, 4), start_new_session=True,
        )  # fmt: skip
        os.close(to_child_r)
        os.close(from_child_w)
        self._buf = b""
        self._id = 0
        self.session = ""
        targets = self.call("Target.getTargets")["targetInfos"]
        page = next(t for t in targets if t["type"] == "page")
        self.session = self.call("Target.attachToTarget", targetId=page["targetId"], flatten=True)["sessionId"]
        self.call("Page.enable")
        self.call("Runtime.enable")

    def _read(self, deadline: float) -> dict[str, Any]:
        import select

        while b"\0" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("chromium did not answer")
            ready, _, _ = select.select([self._from_child], [], [], left)
            if ready:
                chunk = os.read(self._from_child, 1 << 20)
                if not chunk:
                    raise RuntimeError("chromium closed the DevTools pipe")
                self._buf += chunk
        msg, self._buf = self._buf.split(b"\0", 1)
        return json.loads(msg)

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        self._id += 1
        msg: dict[str, Any] = {"id": self._id, "method": method, "params": params}
        if self.session and not method.startswith("Target."):
            msg["sessionId"] = self.session
        os.write(self._to_child, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + GUARD
        while True:
            reply = self._read(deadline)
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    def evaluate(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def open(self, url: str, width: int = 1366, height: int = 768) -> None:
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=False)
        self.call("Page.navigate", url=url)
        deadline = time.monotonic() + GUARD
        while self.evaluate("document.readyState + ':' + (document.body && document.body.dataset.ready)") != (
            "complete:1"
        ):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{url} did not finish loading")
            time.sleep(0.05)

    def screenshot(self, path: Path) -> None:
        data = self.call("Page.captureScreenshot", format="png")["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))

    def close(self) -> None:
        try:
            os.write(self._to_child, json.dumps({"id": 0, "method": "Browser.close"}).encode() + b"\0")
            self.proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            pass
        finally:
            if self.proc.poll() is None:
                os.killpg(self.proc.pid, 9)
                self.proc.wait()
            os.close(self._to_child)
            os.close(self._from_child)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with tempfile.TemporaryDirectory(prefix="kehoach-chromium-") as profile:
        b = Browser(profile)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="module")
def report_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One page for a digital PDF (with crops) and a DOCX (no pages, so no crops)."""
    out = tmp_path_factory.mktemp("report") / "report.html"
    os.chdir(ROOT)
    result = CliRunner().invoke(main, ["report", PDF, DOCX, "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    return out


def _visible_ids(browser: Browser) -> list[str]:
    """'plan-N/record id' of every record a person can see (ids repeat across plans)."""
    return browser.evaluate(
        "Array.from(document.querySelectorAll('article.rec')).filter(a => !a.hidden && a.offsetParent !== null)"
        ".map(a => a.closest('section.plan').id + '/' + a.dataset.record)"
    )


def _ids(pick) -> set[str]:
    """'plan-N/record id' of the records of the page's plans (PDF, DOCX) that `pick(plan, record)` keeps."""
    return {f"plan-{n}/{r.id}" for n, path in enumerate((PDF, DOCX), 1) for r in parsed(path).records
            if pick(parsed(path), r)}  # fmt: skip


def _severities(plan, rec) -> set[str]:
    return {f.severity for f in plan.findings if f.record_id == rec.id}


def test_page_renders_every_record_and_a_crop_loads(browser: Browser, report_page: Path) -> None:
    browser.open(report_page.as_uri())
    pdf, docx = parsed(PDF), parsed(DOCX)
    counts = browser.evaluate(
        "Array.from(document.querySelectorAll('section.plan')).map(s => s.querySelectorAll('article.rec').length)"
    )
    assert counts == [len(pdf.records), len(docx.records)]
    assert browser.evaluate("document.getElementById('shown-count').textContent") == str(
        len(pdf.records) + len(docx.records)
    )
    widths = browser.evaluate(
        "Array.from(document.querySelectorAll('#plan-1 img.crop-img')).map(i => i.complete ? i.naturalWidth : -1)"
    )
    assert len(widths) == len(pdf.records)  # every PDF record has its crop
    assert all(w > 0 for w in widths)
    assert browser.evaluate("document.querySelectorAll('#plan-2 img').length") == 0  # a DOCX has no pages
    # usable at 1366x768: nothing wider than the window
    assert browser.evaluate("document.documentElement.scrollWidth") <= 1366
    browser.screenshot(ARTIFACTS / "report-1366x768.png")


def test_severity_filter_from_the_hash_hides_the_rest(browser: Browser, report_page: Path) -> None:
    browser.open(report_page.as_uri() + "#sev=error")
    with_errors = _ids(lambda p, r: "error" in _severities(p, r))
    assert with_errors  # the DOCX has records without a lead
    assert sorted(_visible_ids(browser)) == sorted(with_errors)
    shown = browser.evaluate(
        "Array.from(document.querySelectorAll('li.finding')).filter(l => l.offsetParent !== null)"
        ".map(l => l.dataset.sev)"
    )
    assert shown and set(shown) == {"error"}
    # changing the hash re-filters; no hash shows everything again
    browser.evaluate("location.hash = 'sev=none'; new Promise(r => setTimeout(r, 50))")
    assert set(_visible_ids(browser)) == _ids(lambda p, r: not _severities(p, r))


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text).replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def test_text_filter_typed_in_the_box(browser: Browser, report_page: Path) -> None:
    browser.open(report_page.as_uri())
    docx = parsed(DOCX)
    target = next(r for r in docx.records if r.activity and len(r.activity.text) > 40)
    needle = _fold(target.activity.text[:40])  # typed without accents, as people do
    browser.evaluate(
        f"(() => {{ const q = document.getElementById('q'); q.value = {json.dumps(needle)};"
        " q.dispatchEvent(new Event('input', {bubbles: true})); })()"
    )
    visible = _visible_ids(browser)
    assert f"plan-2/{target.id}" in visible
    assert len(visible) < len(docx.records) + len(parsed(PDF).records)
    assert browser.evaluate("location.hash").startswith("#q=")  # the filter is in the URL, to share it


def test_phone_width_has_no_sideways_scroll(browser: Browser, report_page: Path) -> None:
    browser.open(report_page.as_uri(), width=390, height=844)
    assert browser.evaluate("document.documentElement.scrollWidth") <= 390
    columns = browser.evaluate("getComputedStyle(document.querySelector('.rbody')).gridTemplateColumns")
    assert len(columns.split(" ")) == 1  # fields and crop stacked
