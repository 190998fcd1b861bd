from django.conf import settings

from committee import access


def council(request):
    user = request.user
    return {
        "council_name": settings.COUNCIL_NAME,
        "council_logo": settings.COUNCIL_LOGO,
        "council_website": settings.COUNCIL_WEBSITE,
        "is_staff_user": access.is_staff_user(user),
        "is_governance_officer": access.is_governance_officer(user),
        "is_monitoring_officer": access.is_monitoring_officer(user),
    }
