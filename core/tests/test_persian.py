"""core.persian: digits, Arabic letter forms, zero-width characters; and the digit template filters."""

import pytest
from django.template import Context, Template
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from core.persian import (
    ARABIC_INDIC_DIGITS,
    ASCII_DIGITS,
    PERSIAN_DIGITS,
    ZWNJ,
    normalize_for_search,
    normalize_letters,
    normalize_text,
    to_ascii_digits,
    to_persian_digits,
)

ascii_digit_strings = st.text(alphabet=ASCII_DIGITS, max_size=30)
any_digit_strings = st.text(alphabet=ASCII_DIGITS + PERSIAN_DIGITS + ARABIC_INDIC_DIGITS, max_size=30)


def render(template: str, **context) -> str:
    return Template(template).render(Context(context))


# --- digits -------------------------------------------------------------------------------


def test_persian_digits_become_ascii():
    assert to_ascii_digits("۰۱۲۳۴۵۶۷۸۹") == "0123456789"


def test_arabic_indic_digits_become_ascii():
    assert to_ascii_digits("٠١٢٣٤٥٦٧٨٩") == "0123456789"


def test_to_ascii_digits_leaves_letters_alone():
    assert to_ascii_digits("کد ۱۲ab") == "کد 12ab"


def test_ascii_digits_become_persian():
    assert to_persian_digits("0123456789") == "۰۱۲۳۴۵۶۷۸۹"


def test_arabic_indic_digits_become_persian():
    assert to_persian_digits("٤٥٦") == "۴۵۶"


def test_to_persian_digits_accepts_numbers():
    assert to_persian_digits(1405) == "۱۴۰۵"


@given(ascii_digit_strings)
def test_ascii_after_persian_is_identity_on_ascii_digit_strings(digits):
    assert to_ascii_digits(to_persian_digits(digits)) == digits


@given(any_digit_strings)
def test_persian_after_ascii_equals_persian_for_any_digit_script(digits):
    assert to_persian_digits(to_ascii_digits(digits)) == to_persian_digits(digits)


@given(any_digit_strings)
def test_to_ascii_digits_leaves_only_ascii_digits(digits):
    assert set(to_ascii_digits(digits)) <= set(ASCII_DIGITS)


@given(st.text(max_size=40))
def test_to_ascii_digits_is_idempotent(text):
    assert to_ascii_digits(to_ascii_digits(text)) == to_ascii_digits(text)


# --- letters ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "arabic,persian",
    [("علي", "علی"), ("مصطفى", "مصطفی"), ("كتاب", "کتاب"), ("مدرسة", "مدرسه")],
)
def test_arabic_letter_forms_become_persian(arabic, persian):
    assert normalize_letters(arabic) == persian


def test_persian_letters_are_unchanged():
    assert normalize_letters("کیمیا") == "کیمیا"


def test_normalize_letters_keeps_the_zero_width_non_joiner():
    assert normalize_letters("می\u200cخواهم") == "می\u200cخواهم"


@pytest.mark.parametrize(
    "mark",
    ["\u200b", "\u200d", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e"]
    + ["\u2066", "\u2067", "\u2068", "\u2069", "\ufeff"],
)
def test_bidi_and_zero_width_controls_are_stripped(mark):
    assert normalize_letters(f"{mark}تهران{mark}") == "تهران"


def test_arabic_diacritics_are_stripped():
    assert normalize_letters("مُحَمَّد") == "محمد"


def test_tatweel_is_stripped():
    assert normalize_letters("تهـــران") == "تهران"


@given(st.text(max_size=40))
def test_normalize_letters_is_idempotent(text):
    assert normalize_letters(normalize_letters(text)) == normalize_letters(text)


# --- normalize_text and normalize_for_search ----------------------------------------------


def test_normalize_text_gives_ascii_digits_persian_letters_and_single_spaces():
    assert normalize_text("  پلاك   ۱۲\u200f  ") == "پلاک 12"


def test_normalize_text_keeps_the_zero_width_non_joiner():
    assert ZWNJ in normalize_text("گواهی\u200cنامه")


@given(st.text(max_size=40))
def test_normalize_text_is_idempotent(text):
    assert normalize_text(normalize_text(text)) == normalize_text(text)


@pytest.mark.parametrize("spelling", ["گواهی\u200cنامه", "گواهینامه", "گواهي\u200cنامه", "گواهينامه"])
def test_search_form_ignores_zwnj_and_arabic_yeh(spelling):
    assert normalize_for_search(spelling) == "گواهینامه"


def test_search_form_is_lower_case():
    assert normalize_for_search("PDF فرم") == "pdf فرم"


# --- template filters fa_digits and rials -------------------------------------------------


def test_fa_digits_filter_shows_persian_digits_in_persian():
    with translation.override("fa"):
        assert render("{{ n|fa_digits }}", n=1405) == "۱۴۰۵"


def test_fa_digits_filter_keeps_ascii_digits_in_english():
    with translation.override("en"):
        assert render("{{ n|fa_digits }}", n=1405) == "1405"


def test_fa_digits_filter_renders_none_as_empty():
    with translation.override("fa"):
        assert render("{{ n|fa_digits }}", n=None) == ""


def test_rials_filter_groups_thousands_with_persian_separator():
    with translation.override("fa"):
        assert render("{{ n|rials }}", n=1500000) == "۱٬۵۰۰٬۰۰۰"


def test_rials_filter_uses_commas_in_english():
    with translation.override("en"):
        assert render("{{ n|rials }}", n=1500000) == "1,500,000"


def test_rials_filter_accepts_a_numeric_string():
    with translation.override("fa"):
        assert render("{{ n|rials }}", n="2500") == "۲٬۵۰۰"


@pytest.mark.parametrize("empty", [None, ""])
def test_rials_filter_renders_empty_values_as_empty(empty):
    with translation.override("fa"):
        assert render("{{ n|rials }}", n=empty) == ""
