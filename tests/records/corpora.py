"""Two corpora for the 14 kap. 4 and 5 § journal (issue 12).

SMUGGLING: identity a careless or hurried handläggare could put in a record, each with the
field and the error code it must be refused with. HONEST: advisory notes written as a
handläggare writes them, which must (at least 95 % of them) be accepted.
"""

from __future__ import annotations

from typing import Any

PNR = "760921-5129"
FULLWIDTH = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in PNR)
ARABIC_INDIC = "".join(chr(0x0660 + int(c)) if c.isdigit() else c for c in PNR)
BENGALI = "".join(chr(0x09E6 + int(c)) if c.isdigit() else c for c in PNR)
DEVANAGARI = "".join(chr(0x0966 + int(c)) if c.isdigit() else c for c in PNR)
SUPERSCRIPT = PNR.translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))
CIRCLED = PNR.translate(str.maketrans("0123456789", "⓪①②③④⑤⑥⑦⑧⑨"))

_ID = "identity_number_in_text"
_BIRTH = "birth_date_in_text"
_NAME = "name_in_text"
_EMAIL = "email_in_text"
_PHONE = "phone_number_in_text"
_ADDRESS = "address_in_text"

# (label, text, error code expected among the errors for `text`)
SMUGGLED_TEXTS: list[tuple[str, str, str]] = [
    ("dots", "Samtal med 76.09.21-5129 om spel.", _ID),
    ("iso-date-and-four", "1976-09-21-5129 ringde om hyran.", _ID),
    ("spaced-digits", "pnr 7 6 0 9 2 1 - 5 1 2 9", _ID),
    ("en-dash", "Råd till 760921–5129.", _ID),
    ("slash", "760921/5129", _ID),
    ("double-dash", "760921--5129", _ID),
    ("zero-width-space", "760921\u200b-5129", _ID),
    ("zero-width-inside-date", "7609\u200b21-5129", _ID),
    ("nbsp", "760921\u00a05129", _ID),
    ("narrow-nbsp", "760921\u202f5129", _ID),
    ("fullwidth", f"Samtal, {FULLWIDTH}", _ID),
    ("arabic-indic", ARABIC_INDIC, _ID),
    ("bengali", BENGALI, _ID),
    ("devanagari", DEVANAGARI, _ID),
    ("superscript", SUPERSCRIPT, _ID),
    ("circled", CIRCLED, _ID),
    ("born-and-last-four", "född 760921, sista fyra 5129", _ID),
    ("last-four-alone", "Sista fyra siffrorna 5129.", _ID),
    ("twelve-with-dash", "19760921-5129", _ID),
    ("twelve-plain", "197609215129", _ID),
    ("ten-plain", "7609215129", _ID),
    ("plus", "760921+5129", _ID),
    ("space", "760921 5129", _ID),
    ("samordningsnummer", "Samordningsnr 760981-5123", _ID),
    ("samordningsnummer-twelve", "19760981-5123", _ID),
    ("dashed-pairs", "76-09-21-5129", _ID),
    ("spaced-pairs", "76 09 21 5129", _ID),
    ("underscore", "760921_5129", _ID),
    ("colon", "760921:5129", _ID),
    ("dot-before-four", "19760921.5129", _ID),
    ("non-breaking-hyphen", "760921\u20115129", _ID),
    ("minus-sign", "760921\u22125129", _ID),
    ("word-joiner", "760921\u2060-5129", _ID),
    ("soft-hyphen", "760921\u00ad-5129", _ID),
    ("letter-o-for-zero", "76O921-5129", _ID),
    ("wrong-check-digit", "760921-5128", _ID),
    ("born-iso", "Personen är född 1976-09-21.", _BIRTH),
    ("born-slash-year", "f. 21/9 1976", _BIRTH),
    ("born-in-words", "Född den 21 september 1976", _BIRTH),
    ("born-year", "Klienten är född 1976.", _BIRTH),
    ("birth-date-compact", "födelsedatum 19760921", _BIRTH),
    ("bare-birth-date", "1976-09-21", _BIRTH),
    ("dotted-date", "21.09.1976", _BIRTH),
    ("month-abbreviation", "21 sep -76", _BIRTH),
    ("compact-six", "f 760921", _BIRTH),
    ("full-name", "Karin Lindqvist kom med sin son Olle", _NAME),
    ("name-in-sentence", "Samtal med Anna Andersson om hyresskulden.", _NAME),
    ("mother-and-name", "mamma Karin ringde", _NAME),
    ("lower-case-surname", "pratade med lindqvist om spelet", _NAME),
    ("cue-unknown-name", "Klienten heter Aziz och har spelskulder.", _NAME),
    ("word-name-mid-sentence", "Ringde Bo Lundgren om skulden.", _NAME),
    ("name-and-age", "Erik, 34 år, hyresskuld", _NAME),
    ("sson-surname", "Samtal med Gudmundsson om alkohol.", _NAME),
    ("hyphenated-first-name", "Anna-Karin kom på besök.", _NAME),
    ("daughter-named", "Hennes dotter Ronja var med.", _NAME),
    ("email", "karin.lindqvist@gmail.com", _EMAIL),
    ("email-at-in-brackets", "mejla karin(at)telia.se", _EMAIL),
    ("email-in-words", "svar till karin snabel-a hotmail punkt com", _EMAIL),
    ("email-fullwidth-at", "kalle＠example.se", _EMAIL),
    ("mobile", "070-123 45 67", _PHONE),
    ("mobile-international", "+46701234567", _PHONE),
    ("mobile-plain", "ring 0701234567", _PHONE),
    ("landline", "063-123 45 67", _PHONE),
    ("international-spaced", "+46 70 123 45 67", _PHONE),
    ("mobile-half-spaced", "070 1234567", _PHONE),
    ("double-zero", "0046701234567", _PHONE),
    ("parentheses", "(070) 123 45 67", _PHONE),
    ("street-and-postcode", "Storgatan 12, 831 30 Östersund", _ADDRESS),
    ("street-with-letter", "bor på Prästgatan 24 B", _ADDRESS),
    ("street-vagen", "Kyrkvägen 5", _ADDRESS),
    ("apartment", "lgh 1102", _ADDRESS),
    ("postcode-and-place", "831 30 Östersund", _ADDRESS),
]
# Identity in the fields that a 14 kap. 4 or 5 § record never takes.
SMUGGLED_FIELDS: list[tuple[str, dict[str, Any], str, str]] = [
    ("personnummer-field", {"personnummer": "19760921-5129"}, "personnummer", "identifying_data_forbidden"),
    ("name-field", {"name": "Karin Lindqvist"}, "name", "identifying_data_forbidden"),
]  # fmt: skip

# (insats, topic, contact, text): notes as a handläggare writes them.
HONEST_NOTES: list[tuple[str, str, str, str]] = [
    ("vrakningsforebyggande-arbete", "hyresskuld", "telefon", "Rådgivning om hyresskuld, 20 min, telefon; hänvisad till budget- och skuldrådgivning"),
    ("vrakningsforebyggande-arbete", "ansokan_om_bistand", "telefon", "Informerat om möjligheten att ansöka om ekonomiskt bistånd."),
    ("vrakningsforebyggande-arbete", "hyresskuld", "telefon", "Per telefon. Gick igenom hur en avbetalningsplan kan se ut med hyresvärden."),
    ("vrakningsforebyggande-arbete", "hyresskuld", "besok", "Hyresskuld på ca 12 000 kr, två månader. Råd om att kontakta hyresvärden snarast."),
    ("vrakningsforebyggande-arbete", "vrakningsprocessen", "telefon", "Info om Kronofogdens process vid avhysning."),
    ("vrakningsforebyggande-arbete", "budget_och_skuld", "telefon", "Hänvisad till konsumentvägledningen och budget- och skuldrådgivningen."),
    ("vrakningsforebyggande-arbete", "hyresskuld", "telefon", "Nästa kontakt bokad 2026-12-03 kl 10.00."),
    ("vrakningsforebyggande-arbete", "stod_och_kontakter", "besok", "Besök på Kundcenter, 30 min. Allmän information om stöd."),
    ("vrakningsforebyggande-arbete", "stod_och_kontakter", "telefon", "Brev från Kundcenter ledde till kontakt. Informerat om BoSoL."),
    ("vrakningsforebyggande-arbete", "vrakningsprocessen", "telefon", "Hyresvärden har skickat uppsägning; informerat om vad som gäller och tidsfrister."),
    ("vrakningsforebyggande-arbete", "hyresskuld", "telefon", "Råd om att betala den löpande hyran först."),
    ("vrakningsforebyggande-arbete", "hyresskuld", "telefon", "Skulden gäller tre månadshyror, ca 25 000 kr."),
    ("vrakningsforebyggande-arbete", "stod_och_kontakter", "telefon", "Kontakt med Hyresgästföreningen föreslogs."),
    ("vrakningsforebyggande-arbete", "ansokan_om_bistand", "besok", "Erbjuden tid för ansökan om bistånd hos Försörjning."),
    ("vrakningsforebyggande-arbete", "budget_och_skuld", "telefon", "Vecka 48: uppföljande samtal om budget."),
    ("vrakningsforebyggande-arbete", "budget_och_skuld", "telefon", "Diskuterade hyresskuld och elräkning, 35 min."),
    ("vrakningsforebyggande-arbete", "stod_och_kontakter", "telefon", "Rådgivning om hyresskuld inför möte med Östersundshem."),
    ("vrakningsforebyggande-arbete", "budget_och_skuld", "besok", "Informerade om Budget- och skuldrådgivningens drop-in på tisdagar."),
    ("vrakningsforebyggande-arbete", "stod_och_kontakter", "telefon", "Kontakt via kundcenter, vidarebefordrad till BoSoL."),
    ("vrakningsforebyggande-arbete", "budget_och_skuld", "digitalt", "Råd om hur man säger upp ett sms-lån."),
    ("vrakningsforebyggande-arbete", "ansokan_om_bistand", "telefon", "Informerat om rätten att ansöka om insatser efter behovsprövning enligt 11 kap. 1 § SoL."),
    ("bra-samtal-vuxen", "trygg_person", "besok", "Samtal 1 av 3 genomfört tillsammans med trygg vuxen."),
    ("bra-samtal-vuxen", "ansvar_hos_den_vuxne", "besok", "Andra BRA-samtalet. Pratade om att det är den vuxne som bär ansvaret."),
    ("bra-samtal-vuxen", "stod_for_barn", "besok", "Tredje samtalet, avslut. Barnet fick information om var man kan få stöd."),
    ("bra-samtal-vuxen", "skuld_och_skam", "besok", "Gick igenom känslor av skuld och skam, 45 min."),
    ("bra-samtal-nexus", "trygg_person", "besok", "BRA-samtal med barnet och den trygga personen, 50 min."),
    ("bra-samtal-nexus", "trygg_person", "besok", "Barnet valde att ha med sin moster som trygg person."),
    ("bra-samtal-nexus", "stod_for_barn", "besok", "Besök 2026-11-20, 45 min, information om stöd för barn som anhöriga."),
    ("bra-samtal-nexus", "ansvar_hos_den_vuxne", "besok", "Hans pappa dricker enligt barnet; samtal om att ansvaret ligger hos den vuxne."),
    ("bra-samtal-ungdomsstod", "skuld_och_skam", "grupp", "Samtal i grupp, 8 deltagare, 90 min, tema skuld och skam."),
    ("bra-samtal-ungdomsstod", "stod_for_barn", "besok", "Hänvisning till ungdomsmottagningen."),
    ("bra-samtal-ungdomsstod", "skuld_och_skam", "digitalt", "Samtal om oro, 30 min, digitalt."),
    ("samarbetssamtal", "kommunikation_och_samarbete", "besok", "Samtalet hölls digitalt via Teams, 40 min."),
    ("samarbetssamtal", "kommunikation_och_samarbete", "besok", "Första samtalet individuellt, 60 min. Information om samarbetssamtal."),
    ("samarbetssamtal", "umgange", "besok", "Gemensamt samtal med båda föräldrarna om umgänge under julhelgen."),
    ("samarbetssamtal", "boende", "besok", "Diskuterade boende varannan vecka och hur överlämningar kan gå till."),
    ("samarbetssamtal", "umgange", "besok", "Föräldrarna enades om en skriftlig överenskommelse om umgänge."),
    ("samarbetssamtal", "avtal", "besok", "Informerat om möjligheten att skriva avtal som godkänns av familjerätten."),
    ("samarbetssamtal", "kommunikation_och_samarbete", "besok", "Kommunikation kring barnet, 90 min. Nytt samtal om fyra veckor."),
    ("samarbetssamtal", "kommunikation_och_samarbete", "besok", "Föräldrarna är inte överens om skolval; samtalet handlade om hur de kan kommunicera."),
    ("samarbetssamtal", "kommunikation_och_samarbete", "besok", "Samarbetssamtal 2 av 4."),
    ("samarbetssamtal", "kommunikation_och_samarbete", "telefon", "Informerat om att samtalen är frivilliga."),
    ("samarbetssamtal", "barnets_forsorjning", "besok", "Frågor om underhåll; hänvisade till Försäkringskassan."),
    ("samarbetssamtal", "vardnad", "besok", "Mötet flyttat till 10 dec kl 13."),
    ("radgivande-samtal", "alkohol", "telefon", "Råd om alkohol, AUDIT genomgånget tillsammans."),
    ("radgivande-samtal", "vagar_till_stod", "telefon", "Information om Nexus insatser och hur man ansöker."),
    ("radgivande-samtal", "spel", "telefon", "Rådgivning om spel om pengar, tipsade om Spelpaus."),
    ("radgivande-samtal", "som_anhorig", "telefon", "Anhörig ringde och fick råd om hur man kan prata om oro för alkohol."),
    ("radgivande-samtal", "vagar_till_stod", "telefon", "Hänvisad till 1177 och vårdcentralen för abstinensfrågor."),
    ("radgivande-samtal", "egen_forandring", "digitalt", "Via appen Mitt val mitt stöd, chatt 15 min."),
    ("radgivande-samtal", "vagar_till_stod", "telefon", "Information om AA och Al-Anon."),
    ("radgivande-samtal", "egen_forandring", "digitalt", "Tips om självhjälpsprogram på nätet."),
    ("radgivande-samtal", "vagar_till_stod", "besok", "Personen ville veta vad CRA innebär. Informerat."),
    ("radgivande-samtal", "narkotika", "telefon", "Kort samtal, 10 min, om cannabis och vad man kan göra själv."),
    ("radgivande-samtal", "lakemedel", "telefon", "Råd om läkemedelsberoende, hänvisad till beroendemottagningen."),
    ("radgivande-samtal", "spel", "grupp", "Gruppträff med 6 deltagare om spelberoende."),
    ("radgivande-samtal", "narkotika", "telefon", "Telefonrådgivning kl 14.30–14.50 om narkotika."),
    ("radgivande-samtal", "vagar_till_stod", "grupp", "Informationsträff i grupp, 12 personer, 2 timmar."),
    ("radgivande-samtal", "egen_forandring", "besok", "Samtal om motivation och nästa steg. Ingen vidare kontakt önskas."),
    ("radgivande-samtal", "vagar_till_stod", "telefon", "Återkommer vid behov."),
    ("radgivande-samtal", "alkohol", "telefon", "Ringde tillbaka efter missat samtal, 5 min."),
    ("radgivande-samtal", "som_anhorig", "telefon", "Råd till anhörig om medberoende."),
    ("radgivande-samtal", "som_anhorig", "besok", "Fick broschyr om stöd för anhöriga."),
    ("radgivande-samtal", "alkohol", "telefon", "Samtal om hur man kan minska sitt drickande, dagbok föreslogs."),
    ("radgivande-samtal", "alkohol", "telefon", "Uppföljning efter 3 veckor, telefon."),
    ("radgivande-samtal", "spel", "telefon", "Råd om spel, 25 min, telefon."),
    ("radgivande-samtal", "vagar_till_stod", "telefon", "Tid bokad 3/12 kl 9.00."),
    ("radgivande-samtal", "spel", "telefon", "Stödlinjen för spel rekommenderades."),
    ("radgivande-samtal", "vagar_till_stod", "telefon", "Samtal på engelska med tolk via telefon."),
    ("radgivande-samtal", "egen_forandring", "digitalt", "Per e-post skickades information om stödet."),
    ("radgivande-samtal", "alkohol", "telefon", "Nästa träff 2026-12-10 kl 9.05, 30 min."),
]  # fmt: skip
