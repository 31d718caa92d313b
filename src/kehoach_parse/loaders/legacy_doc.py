"""Legacy Word `.doc` (OLE2): converted to DOCX by LibreOffice, then read as DOCX.

Writing a `.doc` reader is not worth it: LibreOffice converts faithfully, merges and
fonts included, so the DOCX loader sees the same structure (and decodes `.VnTime` text
the same way). Without `soffice` on PATH the user gets one line saying what to install.
LibreOffice runs through `children.run_child`: its whole process group dies on timeout,
on a signal or with us, and the temp folder (holding a copy of the input) goes with it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from ..children import run_child, scratch_dir
from ..errors import InputError
from ..source import SourceDocument
from . import RawInput
from .limits import Limits

# A real plan converts in a few seconds; a file that hangs LibreOffice is cut off well
# under a minute (batch --timeout, when shorter, ends the whole worker first).
TIMEOUT_SECONDS = 40
SOFFICE_NAMES = ("soffice", "libreoffice")

NO_SOFFICE = "tệp Word cũ (.doc) cần LibreOffice để chuyển sang DOCX, nhưng không tìm thấy lệnh `soffice`"
NO_SOFFICE_HINT = (
    "cài gói Debian libreoffice-writer (apt-get install libreoffice-writer) hoặc lưu lại tệp dưới dạng .docx"
)


def find_soffice() -> str | None:
    """The LibreOffice binary on PATH, if any."""
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def convert_to_docx(raw: RawInput, *, timeout: float = TIMEOUT_SECONDS) -> bytes:
    """Convert `.doc` bytes to DOCX bytes with a headless LibreOffice in a private profile.

    A private profile directory lets several conversions run at once (batch --jobs)
    without fighting over the user's LibreOffice lock.
    """
    soffice = find_soffice()
    if soffice is None:
        raise InputError(raw.path, NO_SOFFICE, NO_SOFFICE_HINT)
    with scratch_dir("kehoach-doc-") as tmp:
        work = Path(tmp)
        src = work / "input.doc"
        src.write_bytes(raw.data)
        profile = (work / "profile").as_uri()
        cmd = [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--nologo",
            "--nolockcheck",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(work / "out"),
            str(src),
        ]
        env = dict(os.environ, HOME=str(work))
        try:
            proc = run_child(cmd, timeout=timeout, env=env)
        except subprocess.TimeoutExpired as exc:
            raise InputError(
                raw.path,
                f"LibreOffice không chuyển đổi xong tệp .doc sau {timeout:g} giây",
                "thử lưu lại tệp dưới dạng .docx",
            ) from exc
        except OSError as exc:
            raise InputError(raw.path, f"không chạy được LibreOffice ({exc.strerror})", NO_SOFFICE_HINT) from exc
        out = work / "out" / "input.docx"
        if proc.returncode != 0 or not out.is_file() or out.stat().st_size == 0:
            detail = (proc.stderr or proc.stdout or b"").decode("utf-8", "replace").strip().splitlines()
            why = f": {detail[-1][:120]}" if detail else ""
            raise InputError(
                raw.path,
                f"LibreOffice không chuyển đổi được tệp .doc (tệp hỏng hoặc có mật khẩu?){why}",
                "mở bằng Word/LibreOffice và lưu lại dưới dạng .docx",
            )
        return out.read_bytes()


_WORD_STREAM = "WordDocument".encode("utf-16-le")


def load(raw: RawInput, limits: Limits | None = None) -> SourceDocument:
    """Load a `.doc` by converting it; provenance keeps the original file's path and hash."""
    from . import docx

    if _WORD_STREAM not in raw.data:
        # OLE2 is also .xls, .ppt, .msg: without a WordDocument stream it is no Word file
        raise InputError(
            raw.path,
            "tệp OLE2 không phải văn bản Word .doc (có thể là .xls/.ppt hoặc tệp hỏng) (unsupported content)",
            "kehoach đọc PDF, DOCX, DOC, ảnh quét hoặc văn bản (.txt)",
        )

    converted = RawInput(path=raw.path, data=convert_to_docx(raw), sha256=raw.sha256)
    src = docx.load(converted, limits)
    src.loader = "doc.soffice"
    return src
