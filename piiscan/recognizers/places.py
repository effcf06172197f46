"""ADDRESS: whole postal addresses, street through postcode, as one span.

US addresses (house number, directionals, USPS street suffixes, unit, PO Box, city,
state name or code, ZIP+4), and the UK, Canadian and Indian tails (postcode, postal
code, PIN code). Parts may be separated by commas or line breaks. A city alone is not
an address; a city with a state and ZIP is.

>>> found(ADDRESS, "mailed to 123 Any Street, Seattle, WA 98109.")
['123 Any Street, Seattle, WA 98109']
>>> found(ADDRESS, "Write to P.O. Box 4521\\nSpringfield, IL 62704-1234 today")
['P.O. Box 4521\\nSpringfield, IL 62704-1234']
>>> found(ADDRESS, "We sold 123 Any items in Seattle last year.")
[]
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from piiscan.context import Context
from piiscan.recognizers.base import Pattern, PatternRecognizer, found
from piiscan.view import TextView

__all__ = ["ADDRESS", "STREET_SUFFIX_WORDS", "found"]

# USPS Publication 28, appendix C1: street suffixes and their standard abbreviations.
# STRONG ones rarely follow a house number outside an address; the others ("Park",
# "View", "Lake") need a city tail or an address cue.
_STRONG_SUFFIXES = (
    "Street|St|Avenue|Ave|Av|Road|Rd|Boulevard|Blvd|Drive|Dr|Lane|Ln|Court|Ct|Place|Pl|Terrace|"
    "Ter|Terr|Way|Wy|Parkway|Pkwy|Highway|Hwy|Circle|Cir|Square|Sq|Trail|Trl|Alley|Aly|Crescent|"
    "Cres|Plaza|Plz|Pike|Route|Rte|Expressway|Expy|Freeway|Fwy|Turnpike|Tpke|Causeway|Cswy|"
    "Broadway|Bypass|Byp|Skyway|Skwy|Motorway|Mtwy|Trafficway|Trfy|Throughway|Trwy|Stravenue|Stra|"
    "Boul|Blvrd|Avenida|Calle|Camino|Rue|Strasse|Straße|Marg|Nagar|Chowk|Mews|Close"
)
_OTHER_SUFFIXES = (
    "Loop|Grove|Grv|Groves|Gardens|Gdns|Garden|Gdn|Row|Walk|Walks|Run|Path|Point|Pt|Points|Pts|"
    "Ridge|Rdg|Ridges|View|Vw|Views|Hill|Hl|Hills|Hls|Heights|Hts|Park|Parks|Creek|Crk|Crossing|"
    "Xing|Commons|Cmns|Common|Center|Ctr|Centre|Centers|Green|Grn|Greens|Esplanade|Promenade|Quay|"
    "Wharf|Junction|Jct|Junctions|Estates|Ests|Estate|Est|Manor|Mnr|Manors|Mall|Landing|Lndg|"
    "Meadows|Mdws|Meadow|Mdw|Oval|Pass|Passage|Psge|Spur|Spurs|Track|Trak|Trace|Trce|Viaduct|"
    "Vista|Vis|Villas|Village|Vlg|Villages|Ville|Vl|Gate|Gateway|Gtwy|Glen|Gln|Glens|Glns|Hollow|"
    "Holw|Knoll|Knl|Knolls|Knls|Harbor|Hbr|Harbors|Field|Fld|Fields|Flds|Cove|Cv|Coves|Via|Weg|"
    "Annex|Anx|Arcade|Arc|Bayou|Byu|Beach|Bch|Bend|Bnd|Bluff|Blf|Bluffs|Bottom|Btm|Branch|Br|"
    "Bridge|Brg|Brook|Brk|Brooks|Burg|Bg|Burgs|Camp|Cp|Canyon|Cyn|Cape|Cpe|Cliff|Clf|Cliffs|Club|"
    "Clb|Corner|Cor|Corners|Cors|Course|Crse|Courts|Cts|Crest|Crst|Crossroad|Xrd|Crossroads|Curve|"
    "Curv|Dale|Dl|Dam|Dm|Divide|Dv|Drives|Extension|Ext|Extensions|Falls|Fls|Ferry|Fry|Flat|Flt|"
    "Flats|Ford|Frd|Fords|Forest|Frst|Forge|Frg|Forges|Fork|Frk|Forks|Fort|Ft|Haven|Hvn|Inlet|"
    "Inlt|Island|Isle|Islands|Key|Ky|Keys|Kys|Lake|Lk|Lakes|Lks|Light|Lgt|Lights|Lock|Lck|Locks|"
    "Lcks|Lodge|Ldg|Mill|Ml|Mills|Mission|Msn|Mount|Mt|Mountain|Mtn|Mountains|Neck|Nck|Orchard|"
    "Orch|Overpass|Opas|Pine|Pne|Pines|Plain|Pln|Plains|Port|Prt|Ports|Prairie|Pr|Radial|Radl|"
    "Ramp|Ranch|Rnch|Rapid|Rpd|Rapids|Rpds|Rest|Rst|River|Riv|Roads|Shoal|Shl|Shoals|Shore|Shr|"
    "Shores|Spring|Spg|Springs|Spgs|Squares|Station|Sta|Stream|Strm|Streets|Summit|Smt|Trailer|"
    "Trlr|Tunnel|Tunl|Underpass|Upas|Union|Un|Unions|Valley|Vly|Valleys|Ways|Well|Wl|Wells|Land|"
    "Lands|Wall|Parkways|Circles|Loaf|Lf"
)
_SUFFIXES = _STRONG_SUFFIXES + "|" + _OTHER_SUFFIXES
#: Street-type words in lower case ("street", "ave", "lane"): a run ending in one is a street.
STREET_SUFFIX_WORDS = frozenset(w.lower() for w in _SUFFIXES.split("|"))
_STRONG_WORDS = frozenset(w.lower() for w in _STRONG_SUFFIXES.split("|"))
_DIRECTIONAL = (r"(?:N|S|E|W|NE|NW|SE|SW|N\.E\.|N\.W\.|S\.E\.|S\.W\.|North|South|East|West|"
                r"Northeast|Northwest|Southeast|Southwest)\.?")
_STATES = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|"
    "NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR|GU|VI|AS|MP|FM|MH|PW|AA|AE|AP|"
    "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|"
    "Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|"
    "Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|"
    "New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|"
    "Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|"
    "West Virginia|Wisconsin|Wyoming|District of Columbia|Puerto Rico"
)
_PROVINCES = ("AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT|Alberta|British Columbia|Manitoba|"
              "New Brunswick|Newfoundland and Labrador|Nova Scotia|Ontario|Quebec|Québec|"
              "Saskatchewan|Yukon")
_WORD = r"(?:\p{Lu}[\p{L}'’.-]{0,40}|[0-9]{1,3}(?:st|nd|rd|th))"
_SEP = r"(?:[ \t]*,[ \t]*(?:\r?\n[ \t]*)?|[ \t]*\r?\n[ \t]*|[ \t]+)"
_HOUSE = r"[0-9]{1,6}(?:[A-Za-z](?![\p{L}]))?(?:[-/][0-9]{1,5}[A-Za-z]?)?(?:[ \t]1/2)?"
# the number of a numbered road: "Highway 62 West", "US Highway 278", "State Road 37"
_ROAD_NUMBER = (r"(?:(?<=(?i:highway|hwy|route|rte|road|rd))[ \t]+[0-9]{1,5}[A-Za-z]?"
                r"(?![\p{L}\p{N}]|[.,:/-][0-9]))?")


# a road known by its number alone: "1285 Highway 7 East", "7104 Route 62"
_NUMBERED_ROAD = (rf"{_HOUSE}[ \t]+(?:{_DIRECTIONAL}[ \t]+)?(?:(?:US|U\.S\.|State|County)[ \t]+)?"
                  r"(?:Highway|HIGHWAY|highway|Hwy|HWY|Route|ROUTE|Rte|RTE)[ \t]+[0-9]{1,5}[A-Za-z]?"
                  rf"(?![\p{{L}}\p{{N}}]|[.,:/-][0-9])(?:[ \t]+{_DIRECTIONAL}(?![\p{{L}}]))?")


def _street(suffixes: str) -> str:
    return (rf"{_HOUSE}[ \t]+(?:{_DIRECTIONAL}[ \t]+)?(?:{_WORD}[ \t]+){{0,3}}?{_WORD}[ \t]+"
            rf"(?:{suffixes})\.?(?![\p{{L}}]){_ROAD_NUMBER}(?:[ \t]+{_DIRECTIONAL}(?![\p{{L}}]))?")


def _any_case(alternation: str) -> str:
    """Each alternative as written, in lower case and in upper case."""
    forms = (f for word in alternation.split("|") for f in (word, word.lower(), word.upper()))
    return "|".join(dict.fromkeys(forms))


_STREET = _street(_SUFFIXES)
_STRONG_STREET = _street(_STRONG_SUFFIXES)
# The same in any case ("6618 FROST LAKE LANE", "428 westwind dr"): safe with a city tail,
# weak without one ("walked 5 miles down the road").
# a word of a street in any case; a full stop only inside or after a short abbreviation
# ("St. Louis", "N.E."), never after a whole word ("on file. DL number ...")
_ANY_WORD = (r"(?:\p{L}{1,3}\.(?:\p{L}{1,3}\.){0,4}|\p{L}[\p{L}'’-]{0,40}|"
             r"[0-9]{1,3}(?:st|nd|rd|th|ST|ND|RD|TH))")
_ANY_DIRECTIONAL = "(?:" + _any_case("N|S|E|W|NE|NW|SE|SW|North|South|East|West|Northeast|"
                                      "Northwest|Southeast|Southwest") + r")\.?"
_ANY_STREET = (rf"{_HOUSE}[ \t]+(?:{_ANY_DIRECTIONAL}[ \t]+)?(?:{_ANY_WORD}[ \t]+){{0,3}}?"
               rf"{_ANY_WORD}[ \t]+(?:{_any_case(_SUFFIXES)})\.?(?![\p{{L}}]){_ROAD_NUMBER}"
               rf"(?:[ \t]+{_ANY_DIRECTIONAL}(?![\p{{L}}]))?")
_ANY_STRONG_STREET = (rf"{_HOUSE}[ \t]+(?:{_ANY_DIRECTIONAL}[ \t]+)?(?:{_ANY_WORD}[ \t]+){{0,3}}?"
                      rf"{_ANY_WORD}[ \t]+(?:{_any_case(_STRONG_SUFFIXES)})\.?(?![\p{{L}}])"
                      rf"{_ROAD_NUMBER}(?:[ \t]+{_ANY_DIRECTIONAL}(?![\p{{L}}]))?")
# Street first, number after, as most of Europe and Latin America write it.
_FOREIGN_PREFIX = _any_case("Rua|Via|Calle|Avenida|Avda|Av|Rue|Ul|Ulica|Viale|Corso|Piazza|"
                            "Rambla|Carrer|Camino|Travessa|Largo|Alameda|Strada|Chemin|Paseo|Plaza|"
                            "Praça|Estrada|Avenue|Boulevard|Allée|Impasse")
_FOREIGN_SUFFIX = ("straße|strasse|str\\.|weg|gasse|platz|allee|damm|ufer|vej|vegen|veien|gade|"
                   "gata|gatan|vägen|katu|tie|kuja|polku|laan|straat|gracht|plein|dreef|steeg|utca|"
                   "út|ulica|aleja|cesta|iela|gatve|tee|väg|stræde|stig|torget|torg")
_FOREIGN_NUMBER = (r",?[ \t]+(?:n[º°o]\.?[ \t]*)?[0-9]{1,5}[A-Za-z]?(?:[-/][0-9]{1,4})?"
                   r"(?![\p{L}\p{N}.,/-][0-9])")
_FOREIGN_PREFIX_WORDS = frozenset(w.lower() for w in _FOREIGN_PREFIX.split("|"))
_FOREIGN_PREFIXED = (
    rf"(?:{_FOREIGN_PREFIX})\.?[ \t]+(?:(?:de|del|da|do|dos|das|di|du|des|la|le|los|las)[ \t]+)?"
    rf"(?:\p{{Lu}}[\p{{L}}'’.-]{{0,40}}[ \t]+){{0,3}}\p{{Lu}}[\p{{L}}'’.-]{{0,40}}{_FOREIGN_NUMBER}")
# A compound street word with a number after it: look for the number first (cheap),
# then for the suffix.
# English words that end like a street ("During 1971", "Committee 5") are not streets
_ENGLISH_LOOKALIKES = ("(?i:committee|subcommittee|trustee|guarantee|devotee|goatee|absentee|"
                       "appointee|bootee|necktie|pantie|bootie|brigade|renegade)")
_FOREIGN_SUFFIXED = (rf"(?=\p{{Lu}}[\p{{L}}'’-]{{0,40}},?[ \t]+(?:n[º°o]\.?[ \t]*)?[0-9])"
                     rf"(?!{_ENGLISH_LOOKALIKES}\b)"
                     rf"\p{{Lu}}[\p{{L}}'’-]{{2,40}}(?:(?<![aeiouy])ring|{_FOREIGN_SUFFIX}){_FOREIGN_NUMBER}")
_FOREIGN_TAIL = (rf"(?:{_SEP}(?:[A-Z]{{1,2}}-?)?[0-9]{{4,5}}(?:-[0-9]{{3}})?[ \t]+"
                 rf"\p{{Lu}}[\p{{L}}'’.-]{{0,40}}(?:[ \t]+\p{{L}}[\p{{L}}'’.-]{{0,40}}){{0,2}}"
                 rf"|{_SEP}\p{{Lu}}[\p{{L}}'’.-]{{0,40}}(?:[ \t]+\p{{Lu}}[\p{{L}}'’.-]{{0,40}}){{0,2}}"
                 rf"(?:{_SEP}(?:[A-Z]{{1,2}}-?)?[0-9]{{4,5}})?)")
_PO_BOX = r"(?:(?i:P\.?[ \t]?O\.?[ \t]*Box|Post[ \t]+Office[ \t]+Box|PO[ \t]+Box|Box)[ \t]+[0-9]{1,8})"
# a quadrant after the street ("1800 M St., NW"), then a unit: "Suite 5", "# 4B", "41st
# Floor", "flr 43"
_UNIT = (r"(?:" + _SEP + r"(?:NW|NE|SW|SE|N\.W\.|N\.E\.|S\.W\.|S\.E\.)(?![\p{L}\p{N}]))?"
         r"(?:" + _SEP + r"(?:#[ \t]*[0-9A-Za-z-]{1,6}|(?i:apt|apartment|suite|ste|unit|fl|flr|floor|"
         r"rm|room|bldg|building|flat|dept|level|lvl)\.?[ \t]*#?[ \t]*[0-9A-Za-z-]{1,6}"
         r"|[0-9]{1,3}(?i:st|nd|rd|th)[ \t]+(?i:floor|flr|fl)\.?)"
         r"(?![\p{L}\p{N}]))")
_CITY = r"\p{L}[\p{L}'’.-]{0,40}(?:[ \t]+\p{L}[\p{L}'’.-]{0,40}){0,3}"
# a capitalised word of a street or a place, not a unit word ("500 South Central")
_BARE_WORD = (r"(?!(?i:apt|apartment|suite|ste|unit|fl|floor|rm|room|bldg|building|flat|dept|level|"
              r"lvl|lot|no)\b)\p{Lu}[\p{L}'’.-]{0,40}")
# Generic blocks: "233 Erzsébet tér 19.\n Suite 282\n Domoszló\n Hungary 34796" and
# "Jahu 80, Liiva". Each locality segment is a short run of words ending at a separator.
# words that carry an address in a sentence and never end one ("... WY 51252 please.")
_CARRIER_WORDS = (r"(?:please|pls|thanks|thank|today|tomorrow|yesterday|tonight|asap|now|soon|"
                  r"again|too|also|ok|last|next|this|week|weekend|month|year|earlier|later)\b")
_SEGMENT = (r"(?:\p{Lu}[\p{L}'’.-]{0,40}|\p{L}[\p{L}'’.-]{0,40})(?:[ \t]+(?:(?!" + _CARRIER_WORDS
            + r")\p{L}[\p{L}'’.()-]{0,40}|[0-9]{4,6}"
            r"(?:[ \t][0-9]{2,3})?)){0,4}(?=[ \t]*(?:,|\r?\n|$)|[ \t]*[.;)]?[ \t]*(?:\r?\n|$))")
_GENERIC_UNIT = (r"(?:" + _SEP + r"(?:" + "|".join(("Apt", "Suite", "Unit", "Ste", "Flat", "Apartment"))
                 + r")\.?[ \t]*#?[0-9A-Za-z-]{1,6})")
# "12 Rua das Flores 45", also in lower case; not "4 and 5", "0 through 9", "7 tests in 4"
_NOT_A_STREET_START = (r"(?:and|or|to|through|thru|in|of|by|x|times|plus|minus|from|than|vs|versus|is|"
                       r"are|was|were|be|the|a|an|for|with|on|at|as|per|each|out|tests?|passed|"
                       r"failed|items?|bytes?|bits?|points?|percent|degrees?)\b")
_GENERIC_STREET = (rf"(?!{_NOT_A_STREET_START})\p{{L}}[\p{{L}}'’.-]{{0,40}}[ \t]+"
                   rf"(?:(?!{_NOT_A_STREET_START})\p{{L}}[\p{{L}}'’.-]{{0,40}}[ \t]+){{0,3}}?"
                   r"[0-9]{1,5}[A-Za-z]?\.?(?![\p{L}\p{N}])")
_GENERIC_TAIL = rf"(?:{_SEP}{_SEGMENT}){{1,3}}"
_CAPITALISED_STREET = (r"(?:\p{Lu}[\p{L}'’.-]{0,40}[ \t]+(?:(?:\p{Ll}{1,3}|\p{Lu}[\p{L}'’.-]{0,40})[ \t]+){0,3}?)"
                       r"[0-9]{1,5}[A-Za-z]?\.?(?![\p{L}\p{N}])")
_ZIP = r"[0-9]{5}(?:-?[0-9]{4})?"
_UK_POSTCODE = r"(?:[A-PR-UWYZ][A-HK-Y]?[0-9][A-Z0-9]?[ \t]?[0-9][ABD-HJLNP-UW-Z]{2})"
_CA_POSTAL = r"(?:[ABCEGHJ-NPRSTVXY][0-9][ABCEGHJ-NPRSTV-Z][ \t]?[0-9][ABCEGHJ-NPRSTV-Z][0-9])"
_IN_PIN = r"(?:[1-9][0-9]{2}[ \t]?[0-9]{3})"
_TAIL = (
    rf"(?:{_SEP}{_CITY}(?:{_SEP}|[ \t]*-[ \t]*)"
    rf"(?:(?:{_any_case(_STATES)})(?:,?[ \t]+{_ZIP})?|{_ZIP}|(?:{_any_case(_PROVINCES)})"
    rf"(?:[ \t]+{_CA_POSTAL})?|{_CA_POSTAL}"
    rf"|{_UK_POSTCODE}|{_IN_PIN})"
    rf"|{_SEP}{_UK_POSTCODE})"
)
_COUNTRY = (r"(?:" + _SEP + r"(?:USA|U\.S\.A\.|United States(?: of America)?|US|UK|United Kingdom|"
            r"Canada|India|England|Scotland|Wales|Ireland))?")
_END = r"(?![\p{L}\p{N}])"

# What a 'city, state ZIP' match holds before its ZIP: words, spaces, tabs and commas.
_BEFORE_ZIP_RE = regex.compile(r"[\p{L}'’.\-, \t]*", regex.REVERSE)
_ZIP_TAIL = len("-6789") + 1  # the ZIP's +4 and the character its end looks at


def _before_zips(view: TextView) -> Iterator[tuple[int, int]]:
    """Where a 'city, state ZIP' can be: a run of five or nine digits after a space or a
    tab, and before it as far as a character no such match holds (a digit, a line break)."""
    text = view.text
    for start, length in view.digit_runs:
        if length in (5, 9) and start and text[start - 1] in " \t":
            before = _BEFORE_ZIP_RE.match(text, 0, start)
            yield (before.start() if before else start), start + length + _ZIP_TAIL


ADDRESS = PatternRecognizer(
    name="address",
    entity="ADDRESS",
    patterns=(
        Pattern("street with city tail",
            rf"(?=[0-9PpBb])(?<![\p{{L}}\p{{N}}'’.,-])(?:{_ANY_STREET}|{_NUMBERED_ROAD}|{_PO_BOX})"
            rf"{_UNIT}?{_TAIL}{_COUNTRY}"
            rf"{_END}", score=0.9, requires=STREET_SUFFIX_WORDS | {"box"}),
        Pattern("street, any case",
            rf"(?=[0-9])(?<![\p{{L}}\p{{N}}'’.,-]){_ANY_STRONG_STREET}{_UNIT}?{_END}", score=0.45,
            requires=_STRONG_WORDS, digit_led=True),
        Pattern("number, street, number, with unit or locality",
            rf"(?=[0-9])(?<![\p{{L}}\p{{N}}'’.,-])[0-9]{{1,6}}[ \t]+{_GENERIC_STREET}"
            rf"(?:{_GENERIC_UNIT}+{_GENERIC_TAIL}?|{_GENERIC_TAIL})", score=0.75,
            only_with=("\n", ",")),  # a text of one line without commas holds no such address
        Pattern("words then number, after an address cue",
            rf"(?=\p{{Lu}})(?<![\p{{L}}\p{{N}}'’.,-]){_CAPITALISED_STREET}{_GENERIC_UNIT}*"
            rf"(?:{_SEP}{_SEGMENT})?", score=0.25),
        Pattern("number then words, after an address cue",
            rf"(?=[0-9])(?<![\p{{L}}\p{{N}}'’.,-]){_HOUSE}[ \t]+(?:{_DIRECTIONAL}\.?[ \t]+)?"
            rf"{_BARE_WORD}(?:[ \t]+{_BARE_WORD}){{0,3}}(?![\p{{L}}\p{{N}}]){_UNIT}?"
            rf"(?:[ \t]*,[ \t]*{_BARE_WORD}(?:[ \t]+{_BARE_WORD}){{0,2}}){{0,2}}"
            rf"(?:[ \t]+{_ZIP})?{_END}(?<!\.)", score=0.25),
        Pattern("prefixed street, then number",
            rf"(?=\p{{L}})(?<![\p{{L}}\p{{N}}'’.,-]){_FOREIGN_PREFIXED}{_UNIT}?{_FOREIGN_TAIL}?{_END}",
            score=0.7, requires=_FOREIGN_PREFIX_WORDS),
        Pattern("compound street, then number",
            rf"(?<![\p{{L}}\p{{N}}'’.,-]){_FOREIGN_SUFFIXED}{_UNIT}?{_FOREIGN_TAIL}?{_END}", score=0.7,
            needs=("ring", *_FOREIGN_SUFFIX.replace("\\.", ".").split("|")), min_digits=1),
        Pattern("street",
            rf"(?=[0-9PpBb])(?<![\p{{L}}\p{{N}}'’.,-])(?:{_STRONG_STREET}|{_NUMBERED_ROAD}|{_PO_BOX})"
            rf"{_UNIT}?{_END}",
            score=0.7, requires=_STRONG_WORDS | {"box"}),
        Pattern("street, other suffix",
            rf"(?=[0-9])(?<![\p{{L}}\p{{N}}'’.,-]){_STREET}{_UNIT}?{_END}", score=0.4,
            requires=STREET_SUFFIX_WORDS),
        Pattern("city, state ZIP",
            rf"(?=\p{{Lu}})(?<![\p{{L}}\p{{N}}'’.-])"
            # a street named without a house number before it: "Buford Street, Shellman, GA"
            rf"(?:\p{{Lu}}[\p{{L}}'’.-]{{0,40}}[ \t]+(?:\p{{Lu}}[\p{{L}}'’.-]{{0,40}}[ \t]+){{0,2}}"
            rf"(?:{_STRONG_SUFFIXES})\.?,[ \t]*(?=\p{{Lu}}))?"
            rf"\p{{Lu}}[\p{{L}}'’.-]{{0,40}}(?:[ \t]+\p{{Lu}}[\p{{L}}'’.-]{{0,40}}){{0,2}},?"
            rf"[ \t]+(?:{_STATES})[ \t]+{_ZIP}{_END}", score=0.65,
            run_lengths=(frozenset({5, 9}),),  # 12345, 12345-6789 or 123456789
            regions=_before_zips),
    ),
    context=Context(words=("address", "lives at", "live at", "located at", "ship to", "mail to",
                           "send to", "residence", "mailing address", "home address",
                           "dirección", "domicilio", "deliver to", "shipping address",
                           "billing address", "located", "moved to", "visit us at",
                           "mailed to", "sent to", "shipped to", "delivered to", "package to",
                           "lives on", "live on", "address is", "located on", "corner of"),
                    boost=0.3, shared_penalties=False),
    # a sentence's full stop after the last word ("... W BLVD."), not an initialism's ("N.E.")
    drop_tail=regex.compile(r"(?<!(?<![\p{L}])\p{L}\.\p{L})\.$"),
)
