"""The satisfaction survey: after closing, once per request, and a review for the dissatisfied."""

import datetime as dt

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from citizen_portal.models import SatisfactionSurvey
from workflows.enums import RequestStatus

from . import workflow_driver as drive
from .helpers import apply_online

AXES = ("transparency", "responsiveness", "mastery", "process_time", "systematic_process", "overall")


def _answers(overall=4, **extra):
    data = {axis: 4 for axis in AXES}
    data["overall"] = overall
    data.update(extra)
    return data


@pytest.fixture
def approved(client, guide):
    sr = apply_online(client, guide)
    return drive.approve_all_the_way(sr)


def test_survey_is_closed_while_the_request_is_open(client, guide):
    sr = apply_online(client, guide)
    response = client.post(reverse("citizen_portal:survey", args=[sr.tracking_code]), _answers())
    assert response.status_code == 302
    assert SatisfactionSurvey.objects.count() == 0


def test_survey_opens_after_approval_and_records_six_axes(client, approved):
    assert approved.status == RequestStatus.APPROVED
    client.post(reverse("citizen_portal:survey", args=[approved.tracking_code]), _answers(comment="خوب بود"))
    survey = SatisfactionSurvey.objects.get(service_request=approved)
    assert [getattr(survey, a) for a in AXES] == [4, 4, 4, 4, 4, 4]
    assert survey.comment == "خوب بود"


def test_survey_is_counted_once_per_request(client, approved):
    url = reverse("citizen_portal:survey", args=[approved.tracking_code])
    client.post(url, _answers())
    client.post(url, _answers(overall=1))
    assert SatisfactionSurvey.objects.filter(service_request=approved).count() == 1
    assert SatisfactionSurvey.objects.get().overall == 4


def test_database_refuses_a_second_survey_row(approved):
    SatisfactionSurvey.objects.create(service_request=approved, **_answers())
    with pytest.raises(IntegrityError):
        SatisfactionSurvey.objects.create(service_request=approved, **_answers())


def test_ratings_outside_one_to_five_are_refused(client, approved):
    response = client.post(reverse("citizen_portal:survey", args=[approved.tracking_code]), _answers(mastery=9))
    assert response.status_code == 400
    assert SatisfactionSurvey.objects.count() == 0


def test_dissatisfied_citizen_can_ask_for_review_which_reopens_to_the_unit_head(client, approved):
    client.post(reverse("citizen_portal:survey", args=[approved.tracking_code]), _answers(overall=2))
    response = client.post(
        reverse("citizen_portal:review", args=[approved.tracking_code]), {"reason": "پاسخ قانع‌کننده نبود"}
    )
    assert response.status_code == 302
    approved.refresh_from_db()
    last_unit_id = approved.routing_snapshot[-1]["unit_id"]
    assert approved.status == RequestStatus.IN_REVIEW
    assert approved.current_unit_id == last_unit_id
    assert approved.current_officer == approved.current_unit.head
    assert SatisfactionSurvey.objects.get().review_requested_at is not None


def test_satisfied_citizen_cannot_ask_for_review(client, approved):
    client.post(reverse("citizen_portal:survey", args=[approved.tracking_code]), _answers(overall=4))
    response = client.post(reverse("citizen_portal:review", args=[approved.tracking_code]), {"reason": "x"})
    assert response.status_code == 400
    approved.refresh_from_db()
    assert approved.status == RequestStatus.APPROVED


def test_review_window_closes_after_the_configured_days(client, approved, settings):
    settings.PORTAL_REVIEW_WINDOW_DAYS = 10
    client.post(reverse("citizen_portal:survey", args=[approved.tracking_code]), _answers(overall=1))
    type(approved).objects.filter(pk=approved.pk).update(closed_at=timezone.now() - dt.timedelta(days=11))
    response = client.post(reverse("citizen_portal:review", args=[approved.tracking_code]), {"reason": "دیر شد"})
    assert response.status_code == 400
    approved.refresh_from_db()
    assert approved.status == RequestStatus.APPROVED


def test_review_can_be_asked_only_once(client, approved):
    client.post(reverse("citizen_portal:survey", args=[approved.tracking_code]), _answers(overall=1))
    url = reverse("citizen_portal:review", args=[approved.tracking_code])
    client.post(url, {"reason": "بار اول"})
    assert client.post(url, {"reason": "بار دوم"}).status_code == 400
