"""Agenda packs: one PDF of the agenda and its public papers (and a members' pack with Part 2),
built in the background."""

from __future__ import annotations

from committee.models import Meeting


def request_packs(meeting: Meeting) -> None:
    """Ask for the meeting's packs to be (re)built. Wired to the background worker in the packs slice."""
