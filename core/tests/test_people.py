"""How a person is named: full name, else the username."""

from types import SimpleNamespace

from core.people import display_name


def _user(full_name: str, username: str = "officer7"):
    return SimpleNamespace(get_full_name=lambda: full_name, get_username=lambda: username)


def test_full_name_is_preferred_and_stripped():
    assert display_name(_user("  مریم احمدی ")) == "مریم احمدی"


def test_username_when_there_is_no_full_name():
    assert display_name(_user("")) == "officer7"


def test_nobody_is_an_empty_name():
    assert display_name(None) == ""
