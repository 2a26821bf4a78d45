"""Imports go one way: core <- cms <- workflows <- notifications <- correspondence <- citizen_portal.

An AST walk over every module of the apps (function-level imports included, since a late import
is still a dependency): a module may import its own app and the layers below it, never above.
Tests are exempt (they may build any object they need).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# notifications and correspondence are both integrations; correspondence delivers its letters
# through the notifications outbox, so it sits one step above it.
LAYERS = ["core", "cms", "workflows", "notifications", "correspondence", "citizen_portal"]
RANK = {app: rank for rank, app in enumerate(LAYERS)}


def imported_apps(source: str, module: str) -> set[str]:
    """Our top-level apps that `source` (the text of dotted `module`) imports, absolute or relative."""
    found = set()
    package = module.split(".")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the module's package
                base = package[: len(package) - node.level]
                names = [".".join([*base, node.module] if node.module else base)]
            else:
                names = [node.module or ""]
        else:
            continue
        found.update(name.split(".")[0] for name in names if name.split(".")[0] in RANK)
    return found


def violations(root: Path = ROOT) -> list[str]:
    out = []
    for app in LAYERS:
        for path in sorted((root / app).rglob("*.py")):
            relative = path.relative_to(root)
            if "tests" in relative.parts:
                continue
            module = ".".join(relative.with_suffix("").parts)
            for target in imported_apps(path.read_text(encoding="utf-8"), module):
                if RANK[target] > RANK[app]:
                    out.append(f"{relative} imports {target}")
    return out


def test_every_app_imports_only_its_own_layer_and_below():
    assert violations() == []


@pytest.mark.parametrize(
    ("source", "module", "expected"),
    [
        ("from correspondence import letters", "workflows.services.intake", {"correspondence"}),
        ("def f():\n    from notifications import outbox", "workflows.tasks", {"notifications"}),
        ("from ..models import ServiceRequest", "workflows.services.intake", {"workflows"}),
        ("import citizen_portal.forms", "cms.models", {"citizen_portal"}),
        ("from django.db import models", "core.models", set()),
    ],
)
def test_the_check_sees_absolute_late_and_relative_imports(source, module, expected):
    assert imported_apps(source, module) == expected


def test_a_workflows_module_importing_an_integration_is_reported(tmp_path):
    for app in LAYERS:
        (tmp_path / app).mkdir()
    (tmp_path / "workflows" / "services.py").write_text("def f():\n    from correspondence import letters\n")
    (tmp_path / "correspondence" / "letters.py").write_text("from workflows import services\n")
    assert violations(tmp_path) == ["workflows/services.py imports correspondence"]
