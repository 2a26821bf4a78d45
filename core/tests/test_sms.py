import json
import logging

import pytest
from django.core.exceptions import ValidationError

from core import sms


@pytest.fixture
def locmem(settings):
    settings.SMS_BACKEND = "core.sms.LocmemBackend"
    sms.outbox.clear()
    yield sms.outbox
    sms.outbox.clear()


def test_locmem_backend_keeps_the_message(locmem):
    message_id = sms.send_sms("09120001234", "کد شما ۱۲۳۴")
    assert [(m.id, m.mobile, m.text) for m in locmem] == [(message_id, "09120001234", "کد شما ۱۲۳۴")]


def test_mobile_is_normalised_before_sending(locmem):
    sms.send_sms("+98 912 000 1234", "سلام")
    sms.send_sms("۰۹۱۲۰۰۰۱۲۳۴", "سلام")
    assert [m.mobile for m in locmem] == ["09120001234", "09120001234"]


def test_invalid_mobile_is_rejected(locmem):
    with pytest.raises(ValidationError):
        sms.send_sms("12345", "سلام")
    assert locmem == []


def test_empty_text_is_rejected(locmem):
    with pytest.raises(ValueError):
        sms.send_sms("09120001234", "   ")


def test_each_message_gets_a_distinct_id(locmem):
    assert sms.send_sms("09120001234", "a") != sms.send_sms("09120001234", "b")


def test_with_opt_out_appends_the_national_suffix():
    assert sms.with_opt_out("خدمت جدید اضافه شد.") == "خدمت جدید اضافه شد.\nلغو ۱۱"


@pytest.mark.parametrize("text", ["خبر\nلغو ۱۱", "خبر لغو 11", "خبر\nلغو ۱۱\n"])
def test_with_opt_out_does_not_add_the_suffix_twice(text):
    assert sms.with_opt_out(text).count("لغو") == 1


def test_mask_mobile_hides_the_middle_digits():
    assert sms.mask_mobile("09121234567") == "0912***4567"


def test_console_backend_prints_text_but_logs_only_masked_number(settings, capsys, caplog):
    settings.SMS_BACKEND = "core.sms.ConsoleBackend"
    with caplog.at_level(logging.INFO, logger="core.sms"):
        sms.send_sms("09120001234", "کد ورود: ۵۵۵")
    printed = capsys.readouterr().out
    assert "کد ورود: ۵۵۵" in printed
    assert "09120001234" not in printed and "0912***1234" in printed
    assert "0912***1234" in caplog.text and "09120001234" not in caplog.text


def test_file_backend_appends_json_lines(settings, tmp_path):
    settings.SMS_BACKEND = "core.sms.FileBackend"
    settings.SMS_FILE_PATH = tmp_path / "sub" / "sms.log"
    first = sms.send_sms("09120001234", "یک")
    second = sms.send_sms("09120005678", "دو")
    lines = [json.loads(line) for line in settings.SMS_FILE_PATH.read_text(encoding="utf-8").splitlines()]
    assert [(r["id"], r["mobile"], r["text"]) for r in lines] == [
        (first, "09120001234", "یک"),
        (second, "09120005678", "دو"),
    ]


def test_file_backend_file_is_private_to_the_owner(settings, tmp_path):
    settings.SMS_BACKEND = "core.sms.FileBackend"
    settings.SMS_FILE_PATH = tmp_path / "sms.log"
    sms.send_sms("09120001234", "یک")
    assert settings.SMS_FILE_PATH.stat().st_mode & 0o077 == 0


def test_default_backend_is_the_console(settings, capsys):
    del settings.SMS_BACKEND
    sms.send_sms("09120001234", "پیش‌فرض")
    assert "پیش‌فرض" in capsys.readouterr().out
