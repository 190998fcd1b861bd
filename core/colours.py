"""Colours the council chooses for its pages, checked so text on them stays readable (WCAG 2.2, 1.4.3)."""

from __future__ import annotations

import re

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
# White text on the header, and links on white, need this contrast ratio (WCAG AA, normal text).
MINIMUM_CONTRAST = 4.5


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def colour_problem(colour: str, *, against: str = "#ffffff") -> str:
    """Why ``colour`` cannot be used with ``against`` (white) for text, or "" if it can."""
    if not HEX_COLOUR.match(colour or ""):
        return "Enter a colour as # and six hexadecimal digits, for example #1d70b8."
    ratio = contrast_ratio(colour, against)
    if ratio < MINIMUM_CONTRAST:
        return (
            f"This colour and white differ by a contrast of {ratio:.1f} to 1; text needs at least "
            f"{MINIMUM_CONTRAST:g} to 1 to be readable. Choose a darker colour."
        )
    return ""
