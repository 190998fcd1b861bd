"""The language to write to a person in (Welsh Language Standards: correspondence in the language the
person chose). Every e-mail is drawn under ``translation.override(<this language>)``.

- A signed-in person (an officer, a councillor): the language they chose on their account page
  ("Your e-mail language"); until they choose, the language of the page they last signed in at.
- Somebody without an account who asked for an alert: the language of the page they asked on, which
  they can change on their alerts page (alerts/models.py ``Alert.language``).
- Anybody else (an address in the settings, an account that has never signed in): the site's
  language, English.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation

from committee.models import EmailLanguage

LANGUAGES = {code for code, _name in settings.LANGUAGES}


def known(language: str | None) -> str:
    """The language if the site has it, else the site's own."""
    language = (language or "").lower()
    return language if language in LANGUAGES else settings.LANGUAGE_CODE


def for_user(user) -> str:
    """The language to e-mail this account in."""
    if user is None or not user.pk:
        return settings.LANGUAGE_CODE
    try:
        return known(user.email_language.language)
    except EmailLanguage.DoesNotExist:
        return settings.LANGUAGE_CODE


def by_language(users) -> dict[str, list]:
    """These accounts grouped by the language each is written to in (one message a language)."""
    users = [user for user in users if user is not None]
    chosen = dict(EmailLanguage.objects.filter(user__in=[u.pk for u in users]).values_list("user_id", "language"))
    grouped: dict[str, list] = {}
    for user in users:
        grouped.setdefault(known(chosen.get(user.pk)), []).append(user)
    return grouped


def choose(user, language: str) -> None:
    """The person chose on their account page: it holds until they choose again."""
    EmailLanguage.objects.update_or_create(user=user, defaults={"language": known(language), "chosen": True})


def signed_in(user, language: str | None = None) -> None:
    """Remember the language of the page a person signed in at, unless they have chosen one."""
    language = known(language or translation.get_language())
    updated = EmailLanguage.objects.filter(user=user, chosen=False).exclude(language=language).update(language=language)
    if not updated:
        EmailLanguage.objects.get_or_create(user=user, defaults={"language": language})
