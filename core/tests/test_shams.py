import datetime as dt
import uuid
import zoneinfo

import pytest

from core.shams import format_issued_at, shams_payload
from core.validators import make_national_id

TEHRAN = zoneinfo.ZoneInfo("Asia/Tehran")
ISSUED = dt.datetime(2026, 11, 28, 9, 30, 15, 123456, tzinfo=TEHRAN)
GUID = "3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b"
SIGNER = make_national_id("001234567")
SIGNER2 = make_national_id("002345678")
ORG_ID = "10100000001"


def payload(**overrides):
    args = {
        "letter_number": "1405/123/45",
        "issued_at": ISSUED,
        "guid": GUID,
        "signer_national_codes": [SIGNER],
        "org_email": "dabirkhaneh@agency.example",
        "org_national_id": ORG_ID,
    }
    args.update(overrides)
    return shams_payload(**args)


def test_payload_lists_fields_in_the_circular_order():
    assert payload() == f"1405/123/45|2026-11-28T09:30:15|{GUID}|{SIGNER}|dabirkhaneh@agency.example|{ORG_ID}"


def test_date_field_is_19_characters_and_guid_36():
    fields = payload().split("|")
    assert len(fields[1]) == 19
    assert len(fields[2]) == 36


def test_two_signers_give_two_national_code_fields():
    fields = payload(signer_national_codes=[SIGNER, SIGNER2]).split("|")
    assert fields[3:5] == [SIGNER, SIGNER2]


def test_aware_datetime_is_written_in_local_time():
    utc = ISSUED.astimezone(dt.UTC)
    assert payload(issued_at=utc).split("|")[1] == "2026-11-28T09:30:15"


def test_jalali_calendar_setting_writes_a_jalali_date(settings):
    settings.SHAMS_CALENDAR = "jalali"
    assert payload().split("|")[1] == "1405-09-07T09:30:15"


def test_separator_comes_from_settings(settings):
    settings.SHAMS_SEPARATOR = ";"
    assert payload().count(";") == 5


def test_unknown_calendar_is_rejected(settings):
    settings.SHAMS_CALENDAR = "lunar"
    with pytest.raises(ValueError, match="SHAMS_CALENDAR"):
        payload()


def test_persian_digits_in_letter_number_are_written_ascii():
    assert payload(letter_number="۱۴۰۵/۱۲۳").startswith("1405/123|")


def test_letter_number_longer_than_20_is_rejected():
    with pytest.raises(ValueError, match="at most 20"):
        payload(letter_number="1" * 21)


def test_empty_letter_number_is_rejected():
    with pytest.raises(ValueError, match="letter number"):
        payload(letter_number="  ")


def test_letter_number_containing_the_separator_is_rejected():
    with pytest.raises(ValueError, match="separator"):
        payload(letter_number="12|34")


def test_uuid_object_and_uppercase_guid_are_canonicalised():
    value = uuid.UUID(GUID)
    assert payload(guid=value) == payload(guid=GUID.upper())


def test_invalid_guid_is_rejected():
    with pytest.raises(ValueError, match="GUID"):
        payload(guid="not-a-guid")


def test_invalid_national_code_is_rejected():
    with pytest.raises(ValueError, match="national code"):
        payload(signer_national_codes=["0012345678"])


@pytest.mark.parametrize("codes", [[], [SIGNER, SIGNER2, SIGNER], SIGNER])
def test_signer_count_must_be_one_or_two_in_a_list(codes):
    with pytest.raises(ValueError, match="one or two"):
        payload(signer_national_codes=codes)


def test_invalid_email_is_rejected():
    with pytest.raises(ValueError, match="e-mail"):
        payload(org_email="not-an-email")


def test_org_national_id_must_be_11_digits():
    with pytest.raises(ValueError, match="11 digits"):
        payload(org_national_id="12345")


def test_non_datetime_issued_at_is_rejected():
    with pytest.raises(ValueError, match="datetime"):
        payload(issued_at=dt.date(2026, 1, 1))


def test_format_issued_at_drops_microseconds():
    assert format_issued_at(ISSUED, "gregorian") == "2026-11-28T09:30:15"
