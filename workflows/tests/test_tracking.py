"""Tracking codes: 14 digits with a Verhoeff check digit; any digit script accepted back."""

from core.persian import to_persian_digits
from workflows.tracking import format_tracking_code, new_tracking_code, normalize_tracking_code, verhoeff_check_digit


def test_new_code_is_fourteen_digits_and_validates():
    code = new_tracking_code()
    assert len(code) == 14 and code.isdigit()
    assert normalize_tracking_code(code) == code


def test_persian_digits_spaces_and_dashes_are_accepted():
    code = new_tracking_code()
    typed = to_persian_digits(format_tracking_code(code)).replace(" ", "-", 1)
    assert normalize_tracking_code(typed) == code


def test_a_single_mistyped_digit_is_caught():
    code = new_tracking_code()
    wrong = code[:5] + str((int(code[5]) + 1) % 10) + code[6:]
    assert normalize_tracking_code(wrong) is None


def test_swapped_neighbours_are_caught():
    body = "1234567890123"
    swapped = "1234576890123"
    good = body + verhoeff_check_digit(body)
    assert normalize_tracking_code(good) == good
    assert normalize_tracking_code(swapped + verhoeff_check_digit(body)) is None


def test_formatting_groups_by_four():
    assert format_tracking_code("12345678901234") == "1234 5678 9012 34"
