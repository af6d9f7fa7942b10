"""The phrase table: what a patient writes, and the event it reports.

Each row is one way of saying one thing, in English and Spanish, with the typos patients
make ("greivance", "apelacion", "recieved", "fild"). A row's patterns run on one clause of
folded text (``text.fold``: no accents, straight quotes), case-insensitively. A match counts
unless:

- the clause before it negates, plans or supposes it (``words.FACT_BLOCKERS``: "I haven't filed",
  "I will mail", "if they deny", "no lo he enviado", "voy a mandarlo"); a request row
  (``request=True``: stop the reminders, close my case) is blocked only by a negation or a
  condition ("don't close my case", "if it's approved, close it"), not by "I want you to";
- its ``unless`` context is in the clause (an IMR word turns "I filed the appeal" into
  something else than a grievance);
- it is an act of the patient's (``by_patient``) and the words just before it name someone
  else ("they mailed me", "the plan sent the appeal form");
- the sentence is a question; a request row still counts in a polite question ("Can you
  stop the reminders?").

Where the plan's approval and the DMHC's decision cannot be told apart, the row says what
was said and no more: "approved" is APPROVED, unless the IMR or DMHC is named. "They
upheld the denial" alone is read as the DMHC's decision (its usual wording); "the plan
upheld" is the plan's grievance decision. The service should check an event against the
case's stage (a DMHC decision before any IMR filing goes to review).

Patterns are linear: gaps are bounded runs of ``\\S++\\s++`` (possessive, so a run of words
splits one way only), no nested unbounded quantifiers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from denialwatch.domain.events import EventKind, FilingMethod
from denialwatch.domain.replies.words import (
    DMHC,
    ES_FILED,
    ES_GRIEVANCE,
    ES_IMR,
    ES_ONLINE,
    FILED,
    GRIEVANCE,
    GRIEVANCE_CONTEXT,
    IMR,
    IMR_CONTEXT,
    MAIL,
    NOT_A_MAILING,
    ONLINE,
    OUTCOME_WORDS,
    PLAN,
    PLAN_SUBJECT,
    gap,
)

K = EventKind


@dataclass(frozen=True)
class Rule:
    kind: EventKind
    pattern: re.Pattern[str]
    detail: tuple[tuple[str, str], ...] = ()
    """Fixed details; a named group in ``pattern`` adds its text under its name (the part
    before any "__", so that two alternatives can name the same detail)."""
    unless: re.Pattern[str] | None = None
    """Context in the clause that makes the match mean something else."""
    needs: re.Pattern[str] | None = None
    """Context the sentence must have ("they acknowledged it" is about the grievance only
    when the sentence names one)."""
    by_patient: bool = False
    request: bool = False


def rule(
    kind: EventKind,
    *patterns: str,
    detail: tuple[tuple[str, str], ...] = (),
    unless: re.Pattern[str] | None = None,
    needs: re.Pattern[str] | None = None,
    by_patient: bool = False,
    request: bool = False,
) -> Rule:
    """One row: the patterns are alternatives, compiled once into one expression."""
    pattern = re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    return Rule(kind, pattern, detail, unless, needs, by_patient, request)


OVERTURNED = (("decision", "overturned"),)
UPHELD = (("decision", "upheld"),)
PARTIAL = (("decision", "partial"),)

RULES: tuple[Rule, ...] = (
    # The grievance (the plan's appeal) was filed.
    rule(
        K.GRIEVANCE_FILED,
        rf"\b(?:{FILED}|mailed|faxed|emailed)\s++{gap(3)}{GRIEVANCE}\b(?!\s*+{OUTCOME_WORDS})",
        rf"\b{GRIEVANCE}\s++(?:was|is|has\s++been|have\s++been|got|were)\s++(?:already\s++)?"
        r"(?:filed|submitted|sent|mailed|faxed|turned\s++in|put\s++in)\b",
        r"\bappealed\b",
        rf"\b(?:{FILED}|mailed|faxed)\s++(?:it\s++|them\s++|everything\s++)?(?:with|to)\s++{PLAN}\b",
        rf"\b{ES_FILED}\s++{gap(3)}{ES_GRIEVANCE}\b(?!\s*+(?:decision|respuesta|carta))",
        rf"\b{ES_GRIEVANCE}\s++(?:ya\s++)?(?:fue|esta|quedo|ha\s++sido)\s++(?:ya\s++)?"
        r"(?:presentad[ao]|enviad[ao]|mandad[ao]|entregad[ao]|sometid[ao])\b",
        r"\b(?:apele|apelamos|he\s++apelado|hemos\s++apelado)\b",
        rf"\b{ES_FILED}\s++{gap(3)}(?:al\s++plan|a\s++mi\s++plan|a\s++la\s++aseguradora"
        r"|al\s++seguro|a\s++mi\s++seguro|a\s++la\s++aseguranza)\b",
        unless=IMR_CONTEXT,
        by_patient=True,
    ),
    # The plan acknowledged the grievance.
    rule(
        K.GRIEVANCE_ACKNOWLEDGED,
        r"(?<!\bi\s)(?<!\bwe\s)\b(?:got|received|recieved|recived|acknowledged|acknowleged"
        rf"|confirmed(?:\s++receipt\s++of)?|have)\s++(?:my|the|our)\s++{GRIEVANCE}\b"
        rf"(?!\s*+{OUTCOME_WORDS}|\s++(?:was|is)\s++(?:denied|rejected|approved))",
        rf"\b{GRIEVANCE}\s++(?:was|has\s++been|got|is)\s++(?:\S++\s++)?(?:received|recieved"
        r"|acknowledged|acknowleged|confirmed)\b",
        r"\backnowledge?ment\s++(?:letter|notice)\b|\b(?:letter|notice)\s++acknowledging\b",
        rf"\bconfirmation\s++(?:letter\s++)?(?:for|of)\s++(?:my|the)\s++{GRIEVANCE}\b",
        r"\b(?:recibieron|recibio|confirmaron|confirmo|acusaron\s++recibo\s++de"
        rf"|acuso\s++recibo\s++de|ya\s++tienen)\s++{gap(2)}{ES_GRIEVANCE}\b"
        r"(?!\s*+(?:decision|respuesta|carta))",
        rf"\b{ES_GRIEVANCE}\s++(?:ya\s++)?(?:fue|ha\s++sido)\s++recibid[ao]\b",
        r"\bacuse\s++de\s++recibo\b|\bcarta\s++de\s++confirmacion\b",
        unless=IMR_CONTEXT,
    ),
    # ... "they got it", when the sentence is about the grievance.
    rule(
        K.GRIEVANCE_ACKNOWLEDGED,
        r"(?<!\bi\s)(?<!\bwe\s)\b(?:got|received|recieved|acknowledged|acknowleged|confirmed)"
        r"\s++(?:it|them)\b(?!\s++back)",
        r"\b(?:la|lo)\s++(?:recibieron|recibio|confirmaron|tienen)\b",
        unless=IMR_CONTEXT,
        needs=re.compile(rf"{GRIEVANCE_CONTEXT.pattern}|\b{GRIEVANCE}\b", re.IGNORECASE),
    ),
    # The plan decided the grievance and kept the denial.
    rule(
        K.GRIEVANCE_DECISION_RECEIVED,
        rf"\b(?:denied|rejected|declined|refused|turned\s++down)\s++(?:my|the|our)\s++{GRIEVANCE}",
        rf"\b{GRIEVANCE}\s++(?:was|got|has\s++been|is|were)\s++(?:\S++\s++)?"
        r"(?:denied|rejected|declined|turned\s++down)\b",
        r"(?<!\bi\s)\bsaid\s++no\b(?=\s*+(?:again|to\s++(?:my|the)\s++\w++|$|[.!]))",
        r"\b(?:denied|rejected)\s++(?:it\s++|me\s++)?(?:again|once\s++more)\b",
        r"\bstill\s++(?:denied|denying|said\s++no)\b",
        rf"\b{GRIEVANCE}\s++(?:decision|response|answer)\s++(?:\S++\s++){{0,3}}?(?:denied|rejected)\b",
        rf"\b{PLAN}\s++(?:\S++\s++){{0,3}}?(?:upheld|kept|maintained|stood\s++by)\b",
        r"\bupheld\s++(?:their|its)\s++(?:own\s++)?(?:decision|denial)\b",
        r"\b(?:negaron|rechazaron|denegaron|nego|rechazo|denego)\s++(?:otra\s++vez\s++"
        rf"|de\s++nuevo\s++)?{gap(2)}{ES_GRIEVANCE}",
        rf"\b{ES_GRIEVANCE}\s++{gap(2)}(?:fue|ha\s++sido|salio)\s++(?:negad[ao]|rechazad[ao]"
        r"|denegad[ao])",
        r"\bdijeron\s++(?:que\s++)?no\b(?=\s*+(?:otra\s++vez|de\s++nuevo|$|[.!]))",
        rf"\b{ES_GRIEVANCE}\s++(?:me\s++)?(?:la|lo)\s++(?:negaron|rechazaron|denegaron)\b",
        r"\b(?:(?:me\s++)?(?:la|lo)\s++)?(?:negaron|rechazaron|denegaron)\s++(?:otra\s++vez"
        r"|de\s++nuevo)\b|\bvolvieron\s++a\s++(?:negar|rechazar|denegar)",
        rf"\b{PLAN}\s++(?:\S++\s++){{0,2}}?(?:mantuvo|confirmo|sostuvo)\b",
        unless=IMR_CONTEXT,
    ),
    # The plan approved the care (on its own, or on the grievance).
    rule(
        K.APPROVED,
        r"\b(?:approved|aproved|aprooved|authorized|authorised|said\s++yes)\b",
        r"\b(?:reversed|overturned|changed)\s++(?:their|its)\s++(?:own\s++)?(?:decision|denial"
        r"|mind)\b",
        rf"\b{PLAN}\s++(?:\S++\s++){{0,2}}?(?:reversed|overturned)\b",
        r"\bapproval\s++(?:letter|notice)\b|\b(?:letter|notice)\s++approving\b",
        rf"\bwon\s++(?:my|the)\s++(?:grievance|greivance|grievence|appeal\s++with\s++{PLAN})\b",
        r"\b(?:aprobaron|aprobo|autorizaron|autorizo|dijeron\s++que\s++si)\b",
        r"\b(?:fue|esta|quedo|salio|ya)\s++(?:\S++\s++)?(?:aprobad[ao]|autorizad[ao])\b",
        r"\baceptaron\s++(?:la|mi)\s++(?:apelacion|queja)\b",
        r"\bcambiaron\s++(?:de\s++opinion|su\s++decision)\b",
        unless=re.compile(
            rf"{IMR_CONTEXT.pattern}|\bapplication\b|\b(?:doctor|dr|physician|medico|doctora)\b",
            re.IGNORECASE,
        ),
    ),
    # The patient says the case is urgent.
    rule(
        K.MARKED_URGENT,
        r"\burgent(?:ly)?\b(?!\s*+(?:care|center))",
        r"\b(?:it'?s|it\s++is|this\s++is|its)\s++(?:an?\s++)?(?:real\s++|medical\s++)?emergency\b"
        r"(?!\s*+(?:room|department|dept|care|services?|visit))",
        r"\bexpedite[ds]?\b|\bexpedited\s++review\b|\blife[-\s]threatening\b|\btime[-\s]sensitive\b"
        r"|\bserious\s++threat\s++to\s++my\s++health\b",
        r"\b(?:urgente|urgentemente)\b|(?<!sala\s)\bde\s++urgencia\b|\bes\s++una\s++emergencia\b"
        r"|\b(?:expedit|acelerad)[ao]\b|\bno\s++puede\s++esperar\b"
        r"|\b(?:amenaza|pone\s++en\s++riesgo)\s++mi\s++(?:vida|salud)\b",
    ),
    # The IMR application went in: online.
    rule(
        K.IMR_FILED,
        r"\b(?:applied|filed|fild|filled(?!\s++out)|submitted|submited|sent|did|done|turned\s++in"
        rf"|uploaded)\s++{gap(4)}(?:{ONLINE}|(?:on|to|at)\s++(?:the\s++)?(?:www\.)?healthhelp)",
        r"\bonline\s++(?:application|form)\s++(?:is\s++|was\s++)?(?:done|submitted|sent|in)\b",
        r"\b(?:aplique|solicite|presente|envie|mande|llene|complete|hice|someti|lo\s++hice)"
        rf"\s++{gap(4)}{ES_ONLINE}",
        detail=(("method", FilingMethod.ONLINE.value),),
        unless=GRIEVANCE_CONTEXT,
        by_patient=True,
    ),
    # ... by fax.
    rule(
        K.IMR_FILED,
        r"\bfax(?:ed|d)\b(?!\s++me\b)",
        rf"\b(?:sent|send|submitted|did|filed)\s++{gap(4)}(?:by|via|through|over)\s++(?:the\s++)?fax\b",
        r"\bfax\s++(?:went\s++through|was\s++sent|is\s++sent|confirmation)\b",
        rf"\b(?:envie|mande|enviamos|mandamos|he\s++enviado|he\s++mandado|lo\s++pase)\s++{gap(4)}"
        r"por\s++fax\b",
        r"\b(?:mande|envie)\s++(?:el\s++)?fax\b|\bfaxie\b|\bfaxee\b",
        r"\bel\s++fax\s++(?:ya\s++)?(?:se\s++envio|fue\s++enviado|paso)\b",
        detail=(("method", FilingMethod.FAX.value),),
        unless=GRIEVANCE_CONTEXT,
        by_patient=True,
    ),
    # ... by mail.
    rule(
        K.IMR_FILED,
        r"\bmail(?:ed|led|d)\b(?!\s++me\b)",
        rf"\b(?:sent|send|submitted|shipped|dropped\s++off|put|filed)\s++{gap(4)}(?:by|via|through"
        rf"|in\s++the|with|using)\s++{MAIL}\b",
        r"\bshipped\b",
        r"\b(?:sent|send)\s++(?:it\s++|them\s++)?(?:certified|priority|registered)\s++mail\b",
        r"\b(?:took|dropped|brought)\s++(?:\S++\s++){0,3}?(?:to|at)\s++the\s++post\s++office\b",
        r"\b(?:envie|mande|enviamos|mandamos|he\s++enviado|he\s++mandado|lo\s++puse|la\s++puse"
        rf"|deposite)\s++{gap(4)}(?:por|en\s++el|al)\s++correo\b(?!\s*+(?:electronico|e\b))",
        r"\b(?:lleve|deje)\s++(?:\S++\s++){0,3}?(?:a\s++la\s++oficina\s++de\s++correos?"
        r"|al\s++correo|a\s++correos)\b",
        detail=(("method", FilingMethod.MAIL.value),),
        unless=GRIEVANCE_CONTEXT,
        by_patient=True,
    ),
    # ... without saying how.
    rule(
        K.IMR_FILED,
        rf"\b(?:filed|fild|filled(?!\s++out)|submitted|submited|sent|send|turned\s++in|put\s++in)"
        rf"\s++{gap(3)}{IMR}\b(?!\s*+(?:back|decision|letter))",
        rf"\b(?:filed|fild|submitted|sent|applied|went)\s++{gap(3)}(?:with|to)\s++(?:the\s++)?{DMHC}\b",
        r"\bapplied\s++for\s++(?:an?\s++|the\s++|my\s++)?(?:imr|independent)\b",
        rf"\b(?:{ES_FILED}|aplique|solicite)\s++{gap(3)}(?:{ES_IMR}|al\s++dmhc|al\s++departamento)\b",
        by_patient=True,
    ),
    # The mailed application shows as delivered.
    rule(
        K.DELIVERY_CONFIRMED,
        r"\b(?:was|been|got|is|shows?|showed|says|said|marked|it'?s|its)\s++(?:\S++\s++){0,2}?"
        r"delivered\b",
        r"\bdelivery\s++(?:was\s++)?confirm(?:ed|ation)\b|\bsigned\s++for\b",
        rf"\b(?:arrived|got\s++there)\s++(?:at|to)\s++(?:the\s++)?{DMHC}\b",
        r"\b(?:ya\s++)?(?:fue|esta|aparece|sale|dice|salio|marca|se)\s++(?:como\s++)?entregad[ao]\b",
        r"\b(?:ya\s++)?(?:lo|la)\s++entregaron\b|\bconfirmacion\s++de\s++entrega\b"
        r"|\bse\s++entrego\b",
        rf"\bllego\s++(?:al|a\s++el|a\s++la)\s++{DMHC}\b",
        unless=NOT_A_MAILING,
    ),
    # The DMHC acknowledged the application (and gave it a number).
    rule(
        K.DMHC_ACKNOWLEDGED,
        r"\b(?:(?:dmhc|imr)\s++)?(?:case|reference|imr|complaint)\s*+(?:number|num\b\.?|no\b\.?|#)"
        r"\s*+(?:is\s++|es\s++|was\s++)?[:#=]?\s*+"
        r"(?P<dmhc_case_number>(?!dw)[a-z]{0,4}[- ]?\d[\d-]{3,14}\d)\b",
        r"\b(?:numero|num\.?|no\.?|#)\s++de\s++caso\s*+(?:del\s++dmhc\s*+)?(?:es\s++)?[:#]?\s*+"
        r"(?P<dmhc_case_number__es>(?!dw)[a-z]{0,4}[- ]?\d[\d-]{3,14}\d)\b",
        r"\bdmhc\s++case\s++(?:number|#)|\bnumero\s++de\s++caso\s++del\s++dmhc\b",
        rf"\b(?:dmhc|department|state|they)\s++{gap(3)}(?:accepted|acknowledged|acknowleged"
        rf"|received|recieved|got|opened)\s++{gap(2)}(?:application|imr|complaint|request|form)\b",
        r"\b(?:accepted|acknowledged)\s++(?:my|the)\s++(?:imr|application)\b",
        r"\b(?:assigned|gave)\s++(?:me\s++)?(?:a\s++|my\s++)?case\s++manager\b"
        r"|\bcase\s++manager\s++(?:is|was\s++assigned|named|called)\b|\bmy\s++case\s++manager\b",
        rf"\b(?:el\s++dmhc|el\s++departamento|ellos)\s++{gap(2)}(?:acepto|aceptaron|recibio"
        rf"|recibieron|confirmo|confirmaron)\s++{gap(2)}(?:solicitud|imr|revision|queja)\b",
        r"\baceptaron\s++(?:mi|la)\s++(?:solicitud|revision)\b",
        r"\b(?:me\s++)?asignaron\s++(?:a\s++)?(?:un|una|mi)\s++(?:gestor|administrador|encargad[ao]"
        r"|manejador|coordinador)a?\s++de\s++casos?\b",
        unless=GRIEVANCE_CONTEXT,
    ),
    # ... "they acknowledged it", when the sentence is about the IMR.
    rule(
        K.DMHC_ACKNOWLEDGED,
        r"\b(?:acknowledged|acknowleged|accepted)\s++(?:it|them)\b",
        r"\b(?:la|lo)\s++aceptaron\b",
        unless=GRIEVANCE_CONTEXT,
        needs=IMR_CONTEXT,
    ),
    # The DMHC decided: the patient won.
    rule(
        K.DMHC_DECISION_RECEIVED,
        r"\b(?:overturned|overruled|reversed\s++(?:the\s++|my\s++)?(?:denial|decision|it))\b",
        r"\b(?:i|we)\s++(?:\S++\s++)?won\b(?!'|t\b)",
        r"\b(?:in|on)\s++my\s++favou?r\b|\bsided\s++with\s++me\b|\bagreed\s++with\s++my\s++doctor\b",
        r"\b(?:gane|ganamos|revocaron|revoco|anularon)\b|\ba\s++(?:mi|nuestro)\s++favor\b",
        rf"\b(?:imr|dmhc|independent\s++(?:medical\s++)?review|reviewer)\s++{gap(3)}approved\b",
        detail=OVERTURNED,
        unless=PLAN_SUBJECT,
    ),
    # The DMHC decided: the denial stands.
    rule(
        K.DMHC_DECISION_RECEIVED,
        r"\bupheld\b(?!\s++(?:their|its)\s++(?:own\s++)?(?:decision|denial))",
        r"\b(?:i|we)\s++(?:\S++\s++)?lost\b(?!\s++(?:my|the|our)\s++(?:letter|papers?|tracking"
        r"|receipt|job|insurance|card|copy|form))",
        r"\b(?:sided|agreed)\s++with\s++(?:the\s++)?(?:plan|insurance|insurer)\b",
        rf"\b(?:imr|dmhc|independent\s++(?:medical\s++)?review|reviewer|the\s++state)\s++{gap(3)}"
        r"(?:denied|rejected|said\s++no|agreed\s++with\s++the\s++plan)\b",
        r"\b(?:denied|rejected)\s++(?:my\s++|the\s++)?(?:imr|independent\s++(?:medical\s++)?review)\b",
        r"\b(?:perdi|perdimos)\b(?!\s++(?:la|el|mi|los|las)\s++(?:carta|papel|numero|recibo|copia"
        r"|trabajo|seguro|tarjeta))",
        r"\b(?:mantuvieron|confirmaron|sostuvieron)\s++(?:la\s++)?(?:negacion|denegacion)\b",
        r"\b(?:dmhc|revision\s++(?:medica\s++)?independiente|imr|revisor|el\s++estado)\s++"
        rf"{gap(3)}(?:nego|negaron|rechazo|rechazaron|dijo\s++que\s++no|dijeron\s++que\s++no)\b",
        detail=UPHELD,
        unless=PLAN_SUBJECT,
    ),
    # The DMHC decided: partly each way.
    rule(
        K.DMHC_DECISION_RECEIVED,
        r"\bpartial(?:ly)?\s++(?:overturned|approved|upheld|reversed|decision|win)\b",
        r"\bparcialmente\s++(?:revocad|aprobad|a\s++mi\s++favor)",
        detail=PARTIAL,
    ),
    # After an overturn: the plan did what it must.
    rule(
        K.PLAN_COMPLIED,
        r"\b(?:scheduled|booked|set\s++up)\s++(?:\S++\s++){0,2}?(?:surgery|procedure|operation"
        r"|treatment|appointment|mri|scan|therapy|infusion|transplant)\b",
        r"\b(?:surgery|procedure|operation|treatment|appointment|mri|infusion)\s++(?:is|was|has"
        r"\s++been|got)\s++(?:\S++\s++)?(?:scheduled|booked)\b",
        rf"\b(?:{PLAN}|they)\s++(?:\S++\s++){{0,2}}?(?:paid|reimbursed|covered)\b",
        r"\b(?:bill|claim)\s++(?:was|has\s++been|got|is)\s++(?:\S++\s++)?(?:paid|reimbursed)\b",
        r"\b(?:received|got|started)\s++(?:my\s++|the\s++)?(?:surgery|procedure|operation"
        r"|treatment|medication|infusion|wheelchair|equipment)\b",
        r"\b(?:programaron|agendaron)\s++(?:\S++\s++){0,2}?(?:cirugia|operacion|procedimiento"
        r"|tratamiento|cita|resonancia|terapia)\b",
        r"\b(?:pagaron|reembolsaron|cubrieron)\b|\b(?:el\s++plan|el\s++seguro|la\s++aseguradora)"
        r"\s++(?:ya\s++)?(?:me\s++)?(?:pago|reembolso|cubrio)\b",
        r"\bya\s++me\s++operaron\b|\brecibi\s++(?:el|mi)\s++(?:tratamiento|medicamento)\b",
    ),
    # The patient wants the case closed.
    rule(
        K.CASE_CLOSED,
        r"\b(?:close|cancel|delete|end)\s++(?:out\s++)?(?:my|the|this)\s++(?:case|file|request)\b",
        r"\b(?:no\s++longer\s++need|don'?t\s++need)\s++(?:your\s++|the\s++|any\s++)?"
        r"(?:help|service|assistance)\b(?!\s++(?:with|to|for))",
        r"\b(?:cierren|cierre|cerrar|cancelen|cancelar)\s++(?:mi|el|este)\s++caso\b",
        r"\bya\s++no\s++necesito\s++(?:su\s++|la\s++|de\s++su\s++)?ayuda\b",
        request=True,
    ),
    # The patient wants no more reminders.
    rule(
        K.REMINDERS_STOPPED,
        r"\b(?:stop|quit|cease|pause|no\s++more|enough|turn\s++off|disable|cancel)\s++"
        r"(?:\S++\s++){0,3}?(?:reminders?|remiders?|reminers?|emails?|e-mails?|messages?"
        r"|notifications?)\b",
        r"\bstop\s++(?:emailing|sending|texting|contacting|reminding|writing)\b",
        r"\bunsubscribe\b|\bunsub\b|\bopt\s*+-?\s*+out\b|\bremove\s++me\s++from\b",
        r"\b(?:don'?t|do\s++not)\s++(?:send|email|e-mail|contact|remind|write)\s++me\b",
        r"\b(?:don'?t|do\s++not|no\s++longer)\s++(?:want|need)\s++(?:any\s++)?(?:more\s++)?"
        r"(?:reminders|emails)\b",
        r"\bno\s++mas\s++(?:\S++\s++){0,2}?(?:recordatorios?|correos?|mensajes?|emails?|avisos?"
        r"|notificaciones?)\b",
        r"\bya\s++no\s++(?:me\s++)?(?:manden|envien|mande|envie|quiero)\s++(?:\S++\s++){0,2}?"
        r"(?:recordatorios?|correos?|mensajes?|emails?|avisos?|nada)\b",
        r"\b(?:dejen|deje|paren|pare|dejar)\s++de\s++(?:enviar|mandar|escribir)(?:me)?\b",
        r"\b(?:cancelar|anular|quitar)\s++(?:la\s++|mi\s++)?suscripcion\b|\bdarme\s++de\s++baja\b"
        r"|\bdesuscribir(?:me)?\b|\bdesinscribir(?:me)?\b",
        r"\bno\s++quiero\s++(?:recibir\s++)?(?:mas\s++)?(?:recordatorios|correos|mensajes)\b",
        request=True,
    ),
    # The patient wants the reminders back.
    rule(
        K.REMINDERS_RESUMED,
        r"\b(?:resume|restart|restore|re-?enable|turn\s++on|start)\s++(?:\S++\s++){0,3}?"
        r"(?:reminders?|emails?|notifications?)\b",
        r"\bturn\s++(?:the\s++)?(?:reminders|emails)\s++back\s++on\b",
        r"\b(?:send|email)\s++me\s++(?:the\s++)?reminders\s++again\b",
        r"\bre-?subscribe\b|\bsubscribe\s++me\s++again\b|\bsign\s++me\s++(?:back\s++)?up\s++again\b",
        r"\b(?:reanudar|reanuden|reactivar|reactiven|activar|activen)\s++(?:\S++\s++){0,2}?"
        r"(?:recordatorios|correos|avisos)\b",
        r"\bvuelvan\s++a\s++(?:enviar|mandar)(?:me)?\s++(?:\S++\s++){0,2}?(?:recordatorios"
        r"|correos|avisos)\b",
        r"\bquiero\s++(?:recibir\s++)?(?:los\s++)?recordatorios\s++(?:otra\s++vez|de\s++nuevo)\b",
        request=True,
    ),
)
"""The table, in the order events are reported when several are found in one reply."""
