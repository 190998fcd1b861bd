"""Believable council prose for the benchmark's reports: topics people search for, and sentences
about them. Deterministic (seeded), so two runs seed the same council."""

from __future__ import annotations

import random
from dataclasses import dataclass

# What reports are about: (topic as a title starts, words a resident would search for).
TOPICS = [
    ("School places planning", "school places primary secondary pupils admissions"),
    ("Special educational needs transport", "SEND transport children disabilities"),
    ("Adult social care charging policy", "adult social care charging contributions"),
    ("Home care framework", "home care domiciliary providers framework"),
    ("Carers' strategy", "carers respite support strategy"),
    ("Dementia strategy", "dementia memory services carers"),
    ("Safeguarding Adults Board annual report", "safeguarding adults abuse neglect"),
    ("Children's safeguarding partnership", "safeguarding children child protection"),
    ("Youth justice plan", "youth offending justice reoffending"),
    ("Libraries strategy", "libraries community libraries opening hours"),
    ("Parking enforcement annual report", "parking enforcement penalty charge notices"),
    ("Controlled parking zone review", "controlled parking zone permits residents"),
    ("Highways maintenance programme", "highways potholes resurfacing footways"),
    ("Street lighting replacement", "street lighting LED energy"),
    ("Waste and recycling collections", "waste recycling collections bins food waste"),
    ("Fly-tipping enforcement", "fly-tipping enforcement fines environmental crime"),
    ("Air quality action plan", "air quality pollution nitrogen dioxide"),
    ("Climate emergency action plan", "climate emergency carbon net zero"),
    ("Tree planting programme", "trees planting canopy parks"),
    ("Parks and open spaces strategy", "parks open spaces playgrounds sports pitches"),
    ("Leisure centres contract", "leisure centres swimming gym contract"),
    ("Housing allocations scheme", "housing allocations waiting list social housing"),
    ("Homelessness prevention strategy", "homelessness temporary accommodation rough sleeping"),
    ("Private rented sector licensing", "landlords licensing private rented HMO"),
    ("Housing revenue account business plan", "council housing rents repairs HRA"),
    ("Local plan review", "local plan planning policy growth"),
    ("Community infrastructure levy spending", "community infrastructure levy CIL developers"),
    ("Town centre regeneration", "town centre regeneration high street shops"),
    ("Council tax support scheme", "council tax support reduction low income"),
    ("Budget and medium term financial strategy", "budget savings medium term financial strategy"),
    ("Treasury management strategy", "treasury management borrowing investments"),
    ("Capital programme", "capital programme investment projects"),
    ("Internal audit progress report", "internal audit assurance controls"),
    ("Statement of accounts", "statement of accounts external audit"),
    ("Corporate risk register", "risk register corporate risks mitigation"),
    ("Customer services transformation", "customer services contact centre online"),
    ("Equalities annual report", "equalities diversity inclusion workforce"),
    ("Public health annual report", "public health obesity smoking life expectancy"),
    ("Drug and alcohol services", "drug alcohol treatment recovery"),
    ("Community safety partnership", "community safety crime antisocial behaviour"),
    ("Licensing policy review", "licensing premises alcohol late night"),
    ("Gambling policy", "gambling betting shops licensing"),
    ("Flood risk management", "flood risk drainage surface water"),
    ("Cycling and walking plan", "cycling walking active travel"),
    ("Electric vehicle charging", "electric vehicle charging points"),
    ("Members' allowances scheme", "members allowances councillors"),
    ("Constitution review", "constitution standing orders governance"),
    ("Procurement strategy", "procurement contracts social value"),
    ("Employment and skills strategy", "employment skills apprenticeships jobs"),
    ("Digital inclusion strategy", "digital inclusion broadband online access"),
]

DOCUMENT_KINDS = [
    "annual report",
    "update",
    "consultation outcome",
    "review",
    "proposals",
    "performance report",
    "implementation plan",
    "award of contract",
]

SUBJECTS = [
    "The council",
    "The service",
    "The committee",
    "The partnership",
    "The programme board",
    "Officers",
    "The working group",
    "The provider",
    "The cabinet member",
    "Residents",
]
VERBS = [
    "has reviewed",
    "will consider",
    "continues to monitor",
    "has consulted on",
    "proposes to extend",
    "is asked to note",
    "has made progress on",
    "will report again on",
    "has commissioned a review of",
    "intends to consult on",
]
OBJECTS = [
    "the outcomes achieved in {year}",
    "the performance indicators set out in the appendix",
    "the savings agreed in the medium term financial strategy",
    "the recommendations of the scrutiny panel",
    "the risks recorded on the corporate risk register",
    "the equality impact assessment",
    "the feedback received from {n} respondents",
    "the arrangements agreed with partner organisations",
    "the service's performance against its targets",
    "the options appraisal summarised in section 3",
    "the views of residents in {ward}",
    "a budget of £{money} for {year}",
]
TAILS = [
    "",
    " in line with the council's corporate plan",
    " as required by the Local Government Act 1972",
    " following the decision of the committee in {year}",
    " within existing budgets",
    " and will report back to a future meeting",
    " subject to the outcome of the consultation",
    " with the support of the voluntary and community sector",
]
WARDS = [
    "Brunswick Park",
    "Burnt Oak",
    "Childs Hill",
    "Colindale",
    "East Barnet",
    "Finchley Church End",
    "Hendon",
    "High Barnet",
    "Mill Hill",
    "West Hendon",
    "Golders Green",
    "Edgware",
    "Totteridge",
    "Underhill",
    "Woodhouse",
    "Coppetts",
    "East Finchley",
    "Garden Suburb",
    "Oakleigh",
    "West Finchley",
]


@dataclass(frozen=True)
class Topic:
    title: str
    words: list[str]


class Prose:
    """Sentences and paragraphs, drawn from a fixed pool so that generating 20,000 reports is cheap."""

    def __init__(self, seed: int = 2017, pool_size: int = 4000):
        self.random = random.Random(seed)
        self.topics = [Topic(title, words.split()) for title, words in TOPICS]
        self.pool = [self._sentence() for _ in range(pool_size)]

    def _fill(self, text: str) -> str:
        r = self.random
        return text.format(
            year=r.choice(["2021/22", "2022/23", "2023/24", "2024/25", "2025/26"]),
            n=r.randint(40, 4000),
            ward=r.choice(WARDS),
            money=f"{r.randint(10, 9000) * 1000:,}",
        )

    def _sentence(self) -> str:
        r = self.random
        return self._fill(f"{r.choice(SUBJECTS)} {r.choice(VERBS)} {r.choice(OBJECTS)}{r.choice(TAILS)}.")

    def topical(self, topic: Topic) -> str:
        """A sentence that names the report's topic, so searching for it finds the report."""
        words = self.random.sample(topic.words, k=min(3, len(topic.words)))
        return f"This affects {' and '.join(words)} across the borough, as {self.random.choice(self.pool).lower()}"

    def sentences(self, count: int, topic: Topic | None = None) -> list[str]:
        chosen = self.random.choices(self.pool, k=count)
        if topic is not None and count > 1:
            chosen[self.random.randrange(count)] = self.topical(topic)
        return chosen

    def paragraph(self, words: int, topic: Topic | None = None) -> str:
        """Plain text of about ``words`` words (sentences average 15 words)."""
        return " ".join(self.sentences(max(1, round(words / 15)), topic))

    def bullets(self, count: int, topic: Topic | None = None) -> list[str]:
        return self.sentences(count, topic)
