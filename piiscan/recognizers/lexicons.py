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

__all__ = ["BRANDS", "CLINICAL_WORDS", "CREDENTIALS", "FORMS_OF_ADDRESS", "MONTHS",
           "NATIONALITIES", "RELATIONS", "TITLES", "TITLES_ANY_CASE", "WEEKDAYS"]

#: Month names and their abbreviations, each full name before its short forms (the order
#: regex alternations need): "September" before "Sept" before "Sep".
MONTHS: tuple[str, ...] = (
    "january", "jan", "february", "feb", "march", "mar", "april", "apr", "may", "june", "jun",
    "july", "jul", "august", "aug", "september", "sept", "sep", "october", "oct", "november",
    "nov", "december", "dec")

#: Weekday names and their abbreviations, in the same order.
WEEKDAYS: tuple[str, ...] = (
    "monday", "mon", "tuesday", "tues", "tue", "wednesday", "wed", "thursday", "thurs", "thu",
    "friday", "fri", "saturday", "sat", "sunday", "sun")

#: Titles and roles written capitalised before a name: "Dr. Jane Doe", "Producer James
#: Sparks", "Federal Reserve Governor Lawrence Lindsey" (capitalised as written).
TITLES: tuple[str, ...] = tuple("""
    Mr Mrs Ms Mx Miss Dr Prof Professor Sir Dame Lord Lady Rev Fr Capt Captain Col Gen Lt Sgt
    Hon Judge Sr Sra Srta Mme Mlle Herr Frau Doctor Nurse Officer Agent Coach Uncle Aunt Señor
    Señora President Senator Governor Mayor Minister Chancellor King Queen Prince Princess Duke
    Duchess Earl Baron Baroness Pope Bishop Father Sister Brother Rabbi Imam Chef Detective
    Inspector Sergeant Major Commander Admiral General Lieutenant Councillor Rep Sen Gov Pres
    Producer Director Singer Actor Actress Author Writer Editor Reporter Journalist Chairman
    Chairwoman Chairperson CEO Founder Spokesman Spokeswoman Spokesperson Composer Artist
    Photographer Architect Attorney Lawyer Dean Principal Pastor Reverend""".split())

#: Nationalities, religions and regions as adjectives: "German Chancellor Olaf Scholz".
NATIONALITIES: frozenset[str] = frozenset(
    "american european british canadian indian chinese english french german spanish italian "
    "russian japanese korean australian irish scottish welsh dutch swedish norwegian danish "
    "finnish polish ukrainian turkish greek israeli iranian iraqi egyptian mexican brazilian "
    "argentine argentinian chilean colombian peruvian venezuelan cuban nigerian kenyan "
    "south african pakistani afghan saudi syrian lebanese portuguese austrian swiss belgian "
    "hungarian czech romanian bulgarian serbian croatian thai vietnamese indonesian filipino "
    "malaysian muslim christian jewish hindu buddhist catholic protestant islamic arab arabic "
    "african asian latino latina hispanic".split())

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
    "ett cpap bipap iabp nsurg ccu csru micu sicu ew abx cont".split())

#: What people call each other in chat instead of a name: "thanks bro", "hey guys".
FORMS_OF_ADDRESS: frozenset[str] = frozenset(
    "bro bruh bros dude dudes fam sis bae mate guys gals yall y'all ya man girl girls gurl "
    "buddy homie homies babe hun honey sir maam ma'am pal chief boss king queen everyone "
    "everybody all lol lmao lmfao omg haha hahaha xd mom mum dad bestie fr ngl tbh".split())

#: Companies and products whose names are written like a person's ("Microsoft Word",
#: "Adobe Reader", "Dell Latitude"): a capitalised run holding one is no person.
BRANDS: frozenset[str] = frozenset(  # not the ones that are also surnames: Ford, Dell, Honda
    "microsoft google alphabet apple amazon facebook instagram whatsapp twitter youtube "
    "linkedin netflix spotify adobe oracle ibm intel amd nvidia cisco samsung sony panasonic "
    "toshiba lenovo asus acer huawei xiaomi nokia motorola salesforce sap zoom dropbox paypal "
    "visa mastercard uber lyft airbnb tesla toyota nissan hyundai volkswagen bmw audi "
    "chevrolet chevy boeing airbus fedex ups dhl walmart costco ikea starbucks nike adidas "
    "reebok cocacola pepsi unilever kodak nikon xerox hp windows outlook excel powerpoint "
    "android iphone ipad macbook gmail chrome firefox".split())
