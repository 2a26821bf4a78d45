"""Domain events: each state change sends exactly one, inside its own transaction."""

import pytest

from cms.enums import Outcome
from tests.factories import FINAL, MIDDLE, UnitFactory, build_guide, member, submit
from workflows import events, services
from workflows.enums import RequestStatus
from workflows.models import ServiceRequest, TimelineEntry

from .helpers import act, refreshed

pytestmark = pytest.mark.django_db

NAMES = {signal: name for name, signal in vars(events).items() if signal in events.ALL}


@pytest.fixture
def heard():
    """Every domain event sent while the test runs, as (name, tracking code, extra arguments)."""
    log = []

    def listen(signal, sender, service_request, **kwargs):
        log.append((NAMES[signal], service_request.tracking_code, kwargs))

    for signal in events.ALL:
        signal.connect(listen, weak=False, dispatch_uid=f"test-{NAMES[signal]}")
    yield log
    for signal in events.ALL:
        signal.disconnect(dispatch_uid=f"test-{NAMES[signal]}")


@pytest.fixture
def desk():
    intake, first, final = UnitFactory(), UnitFactory(), UnitFactory()
    guide = build_guide([(first, MIDDLE), (final, FINAL)], intake_unit=intake)
    return {"guide": guide, "intake": member(intake), "first": member(first), "final": member(final)}


def test_a_full_walk_sends_one_event_per_change_in_order(client, desk, heard):
    request = submit(desk["guide"])
    act(client, desk["intake"], request, result="complete", comment="کامل")
    act(client, desk["first"], request, outcome=Outcome.FORWARD, comment="بررسی شد")
    act(client, desk["final"], request, outcome=Outcome.APPROVE, comment="موافقت")
    assert refreshed(request).status == RequestStatus.APPROVED
    names = [name for name, code, _ in heard if code == request.tracking_code]
    assert names == [
        "request_submitted",
        "officer_changed",  # intake officer claims
        "stage_entered",  # documents complete -> first stage
        "officer_changed",  # first stage officer claims
        "stage_entered",  # forward -> final stage
        "officer_changed",
        "decided",
        "letter_issued",
    ]
    assert [kwargs["action"] for name, _, kwargs in heard if name == "officer_changed"] == ["claimed"] * 3


def test_a_failing_receiver_rolls_the_whole_change_back(desk):
    """Events are sent inside the change's transaction: a receiver's failure undoes the change."""
    request = submit(desk["guide"])

    def broken(sender, service_request, **kwargs):
        raise RuntimeError("receiver failed")

    events.withdrawn.connect(broken, weak=False, dispatch_uid="broken")
    try:
        with pytest.raises(RuntimeError):
            services.withdraw_request(request, reason="دیگر لازم نیست")
    finally:
        events.withdrawn.disconnect(dispatch_uid="broken")
    request = refreshed(request)
    assert request.status == RequestStatus.SUBMITTED and request.closed_at is None
    assert not TimelineEntry.objects.filter(request=request, action="withdrawn").exists()
    assert request.process.status != "CANCELED"


def test_a_refused_change_sends_nothing_and_writes_nothing(desk, heard):
    request = submit(desk["guide"])
    services.withdraw_request(request)
    before = TimelineEntry.objects.filter(request=request).count()
    heard.clear()
    with pytest.raises(services.ServiceError):
        services.withdraw_request(ServiceRequest.objects.get(pk=request.pk))
    assert heard == [] and TimelineEntry.objects.filter(request=request).count() == before


def test_withdraw_and_cancel_carry_their_reason(desk, heard, django_user_model):
    from django.contrib.auth.models import Permission

    first, second = submit(desk["guide"]), submit(desk["guide"])
    services.withdraw_request(first, reason="منصرف شدم")
    manager = django_user_model.objects.create_user("events-manager")
    manager.user_permissions.add(Permission.objects.get(codename="cancel_request"))
    manager = django_user_model.objects.get(pk=manager.pk)
    services.cancel_request(second, actor=manager, reason="درخواست تکراری")
    reasons = {name: kwargs["reason"] for name, _, kwargs in heard if name in ("withdrawn", "cancelled")}
    assert reasons == {"withdrawn": "منصرف شدم", "cancelled": "درخواست تکراری"}
