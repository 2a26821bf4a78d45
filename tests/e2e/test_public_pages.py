"""Every public page: axe-core finds no serious or critical violation; screenshots at two widths."""

from __future__ import annotations

import pytest

from .conftest import axe_scan, shoot

PUBLIC_PAGES = [
    ("home", "/"),
    ("category", "/building/"),
    ("guide", "/building/13051010100/"),
    ("checklist", "/services/13051010100/checklist/"),
    ("search", "/search/?q=%D9%BE%D8%B1%D9%88%D8%A7%D9%86%D9%87"),
    ("apply", "/services/13051010100/apply/"),
    ("track", "/track/"),
    ("verify", "/verify/"),
    ("my-requests", "/my-requests/"),
    ("staff-login", "/accounts/login/"),
]


@pytest.mark.e2e
@pytest.mark.parametrize(("name", "path"), PUBLIC_PAGES, ids=[n for n, _ in PUBLIC_PAGES])
def test_public_page_has_no_serious_accessibility_violations(page, name, path):
    response = page.goto(path)
    assert response.status == 200, f"{path} answered {response.status}"
    shoot(page, f"public-{name}")
    serious = axe_scan(page, f"public-{name}")
    assert serious == [], "\n".join(f"{v['impact']} {v['id']}: {v['help']} {v['nodes'][:2]}" for v in serious)
