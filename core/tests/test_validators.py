"""core.validators: national IDs (check digit) and mobile numbers, in any digit script."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import assume, given
from hypothesis import strategies as st

from core.persian import ARABIC_INDIC_DIGITS, ASCII_DIGITS, PERSIAN_DIGITS
from core.validators import (
    make_national_id,
    mobile_validator,
    national_id_validator,
    normalize_mobile,
    normalize_national_id,
)

SCRIPTS = (ASCII_DIGITS, PERSIAN_DIGITS, ARABIC_INDIC_DIGITS)
VALID_ID = make_national_id("001234567")


@st.composite
def rendered(draw, digits: str) -> str:
    """The same number with every digit drawn from any of the three scripts."""
    return "".join(draw(st.sampled_from(SCRIPTS))[int(d)] for d in digits)


def error_code(func, value) -> str:
    with pytest.raises(ValidationError) as excinfo:
        func(value)
    return excinfo.value.code


# --- national ID --------------------------------------------------------------------------


def test_make_national_id_appends_the_check_digit():
    assert make_national_id("001234567") == "0012345679"


def test_make_national_id_uses_the_remainder_itself_when_it_is_zero():
    assert make_national_id("000011000") == "0000110000"


def test_make_national_id_uses_the_remainder_itself_when_it_is_one():
    assert make_national_id("100000001") == "1000000011"


def test_a_valid_national_id_is_returned_unchanged():
    assert normalize_national_id(VALID_ID) == VALID_ID


def test_a_national_id_in_persian_digits_is_returned_in_ascii():
    assert normalize_national_id("۰۰۱۲۳۴۵۶۷۹") == "0012345679"


def test_a_national_id_in_arabic_indic_digits_is_returned_in_ascii():
    assert normalize_national_id("٠٠١٢٣٤٥٦٧٩") == "0012345679"


def test_a_national_id_mixing_digit_scripts_is_accepted():
    assert normalize_national_id("۰0١2۳4٥6۷9") == "0012345679"


def test_a_national_id_with_dashes_and_spaces_is_accepted():
    assert normalize_national_id(" 001-234567-9 ") == "0012345679"


def test_a_wrong_check_digit_is_rejected_with_checksum_code():
    assert error_code(normalize_national_id, "0012345678") == "checksum"


@pytest.mark.parametrize("value", ["123456789", "00123456790", "12345abcde", "", None])
def test_a_national_id_that_is_not_ten_digits_is_rejected_with_format_code(value):
    assert error_code(normalize_national_id, value) == "format"


@pytest.mark.parametrize("digit", list(ASCII_DIGITS))
def test_all_same_digits_are_rejected_with_pattern_code_although_the_check_digit_matches(digit):
    assert make_national_id(digit * 9) == digit * 10  # the checksum alone would let it through
    assert error_code(normalize_national_id, digit * 10) == "pattern"


def test_national_id_validator_accepts_a_valid_id():
    assert national_id_validator(VALID_ID) is None


def test_national_id_validator_rejects_an_invalid_id():
    assert error_code(national_id_validator, "0012345678") == "checksum"


@given(prefix=st.text(alphabet=ASCII_DIGITS, min_size=9, max_size=9), data=st.data())
def test_any_digit_script_rendering_of_a_made_national_id_is_accepted(prefix, data):
    assume(len(set(prefix)) > 1)
    national_id = make_national_id(prefix)
    assert normalize_national_id(data.draw(rendered(national_id))) == national_id


@given(prefix=st.text(alphabet=ASCII_DIGITS, min_size=9, max_size=9), wrong=st.sampled_from(ASCII_DIGITS))
def test_any_other_check_digit_is_rejected(prefix, wrong):
    national_id = make_national_id(prefix)
    assume(wrong != national_id[9])
    assume(len(set(prefix + wrong)) > 1)
    assert error_code(normalize_national_id, prefix + wrong) == "checksum"


# --- mobile -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "09120001234",
        "+989120001234",
        "00989120001234",
        "989120001234",
        "9120001234",
        "۰۹۱۲۰۰۰۱۲۳۴",
        "٠٩١٢٠٠٠١٢٣٤",
        "+۹۸۹۱۲۰۰۰۱۲۳۴",
        "0912 000 1234",
        "0912-000-1234",
        "(0912) 0001234",
        " 09120001234 ",
    ],
)
def test_mobile_formats_are_normalised_to_09(value):
    assert normalize_mobile(value) == "09120001234"


@pytest.mark.parametrize(
    "value",
    [
        "0912000123",  # one digit short
        "091200012345",  # one digit long
        "02120001234",  # a Tehran landline
        "+9891200012345",
        "+449120001234",  # not Iran
        "0912abc1234",
        "",
        None,
    ],
)
def test_invalid_mobiles_are_rejected_with_mobile_code(value):
    assert error_code(normalize_mobile, value) == "mobile"


def test_mobile_validator_accepts_a_valid_number():
    assert mobile_validator("+989120001234") is None


def test_mobile_validator_rejects_an_invalid_number():
    assert error_code(mobile_validator, "02120001234") == "mobile"


@given(
    subscriber=st.text(alphabet=ASCII_DIGITS, min_size=9, max_size=9),
    prefix=st.sampled_from(["0", "+98", "0098", "98", ""]),
    data=st.data(),
)
def test_any_digit_script_rendering_of_a_valid_mobile_is_accepted(subscriber, prefix, data):
    number = "9" + subscriber
    text = ("+" if prefix.startswith("+") else "") + data.draw(rendered(prefix.lstrip("+") + number))
    assert normalize_mobile(text) == "0" + number


def test_national_id_error_is_shown_in_persian():
    with pytest.raises(ValidationError) as excinfo:
        normalize_national_id("0012345678")
    with translation.override("fa"):
        assert excinfo.value.messages == ["این کد ملی معتبر نیست (رقم کنترل نادرست است)."]


def test_mobile_error_is_shown_in_english_on_english_pages():
    with pytest.raises(ValidationError) as excinfo:
        normalize_mobile("02120001234")
    with translation.override("en"):
        assert excinfo.value.messages == ["Enter an Iranian mobile number such as 09121234567."]
