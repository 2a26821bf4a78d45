"""Real database faults for tests: a trigger that makes every insert into a table fail."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection


def install_insert_failure(table: str, name: str, message: str) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$ "
                f"BEGIN RAISE EXCEPTION '{message}'; END; $$ LANGUAGE plpgsql"
            )
            cursor.execute(f"CREATE TRIGGER {name} BEFORE INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION {name}()")
        else:
            cursor.execute(
                f"CREATE TRIGGER {name} BEFORE INSERT ON {table} BEGIN SELECT RAISE(ABORT, '{message}'); END"
            )


def remove_insert_failure(table: str, name: str) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            cursor.execute(f"DROP FUNCTION IF EXISTS {name}()")
        else:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


@contextmanager
def failing_inserts(table: str, name: str, message: str) -> Iterator[None]:
    install_insert_failure(table, name, message)
    try:
        yield
    finally:
        remove_insert_failure(table, name)
