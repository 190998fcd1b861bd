"""Decisions in a line, for pages that show what a meeting resolved (committee/minutes.py's wording)."""

from __future__ import annotations

from django import template

from committee import minutes, routes

register = template.Library()


@register.filter
def resolution_summary(resolution) -> str:
    return minutes.describe_resolution(resolution)


@register.filter
def resolution_lines(decision) -> list[str]:
    return minutes.resolution_lines(decision)


@register.filter
def route_step(step) -> str:
    """ "Cabinet, 24 January 2027 (for decision)"."""
    return routes.describe_step(step)
