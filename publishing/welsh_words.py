"""Welsh words for the search index and its queries.

PostgreSQL ships no Welsh dictionary or stemmer, and Welsh changes a word's first letters after
certain words (the mutations: "cyngor" a council, "ei gyngor" his council, "fy nghyngor" my council,
"ei chyngor" her council). So Welsh text is indexed with PostgreSQL's ``simple`` configuration (each
word lower-cased, nothing stemmed) after this module has

- left out Welsh stop words (articles, prepositions, pronouns and the commonest forms of "bod"), which
  would otherwise match nearly every document, and
- added to each word the forms it could have without a mutation ("gyngor" → "cyngor"; "nghyngor" →
  "cyngor"; "waith" → "gwaith"),

and a query's words are expanded the same way and each matches any of its forms. A word and any mutated
form of it therefore find each other, at the price of a few extra candidate forms (a "g" word is also
indexed as its "c" form). Endings are not stemmed: "pwyllgor" does not find "pwyllgorau".
"""

from __future__ import annotations

import re

# Function words too common to search by: articles, conjunctions, prepositions and their personal
# forms, pronouns, and the commonest forms of "bod" (to be). Lower case, without mutation.
STOP_WORDS = frozenset(
    [
        "a",
        "ac",
        "â",
        "ag",
        "am",
        "amdano",
        "ar",
        "arno",
        "at",
        "ati",
        "atynt",
        "beth",
        "bod",
        "bydd",
        "byddai",
        "byddant",
        "bu",
        "cael",
        "chi",
        "chwi",
        "ei",
        "eich",
        "eu",
        "fe",
        "fi",
        "fo",
        "fod",
        "ganddo",
        "gan",
        "gyda",
        "hi",
        "hon",
        "hwn",
        "hwnnw",
        "hyn",
        "hynny",
        "i",
        "iddo",
        "iddi",
        "iddynt",
        "ef",
        "ein",
        "eisoes",
        "ein",
        "ma",
        "mae",
        "maen",
        "maent",
        "mai",
        "mewn",
        "na",
        "nac",
        "nad",
        "nage",
        "neu",
        "ni",
        "nid",
        "o",
        "oedd",
        "oes",
        "oherwydd",
        "os",
        "pa",
        "pan",
        "pe",
        "pob",
        "rhwng",
        "roedd",
        "sy",
        "sydd",
        "tan",
        "tra",
        "trwy",
        "drwy",
        "wedi",
        "wrth",
        "y",
        "yma",
        "ydy",
        "ydyw",
        "yn",
        "yno",
        "yr",
        "’r",
        "'r",
        "i'r",
        "o'r",
        "a'r",
    ]
)

# Initial letters a mutation can leave, longest first, and the letters the word may have had.
UNMUTATED = [
    ("ngh", ("c",)),  # nasal
    ("mh", ("p",)),
    ("nh", ("t",)),
    ("ng", ("g",)),
    ("ch", ("c",)),  # aspirate
    ("ph", ("p",)),
    ("th", ("t",)),
    ("dd", ("d",)),  # soft
    ("g", ("c",)),
    ("b", ("p",)),
    ("d", ("t",)),
    ("f", ("b", "m")),
    ("l", ("ll",)),
    ("r", ("rh",)),
    ("m", ("b",)),  # nasal
    ("n", ("d",)),
]
VOWELS = "aeiouwyâêîôûŵŷ"
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def words(text: str) -> list[str]:
    """The text's words, lower case, stop words left out."""
    return [w for w in (m.group(0).lower() for m in WORD.finditer(text or "")) if w not in STOP_WORDS]


def forms(word: str) -> list[str]:
    """The word and the forms it may have had before a mutation, the word itself first."""
    found = [word]
    radical_start = word.startswith(("ll", "rh"))  # never the result of a mutation
    for mutated, radicals in UNMUTATED:
        if word.startswith(mutated) and len(word) > len(mutated) + 1 and not radical_start:
            found += [radical + word[len(mutated) :] for radical in radicals]
            break
    if word[0] in VOWELS or (word.startswith(("l", "r")) and not radical_start):
        found.append("g" + word)  # soft mutation drops an initial g: "waith" from "gwaith"
    if word.startswith("h") and len(word) > 2 and word[1] in VOWELS:
        found.append(word[1:])  # h before a vowel after "ei" (her), "ein", "eu"
    return list(dict.fromkeys(found))


def index_text(text: str) -> str:
    """What goes into the ``simple`` vector for Welsh text: every word with its unmutated forms."""
    return " ".join(form for word in words(text) for form in forms(word))


def query(text: str) -> str:
    """A raw ``to_tsquery('simple', …)`` for the Welsh reading of a search: each word (in any of its
    forms) must be there. Empty when the search has no word but stop words."""
    groups = []
    for word in words(text):
        alternatives = " | ".join("'" + form.replace("'", "''").replace("\\", "") + "'" for form in forms(word))
        groups.append(f"({alternatives})")
    return " & ".join(groups)
