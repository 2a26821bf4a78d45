"""The measuring harness itself: query counting, the baseline view, statistics and the data generator."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from tests.perf.datagen import _tracking_code, grow
from tests.perf.endpoints import letters, make_pdf, multipart
from tests.perf.middleware import QueryCountMiddleware
from tests.perf.stats import Sample, percentile, summarize


@pytest.mark.django_db
def test_query_count_header_counts_every_query_of_the_request():
    def view(request):
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.execute("SELECT 2")
        return HttpResponse("ok")

    response = QueryCountMiddleware(view)(RequestFactory().get("/"))
    assert response["X-Query-Count"] == "2"


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="settings.bench_urls")
def test_hello_baseline_answers_without_a_database_query(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/bench/hello/")
    assert response.content == b"hello"


def test_percentile_uses_the_nearest_rank():
    assert percentile([5, 1, 4, 2, 3], 50) == 3
    assert percentile(list(range(1, 101)), 95) == 95


def test_summary_counts_locked_database_errors_separately_from_other_errors():
    samples = [Sample(0.1, 201), Sample(0.2, 500, locked=True), Sample(0.3, 0, error="refused")]
    summary = summarize("submit", samples, duration=1.0, concurrency=4, ok_statuses=(201,))
    assert (summary.ok, summary.errors, summary.locked_errors) == (1, 2, 1)


def test_generated_tracking_codes_pass_the_check_digit():
    from workflows.tracking import normalize_tracking_code

    code = _tracking_code(123)
    assert normalize_tracking_code(code) == code


def test_generated_names_contain_only_letters():
    assert all(letters(n).isalpha() for n in (0, 27, 28, 10_000))


def test_upload_pdf_is_a_readable_pdf_of_about_the_requested_size():
    from pypdf import PdfReader

    data = make_pdf(1024 * 1024, "x")
    assert abs(len(data) - 1024 * 1024) < 64 * 1024
    assert len(PdfReader(io.BytesIO(data)).pages) == 1


def test_multipart_body_is_parsed_by_django_into_fields_and_files():
    from django.core.files.uploadhandler import MemoryFileUploadHandler
    from django.http.multipartparser import MultiPartParser

    body, ctype = multipart({"service": "123"}, {"id-card": ("a.pdf", "application/pdf", b"%PDF-1.4")})
    meta = {"CONTENT_TYPE": ctype, "CONTENT_LENGTH": str(len(body))}
    post, files = MultiPartParser(meta, io.BytesIO(body), [MemoryFileUploadHandler()]).parse()
    assert post["service"] == "123" and files["id-card"].read() == b"%PDF-1.4"


@pytest.mark.django_db
def test_grow_clones_requests_that_citizens_can_look_up():
    from viewflow.workflow.models import Task

    from tests.factories import MIDDLE, UnitFactory, build_guide, member, submit
    from workflows import services
    from workflows.models import ServiceRequest

    unit = UnitFactory()
    member(unit)
    template = submit(build_guide([(unit, MIDDLE)]))

    assert grow(5) == 4

    clone = ServiceRequest.objects.exclude(pk=template.pk).latest("pk")
    assert services.find_request(clone.tracking_code, clone.applicant.national_id) == clone
    assert clone.documents.count() == template.documents.count()
    assert (
        Task.objects.filter(process__requestprocess__request=clone).count()
        == Task.objects.filter(process__requestprocess__request=template).count()
    )
