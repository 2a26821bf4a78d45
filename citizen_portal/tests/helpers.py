"""Shortcuts used by several portal tests."""

from django.urls import reverse

from tests.factories import applicant_post
from workflows.models import ServiceRequest

from .files import pdf_file, png_file


def apply_online(client, guide, **applicant) -> ServiceRequest:
    """Submit through the real HTML form; returns the request."""
    url = reverse("citizen_portal:apply", kwargs={"service_code": guide.service_code})
    files = {"document_national-card": pdf_file("card.pdf"), "document_ownership-deed": png_file("deed.png")}
    response = client.post(url, {**applicant_post(**applicant), **files})
    assert response.status_code == 302, response.content.decode()[:2000]
    code = response["Location"].rstrip("/").rsplit("/", 1)[-1]
    return ServiceRequest.objects.get(tracking_code=code)


def stored_request_files() -> list[str]:
    """Every file under requests/ in the private storage (where submitted documents go)."""
    from django.core.files.storage import storages

    storage = storages["private"]
    found: list[str] = []

    def walk(folder: str) -> None:
        try:
            folders, files = storage.listdir(folder)
        except FileNotFoundError:
            return
        found.extend(f"{folder}/{f}" for f in files)
        for sub in folders:
            walk(f"{folder}/{sub}")

    walk("requests")
    return sorted(found)
