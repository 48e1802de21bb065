"""Every support-line number, pinned as a literal copied from shared/facts/helplines.md.

A wrong number in a mental-health tool is the worst bug it can have. These
literals are deliberately duplicated here (not read from shared/) so the suite
fails if anyone edits a digit in data/interventions.yaml, and still runs in a
clone that has no ../shared. Routes to a professional (region resources) are
pinned too, from shared/facts/specialists.md.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import load_yaml
from therapick.kb import loader as kbmod

KB_PATH = Path(__file__).resolve().parents[1] / "data" / "interventions.yaml"


@pytest.fixture(scope="module")
def kb():  # type: ignore[no-untyped-def]
    return kbmod.load(KB_PATH)


# region -> emergency number
EMERGENCY = {
    "US": "911",
    "CA": "911",
    "GB": "999",
    "IE": "112",
    "AU": "000",
    "NZ": "111",  # helplines.md, December 2026: govt.nz, NZ Police
    "ES": "112",  # helplines.md, December 2026: the European Commission
    "other": "the local emergency number",
}
EMERGENCY_NOTE = {"GB": "112 also works", "IE": "999 also works"}

# line id -> (region, name, [(method, value)], contact text, source URL, checked)
LINES = {
    "us-988": (
        "US",
        "988 Suicide & Crisis Lifeline",
        [("call", "988"), ("text", "988"), ("chat", "988lifeline.org"), ("text", "988")],
        "call or text 988; chat at 988lifeline.org; press 1 for the Veterans Crisis Line, press 2 for Spanish; "
        "text AYUDA to 988 in Spanish",
        "https://988lifeline.org",
        "2026-11-26",
    ),
    "us-samhsa": (
        "US",
        "SAMHSA National Helpline",
        [("call", "1-800-662-4357"), ("tty", "1-800-487-4889")],
        "call 1-800-662-4357 (1-800-662-HELP); TTY 1-800-487-4889",
        "https://www.samhsa.gov/find-help/national-helpline",
        "2026-11",
    ),
    "us-dv": (
        "US",
        "National Domestic Violence Hotline",
        [("call", "1-800-799-7233"), ("tty", "1-800-787-3224"), ("text", "88788")],
        "call 1-800-799-7233 (1-800-799-SAFE); TTY 1-800-787-3224; text START to 88788",
        "https://www.thehotline.org",
        "2026-11",
    ),
    "us-crisis-text": (
        "US",
        "Crisis Text Line",
        [("text", "741741")],
        "text HOME to 741741",
        "https://www.crisistextline.org",
        "2026-11",
    ),
    "us-rainn": (
        "US",
        "RAINN National Sexual Assault Hotline",
        [("call", "1-800-656-4673"), ("chat", "rainn.org")],
        "call 1-800-656-4673 (1-800-656-HOPE); chat at rainn.org",
        "https://www.rainn.org/get-help/national-sexual-assault-hotline",
        "2026-11",
    ),
    "us-childhelp": (
        "US",
        "Childhelp National Child Abuse Hotline",
        [("call", "1-800-422-4453"), ("text", "1-800-422-4453")],
        "call or text 1-800-422-4453 (1-800-4-A-CHILD)",
        "https://www.childhelphotline.org",
        "2026-11",
    ),
    "us-veterans": (
        "US",
        "Veterans Crisis Line",
        [("call", "988"), ("text", "838255")],
        "dial 988 then press 1; text 838255",
        "https://www.veteranscrisisline.net",
        "2026-11",
    ),
    "us-trevor": (
        "US",
        "The Trevor Project",
        [("call", "1-866-488-7386")],
        "call 1-866-488-7386",
        "https://www.thetrevorproject.org",
        "2026-11",
    ),
    "us-findtreatment": (
        "US",
        "FindTreatment.gov",
        [("web", "findtreatment.gov")],
        "website findtreatment.gov",
        "https://findtreatment.gov",
        "2026-11",
    ),
    "ca-988": (
        "CA",
        "9-8-8 Suicide Crisis Helpline",
        [("call", "988"), ("text", "988")],
        "call or text 988",
        "https://988.ca",
        "2026-11",
    ),
    "ca-kids-help-phone": (
        "CA",
        "Kids Help Phone",
        [("call", "1-800-668-6868"), ("text", "686868")],
        "call 1-800-668-6868; text CONNECT to 686868",
        "https://kidshelpphone.ca",
        "2026-11-26",
    ),
    "ca-hope-for-wellness": (
        "CA",
        "Hope for Wellness Help Line",
        [("call", "1-855-242-3310")],
        "call 1-855-242-3310",
        "https://www.hopeforwellness.ca",
        "2026-11-26",
    ),
    "gb-samaritans": (
        "GB",
        "Samaritans",
        [("call", "116 123"), ("email", "jo@samaritans.org")],
        "call 116 123 (free); email jo@samaritans.org",
        "https://www.samaritans.org",
        "2026-11",
    ),
    "gb-shout": ("GB", "Shout", [("text", "85258")], "text SHOUT to 85258", "https://giveusashout.org", "2026-11"),
    "gb-nhs-111": (
        "GB",
        "NHS 111, mental health option",
        [("call", "111")],
        "call 111 and choose the mental health option",
        "https://www.nhs.uk",
        "2026-11-26",
    ),
    "gb-refuge": (
        "GB",
        "National Domestic Abuse Helpline (Refuge)",
        [("call", "0808 2000 247")],
        "call 0808 2000 247",
        "https://www.nationaldahelpline.org.uk",
        "2026-11-26",
    ),
    "gb-childline": (
        "GB",
        "Childline",
        [("call", "0800 1111"), ("chat", "childline.org.uk")],
        "call 0800 1111; online chat and email at childline.org.uk",
        "https://www.childline.org.uk",
        "2026-11-26",
    ),
    "gb-nspcc": (
        "GB",
        "NSPCC Helpline",
        [("call", "0808 800 5000"), ("email", "help@nspcc.org.uk")],
        "call 0808 800 5000; email help@nspcc.org.uk",
        "https://www.nspcc.org.uk",
        "2026-11-26",
    ),
    "gb-frank": (
        "GB",
        "FRANK",
        [("call", "0300 123 6600"), ("text", "82111")],
        "call 0300 123 6600; text 82111",
        "https://www.talktofrank.com",
        "2026-11-26",
    ),
    "ie-samaritans": (
        "IE",
        "Samaritans Ireland",
        [("call", "116 123")],
        "call 116 123 (free)",
        "https://www.samaritans.org/ireland",
        "2026-11",
    ),
    "ie-50808": ("IE", "50808", [("text", "50808")], "text HELLO to 50808", "https://text50808.ie", "2026-11-26"),
    "ie-womens-aid": (
        "IE",
        "Women's Aid National Freephone Helpline",
        [("call", "1800 341 900")],
        "call 1800 341 900",
        "https://www.womensaid.ie",
        "2026-11-26",
    ),
    "ie-rape-crisis": (
        "IE",
        "National Rape Crisis Helpline (Dublin Rape Crisis Centre)",
        [("call", "1800 77 88 88")],
        "call 1800 77 88 88",
        "https://www.drcc.ie",
        "2026-11-26",
    ),
    "ie-childline": (
        "IE",
        "Childline (ISPCC)",
        [("call", "1800 66 66 66")],
        "call 1800 66 66 66",
        "https://www.childline.ie",
        "2026-11-26",
    ),
    "ie-drugs": (
        "IE",
        "HSE Drugs and Alcohol Helpline",
        [("call", "1800 459 459")],
        "call 1800 459 459",
        "https://www.drugs.ie",
        "2026-11-26",
    ),
    "ie-yourmentalhealth": (
        "IE",
        "YourMentalHealth Information Line (HSE)",
        [("call", "1800 111 888")],
        "call 1800 111 888",
        "https://www.yourmentalhealth.ie",
        "2026-11-26",
    ),
    "au-lifeline": (
        "AU",
        "Lifeline",
        [("call", "13 11 14"), ("text", "0477 13 11 14")],
        "call 13 11 14; text 0477 13 11 14",
        "https://www.lifeline.org.au",
        "2026-11",
    ),
    "au-1800respect": (
        "AU",
        "1800RESPECT",
        [("call", "1800 737 732"), ("text", "0458 737 732")],
        "call 1800 737 732; text 0458 737 732",
        "https://www.1800respect.org.au",
        "2026-11-26",
    ),
    "au-kids-helpline": (
        "AU",
        "Kids Helpline",
        [("call", "1800 55 1800"), ("chat", "kidshelpline.com.au")],
        "call 1800 55 1800; webchat at kidshelpline.com.au",
        "https://kidshelpline.com.au",
        "2026-11-26",
    ),
    "au-alcohol-drug": (
        "AU",
        "National Alcohol and Other Drug Hotline",
        [("call", "1800 250 015")],
        "call 1800 250 015",
        "https://www.health.gov.au",
        "2026-11-26",
    ),
    "au-beyond-blue": (
        "AU",
        "Beyond Blue",
        [("call", "1300 22 4636"), ("chat", "beyondblue.org.au")],
        "call 1300 22 4636; webchat at beyondblue.org.au",
        "https://www.beyondblue.org.au",
        "2026-11-26",
    ),
    "au-13yarn": ("AU", "13YARN", [("call", "13 92 76")], "call 13 92 76", "https://www.13yarn.org.au", "2026-11-26"),
    # New Zealand and Spain: helplines.md, "More regions, checked December 2026".
    "nz-1737": (
        "NZ",
        "1737, Need to talk?",
        [("call", "1737"), ("text", "1737")],
        "call or text 1737",
        "https://www.pegasus.health.nz/?p=6300",
        "2026-12",
    ),
    "nz-lifeline-text": (
        "NZ",
        "Lifeline Aotearoa text line",
        [("text", "4357")],
        "text 4357 (HELP)",
        "https://www.scoop.co.nz/stories/GE1803/S00053/lifeline-expands-to-offer-text-support-for-those-in-distress.htm",
        "2026-12",
    ),
    "nz-womens-refuge": (
        "NZ",
        "Women's Refuge crisis line",
        [("call", "0800 733 843"), ("chat", "womensrefuge.org.nz")],
        "call 0800 733 843 (0800 REFUGE); chat at womensrefuge.org.nz",
        "https://womensrefuge.org.nz/get-help/",
        "2026-12",
    ),
    "nz-alcohol-drug": (
        "NZ",
        "Alcohol Drug Helpline",
        [("call", "0800 787 797"), ("text", "8681"), ("call", "0800 787 798"), ("call", "0800 787 799")],
        "call 0800 787 797; text 8681; call 0800 787 798 (Māori Line); call 0800 787 799 (Pasifika Line)",
        "https://manaake.health.nz/supporting-your-child/maintaining-positive-family-relationships/drugs-alcohol-and-gambling/",
        "2026-12",
    ),
    "nz-gambling": (
        "NZ",
        "Gambling Helpline",
        [("call", "0800 654 655"), ("text", "8006")],
        "call 0800 654 655; text 8006",
        "https://manaake.health.nz/supporting-your-child/maintaining-positive-family-relationships/drugs-alcohol-and-gambling/",
        "2026-12",
    ),
    "nz-youthline": (
        "NZ",
        "Youthline",
        [("call", "0800 37 66 33"), ("text", "234")],
        "call 0800 37 66 33; text 234 (free text)",
        "http://youthaffairs.govt.nz/news/2012/youthline.html",
        "2026-12",
    ),
    "es-024": (
        "ES",
        "024, Línea de atención a la conducta suicida",
        [("call", "024")],
        "call 024",
        "https://mirror.mscbs.gob.es/en/gabinete/notasPrensa.do?id=5886",
        "2026-12",
    ),
    "es-016": (
        "ES",
        "016",
        [("call", "016"), ("tty", "900 116 016"), ("email", "016-online@igualdad.gob.es"), ("whatsapp", "600 000 016")],
        "call 016; TTY 900 116 016 (for deaf or speech-impaired callers); email 016-online@igualdad.gob.es; "
        "WhatsApp 600 000 016 (messages only, no calls)",
        "https://mugardos.gal/a-delegacion-do-goberno-contra-a-violencia-de-xenero-informa/",
        "2026-12",
    ),
    "es-anar": (
        "ES",
        "Teléfono ANAR de Ayuda a Niños y Adolescentes",
        [("call", "900 20 20 10")],
        "call 900 20 20 10",
        "http://www.injuve.es/noticia/telefono-anar-de-ayuda-a-ninos-y-adolescentes",
        "2026-12",
    ),
    "es-anar-chat": (
        "ES",
        "Chat ANAR",
        [("chat", "anar.org")],
        "chat at anar.org",
        "https://anar.org/?p=5682",
        "2026-12",
    ),
    "es-anar-adults": (
        "ES",
        "Teléfono ANAR del Adulto y la Familia",
        [("call", "600 50 51 52")],
        "call 600 50 51 52",
        "http://www.injuve.es/noticia/telefono-anar-de-ayuda-a-ninos-y-adolescentes",
        "2026-12",
    ),
    "other-findahelpline": (
        "other",
        "Find A Helpline",
        [("web", "findahelpline.com")],
        "website findahelpline.com",
        "https://findahelpline.com",
        "2026-11",
    ),
}

# line id -> its hours and cost as shown: the facts' hours and cost columns, and only what the row
# confirms (helplines.md: "Say 'free' only where the row says so"; a partly confirmed row, only
# its confirmed parts)
HOURS = {
    "us-988": "24/7, free",
    "us-samhsa": "24/7, 365 days a year, free and confidential",
    "us-dv": "24/7",
    "us-crisis-text": "24/7",
    "us-rainn": "24/7",
    "us-childhelp": "24/7",
    "us-veterans": "24/7",
    "us-trevor": "24/7",
    "us-findtreatment": "online",
    "ca-988": "24/7 (since 30 November 2023)",
    "ca-kids-help-phone": "24/7, free",
    "ca-hope-for-wellness": "24/7, toll-free",
    "gb-samaritans": "24/7",
    "gb-shout": "24/7, free",
    "gb-nhs-111": "24/7, free",
    "gb-refuge": "24/7, free",
    "gb-childline": "24 hours, free",
    "gb-nspcc": "see the NSPCC site for opening hours; free from landlines and most mobiles",
    "gb-frank": "phone line open 24/7; calls are charged as a normal call",
    "ie-samaritans": "24/7",
    "ie-50808": "24/7",
    "ie-womens-aid": "24/7, freephone",
    "ie-rape-crisis": "24 hours, freephone",
    "ie-childline": "24/7, free",
    "ie-drugs": "see drugs.ie for opening hours; free",
    "ie-yourmentalhealth": "24 hours, freephone",
    "au-lifeline": "24/7",
    "au-1800respect": "24/7, free",
    "au-kids-helpline": "24/7, free",
    "au-alcohol-drug": "see health.gov.au for opening hours; free",
    "au-beyond-blue": "24/7, free",
    "au-13yarn": "24/7, free",
    "nz-1737": "24/7, free from any landline or mobile",
    "nz-lifeline-text": "24/7; cost not confirmed",  # partly confirmed: text number and 24/7 only
    "nz-womens-refuge": "24/7, freephone",
    "nz-alcohol-drug": "24/7, free and confidential",
    "nz-gambling": "hours and cost not confirmed",
    "nz-youthline": "24/7, free",
    "es-024": "hours and cost not confirmed",
    "es-016": "hours and cost not confirmed",
    "es-anar": "24 hours, every day; free and confidential",
    "es-anar-chat": "hours not confirmed; free, confidential and anonymous",
    "es-anar-adults": "hours and cost not confirmed",
    "other-findahelpline": "online",
}

# line id -> keyword of every text contact that has one
KEYWORDS = {
    "us-988": "AYUDA",
    "us-dv": "START",
    "us-crisis-text": "HOME",
    "gb-shout": "SHOUT",
    "ie-50808": "HELLO",
    "ca-kids-help-phone": "CONNECT",
}
LETTERS = {
    "us-samhsa": "1-800-662-HELP",
    "us-dv": "1-800-799-SAFE",
    "us-rainn": "1-800-656-HOPE",
    "us-childhelp": "1-800-4-A-CHILD",
    "nz-womens-refuge": "0800 REFUGE",
}
CRISIS = {
    "us-988",
    "us-crisis-text",
    "ca-988",
    "gb-samaritans",
    "gb-shout",
    "gb-nhs-111",
    "ie-samaritans",
    "ie-50808",
    "au-lifeline",
    "nz-1737",
    "nz-lifeline-text",
    "es-024",
    "other-findahelpline",
}
YOUNG = {
    "gb-childline",
    "ie-childline",
    "au-kids-helpline",
    "ca-kids-help-phone",
    "nz-youthline",
    "es-anar",
    "es-anar-chat",
}
AREA = {"gb-nhs-111": "England"}
# Lines the facts say refer or connect people to treatment (helplines.md): SAMHSA "treatment referral
# and information ... a referral line"; FindTreatment.gov "SAMHSA's locator of treatment facilities";
# the AU hotline "connects to the state service". FRANK ("information and advice"), the HSE line and
# the NZ Alcohol Drug Helpline are given no referral: they are never said to point to treatment.
REFERS_TO_TREATMENT = {"us-samhsa", "us-findtreatment", "au-alcohol-drug"}
GROUPS = {
    "us-veterans": ["veteran"],
    "us-trevor": ["lgbtq-young"],
    "au-13yarn": ["indigenous"],
    "ca-hope-for-wellness": ["indigenous"],
}

# region -> resource id -> (name, url or None, text that must appear in the note, area or None)
RESOURCES = {
    "US": {
        "us-nami": ("National Alliance on Mental Illness (NAMI)", "https://www.nami.org", "", None),
        "us-mha": ("Mental Health America (MHA)", "https://mhanational.org", "", None),
        "us-findtreatment": ("FindTreatment.gov", "https://findtreatment.gov", "SAMHSA", None),
        "us-988-local": ("988 Suicide & Crisis Lifeline", "https://988lifeline.org", "local services", None),
    },
    "CA": {
        "ca-211": ("211", "https://211.ca", "150", None),
        "ca-811": ("811", None, "varies", None),
        "ca-cpa": (
            "Canadian Psychological Association, and provincial psychologists' associations",
            "https://cpa.ca",
            "",
            None,
        ),
    },
    "GB": {
        "gb-talking-therapies": (
            "NHS Talking Therapies, for anxiety and depression",
            "https://www.england.nhs.uk/mental-health/adults/nhs-talking-therapies/",
            "refer yourself",
            "England",
        ),
        "gb-gp": ("Your GP", None, "GP", "Scotland, Wales and Northern Ireland"),
        "gb-bacp": (
            "BACP Register and Find a Therapist",
            "https://www.bacp.co.uk/about-therapy/how-to-find-a-therapist/",
            "Professional Standards Authority",
            None,
        ),
        "gb-ukcp": ("UKCP Register and Find a Therapist", "https://www.psychotherapy.org.uk", "", None),
    },
    "IE": {
        "ie-gp": ("Your GP", None, "HSE", None),
        "ie-counselling-primary-care": (
            "HSE Counselling in Primary Care",
            "https://www.yourmentalhealth.ie",
            "Up to 8",
            None,
        ),
        "ie-yourmentalhealth": (
            "YourMentalHealth Information Line (HSE)",
            "https://www.yourmentalhealth.ie",
            "1800 111 888",
            None,
        ),
        "ie-psi": ("PSI Chartered Psychologist Online Directory", "https://www.psychologicalsociety.ie", "", None),
    },
    "AU": {
        "au-better-access": (
            "Your GP and a mental health treatment plan (Better Access)",
            "https://www.servicesaustralia.gov.au/mental-health-care-and-medicare",
            "up to 10 sessions",
            None,
        ),
        "au-medicare-mental-health": (
            "Medicare Mental Health (formerly Head to Health)",
            "https://www.headtohealth.gov.au",
            "1800 595 212",
            None,
        ),
        "au-healthdirect": (
            "healthdirect, Australian mental health services",
            "https://www.healthdirect.gov.au/australian-mental-health-services",
            "",
            None,
        ),
    },
    # specialists.md, "More regions, checked December 2026".
    "NZ": {
        "nz-access-and-choice": (
            "Your general practice (GP) and Access and Choice",
            "https://wellbeingsupport.health.nz/about-access-and-choice",
            "Health Improvement Practitioner",
            None,
        ),
        "nz-1737-counselling": (
            "1737, Need to talk?",
            "https://www.pegasus.health.nz/?p=6300",
            "Free counselling",
            None,
        ),
        "nz-crisis-team": (
            "In a serious crisis",
            "http://health.nzdf.mil.nz/mind/take-action/who-to-contact/",
            "crisis assessment team",
            None,
        ),
        "nz-psychologists-board": (
            "New Zealand Psychologists Board register",
            "http://www.psychologistsboard.org.nz/",
            "Health Practitioners Competence Assurance Act 2003",
            None,
        ),
    },
    "ES": {
        "es-sns": (
            "The public health system (SNS)",
            "https://issuu.com./colegiooficialpsicologosmadrid/docs/informe_sermas_definitivo_con_qr/6",
            "Real Decreto 1030/2006",
            None,
        ),
        "es-colegio": ("Your regional Colegio Oficial de Psicólogos", None, "colegiado", None),
        "es-consejo": (
            "Consejo General de la Psicología",
            "https://www.cop.es/index.php?page=consejo",
            "Ley 7/2005",
            None,
        ),
    },
    "other": {
        "other-helpline-directory": ("Find A Helpline", "https://findahelpline.com", "130", None),
    },
}


def all_lines(kb):  # type: ignore[no-untyped-def]
    return {line.id: (region, line) for region in kb.regions for line in region.lines}


def region_text(region) -> str:  # type: ignore[no-untyped-def]
    """Every piece of text a person can see for a region's lines and routes."""
    parts: list[str] = []
    for line in region.lines:
        parts += [line.name, line.contact_text or "", line.contact_words(), line.purpose, line.hours, line.url]
        parts += [c.value for c in line.contact]
    for r in region.resources:
        parts += [r.name, r.note, r.url or ""]
    for g in region.gaps:
        parts.append(g.text)
    return "\n".join(parts)


def test_exactly_these_lines(kb) -> None:  # type: ignore[no-untyped-def]
    assert set(all_lines(kb)) == set(LINES)


@pytest.mark.parametrize("line_id", sorted(LINES))
def test_line_is_exact(kb, line_id: str) -> None:  # type: ignore[no-untyped-def]
    region_id, name, contacts, text, source, checked = LINES[line_id]
    region, line = all_lines(kb)[line_id]
    assert region.id == region_id
    assert line.name == name
    assert [(c.method, c.value) for c in line.contact] == contacts
    assert line.contact_text == text
    assert line.url == source
    assert line.checked == checked, "every line carries the date it was checked"
    assert line.hours == HOURS[line_id]
    texts = [c for c in line.contact if c.method == "text" and c.keyword]
    if line_id in KEYWORDS:
        assert texts and all(c.keyword == KEYWORDS[line_id] for c in texts)
    else:
        assert not texts
    for c in line.contact:
        if c.method == "call":
            assert c.as_letters == LETTERS.get(line_id)
    assert line.crisis == (line_id in CRISIS)
    assert line.young == (line_id in YOUNG)
    assert line.area == AREA.get(line_id)
    assert line.refers_to_treatment == (line_id in REFERS_TO_TREATMENT)
    assert list(line.show_for.groups) == GROUPS.get(line_id, [])


def test_50808_keyword_is_hello(kb) -> None:  # type: ignore[no-untyped-def]
    # Correction 2026-11-26: HELLO (Citizens Information, Department of Health 2023), not TALK.
    _, line = all_lines(kb)["ie-50808"]
    assert "TALK" not in line.contact_text and "TALK" not in line.contact_words()
    assert "text HELLO to 50808" in line.contact_words()
    assert line.checked == "2026-11-26"


@pytest.mark.parametrize("region_id", sorted(EMERGENCY))
def test_emergency_numbers(kb, region_id: str) -> None:  # type: ignore[no-untyped-def]
    region = kb.regions_by_id[region_id]
    assert region.emergency == EMERGENCY[region_id]
    assert region.emergency_note == EMERGENCY_NOTE.get(region_id)
    assert any(line.crisis for line in region.lines), "every region has at least one crisis line"


@pytest.mark.parametrize("region_id", sorted(RESOURCES))
def test_region_resources_are_exact(kb, region_id: str) -> None:  # type: ignore[no-untyped-def]
    region = kb.regions_by_id[region_id]
    want = RESOURCES[region_id]
    assert [r.id for r in region.resources] == list(want)
    for r in region.resources:
        name, url, note_has, area = want[r.id]
        assert r.name == name
        assert r.url == url
        assert note_has in r.note
        assert r.area == area


def test_top_level_resources_hold_everywhere(kb) -> None:  # type: ignore[no-untyped-def]
    assert [r.id for r in kb.resources] == ["local", "online"]
    online = next(r for r in kb.resources if r.id == "online")
    assert "paid commercial" in online.note
    assert "licensed where you live" in online.note


def test_canada_gaps_point_to_211(kb) -> None:  # type: ignore[no-untyped-def]
    # helplines.md: no national domestic-abuse, substance-use or sexual-violence line in Canada;
    # such lines are provincial, and 211 finds the local one.
    ca = kb.regions_by_id["CA"]
    covered = {c for g in ca.gaps for c in g.concerns}
    assert {"abuse", "substance-use"} <= covered
    for g in ca.gaps:
        assert "211" in g.text, g.text
        if {"abuse", "substance-use"} & set(g.concerns):
            assert "province" in g.text and "no national" in g.text, g.text


def test_988_press_3_is_not_listed(kb_text: str) -> None:
    # The 988 LGBTQ+ youth option ("press 3") ended on 17 July 2025.
    assert "press 3" not in kb_text


def test_left_out_lines_are_not_listed(kb_text: str) -> None:
    # helplines.md: not confirmed, leave out.
    for name in (
        "Switchboard",
        "Men's Advice Line",
        "Men's Aid",
        "LGBT Ireland",
        "MensLine",
        "QLife",
        "Rape Crisis England",
    ):
        assert name not in kb_text, name


def test_digits_in_contact_text_match_contact_values(kb) -> None:  # type: ignore[no-untyped-def]
    for _, line in all_lines(kb).values():
        for c in line.contact:
            assert c.value in line.contact_text, (line.id, c.value)
            if c.keyword:
                assert c.keyword in line.contact_text, (line.id, c.keyword)


# Lines whose cost the facts do not confirm (helplines.md: the cost column "not confirmed", or a
# "partly confirmed" row whose confirmed parts leave the cost out, as Lifeline Aotearoa's text line).
COST_NOT_CONFIRMED = {"nz-lifeline-text", "nz-gambling", "es-024", "es-016", "es-anar-adults"}


@pytest.mark.parametrize("line_id", sorted(COST_NOT_CONFIRMED))
def test_a_cost_not_confirmed_is_said_so_and_never_free(kb, line_id: str) -> None:  # type: ignore[no-untyped-def]
    _, line = all_lines(kb)[line_id]
    text = " ".join([line.purpose, line.hours, line.contact_words()] + [c.note or "" for c in line.contact])
    assert "free" not in text.lower(), line_id
    assert "cost not confirmed" in line.hours, line_id


def test_frank_does_not_say_free(kb) -> None:  # type: ignore[no-untyped-def]
    # FRANK is charged as a normal call.
    _, line = all_lines(kb)["gb-frank"]
    text = " ".join(
        [line.name, line.contact_text or "", line.contact_words(), line.purpose, line.hours]
        + [c.note or "" for c in line.contact]
    )
    assert "free" not in text.lower()
    assert "charged as a normal call" in line.hours


# US routes and numbers that must never be shown outside the US (988 is also Canada's).
US_ONLY = (
    "NAMI",
    "nami.org",
    "Mental Health America",
    "mhanational.org",
    "FindTreatment",
    "findtreatment.gov",
    "SAMHSA",
    "988lifeline.org",
    "1-800-",
    "1-866-",
    "741741",
    "838255",
    "88788",
)


def test_no_us_route_outside_the_us(kb) -> None:  # type: ignore[no-untyped-def]
    us = kb.regions_by_id["US"]
    us_numbers = {c.value for line in us.lines for c in line.contact if c.method in ("call", "text", "tty")}
    for region in kb.regions:
        if region.id == "US":
            continue
        text = region_text(region)
        for number in sorted(us_numbers):
            if number == "988" and region.id == "CA":
                continue
            assert not re.search(rf"(?<![\d-]){re.escape(number)}(?![\d-])", text), (region.id, number)
        for route in US_ONLY:
            if route == "1-800-" and region.id == "CA":
                # Canada's own toll-free numbers share the prefix; US ones are caught above.
                continue
            assert route.lower() not in text.lower(), (region.id, route)


def test_988_shown_words_keep_its_options(kb) -> None:  # type: ignore[no-untyped-def]
    # helplines.md: "press 1 for the Veterans Crisis Line, press 2 for Spanish". The words a
    # person sees are made from the structured contact, so the options must live there.
    _, line = all_lines(kb)["us-988"]
    words = line.contact_words()
    assert "press 1 for the Veterans Crisis Line" in words and "press 2 for Spanish" in words
    assert "text AYUDA to 988" in words


def test_every_number_in_free_text_is_a_pinned_contact() -> None:
    """A number written in prose (a gap note, a resource, a Spanish text) must be one of the
    structured contact values pinned above, digit for digit: no second, unpinned copy."""
    import re
    from pathlib import Path

    from therapick.kb import loader as kbmod
    from therapick.kb import translate

    root = Path(__file__).resolve().parents[1] / "data"
    knowledge = kbmod.load(root / "interventions.yaml")
    contacts = {re.sub(r"\D", "", c.value) for r in knowledge.regions for line in r.lines for c in line.contact}
    contacts |= {"1800595212"}  # Medicare Mental Health's phone line, pinned in test_regions.py and above
    phone = re.compile(r"(?<![\w/.-])\d[\d -]{3,}\d(?![\w/])")
    texts = [s for _, s in translate.texts_of(load_yaml((root / "interventions.yaml").read_text()))]
    spanish = load_yaml((root / "interventions.es.yaml").read_text())
    texts += list(spanish["texts"].values()) + list(spanish.get("help_in_language", {}).values())
    found = {m.group() for text in texts for m in phone.finditer(text)}
    digits = {re.sub(r"\D", "", n) for n in found}
    years = {d for d in digits if len(d) == 4 and d.startswith(("19", "20"))}
    ranges = {n for n in found if re.fullmatch(r"\d{1,4}-\d{1,4}", n)}  # ages 13-17, pages 217-238
    names = {"5-4-3-2-1"}  # the grounding practice's own name (practices.md P9), not a number to dial
    unknown = sorted(n for n in found - ranges - names if re.sub(r"\D", "", n) not in contacts | years)
    assert not unknown, unknown
