"""The staging area keeps checked uploads across a re-shown form, and only for that form."""

import time

from citizen_portal import staging

from .files import pdf_bytes, pdf_file


def test_staged_file_survives_and_reads_back_identically():
    token = staging.new_token()
    assert staging.stage(
        token, "apply:1", "id-card", pdf_file("card.pdf"), content_type="application/pdf", original_name="card.pdf"
    )
    staged = staging.staged_files(token, "apply:1")
    assert staged["id-card"].original_name == "card.pdf"
    upload = staging.open_staged(token, "apply:1", "id-card")
    try:
        assert upload.read() == pdf_bytes()
    finally:
        upload.close()


def test_forged_token_sees_nothing():
    assert (
        staging.stage("abc:def", "apply:1", "k", pdf_file(), content_type="application/pdf", original_name="a.pdf")
        is False
    )
    assert staging.staged_files("0" * 32 + ":forged", "apply:1") == {}


def test_token_of_another_form_sees_nothing():
    token = staging.new_token()
    staging.stage(token, "apply:1", "k", pdf_file(), content_type="application/pdf", original_name="a.pdf")
    assert staging.staged_files(token, "apply:2") == {}


def test_expired_token_is_refused(settings):
    token = staging.new_token()
    staging.stage(token, "apply:1", "k", pdf_file(), content_type="application/pdf", original_name="a.pdf")
    settings.PORTAL_STAGING_MAX_AGE = -1
    assert staging.staged_files(token, "apply:1") == {}


def test_purge_removes_old_folders_only():
    old, fresh = staging.new_token(), staging.new_token()
    staging.stage(old, "s", "k", pdf_file(), content_type="application/pdf", original_name="a.pdf")
    staging.stage(fresh, "s", "k", pdf_file(), content_type="application/pdf", original_name="a.pdf")
    removed = staging.purge_expired(now=time.time() + 10)  # nothing is older than the max age yet
    assert removed == 0
    removed = staging.purge_expired(now=time.time() + 7200)
    assert removed >= 2
    assert staging.staged_files(fresh, "s") == {}


def test_discard_deletes_the_files():
    token = staging.new_token()
    staging.stage(token, "s", "k", pdf_file(), content_type="application/pdf", original_name="a.pdf")
    staging.discard(token, "s")
    assert staging.staged_files(token, "s") == {}
