"""Committees, the people on them, their meetings, agendas and forward work programmes."""

from committee.models.bodies import *  # noqa: F403
from committee.models.meetings import *  # noqa: F403
