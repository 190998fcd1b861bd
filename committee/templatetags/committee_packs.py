from django import template

register = template.Library()


@register.filter
def page_of(pages: dict, item_id: int):
    """The pack page an agenda item's paper starts on, if it is in the pack."""
    return pages.get(item_id)
