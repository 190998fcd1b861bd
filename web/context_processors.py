from committee import access
from core import language
from core.council import current_council


def header_facts(user) -> dict[str, bool]:
    """What the page's header shows differently by who is signed in (templates/base.html): the links
    each kind of user is offered. A signed-in page kept whole (web/fragments.py) is kept under these."""
    return {
        "is_signed_in": bool(getattr(user, "is_authenticated", False)),
        "is_admin_site_user": bool(getattr(user, "is_staff", False)),
        "is_staff_user": access.is_staff_user(user),
        "is_governance_officer": access.is_governance_officer(user),
        "is_administrator": access.is_administrator(user),
        "is_monitoring_officer": access.is_monitoring_officer(user),
    }


def council(request):
    council = current_council()
    return {
        "council": council,
        "council_name": council.reader_name,
        "council_logo": council.logo_url,
        "council_website": council.website,
        **header_facts(request.user),
        # England or Wales: the law a page states (Wales: the agenda three clear days ahead).
        "council_nation": council.nation,
        # This page in English and in Welsh, for the language switch and hreflang (core/language.py).
        "page_editions": language.editions(request),
    }
