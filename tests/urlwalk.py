"""Every URL the project answers, found by walking Django's URL resolver.

Tests built on this cover a new view the day it is added, without anybody
remembering to list it. Each route comes with a concrete path built from its
pattern (dummy ids and slugs), checked to resolve back to the same view.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.converters import IntConverter, PathConverter, SlugConverter, StringConverter, UUIDConverter
from django.urls.exceptions import Resolver404
from django.urls.resolvers import RegexPattern, RoutePattern

# Values tried for a parameter, in order, until the built path resolves back to the view.
DUMMY_BY_CONVERTER = {
    IntConverter: ["1"],
    SlugConverter: ["a-slug", "1"],
    StringConverter: ["up", "a-value", "1"],
    PathConverter: ["1", "a-value"],
    UUIDConverter: [str(uuid.UUID(int=1))],
}
FALLBACK_VALUES = ["1", "a-value", "up"]

_ROUTE_PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
_REGEX_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>(?P<body>[^()]*)\)")


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name", or the pattern when it has no name
    pattern: str  # the whole pattern, joined from each level
    callback: object
    path: str | None  # a concrete path that resolves to callback; None if none could be built


def _pieces(pattern) -> list[list[str]]:
    """The possible concrete strings for one level of a pattern, one list per parameter choice."""
    if isinstance(pattern, RoutePattern):
        route = str(pattern)
        options: list[str] = [""]
        position = 0
        for match in _ROUTE_PARAM.finditer(route):
            literal = route[position : match.start()]
            converter = pattern.converters.get(match.group("name"))
            values = DUMMY_BY_CONVERTER.get(type(converter), FALLBACK_VALUES)
            options = [prefix + literal + value for prefix in options for value in values]
            position = match.end()
        return [[option + route[position:] for option in options]]
    if isinstance(pattern, RegexPattern):
        regex = str(pattern).lstrip("^").rstrip("$").replace("\\Z", "")
        options = [""]
        position = 0
        for match in _REGEX_GROUP.finditer(regex):
            literal = regex[position : match.start()]
            body = match.group("body")
            # An alternation of literal words (the admin's app labels): take the first.
            literal_words = re.fullmatch(r"[\w-]+(\|[\w-]+)*", body)
            values = [body.split("|")[0]] if literal_words else FALLBACK_VALUES
            options = [prefix + literal + value for prefix in options for value in values]
            position = match.end()
        tail = regex[position:]
        return [[(option + tail).replace("\\", "") for option in options]]
    return [[""]]


def _walk(resolver: URLResolver, prefixes: list[str], names: tuple[str, ...], patterns: str) -> Iterator[Route]:
    for entry in resolver.url_patterns:
        level = _pieces(entry.pattern)[0]
        full = patterns + str(entry.pattern)
        candidates = [prefix + piece for prefix in prefixes for piece in level]
        if isinstance(entry, URLResolver):
            namespace = names + ((entry.namespace,) if entry.namespace else ())
            yield from _walk(entry, candidates, namespace, full)
        elif isinstance(entry, URLPattern):
            name = ":".join(names + (entry.name,)) if entry.name else full
            yield Route(name=name, pattern=full, callback=entry.callback, path=_first_resolving(candidates, entry))


def _first_resolving(candidates: list[str], entry: URLPattern) -> str | None:
    for candidate in candidates:
        path = "/" + candidate
        try:
            match = resolve(path)
        except Resolver404:
            continue
        if match.func is entry.callback:
            return path
    return None


def all_routes() -> list[Route]:
    return list(_walk(get_resolver(), [""], (), ""))
