"""A committee's programme as CSV, out and back in.

An import checks every row before it saves anything: one bad row and nothing
changes, and every error names its row (counting the heading as row 1, as a
spreadsheet does), its column and what is wrong, so the file can be fixed in one go.
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from committee.models import (
    Committee,
    Meeting,
    Person,
    WorkProgrammeChange,
    WorkProgrammeDeferral,
    WorkProgrammeItem,
)
from core import dates, schedule_12a
from core.bilingual import bilingual_text
from work_programme.programme import BY_MEETING, effective_status, record_change, status_label

COLUMNS = [
    "id",
    "title",
    "purpose",
    "report_of",
    "lead_officer",
    "meeting_date",
    "key_decision",
    "exempt_paragraph",
    "status",
    "first_published_on",
    "current_status",
]
# Written for reading; an import ignores it, because it follows the report.
READ_ONLY_COLUMNS = {"current_status"}
REQUIRED_COLUMNS = {"title"}
MAX_ROWS = 2000
YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0", ""}
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")
MANUAL = {s: WorkProgrammeItem.Status(s).label for s in WorkProgrammeItem.MANUAL_STATUSES}


def export_csv(committee: Committee) -> str:
    items = WorkProgrammeItem.objects.with_status_data().filter(committee=committee).order_by(BY_MEETING, "title", "pk")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for item in items:
        writer.writerow(
            [
                item.pk,
                item.title,
                item.purpose,
                item.report_of,
                item.lead_officer.name if item.lead_officer else "",
                item.target_meeting.date.isoformat() if item.target_meeting else "",
                "yes" if item.key_decision else "no",
                item.exempt_paragraph or "",
                item.status if item.status in MANUAL else WorkProgrammeItem.Status.PLANNED,
                item.first_published_on.isoformat() if item.first_published_on else "",
                status_label(effective_status(item)),
            ]
        )
    return out.getvalue()


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = gettext("Row %(row)s") % {"row": self.row} if self.row else gettext("The file")
        if self.column:
            return gettext("%(where)s, column '%(column)s': %(message)s") % {
                "where": where,
                "column": self.column,
                "message": self.message,
            }
        return f"{where}: {self.message}"


@dataclass
class ImportResult:
    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class _Row:
    number: int
    item: WorkProgrammeItem | None
    values: dict


def _parse_date(text: str) -> datetime.date | None:
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _decode(data: bytes) -> str | None:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def import_csv(committee: Committee, data: bytes, by=None, source: str = "CSV import") -> ImportResult:
    """Check every row; if all are good, create and update the items in one transaction."""
    result = ImportResult()
    text = _decode(data)
    if text is None:
        result.errors.append(
            RowError(0, "", gettext("it is not UTF-8 text. Save it from your spreadsheet as 'CSV UTF-8'."))
        )
        return result
    reader = csv.DictReader(io.StringIO(text))
    headings = [h.strip() for h in (reader.fieldnames or [])]
    if not headings:
        result.errors.append(
            RowError(0, "", gettext("it is empty. Start from an export: its first row names the columns."))
        )
        return result
    reader.fieldnames = headings
    unknown = [h for h in headings if h not in COLUMNS]
    for heading in unknown:
        result.errors.append(
            RowError(
                1,
                heading,
                gettext("not a column we know. The columns are: %(columns)s.") % {"columns": ", ".join(COLUMNS)},
            )
        )
    for heading in sorted(REQUIRED_COLUMNS - set(headings)):
        result.errors.append(RowError(1, heading, gettext("this column is missing.")))
    if result.errors:
        return result

    existing = {item.pk: item for item in WorkProgrammeItem.objects.filter(committee=committee)}
    meetings: dict[datetime.date, list[Meeting]] = {}
    for meeting in Meeting.objects.filter(committee=committee).exclude(status=Meeting.Status.CANCELLED):
        meetings.setdefault(meeting.date, []).append(meeting)
    people: dict[str, list[Person]] = {}
    for person in Person.objects.all():
        people.setdefault(person.name.strip().lower(), []).append(person)

    rows: list[_Row] = []
    seen_ids: dict[int, int] = {}
    try:
        raw_rows = list(reader)
    except csv.Error as exc:
        result.errors.append(
            RowError(reader.line_num, "", gettext("the file cannot be read as CSV (%(why)s).") % {"why": exc})
        )
        return result
    if len(raw_rows) > MAX_ROWS:
        result.errors.append(
            RowError(
                0,
                "",
                gettext("it has %(rows)s rows; import at most %(most)s at a time.")
                % {"rows": len(raw_rows), "most": MAX_ROWS},
            )
        )
        return result

    for number, raw in enumerate(raw_rows, start=2):
        if None in raw:
            result.errors.append(RowError(number, "", gettext("this row has more cells than there are columns.")))
            continue
        cells = {key: (value or "").strip() for key, value in raw.items() if key not in READ_ONLY_COLUMNS}
        if not any(cells.values()):
            continue  # blank lines at the end of a spreadsheet
        result.rows += 1
        errors_before = len(result.errors)

        def error(column: str, message: str, number=number) -> None:
            result.errors.append(RowError(number, column, message))

        item = None
        values: dict = {}
        if cells.get("id"):
            try:
                pk = int(cells["id"])
            except ValueError:
                error(
                    "id",
                    gettext("'%(value)s' is not a number. Leave it empty to add a new item.") % {"value": cells["id"]},
                )
            else:
                item = existing.get(pk)
                if item is None:
                    error(
                        "id",
                        gettext("there is no item %(id)s in this committee's programme. Leave it empty to add one.")
                        % {"id": pk},
                    )
                elif pk in seen_ids:
                    error(
                        "id",
                        gettext("item %(id)s is also on row %(row)s; each item may appear once.")
                        % {"id": pk, "row": seen_ids[pk]},
                    )
                else:
                    seen_ids[pk] = number
        if "title" in cells:
            if not cells["title"]:
                error("title", gettext("a title is needed."))
            elif len(cells["title"]) > 500:
                error("title", gettext("the title is longer than 500 characters."))
            values["title"] = cells["title"]
        if "purpose" in cells:
            values["purpose"] = cells["purpose"]
        if "report_of" in cells:
            if len(cells["report_of"]) > 200:
                error("report_of", gettext("longer than 200 characters."))
            values["report_of"] = cells["report_of"]
        if "lead_officer" in cells:
            name = cells["lead_officer"]
            matches = people.get(name.lower(), []) if name else [None]
            if not matches:
                error(
                    "lead_officer",
                    gettext("nobody called '%(name)s' is on the council's list of people.") % {"name": name},
                )
            elif len(matches) > 1:
                error(
                    "lead_officer",
                    gettext("more than one person is called '%(name)s'; set the lead officer on the item.")
                    % {"name": name},
                )
            else:
                values["lead_officer"] = matches[0]
        if "meeting_date" in cells:
            text_date = cells["meeting_date"]
            if not text_date:
                values["target_meeting"] = None
            else:
                day = _parse_date(text_date)
                if day is None:
                    error(
                        "meeting_date",
                        gettext("'%(value)s' is not a date: write it as 2027-03-15 or 15/03/2027.")
                        % {"value": text_date},
                    )
                elif day not in meetings:
                    error(
                        "meeting_date",
                        gettext(
                            "%(committee)s has no meeting on %(date)s. "
                            "Leave it empty for 'to be scheduled', or add the meeting first."
                        )
                        % {"committee": bilingual_text(committee, "name"), "date": dates.short_date(day)},
                    )
                elif len(meetings[day]) > 1:
                    error(
                        "meeting_date",
                        gettext("there are two meetings on %(date)s; plan this item on its page.")
                        % {"date": dates.short_date(day)},
                    )
                else:
                    values["target_meeting"] = meetings[day][0]
        if "key_decision" in cells:
            flag = cells["key_decision"].lower()
            if flag in YES:
                values["key_decision"] = True
            elif flag in NO:
                values["key_decision"] = False
            else:
                error("key_decision", gettext("'%(value)s' should be yes or no.") % {"value": cells["key_decision"]})
        if "exempt_paragraph" in cells:
            text_paragraph = cells["exempt_paragraph"]
            if not text_paragraph:
                values["is_exempt"], values["exempt_paragraph"] = False, None
            elif not text_paragraph.isdigit() or not schedule_12a.is_offered(int(text_paragraph)):
                error(
                    "exempt_paragraph",
                    gettext(
                        "'%(value)s' is not a paragraph of Schedule 12A: use %(range)s, or leave it empty if public."
                    )
                    % {"value": text_paragraph, "range": schedule_12a.range_text()},
                )
            else:
                values["is_exempt"], values["exempt_paragraph"] = True, int(text_paragraph)
        if "status" in cells and cells["status"]:
            wanted = cells["status"].lower()
            match = [value for value, label in MANUAL.items() if wanted in (value, label.lower())]
            if match:
                values["status"] = match[0]
            else:
                labels = ", ".join(str(label) for label in MANUAL.values())
                error(
                    "status",
                    gettext(
                        "'%(value)s' cannot be set by hand: use one of %(labels)s. "
                        "Drafting, on agenda and considered follow the report."
                    )
                    % {"value": cells["status"], "labels": labels},
                )
        if "first_published_on" in cells:
            text_date = cells["first_published_on"]
            day = _parse_date(text_date) if text_date else None
            if text_date and day is None:
                error(
                    "first_published_on",
                    gettext("'%(value)s' is not a date: write it as 2027-03-15 or 15/03/2027.") % {"value": text_date},
                )
            else:
                values["first_published_on"] = day
        if item is None and "title" not in cells:
            error("title", gettext("a new item needs a title."))
        if len(result.errors) == errors_before:
            rows.append(_Row(number=number, item=item, values=values))

    if result.errors:
        return result
    _apply(committee, rows, result, by, source)
    return result


FOREIGN_KEYS = {"target_meeting", "lead_officer"}


def _current(item: WorkProgrammeItem, name: str):
    # Foreign keys are compared by id, so checking a row costs no query.
    return getattr(item, f"{name}_id") if name in FOREIGN_KEYS else getattr(item, name)


def _comparable(name: str, value):
    return (value.pk if value is not None else None) if name in FOREIGN_KEYS else value


@transaction.atomic
def _apply(committee: Committee, rows: list[_Row], result: ImportResult, by, source: str) -> None:
    now = timezone.now()
    for row in rows:
        if row.item is None:
            item = WorkProgrammeItem(committee=committee, **row.values)
            item.save()
            result.created += 1
            if item.first_published_on:
                record_change(item, WorkProgrammeChange.Kind.PUBLISHED, by=by)
            continue
        item = row.item
        changed = [name for name, value in row.values.items() if _current(item, name) != _comparable(name, value)]
        if not changed:
            result.unchanged += 1
            continue
        old_meeting = Meeting.objects.filter(pk=item.target_meeting_id).first() if item.target_meeting_id else None
        for name in changed:
            setattr(item, name, row.values[name])
        item.save()
        result.updated += 1
        if "target_meeting" in changed:
            deferral = WorkProgrammeDeferral.objects.create(
                item=item,
                from_meeting=old_meeting,
                to_meeting=item.target_meeting,
                from_date=old_meeting.date if old_meeting else None,
                to_date=item.target_meeting.date if item.target_meeting else None,
                reason=f"Moved by {source}.",
                by=by,
                at=now,
            )
            record_change(item, WorkProgrammeChange.Kind.MOVED, by=by, deferral=deferral)
        elif item.first_published_on:
            record_change(item, WorkProgrammeChange.Kind.UPDATED, by=by)
