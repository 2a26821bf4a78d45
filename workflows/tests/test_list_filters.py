"""The unit queue filters by a due-date range (ISO or Jalali input) and by overdue, whose empty choice is "All"."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import FINAL, ServiceRequestFactory, UnitFactory, build_guide, member
from workflows.flows import RequestFlow
from workflows.views.lists import parse_date_input

pytestmark = pytest.mark.django_db


@pytest.fixture
def queue(client):
    """Three unclaimed requests in the officer's queue, due yesterday, in 5 days and in 20 days."""
    intake, unit = UnitFactory(), UnitFactory()
    officer = member(intake)
    guide = build_guide([(unit, FINAL)], intake_unit=intake, documents=())
    today = timezone.localdate()
    due = {
        "past": today - dt.timedelta(days=1),
        "soon": today + dt.timedelta(days=5),
        "later": today + dt.timedelta(days=20),
    }
    requests = {}
    for name, day in due.items():
        requests[name] = ServiceRequestFactory(guide=guide, stage_due=day).pk
    client.force_login(officer)
    return {"client": client, "due": due, "requests": requests}


def _listed(queue, **params) -> set[str]:
    response = queue["client"].get(RequestFlow.instance.reverse("queue"), params)
    assert response.status_code == 200
    pks = {task.process.requestprocess.request_id for task in response.context["object_list"]}
    return {name for name, pk in queue["requests"].items() if pk in pks}


def test_due_range_with_iso_dates_keeps_only_requests_due_inside_it(queue):
    due = queue["due"]
    assert _listed(queue, due_after=due["soon"].isoformat(), due_before=due["later"].isoformat()) == {"soon", "later"}
    assert _listed(queue, due_before=due["soon"].isoformat()) == {"past", "soon"}


def test_due_after_accepts_a_jalali_date_in_persian_digits(queue):
    from core.dates import to_jalali
    from core.persian import to_persian_digits

    jalali = to_jalali(queue["due"]["soon"] + dt.timedelta(days=1))
    typed = to_persian_digits(f"{jalali.year}/{jalali.month:02d}/{jalali.day:02d}")
    assert _listed(queue, due_after=typed) == {"later"}


def test_unreadable_due_date_is_reported_not_ignored(queue):
    response = queue["client"].get(RequestFlow.instance.reverse("queue"), {"due_after": "not-a-date"})
    assert response.status_code == 200
    assert "due_after" in response.context["view"].filterset.form.errors


def test_overdue_filter_still_splits_the_queue(queue):
    assert _listed(queue, overdue="true") == {"past"}
    assert _listed(queue, overdue="false") == {"soon", "later"}
    assert _listed(queue) == {"past", "soon", "later"}


def test_overdue_filter_offers_all_as_its_empty_choice_in_persian(queue):
    response = queue["client"].get(RequestFlow.instance.reverse("queue"))
    choices = list(response.context["view"].filterset.form.fields["overdue"].widget.choices)
    assert (choices[0][0], str(choices[0][1])) == ("", "همه")


def test_date_input_parser_reads_iso_and_jalali_and_rejects_nonsense():
    assert parse_date_input("2026-11-28") == dt.date(2026, 11, 28)
    assert parse_date_input("۱۴۰۵/۰۹/۰۷") == dt.date(2026, 11, 28)
    assert parse_date_input("1405-13-01") is None
    assert parse_date_input("tomorrow") is None
