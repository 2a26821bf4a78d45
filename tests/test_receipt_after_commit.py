"""An acknowledged submission stays acknowledged even if signing its receipt fails right after commit."""

import pytest
from django.test import Client

from citizen_portal.models import Receipt
from citizen_portal.tests.files import pdf_file, png_file
from tests.db_faults import failing_inserts
from tests.factories import applicant_post, staffed_guide
from workflows.models import ServiceRequest

TABLE = Receipt._meta.db_table


@pytest.mark.django_db
def test_api_submission_is_acknowledged_and_receipt_is_issued_on_first_view():
    guide = staffed_guide()
    client = Client(raise_request_exception=True)
    body = {**applicant_post(), "consent": "true", "service": guide.service_code}
    with failing_inserts(TABLE, "desk_fail_receipt", "receipt store down"):
        response = client.post("/api/v1/requests/", {**body, "national-card": pdf_file(), "ownership-deed": png_file()})
    assert response.status_code == 201
    tracking_code = response.json()["tracking_code"].replace(" ", "")
    service_request = ServiceRequest.objects.get(tracking_code=tracking_code)
    assert not Receipt.objects.filter(service_request=service_request).exists()

    page = client.get(response.json()["receipt_url"])
    assert page.status_code == 200
    assert Receipt.objects.filter(service_request=service_request).count() == 1
