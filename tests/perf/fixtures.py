"""Steps of tests.perf.prepare: each adds what the runner needs to the plan (Django is set up).

A step that raises is recorded under plan["missing"][name] and the others still run.
"""

from __future__ import annotations

import argparse

from django.conf import settings

OFFICER = "officer1"
INBOX_PATHS = {"inbox": "/workflow/request/inbox/", "queue": "/workflow/request/queue/"}
TEMPLATE_REQUESTS = 60


def seed(plan: dict, args: argparse.Namespace) -> None:
    """The demo site, units and users (idempotent), plus demo requests in varied states as clone templates."""
    from cms.demo import seed_cms

    plan["seed"] = {k: str(v) for k, v in seed_cms(password=settings.DESK_DEMO_PASSWORD).items()}
    plan["seed"]["intake units given an officer"] = str(_staff_intake_units())
    try:
        from workflows.demo import seed_requests
    except ImportError:
        return
    plan["seed"].update({k: str(v) for k, v in seed_requests(target=TEMPLATE_REQUESTS).items()})


def _staff_intake_units() -> int:
    """Give every intake unit without an officer or head one (officer1), so demo requests can move.

    cms.demo staffs the front desk with a clerk only, and only officers and heads may take
    intake tasks; without this every demo request (and so every cloned request) stays "submitted".
    """
    from django.contrib.auth import get_user_model

    from cms.enums import Role
    from cms.models import ServiceGuidePage, UnitMembership
    from workflows.permissions import HANDLING_ROLES, sync_unit_permissions

    officer = get_user_model().objects.get(username=OFFICER)
    fixed = 0
    units = {g.effective_intake_unit for g in ServiceGuidePage.objects.live()} - {None}
    for unit in units:
        if not UnitMembership.objects.filter(unit=unit, role__in=HANDLING_ROLES).exists():
            UnitMembership.objects.get_or_create(unit=unit, user=officer, defaults={"role": Role.OFFICER})
            sync_unit_permissions(unit)
            fixed += 1
    return fixed


def _online_guides():
    from cms.models import ServiceGuidePage

    return [g for g in ServiceGuidePage.objects.live().order_by("pk") if g.accepts_online]


def templates(plan: dict, args: argparse.Namespace) -> None:
    """If no request exists yet, submit a few through the real service so there is something to clone."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from core.validators import make_national_id
    from workflows import services
    from workflows.enums import RequestChannel
    from workflows.models import ServiceRequest

    from .endpoints import letters, make_pdf

    if ServiceRequest.objects.exists():
        plan["templates"] = ServiceRequest.objects.count()
        return
    guides = _online_guides()
    for i in range(20):
        guide = guides[i % len(guides)]
        files = {
            doc.key: SimpleUploadedFile(f"{doc.key}.pdf", make_pdf(tag=f"t{i}{doc.key}"), "application/pdf")
            for doc in guide.documents.all()
        }
        services.submit_request(
            guide=guide,
            applicant=services.ApplicantData(
                national_id=make_national_id(f"{700000000 + i:09d}"),
                first_name="نمونه",
                last_name="الگو" + letters(i),
                mobile=f"0912000{i:04d}",
            ),
            files=files,
            channel=RequestChannel.ONLINE,
        )
    plan["templates"] = ServiceRequest.objects.count()


def grow(plan: dict, args: argparse.Namespace) -> None:
    from workflows.models import ServiceRequest

    from .datagen import grow as grow_requests

    plan["added"] = grow_requests(args.requests)
    plan["requests"] = ServiceRequest.objects.count()
    by_status = ServiceRequest.objects.values_list("status").order_by()
    from django.db.models import Count

    plan["by_status"] = dict(by_status.annotate(n=Count("pk")).values_list("status", "n"))


def lookup(plan: dict, args: argparse.Namespace) -> None:
    """Tracking-code + national-ID pairs spread over the whole table (old and new requests)."""
    import json

    from workflows.models import ServiceRequest

    total = ServiceRequest.objects.count()
    step = max(1, total // 50)
    rows = ServiceRequest.objects.order_by("pk").values_list("tracking_code", "applicant__national_id")
    picks = [rows[i] for i in range(0, total, step)][:50]
    plan["lookup"] = {
        "path": "/api/v1/requests/lookup/",
        "bodies": [json.dumps({"tracking_code": code, "national_id": nid}) for code, nid in picks],
    }


def guides(plan: dict, args: argparse.Namespace) -> None:
    from cms.models import ServiceGuidePage

    paths = [g.url for g in ServiceGuidePage.objects.live().order_by("pk")[:10]]
    plan["guides"] = {"paths": [p for p in paths if p]}


def inbox(plan: dict, args: argparse.Namespace) -> None:
    """A logged-in officer session cookie made directly in the session store (no login round trip)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore

    user = get_user_model().objects.get(username=OFFICER)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    # Past the second factor too (as after the verify page), so the bench measures the inbox itself.
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="bench authenticator", confirmed=True
    )
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.create()
    cookie = f"{settings.SESSION_COOKIE_NAME}={session.session_key}"
    plan["inbox"] = {"path": INBOX_PATHS["inbox"], "cookie": cookie, "user": OFFICER}
    plan["queue"] = {"path": INBOX_PATHS["queue"], "cookie": cookie, "user": OFFICER}


def submission(plan: dict, args: argparse.Namespace) -> None:
    """What POST /api/v1/requests/ needs for the first online guide: service code and document keys."""
    from core.validators import make_national_id

    from .endpoints import letters

    guide = _online_guides()[0]
    docs = list(guide.documents.all())
    plan["submission"] = {
        "path": "/api/v1/requests/",
        "service": guide.service_code,
        "fields": {"service": guide.service_code, "consent": "true"},
        "document_keys": [d.key for d in docs if d.requirement == "mandatory"] or [docs[0].key],
        "file_field_format": "{key}",
        "applicants": [
            {
                "national_id": make_national_id(f"{600000000 + i:09d}"),
                "first_name": "سنجه",
                "last_name": "بار" + letters(i),
                "mobile": f"0912001{i:04d}",
            }
            for i in range(50)
        ],
    }


def receipts(plan: dict, args: argparse.Namespace) -> None:
    """Signed receipt-PDF links of a few requests (the capability the API hands to a submitter)."""
    from django.urls import reverse

    from citizen_portal.access import receipt_token
    from workflows.models import ServiceRequest

    codes = ServiceRequest.objects.order_by("-pk").values_list("tracking_code", flat=True)[:10]
    plan["receipts"] = [
        (reverse("citizen_portal:receipt_pdf", args=[code]) + f"?t={receipt_token(code)}", "") for code in codes
    ]


STEPS = [
    ("seed", seed),
    ("templates", templates),
    ("grow", grow),
    ("lookup", lookup),
    ("guides", guides),
    ("inbox", inbox),
    ("submission", submission),
    ("receipts", receipts),
]
