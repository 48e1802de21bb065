"""Every web address in the bundled knowledge base, pinned as a literal copied from shared/facts/.

A link is printed for a person to follow and check a number or a rating against, so it is the page
exactly as the facts give it: an http address stays http (some pages are known only so), and a
stray character the facts carry stays too (``issuu.com.``). Nothing is rewritten into a form nobody
checked. The literals are copied here (not read from shared/) so the suite runs in a clone without
it and fails if a link in data/*.yaml changes by one character.
"""

from __future__ import annotations

import re
from typing import Any

import msgspec
import pytest

from therapick.kb import loader

# Copied verbatim from the facts file named above each group (a URL is listed under the first file,
# in alphabetical order, that gives it).
PAGES = {
    # helplines.md
    "http://emergencias911.mseg.gba.gov.ar/preguntas",
    "http://www.injuve.es/noticia/telefono-anar-de-ayuda-a-ninos-y-adolescentes",
    "http://youthaffairs.govt.nz/news/2012/youthline.html",
    "https://988.ca",
    "https://988lifeline.org",
    "https://anar.org/?p=5682",
    "https://digital-strategy.ec.europa.eu/es/policies/112",
    "https://findahelpline.com",
    "https://findtreatment.gov",
    "https://giveusashout.org",
    "https://kidshelpline.com.au",
    "https://kidshelpphone.ca",
    "https://manaake.health.nz/supporting-your-child/maintaining-positive-family-relationships/drugs-"
    "alcohol-and-gambling/",
    "https://mhanational.org",
    "https://mirror.mscbs.gob.es/en/gabinete/notasPrensa.do?id=5886",
    "https://mugardos.gal/a-delegacion-do-goberno-contra-a-violencia-de-xenero-informa/",
    "https://stg.chile.travel/pt-br/dicas-uteis/precaucoes-de-seguranca",
    "https://text50808.ie",
    "https://womensrefuge.org.nz/get-help/",
    "https://www.13yarn.org.au",
    "https://www.1800respect.org.au",
    "https://www.beyondblue.org.au",
    "https://www.childhelphotline.org",
    "https://www.childline.ie",
    "https://www.childline.org.uk",
    "https://www.crisistextline.org",
    "https://www.drcc.ie",
    "https://www.drugs.ie",
    "https://www.gob.mx/policiafederal/articulos/088-911-responder-ante-cualquier-llamado?idiom=es",
    "https://www.govt.nz/browse/crime-and-justice/crimes-and-emergencies/111-emergency-service/",
    "https://www.health.gov.au",
    "https://www.hopeforwellness.ca",
    "https://www.lifeline.org.au",
    "https://www.nami.org",
    "https://www.nationaldahelpline.org.uk",
    "https://www.nhs.uk",
    "https://www.nspcc.org.uk",
    "https://www.pegasus.health.nz/?p=6300",
    "https://www.policia.gov.co/noticia/telefono-que-escucha-voces-ninos",
    "https://www.rainn.org/get-help/national-sexual-assault-hotline",
    "https://www.samaritans.org",
    "https://www.samaritans.org/ireland",
    "https://www.samhsa.gov/find-help/national-helpline",
    "https://www.scoop.co.nz/stories/GE1803/S00053/lifeline-expands-to-offer-text-support-for-those-in-distress.htm",
    "https://www.talktofrank.com",
    "https://www.thehotline.org",
    "https://www.thetrevorproject.org",
    "https://www.veteranscrisisline.net",
    "https://www.womensaid.ie",
    "https://www.yourmentalhealth.ie",
    # guidelines.md
    "http://gradpsych.apags.org/about/offices/directorates/guidelines/ptsd.aspx",
    "https://nice.org.uk/guidance/QS133/chapter/quality-statement-3-video-feedback-programmes",
    "https://www.nice.org.uk/guidance/CG51/chapter/recommendations",
    "https://www.nice.org.uk/guidance/cg113/chapter/Recommendations",
    "https://www.nice.org.uk/guidance/cg115/chapter/1-Recommendations",
    "https://www.nice.org.uk/guidance/cg158/chapter/1-Recommendations",
    "https://www.nice.org.uk/guidance/cg159/chapter/1-Recommendations",
    "https://www.nice.org.uk/guidance/cg78/chapter/1-Guidance",
    "https://www.nice.org.uk/guidance/ng116/chapter/Recommendations",
    "https://www.nice.org.uk/guidance/ng134/chapter/Recommendations",
    "https://www.nice.org.uk/guidance/ng222/chapter/Recommendations",
    "https://www.nice.org.uk/guidance/ng225/chapter/Recommendations",
    "https://www.nice.org.uk/researchrecommendation/evaluation-of-extensively-used-interventions-"
    "evaluate-currently-unevaluated-but-extensively-used-interventions-for-attachment-difficulties",
    # specialists.md
    "http://health.nzdf.mil.nz/mind/take-action/who-to-contact/",
    "http://www.psychologistsboard.org.nz/",
    "https://211.ca",
    "https://atcb.org",
    "https://cpa.ca",
    "https://dbt-lbc.org",
    "https://issuu.com./colegiooficialpsicologosmadrid/docs/informe_sermas_definitivo_con_qr/6",
    "https://tfcbt.org",
    "https://wellbeingsupport.health.nz/about-access-and-choice",
    "https://www.a4pt.org",
    "https://www.abcintervention.org",
    "https://www.aft.org.uk",
    "https://www.baat.org",
    "https://www.bacp.co.uk/about-therapy/how-to-find-a-therapist/",
    "https://www.cop.es/index.php?page=consejo",
    "https://www.england.nhs.uk/mental-health/adults/nhs-talking-therapies/",
    "https://www.hcpc-uk.org",
    "https://www.headtohealth.gov.au",
    "https://www.healthdirect.gov.au/australian-mental-health-services",
    "https://www.pcit.org/for-parents",
    "https://www.psychologicalsociety.ie",
    "https://www.psychotherapy.org.uk",
    "https://www.servicesaustralia.gov.au/mental-health-care-and-medicare",
    "https://www.therapistlocator.net",
    # evidence.md
    "https://div12.org/psychological-treatments/treatments/dialectical-behavior-therapy-for-borderline-"
    "personality-disorder",
    "https://div12.org/treatment/cognitive-behavioral-therapy-for-panic-disorder",
    "https://div12.org/treatment/cognitive-therapy-for-depression/",
    "https://div12.org/treatment/motivational-interviewing-motivational-enhancement-therapy-met-plus-cbt-"
    "for-mixed-substance-abuse-dependence/",
    "https://doi.org/10.1002/14651858.CD004492.pub4",
    "https://doi.org/10.1016/j.ctim.2013.12.016",
    "https://doi.org/10.2196/jmir.7583",
    "https://pmc.ncbi.nlm.nih.gov/articles/PMC3091167/",
    "https://preventionservices.acf.hhs.gov/programs/258/show",
    "https://preventionservices.acf.hhs.gov/programs/363/show",
    "https://preventionservices.acf.hhs.gov/programs/590/show",
    "https://preventionservices.acf.hhs.gov/programs/733/show",
    "https://preventionservices.acf.hhs.gov/programs/734/show",
    "https://www.cebc4cw.org/implementation/attachment-and-biobehavioral-catch-up/",
    "https://www.cebc4cw.org/implementation/child-centered-play-therapy-ccpt/",
    "https://www.cebc4cw.org/implementation/parent-child-interaction-therapy/",
    "https://www.div12.org/treatment/behavioral-activation-for-depression/",
    # practices.md
    "https://getselfhelp.co.uk/stopp.htm",
    "https://rethinkyourmind.co.uk/the-lpt-nhs-yellow-book-2017-18/inc/html/49.html",
    "https://view.genial.ly/64d8df5917f56200193138d0/interactive-content-catch-it-check-it-change-it",
    "https://www.mhm.org.uk/blog/healthcare-science-week",
    "https://www.mindwell-leeds.org.uk/myself/exploring-your-mental-health/panic/creating-a-plan-for-"
    "when-panic-attacks-happen/create-a-plan-for-when-panic-attacks-happen/",
    "https://www.oxfordhealth.nhs.uk/mindset/skills/concentration/problems",
    "https://www.urmc.rochester.edu/behavioral-health-partners/bhp-blog/february-2023/anxiety.aspx?tagid=4736",
}

_IN_TEXT = re.compile(r"https?://[^\s)>\]]+")


def _pages(value: Any, key: str | None = None) -> set[str]:
    """Every ``url`` in the knowledge base, and every address written inside a text."""
    if isinstance(value, dict):
        return set().union(*(_pages(v, k) for k, v in value.items()))
    if isinstance(value, list):
        return set().union(*(_pages(v, key) for v in value))
    if isinstance(value, str):
        if key == "url":
            return {value}
        return {m.rstrip(".,;") for m in _IN_TEXT.findall(value)}
    return set()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_page_is_one_the_facts_give(lang: str) -> None:
    used = _pages(msgspec.to_builtins(loader.load(None, lang)))
    assert used, lang
    assert not used - PAGES, sorted(used - PAGES)
    assert not PAGES - used, sorted(PAGES - used)  # a page no longer used leaves this list too
