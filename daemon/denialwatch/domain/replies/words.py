"""The words the phrase table is built from: what patients call things, and what blocks a match.

Fragments (``GRIEVANCE``, ``IMR``, ``PLAN``, ``FILED``, ``ONLINE``...) are pattern text for the
rows of ``rules``; the compiled expressions are the contexts a row checks (``IMR_CONTEXT``,
``GRIEVANCE_CONTEXT``) and the blockers every match is checked against (``FACT_BLOCKERS``,
``REQUEST_BLOCKERS``, ``CONDITIONAL_SI``, ``THIRD_PARTY``). All run on folded text (no
accents, straight quotes; ``text.fold``) except ``CONDITIONAL_SI``, which needs the accent.
"""

from __future__ import annotations

import re


def gap(words: int) -> str:
    """Up to ``words`` words between two parts of a phrase."""
    return rf"(?:\S++\s++){{0,{words}}}?"


# Things the patient names.
GRIEVANCE = (
    r"(?:grievances?|greivances?|grievences?|grevances?|greviances?|appeals?|apeals?|appels?)"
)
ES_GRIEVANCE = r"(?:queja|quejas|apelacion|apelasion|apelaciones|reclamo|reclamacion|agravio)"
IMR = (
    r"(?:imr|i\.m\.r\.?|independent\s++(?:medical\s++)?review|applications?|aplication"
    r"|dmhc\s++(?:form|application|complaint)|imr\s++(?:form|application)|complaint\s++form)"
)
ES_IMR = (
    r"(?:imr|revision\s++(?:medica\s++)?independiente|solicitud|aplicacion|formulario"
    r"|la\s++forma|queja\s++(?:al|con\s++el|ante\s++el)\s++(?:dmhc|departamento))"
)
DMHC = r"(?:dmhc|department|departamento|the\s++state|el\s++estado)"
PLAN = (
    r"(?:the\s++plan|my\s++plan|health\s++plan|insurance|insurer|medical\s++group"
    r"|el\s++plan|mi\s++plan|la\s++aseguradora|el\s++seguro|mi\s++seguro|la\s++aseguranza)"
)
OUTCOME_WORDS = r"(?:decision|letter|response|answer|results?|denial|determination|form|back)"

IMR_CONTEXT = re.compile(
    r"\b(?:imr|dmhc|independent\s++(?:medical\s++)?review|health\s*+help|managed\s++health"
    r"|department|reviewer|the\s++state|revision\s++(?:medica\s++)?independiente"
    r"|departamento|el\s++estado|revisor)\b",
    re.IGNORECASE,
)
GRIEVANCE_CONTEXT = re.compile(
    rf"\b(?:grievances?|greivances?|grievences?|{ES_GRIEVANCE})\b"
    rf"|\b{PLAN}\b|\bwith\s++(?:my|the)\s++plan\b",
    re.IGNORECASE,
)
PLAN_SUBJECT = re.compile(
    rf"\b{PLAN}\s++(?:\S++\s++){{0,3}}?(?:upheld|reversed|kept)", re.IGNORECASE
)
NOT_A_MAILING = re.compile(
    r"\b(?:medications?|medicines?|meds|wheelchairs?|equipment|supplies|prescriptions?|pills"
    r"|device|cpap|medicamentos?|medicina|silla)\b",
    re.IGNORECASE,
)

FACT_BLOCKERS = re.compile(
    r"\b(?:not|never|nor|no|haven'?t|hasn'?t|hadn'?t|didn'?t|don'?t|doesn'?t|won'?t|can'?t"
    r"|cannot|couldn'?t|wouldn'?t|shouldn'?t|isn'?t|wasn'?t|weren'?t|aren'?t|yet\s++to|without"
    r"|if|unless|whether|will|shall|going\s++to|gonna|plan(?:ning)?\s++to|wants?\s++to"
    r"|wanna|needs?\s++to|have\s++to|has\s++to|got\s++to|should|would|could|might|must"
    r"|about\s++to|try(?:ing)?\s++to|waiting|wait\s++for|hope|hoping|hopefully|before|until"
    r"|once|when|in\s++case|supposed\s++to|ready\s++to|forgot\s++to|instead\s++of"
    r"|expect(?:ing|ed)?|may\s++(?:have|be)|maybe|perhaps|probably|not\s++sure|unsure"
    r"|nunca|jamas|tampoco|ni|sin|todavia|aun|cuando|voy\s++a|vamos\s++a|va\s++a|van\s++a"
    r"|iba\s++a|tengo\s++que|tenemos\s++que|hay\s++que|necesito|necesitamos|debo|debemos"
    r"|deberia|quiero|queremos|quisiera|pienso|planeo|espero|esperamos|esperando|ojala"
    r"|antes\s++de|hasta\s++que|en\s++cuanto|puedo|podria|podemos|a\s++punto\s++de"
    r"|tratando\s++de|intentando|falta|quizas?|tal\s++vez)\b|'ll\b",
    re.IGNORECASE,
)
"""Before a fact, these make it not (yet) one: negation, intent, plan, condition, doubt."""
REQUEST_BLOCKERS = re.compile(
    r"\b(?:not|never|no|don'?t|do\s++not|didn'?t|won'?t|doesn'?t|if|unless|when|once|until"
    r"|nunca|cuando|hasta\s++que|todavia|aun)\b",
    re.IGNORECASE,
)
"""Before a request, only a negation or a condition blocks it ("don't close my case"; the
Spanish "si" is ``CONDITIONAL_SI``)."""
CONDITIONAL_SI = re.compile(r"\bsi\b(?!\s*+(?:[,.!]|ya\b|claro|$))", re.IGNORECASE)
"""Spanish "si" (if), unaccented in the patient's own text: "sí" (yes) is not a condition.
Checked on the unfolded text, where the accent still tells them apart."""
THIRD_PARTY = re.compile(
    rf"\b(?:they|{PLAN}|plan|dmhc|department|kaiser|anthem|shield|health\s++net"
    r"|molina|ellos|ella)\b\W*+(?:\w++\W++){0,2}$",
    re.IGNORECASE,
)
"""The subject just before an act of the patient's, when it is someone else."""


FILED = (
    r"(?:filed|fild|filled(?!\s++out)|submitted|submited|submited|sent|send|turned\s++in"
    r"|put\s++in|handed\s++in|lodged|made|started|opened|did)"
)
ES_FILED = (
    r"(?:presente|presentamos|he\s++presentado|hemos\s++presentado|envie|enviamos|he\s++enviado"
    r"|hemos\s++enviado|mande|mandamos|he\s++mandado|puse|pusimos|meti|metimos|hice|hicimos"
    r"|someti|sometimos|entregue|entregamos|inicie|abri|levante|levantamos)"
)
ONLINE = (
    r"(?:online|on\s*+line|on\s++the\s++(?:website|web\s*+site|site|portal|computer)"
    r"|through\s++the\s++(?:website|portal|site)|(?:on|at|through|via)\s++(?:www\.)?healthhelp"
    r"|via\s++(?:the\s++)?(?:website|portal|internet)|on\s++the\s++internet)"
)
ES_ONLINE = (
    r"(?:en\s++linea|por\s++internet|en\s++internet|por\s++la\s++(?:pagina|web|computadora)"
    r"|en\s++la\s++(?:pagina|web|computadora)|online|en\s++el\s++sitio|por\s++el\s++sitio)"
)
MAIL = (
    r"(?:(?:certified|priority|registered|regular|express|first[-\s]class|snail|us)\s++)?"
    r"(?:mail|post|usps|ups|fed\s*+ex|dhl|post\s++office)"
)
