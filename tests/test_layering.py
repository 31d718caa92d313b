"""Layering (SPEC §7, issue 12): `loaders/` never imports `plan/`, not even lazily inside a function.

What both layers need (the column vocabulary, area titles, the deadline recogniser) lives in
`lexicon/` below both; `lexicon/` itself imports neither layer.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "kehoach_parse"


def _imported_packages(path: Path, root: Path = PACKAGE) -> list[tuple[int, str]]:
    """(line, first package below kehoach_parse) of every import in the module, wherever it stands."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    depth = len(path.relative_to(root).parts) - 1  # folders between the package root and the module
    out: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "kehoach_parse" and len(parts) > 1:
                    out.append((node.lineno, parts[1]))
        elif isinstance(node, ast.ImportFrom):
            module = (node.module or "").split(".") if node.module else []
            if node.level == 0:
                if module[:1] == ["kehoach_parse"] and len(module) > 1:
                    out.append((node.lineno, module[1]))
                continue
            if node.level > depth + 1:
                continue  # above the package: not ours
            here = list(path.relative_to(root).parts[:-1])
            base = here[: len(here) - (node.level - 1)]
            target = base + module
            if target:
                out.append((node.lineno, target[0]))
            else:  # `from .. import plan`
                out.extend((node.lineno, alias.name) for alias in node.names)
    return out


def _modules(folder: str) -> list[Path]:
    return sorted((PACKAGE / folder).rglob("*.py"))


@pytest.mark.parametrize("path", _modules("loaders"), ids=lambda p: p.name)
def test_loaders_never_import_plan(path: Path) -> None:
    bad = [line for line, pkg in _imported_packages(path) if pkg == "plan"]
    assert not bad, f"{path.name} imports plan/ at lines {bad}: move what it needs into lexicon/"


@pytest.mark.parametrize("path", _modules("lexicon"), ids=lambda p: p.name)
def test_lexicon_imports_neither_layer(path: Path) -> None:
    bad = [(line, pkg) for line, pkg in _imported_packages(path) if pkg in ("plan", "loaders")]
    assert not bad, f"{path.name} imports {bad}: lexicon/ stands below both layers"


def test_the_walk_sees_lazy_and_relative_imports(tmp_path: Path) -> None:
    """The check itself: an import of plan inside a function, in any spelling, is found."""
    probe = tmp_path / "kehoach_parse" / "loaders" / "probe.py"
    probe.parent.mkdir(parents=True)
    probe.write_text(
        "def f():\n"
        "    from ..plan.columns import vocabulary\n"
        "    from .. import plan\n"
        "    import kehoach_parse.plan.areas\n"
        "    from kehoach_parse.plan import deadlines\n"
        "    from ..vietnamese.keys import key\n"
        "    from .text_columns import tokens\n",
        encoding="utf-8",
    )
    found = [pkg for _, pkg in _imported_packages(probe, tmp_path / "kehoach_parse")]
    assert found == ["plan", "plan", "plan", "plan", "vietnamese", "loaders"]
