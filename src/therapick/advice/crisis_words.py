"""The crisis words: phrases in a person's own words that bring the crisis lines first. Data.

This is a safety floor, so it lives in the package, not in the knowledge base: no clinic file
(``extends:``, ``--kb``) can remove or change it. Every phrase of shared/facts/crisis-words.md
sections D (English, rows E1-E18) and E (Spanish, rows S1-S15) is here under its row's id
(``tests/test_describe.py`` reads the facts file and checks that none is missing), followed by
variants of our own that the matcher's folding does not make by itself: contractions spelt
out, other persons and tenses of a Spanish verb, the other gender. Variants are marked
"derived" in the comments; none is a quotation.

How a phrase is written (``describe.py`` reads it):

- words are matched after folding case, accents and apostrophes ("don't" -> "do not"), on
  word stems (English phrases with the English stemmer, Spanish ones with the Spanish), and
  with one typing mistake allowed in a word of four letters or more (two from nine);
- a word written ``=word`` is matched as written (no stem, no typo), for words whose stem is
  an everyday word ("trapped" -> "trap", "cortarme" -> "cort" as in "cortar el pan");
- negation never stops a match: "I would never kill myself" holds "kill myself" (rule 2).

Deliberately not here, alone (facts, section D): "gun", "pills", "die", "dead", "I give up".
They appear only inside longer phrases.
"""

from __future__ import annotations

ENGLISH: dict[str, tuple[str, ...]] = {
    "E1": ("kill myself", "killing myself", "going to kill myself"),
    "E2": ("suicide", "suicidal", "commit suicide"),
    "E3": ("want to die", "wanna die", "wish I could die"),
    "E4": ("end my life", "end it all", "take my own life", "take my life"),
    "E5": ("wish I were dead", "wish I was dead", "better off dead"),
    "E6": (
        "wish I hadn't been born",
        "wish I'd never been born",
        # derived: "I'd" read as "I had", and the plain past
        "wish I had never been born",
        "wish I was never born",
    ),
    "E7": ("go to sleep and not wake up", "never wake up"),
    "E8": ("don't want to live", "don't want to be alive", "don't want to be here anymore"),
    "E9": ("better off without me", "everyone would be better off"),
    "E10": (
        "I'm a burden",
        "burden to everyone",
        "burden on my family",
        # derived: "I am such a burden" is caught by the one free word a phrase allows
    ),
    "E11": ("no reason to live", "nothing to live for", "hopeless", "no hope"),
    "E12": (
        "=trapped",
        "no way out",
        "can't go on",
        "can't keep going",
        "can't take it anymore",
        # derived: the common misspellings of "trapped", which is matched as written
        "=traped",
        "=trappd",
    ),
    "E13": ("unbearable pain", "can't bear the pain"),
    "E14": ("hurt myself", "hurting myself", "harm myself", "self-harm", "self harm"),
    "E15": ("cut myself", "cutting myself", "burn myself", "burning myself"),
    "E16": ("overdose", "took too many pills", "take all my pills"),
    "E17": ("plan to kill myself", "how to kill myself", "ways to die", "method to die"),
    "E18": ("saying goodbye", "goodbye forever", "giving away my things", "wrote a note"),
}

SPANISH: dict[str, tuple[str, ...]] = {
    "S1": ("me voy a suicidar", "voy a suicidarme", "suicidarme", "quiero suicidarme"),
    "S2": ("suicidio", "suicida"),
    "S3": ("quiero morir", "quiero morirme", "me quiero morir"),
    "S4": ("quitarme la vida", "terminar con mi vida", "acabar con mi vida"),
    "S5": (
        "desearía estar muerto",
        "desearía estar muerta",
        "ojalá estuviera muerto",
        "ojalá estuviera muerta",
    ),
    "S6": ("ojalá no hubiera nacido", "desearía no haber nacido"),
    "S7": ("no quiero vivir", "ya no quiero vivir", "no quiero seguir viviendo"),
    "S8": ("estaría mejor muerto", "estaría mejor muerta", "mejor muerto", "mejor muerta"),
    "S9": (
        "=hacerme daño",
        "=lastimarme",
        "=herirme",
        # derived: other forms of the same reflexive verbs
        "me hago daño",
        "=hacerme =dano",
        "me lastimo",
        "me hiero",
    ),
    "S10": (
        "autolesión",
        "autolesionarme",
        "=cortarme",
        "=quemarme",
        # derived: "me corto", "me quemo", "me he cortado", in the present and the past
        "me =corto",
        "me =corté",
        "me he =cortado",
        "me =quemo",
        "me =quemé",
        "autolesiones",
    ),
    "S11": ("sin esperanza", "desesperanza", "no tengo razón para vivir", "no hay razón para vivir"),
    "S12": ("soy una carga", "ser una carga", "estarían mejor sin mí", "estarían mejor sin mi"),
    "S13": (
        "=atrapado",
        "=atrapada",
        "no hay salida",
        "ya no aguanto",
        "no puedo más",
        # derived: plurals of the words matched as written
        "=atrapados",
        "=atrapadas",
    ),
    "S14": ("sobredosis", "tomarme todas las pastillas", "me voy a tomar todas las pastillas"),
    "S15": ("=despedirme", "regalar mis cosas", "dejé una nota", "me =despido"),
}

# W11 (imminent risk): a crisis phrase together with one of these adds that the emergency number
# is the fastest help. The time words are the facts' own ("tonight", "tomorrow", "today", "now");
# the method and place words and the Spanish ones are ours (the facts name the kinds, not the words).
IMMINENT_ENGLISH: tuple[str, ...] = (
    # when
    "tonight",
    "tomorrow",
    "today",
    "now",
    "this weekend",
    # a plan
    "=plan",
    "=planned",
    "=planning",
    # how
    "=pills",
    "=gun",
    "=rope",
    "=knife",
    "=razor",
    "=hang",
    "=jump",
    "=overdose",
    # where
    "=bridge",
    "=roof",
    "train tracks",
)
IMMINENT_SPANISH: tuple[str, ...] = (
    "esta noche",
    "=mañana",
    "=hoy",
    "=ahora",
    "este fin de semana",
    "=plan",
    "=pastillas",
    "=pistola",
    "=arma",
    "=cuerda",
    "=cuchillo",
    "=navaja",
    "=ahorcarme",
    "=tirarme",
    "=saltar",
    "=puente",
    "=azotea",
    "=techo",
    "las vías del tren",
)
