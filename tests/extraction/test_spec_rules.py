"""The annotation rules (data/events/README.md, "Annotation rules" and "Decisions for
wire copy") and the failure classes of issue 10, as executable cases.

Every article here is made up for the rule it illustrates (invented officials,
varied tenses, titles, word orders, states and datelines); none is taken from or
paraphrases the development articles. Each row: the rule, a case name, the text,
the publication time, and the events a reader following the rules annotates,
compared on what the scorer compares (kind, participants, status, dates, place
country; the place's name too where the rule is about the name). Rows the engine
does not yet get right are marked xfail with the reason: a to-do list, not a
deletion.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest

from app.extraction.pipeline import extract

REUTERS = datetime(1987, 3, 4, 12, 0, tzinfo=UTC)  # a Wednesday
WIRE = datetime(2005, 11, 16, 8, 0, tzinfo=UTC)  # a Wednesday, afternoon in Asia


@dataclass(frozen=True)
class Ev:
    kind: str
    codes: frozenset[str]
    status: str
    start: date | None
    end: date | None
    country: str | None
    place_name: str | None  # None: the name is not asserted


def ev(kind: str, codes: str, status: str, start: str | None = None, end: str | None = None,
       place: str | None = None) -> Ev:
    """`place` is a country code, or 'Name/CC' to assert the name as well."""
    name, country = (place.split("/") if place and "/" in place else (None, place))
    first = date.fromisoformat(start) if start else None
    return Ev(kind, frozenset(codes.split()), status, first,
              date.fromisoformat(end) if end else first, country, name)


def _plain(name: str | None) -> str | None:
    """A place name without accents ("Brasília" is "Brasilia")."""
    if name is None:
        return None
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


def found(text: str, published: datetime, expected: list[Ev]) -> list[Ev]:
    named = any(e.place_name for e in expected)
    out = []
    for e in extract(text, published_at=published).events:
        out.append(Ev(e.kind, frozenset(a.code for a in e.participants), e.status,
                      e.start_date, e.end_date, e.place.country if e.place else None,
                      _plain(e.place.name) if (named and e.place) else None))
    return sorted(out, key=repr)


# (rule, case, text, published, expected)
CASES: list[tuple[str, str, str, datetime, list[Ev]]] = [
    # --- what is an event ---
    ("event", "shareholders' meeting is no event",
     "ZURICH, March 4 - Shareholders of the chemicals group will meet on Friday to vote "
     "on the proposed merger.", REUTERS, []),
    ("event", "union talks are no event",
     "MADRID, March 4 - The main trade unions held talks with the employers' federation "
     "on Tuesday over the wage round.", REUTERS, []),
    ("event", "domestic cabinet meeting is no event",
     "ATHENS, March 4 - The Greek cabinet met on Tuesday to approve the draft budget.",
     REUTERS, []),
    ("event", "a government with the IMF is talks",
     "BRASILIA, March 4 - Brazil will open talks with the International Monetary Fund "
     "next week on a standby loan.", REUTERS,
     [ev("talks", "BR org:IMF", "scheduled", "1987-03-09", "1987-03-15")]),
    ("event", "a government with commercial banks is no event",
     "MEXICO CITY, March 4 - Mexico held talks with its commercial bank creditors in New "
     "York on Tuesday on rescheduling.", REUTERS, []),
    ("event", "a government with a company is no event",
     "JAKARTA, March 4 - Indonesia's mines minister met executives of a U.S. oil company "
     "on Tuesday.", REUTERS, []),
    ("event", "an organisation's ministerial meeting",
     "LONDON, March 4 - OPEC oil ministers will meet in Vienna on March 20, delegates said.",
     REUTERS, [ev("ministerial_meeting", "org:OPEC", "scheduled", "1987-03-20", None, "AT")]),
    # --- specific, not generic ---
    ("specific", "talks resuming on a date",
     "OTTAWA, March 4 - Fisheries talks between Canada and France will resume on March 16, "
     "officials said.", REUTERS,
     [ev("talks", "CA FR", "scheduled", "1987-03-16")]),
    ("specific", "talks dragging on for years are generic",
     "OTTAWA, March 4 - Fisheries talks between Canada and France have dragged on for "
     "years without result.", REUTERS, []),
    ("specific", "habitual consultation is generic",
     "LISBON, March 4 - Portugal and Spain regularly consult each other on water use.",
     REUTERS, []),
    # --- one event per occasion ---
    ("one per occasion", "a meeting mentioned twice is one event",
     "ANKARA, March 4 - The foreign ministers of Greece and Turkey will meet in Geneva on "
     "Friday. A Turkish spokesman said the Geneva meeting would deal with the Aegean.",
     REUTERS, [ev("ministerial_meeting", "GR TR", "scheduled", "1987-03-06", None, "CH")]),
    # one occasion told across sentences: the later mention names no party,
    # only "the meeting", "the talks", "the session", and gives date or place
    ("one per occasion", "an organisation's meeting dated and placed in the next sentence",
     "LONDON, March 4 - OPEC oil ministers are preparing for a conference later this month. "
     "The meeting will be held in Vienna on March 20, delegates said.", REUTERS,
     [ev("ministerial_meeting", "org:OPEC", "scheduled", "1987-03-20", None, "Vienna/AT")]),
    ("one per occasion", "'the talks' placed in the next sentence",
     "ROME, March 4 - Finance ministers of the Group of Seven will gather next week. The "
     "talks, in Paris, will deal with currencies.", REUTERS,
     [ev("ministerial_meeting", "org:G7", "scheduled", "1987-03-09", "1987-03-15",
         "Paris/FR")]),
    ("one per occasion", "a summit held, placed in the next sentence",
     "LAGOS, March 4 - Leaders of the Organisation of African Unity opened a summit on "
     "Monday. The summit, held in Addis Ababa, discussed debt.", REUTERS,
     [ev("summit", "org:AU", "held", "1987-03-02", None, "Addis Ababa/ET")]),
    ("one per occasion", "a named city beats the dateline for a session held",
     "OSLO, March 4 - The International Coffee Organization council began a session. The "
     "session opened in London on Monday, delegates said.", REUTERS,
     [ev("conference", "org:ICO", "held", "1987-03-02", None, "London/GB")]),
    ("one per occasion", "'the session' after a dated meeting held",
     "CAIRO, March 4 - Arab League foreign ministers met on Tuesday. The session, in Tunis, "
     "adopted a resolution on Lebanon.", REUTERS,
     [ev("ministerial_meeting", "org:AL", "held", "1987-03-03", None, "Tunis/TN")]),
    ("one per occasion", "two states' talks dated in the next sentence",
     "OTTAWA, March 4 - Canada and France agreed to hold fisheries talks in Paris. The talks "
     "will open on March 16, officials said.", REUTERS,
     [ev("talks", "CA FR", "scheduled", "1987-03-16", None, "Paris/FR")]),
    ("one per occasion", "consultations dated and placed in the next sentence, wire",
     "BEIJING, Nov. 16 (Xinhua) -- Chinese and Japanese diplomats will hold consultations "
     "later this month. The talks will take place in Tokyo on Nov. 28, the ministry said.",
     WIRE, [ev("talks", "CN JP", "scheduled", "2005-11-28", None, "Tokyo/JP")]),
    ("one per occasion", "talks held, placed in the next sentence",
     "LIMA, March 4 - Peru and Bolivia held border talks on Monday, officials said. The "
     "talks, held in La Paz, ended without agreement.", REUTERS,
     [ev("talks", "PE BO", "held", "1987-03-02", None, "La Paz/BO")]),
    ("one per occasion", "'the summit' after a fronted phrase naming a state, dated",
     "ROME, March 4 - Leaders of the European Community gathered for a summit in Brussels. "
     "In a setback for Italy, the summit ended on Tuesday without a declaration.", REUTERS,
     [ev("summit", "org:EU", "held", "1987-03-03", None, "Brussels/BE")]),
    ("one per occasion", "'the summit' after a fronted phrase naming a state, wire",
     "ACCRA, Nov. 16 (Xinhua) -- West African leaders opened an ECOWAS summit in Abuja. "
     "Despite objections from Ghana, the summit adopted the protocol on Tuesday.", WIRE,
     [ev("summit", "org:ECOWAS", "held", "2005-11-15", None, "Abuja/NG")]),
    ("one per occasion", "'the talks' after a fronted phrase, no occasion before: none",
     "ROME, March 4 - In a setback for Italy, the talks ended on Tuesday without a "
     "declaration.", REUTERS, []),
    ("one per occasion", "'the meeting' with no occasion before it makes none",
     "BERN, March 4 - The meeting of the cantonal finance directors ended on Tuesday "
     "without agreement.", REUTERS, []),
    # --- kind ---
    ("kind", "heads of state: summit",
     "NAIROBI, March 4 - The presidents of Kenya and Tanzania will hold a summit in Arusha "
     "next month.", REUTERS,
     [ev("summit", "KE TZ", "scheduled", "1987-04-01", "1987-04-30", "TZ")]),
    ("kind", "ministers of two states: ministerial meeting",
     "AMMAN, March 4 - The foreign ministers of Egypt and Jordan met in Amman on Tuesday.",
     REUTERS, [ev("ministerial_meeting", "EG JO", "held", "1987-03-03", None, "JO")]),
    ("kind", "an official travelling: visit",
     "NEW DELHI, March 4 - The Indian prime minister will visit Nepal next week.", REUTERS,
     [ev("visit", "IN NP", "scheduled", "1987-03-09", "1987-03-15", "NP")]),
    ("kind", "delegations: talks",
     "SANTIAGO, March 4 - Delegations from Chile and Argentina held talks in Buenos Aires "
     "on Monday on the boundary.", REUTERS,
     [ev("talks", "CL AR", "held", "1987-03-02", None, "AR")]),
    ("kind", "vice presidents are below head level: talks",
     "BUENOS AIRES, March 4 - The vice presidents of Brazil and Argentina held talks in "
     "Buenos Aires on Monday.", REUTERS,
     [ev("talks", "BR AR", "held", "1987-03-02", None, "AR")]),
    ("kind", "a standing mechanism: dialogue",
     "CANBERRA, March 4 - Australia and Japan will hold their first strategic dialogue in "
     "Canberra next month.", REUTERS,
     [ev("dialogue", "AU JP", "scheduled", "1987-04-01", "1987-04-30", "AU")]),
    ("kind", "a phone call between leaders: talks, no place",
     "BEIJING, Nov. 16 (Xinhua) -- Chinese President Zhao Minghui held a telephone "
     "conversation with French President Paul Derain on Tuesday.", WIRE,
     [ev("talks", "CN FR", "held", "2005-11-15")]),
    ("kind", "a call 'spoke by telephone' between ministers",
     "TOKYO, March 4 - Japan's foreign minister spoke by telephone with his Australian "
     "counterpart on Monday about the fishing dispute.", REUTERS,
     [ev("talks", "JP AU", "held", "1987-03-02")]),
    # --- participants ---
    ("participants", "an organisation's own meeting lists the organisation alone",
     "BRUSSELS, March 4 - EC foreign ministers, including those of France and Britain, will "
     "meet in Brussels on Monday.", REUTERS,
     [ev("ministerial_meeting", "org:EU", "scheduled", "1987-03-09", None, "BE")]),
    ("participants", "organisation and outside state list each side",
     "TOKYO, March 4 - The European Community and Japan will hold trade talks in Tokyo "
     "next week.", REUTERS,
     [ev("talks", "org:EU JP", "scheduled", "1987-03-09", "1987-03-15", "JP")]),
    ("participants", "an organisation's official visiting represents it",
     "BUENOS AIRES, March 4 - The managing director of the IMF will visit Argentina next "
     "week.", REUTERS,
     [ev("visit", "org:IMF AR", "scheduled", "1987-03-09", "1987-03-15", "AR")]),
    # --- place ---
    ("place", "under way at the dateline takes the dateline's city",
     "GENEVA, March 4 - The GATT council agreed today to set up a dispute panel.", REUTERS,
     [ev("conference", "org:GATT", "held", "1987-03-04", None, "Geneva/CH")]),
    ("place", "no place said: null",
     "LONDON, March 4 - Britain and Ireland will hold talks on Friday on border security.",
     REUTERS, [ev("talks", "GB IE", "scheduled", "1987-03-06")]),
    ("place", "held talks reported from the host's capital take the dateline's city",
     "BEIJING, Nov. 16 (Xinhua) -- Chinese Vice Premier Gao Ming held talks with Thai "
     "Deputy Prime Minister Somsak Wongsa on Tuesday.", WIRE,
     [ev("talks", "CN TH", "held", "2005-11-15", None, "Beijing/CN")]),
    ("place", "a coming meeting with no place said: null, not the dateline",
     "TOKYO, March 4 - Japan and the United States will hold farm trade talks next week.",
     REUTERS, [ev("talks", "JP US", "scheduled", "1987-03-09", "1987-03-15")]),
    ("place", "a coming visit to a country, no city: the country",
     "LISBON, Nov. 16 (AFP) - The Portuguese president will visit Brazil next month.",
     WIRE, [ev("visit", "PT BR", "scheduled", "2005-12-01", "2005-12-31", "Brazil/BR")]),
    ("place", "a visit under way reported from the host's capital: the dateline's city",
     "BRASILIA, Nov. 16 (AFP) - The Portuguese president, on a state visit to Brazil, met "
     "Brazilian business leaders on Tuesday.", WIRE,
     [ev("visit", "PT BR", "held", "2005-11-15", None, "Brasilia/BR")]),
    ("place", "a held visit to two cities: the country",
     "MADRID, Nov. 16 (AFP) - The Moroccan prime minister visited Madrid and Barcelona "
     "last week.", WIRE,
     [ev("visit", "MA ES", "held", "2005-11-07", "2005-11-13", "Spain/ES")]),
    ("place", "negotiations an organisation hosted, reported from its seat: the dateline's city",
     "VIENNA, March 4 - Oil exporters have settled a dispute over quotas, OPEC officials "
     "said. The 13-member OPEC, which hosted the negotiations, said the accord was final.",
     REUTERS, [ev("talks", "org:OPEC", "held", None, None, "Vienna/AT")]),
    ("place", "a seat of government named for its city: the city, under the city's name",
     "Soviet leader Mikhail Gorbachev held talks with Finnish President Mauno Koivisto in "
     "the Kremlin on Tuesday, Tass said.", REUTERS,
     [ev("summit", "SU FI", "held", "1987-03-03", None, "Moscow/SU")]),
    ("place", "'at the White House', no dateline: Washington",
     "The U.S. president met the Kenyan president at the White House on Tuesday, "
     "officials said.", WIRE,
     [ev("summit", "US KE", "held", "2005-11-15", None, "Washington/US")]),
    ("place", "a meeting in a named city abroad takes the city",
     "OSLO, March 4 - Norway and Iceland will hold fishing talks in Reykjavik on Monday.",
     REUTERS, [ev("talks", "NO IS", "scheduled", "1987-03-09", None, "Reykjavik/IS")]),
    ("place", "'in the Austrian capital' is Vienna",
     "BONN, March 4 - West German and Hungarian ministers will meet in the Austrian capital "
     "on Monday.", REUTERS,
     [ev("ministerial_meeting", "DE HU", "scheduled", "1987-03-09", None, "Vienna/AT")]),
    ("place", "'in the Swiss city of Geneva'",
     "MOSCOW, March 4 - Soviet and U.S. negotiators will resume talks in the Swiss city of "
     "Geneva on March 12.", REUTERS,
     [ev("talks", "SU US", "scheduled", "1987-03-12", None, "Geneva/CH")]),
    ("place", "talks 'here' take the dateline's city",
     "NAIROBI, Nov. 16 (Xinhua) -- Kenyan and Tanzanian officials will hold talks here on "
     "Friday on cross-border trade.", WIRE,
     [ev("talks", "KE TZ", "scheduled", "2005-11-18", None, "Nairobi/KE")]),
    ("place", "a visit to a state, then its capital named: the city",
     "LONDON, March 4 - The Nigerian foreign minister will visit Britain next week and hold "
     "talks in London with the foreign secretary.", REUTERS,
     [ev("visit", "NG GB", "scheduled", "1987-03-09", "1987-03-15", "London/GB")]),
    ("place", "a held meeting abroad reported from home: the place the text names",
     "TOKYO, Nov. 16 (AFP) - Japanese and U.S. trade officials held talks in Washington on "
     "Tuesday.", WIRE, [ev("talks", "JP US", "held", "2005-11-15", None, "Washington/US")]),
    # --- dates ---
    ("dates", "a day range",
     "NEW DELHI, March 4 - India and Pakistan will hold talks in Islamabad on March 12-14.",
     REUTERS, [ev("talks", "IN PK", "scheduled", "1987-03-12", "1987-03-14", "PK")]),
    ("dates", "a named month",
     "ROME, March 4 - Italy and Libya will hold talks in Rome in September.", REUTERS,
     [ev("talks", "IT LY", "scheduled", "1987-09-01", "1987-09-30", "IT")]),
    ("dates", "a season",
     "BONN, March 4 - The West German foreign minister will visit Poland in the spring.",
     REUTERS, [ev("visit", "DE PL", "scheduled", "1987-03-01", "1987-05-31", "PL")]),
    ("dates", "this year",
     "BEIJING, March 4 - The Chinese premier will visit Australia this year.", REUTERS,
     [ev("visit", "CN AU", "scheduled", "1987-01-01", "1987-12-31", "AU")]),
    ("dates", "later this month",
     "CAIRO, March 4 - Egypt and Israel will resume talks later this month.", REUTERS,
     [ev("talks", "EG IL", "scheduled", "1987-03-01", "1987-03-31")]),
    ("dates", "yesterday from the dateline",
     "SEOUL, March 4 - South Korean and U.S. negotiators held trade talks in Seoul "
     "yesterday.", REUTERS, [ev("talks", "KR US", "held", "1987-03-03", None, "KR")]),
    ("dates", "the dateline alone does not date a meeting",
     "TOKYO, March 4 - Japanese and Chinese officials have held talks in Beijing on trade, "
     "officials said.", REUTERS, [ev("talks", "JP CN", "held", None, None, "CN")]),
    ("dates", "an abbreviated month and day",
     "SEOUL, Nov. 16 (AFP) - South Korea and Japan will hold fisheries talks in Tokyo on "
     "Dec. 2.", WIRE, [ev("talks", "KR JP", "scheduled", "2005-12-02", None, "JP")]),
    ("dates", "from one weekday to another",
     "ACCRA, Nov. 16 (AFP) - Ghana's president will visit Togo from Monday to Wednesday.",
     WIRE, [ev("visit", "GH TG", "scheduled", "2005-11-21", "2005-11-23", "TG")]),
    ("dates", "two named weekdays",
     "CANBERRA, Nov. 16 (AFP) - Australian and Indonesian ministers will meet in Bali on "
     "Thursday and Friday.", WIRE,
     [ev("ministerial_meeting", "AU ID", "scheduled", "2005-11-17", "2005-11-18", "ID")]),
    ("dates", "tomorrow from the dateline",
     "RIYADH, March 4 - The Saudi foreign minister will arrive in Cairo tomorrow for talks "
     "with Egyptian leaders.", REUTERS,
     [ev("visit", "SA EG", "scheduled", "1987-03-05", None, "EG")]),
    ("dates", "last night is yesterday",
     "BONN, March 4 - The West German and French finance ministers met in Paris last night.",
     REUTERS,
     [ev("ministerial_meeting", "DE FR", "held", "1987-03-03", None, "FR")]),
    ("dates", "early next month is the month",
     "MANILA, Nov. 16 (AFP) - The Philippine president will visit Japan early next month.",
     WIRE, [ev("visit", "PH JP", "scheduled", "2005-12-01", "2005-12-31", "JP")]),
    ("dates", "mid-December is the month",
     "HANOI, Nov. 16 (AFP) - Vietnam and Cambodia will hold border talks in mid-December.",
     WIRE, [ev("talks", "VN KH", "scheduled", "2005-12-01", "2005-12-31")]),
    ("dates", "a date with the month after the day",
     "LONDON, March 4 - Britain and Argentina will hold talks in New York on 17 March.",
     REUTERS, [ev("talks", "GB AR", "scheduled", "1987-03-17", None, "US")]),
    ("dates", "this weekend",
     "ROME, Nov. 16 (AFP) - The Italian and Maltese prime ministers will meet in Valletta "
     "this weekend.", WIRE, [ev("summit", "IT MT", "scheduled", "2005-11-19", "2005-11-20", "MT")]),
    # --- status ---
    ("status", "proposed",
     "BUENOS AIRES, March 4 - Argentina has proposed talks with Britain on the fishing "
     "zone.", REUTERS, [ev("talks", "AR GB", "proposed")]),
    ("status", "postponed",
     "CAIRO, March 4 - A meeting of Arab League foreign ministers has been postponed "
     "indefinitely.", REUTERS, [ev("ministerial_meeting", "org:AL", "postponed")]),
    ("status", "cancelled",
     "WARSAW, March 4 - Poland's foreign minister has called off his visit to Austria.",
     REUTERS, [ev("visit", "PL AT", "cancelled", None, None, "AT")]),
    ("status", "under way is held",
     "VIENNA, March 4 - Negotiators from Austria and Hungary are holding talks in Vienna "
     "on border trade.", REUTERS, [ev("talks", "AT HU", "held", None, None, "AT")]),
    # --- wire: meetings inside visits ---
    ("spans", "N days of negotiations that closed on a weekday: counted back",
     "VIENNA, Nov. 16 (AFP) - Three days of negotiations between Iranian and Russian "
     "officials closed on Tuesday in Vienna.", WIRE,
     [ev("talks", "IR RU", "held", "2005-11-13", "2005-11-15", "AT")]),
    ("spans", "ended after N days of talks, the existing order",
     "LIMA, Nov. 16 (AFP) - Border talks between Peru and Chile ended on Monday after four "
     "days of talks in Lima.", WIRE,
     [ev("talks", "PE CL", "held", "2005-11-11", "2005-11-14", "PE")]),
    ("visit meetings", "a meeting during a visit is the visit",
     "HANOI, Nov. 16 (Xinhua) -- Vietnamese Prime Minister Tran Van Loc met with visiting "
     "Laotian President Bounmy Sithong here Wednesday. Sithong arrived in Hanoi on Monday "
     "for a five-day state visit.", WIRE,
     [ev("visit", "LA VN", "held", "2005-11-14", "2005-11-18", "VN")]),
    ("visit meetings", "'met with visiting' is a visit of the visitor's state",
     "BEIJING, Nov. 16 (Xinhua) -- Chinese Vice President Liang Daming met with visiting "
     "Ugandan Foreign Minister Samuel Okello here Tuesday.", WIRE,
     [ev("visit", "UG CN", "held", "2005-11-15", None, "CN")]),
    ("visit meetings", "'received' a visiting minister",
     "HANOI, Nov. 16 (AFP) - Vietnam's prime minister on Monday received the visiting "
     "Japanese trade minister in Hanoi.", WIRE,
     [ev("visit", "JP VN", "held", "2005-11-14", None, "VN")]),
    ("visit meetings", "talks with his visiting counterpart",
     "BRASILIA, Nov. 16 (AFP) - Brazil's foreign minister held talks with his visiting "
     "Chilean counterpart on Tuesday.", WIRE,
     [ev("visit", "CL BR", "held", "2005-11-15", None, "BR")]),
    ("visit meetings", "met his visiting counterpart, city named",
     "JAKARTA, March 4 - Indonesia's defence minister met his visiting Australian "
     "counterpart in Jakarta on Monday.", REUTERS,
     [ev("visit", "AU ID", "held", "1987-03-02", None, "ID")]),
    ("visit meetings", "arrived here for a N-day official visit",
     "BANGKOK, Nov. 16 (Xinhua) -- Cambodian Prime Minister Sok Vanna arrived here "
     "Wednesday for a three-day official visit to Thailand.", WIRE,
     [ev("visit", "KH TH", "held", "2005-11-16", "2005-11-18", "TH")]),
    ("visit meetings", "'told visiting' with no meeting verb",
     "ANKARA, Nov. 16 (Xinhua) -- Turkish President Ahmet Kaya told visiting Georgian "
     "Foreign Minister Levan Beridze on Tuesday that Ankara backs the pipeline.", WIRE,
     [ev("visit", "GE TR", "held", "2005-11-15", None, "TR")]),
    ("visit meetings", "a fronted 'meeting with visiting'",
     "CAIRO, Nov. 16 (Xinhua) -- Meeting with visiting Kuwaiti Prime Minister Nasser Saad on "
     "Wednesday, Egyptian President Omar Farid called for calm in the region.", WIRE,
     [ev("visit", "KW EG", "held", "2005-11-16", None, "EG")]),
    ("visit meetings", "'was received by', passive",
     "TEHRAN, Nov. 16 (AFP) - The Syrian foreign minister was received by the Iranian "
     "president in Tehran on Tuesday.", WIRE,
     [ev("visit", "SY IR", "held", "2005-11-15", None, "IR")]),
    ("visit meetings", "received an untitled-by-name minister at home: a visit",
     "TEHRAN, Nov. 16 (AFP) - The Iranian president received the Syrian foreign minister "
     "on Tuesday.", WIRE, [ev("visit", "SY IR", "held", "2005-11-15", None, "IR")]),
    ("visit meetings", "a letter received is no meeting",
     "TEHRAN, Nov. 16 (AFP) - The letter was received by the Iranian president on Tuesday.",
     WIRE, []),
    ("visit meetings", "a proposal of a state received is no meeting",
     "TEHRAN, Nov. 16 (AFP) - Iran received the Syrian proposal on Tuesday.", WIRE, []),
    ("visit meetings", "left for home after a N-day visit",
     "ULAN BATOR, Nov. 16 (Xinhua) -- The Kazakh prime minister left here for home on "
     "Wednesday after a three-day official visit to Mongolia.", WIRE,
     [ev("visit", "KZ MN", "held", "2005-11-14", "2005-11-16", "MN")]),
    ("spans", "departed on a weekday following a N-day visit: counted back",
     "TOKYO, Nov. 16 (AFP) - The South Korean foreign minister departed on Friday following "
     "a four-day visit to Japan.", WIRE,
     [ev("visit", "KR JP", "held", "2005-11-08", "2005-11-11", "JP")]),
    ("visit meetings", "concluded a visit, with the host named",
     "NEW DELHI, Nov. 16 (AFP) - The Afghan president concluded a two-day visit to India on "
     "Tuesday.", WIRE, [ev("visit", "AF IN", "held", "2005-11-14", "2005-11-15", "IN")]),
    ("visit meetings", "who is here on a visit",
     "ABUJA, Nov. 16 (Xinhua) -- Ghanaian Foreign Minister Kofi Mensah, who is here on an "
     "official visit, met Nigerian officials on Wednesday.", WIRE,
     [ev("visit", "GH NG", "held", "2005-11-16", None, "NG")]),
    ("visit meetings", "hosted a banquet for the visiting president",
     "HANOI, Nov. 16 (Xinhua) -- Vietnamese President Le Van Minh hosted a banquet on "
     "Tuesday for visiting Mozambican President Armando Tembe.", WIRE,
     [ev("visit", "MZ VN", "held", "2005-11-15", None, "VN")]),
    ("visit meetings", "exchanged views, the two sides",
     "BEIJING, Nov. 16 (Xinhua) -- Chinese Foreign Minister Li Wen and his Iranian "
     "counterpart exchanged views on the nuclear issue here on Wednesday.", WIRE,
     [ev("ministerial_meeting", "CN IR", "held", "2005-11-16", None, "Beijing/CN")]),
    ("visit meetings", "will exchange views: a coming talks",
     "SEOUL, Nov. 16 (AFP) - South Korean and Chinese diplomats will exchange views on "
     "North Korea in Seoul on Friday.", WIRE,
     [ev("talks", "KR CN", "scheduled", "2005-11-18", None, "KR")]),
    ("visit meetings", "'exchanging views' continues the meeting before it",
     "BEIJING, Nov. 16 (Xinhua) -- The Chinese premier will meet the Thai prime minister on "
     "Friday, exchanging views on trade and the region.", WIRE,
     [ev("summit", "CN TH", "scheduled", "2005-11-18")]),
    # --- wire: trips to multilateral meetings ---
    ("multilateral trips", "travelling to attend a summit is not a visit",
     "TOKYO, Nov. 16 (AFP) - Japan's prime minister left Tokyo on Wednesday to attend the "
     "APEC summit in Busan.", WIRE,
     [ev("summit", "org:APEC", "scheduled", None, None, "KR")]),
    ("multilateral trips", "a sidelines bilateral is its own event, without the organisation",
     "SEOUL, Nov. 16 (AFP) - The presidents of Russia and Mexico will meet on the sidelines "
     "of the APEC summit in Busan on Friday.", WIRE,
     [ev("summit", "RU MX", "scheduled", "2005-11-18", None, "KR"),
      ev("summit", "org:APEC", "scheduled", None, None, "KR")]),
    # --- tours, cities ---
    ("tours", "each country of a tour is a visit, dated by the tour's span",
     "BEIJING, Nov. 16 (Xinhua) -- Chinese Premier Wang Lihua will tour Malaysia, Thailand "
     "and Cambodia from November 20 to 27.", WIRE,
     [ev("visit", "CN MY", "scheduled", "2005-11-20", "2005-11-27", "MY"),
      ev("visit", "CN TH", "scheduled", "2005-11-20", "2005-11-27", "TH"),
      ev("visit", "CN KH", "scheduled", "2005-11-20", "2005-11-27", "KH")]),
    ("cities", "a visit to several cities takes the country",
     "PARIS, March 4 - The Soviet foreign trade minister will visit Lyon and Marseille "
     "next week.", REUTERS,
     [ev("visit", "SU FR", "scheduled", "1987-03-09", "1987-03-15", "France/FR")]),
    ("cities", "a visit to two Japanese cities takes the country",
     "TOKYO, March 4 - The Chinese vice premier will visit Osaka and Kyoto next week.",
     REUTERS, [ev("visit", "CN JP", "scheduled", "1987-03-09", "1987-03-15", "Japan/JP")]),
    ("cities", "a visit to one city takes the city",
     "PARIS, March 4 - The Soviet foreign trade minister will visit Lyon next week.",
     REUTERS, [ev("visit", "SU FR", "scheduled", "1987-03-09", "1987-03-15", "Lyon/FR")]),
    ("cities", "a visit to a country, its one city named in a later sentence",
     "STOCKHOLM, Nov. 16 (Xinhua) -- Swedish Trade Minister Anna Berg will pay a three-day "
     "visit to Zambia from Friday, officials said. She will also open a trade fair in Lusaka.",
     WIRE, [ev("visit", "SE ZM", "scheduled", "2005-11-18", "2005-11-20", "Lusaka/ZM")]),
    ("cities", "a visit to a country, two of its cities named later: the country",
     "STOCKHOLM, Nov. 16 (Xinhua) -- Swedish Trade Minister Anna Berg will pay a three-day "
     "visit to Zambia from Friday, officials said. She will also open a trade fair in Lusaka "
     "and tour a copper mine in Ndola.", WIRE,
     [ev("visit", "SE ZM", "scheduled", "2005-11-18", "2005-11-20", "Zambia/ZM")]),
    ("cities", "a visit held, its one city named in a later sentence",
     "OTTAWA, March 4 - The Canadian trade minister arrived in Mexico on Tuesday for a visit, "
     "officials said. He is expected to tour a car plant outside Monterrey.", REUTERS,
     [ev("visit", "CA MX", "held", "1987-03-03", None, "Monterrey/MX")]),
    # --- spans given by one end ---
    ("spans", "a three-day visit starting Thursday",
     "CANBERRA, Nov. 16 (AFP) - New Zealand's prime minister will make a three-day visit "
     "to Australia starting Thursday.", WIRE,
     [ev("visit", "NZ AU", "scheduled", "2005-11-17", "2005-11-19", "AU")]),
    ("spans", "arrived on Monday, no length: to the latest day reported",
     "CAIRO, Nov. 16 (AFP) - Sudan's president arrived in Cairo on Monday. On Wednesday he "
     "held talks with the Egyptian president on the Nile waters.", WIRE,
     [ev("visit", "SD EG", "held", "2005-11-14", "2005-11-16", "EG")]),
    ("spans", "from a day alone is that day",
     "NAIROBI, Nov. 16 (AFP) - Kenya and Somalia will hold talks in Nairobi from December "
     "13.", WIRE, [ev("talks", "KE SO", "scheduled", "2005-12-13", None, "KE")]),
    # a session told only by the day it is due to close is under way: from the
    # report's day (or the day a report of it gives) to that close
    ("spans", "a session due to end on Friday is under way",
     "LONDON, March 4 - The International Tin Council session here is due to end on Friday, "
     "delegates said, with no accord on the buffer stock in sight.", REUTERS,
     [ev("conference", "org:ITC", "held", "1987-03-04", "1987-03-06", "London/GB")]),
    ("spans", "'when the session is due to end', the session named in the when-clause",
     "LONDON, March 4 - Producers are confident of a compromise on export quotas by Friday, "
     "when the International Cocoa Organization council session here is due to end, "
     "delegates said.", REUTERS,
     [ev("conference", "org:ICCO", "held", "1987-03-04", "1987-03-06", "London/GB")]),
    ("spans", "'which ends on Friday' is the coming Friday",
     "GENEVA, Nov. 16 (AFP) -- The WTO general council session, which ends on Friday, heard "
     "complaints over cotton subsidies.", WIRE,
     [ev("conference", "org:WTO", "held", "2005-11-16", "2005-11-18", "Geneva/CH")]),
    ("spans", "a meeting held yesterday and its close are one session",
     "NAIROBI, Nov. 16 (AFP) -- UN environment ministers met here on Tuesday to seek a deal "
     "on ozone rules. Delegates said a text could be ready by Thursday, when the UN "
     "conference is scheduled to close.", WIRE,
     [ev("ministerial_meeting", "org:UN", "held", "2005-11-15", "2005-11-17", "Nairobi/KE")]),
    # an occasion named where its speaker spoke ("X said at a meeting of ...")
    # takes the day another sentence gives X's words, when it gives one only
    ("speaker's day", "'said at a meeting' dated by 'said on Monday' before",
     "BRUSSELS, Nov. 16 (AFP) -- The bloc's budget row is far from over, officials admit. "
     "\"Nobody wants a crisis,\" Dutch Foreign Minister Jan Velde said on Monday. \"We must "
     "settle it soon,\" Velde said at a meeting of EU foreign ministers.", WIRE,
     [ev("ministerial_meeting", "org:EU", "held", "2005-11-14", None, "Brussels/BE")]),
    ("speaker's day", "'told the press after his talks with visiting' dated by 'said here Tuesday'",
     "HANOI, Nov. 16 (Xinhua) -- Vietnamese President Tran Van Minh said here Tuesday that "
     "trade with Chile would double within five years. \"Our two economies complement each "
     "other,\" Minh told the press after his talks with visiting Chilean President Ana "
     "Lagarde.", WIRE,
     [ev("visit", "CL VN", "held", "2005-11-15", None, "Hanoi/VN")]),
    ("speaker's day", "a speaker given two days dates nothing",
     "BRUSSELS, Nov. 16 (AFP) -- \"Nobody wants a crisis,\" Dutch Foreign Minister Jan Velde "
     "said on Monday. \"We are still far apart,\" Velde said on Tuesday. \"We must settle it "
     "soon,\" Velde said at a meeting of EU foreign ministers.", WIRE,
     [ev("ministerial_meeting", "org:EU", "held", None, None, "Brussels/BE")]),
    ("speaker's day", "the meeting elsewhere, the speaker dated in the lead",
     "ROME, Nov. 16 (AFP) -- Italy's foreign minister Carlo Benni said on Monday that the "
     "talks would resume. Benni said at a meeting of NATO foreign ministers in Brussels that "
     "the alliance must stay united.", WIRE,
     [ev("ministerial_meeting", "org:NATO", "held", "2005-11-14", None, "Brussels/BE")]),
    # --- vague relative dates ---
    ("spans", "a week-long visit beginning Monday",
     "WASHINGTON, March 4 - The Swedish prime minister will begin a week-long visit to the "
     "United States on Monday.", REUTERS,
     [ev("visit", "SE US", "scheduled", "1987-03-09", "1987-03-15", "US")]),
    ("spans", "travel on a day for a N-day visit told after it",
     "MOSCOW, Nov. 16 (AFP) - Russian President Igor Sokolov will travel to Japan on Sunday "
     "for a three-day official visit, the Kremlin said.", WIRE,
     [ev("visit", "RU JP", "scheduled", "2005-11-20", "2005-11-22", "JP")]),
    ("spans", "a two-week visit beginning Monday",
     "OTTAWA, March 4 - The Canadian prime minister will begin a two-week visit to Japan on "
     "Monday.", REUTERS,
     [ev("visit", "CA JP", "scheduled", "1987-03-09", "1987-03-22", "JP")]),
    ("spans", "the length after the trigger: for three days from Monday",
     "OTTAWA, March 4 - The Canadian prime minister will visit Japan for three days from "
     "Monday.", REUTERS,
     [ev("visit", "CA JP", "scheduled", "1987-03-09", "1987-03-11", "JP")]),
    ("spans", "arrived on a day for a visit of N days",
     "OTTAWA, March 4 - The Canadian prime minister arrived in Tokyo on Monday for a visit of "
     "three days.", REUTERS,
     [ev("visit", "CA JP", "held", "1987-03-02", "1987-03-04", "JP")]),
    ("unnamed hosts", "a two-week tour of a region, dated by its start",
     "OTTAWA, March 4 - The Canadian prime minister will begin a two-week tour of Asia on "
     "Monday.", REUTERS, [ev("visit", "CA", "scheduled", "1987-03-09", "1987-03-22")]),
    ("vague dates", "recently leaves dates null",
     "RABAT, Nov. 16 (AFP) - Morocco and Mauritania recently held talks in Rabat on "
     "fishing.", WIRE, [ev("talks", "MA MR", "held", None, None, "MA")]),
    ("vague dates", "earlier this month is the month",
     "LIMA, Nov. 16 (AFP) - Peru and Bolivia held talks in La Paz earlier this month on "
     "gas exports.", WIRE, [ev("talks", "PE BO", "held", "2005-11-01", "2005-11-30", "BO")]),
    # --- organisation meeting of unstated level ---
    ("org level", "an organisation's meeting of unstated level is a conference",
     "LONDON, March 4 - The International Coffee Organization will meet in London on "
     "March 23 to discuss export quotas.", REUTERS,
     [ev("conference", "org:ICO", "scheduled", "1987-03-23", None, "GB")]),
    # --- unnamed hosts ---
    ("unnamed hosts", "a regional tour lists the visitor alone, no place",
     "WASHINGTON, March 4 - The U.S. secretary of state will make a Middle East tour next "
     "week.", REUTERS, [ev("visit", "US", "scheduled", "1987-03-09", "1987-03-15")]),
    ("unnamed hosts", "a regional tour with its stops named: one visit per stop",
     "TOKYO, March 4 - The Japanese prime minister will make an Asian tour next month, "
     "visiting Thailand and Malaysia.", REUTERS,
     [ev("visit", "JP TH", "scheduled", "1987-04-01", "1987-04-30", "TH"),
      ev("visit", "JP MY", "scheduled", "1987-04-01", "1987-04-30", "MY")]),
    ("unnamed hosts", "a tour of a factory is no visit",
     "LONDON, March 4 - The British foreign secretary made a tour of a car factory on "
     "Tuesday.", REUTERS, []),
    # --- forums without an org code ---
    ("forums", "a forum without a code lists the states named, host included",
     "NAIROBI, Nov. 16 (AFP) - Kenya hosted a regional security meeting with Ethiopia and "
     "Uganda in Nairobi on Tuesday.", WIRE,
     [ev("talks", "KE ET UG", "held", "2005-11-15", None, "KE")]),
    # --- codes ---
    ("codes", "Palestine and the Holy See",
     "RAMALLAH, Nov. 16 (AFP) - The Palestinian president will visit the Vatican next "
     "month.", WIRE, [ev("visit", "PS VA", "scheduled", "2005-12-01", "2005-12-31", "VA")]),
    ("codes", "Taiwan and Hong Kong",
     "TAIPEI, Nov. 16 (AFP) - Officials from Taiwan and Hong Kong held talks in Hong Kong on "
     "Tuesday on air links.", WIRE, [ev("talks", "TW HK", "held", "2005-11-15", None, "HK")]),
    ("codes", "Kosovo",
     "PRISTINA, Nov. 16 (AFP) - Kosovo's prime minister will visit Albania next week.", WIRE,
     [ev("visit", "XK AL", "scheduled", "2005-11-21", "2005-11-27", "AL")]),
    ("codes", "a party is no participant",
     "HANOI, Nov. 16 (AFP) - A delegation of a Japanese opposition party met Vietnamese "
     "party officials in Hanoi on Tuesday.", WIRE, []),
    ("codes", "a national sports team's tour is no visit",
     "SYDNEY, Nov. 16 (AFP) - The Australian cricket team will tour India next month.",
     WIRE, []),
    ("codes", "a football squad arriving is no visit",
     "LAGOS, March 4 - The Ghanaian football squad arrived in Lagos on Tuesday.",
     REUTERS, []),
    ("codes", "legislators on an official visit represent their state",
     "BEIJING, Nov. 16 (AFP) - A delegation of U.S. congressmen arrived in Beijing on "
     "Monday for a four-day visit.", WIRE,
     [ev("visit", "US CN", "held", "2005-11-14", "2005-11-17", "CN")]),
    # --- issue 10: leaders as subject ---
    ("leaders as subject", "the leaders of X and Y met",
     "BRASILIA, March 4 - The leaders of Brazil and Uruguay met in Brasilia on Tuesday.",
     REUTERS, [ev("summit", "BR UY", "held", "1987-03-03", None, "BR")]),
    ("leaders as subject", "X's prime minister and his Y counterpart held talks",
     "OTTAWA, March 4 - Canada's prime minister and his Irish counterpart held talks in "
     "Ottawa on Monday.", REUTERS, [ev("summit", "CA IE", "held", "1987-03-02", None, "CA")]),
    ("leaders as subject", "a president and her counterpart, 'after talks'",
     "MANILA, Nov. 16 (AFP) - Philippine President Ana Reyes and her Indonesian counterpart "
     "agreed on Tuesday to step up border patrols after talks in Manila.", WIRE,
     [ev("summit", "PH ID", "held", "2005-11-15", None, "PH")]),
    ("status", "'will have talks' is scheduled",
     "BONN, March 4 - West German Chancellor Ernst Vollmer and French President Paul Derain "
     "will have talks in Bonn on Friday.", REUTERS,
     [ev("summit", "DE FR", "scheduled", "1987-03-06", None, "DE")]),
    ("leaders as subject", "a bare title filed from home is the dateline state's",
     "OTTAWA, March 4 - Prime Minister John Carvel and Irish Prime Minister Sean Dunne will "
     "hold talks on Friday.", REUTERS, [ev("summit", "CA IE", "scheduled", "1987-03-06")]),
    # --- issue 10: agreements to meet ---
    ("agreements to meet", "agreeing to meet is proposed",
     "LIMA, March 4 - The foreign ministers of Peru and Ecuador agreed to meet to discuss "
     "the border.", REUTERS, [ev("ministerial_meeting", "PE EC", "proposed")]),
    ("agreements to meet", "met on a weekday and agreed to meet again: two events",
     "RABAT, March 4 - The Moroccan and Algerian foreign ministers held talks on Monday and "
     "agreed to hold another meeting.", REUTERS,
     [ev("ministerial_meeting", "MA DZ", "held", "1987-03-02"),
      ev("ministerial_meeting", "MA DZ", "proposed")]),
    # --- issue 10: host and guests ---
    ("host and guests", "X will host a summit with Y and Z: all three, scheduled",
     "TOKYO, Nov. 16 (AFP) - Japan will host a summit with China and South Korea in Tokyo "
     "next month.", WIRE,
     [ev("summit", "JP CN KR", "scheduled", "2005-12-01", "2005-12-31", "JP")]),
    ("host and guests", "will host a trilateral meeting of ministers with two states",
     "SEOUL, Nov. 16 (Xinhua) -- South Korea will host a trilateral meeting of foreign "
     "ministers with China and Japan in Seoul next week.", WIRE,
     [ev("ministerial_meeting", "KR CN JP", "scheduled", "2005-11-21", "2005-11-27", "KR")]),
    # --- issue 10: organisation meeting reported from elsewhere ---
    ("org place elsewhere", "an EC summit in Brussels reported from Tokyo",
     "TOKYO, March 4 - EC leaders will hold a summit in Brussels later this month, a "
     "Japanese official said.", REUTERS,
     [ev("summit", "org:EU", "scheduled", "1987-03-01", "1987-03-31", "BE")]),
    # --- issue 10: dates relative to the dateline ---
    ("dateline dates", "last week",
     "MANILA, Nov. 16 (AFP) - Philippine and Indonesian officials held border talks in "
     "Jakarta last week.", WIRE,
     [ev("talks", "PH ID", "held", "2005-11-07", "2005-11-13", "ID")]),
    ("dateline dates", "a weekday in the past tense is the last one",
     "DHAKA, Nov. 16 (Xinhua) -- Bangladesh and India held water talks in Dhaka on "
     "Monday.", WIRE, [ev("talks", "BD IN", "held", "2005-11-14", None, "BD")]),
    ("dateline dates", "a weekday in the future is the next one",
     "DHAKA, Nov. 16 (Xinhua) -- Bangladesh and India will hold water talks in Dhaka on "
     "Monday.", WIRE, [ev("talks", "BD IN", "scheduled", "2005-11-21", None, "BD")]),
    # --- more phrasings per rule ---
    ("event", "a merger negotiation is no event",
     "FRANKFURT, Nov. 16 (AFP) - Two German banks held merger talks on Tuesday, sources "
     "said.", WIRE, []),
    ("event", "a party congress is no event",
     "HANOI, Nov. 16 (AFP) - The ruling party will hold its congress in Hanoi next month.",
     WIRE, []),
    ("kind", "prime ministers meeting, title after name",
     "DUBLIN, March 4 - Garret Dunmore, the Irish prime minister, will meet British Prime "
     "Minister Ellen Hartley in London on Monday.", REUTERS,
     [ev("summit", "IE GB", "scheduled", "1987-03-09", None, "GB")]),
    ("kind", "paid a visit, passive host",
     "ACCRA, Nov. 16 (AFP) - Nigeria's foreign minister paid a two-day visit to Ghana on "
     "Monday and Tuesday.", WIRE,
     [ev("visit", "NG GH", "held", "2005-11-14", "2005-11-15", "GH")]),
    ("kind", "telephoned: a call is talks",
     "PARIS, March 4 - The French prime minister telephoned the Spanish prime minister on "
     "Tuesday to discuss terrorism.", REUTERS,
     [ev("talks", "FR ES", "held", "1987-03-03")]),
    ("kind", "phoned, a named leader as object",
     "NEW DELHI, Nov. 16 (AFP) - India's prime minister phoned Sri Lankan President Mahesh "
     "Perera on Monday.", WIRE, [ev("talks", "IN LK", "held", "2005-11-14")]),
    ("kind", "phoning an embassy is no call between officials",
     "MADRID, March 4 - A caller phoned the French embassy in Madrid with a bomb threat on "
     "Tuesday.", REUTERS, []),
    ("participants", "a NATO ministers' meeting lists NATO alone",
     "BRUSSELS, Nov. 16 (AFP) - NATO defence ministers, among them the U.S. and German "
     "ministers, met in Brussels on Tuesday.", WIRE,
     [ev("ministerial_meeting", "org:NATO", "held", "2005-11-15", None, "BE")]),
    ("participants", "ASEAN talks with an outside state",
     "KUALA LUMPUR, Nov. 16 (AFP) - ASEAN and India will hold trade talks in Kuala Lumpur "
     "next week.", WIRE,
     [ev("talks", "org:ASEAN IN", "scheduled", "2005-11-21", "2005-11-27", "MY")]),
    ("status", "planned with no date is proposed",
     "ANKARA, Nov. 16 (AFP) - Turkey is considering a visit by its president to Armenia.",
     WIRE, [ev("visit", "TR AM", "proposed", None, None, "AM")]),
    ("participants", "'a visit by the prime minister to X': the agent is the visitor",
     "DHAKA, Nov. 16 (AFP) - Bangladesh announced a visit by the prime minister to Bhutan "
     "next week.", WIRE,
     [ev("visit", "BD BT", "scheduled", "2005-11-21", "2005-11-27", "BT")]),
    ("status", "postponed visit",
     "SEOUL, Nov. 16 (AFP) - The visit of the Japanese foreign minister to South Korea has "
     "been postponed.", WIRE, [ev("visit", "JP KR", "postponed", None, None, "KR")]),
    ("status", "ended yesterday is held",
     "GENEVA, March 4 - Two days of talks between U.S. and Soviet negotiators ended "
     "yesterday in Geneva.", REUTERS,
     [ev("talks", "US SU", "held", "1987-03-02", "1987-03-03", "CH")]),
    ("visit meetings", "'wound up a visit' with talks: one event",
     "ABUJA, Nov. 16 (AFP) - South Africa's president wound up a three-day visit to "
     "Nigeria on Tuesday after talks with the Nigerian president.", WIRE,
     [ev("visit", "ZA NG", "held", "2005-11-13", "2005-11-15", "NG")]),
    ("visit meetings", "'held talks with' a visitor named as visiting, passive order",
     "ISLAMABAD, Nov. 16 (Xinhua) -- The visiting Sri Lankan president held talks here "
     "Wednesday with Pakistani Prime Minister Rashid Karim.", WIRE,
     [ev("visit", "LK PK", "held", "2005-11-16", None, "PK")]),
    ("visit meetings", "currently on a visit",
     "MOSCOW, Nov. 16 (AFP) - The Indian defence minister, currently on a visit to Russia, "
     "met his Russian counterpart on Tuesday.", WIRE,
     [ev("visit", "IN RU", "held", "2005-11-15", None, "RU")]),
    ("multilateral trips", "flying to a ministers' meeting is not a visit",
     "CANBERRA, Nov. 16 (AFP) - Australia's trade minister will fly to Hong Kong next month "
     "for the WTO ministerial conference.", WIRE,
     [ev("ministerial_meeting", "org:WTO", "scheduled", "2005-12-01", "2005-12-31", "HK")]),
    ("multilateral trips", "travelling for an organisation's summit: the summit, there",
     "JAKARTA, Nov. 16 (AFP) - The Indonesian president will travel to Kuala Lumpur next "
     "month for the ASEAN summit.", WIRE,
     [ev("summit", "org:ASEAN", "scheduled", "2005-12-01", "2005-12-31", "MY")]),
    ("multilateral trips", "flying for bilateral talks is still a visit",
     "CANBERRA, Nov. 16 (AFP) - Australia's trade minister will fly to Beijing next month "
     "for talks with Chinese leaders.", WIRE,
     [ev("visit", "AU CN", "scheduled", "2005-12-01", "2005-12-31", "CN")]),
    ("multilateral trips", "met on the sidelines, past tense, foreign ministers",
     "NEW YORK, Nov. 16 (AFP) - The foreign ministers of India and Pakistan met on the "
     "sidelines of the United Nations General Assembly on Tuesday.", WIRE,
     [ev("ministerial_meeting", "IN PK", "held", "2005-11-15", None, "US"),
      ev("conference", "org:UN", "held", None, None, "US")]),
    ("multilateral trips", "on the margins of, undated",
     "KUALA LUMPUR, Nov. 16 (AFP) - The foreign ministers of Japan and China met on the "
     "margins of an ASEAN meeting in Kuala Lumpur.", WIRE,
     [ev("ministerial_meeting", "JP CN", "held", None, None, "MY"),
      ev("ministerial_meeting", "org:ASEAN", "held", None, None, "MY")]),
    ("tours", "toured, past tense, two states",
     "SANTIAGO, March 4 - The Spanish foreign minister toured Chile and Peru last week.",
     REUTERS,
     [ev("visit", "ES CL", "held", "1987-02-23", "1987-03-01", "CL"),
      ev("visit", "ES PE", "held", "1987-02-23", "1987-03-01", "PE")]),
    ("tours", "touring provinces at home is no visit",
     "MANILA, Nov. 16 (AFP) - The Philippine president toured the flood-hit provinces on "
     "Tuesday.", WIRE, []),
    ("tours", "a tour with legs dated",
     "NEW DELHI, Nov. 16 (AFP) - The Indian president will visit Bulgaria on November 20 "
     "and Romania on November 22.", WIRE,
     [ev("visit", "IN BG", "scheduled", "2005-11-20", None, "BG"),
      ev("visit", "IN RO", "scheduled", "2005-11-22", None, "RO")]),
    ("tours", "legs dated by weekday, past tense",
     "HARARE, Nov. 16 (AFP) - The Zambian president visited Botswana on Monday and Namibia "
     "on Tuesday.", WIRE,
     [ev("visit", "ZM BW", "held", "2005-11-14", None, "BW"),
      ev("visit", "ZM NA", "held", "2005-11-15", None, "NA")]),
    ("tours", "left for a tour of two countries",
     "CAIRO, Nov. 16 (AFP) - Egypt's foreign minister left on Wednesday for a week-long "
     "tour of Kenya and Uganda.", WIRE,
     [ev("visit", "EG KE", "held", "2005-11-16", "2005-11-22", "KE"),
      ev("visit", "EG UG", "held", "2005-11-16", "2005-11-22", "UG")]),
    ("spans", "a four-day visit beginning Sunday",
     "BEIJING, Nov. 16 (Xinhua) -- The Thai prime minister will pay a four-day official "
     "visit to China beginning Sunday.", WIRE,
     [ev("visit", "TH CN", "scheduled", "2005-11-20", "2005-11-23", "CN")]),
    ("vague dates", "around two weeks ago leaves dates null",
     "ROME, Nov. 16 (AFP) - Italy and Tunisia held talks in Tunis around two weeks ago.",
     WIRE, [ev("talks", "IT TN", "held", None, None, "TN")]),
    ("vague dates", "some ten days ago leaves dates null",
     "KATHMANDU, March 4 - The Chinese foreign minister visited Nepal some ten days ago.",
     REUTERS, [ev("visit", "CN NP", "held", None, None, "NP")]),
    ("vague dates", "an exact 'ago' keeps its date",
     "KATHMANDU, March 4 - The Chinese foreign minister visited Nepal two days ago.",
     REUTERS, [ev("visit", "CN NP", "held", "1987-03-02", None, "NP")]),
    # "N weeks ago" names a week (its Monday to Sunday), held, with or
    # without a past verb beside it; "around two weeks ago" stays vague (above)
    ("vague dates", "two weeks ago is that week",
     "NAIROBI, Nov. 16 (AFP) -- Kenyan and Ugandan officials held border talks in Kampala "
     "two weeks ago, a spokesman said.", WIRE,
     [ev("talks", "KE UG", "held", "2005-10-31", "2005-11-06", "UG")]),
    ("vague dates", "three weeks ago is that week",
     "LUSAKA, March 4 - The foreign ministers of Zambia and Malawi met in Lilongwe three "
     "weeks ago to settle the border dispute.", REUTERS,
     [ev("ministerial_meeting", "ZM MW", "held", "1987-02-09", "1987-02-15", "MW")]),
    ("vague dates", "'during talks two weeks ago' is held, not this week's",
     "LAGOS, Nov. 16 (AFP) -- Ghana and Togo failed to settle the dispute during talks in "
     "Accra two weeks ago, officials said.", WIRE,
     [ev("talks", "GH TG", "held", "2005-10-31", "2005-11-06", "GH")]),
    ("org level", "an OPEC meeting of unstated level is a conference",
     "KUWAIT, March 4 - OPEC will hold a meeting in Geneva on March 25, a Kuwaiti official "
     "said.", REUTERS,
     [ev("conference", "org:OPEC", "scheduled", "1987-03-25", None, "CH")]),
    ("unnamed hosts", "a Gulf tour, past tense",
     "LONDON, March 4 - The British foreign secretary returned on Tuesday from a tour of "
     "the Gulf.", REUTERS, [ev("visit", "GB", "held")]),
    ("codes", "the Holy See receiving a president",
     "VATICAN CITY, Nov. 16 (AFP) - The Pope received the president of Poland at the "
     "Vatican on Tuesday.", WIRE,
     [ev("visit", "PL VA", "held", "2005-11-15", None, "VA")]),
    ("codes", "a think tank is no participant",
     "WASHINGTON, Nov. 16 (AFP) - The Chinese ambassador addressed a Washington think tank "
     "on Tuesday.", WIRE, []),
    ("leaders as subject", "the two leaders, past tense, reported the same day",
     "VIENTIANE, Nov. 16 (AFP) - The presidents of Laos and Vietnam held talks in Vientiane "
     "on Wednesday.", WIRE, [ev("summit", "LA VN", "held", "2005-11-16", None, "LA")]),
    ("agreements to meet", "agreed to hold a summit in a period: scheduled",
     "SEOUL, Nov. 16 (AFP) - South Korea and Japan agreed to hold a summit early next year.",
     WIRE, [ev("summit", "KR JP", "scheduled", "2006-01-01", "2006-12-31")]),
    ("agreements to meet", "a phone call in which they agreed to meet",
     "PARIS, Nov. 16 (AFP) - The French president spoke by telephone on Tuesday with the "
     "Algerian president, and the two agreed to meet soon.", WIRE,
     [ev("talks", "FR DZ", "held", "2005-11-15"),
      ev("summit", "FR DZ", "proposed")]),
    ("host and guests", "will host talks with two states, ministers",
     "CAIRO, Nov. 16 (AFP) - Egypt will host talks with Israel and Jordan on water in Cairo "
     "on Sunday.", WIRE,
     [ev("talks", "EG IL JO", "scheduled", "2005-11-20", None, "EG")]),
    ("org place elsewhere", "an OPEC conference in Vienna reported from Lagos",
     "LAGOS, March 4 - Nigeria's oil minister will attend the OPEC conference in Vienna "
     "next week.", REUTERS,
     [ev("ministerial_meeting", "org:OPEC", "scheduled", "1987-03-09", "1987-03-15", "AT")]),
    ("dateline dates", "earlier this week",
     "JAKARTA, Nov. 16 (AFP) - Indonesia and Malaysia held border talks in Jakarta earlier "
     "this week.", WIRE, [ev("talks", "ID MY", "held", "2005-11-14", "2005-11-20", "ID")]),
    # --- round 2: leaders as subject ---
    ("r2 leaders as subject", "the heads of state of X and Y met, past tense",
     "KAMPALA, Nov. 16 (Xinhua) -- The presidents of Uganda and Rwanda met in Kampala on "
     "Monday to discuss border security.", WIRE,
     [ev("summit", "UG RW", "held", "2005-11-14", None, "UG")]),
    ("r2 leaders as subject", "the leaders of X and Y will meet",
     "LISBON, March 4 - The leaders of Portugal and Spain will meet in Lisbon on Friday.",
     REUTERS, [ev("summit", "PT ES", "scheduled", "1987-03-06", None, "PT")]),
    ("r2 leaders as subject", "a premier and his counterpart, future",
     "ROME, March 4 - Italy's prime minister and his Greek counterpart will hold talks in "
     "Athens next week.", REUTERS,
     [ev("summit", "IT GR", "scheduled", "1987-03-09", "1987-03-15", "GR")]),
    ("r2 leaders as subject", "two presidents 'held talks' with titles before names",
     "ACCRA, Nov. 16 (AFP) - Ghanaian President Kofi Mensah and Togolese President Eyadema "
     "Kpatcha held talks in Accra on Tuesday.", WIRE,
     [ev("summit", "GH TG", "held", "2005-11-15", None, "GH")]),
    ("r2 leaders as subject", "bare 'talks' between two presidents is a summit",
     "SANTIAGO, March 4 - Talks between the presidents of Chile and Peru in Santiago on "
     "Monday focused on trade.", REUTERS,
     [ev("summit", "CL PE", "held", "1987-03-02", None, "CL")]),
    ("r2 leaders as subject", "talks between two prime ministers, future",
     "HELSINKI, Nov. 16 (AFP) - Talks between the prime ministers of Finland and Estonia "
     "will take place in Helsinki on Friday.", WIRE,
     [ev("summit", "FI EE", "scheduled", "2005-11-18", None, "FI")]),
    ("r2 leaders as subject", "talks between deputy prime ministers stay talks",
     "HELSINKI, Nov. 16 (AFP) - Talks between the deputy prime ministers of Finland and "
     "Estonia will take place in Helsinki on Friday.", WIRE,
     [ev("talks", "FI EE", "scheduled", "2005-11-18", None, "FI")]),
    ("r2 leaders as subject", "two prime ministers ended two days of talks",
     "TUNIS, March 4 - The Tunisian and Algerian prime ministers ended two days of talks "
     "in Tunis on Tuesday.", REUTERS,
     [ev("summit", "TN DZ", "held", "1987-03-02", "1987-03-03", "TN")]),
    ("r2 leaders as subject", "two presidents will open talks",
     "LUSAKA, Nov. 16 (AFP) - The presidents of Zambia and Malawi will open talks in "
     "Lusaka on Friday.", WIRE,
     [ev("summit", "ZM MW", "scheduled", "2005-11-18", None, "ZM")]),
    ("r2 leaders as subject", "ministers who began talks stay a ministerial meeting",
     "LUSAKA, Nov. 16 (AFP) - The trade ministers of Zambia and Malawi began talks in "
     "Lusaka on Tuesday.", WIRE,
     [ev("ministerial_meeting", "ZM MW", "held", "2005-11-15", None, "ZM")]),
    ("r2 leaders as subject", "ministers of X and Y met, demonyms",
     "RIGA, Nov. 16 (AFP) - The Latvian and Estonian foreign ministers met in Riga on "
     "Tuesday.", WIRE,
     [ev("ministerial_meeting", "LV EE", "held", "2005-11-15", None, "LV")]),
    # --- round 2: held events reported the same day or just after ---
    ("r2 held same day", "'today' in the past tense is the dateline day",
     "HANOI, Nov. 16 (Xinhua) -- The prime ministers of Vietnam and Cambodia held talks "
     "here today on border demarcation.", WIRE,
     [ev("summit", "VN KH", "held", "2005-11-16", None, "VN")]),
    ("r2 held same day", "'yesterday' is the day before",
     "NEW DELHI, March 4 - The foreign ministers of India and Sri Lanka met in New Delhi "
     "yesterday.", REUTERS,
     [ev("ministerial_meeting", "IN LK", "held", "1987-03-03", None, "IN")]),
    ("r2 held same day", "'on Wednesday' on a Wednesday, past tense",
     "BERN, Nov. 16 (AFP) - Swiss and Austrian foreign ministers held talks in Bern on "
     "Wednesday.", WIRE,
     [ev("ministerial_meeting", "CH AT", "held", "2005-11-16", None, "CH")]),
    # --- round 2: telephone calls ---
    ("r2 telephone", "a phone call 'by phone', past tense, ministers",
     "ANKARA, Nov. 16 (AFP) - Turkey's foreign minister discussed the refugee question by "
     "phone on Monday with his Iranian counterpart.", WIRE,
     [ev("talks", "TR IR", "held", "2005-11-14")]),
    ("r2 telephone", "a telephone call between presidents, reported by the wire",
     "MOSCOW, Nov. 16 (Xinhua) -- Russian President Pavel Orlov and Kazakh President "
     "Nursultan Beisenov had a telephone conversation on Tuesday.", WIRE,
     [ev("talks", "RU KZ", "held", "2005-11-15")]),
    ("r2 telephone", "'telephoned' a counterpart",
     "WARSAW, March 4 - The Polish prime minister telephoned the Hungarian prime minister "
     "on Tuesday to discuss trade.", REUTERS,
     [ev("talks", "PL HU", "held", "1987-03-03")]),
    ("r2 telephone", "'over the phone' between prime ministers, future",
     "DUBLIN, March 4 - The Irish and British prime ministers will talk over the phone on "
     "Friday about the border.", REUTERS,
     [ev("talks", "IE GB", "scheduled", "1987-03-06")]),
    ("r2 telephone", "an official quoted by telephone is no call",
     "NAIROBI, March 4 - Kenya's agriculture minister, speaking by telephone from Geneva on "
     "Tuesday, said the drought was worsening.", REUTERS, []),
    ("r2 telephone", "a reporter's telephone interview is no call",
     "LIMA, Nov. 16 (AFP) - The Peruvian foreign minister told AFP by telephone on Tuesday "
     "that he would resign.", WIRE, []),
    # --- round 2: agreements to meet ---
    ("r2 agreements to meet", "agreed to meet with no date: proposed",
     "QUITO, Nov. 16 (AFP) - The presidents of Ecuador and Colombia agreed to meet to "
     "discuss the border.", WIRE, [ev("summit", "EC CO", "proposed")]),
    ("r2 agreements to meet", "agreed to hold talks next month: scheduled",
     "BANGKOK, Nov. 16 (AFP) - Thailand and Myanmar agreed to hold border talks next "
     "month.", WIRE, [ev("talks", "TH MM", "scheduled", "2005-12-01", "2005-12-31")]),
    ("r2 agreements to meet", "the day of the agreement is not the meeting's",
     "ISLAMABAD, Nov. 16 (AFP) - Pakistan and Afghanistan agreed on Tuesday to hold a "
     "meeting of their interior ministers in Kabul.", WIRE,
     [ev("ministerial_meeting", "PK AF", "proposed", None, None, "AF")]),
    ("r2 agreements to meet", "agreed today to meet, date after 'to' is the meeting's",
     "ACCRA, March 4 - Ghana and Togo agreed today to hold border talks in Kumasi on March "
     "20.", REUTERS, [ev("talks", "GH TG", "scheduled", "1987-03-20", None, "GH")]),
    ("r2 agreements to meet", "agreed not to meet is no event",
     "ACCRA, March 4 - Ghana and Togo agreed on Tuesday not to hold border talks this "
     "year.", REUTERS, []),
    # --- round 2: host and guests ---
    ("r2 host and guests", "X hosts a summit of Y and Z, present tense: held",
     "ABUJA, Nov. 16 (AFP) - Nigeria hosted a summit with Ghana and Benin in Abuja on "
     "Tuesday.", WIRE,
     [ev("summit", "NG GH BJ", "held", "2005-11-15", None, "NG")]),
    ("r2 host and guests", "'will host' the leaders of two states: scheduled",
     "PRETORIA, March 4 - South Africa will host the leaders of Mozambique and Zimbabwe "
     "at a summit in Pretoria on Friday.", REUTERS,
     [ev("summit", "ZA MZ ZW", "scheduled", "1987-03-06", None, "ZA")]),
    ("r2 host and guests", "a host with no city named is the place, at home",
     "HANOI, Nov. 16 (Xinhua) -- Vietnam will host a meeting of foreign ministers from "
     "Laos and Cambodia next week.", WIRE,
     [ev("ministerial_meeting", "VN LA KH", "scheduled", "2005-11-21", "2005-11-27", "VN")]),
    ("r2 host and guests", "a host with no city named is the place, from abroad",
     "PARIS, Nov. 16 (AFP) - Morocco will host a summit with Tunisia and Mauritania next "
     "month.", WIRE,
     [ev("summit", "MA TN MR", "scheduled", "2005-12-01", "2005-12-31", "MA")]),
    ("r2 host and guests", "a host naming the city keeps the city",
     "PARIS, Nov. 16 (AFP) - Morocco will host a summit with Tunisia and Mauritania in "
     "Marrakesh next month.", WIRE,
     [ev("summit", "MA TN MR", "scheduled", "2005-12-01", "2005-12-31", "Marrakesh/MA")]),
    # --- round 2: sidelines bilaterals ---
    ("r2 sidelines", "two leaders on the sidelines of an APEC summit: two events",
     "BUSAN, Nov. 16 (AFP) - The presidents of Chile and Mexico will meet on the sidelines "
     "of the APEC summit in Busan on Friday.", WIRE,
     [ev("summit", "CL MX", "scheduled", "2005-11-18", None, "KR"),
      ev("summit", "org:APEC", "scheduled", None, None, "KR")]),
    ("r2 sidelines", "a bilateral on the sidelines of a summit 'here', future",
     "BUSAN, Nov. 16 (AFP) - The presidents of Peru and Mexico will meet on Friday on the "
     "sidelines of the APEC summit here.", WIRE,
     [ev("summit", "PE MX", "scheduled", "2005-11-18", None, "KR"),
      ev("summit", "org:APEC", "scheduled", None, None, "KR")]),
    ("r2 sidelines", "a bilateral on the margins of a conference 'here', past",
     "VIENNA, March 4 - The oil ministers of Iran and Kuwait met on Tuesday on the margins "
     "of the OPEC conference here.", REUTERS,
     [ev("ministerial_meeting", "IR KW", "held", "1987-03-03", None, "AT"),
      ev("ministerial_meeting", "org:OPEC", "held", "1987-03-03", None, "AT")]),
    # --- round 2: organisation meeting places reported from elsewhere ---
    ("r2 org place elsewhere", "an EC farm council in Brussels reported from Dublin",
     "DUBLIN, March 4 - EC farm ministers will meet in Brussels on Monday to discuss milk "
     "quotas, Irish officials said.", REUTERS,
     [ev("ministerial_meeting", "org:EU", "scheduled", "1987-03-09", None, "BE")]),
    ("r2 org place elsewhere", "an ASEAN meeting in Kuala Lumpur reported from Manila",
     "MANILA, Nov. 16 (AFP) - ASEAN foreign ministers will meet in Kuala Lumpur next "
     "month.", WIRE,
     [ev("ministerial_meeting", "org:ASEAN", "scheduled", "2005-12-01", "2005-12-31",
         "MY")]),
    ("r2 org place elsewhere", "an alliance summit abroad reported from a member's capital",
     "WASHINGTON, Nov. 16 (AFP) - NATO leaders will hold a summit in Riga next year, "
     "officials said.", WIRE,
     [ev("summit", "org:NATO", "scheduled", "2006-01-01", "2006-12-31", "LV")]),
    ("r2 org place elsewhere", "an African Union ministerial held elsewhere, past tense",
     "NAIROBI, Nov. 16 (Xinhua) -- African Union foreign ministers met in Addis Ababa on "
     "Monday to discuss Darfur.", WIRE,
     [ev("ministerial_meeting", "org:AU", "held", "2005-11-14", None, "ET")]),
    ("r2 org place elsewhere", "a G7 meeting a minister will attend abroad",
     "TOKYO, March 4 - Japan's finance minister will attend a meeting of Group of Seven "
     "finance ministers in Paris later this month.", REUTERS,
     [ev("ministerial_meeting", "org:G7", "scheduled", "1987-03-01", "1987-03-31", "FR")]),
    # --- round 2: dates relative to the dateline ---
    ("r2 dateline dates", "earlier this month is the month",
     "CANBERRA, Nov. 16 (AFP) - Australian and Indonesian officials held talks in Canberra "
     "earlier this month.", WIRE,
     [ev("talks", "AU ID", "held", "2005-11-01", "2005-11-30", "AU")]),
    ("r2 dateline dates", "later this month is the month",
     "OSLO, March 4 - The foreign ministers of Norway and Sweden will meet in Oslo later "
     "this month.", REUTERS,
     [ev("ministerial_meeting", "NO SE", "scheduled", "1987-03-01", "1987-03-31", "NO")]),
    ("r2 dateline dates", "'next Tuesday' in the future",
     "CAIRO, Nov. 16 (AFP) - Egypt and Sudan will hold talks on the Nile waters in Cairo "
     "next Tuesday.", WIRE,
     [ev("talks", "EG SD", "scheduled", "2005-11-22", None, "EG")]),
    ("r2 dateline dates", "a three-day visit starting Thursday",
     "BEIJING, Nov. 16 (Xinhua) -- The Pakistani prime minister will pay a three-day visit "
     "to China starting Thursday.", WIRE,
     [ev("visit", "PK CN", "scheduled", "2005-11-17", "2005-11-19", "CN")]),
    ("r2 dateline dates", "'last Thursday' is the week before's",
     "KATHMANDU, Nov. 16 (AFP) - Nepal and Bhutan held refugee talks in Kathmandu last "
     "Thursday.", WIRE, [ev("talks", "NP BT", "held", "2005-11-10", None, "NP")]),
    ("r2 dateline dates", "two weekdays in the past are a span",
     "LJUBLJANA, Nov. 16 (AFP) - Slovenian and Croatian negotiators met in Ljubljana on "
     "Thursday and Friday.", WIRE,
     [ev("talks", "SI HR", "held", "2005-11-10", "2005-11-11", "SI")]),
    ("r2 codes", "Macedonia by its demonym and capital",
     "SKOPJE, Nov. 16 (AFP) - Macedonian and Greek negotiators met in Skopje on Thursday "
     "and Friday.", WIRE, [ev("talks", "MK GR", "held", "2005-11-10", "2005-11-11", "MK")]),
    ("r2 dateline dates", "'from Monday to Wednesday' ends on the dateline day",
     "LA PAZ, March 4 - Bolivian and Chilean officials held talks in La Paz from Monday to "
     "Wednesday.", REUTERS, [ev("talks", "BO CL", "held", "1987-03-02", "1987-03-04", "BO")]),
    ("r2 dateline dates", "'this weekend' in the future",
     "TUNIS, Nov. 16 (AFP) - Tunisian and Libyan officials will hold talks in Tunis this "
     "weekend.", WIRE, [ev("talks", "TN LY", "scheduled", "2005-11-19", "2005-11-20", "TN")]),
    ("r2 dateline dates", "'over the weekend' in the past",
     "BUDAPEST, March 4 - The foreign ministers of Hungary and Austria met in Budapest over "
     "the weekend.", REUTERS,
     [ev("ministerial_meeting", "HU AT", "held", "1987-02-28", "1987-03-01", "HU")]),
    ("r2 codes", "Bhutan and Montenegro by their demonyms",
     "GENEVA, Nov. 16 (AFP) - Bhutanese and Montenegrin officials held talks in Geneva on "
     "Tuesday.", WIRE, [ev("talks", "BT ME", "held", "2005-11-15", None, "CH")]),
    ("r2 held same day", "a visit under way reported from home runs to the report's day",
     "ALGIERS, Nov. 16 (AFP) - The Algerian president is on a state visit to Spain, which "
     "began on Monday.", WIRE,
     [ev("visit", "DZ ES", "held", "2005-11-14", "2005-11-16", "ES")]),
    ("r2 held same day", "a visit under way with its length",
     "HAVANA, March 4 - The Cuban foreign minister is currently on a five-day visit to "
     "Mexico, which started on Monday.", REUTERS,
     [ev("visit", "CU MX", "held", "1987-03-02", "1987-03-06", "MX")]),
    # --- round 2: 'have talks' after a future word ---
    ("r2 status", "'will have talks' between ministers",
     "VIENNA, Nov. 16 (AFP) - The Austrian and Czech foreign ministers will have talks in "
     "Vienna on Monday.", WIRE,
     [ev("ministerial_meeting", "AT CZ", "scheduled", "2005-11-21", None, "AT")]),
    ("r2 status", "'is to have talks'",
     "MADRID, March 4 - Spain's foreign minister is to have talks with his Moroccan "
     "counterpart in Rabat on Monday.", REUTERS,
     [ev("ministerial_meeting", "ES MA", "scheduled", "1987-03-09", None, "MA")]),
    ("r2 status", "'have held talks' stays held",
     "SOFIA, March 4 - Bulgaria and Romania have held talks in Sofia on the Danube this "
     "week.", REUTERS,
     [ev("talks", "BG RO", "held", "1987-03-02", "1987-03-08", "BG")]),
    # --- round 2: parties are no participants ---
    ("r2 parties", "a party delegation visiting is no event",
     "BEIJING, Nov. 16 (Xinhua) -- A delegation of the French Socialist Party arrived in "
     "Beijing on Tuesday for a visit.", WIRE, []),
    ("r2 parties", "a party delegation holding talks is no event",
     "COLOMBO, March 4 - A Labour Party delegation from Britain held talks with Sri Lankan "
     "opposition leaders in Colombo on Tuesday.", REUTERS, []),
    ("r2 parties", "a foreign ministry delegation is its state",
     "HANOI, Nov. 16 (AFP) - A delegation from the Japanese foreign ministry held talks "
     "with Vietnamese officials in Hanoi on Tuesday.", WIRE,
     [ev("talks", "JP VN", "held", "2005-11-15", None, "VN")]),
    ("r2 parties", "a state delegation is a participant",
     "BEIJING, Nov. 16 (Xinhua) -- A French government delegation arrived in Beijing on "
     "Tuesday for a three-day visit.", WIRE,
     [ev("visit", "FR CN", "held", "2005-11-15", "2005-11-17", "CN")]),
    # --- round 10: precision, kind and status ---
    ("r10 precision", "told reporters at a business conference that the organisation decided",
     "SINGAPORE, Nov. 16 (AFP) - The Malaysian official told reporters at a regional business "
     "conference that the Asian Development Bank had decided to raise its lending.", WIRE, []),
    ("r10 precision", "a party delegation with a long title before the verb is no event",
     "HANOI, Nov. 16 (Xinhua) -- A delegation of the Workers' Party of Ruritania headed by "
     "Anton Wenzel, deputy chairman of the party's central committee and member of its "
     "presidium, arrived here on Tuesday for a four-day goodwill visit.", WIRE, []),
    ("r10 precision", "'the delegation' of a government stays a visit",
     "ACCRA, Nov. 16 (AFP) - A Swedish government delegation arrived in Accra on Tuesday "
     "for a three-day visit. The delegation held talks with Ghanaian officials on "
     "Wednesday.", WIRE,
     [ev("visit", "SE GH", "held", "2005-11-15", "2005-11-17", "GH")]),
    ("r10 kind", "regular consultations of officials stay a dialogue",
     "SEOUL, Nov. 16 (AFP) - South Korean and Japanese diplomats held the fourth round of "
     "their regular consultations in Seoul on Tuesday.", WIRE,
     [ev("dialogue", "KR JP", "held", "2005-11-15", None, "KR")]),
    ("r10 status", "'exchanged views on the upcoming' meeting is a call held",
     "PARIS, Nov. 16 (AFP) - The French and Italian presidents had a telephone conversation "
     "on Tuesday. They exchanged views on the coming European summit, a spokesman said.",
     WIRE, [ev("talks", "FR IT", "held", "2005-11-15", None, None)]),
    ("r10 kind", "two ministers still hold a ministerial meeting",
     "LUSAKA, March 4 - Zambia's finance minister met his Malawian counterpart in Lusaka on "
     "Tuesday.", REUTERS,
     [ev("ministerial_meeting", "ZM MW", "held", "1987-03-03", None, "ZM")]),
    ("r10 status", "'until' an envoy visits, undated, is in prospect",
     "NAIROBI, March 4 - Donors will withhold aid until the Ugandan envoy visits Nairobi, "
     "a Kenyan official said.", REUTERS,
     [ev("visit", "UG KE", "proposed", None, None, "KE")]),
    ("r10 status", "'before the two sides resume' the talks, undated, is in prospect",
     "ANKARA, Nov. 16 (AFP) - Turkey asked Cyprus to lift the embargo before the two sides "
     "resume border negotiations.", WIRE,
     [ev("talks", "TR CY", "proposed")]),
    ("r10 status", "'after the two ministers met' stays held",
     "QUITO, March 4 - Trade barriers were lifted after the Ecuadorean and Peruvian foreign "
     "ministers met in Quito on Monday.", REUTERS,
     [ev("ministerial_meeting", "EC PE", "held", "1987-03-02", None, "EC")]),
    ("r10 precision", "those who 'will attend the summit' join the summit just reported",
     "BRUSSELS, March 4 - The first summit between the European Community and Canada will "
     "be held in Ottawa on Friday. The British prime minister, whose country holds the EC "
     "presidency, and the Commission president will attend the summit.", REUTERS,
     [ev("summit", "org:EU CA", "scheduled", "1987-03-06", None, "CA")]),
    ("r10 kind", "an organisation's own negotiations, level unstated, are a conference",
     "ABIDJAN, March 4 - Cocoa prices fell after negotiations in London to revive "
     "International Cocoa Organization buffer stock rules broke down on Tuesday, dealers "
     "said.", REUTERS,
     [ev("conference", "org:ICCO", "held", "1987-03-03", None, "GB")]),
    # --- recall: a forum named by its number of parties ---
    ("recall forums", "three-way negotiations with the three named in the sentence",
     "HANOI, Nov. 16 (AFP) - Vietnam, Laos and Cambodia will hold three-way negotiations "
     "on the Mekong dams in Vientiane next week.", WIRE,
     [ev("talks", "VN LA KH", "scheduled", "2005-11-21", "2005-11-27", "LA")]),
    # --- recall: an organisation's body to take something up ---
    ("recall bodies", "a board due to consider quotas on a date",
     "LONDON, March 4 - The International Cocoa Organization's executive board is due to "
     "consider the buffer stock rules on March 18.", REUTERS,
     [ev("conference", "org:ICCO", "scheduled", "1987-03-18")]),
    ("recall bodies", "a state or a company taking something up is no sitting",
     "OSLO, March 4 - Norway is expected to consider the proposal next week, and the "
     "shipping company will examine the offer on Friday.", REUTERS, []),
    # --- recall: an official of an organisation with no code travels ---
    ("recall uncoded", "a person with no official title travelling is no visit",
     "NAIROBI, Nov. 16 (Xinhua) -- The novelist Mateo Ferraz read from his new book on "
     "Wednesday.\n\nFerraz arrived in Kenya on Tuesday after visiting Uganda.", WIRE, []),
    ("recall uncoded", "an official's visit with no destination named is none",
     "NAIROBI, Nov. 16 (Xinhua) -- The bloc's special envoy Ana Ruiz said on Wednesday "
     "that the rebels had agreed to the visit.", WIRE, []),
    # --- recall: a role noun stands for the person holding that title ---
    ("recall roles", "'the envoy' is the envoy named before, not the last person",
     "OSLO, March 4 - Norwegian special envoy Lars Haugen has told Sri Lankan Foreign "
     "Minister Ranjan Perera that a ceasefire is needed, officials said. They said the "
     "envoy had stressed in talks this morning with Perera that both sides must return "
     "to the table.", REUTERS,
     [ev("talks", "NO LK", "held", "1987-03-04", None, "NO")]),
    # --- recall: a stop on a trip ---
    ("recall stops", "a stop in a capital is a visit there",
     "LISBON, Nov. 16 (AFP) - Portuguese Foreign Minister Rui Almada will discuss the "
     "fisheries dispute with Moroccan leaders during his stop in Rabat on Friday.", WIRE,
     [ev("visit", "PT MA", "scheduled", "2005-11-18", None, "MA")]),
    ("recall stops", "a stop in exports is no visit",
     "LISBON, Nov. 16 (AFP) - Portuguese Foreign Minister Rui Almada called on Wednesday "
     "for a stop in arms exports to the region.", WIRE, []),
    # --- recall: combining forms and a summit filed from its host ---
    ("recall combining", "Franco alone is a surname, no state",
     "MADRID, March 4 - Historians met on Tuesday to discuss the Franco years.", REUTERS, []),
    # --- recall: an organisation's summit and its ministers' meeting are two sittings ---
    # --- recall: appearing together before the press ---
    ("recall joint", "a joint press conference of two presidents is their summit",
     "SANTIAGO, Nov. 16 (AFP) - Chilean President Ana Fuentes, at a joint press "
     "conference with Bolivian President Hugo Tapia on Tuesday, announced a gas deal.", WIRE,
     [ev("summit", "CL BO", "held", "2005-11-15", None, "CL")]),
    ("recall joint", "a plain press conference is no meeting",
     "SANTIAGO, Nov. 16 (AFP) - Chilean President Ana Fuentes told a press conference on "
     "Tuesday that Bolivia must pay more for gas.", WIRE, []),
    # --- recall: groups of states named by what they are ---
    ("recall groups", "a summit of industrial democracies is the G7's",
     "OTTAWA, March 4 - The prime minister will attend the Toronto summit of the "
     "industrial democracies in June, his office said.", REUTERS,
     [ev("summit", "org:G7", "scheduled", "1987-06-01", "1987-06-30", "CA")]),
    ("recall groups", "a chancellor of the exchequer is a minister",
     "LONDON, March 4 - Chancellor of the Exchequer Hugh Marsden said the meeting of "
     "seven major industrial countries in Tokyo last week had steadied the markets.",
     REUTERS,
     [ev("ministerial_meeting", "org:G7", "held", "1987-02-23", "1987-03-01", "JP")]),
    ("recall groups", "an indefinite session is no organisation's",
     "TOKYO, March 4 - The seven major industrial countries will meet in Paris next "
     "month. Under the constitution, a regular session of parliament lasts 150 days.",
     REUTERS,
     [ev("conference", "org:G7", "scheduled", "1987-04-01", "1987-04-30", "FR")]),
    ("r3 participants", "'EU and Chinese negotiators' are two sides, not the EU's own meeting",
     "BRUSSELS, Nov. 16 (AFP) -- EU and Chinese negotiators ended two days of textile talks "
     "in Brussels on Tuesday.", WIRE,
     [ev("talks", "org:EU CN", "held", "2005-11-14", "2005-11-15", "BE")]),
    # --- round 3: participants ---
    ("r3 participants", "talks with a state's officials during a visit stay a visit to it",
     "LIMA, Nov. 16 (AFP) -- Peru's foreign minister will visit Madrid next week for talks "
     "with Spanish officials.", WIRE,
     [ev("visit", "PE ES", "scheduled", "2005-11-21", "2005-11-27", "ES")]),
    ("r3 participants", "a capital naming a summit's place is no party of it or of later talks",
     "BRUSSELS, Nov. 16 (AFP) -- The European Union agreed at Tuesday's Madrid summit to open "
     "membership talks with Croatia on December 5.", WIRE,
     [ev("summit", "org:EU", "held", "2005-11-15", None, "ES"),
      ev("talks", "org:EU HR", "scheduled", "2005-12-05")]),
    ("r3 participants", "'at its Riga summit ... accession talks': Latvia is no party",
     "BERLIN, Nov. 16 (AFP) -- NATO decided at its Riga summit on Tuesday to invite Albania to "
     "accession talks next month.", WIRE,
     [ev("summit", "org:NATO", "held", "2005-11-15", None, "LV"),
      ev("talks", "org:NATO AL", "scheduled", "2005-12-01", "2005-12-31")]),
]

# rows the engine does not get right yet: case name -> the reason
XFAIL: dict[str, str] = {
    "a two-week tour of a region, dated by its start":
        "the guard against 'a tour of European capitals' (a noun after the region) also "
        "stops 'a tour of Asia on Monday'; narrowing it to plural nouns found one more "
        "check event but cost check full F1 0.565 -> 0.563, so it was not kept",
    "a president and her counterpart, 'after talks'":
        "talks are a summit only after 'held/had talks' or a verb of meeting; reading heads "
        "near bare 'talks' as a summit mislabelled a tune event (kind 0.851 -> 0.846), reverted",
    "a bare title filed from home is the dateline state's":
        "an unknown name with a bare title goes to the one state the lead names (here the "
        "guest's), not to the dateline's state; the fix (branch x-spec-bare-title) cost check "
        "full F1 0.565 -> 0.563, so it waits for the lead",
    "a visit to several cities takes the country":
        "the gazetteer does not find 'Marseille' after 'Lyon and' (alone it does)",
    "two named weekdays": "'Bali' is resolved to a place in Cameroon, not Indonesia",
    "'in the Austrian capital' is Vienna":
        "a described capital with no city named before it is not resolved (needs a "
        "state-to-capital lookup the resources do not offer)",
    "Kosovo":
        "Kosovo (XK) is no state in the gazetteer; adding it (branch x-spec-kosovo) found two "
        "more check events but cost check full F1 0.557 -> 0.552, so it waits for the lead",
    "met on the sidelines, past tense, foreign ministers":
        "the General Assembly session is not found as an event of its own",
    "a Gulf tour, past tense":
        "'returned on Tuesday from a tour' dates the tour to that day; the rules leave a "
        "span given by its end with no length open",
}


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [pytest.param(*c[2:], id=f"{c[0]}: {c[1]}",
                  marks=[pytest.mark.xfail(reason=XFAIL[c[1]], strict=True)]
                  if c[1] in XFAIL else [])
     for c in CASES],
)
def test_annotation_rule(text: str, published: datetime, expected: list[Ev]) -> None:
    assert found(text, published, expected) == sorted(expected, key=repr)
