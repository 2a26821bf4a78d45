"""Applying online through the HTML form."""

from django.urls import reverse

from cms.enums import Channel
from tests.factories import applicant_post, staffed_guide
from workflows.models import Applicant, RequestDocument, ServiceRequest

from .files import pdf_file, png_file


def _url(guide):
    return reverse("citizen_portal:apply", kwargs={"service_code": guide.service_code})


def _files():
    return {"document_national-card": pdf_file("card.pdf"), "document_ownership-deed": png_file("deed.png")}


def test_form_lists_every_guide_document_marked_mandatory_or_conditional(client, guide):
    html = client.get(_url(guide)).content.decode()
    for doc in guide.documents.all():
        assert f'name="document_{doc.key}"' in html
    assert html.count("badge-mandatory") == 2
    assert html.count("badge-conditional") == 1
    assert "اگر وکیل درخواست می‌دهد" in html


def test_service_without_online_channel_has_no_apply_form(client, db):
    guide = staffed_guide(channels=Channel.IN_PERSON)
    assert client.get(_url(guide)).status_code == 404


def test_valid_application_creates_request_and_redirects_to_receipt(client, guide):
    response = client.post(_url(guide), {**applicant_post(), **_files()})
    assert response.status_code == 302
    request = ServiceRequest.objects.get()
    assert response["Location"] == reverse("citizen_portal:receipt", args=[request.tracking_code])
    assert request.channel == "online"
    assert sorted(request.documents.values_list("key", flat=True)) == ["national-card", "ownership-deed"]


def test_applicant_is_stored_normalised(client, guide):
    client.post(_url(guide), {**applicant_post(), **_files()})
    applicant = Applicant.objects.get()
    assert (applicant.first_name, applicant.last_name, applicant.mobile) == ("علی", "کریمی", "09120001234")


def test_stored_file_has_server_generated_name_and_sha256(client, guide):
    import hashlib

    from .files import pdf_bytes

    client.post(_url(guide), {**applicant_post(), **_files()})
    doc = RequestDocument.objects.get(key="national-card")
    assert "card" not in doc.file.name and doc.file.name.endswith(".pdf")
    assert doc.sha256 == hashlib.sha256(pdf_bytes()).hexdigest()
    assert doc.original_name == "card.pdf"


def test_error_messages_are_persian_beside_the_field(client, guide):
    import re

    response = client.post(_url(guide), {**applicant_post(national_id="1234567890"), **_files()})
    assert response.status_code == 400
    message = str(response.context["form"].errors["national_id"][0])
    assert re.search("[\u0600-\u06ff]", message)
    html = response.content.decode()
    assert html.index('name="national_id"') < html.index(message) < html.index('name="first_name"')
    assert ServiceRequest.objects.count() == 0


def test_files_survive_a_rerender_and_need_not_be_uploaded_again(client, guide):
    first = client.post(_url(guide), {**applicant_post(mobile="123"), **_files()})
    assert first.status_code == 400
    token = first.context["form"].token
    assert set(first.context["form"].staged()) == {"national-card", "ownership-deed"}
    second = client.post(_url(guide), {**applicant_post(), "staging_token": token})
    assert second.status_code == 302
    assert ServiceRequest.objects.get().documents.count() == 2


def test_missing_mandatory_document_is_refused(client, guide):
    response = client.post(_url(guide), {**applicant_post(), "document_national-card": pdf_file()})
    assert response.status_code == 400
    assert "document_ownership-deed" in response.context["form"].errors
    assert ServiceRequest.objects.count() == 0


def test_conditional_document_is_optional_but_kept_when_sent(client, guide):
    client.post(_url(guide), {**applicant_post(), **_files(), "document_power-of-attorney": pdf_file("poa.pdf")})
    assert ServiceRequest.objects.get().documents.filter(key="power-of-attorney").exists()


def test_document_of_another_service_is_refused(client, guide):
    response = client.post(_url(guide), {**applicant_post(), **_files(), "document_driving-licence": pdf_file()})
    assert response.status_code == 400
    assert ServiceRequest.objects.count() == 0


def test_consent_is_required(client, guide):
    data = applicant_post()
    data.pop("consent")
    response = client.post(_url(guide), {**data, **_files()})
    assert response.status_code == 400
    assert "consent" in response.context["form"].errors


def test_body_over_the_total_limit_is_refused_before_reading(client, guide, settings):
    settings.PORTAL_UPLOAD_TOTAL_MAX_MB = 1
    big = pdf_file("big.pdf")
    big.file.write(b"%" * (3 * 1024 * 1024))
    big.file.seek(0)
    response = client.post(_url(guide), {**applicant_post(), "document_national-card": big})
    assert response.status_code == 413
    assert ServiceRequest.objects.count() == 0
