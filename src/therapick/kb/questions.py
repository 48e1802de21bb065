"""The ids of the standard questions, named once.

The questions themselves (wording, options, order) are data in the knowledge
base; a clinic may add its own. These are the ids the code gives a meaning
to: the danger question, who the support is for (which also decides who an
intervention is designed for), the region, and the optional groups question.
"""

CRISIS = "crisis"
WHO = "who"
CONCERNS = "concerns"
MAIN_CONCERN = "main-concern"  # optional: which of several concerns matters most (its options are the concerns chosen)
GOALS = "goals"
READINESS = "readiness"
PREFERENCES = "preferences"
GROUPS = "groups"
REGION = "region"
# Not a question: the country of a person "somewhere else" (the region question's follow-up,
# `--country`, or `country:` in an answers file), for its emergency number.
COUNTRY = "country"

# Every knowledge base must ask these, with these kinds.
STANDARD = {
    CRISIS: "confirm",
    WHO: "one",
    CONCERNS: "many",
    GOALS: "many",
    READINESS: "one",
    PREFERENCES: "many",
    REGION: "one",
}

# The named flags of `ask` for the standard questions (`--answer ID=VALUE` covers any question).
FLAG_NAMES = {
    CRISIS: "crisis",
    WHO: "who",
    CONCERNS: "concern",
    GOALS: "goal",
    READINESS: "readiness",
    PREFERENCES: "prefer",
    GROUPS: "group",
    REGION: "region",
    COUNTRY: "country",
}
