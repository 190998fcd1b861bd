"""A committee report as structured content: title block, summary,
recommendations, numbered sections and paragraphs, background papers and
appendices, with its clearance sign-offs and history."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import BooleanField, Exists, F, Func, OuterRef, Q, Value
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from committee import access
from committee.models import SCHEDULE_12A_PARAGRAPHS, VALID_PARAGRAPH, Committee, Meeting, Person, Ward
from core import text
from core.paths import path_to
from core.text import TextField


class ReportTemplate(models.Model):
    """A council's report template: its standard sections and its title block, the wording the report
    prints around them, and how it numbers paragraphs and labels appendices."""

    class Numbering(models.TextChoices):
        DECIMAL = "decimal", _("Decimal by section (1.1, 5.2.1)")
        FLAT = "flat", _("Running numbers through unnumbered headings (1, 2, 3 …)")
        NONE = "none", _("None (paragraphs and sections unnumbered)")

    class AppendixLabels(models.TextChoices):
        LETTERS = "letters", _("Letters (Appendix A, B, C)")
        NUMBERS = "numbers", _("Numbers (Appendix 1, 2, 3)")

    class TitlePlacement(models.TextChoices):
        BOTH = "both", _("As a heading, and in the title block's Title row if it has one")
        HEADING = "heading", _("As a heading only (any Title row is left out)")
        ROW = "row", _("In the title block only (a Title row is added first if it has none)")
        HIDDEN = "hidden", _("Not printed (the rows name the report, as a planning application's site and proposal)")

    class RecommendationNumbering(models.TextChoices):
        NUMBERS = "numbers", _("1., 2., 3.")
        LETTERS = "letters", _("(a), (b), (c)")
        ROMAN = "roman", _("(i), (ii), (iii)")
        NONE = "none", _("Not numbered (a single recommendation, as a planning application's)")

    class Opening(models.TextChoices):
        SUMMARY_FIRST = "summary_first", _("The summary, then the recommendations, then the sections")
        RECOMMENDATIONS_FIRST = "recommendations_first", _("The recommendations, then the summary, then the sections")
        SECTIONS_FIRST = "sections_first", _("The summary, then the sections, the recommendations after them")

    class SubNumbering(models.TextChoices):
        DECIMAL = "decimal", _("Decimal (4.1, 4.1.1)")
        LETTERS = "letters", _("Letters then roman numerals ((a), (i))")

    class HeadingCase(models.TextChoices):
        CAPITALS = "capitals", _("Section headings in capitals (as typed underneath)")
        AS_WRITTEN = "as_written", _("Section headings as written")

    class ImplicationsLayout(models.TextChoices):
        TABLE = "table", _("A table: each issue, its implications and the officer who signed them off")
        SUB_SECTIONS = "sub_sections", _("Numbered sub-sections, each saying who signed it off")

    class Kind(models.TextChoices):
        # A decision record is drafted and cleared like a report; publishing it publishes the decision
        # (reports/decision_reports.py). A council may keep several templates of each kind.
        REPORT = "report", _("A committee report")
        CABINET_MEMBER_DECISION = "cabinet_member_decision", _("A cabinet member's decision (may be called in)")
        OFFICER_DECISION = "officer_decision", _("An officer's decision record (the 2014 Openness Regulations)")

    class TitleBlockLayout(models.TextChoices):
        TABLE = "table", _("A table of labelled rows")
        LINES = "lines", _("Lines, each “Label: value”")

    class DateStyle(models.TextChoices):
        # The formats are core.dates.DATE_STYLES'; the labels show each on the same day.
        DAY_MONTH_YEAR = "day_month_year", _("21 February 2017")
        WITH_WEEKDAY = "with_weekday", _("Tuesday 21 February 2017")
        NUMERIC = "numeric", _("21/02/2017")
        SHORT_MONTH = "short_month", _("21-Feb-2017")
        CAPITALS = "capitals", _("21 FEBRUARY 2017")

    class FullStops(models.TextChoices):
        SECTIONS = "sections", _("After section numbers only (1. Background, 1.1, 1.2)")
        ALL = "all", _("After every number (1. Background, 1.1., 1.2.; running numbers 1., 2.)")
        NONE = "none", _("After no number (1 Background, 1.1, 1.2; running numbers 1, 2)")

    class TitleBlockCase(models.TextChoices):
        AS_WRITTEN = "as_written", _("As written")
        CAPITALS = "capitals", _("In capitals (as Cardiff prints “CABINET MEETING: 17 DECEMBER 2020”)")

    class Languages(models.TextChoices):
        READER = "reader", _("In the reader's language: the Welsh below on Welsh pages, else the English")
        WELSH_FIRST = (
            "welsh_first",
            _("In Welsh and English together, Welsh first (“Cyfarfod / Meeting”), on every page"),
        )

    class ExemptAppendixNotices(models.TextChoices):
        EACH = "each", _("A notice for each exempt appendix, naming it and its paragraph")
        COMBINED = (
            "combined",
            _(
                "One notice for them all, as Cardiff prints “Appendices 2 - 6 of this report are not for "
                "publication as they contain exempt information …”"
            ),
        )

    name = text.CharField(max_length=200, unique=True, verbose_name=_("name"))
    kind = models.CharField(
        _("what it drafts"),
        max_length=30,
        choices=Kind.choices,
        default=Kind.REPORT,
        help_text=_("A decision record is published as a decision, with its notice, when it is published."),
    )
    # Set through reports.templates_setup.make_default, which clears the one before.
    is_default = models.BooleanField(
        default=False,
        help_text=_("Offered first, and used where no other template fits the committee."),
        verbose_name=_("is default"),
    )
    committees = models.ManyToManyField(
        Committee,
        blank=True,
        related_name="report_templates",
        help_text=_("The committees it is offered for; none chosen: every committee."),
        verbose_name=_("committees"),
    )
    summary_heading = text.CharField(
        max_length=200,
        default="Summary",
        blank=True,
        help_text=_("e.g. “Executive Summary”; leave it empty for a summary printed without a heading."),
        verbose_name=_("summary heading"),
    )
    recommendations_heading = text.CharField(
        max_length=200, default="Recommendations", verbose_name=_("recommendations heading")
    )
    recommendations_lead_in = text.CharField(
        max_length=300,
        blank=True,
        help_text=_("Printed before the recommendations, e.g. “Members are asked to NOTE:”."),
        verbose_name=_("recommendations lead in"),
    )
    empty_subsection_text = text.CharField(
        max_length=300,
        blank=True,
        help_text=_("Printed under a sub-heading left empty, e.g. “None in the context of this report.”"),
        verbose_name=_("empty subsection text"),
    )
    # The same wording in Welsh, printed as `languages` says; blank: the Welsh catalogue's, if it has one.
    summary_heading_cy = text.CharField(_("summary heading in Welsh"), max_length=200, blank=True)
    recommendations_heading_cy = text.CharField(_("recommendations heading in Welsh"), max_length=200, blank=True)
    recommendations_lead_in_cy = text.CharField(_("lead-in in Welsh"), max_length=300, blank=True)
    empty_subsection_text_cy = text.CharField(
        _("text under an empty sub-heading, in Welsh"), max_length=300, blank=True
    )
    languages = models.CharField(
        _("languages of the headings and labels"),
        max_length=20,
        choices=Languages.choices,
        default=Languages.READER,
        help_text=_("Welsh first, as a bilingual council prints its reports: headings, lead-ins and labels in both."),
    )
    numbering = models.CharField(
        max_length=20, choices=Numbering.choices, default=Numbering.DECIMAL, verbose_name=_("numbering")
    )
    appendix_labels = models.CharField(
        max_length=20, choices=AppendixLabels.choices, default=AppendixLabels.LETTERS, verbose_name=_("appendix labels")
    )
    title_placement = models.CharField(
        _("where the title prints"), max_length=20, choices=TitlePlacement.choices, default=TitlePlacement.BOTH
    )
    heading_case = models.CharField(
        max_length=20, choices=HeadingCase.choices, default=HeadingCase.CAPITALS, verbose_name=_("heading case")
    )
    implications_layout = models.CharField(
        _("implications"),
        max_length=20,
        choices=ImplicationsLayout.choices,
        default=ImplicationsLayout.TABLE,
        help_text=_("How a section marked as the implications prints its issues."),
    )
    opening = models.CharField(
        _("order of the report"),
        max_length=30,
        choices=Opening.choices,
        default=Opening.SUMMARY_FIRST,
        help_text=_("A summary left empty is not printed: a template whose sections carry the summary needs none."),
    )
    title_block_layout = models.CharField(
        max_length=20,
        choices=TitleBlockLayout.choices,
        default=TitleBlockLayout.TABLE,
        help_text=_("Rows whose label is not printed stand as lines above the rest in either layout."),
        verbose_name=_("title block layout"),
    )
    title_block_case = models.CharField(
        _("the title block's case"), max_length=20, choices=TitleBlockCase.choices, default=TitleBlockCase.AS_WRITTEN
    )
    recommendation_numbering = models.CharField(
        max_length=20,
        choices=RecommendationNumbering.choices,
        default=RecommendationNumbering.NUMBERS,
        verbose_name=_("recommendation numbering"),
    )
    sub_numbering = models.CharField(
        _("numbering below the first level"), max_length=20, choices=SubNumbering.choices, default=SubNumbering.DECIMAL
    )
    full_stops = models.CharField(
        _("full stops after numbers"),
        max_length=20,
        choices=FullStops.choices,
        default=FullStops.SECTIONS,
        help_text=_("Numbers in letters, such as (a) and (i), never take one."),
    )
    date_style = models.CharField(
        max_length=20,
        choices=DateStyle.choices,
        default=DateStyle.DAY_MONTH_YEAR,
        help_text=_(
            "How the title block and the report's header print dates: the meeting's, and those the report gives."
        ),
        verbose_name=_("date style"),
    )
    exempt_appendix_notices = models.CharField(
        _("notices of exempt appendices"),
        max_length=20,
        choices=ExemptAppendixNotices.choices,
        default=ExemptAppendixNotices.EACH,
        help_text=_("Printed under the title; an appendix published as a redacted version keeps a notice of its own."),
    )
    created = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    modified = models.DateTimeField(auto_now=True, verbose_name=_("modified"))

    class Meta:
        verbose_name = _("report template")
        verbose_name_plural = _("report templates")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["is_default"], condition=Q(is_default=True), name="one_default_template"),
        ]

    def __str__(self) -> str:
        return self.name


class SectionRecords(models.TextChoices):
    """What a decision record reads from a section of its report (reports/decision_reports.py), whatever the
    section's heading says; each value is the decision record's field it fills."""

    NOTHING = "", _("Nothing in particular")
    REASONS = "reasons", _("The reasons for the decision (read after the summary)")
    ALTERNATIVES = "alternatives_rejected", _("The alternative options considered and rejected")
    INTERESTS = "interests_declared", _("Interests declared by the decision-maker")
    DISPENSATIONS = "dispensations", _("Dispensations granted")


class TemplateSection(models.Model):
    template = models.ForeignKey(
        ReportTemplate, on_delete=models.CASCADE, related_name="sections", verbose_name=_("template")
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
        help_text=_("Set for a sub-heading, such as the implications' 'Risk Management'."),
        verbose_name=_("parent"),
    )
    position = models.PositiveIntegerField(default=0, verbose_name=_("position"))
    heading = text.CharField(max_length=300, verbose_name=_("heading"))
    heading_cy = text.CharField(_("heading in Welsh"), max_length=300, blank=True)
    guidance = text.TextField(
        blank=True, help_text=_("Shown to the author while drafting; never published."), verbose_name=_("guidance")
    )
    is_background_papers = models.BooleanField(
        default=False,
        help_text=_("This section lists the report's background papers."),
        verbose_name=_("is background papers"),
    )
    is_optional = models.BooleanField(
        default=False,
        help_text=_("Left out of the published report while it has nothing in it."),
        verbose_name=_("is optional"),
    )
    is_required = models.BooleanField(
        default=False,
        help_text=_("A report cannot be submitted for clearance until this section is written."),
        verbose_name=_("is required"),
    )
    is_implications = models.BooleanField(
        _("the implications"),
        default=False,
        help_text=_("Its sub-headings are the issues (finance, legal, risk …), each signed off by an officer."),
    )
    records = models.CharField(
        _("what it records in a decision record"),
        max_length=30,
        choices=SectionRecords.choices,
        blank=True,
        default=SectionRecords.NOTHING,
        help_text=_("A decision record reads its reasons, alternatives, interests and dispensations from these."),
    )

    class Meta:
        verbose_name = _("template section")
        verbose_name_plural = _("template sections")
        ordering = ["template", "parent_id", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(is_optional=True, is_required=True), name="template_section_optional_or_required"
            ),
        ]

    def __str__(self) -> str:
        return self.heading


class TitleBlockRow(models.Model):
    """One row of the title block: which field shows, in what order, under what label."""

    class Field(models.TextChoices):
        TITLE = "title", _("Title")
        REPORT_OF = "report_of", _("Report of")
        WARDS = "wards", _("Wards (the council's own list)")
        STATUS = "status", _("Classification (public, public with exempt appendices, or exempt; computed)")
        URGENT = "urgent", _("Urgent")
        KEY_DECISION = "key_decision", _("Key decision (with its forward plan reference)")
        FORWARD_PLAN_REFERENCE = "forward_plan_reference", _("Forward plan reference")
        ENCLOSURES = "enclosures", _("Enclosures (the appendices; computed)")
        CONTACT = "contact", _("Officer contact details")
        DECISION_MAKER = "decision_maker", _("Final decision-maker")
        LEAD_HEAD_OF_SERVICE = "lead_head_of_service", _("Lead head of service")
        ROUTE = "route", _("Timetable (the report's route through meetings)")
        COMMITTEE = "committee", _("The committee (computed)")
        MEETING_DATE = "meeting_date", _("The meeting's date (computed)")
        MEETING = "meeting", _("The committee and the meeting's date (computed)")
        AGENDA_ITEM = "agenda_item", _("Agenda item number (computed)")
        FREE = "free", _("Free text (the report gives it)")
        YES_NO = "yes_no", _("Yes, no or not applicable (the report chooses)")
        DATE = "date", _("A date (the report gives it)")
        CHOICE = "choice", _("A choice from a list (the report chooses)")
        PEOPLE = "people", _("People, one or more (the report chooses)")

    # The kinds whose value each report gives in the editor, kept by the row's label.
    FILLED_IN = (Field.FREE, Field.YES_NO, Field.DATE, Field.CHOICE, Field.PEOPLE)

    template = models.ForeignKey(
        ReportTemplate, on_delete=models.CASCADE, related_name="title_block_rows", verbose_name=_("template")
    )
    position = models.PositiveIntegerField(default=0, verbose_name=_("position"))
    field = models.CharField(_("kind"), max_length=30, choices=Field.choices)
    label = text.CharField(max_length=200, verbose_name=_("label"))
    label_cy = text.CharField(_("label in Welsh"), max_length=200, blank=True)
    show_label = models.BooleanField(
        _("print the label"), default=True, help_text=_("Untick for a line printed alone, such as the meeting's date.")
    )
    same_line = models.BooleanField(
        _("on the line before"),
        default=False,
        help_text=_("Printed on the same line as the row before, as Cardiff prints its portfolio and agenda item."),
    )
    choices = text.TextField(
        blank=True, help_text=_("For a choice from a list: one choice a line."), verbose_name=_("choices")
    )
    date_style = models.CharField(
        max_length=20,
        choices=ReportTemplate.DateStyle.choices,
        blank=True,
        help_text=_("For a date, or the meeting's: blank prints it as the template prints dates."),
        verbose_name=_("date style"),
    )

    class Meta:
        verbose_name = _("title block row")
        verbose_name_plural = _("title block rows")
        ordering = ["template", "position", "id"]

    def __str__(self) -> str:
        return self.label

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class ReportQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Report.Status.PUBLISHED)

    def public(self):
        """Published and exempt by neither the live row nor the latest published revision (a
        correction being drafted changes nothing for the public: reports/published.py)."""
        return self.published().filter(is_exempt=False).exclude(published_exempt())

    def visible_to(self, user):
        """Every report the user may read, for lists, search and feeds: the queryset form of
        reports/access.py `can_view_report`. The public's reports; Part 2 reports of the user's own
        committees and of routes through them; their own and shared drafts; those they are asked to
        sign off while the committee still asks for that role; everything, for the governance team."""
        if access.is_governance_officer(user):
            return self.all()
        visible = Q(status=Report.Status.PUBLISHED, is_exempt=False) & ~published_exempt()
        if getattr(user, "is_authenticated", False):
            committees = access.member_committee_ids(user)
            visible |= Q(status=Report.Status.PUBLISHED, committee_id__in=committees)
            visible |= Q(status=Report.Status.PUBLISHED, route__committee_id__in=committees)
            visible |= Q(author=user) | Q(shared_with=user) | live_signoff_of(user)
        return self.filter(pk__in=Report.objects.filter(visible).values("pk"))


def live_signoff_of(user) -> Q:
    """Reports with a sign-off assigned to the user for a role the report's committee still asks for."""
    required = Q()
    for role in access.APPROVER_GROUP_FOR_ROLE:
        required |= Q(signoffs__role=role, **{f"committee__requires_{role}_signoff": True})
    return Q(signoffs__approver=user) & required


class Report(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for clearance")
        CLEARED = "cleared", _("Cleared")
        APPROVED = "approved", _("Approved for publication")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, related_name="reports", verbose_name=_("committee")
    )
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="reports", verbose_name=_("meeting")
    )
    work_programme_item = models.OneToOneField(
        "committee.WorkProgrammeItem",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="report",
        verbose_name=_("work programme item"),
    )
    template = models.ForeignKey(
        ReportTemplate, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("template")
    )
    title = text.CharField(max_length=500, verbose_name=_("title"))
    public_title = text.CharField(
        max_length=500,
        blank=True,
        help_text=_(
            "Exempt reports only: the title the public agenda shows, worded so as not to disclose what "
            "the exemption protects; the report's own title is then for those entitled to Part 2."
        ),
        verbose_name=_("public title"),
    )
    report_of = text.CharField(
        max_length=200,
        help_text=_("The officer role, e.g. 'Commissioning Director, Adults'"),
        verbose_name=_("report of"),
    )
    all_wards = models.BooleanField(default=True, verbose_name=_("all wards"))
    wards = models.ManyToManyField(Ward, blank=True, related_name="reports", verbose_name=_("wards"))
    is_exempt = models.BooleanField(_("exempt"), default=False)
    exempt_paragraph = models.PositiveSmallIntegerField(
        null=True, blank=True, choices=SCHEDULE_12A_PARAGRAPHS, verbose_name=_("exempt paragraph")
    )
    urgent = models.BooleanField(default=False, verbose_name=_("urgent"))
    key_decision = models.BooleanField(default=False, verbose_name=_("key decision"))
    forward_plan_reference = text.CharField(
        max_length=100,
        blank=True,
        help_text=_("The key decision's reference on the forward plan, e.g. “CYPS/03/2021”."),
        verbose_name=_("forward plan reference"),
    )
    decision_maker = text.CharField(_("final decision-maker"), max_length=200, blank=True)
    lead_head_of_service = text.CharField(max_length=200, blank=True, verbose_name=_("lead head of service"))
    extra_title_rows = models.JSONField(
        default=dict,
        blank=True,
        help_text=_("Values of the template's free title-block rows, by label."),
        verbose_name=_("extra title rows"),
    )
    contact_officers = models.ManyToManyField(
        Person, blank=True, related_name="reports_as_contact", verbose_name=_("contact officers")
    )
    summary = text.TextField(blank=True, help_text=_("Sanitised HTML"), verbose_name=_("summary"))
    # In Welsh, shown to Welsh readers; blank falls back to the English (core/bilingual.py).
    title_cy = text.CharField(_("title in Welsh"), max_length=500, blank=True)
    summary_cy = text.TextField(_("summary in Welsh"), blank=True, help_text=_("Sanitised HTML"))
    report_of_cy = text.CharField(_("report of, in Welsh"), max_length=200, blank=True)
    # A fingerprint of the English each block's Welsh was written from (reports/translation.py): the
    # translator sees which blocks' English has changed since.
    translated_from = text.CharField(max_length=64, blank=True, editable=False, verbose_name=_("translated from"))
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT, verbose_name=_("status"))
    # Checked on every save so that two people editing one report never overwrite each other.
    version = models.PositiveIntegerField(default=1, verbose_name=_("version"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="authored_reports",
        verbose_name=_("author"),
    )
    shared_with = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="shared_reports", verbose_name=_("shared with")
    )
    published_at = models.DateTimeField(null=True, blank=True, verbose_name=_("published at"))
    created = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    modified = models.DateTimeField(auto_now=True, verbose_name=_("modified"))

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-modified"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(is_exempt=False) & Q(exempt_paragraph__isnull=True))
                | (Q(is_exempt=True) & VALID_PARAGRAPH),
                name="report_exempt_has_paragraph",
            ),
        ]
        indexes = [
            # The public lists: published reports of a committee, newest first.
            models.Index(fields=["committee", "status"], name="report_committee_status_idx"),
            # The officers' dashboard: my reports by state.
            models.Index(fields=["author", "status"], name="report_author_status_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return path_to("reports:report_detail", self.pk)

    @property
    def status_label(self) -> str:
        if self.is_exempt:
            return f"Exempt — paragraph {self.exempt_paragraph} of Schedule 12A"
        return "Public"


class Recommendation(models.Model):
    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="recommendations", verbose_name=_("report")
    )
    position = models.PositiveIntegerField(default=0, verbose_name=_("position"))
    # Before ``text``, whose name hides the module's below it.
    text_cy = text.TextField(_("text in Welsh"), blank=True, help_text=_("Sanitised HTML"))
    translated_from = text.CharField(max_length=64, blank=True, editable=False, verbose_name=_("translated from"))
    text = text.TextField(help_text=_("Sanitised HTML"), verbose_name=_("text"))
    # Set when the text is exempt information (Schedule 12A): the public edition prints a notice in its
    # place with its number unchanged (reports/exemption.py); those entitled to Part 2 read it whole.
    exempt_paragraph = models.PositiveSmallIntegerField(
        _("exempt under paragraph"), null=True, blank=True, choices=SCHEDULE_12A_PARAGRAPHS
    )
    # An exempt recommendation's redacted version, the exempt information taken out: what the public
    # read in its place once published (publishing/publication.py publish_redacted_text).
    redacted_text = TextField(blank=True, help_text=_("Sanitised HTML, as the text"), verbose_name=_("redacted text"))

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["report", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(exempt_paragraph__isnull=True) | VALID_PARAGRAPH, name="recommendation_exempt_paragraph"
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class Section(models.Model):
    """A numbered top-level section of a report ("5. IMPLICATIONS OF DECISION")."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="sections", verbose_name=_("report"))
    position = models.PositiveIntegerField(default=0, verbose_name=_("position"))
    heading = text.CharField(max_length=300, verbose_name=_("heading"))
    heading_cy = text.CharField(_("heading in Welsh"), max_length=300, blank=True)
    translated_from = text.CharField(max_length=64, blank=True, editable=False, verbose_name=_("translated from"))
    guidance = text.TextField(
        blank=True, help_text=_("From the template; shown while drafting, never published."), verbose_name=_("guidance")
    )
    is_background_papers = models.BooleanField(default=False, verbose_name=_("is background papers"))
    # From the template: an optional section with nothing in it is left out of the report as printed.
    is_optional = models.BooleanField(default=False, verbose_name=_("is optional"))
    # From the template: the report is not submitted for clearance while this section is unwritten.
    is_required = models.BooleanField(default=False, verbose_name=_("is required"))
    # From the template: the implications, each sub-heading an issue with the officer who signed it off.
    is_implications = models.BooleanField(default=False, verbose_name=_("is implications"))
    # From the template: what a decision record reads from it (reports/decision_reports.py).
    records = models.CharField(
        _("what it records in a decision record"), max_length=30, choices=SectionRecords.choices, blank=True, default=""
    )

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["report", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(is_optional=True, is_required=True), name="section_optional_or_required"
            ),
        ]

    def __str__(self) -> str:
        return self.heading


class Paragraph(models.Model):
    """A numbered paragraph within a section. A paragraph with a heading and
    children is a sub-section (5.1 "Risk Management" holding 5.1.1)."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="paragraphs", verbose_name=_("section"))
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children", verbose_name=_("parent")
    )
    position = models.PositiveIntegerField(default=0, verbose_name=_("position"))
    heading = text.CharField(max_length=300, blank=True, verbose_name=_("heading"))
    # An implication's sign-off as published ("Jane Smith, Head of Finance"): public, and not the
    # internal clearance record (SignOff). Declared before `text`, which hides the module below it.
    signed_off_by = text.CharField(max_length=300, blank=True, verbose_name=_("signed off by"))
    heading_cy = text.CharField(_("heading in Welsh"), max_length=300, blank=True)
    text_cy = text.TextField(_("text in Welsh"), blank=True, help_text=_("Sanitised HTML"))
    translated_from = text.CharField(max_length=64, blank=True, editable=False, verbose_name=_("translated from"))
    text = text.TextField(blank=True, help_text=_("Sanitised HTML; may hold bullet lists"), verbose_name=_("text"))
    # Set when the text is exempt information (Schedule 12A): the public edition prints a notice in its
    # place with its number unchanged (reports/exemption.py); those entitled to Part 2 read it whole.
    exempt_paragraph = models.PositiveSmallIntegerField(
        _("exempt under paragraph"), null=True, blank=True, choices=SCHEDULE_12A_PARAGRAPHS
    )
    # An exempt paragraph's redacted version, the exempt information taken out: what the public read
    # in its place once published (publishing/publication.py publish_redacted_text).
    redacted_text = TextField(blank=True, help_text=_("Sanitised HTML, as the text"), verbose_name=_("redacted text"))

    class Meta:
        verbose_name = _("paragraph")
        verbose_name_plural = _("paragraphs")
        ordering = ["section", "position", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(parent=models.F("id")), name="paragraph_not_own_parent"),
            models.CheckConstraint(
                condition=Q(exempt_paragraph__isnull=True) | VALID_PARAGRAPH, name="paragraph_exempt_paragraph"
            ),
        ]

    def __str__(self) -> str:
        return self.heading or self.text[:80]


def report_file_path(instance, filename: str) -> str:
    return f"reports/{instance.report_id}/{filename}"


class BackgroundPaper(models.Model):
    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="background_papers", verbose_name=_("report")
    )
    position = models.PositiveIntegerField(default=0, verbose_name=_("position"))
    title = text.CharField(max_length=500, verbose_name=_("title"))
    title_cy = text.CharField(_("title in Welsh"), max_length=500, blank=True)
    translated_from = text.CharField(max_length=64, blank=True, editable=False, verbose_name=_("translated from"))
    url = models.URLField(max_length=1000, blank=True, verbose_name=_("URL"))
    file = models.FileField(upload_to=report_file_path, blank=True, verbose_name=_("file"))
    date = models.DateField(null=True, blank=True, verbose_name=_("date"))
    # Added while a correction to the published report is being drafted: not public until the
    # correction is published (revisions.record clears it), as the correction's text is not.
    awaiting_publication = models.BooleanField(default=False, verbose_name=_("awaiting publication"))

    class Meta:
        verbose_name = _("background paper")
        verbose_name_plural = _("background papers")
        ordering = ["report", "position", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(url="") | ~Q(file=""), name="background_paper_has_link_or_file"),
        ]

    def __str__(self) -> str:
        return self.title


class Appendix(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="appendices", verbose_name=_("report"))
    position = models.PositiveIntegerField(default=0, verbose_name=_("position"))
    title = text.CharField(max_length=500, verbose_name=_("title"))
    title_cy = text.CharField(_("title in Welsh"), max_length=500, blank=True)
    translated_from = text.CharField(max_length=64, blank=True, editable=False, verbose_name=_("translated from"))
    file = models.FileField(upload_to=report_file_path, verbose_name=_("file"))
    content_type = text.CharField(max_length=200, blank=True, verbose_name=_("content type"))
    size = models.PositiveBigIntegerField(default=0, verbose_name=_("size"))
    sha512 = text.CharField(max_length=128, blank=True, verbose_name=_("sha512"))
    created = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    # Added while a correction to the published report is being drafted: not public until the
    # correction is published (revisions.record clears it), as the correction's text is not.
    awaiting_publication = models.BooleanField(default=False, verbose_name=_("awaiting publication"))
    # An exempt appendix of a (usually public) report: named everywhere, its file only for those
    # entitled to Part 2 (reports/access.py can_open_report_file).
    exempt_paragraph = models.PositiveSmallIntegerField(
        _("exempt under paragraph"), null=True, blank=True, choices=SCHEDULE_12A_PARAGRAPHS
    )
    public_interest_reason = text.TextField(
        blank=True,
        help_text=_("Why the public interest in withholding it outweighs the public interest in disclosing it."),
        verbose_name=_("public interest reason"),
    )
    # An exempt appendix's redacted version, the exempt information taken out: what the public gets in
    # its place once published (publishing/publication.py publish_redacted_appendix); the file above
    # stays with those entitled to Part 2.
    redacted_file = models.FileField(upload_to=report_file_path, blank=True, verbose_name=_("redacted file"))
    redacted_content_type = text.CharField(max_length=200, blank=True, verbose_name=_("redacted content type"))
    redacted_size = models.PositiveBigIntegerField(default=0, verbose_name=_("redacted size"))
    redacted_sha512 = text.CharField(max_length=128, blank=True, verbose_name=_("redacted sha512"))
    # Blank: labelled in order as the template says (A, B, C or 1, 2, 3); set where the council's practice
    # needs a label of its own, used then by the editor, the report, both packs, Word and open data alike.
    own_label = text.CharField(_("label"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("appendix")
        ordering = ["report", "position", "id"]
        verbose_name_plural = _("appendices")
        constraints = [
            models.CheckConstraint(
                condition=Q(exempt_paragraph__isnull=True) | VALID_PARAGRAPH, name="appendix_exempt_paragraph"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class SignOff(models.Model):
    """One clearance sign-off. Internal: never shown on the published report."""

    class Role(models.TextChoices):
        LEGAL = "legal", _("Legal")
        FINANCE = "finance", _("Finance")
        DIRECTOR = "director", _("Director")
        TRANSLATION = "translation", _("Translation")

    class Decision(models.TextChoices):
        PENDING = "pending", _("Waiting")
        APPROVED = "approved", _("Approved")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="signoffs", verbose_name=_("report"))
    role = models.CharField(max_length=20, choices=Role.choices, verbose_name=_("role"))
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signoffs",
        verbose_name=_("approver"),
    )
    decision = models.CharField(
        max_length=20, choices=Decision.choices, default=Decision.PENDING, verbose_name=_("decision")
    )
    comment = text.TextField(blank=True, verbose_name=_("comment"))
    decided_at = models.DateTimeField(null=True, blank=True, verbose_name=_("decided at"))
    created = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))

    class Meta:
        verbose_name = _("sign-off")
        verbose_name_plural = _("sign-offs")
        ordering = ["report", "role"]
        constraints = [
            models.UniqueConstraint(fields=["report", "role"], name="one_signoff_per_role"),
        ]
        indexes = [
            # "Waiting for my sign-off" on the officers' dashboard.
            models.Index(fields=["approver", "decision"], name="signoff_approver_decision_idx"),
        ]

    def __str__(self) -> str:
        return gettext("%(role)s sign-off: %(decision)s") % {
            "role": self.get_role_display(),
            "decision": self.get_decision_display(),
        }


class ReportTransition(models.Model):
    """The audit trail: every change of a report's state."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="transitions", verbose_name=_("report"))
    from_status = models.CharField(max_length=20, choices=Report.Status.choices, verbose_name=_("from status"))
    to_status = models.CharField(max_length=20, choices=Report.Status.choices, verbose_name=_("to status"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(auto_now_add=True, verbose_name=_("at"))
    comment = text.TextField(blank=True, verbose_name=_("comment"))

    class Meta:
        verbose_name = _("report transition")
        verbose_name_plural = _("report transitions")
        ordering = ["report", "at", "id"]

    def __str__(self) -> str:
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class ReportRevision(models.Model):
    """A snapshot of the whole report. An author's saves within one sitting are one working revision,
    brought up to date as they save (reports/revisions.py `record_edit`); a new report, each publication
    and each sitting after a pause or a step of clearance start a new one. A published revision is
    frozen and stays readable at its own address."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("report"))
    number = models.PositiveIntegerField(verbose_name=_("number"))
    content = models.JSONField(verbose_name=_("content"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("created by")
    )
    created = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    is_published = models.BooleanField(default=False, verbose_name=_("is published"))
    published_at = models.DateTimeField(null=True, blank=True, verbose_name=_("published at"))
    revision_note = text.TextField(
        blank=True, help_text=_("Why a published report was corrected."), verbose_name=_("revision note")
    )
    # Set on a working revision only: empty on one kept once (a new report, a publication, a baseline).
    saved = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_("When the latest save of its sitting brought this working revision up to date."),
        verbose_name=_("saved"),
    )

    class Meta:
        verbose_name = _("report revision")
        verbose_name_plural = _("report revisions")
        ordering = ["report", "number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="one_revision_number_per_report"),
        ]

    def __str__(self) -> str:
        return f"{self.report} — revision {self.number}"


class RenderedPdf(models.Model):
    """A report's PDF, rendered once for one set of inputs and kept as a file (documents/pdf_store.py).

    A published revision's PDF is frozen with it (``revision`` set): rendered by the task worker when
    the report is published and served as a file ever after, so a download is a lookup, not a render.
    A report not yet published keeps the PDF of its current content (``revision`` empty), found by
    ``key``, the hash of everything it was made from (documents.pdf.report_pdf_key).
    A published revision with exempt parts also has its members' edition (``members_revision`` set):
    the whole report, exempt parts in place, rendered by the worker too, for those entitled to Part 2.
    A Welsh edition (``welsh_revision``) and a members' edition in Welsh (``members_welsh_revision``)
    are kept in the same way. A row is one of these editions, or a draft's PDF (none of them set).
    """

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="rendered_pdfs", verbose_name=_("report"))
    revision = models.OneToOneField(
        ReportRevision,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="rendered_pdf",
        verbose_name=_("revision"),
    )
    members_revision = models.OneToOneField(
        ReportRevision,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="members_pdf",
        help_text=_("The published revision whose members' edition (exempt parts in place) this is."),
        verbose_name=_("members revision"),
    )
    welsh_revision = models.OneToOneField(
        ReportRevision,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="welsh_pdf",
        help_text=_("The published revision whose Welsh edition (its public edition, in Welsh) this is."),
        verbose_name=_("welsh revision"),
    )
    members_welsh_revision = models.OneToOneField(
        ReportRevision,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="members_welsh_pdf",
        help_text=_("The published revision whose members' edition in Welsh (exempt parts in place) this is."),
        verbose_name=_("members welsh revision"),
    )
    key = text.CharField(
        max_length=64,
        blank=True,
        help_text=_("Hash of the inputs; empty for a PDF frozen earlier."),
        verbose_name=_("key"),
    )
    file = models.FileField(max_length=300, verbose_name=_("file"))
    filename = text.CharField(
        max_length=255, help_text=_("The name a download is saved under."), verbose_name=_("filename")
    )
    size = models.PositiveIntegerField(verbose_name=_("size"))
    rendered_at = models.DateTimeField(verbose_name=_("rendered at"))

    class Meta:
        verbose_name = _("rendered PDF")
        verbose_name_plural = _("rendered PDFs")
        constraints = [
            models.UniqueConstraint(
                fields=["report"],
                condition=Q(
                    revision__isnull=True,
                    members_revision__isnull=True,
                    welsh_revision__isnull=True,
                    members_welsh_revision__isnull=True,
                ),
                name="one_current_draft_pdf_per_report",
            ),
            # At most one edition a row: every other edition's revision empty, whichever is set.
            models.CheckConstraint(
                condition=Q(
                    members_revision__isnull=True, welsh_revision__isnull=True, members_welsh_revision__isnull=True
                )
                | Q(revision__isnull=True, welsh_revision__isnull=True, members_welsh_revision__isnull=True)
                | Q(revision__isnull=True, members_revision__isnull=True, members_welsh_revision__isnull=True)
                | Q(revision__isnull=True, members_revision__isnull=True, welsh_revision__isnull=True),
                name="rendered_pdf_is_one_edition",
            ),
        ]

    def __str__(self) -> str:
        return self.filename


def published_exempt() -> Exists:
    """Reports whose latest published revision is exempt, as a queryset condition on Report."""
    later = ReportRevision.objects.filter(report=OuterRef("report"), is_published=True, number__gt=OuterRef("number"))
    return Exists(
        ReportRevision.objects.filter(report=OuterRef("pk"), is_published=True, content__is_exempt=True).exclude(
            Exists(later)
        )
    )


def appendix_published_exempt() -> Exists:
    """Appendices exempt in their report's latest published revision, as a queryset condition on
    Appendix: an exemption cleared in a correction still holds for the public until the correction is
    published (reports/access.py `can_open_report_file`)."""
    later = ReportRevision.objects.filter(report=OuterRef("report"), is_published=True, number__gt=OuterRef("number"))
    listed_exempt = Func(
        F("content"),
        Value("$.appendices[*] ? (@.file == $file && @.exempt_paragraph != null)"),
        Func(Value("file"), OuterRef("file"), function="jsonb_build_object"),
        function="jsonb_path_exists",
        output_field=BooleanField(),
    )
    return Exists(
        ReportRevision.objects.filter(report=OuterRef("report"), is_published=True)
        .filter(listed_exempt)
        .exclude(Exists(later))
    )


def appendix_redaction_published() -> Exists:
    """Appendices whose redacted version their report's latest published revision publishes, as a
    queryset condition on Appendix (reports/published.py `published_redacted_files` for one report)."""
    later = ReportRevision.objects.filter(report=OuterRef("report"), is_published=True, number__gt=OuterRef("number"))
    listed_redacted = Func(
        F("content"),
        Value("$.appendices[*] ? (@.redacted.file == $file && @.exempt_paragraph != null)"),
        Func(Value("file"), OuterRef("redacted_file"), function="jsonb_build_object"),
        function="jsonb_path_exists",
        output_field=BooleanField(),
    )
    return Exists(
        ReportRevision.objects.filter(report=OuterRef("report"), is_published=True)
        .filter(listed_redacted)
        .exclude(Exists(later))
    )


class Comment(models.Model):
    """An approver's or author's comment on one part of a draft, or a reply in its thread. Internal,
    like sign-offs: never printed, published, fed or sent to councillors (reports/comments.py).

    A thread starts on a paragraph, a recommendation or a title-block row; an approver may suggest
    new text for a paragraph or a recommendation, which its author accepts (an ordinary versioned save) or rejects."""

    class Part(models.TextChoices):
        PARAGRAPH = "paragraph", _("Paragraph")
        RECOMMENDATION = "recommendation", _("Recommendation")
        TITLE_ROW = "title_row", _("Title-block row")

    class Suggestion(models.TextChoices):
        NONE = "", _("No suggestion")
        OPEN = "open", _("Suggested")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="comments", verbose_name=_("report"))
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies", verbose_name=_("parent")
    )
    part = models.CharField(max_length=20, choices=Part.choices, blank=True, verbose_name=_("part"))
    # The part commented on; left empty if the author deletes it (the thread stays, saying so).
    paragraph = models.ForeignKey(
        Paragraph, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("paragraph")
    )
    recommendation = models.ForeignKey(
        Recommendation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recommendation"),
    )
    title_row = text.CharField(_("title-block row"), max_length=200, blank=True)
    quoted = text.TextField(
        blank=True, help_text=_("The part's text when the comment was made."), verbose_name=_("quoted")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("author")
    )
    body = text.TextField(_("comment"))
    suggestion = text.TextField(
        blank=True,
        help_text=_("Suggested text for the paragraph or recommendation: sanitised HTML."),
        verbose_name=_("suggestion"),
    )
    suggestion_state = models.CharField(
        max_length=20, choices=Suggestion.choices, blank=True, default="", verbose_name=_("suggestion state")
    )
    resolved_at = models.DateTimeField(null=True, blank=True, verbose_name=_("resolved at"))
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("resolved by"),
    )
    created = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["report", "created", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(parent__isnull=True) & ~Q(part="")) | (Q(parent__isnull=False) & Q(part="")),
                name="comment_thread_has_a_part_reply_has_none",
            ),
            models.CheckConstraint(
                condition=Q(suggestion_state="") | (Q(part__in=["paragraph", "recommendation"]) & ~Q(suggestion="")),
                name="comment_suggestion_only_on_a_paragraph_or_recommendation",
            ),
        ]
        indexes = [
            # The open threads of a report, on its comments page and when changes are requested.
            models.Index(fields=["report", "resolved_at"], name="comment_report_open_idx"),
        ]

    def __str__(self) -> str:
        return self.body[:80]
