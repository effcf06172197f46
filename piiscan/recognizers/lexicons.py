"""Word tables the recognizers share, written once (lower case).

Small, hand-kept tables of words that change what the words next to them are: titles
and family words before a name, credentials after a signature, and the headings and
abbreviations of clinical notes that look like names but never are. The large lists
(given names, surnames, English words, places) are data files read by `gazetteers`.

>>> "dr" in TITLES_ANY_CASE and "rn" in CREDENTIALS
True
>>> "neuro" in CLINICAL_WORDS, "jonathan" in CLINICAL_WORDS
(True, False)
"""

from __future__ import annotations

__all__ = ["CLINICAL_WORDS", "CREDENTIALS", "FORMS_OF_ADDRESS", "RELATIONS", "TITLES_ANY_CASE"]

#: Titles that mark the next word as a name in any case: "DR KOWALSKI", "dr okafor",
#: "Dr.Lee". (Titles that are also ordinary words, "Ms" for multiple sclerosis, "PA" for
#: pulmonary artery, are left to capitalised text, where `names` reads them.)
TITLES_ANY_CASE: frozenset[str] = frozenset(
    "dr doctor mr mrs rabbi nurse reverend rev father pastor chaplain".split())

#: Family and other relations written right before a person's name: "son jonathan",
#: "wife, rose,", "GIRLFRIEND EVE".
RELATIONS: frozenset[str] = frozenset(
    "son daughter wife husband brother sister mother father mom dad girlfriend boyfriend "
    "fiance fiancee fiancé fiancée partner friend niece nephew neice aunt uncle cousin "
    "grandson granddaughter grandmother grandfather grandma grandpa stepson stepdaughter "
    "stepmother stepfather neighbor neighbour sibling spouse".split())

#: Credentials after a name on a signature line: "ANNA K. BREWER, RN", "paul dietz, rrt".
CREDENTIALS: frozenset[str] = frozenset(
    "rn bsn msn rrt crt md do np pa pa-c lpn lvn cna crna msw licsw lcsw pt dpt ot otr slp "
    "phd pharmd rph rd dds aprn fnp acnp cnm".split())

#: Headings, abbreviations, devices and drugs of clinical notes that are written like
#: names ("Neuro: alert", "Pt tolerated", "Neo gtt", "Foley draining") but are never one.
CLINICAL_WORDS: frozenset[str] = frozenset(
    "neuro resp pulm cv gi gu endo renal heme onc id psych psychosocial misc skin dispo "
    "access lines plan assessment social activity nutrition labs abd ext integ "
    "pt pts neo neosynephrine levo levophed dopa dobut foley aline a-line peg picc ogt ngt "
    "ett cpap bipap iabp nsurg ccu csru micu sicu ew".split())

#: What people call each other in chat instead of a name: "thanks bro", "hey guys".
FORMS_OF_ADDRESS: frozenset[str] = frozenset(
    "bro bruh bros dude dudes fam sis bae mate guys gals yall y'all ya man girl girls gurl "
    "buddy homie homies babe hun honey sir maam ma'am pal chief boss king queen everyone "
    "everybody all lol lmao lmfao omg haha hahaha xd mom mum dad bestie fr ngl tbh".split())
