"""The alert pages: ask for an alert, confirm it, stop it in one click, manage all of one's alerts,
and a councillor's alert for their own committees. No account is needed except for the last: a
signed link (alerts/links.py) is an address's key, and a bad or expired one is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from alerts import links, subscriptions
from alerts.forms import SubscribeForm
from alerts.models import Alert, Subscriber
from committee import access
from committee.models import Committee, EmailLanguage, Ward
from core import bad_requests


@require_http_methods(["GET", "POST"])
def subscribe(request):
    if request.method == "POST":
        form = SubscribeForm(request.POST)
        if form.is_valid():
            # Its e-mails are written in the language of this page (committee/correspondence.py).
            subscriptions.ask(form.cleaned_data["email"], language=translation.get_language(), **form.alert_fields())
            # The same page whether or not an e-mail went: it does not say what an address has asked for.
            return render(request, "alerts/check_email.html", {"email": form.cleaned_data["email"]})
    else:
        form = SubscribeForm(initial=_initial(request))
    context = {
        "form": form,
        "committees": form.fields["committee"].queryset,
        "wards": Ward.objects.all(),
        "councillors": form.fields["person"].queryset.order_by("name"),
    }
    return render(request, "alerts/subscribe.html", context)


def _initial(request) -> dict:
    """A link from a committee's page, a ward, or the search page fills in what it was about."""
    initial = {"frequency": Alert.Frequency.IMMEDIATE}
    if committee := bad_requests.integer(request.GET, "committee"):
        initial.update(kind=Alert.Kind.COMMITTEE, committee=committee)
    if ward := (request.GET.get("ward") or "").strip()[:200]:
        initial.update(kind=Alert.Kind.WARD, ward=ward)
    if person := bad_requests.integer(request.GET, "councillor"):
        initial.update(kind=Alert.Kind.COUNCILLOR, person=person)
    if request.GET.get("forward_plan"):
        initial.update(kind=Alert.Kind.FORWARD_PLAN)
    if words := " ".join((request.GET.get("q") or "").split())[:200]:
        initial.update(kind=Alert.Kind.WORDS, words=words)
    return initial


@require_http_methods(["GET", "POST"])
def confirm(request, token: str):
    """GET asks for a press of the button (mail scanners follow links: a GET must not confirm); POST confirms."""
    alert = links.alert_to_confirm(token)
    if alert is None:
        raise Http404("This confirmation link is not valid, or has expired.")
    if request.method == "POST":
        alert = subscriptions.confirm(alert)
        messages.success(request, _("Your alert is on: we will e-mail you %(what)s.") % {"what": alert.describe()})
        return redirect("alerts:manage", links.manage_token(alert.subscriber))
    return render(request, "alerts/confirm.html", {"alert": alert})


# One click from a mail program (RFC 8058) is a POST with no CSRF token and no cookie: the signed link
# itself is the proof, and all it can do is stop the one alert it names.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    alert = links.alert_to_unsubscribe(token)
    if request.method == "POST":
        if alert is not None:
            what = alert.describe()
            subscriptions.stop(alert)
            return render(request, "alerts/unsubscribed.html", {"what": what})
        # Stopped already (a second click, or the mail program's and the reader's): say so, once more.
        if links.is_unsubscribe_token(token):
            return render(request, "alerts/unsubscribed.html", {"what": ""})
        raise Http404("This link is not valid.")
    if alert is None:
        raise Http404("This alert has been stopped already, or the link is not valid.")
    return render(request, "alerts/unsubscribe.html", {"alert": alert})


def _subscriber(token: str):
    subscriber = links.subscriber_to_manage(token)
    if subscriber is None:
        raise Http404("This link is not valid, or the address and its alerts have been deleted.")
    return subscriber


@require_http_methods(["GET"])
def manage(request, token: str):
    subscriber = _subscriber(token)
    alerts = list(subscriber.alerts.select_related("committee", "ward", "person").order_by("created", "id"))
    context = {
        "subscriber": subscriber,
        "alerts": alerts,
        "token": token,
        "language": subscriptions.language(subscriber),
        "languages": EmailLanguage.Language.choices,
    }
    return render(request, "alerts/manage.html", context)


@require_POST
def manage_language(request, token: str):
    """Change the language of every e-mail the address gets; back to its alerts page in that language."""
    subscriber = _subscriber(token)
    language = request.POST.get("language", "")
    if language not in EmailLanguage.Language.values:
        messages.error(request, _("Choose English or Welsh."))
        return redirect("alerts:manage", token)
    subscriptions.write_in(subscriber, language)
    with translation.override(language):
        messages.success(request, _("From now on we will e-mail you in the language of this page."))
        return redirect(reverse("alerts:manage", args=[token]))


@require_POST
def stop_alert(request, token: str):
    subscriber = _subscriber(token)
    alert_id = bad_requests.parse_int(request.POST.get("alert"))
    alert = subscriber.alerts.filter(pk=alert_id).first() if alert_id else None
    if alert is None:
        messages.error(request, _("That alert has been stopped already."))
        return redirect("alerts:manage", token)
    what = alert.describe()
    subscriptions.stop(alert)
    if not Subscriber.objects.filter(pk=subscriber.pk).exists():
        return render(request, "alerts/deleted.html", {"stopped": what})
    messages.success(request, _("Stopped: %(what)s.") % {"what": what})
    return redirect("alerts:manage", token)


@require_POST
def delete_address(request, token: str):
    subscriber = _subscriber(token)
    subscriptions.forget(subscriber)
    return render(request, "alerts/deleted.html", {"stopped": ""})


@login_required
@require_http_methods(["GET", "POST"])
def member_papers(request):
    """A councillor's alert for their committees' papers, Part 2 included as a line asking them to sign in."""
    committee_ids = access.member_committee_ids(request.user)
    alert = subscriptions.member_alert(request.user)
    address = subscriptions.member_address(request.user)
    if request.method == "POST":
        if request.POST.get("action") == "stop":
            if alert is not None:
                subscriptions.stop(alert)
                messages.success(request, _("You will get no more e-mails about your committees' papers."))
        elif committee_ids and address:
            frequency = request.POST.get("frequency", Alert.Frequency.IMMEDIATE)
            if frequency not in Alert.Frequency.values:
                frequency = Alert.Frequency.IMMEDIATE
            subscriptions.start_member_alert(request.user, frequency)
            messages.success(
                request,
                _("We will e-mail %(address)s when your committees' papers are published.") % {"address": address},
            )
        return redirect("alerts:member_papers")
    committees = list(Committee.objects.filter(pk__in=committee_ids).order_by("name"))
    context = {"alert": alert, "address": address, "committees": committees, "frequencies": Alert.Frequency.choices}
    return render(request, "alerts/member_papers.html", context)
