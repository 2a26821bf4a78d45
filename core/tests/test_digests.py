"""Keyed look-up digests: one subkey per purpose, their own key, and a rotation path."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from core.digests import MOBILE, NATIONAL_ID, digest_candidates, keyed_digest, matches


def test_the_same_value_has_a_different_digest_for_each_purpose():
    assert keyed_digest(NATIONAL_ID, "0012345679") != keyed_digest(MOBILE, "0012345679")


def test_digest_is_64_hex_characters_and_stable():
    digest = keyed_digest(NATIONAL_ID, "0012345679")
    assert len(digest) == 64 and int(digest, 16) >= 0
    assert keyed_digest(NATIONAL_ID, "0012345679") == digest


def test_changing_secret_key_alone_changes_no_digest(settings):
    before = keyed_digest(NATIONAL_ID, "0012345679"), keyed_digest(MOBILE, "09120001234")
    settings.SECRET_KEY = "a-completely-different-secret-key"
    assert (keyed_digest(NATIONAL_ID, "0012345679"), keyed_digest(MOBILE, "09120001234")) == before


def test_changing_the_lookup_key_changes_every_digest(settings):
    before = keyed_digest(NATIONAL_ID, "0012345679")
    settings.DESK_LOOKUP_KEY = "another-lookup-key-for-this-test"
    assert keyed_digest(NATIONAL_ID, "0012345679") != before


def test_without_a_rotation_there_is_one_candidate(settings):
    settings.DESK_LOOKUP_KEY_PREVIOUS = ""
    assert digest_candidates(NATIONAL_ID, "0012345679") == [keyed_digest(NATIONAL_ID, "0012345679")]


def test_during_a_rotation_the_previous_keys_digest_is_a_candidate(settings):
    settings.DESK_LOOKUP_KEY = "old-lookup-key"
    old = keyed_digest(NATIONAL_ID, "0012345679")
    settings.DESK_LOOKUP_KEY, settings.DESK_LOOKUP_KEY_PREVIOUS = "new-lookup-key", "old-lookup-key"
    new = keyed_digest(NATIONAL_ID, "0012345679")
    assert digest_candidates(NATIONAL_ID, "0012345679") == [new, old]
    assert matches(NATIONAL_ID, "0012345679", old) and matches(NATIONAL_ID, "0012345679", new)
    assert not matches(NATIONAL_ID, "0012345670", old)


def test_previous_key_equal_to_the_current_one_is_ignored(settings):
    settings.DESK_LOOKUP_KEY_PREVIOUS = settings.DESK_LOOKUP_KEY
    assert len(digest_candidates(MOBILE, "09120001234")) == 1


def test_missing_lookup_key_refuses_to_digest(settings):
    settings.DESK_LOOKUP_KEY = ""
    with pytest.raises(ImproperlyConfigured):
        keyed_digest(NATIONAL_ID, "0012345679")


def test_a_purpose_label_is_required():
    with pytest.raises(ValueError):
        keyed_digest("", "0012345679")
