"""The committee app's models, a module for each part of the council's business."""

from committee.models.bodies import SCHEDULE_12A_PARAGRAPHS, VALID_PARAGRAPH, Committee, Membership, Person, Venue, Ward
from committee.models.correspondence import EmailLanguage
from committee.models.council import Council, saved_council_identity
from committee.models.decisions import Action, CallIn, CallInSignature, DecisionNotice, DecisionRecord
from committee.models.meetings import (
    AgendaItem,
    AgendaPublication,
    Attendance,
    Declaration,
    ItemDecision,
    Meeting,
    MeetingQuerySet,
    Minutes,
    RecommendationDecision,
    RecordedVote,
)
from committee.models.published import AgendaPack, SearchDocument, pack_file_path
from committee.models.routes import Consultation
from committee.models.work_programme import (
    WorkProgrammeChange,
    WorkProgrammeDeferral,
    WorkProgrammeItem,
    WorkProgrammeItemQuerySet,
)

__all__ = [
    "Action",
    "SCHEDULE_12A_PARAGRAPHS",
    "VALID_PARAGRAPH",
    "AgendaItem",
    "AgendaPack",
    "AgendaPublication",
    "Attendance",
    "CallIn",
    "CallInSignature",
    "Committee",
    "Consultation",
    "Council",
    "Declaration",
    "DecisionNotice",
    "DecisionRecord",
    "EmailLanguage",
    "ItemDecision",
    "Meeting",
    "MeetingQuerySet",
    "Membership",
    "Minutes",
    "Person",
    "RecommendationDecision",
    "RecordedVote",
    "SearchDocument",
    "Venue",
    "Ward",
    "WorkProgrammeChange",
    "WorkProgrammeDeferral",
    "WorkProgrammeItem",
    "WorkProgrammeItemQuerySet",
    "pack_file_path",
    "saved_council_identity",
]
