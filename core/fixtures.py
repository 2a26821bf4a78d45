"""Read the top-level ``fixtures/`` folder and create what is missing, never changing what exists.

A table fixture is YAML: ``{model: "app_label.ModelName", key: [field, ...], rows: [{field: value}]}``.
A row whose key is already in the table is left exactly as it is, so an editor's later change
survives every run. A relation is written as a look-up (``head: {username: manager}``), a
many-to-many as a list of look-ups, and a modelcluster child relation as a list of rows.
Models are resolved by label with ``apps.get_model``, so core imports none of our apps.
"""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import models

from .calendar import jalali_to_date

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"


def read(name: str) -> Any:
    """One fixture file, e.g. ``read("reference/groups.yaml")``."""
    with (FIXTURES_DIR / name).open(encoding="utf-8") as file:
        return yaml.safe_load(file)


def build(model: type[models.Model], row: dict) -> models.Model:
    """An unsaved instance of a row; child rows become its (ordered) modelcluster children."""
    values, children = {}, {}
    for name, value in row.items():
        field = model._meta.get_field(name)
        if field.one_to_many:
            child_model = field.related_model
            ordered = any(f.name == "sort_order" for f in child_model._meta.fields)
            children[name] = [
                build(child_model, {"sort_order": i, **child} if ordered else child) for i, child in enumerate(value)
            ]
        elif field.many_to_one and value is not None:
            values[name] = field.related_model._default_manager.get(**value)
        else:
            values[name] = value
    obj = model(**values)
    for name, items in children.items():
        setattr(obj, name, items)
    return obj


def ensure_rows(fixture: dict, *, on_create: Callable[[models.Model], None] | None = None) -> int:
    """Create the rows whose key is missing (validated first); return how many were created."""
    model = apps.get_model(fixture["model"])
    created = 0
    for row in fixture["rows"]:
        many = {name: row[name] for name in row if model._meta.get_field(name).many_to_many}
        obj = build(model, {name: value for name, value in row.items() if name not in many})
        if model._default_manager.filter(**{name: getattr(obj, name) for name in fixture["key"]}).exists():
            continue
        # Only what the row gives is checked: a password, say, is set by on_create.
        obj.full_clean(exclude=[f.name for f in model._meta.fields if f.name not in row])
        obj.save()
        for name, lookups in many.items():
            related = model._meta.get_field(name).related_model._default_manager
            getattr(obj, name).add(*[related.get(**lookup) for lookup in lookups])
        if on_create is not None:
            on_create(obj)
        created += 1
    return created


def ensure_groups(fixture: dict[str, list[str]]) -> dict[str, Group]:
    """Each group with at least its listed ``app_label.codename`` permissions (none is removed)."""
    groups = {}
    for name, perms in fixture.items():
        group, _created = Group.objects.get_or_create(name=name)
        wanted = [perm.split(".", 1) for perm in perms]
        group.permissions.add(
            *[Permission.objects.get(content_type__app_label=app, codename=code) for app, code in wanted]
        )
        groups[name] = group
    return groups


def ensure_holidays(fixture: dict) -> int:
    """The fixed Jalali holidays of every listed year, created where the date has none."""
    rows = [
        {"date": jalali_to_date(year, day["month"], day["day"]), "title": day["title"]}
        for year in fixture["years"]
        for day in fixture["days"]
    ]
    return ensure_rows({"model": "core.Holiday", "key": ["date"], "rows": rows})
