"""Public pages for procedure-change alerts; thin: the rules are in subscriptions.py."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cms.models import ServiceGuidePage
from core.client import client_ip

from . import subscriptions
from .enums import SubscriptionStatus
from .forms import ConfirmForm, SubscribeForm
from .models import Subscription

SESSION_KEY = "notifications_pending_subscription"


@require_http_methods(["GET", "POST"])
def subscribe(request, service_code: str):
    guide = get_object_or_404(ServiceGuidePage.objects.live().public(), service_code=service_code)
    form = SubscribeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            subscription = subscriptions.subscribe(
                guide, mobile=form.cleaned_data["mobile"], email=form.cleaned_data["email"], ip=client_ip(request)
            )
        except subscriptions.SubscriptionError as refusal:
            form.add_error(None, refusal.message)
            return render(request, "notifications/subscribe.html", {"guide": guide, "form": form}, status=429)
        if subscription.status != SubscriptionStatus.CONFIRMED:
            request.session[SESSION_KEY] = subscription.pk
            return redirect("notifications:confirm")
        messages.info(request, _("You already follow this service."))
        return redirect(guide.url)
    return render(request, "notifications/subscribe.html", {"guide": guide, "form": form})


@require_http_methods(["GET", "POST"])
def confirm(request):
    pk = request.session.get(SESSION_KEY)
    subscription = Subscription.objects.select_related("guide").filter(pk=pk).first() if pk else None
    if subscription is None:
        raise Http404
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            subscriptions.confirm(subscription, form.cleaned_data["code"])
        except subscriptions.SubscriptionError as error:
            form.add_error("code", error.message)
        else:
            request.session.pop(SESSION_KEY, None)
            return render(request, "notifications/confirmed.html", {"guide": subscription.guide})
    return render(request, "notifications/confirm.html", {"guide": subscription.guide, "form": form})


@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    subscription = get_object_or_404(Subscription.objects.select_related("guide"), token=token)
    if request.method == "POST":
        subscriptions.unsubscribe(token)
        return render(request, "notifications/unsubscribed.html", {"guide": subscription.guide})
    return render(request, "notifications/unsubscribe.html", {"guide": subscription.guide})
