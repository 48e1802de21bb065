"""Spanish words of the program itself (the knowledge base's own text is in data/interventions.es.yaml).

English text -> Spanish, for ``i18n.t``. A test checks that every ``t("...")``
in the code has an entry here.
"""

MESSAGES: dict[str, str] = {}
