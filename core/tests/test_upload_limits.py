"""Upload-limit defaults are defined once, in core.uploads; each channel may override them in settings."""

from core.uploads import DEFAULT_MAX_IMAGE_PIXELS, DEFAULT_MAX_PDF_PAGES, DEFAULT_MAX_TOTAL_MB, upload_limits


def test_a_channel_without_settings_gets_the_core_defaults(settings):
    for name in ("PORTAL_UPLOAD_TOTAL_MAX_MB", "PORTAL_MAX_IMAGE_PIXELS", "PORTAL_MAX_PDF_PAGES"):
        if hasattr(settings, name):
            delattr(settings, name)
    limits = upload_limits("PORTAL")
    assert (limits.max_total_mb, limits.max_image_pixels, limits.max_pdf_pages) == (
        DEFAULT_MAX_TOTAL_MB,
        DEFAULT_MAX_IMAGE_PIXELS,
        DEFAULT_MAX_PDF_PAGES,
    )


def test_a_setting_overrides_one_limit_of_one_channel(settings):
    settings.PORTAL_UPLOAD_TOTAL_MAX_MB = 3
    assert upload_limits("PORTAL").max_total_bytes == 3 * 1024 * 1024
    assert upload_limits("PARTNER").max_total_mb == DEFAULT_MAX_TOTAL_MB


def test_the_portal_reads_its_total_limit_from_core(settings):
    from citizen_portal.uploads import total_limit_bytes

    settings.PORTAL_UPLOAD_TOTAL_MAX_MB = 7
    assert total_limit_bytes() == 7 * 1024 * 1024
