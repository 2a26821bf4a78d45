"""Production refuses to start without a strong DESK_LOOKUP_KEY of its own."""

import pytest

from tests.test_production_settings import GOOD_ENV, run_with

# The refusal happens before the signing key is read, so any non-empty value will do here.
SIGNING = {"DESK_SIGNING_KEY": "not-read-before-the-lookup-key-check"}


@pytest.mark.parametrize(
    "value",
    [None, "", "short", "dev-only-insecure-lookup-key-but-long-enough", "test-only-lookup-key-but-long-enough-too"],
)
def test_production_refuses_a_missing_or_weak_lookup_key(value):
    result = run_with({**SIGNING, "DESK_LOOKUP_KEY": value})
    assert result.returncode != 0
    assert "DESK_LOOKUP_KEY" in result.stderr


def test_production_refuses_the_secret_key_as_lookup_key():
    result = run_with({**SIGNING, "DESK_LOOKUP_KEY": GOOD_ENV["SECRET_KEY"]})
    assert result.returncode != 0
    assert "DESK_LOOKUP_KEY" in result.stderr
