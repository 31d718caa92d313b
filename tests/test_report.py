"""`kehoach report` without a browser: the HTML's records, escaping, crops, inputs and refusals."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

from click.testing import CliRunner

from conftest import S003, parsed
from kehoach_parse.cli import main
from kehoach_parse.export import to_json
from kehoach_parse.report import build_report

PDF = "samples/pdf/003_72adce018a707e85.pdf"
DOCX = "samples/docx/004_4eb45db0ba18c56a.docx"


def run(*args: str) -> tuple[int, str, str]:
    res = CliRunner().invoke(main, list(args))
    return res.exit_code, res.stdout, res.stderr


class Tags(HTMLParser):
    """Start tags with their attributes, and the text of <script> elements."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)

    def having(self, tag: str, cls: str | None = None) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag and (cls is None or cls in (a.get("class") or "").split())]


def tags(html: str) -> Tags:
    t = Tags()
    t.feed(html)
    return t


def test_one_article_per_record_and_self_contained() -> None:
    plan = parsed(S003)
    page = build_report([(plan, S003, S003)], generator="kehoach-parse test")
    t = tags(page)
    assert len(t.having("article", "rec")) == len(plan.records) == 35
    assert [a["data-record"] for a in t.having("article", "rec")] == [r.id for r in plan.records]
    assert len(t.scripts) == 1  # the filter, inline
    # nothing fetched from anywhere: no external src/href, and a CSP that forbids it
    assert not re.search(r'(src|href)="(?!data:|#)', page)
    assert "default-src 'none'" in page
    assert "Nguồn không phải PDF hay ảnh" in page  # a text plan: no crops, and the page says why


def test_script_in_a_cell_is_escaped() -> None:
    plan = parsed(S003).model_copy(deep=True)
    rec = plan.records[0]
    assert rec.activity is not None
    rec.activity.text = "<script>alert('x')</script> & <b>"
    rec.extra = {'"><img src=x onerror=alert(1)>': "<script>document.body.remove()</script>"}
    rec.lead[0] = rec.lead[0].model_copy(update={"current_name": '" onmouseover="alert(1)'})  # agencies are frozen
    page = build_report([(plan, S003, None)], generator="<script>")
    t = tags(page)
    assert len(t.scripts) == 1 and "alert" not in t.scripts[0]
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;b&gt;" in page
    assert not t.having("img")  # the extra column's header stayed text
    assert all("onmouseover" not in a for _, attrs in t.tags for a in attrs)


def test_pdf_records_get_crops_and_the_cap_is_said(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    code, _, err = run("report", PDF, "-o", str(out), "--max-crops", "3")
    assert code == 0, err
    t = tags(out.read_text("utf-8"))
    imgs = t.having("img", "crop-img")
    assert len(imgs) == 3 and all((a["src"] or "").startswith("data:image/jpeg;base64,") for a in imgs)
    assert "Đã đạt giới hạn 3 ảnh" in out.read_text("utf-8")
    assert err.strip() == f"1 kế hoạch, 35 hoạt động -> {out}"


def test_parse_json_reopens_its_source_or_says_why_not(tmp_path: Path) -> None:
    data = json.loads(to_json(parsed(PDF)))
    beside = tmp_path / "plan.json"
    beside.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "r.html"
    assert run("report", str(beside), "-o", str(out))[0] == 0
    assert len(tags(out.read_text("utf-8")).having("img", "crop-img")) == 35  # source.path found from the cwd
    data["source"]["path"] = "gone/away.pdf"
    beside.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert run("report", str(beside), "-o", str(out))[0] == 0
    page = out.read_text("utf-8")
    assert not tags(page).having("img") and "Không tìm thấy tệp nguồn gone/away.pdf" in page
    # a copy of the PDF that differs from the one parsed gives no (wrong) crops
    (tmp_path / "gone").mkdir()
    shutil.copy(DOCX, tmp_path / "gone" / "away.pdf")
    assert run("report", str(beside), "-o", str(out))[0] == 0
    assert "đã thay đổi sau khi phân tích" in out.read_text("utf-8")


def test_batch_of_documents_and_json_on_one_page(tmp_path: Path) -> None:
    js = tmp_path / "003.json"
    js.write_text(to_json(parsed(S003)), encoding="utf-8")
    out = tmp_path / "r.html"
    code, _, err = run("report", DOCX, str(js), "-o", str(out))
    assert code == 0, err
    t = tags(out.read_text("utf-8"))
    assert [a["data-records"] for a in t.having("section", "plan")] == ["82", "35"]
    assert len(t.having("article", "rec")) == 117


def test_refusals_are_one_line_exit_3(tmp_path: Path) -> None:
    code, _, err = run("report", S003, "-o", str(tmp_path / "missing" / "r.html"))
    assert code == 3 and len(err.strip().splitlines()) == 1 and "không tồn tại" in err
    bad = tmp_path / "bad.json"
    bad.write_text('{"hello": 1}', encoding="utf-8")
    code, _, err = run("report", str(bad), "-o", str(tmp_path / "r.html"))
    assert code == 3 and len(err.strip().splitlines()) == 1 and "không phải kế hoạch" in err
    code, _, err = run("report", "nope.pdf", "-o", str(tmp_path / "r.html"))
    assert code == 3 and "không tìm thấy tệp" in err
    assert not (tmp_path / "r.html").exists()  # never a partial page


def test_a_repair_marks_the_words_it_changed() -> None:
    from kehoach_parse.report.html import _marked

    old, new = _marked("Các phòng chuyên mồn, <nghiệp> vụ", "Các phòng chuyên môn, <nghiệp> vụ")
    assert old == "Các phòng chuyên <del>mồn,</del> &lt;nghiệp&gt; vụ"
    assert new == "Các phòng chuyên <ins>môn,</ins> &lt;nghiệp&gt; vụ"


def test_ocr_boxes_in_300_dpi_pixels_map_back_to_points() -> None:
    """Digital pages give boxes in points; the OCR loader gives them in its 300 dpi pixels."""
    from kehoach_parse.report.crops import _in_points

    a4_landscape = (842.0, 595.4)
    assert _in_points((56.8, 311.3, 799.3, 422.2), *a4_landscape) == (56.8, 311.3, 799.3, 422.2)
    x0, y0, x1, y1 = _in_points((235.8, 1296.6, 3330.0, 1759.5), *a4_landscape)
    assert (round(x0), round(y0), round(x1), round(y1)) == (57, 311, 799, 422)


def test_image_crops_use_the_image_pixels_the_ocr_boxes_are_in() -> None:
    # The OCR loader gives an image's boxes in the image's own pixels, whatever its dpi (a 200 dpi
    # scan is read at a higher resolution, but its boxes are scaled back). The crop of a row must hold
    # the whole row: here a black bar exactly at the box.
    import io

    from PIL import Image, ImageDraw

    from kehoach_parse.report.crops import _crop, _image_pages, _in_points

    page = Image.new("L", (1000, 800), 255)
    ImageDraw.Draw(page).rectangle((100, 200, 899, 299), fill=0)
    buf = io.BytesIO()
    page.save(buf, format="PNG", dpi=(200, 200))
    [(number, img, w, h)] = list(_image_pages(buf.getvalue(), [1]))
    assert (number, w, h) == (1, 1000.0, 800.0)
    crop = _crop(img, _in_points((100.0, 200.0, 900.0, 300.0), w, h), w, h)
    assert crop is not None
    assert crop.histogram()[0] == 800 * 100  # every pixel of the bar
