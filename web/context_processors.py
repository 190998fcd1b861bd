from committee import access
from core import language
from core.council import current_council


def council(request):
    user = request.user
    council = current_council()
    return {
        "council": council,
        "council_name": council.reader_name,
        "council_logo": council.logo_url,
        "council_website": council.website,
        "is_staff_user": access.is_staff_user(user),
        "is_governance_officer": access.is_governance_officer(user),
        "is_administrator": access.is_administrator(user),
        "is_monitoring_officer": access.is_monitoring_officer(user),
        # England or Wales: the law a page states (Wales: the agenda three clear days ahead).
        "council_nation": council.nation,
        # This page in English and in Welsh, for the language switch and hreflang (core/language.py).
        "page_editions": language.editions(request),
    }
