from django.conf import settings

from committee import access
from core import language


def council(request):
    user = request.user
    return {
        "council_name": settings.COUNCIL_NAME,
        "council_logo": settings.COUNCIL_LOGO,
        "council_website": settings.COUNCIL_WEBSITE,
        # England or Wales: the law a page states (Wales: the agenda three clear days ahead).
        "council_nation": settings.COUNCIL_NATION,
        "is_staff_user": access.is_staff_user(user),
        "is_governance_officer": access.is_governance_officer(user),
        # This page in English and in Welsh, for the language switch and hreflang (core/language.py).
        "page_editions": language.editions(request),
    }
