"""From a case's own words to the IMR data set's categories: a small keyword table, as data.

The state's "IMR Determinations Trend" data set files each decision under a treatment
category and subcategory and a diagnosis category and subcategory (research 6.2). Its labels
changed over the years: a legacy set ("Diagnostic Imaging, Screening and Testing"), an
abbreviated set ("Diag Imag & Screen") and, from 2026, an ICD-10/CPT-style set. Each group
below therefore lists every label it is known by in the copies we have read (the cleaned 1,307-
row extract, the 20 full rows and the data set's published category lists); a label we have
not seen is not guessed.

Matching is deliberately conservative (a wrong "similar" is worse than a wider one):

- a keyword counts only as whole words of the folded text (case, accents and punctuation
  ignored: "Resonancia magnética" finds "resonancia magnetica");
- a group marked ``generic`` ("medication", "cancer") is used only when no specific group
  matches;
- two specific treatment groups that share a category give that category only (PET/CT: the
  imaging category); two that share none, or two diagnosis groups, give no match at all, and
  the caller falls back to the kind of IMR and says so.

Pure: strings in, values out.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from denialwatch.domain.model import Category


def fold(text: str) -> str:
    """Lower case, no accents, words separated by single spaces (labels and keywords alike)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


@dataclass(frozen=True)
class TreatmentGroup:
    """Services the data set files together, and the words a denial names them with."""

    name: str
    """How the report and the tests call the group (never shown to a patient)."""
    keywords: tuple[str, ...]
    categories: tuple[str, ...]
    """``TreatmentCategory`` labels, every vocabulary."""
    subcategories: tuple[str, ...] = ()
    """``TreatmentSubCategory`` labels under those categories; empty: the category is as close
    as the data set gets."""
    generic: bool = False


@dataclass(frozen=True)
class DiagnosisGroup:
    """A condition: a decision matches when its subcategory is one of ``subcategories`` or its
    category one of ``categories`` (a whole category, when that is as specific as it gets)."""

    name: str
    keywords: tuple[str, ...]
    subcategories: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    generic: bool = False


# TreatmentCategory labels (legacy, abbreviated).
IMAGING = ("Diagnostic Imaging, Screening and Testing", "Diag Imag & Screen")
PHARMACY = ("Pharmacy/Prescription Drugs", "Pharmacy")
MENTAL_HEALTH = ("Mental Health Treatment", "Mental Health")
DME = ("Durable Medical Equipment", "DME", "DME MACs")
ORTHOPEDIC = ("Orthopedic", "Orthopedic Proc")
PAIN = ("Pain Management",)
CANCER_CARE = ("Cancer Treatment", "Cancer Care")
GENERAL_SURGERY = ("General Surgery", "Gen Surg Proc")
REHAB_OUTPATIENT = ("Rehabilitation Services - Outpatient", "Rehab/ Svc - Outpt")
SNF = ("Rehabilitation Services - Skilled Nursing Facility - Inpatient", "Rehab/Svcs SNF Inpt")
RECONSTRUCTIVE = ("Reconstructive/Plastic Surgery", "Reconstr/Plast Proc")
ELECTRICAL = ("Electrical/ Thermal/ Radiofreq. Interventions", "Elect/Therm/Radfreq")
AUTISM_CARE = ("Autism Related Treatment", "Autism Related Tx")
EMERGENCY = ("Emergency/Urgent Care", "Emergency/Urg Care")
ALTERNATIVE = ("Alternative Treatment", "Alternative Tx")
CHIROPRACTIC = ("Chiropractic", "Chiropractic Care")

TREATMENTS: tuple[TreatmentGroup, ...] = (
    TreatmentGroup("MRI", ("mri", "magnetic resonance", "resonancia magnetica"), IMAGING, ("MRI",)),
    TreatmentGroup(
        "CT scan",
        ("ct", "ct scan", "cat scan", "computed tomography", "tomografia"),
        IMAGING,
        ("CT Scan",),
    ),
    TreatmentGroup("PET scan", ("pet scan", "pet ct", "pet"), IMAGING, ("PET Scan",)),
    TreatmentGroup(
        "Mammography",
        ("mammogram", "mammography", "mamografia", "mamograma"),
        IMAGING,
        ("Mammography",),
    ),
    TreatmentGroup(
        "Sleep study",
        ("sleep study", "polysomnography", "estudio del sueno"),
        IMAGING,
        ("Sleep Study",),
    ),
    TreatmentGroup(
        "Colonoscopy",
        ("colonoscopy", "sigmoidoscopy", "colonoscopia"),
        IMAGING,
        ("Colonoscopy/Sigmoidoscopy",),
    ),
    TreatmentGroup(
        "Ultrasound",
        ("ultrasound", "sonogram", "ultrasonido", "ecografia"),
        IMAGING,
        ("Ultrasound",),
    ),
    TreatmentGroup("X-ray", ("x ray", "xray", "radiograph", "radiografia"), IMAGING, ("X-Ray",)),
    TreatmentGroup(
        "Tests",
        (
            "genetic test",
            "genetic testing",
            "lab test",
            "laboratory test",
            "blood test",
            "prueba genetica",
        ),
        IMAGING,
        generic=True,
    ),
    TreatmentGroup(
        "Residential treatment",
        ("residential treatment", "residential", "rtc", "tratamiento residencial"),
        MENTAL_HEALTH,
        ("Residential Treatment Center - Admission", "RTC", "RTC/ Admit"),
    ),
    TreatmentGroup(
        "Partial hospitalization",
        ("partial hospitalization", "hospitalizacion parcial"),
        MENTAL_HEALTH,
        ("Partial Hospitalization",),
    ),
    TreatmentGroup(
        "Psychiatric admission",
        (
            "inpatient psychiatric",
            "psychiatric hospital",
            "acute psychiatric",
            "hospital psiquiatrico",
        ),
        MENTAL_HEALTH,
        ("Acute Psychiatric Facility Admission",),
    ),
    TreatmentGroup(
        "ABA therapy",
        ("aba", "applied behavior analysis", "applied behavioral analysis"),
        AUTISM_CARE,
        ("ABA-Applied Behavioral Analysis",),
    ),
    TreatmentGroup(
        "Speech therapy",
        ("speech therapy", "speech language therapy", "terapia del habla", "terapia de lenguaje"),
        REHAB_OUTPATIENT + AUTISM_CARE,
        ("Speech Therapy",),
    ),
    TreatmentGroup(
        "Physical therapy",
        ("physical therapy", "physiotherapy", "terapia fisica", "fisioterapia"),
        REHAB_OUTPATIENT,
        ("Physical Therapy",),
    ),
    TreatmentGroup(
        "Occupational therapy",
        ("occupational therapy", "terapia ocupacional"),
        REHAB_OUTPATIENT + AUTISM_CARE,
        ("Occupational Therapy",),
    ),
    TreatmentGroup(
        "Skilled nursing facility",
        ("skilled nursing", "snf", "centro de enfermeria especializada"),
        SNF,
        ("Inpatient Admission",),
    ),
    TreatmentGroup("Acupuncture", ("acupuncture", "acupuntura"), ALTERNATIVE, ("Acupuncture",)),
    TreatmentGroup("Chiropractic", ("chiropractic", "chiropractor", "quiropractico"), CHIROPRACTIC),
    TreatmentGroup(
        "Proton beam therapy",
        ("proton beam", "proton therapy", "protonterapia", "terapia de protones"),
        CANCER_CARE,
        ("Proton Beam Therapy",),
    ),
    TreatmentGroup(
        "Radiation therapy",
        ("radiation therapy", "radiotherapy", "imrt", "sbrt", "radioterapia"),
        CANCER_CARE,
        ("Radiation Therapy",),
    ),
    TreatmentGroup(
        "Chemotherapy", ("chemotherapy", "quimioterapia"), CANCER_CARE, ("Chemotherapy",)
    ),
    TreatmentGroup(
        "Spinal fusion",
        ("spinal fusion", "lumbar fusion", "cervical fusion", "fusion espinal"),
        ORTHOPEDIC,
        ("Fusion",),
    ),
    TreatmentGroup(
        "Knee replacement",
        ("knee replacement", "knee arthroplasty", "reemplazo de rodilla"),
        ORTHOPEDIC,
        ("Knee Replacement",),
    ),
    TreatmentGroup(
        "Hip replacement",
        ("hip replacement", "hip arthroplasty", "reemplazo de cadera"),
        ORTHOPEDIC,
        ("Hip Replacement",),
    ),
    TreatmentGroup(
        "Artificial disc",
        ("artificial disc", "disc replacement", "disk replacement", "artificial disk"),
        ORTHOPEDIC,
        ("Artificial Disk Replacement", "Artificial Disc Repl"),
    ),
    TreatmentGroup(
        "Arthroscopy", ("arthroscopy", "arthroscopic", "artroscopia"), ORTHOPEDIC, ("Arthroscopy",)
    ),
    TreatmentGroup(
        "Epidural injection", ("epidural", "inyeccion epidural"), PAIN, ("Epidural Injection",)
    ),
    TreatmentGroup("Nerve block", ("nerve block", "bloqueo nervioso"), PAIN, ("Nerve Block",)),
    TreatmentGroup(
        "Radiofrequency ablation",
        ("radiofrequency ablation", "rfa", "ablacion por radiofrecuencia"),
        ELECTRICAL,
        ("Radiofrequency Ablation", "Radiofreq Ablat"),
    ),
    TreatmentGroup(
        "TMS",
        ("transcranial magnetic stimulation", "tms", "estimulacion magnetica transcraneal"),
        ELECTRICAL,
        ("Transcranial Magnetic Stimulation",),
    ),
    TreatmentGroup(
        "Bariatric surgery",
        (
            "bariatric",
            "gastric bypass",
            "gastric sleeve",
            "sleeve gastrectomy",
            "lap band",
            "bariatrica",
            "bypass gastrico",
        ),
        GENERAL_SURGERY,
        ("Bariatric Lap Band", "Bariatric Other"),
    ),
    TreatmentGroup(
        "Wheelchair",
        ("wheelchair", "power chair", "silla de ruedas"),
        DME,
        ("Wheelchair", "Electric Wheelchair", "Wheelchairs Power Operated"),
    ),
    TreatmentGroup("CPAP", ("cpap", "c pap", "bipap"), DME, ("C-Pap Machine",)),
    TreatmentGroup(
        "Glucose monitor",
        (
            "continuous glucose monitor",
            "cgm",
            "dexcom",
            "freestyle libre",
            "monitor continuo de glucosa",
        ),
        DME,
        ("Continuous Glucose Monitor",),
    ),
    TreatmentGroup(
        "Breast reduction",
        ("breast reduction", "reduction mammoplasty", "reduccion de senos", "reduccion mamaria"),
        RECONSTRUCTIVE,
        ("Breast Reduction",),
    ),
    TreatmentGroup(
        "Panniculectomy",
        ("panniculectomy", "excess skin removal", "paniculectomia"),
        RECONSTRUCTIVE,
        ("Panniculectomy", "Excess Skin Removal"),
    ),
    TreatmentGroup("Ambulance", ("ambulance", "ambulancia"), EMERGENCY, ("Ambulance/Transport",)),
    TreatmentGroup(
        "Emergency room",
        ("emergency room", "emergency department", "sala de emergencias", "sala de urgencias"),
        EMERGENCY,
        ("Emergency Room",),
    ),
    TreatmentGroup(
        "Hepatitis C antivirals",
        ("antiviral", "antivirals", "anti viral", "sofosbuvir", "harvoni", "epclusa", "mavyret"),
        PHARMACY,
        ("Anti-virals",),
    ),
    TreatmentGroup(
        "Growth hormone",
        ("growth hormone", "somatropin", "hormona del crecimiento"),
        PHARMACY,
        ("Hormones",),
    ),
    TreatmentGroup(
        "Botox", ("botox", "onabotulinumtoxina", "botulinum toxin"), PHARMACY, ("Botox Injection",)
    ),
    TreatmentGroup(
        "IVIG",
        ("ivig", "immune globulin", "immunoglobulin", "inmunoglobulina"),
        PHARMACY,
        ("IVIG Therapy",),
    ),
    TreatmentGroup(
        "Weight-loss drugs",
        ("wegovy", "zepbound", "saxenda", "weight loss medication", "weight loss drug"),
        PHARMACY,
        ("Weight Control",),
    ),
    TreatmentGroup(
        "Medication",
        ("medication", "medications", "drug", "prescription", "medicamento", "medicina", "receta"),
        PHARMACY,
        generic=True,
    ),
)

PHARMACY_GROUP = next(g for g in TREATMENTS if g.name == "Medication")
"""Used when the denial is a pharmacy one and the drug's name matched no group."""

# DiagnosisCategory labels (legacy, abbreviated).
CANCER = ("Cancer",)
MENTAL = ("Mental", "Mental Disorder")
MUSCULOSKELETAL = ("Orthopedic/ Musculoskeletal", "Orth/Musculoskeletal", "Musculoskeletal")
AUTISM = ("Autism Spectrum",)
OBESITY = ("Morbid Obesity",)

DIAGNOSES: tuple[DiagnosisGroup, ...] = (
    DiagnosisGroup(
        "Breast cancer", ("breast cancer", "cancer de mama", "cancer de seno"), ("Breast Cancer",)
    ),
    DiagnosisGroup(
        "Prostate cancer", ("prostate cancer", "cancer de prostata"), ("Prostate Cancer",)
    ),
    DiagnosisGroup("Lung cancer", ("lung cancer", "cancer de pulmon"), ("Lung Cancer",)),
    DiagnosisGroup(
        "Colon cancer", ("colon cancer", "colorectal cancer", "cancer de colon"), ("Colon Cancer",)
    ),
    DiagnosisGroup(
        "Cancer",
        ("cancer", "carcinoma", "malignancy", "lymphoma", "leukemia", "linfoma", "leucemia"),
        categories=CANCER,
        generic=True,
    ),
    DiagnosisGroup(
        "Depression",
        ("depression", "depressive", "depresion"),
        ("Depression", "Depression - Severe"),
    ),
    DiagnosisGroup("Anxiety", ("anxiety", "ansiedad"), ("Anxiety",)),
    DiagnosisGroup("Bipolar disorder", ("bipolar",), ("Bipolar Disorder",)),
    DiagnosisGroup("Schizophrenia", ("schizophrenia", "esquizofrenia"), ("Schizophrenia",)),
    DiagnosisGroup(
        "Eating disorder",
        (
            "eating disorder",
            "anorexia",
            "bulimia",
            "trastorno alimenticio",
            "trastorno de la conducta alimentaria",
        ),
        ("Eating Disorder",),
    ),
    DiagnosisGroup(
        "Substance use",
        (
            "substance use",
            "substance abuse",
            "addiction",
            "opioid use disorder",
            "alcohol use disorder",
            "alcoholism",
            "adiccion",
            "alcoholismo",
        ),
        ("Substance Abuse/ Addiction", "Alcohol Abuse/ Addiction", "Alcohol Use Disorder"),
    ),
    DiagnosisGroup(
        "ADHD",
        ("adhd", "attention deficit", "tdah"),
        ("ADHD - Attention Deficit Hyperactivity Disorder", "ADD - Attention Deficit Disorder"),
    ),
    DiagnosisGroup("Autism", ("autism", "autistic", "asperger", "autismo"), categories=AUTISM),
    DiagnosisGroup("Back pain", ("back pain", "low back pain", "dolor de espalda"), ("Back Pain",)),
    DiagnosisGroup(
        "Disc problem",
        (
            "herniated disc",
            "disc herniation",
            "degenerative disc",
            "herniated disk",
            "hernia de disco",
        ),
        ("Vertebral Disc Problem", "Vertebral Disc Prob"),
    ),
    DiagnosisGroup("Knee problem", ("knee", "rodilla"), ("Knee Problem", "Knee Problem/Pain")),
    DiagnosisGroup(
        "Shoulder problem", ("shoulder", "hombro"), ("Shoulder Problem", "Shoulder Problem/Pain")
    ),
    DiagnosisGroup(
        "Osteoarthritis",
        ("osteoarthritis", "degenerative joint disease", "artrosis", "osteoartritis"),
        ("Osteoarthritis",),
    ),
    DiagnosisGroup("Migraine", ("migraine", "migrana"), ("Migraine", "Headache/Migraine")),
    DiagnosisGroup(
        "Multiple sclerosis", ("multiple sclerosis", "esclerosis multiple"), ("Multiple Sclerosis",)
    ),
    DiagnosisGroup("Epilepsy", ("epilepsy", "seizure", "seizures", "epilepsia"), ("Epilepsy",)),
    DiagnosisGroup("Diabetes", ("diabetes", "diabetic", "diabetico", "diabetica"), ("Diabetes",)),
    DiagnosisGroup(
        "Growth hormone deficiency",
        ("growth hormone deficiency",),
        ("Growth Hormone Deficiency", "Growth Horm Def"),
    ),
    DiagnosisGroup("Obesity", ("obesity", "obese", "obesidad"), ("Obesity",), categories=OBESITY),
    DiagnosisGroup("Hepatitis", ("hepatitis", "hep c"), ("Hepatitis",)),
    DiagnosisGroup("HIV", ("hiv", "vih"), ("AIDS/HIV",)),
    DiagnosisGroup("Crohn's disease", ("crohn", "crohns"), ("Crohn's Disease",)),
    DiagnosisGroup(
        "Ulcerative colitis", ("ulcerative colitis", "colitis ulcerosa"), ("Ulcerative Colitis",)
    ),
    DiagnosisGroup("Psoriasis", ("psoriasis",), ("Psoriasis",)),
    DiagnosisGroup(
        "Rheumatoid arthritis",
        ("rheumatoid arthritis", "artritis reumatoide"),
        ("Rheumatoid Arthritis",),
    ),
    DiagnosisGroup(
        "Sleep apnea", ("sleep apnea", "apnea del sueno", "apnea obstructiva"), ("Sleep Apnea",)
    ),
    DiagnosisGroup("Asthma", ("asthma", "asma"), ("Asthma",)),
    DiagnosisGroup("Endometriosis", ("endometriosis",), ("Endometriosis",)),
)

IMR_TYPES: dict[Category, str] = {
    Category.MEDICAL_NECESSITY: "Medical Necessity",
    Category.PHARMACY: "Medical Necessity",
    Category.EXPERIMENTAL: "Experimental/Investigational",
    Category.EMERGENCY_PAYMENT: "Urgent Care",
}
"""The data set's ``Type`` for each kind of denial that goes to IMR. A pharmacy denial reaches
IMR as a medical-necessity one (DOMAIN.md, "Which kind of IMR"). Not covered, administrative
and unknown denials have no IMR type of their own: every IMR counts."""


class Unmatched(StrEnum):
    """Why a text gave no group (for the caller's "say so")."""

    NOTHING = "nothing"
    """No text was given."""
    NO_KEYWORD = "no_keyword"
    """No keyword of the table is in the text."""
    AMBIGUOUS = "ambiguous"
    """Several groups matched and they share no category."""


@dataclass(frozen=True)
class Match:
    """Folded labels a decision must carry to count as similar."""

    name: str
    categories: frozenset[str]
    subcategories: frozenset[str]


def _mentions(folded: str, keywords: tuple[str, ...]) -> bool:
    padded = f" {folded} "
    return any(f" {fold(keyword)} " in padded for keyword in keywords)


def _folded(labels: tuple[str, ...]) -> frozenset[str]:
    return frozenset(fold(label) for label in labels)


def match_treatment(text: str | None) -> Match | Unmatched:
    """The treatment group a service's free text names, or why there is none."""
    if not text or not fold(text):
        return Unmatched.NOTHING
    folded = fold(text)
    found = [g for g in TREATMENTS if _mentions(folded, g.keywords)]
    specific = [g for g in found if not g.generic] or found
    if not specific:
        return Unmatched.NO_KEYWORD
    if len(specific) == 1:
        group = specific[0]
        return Match(group.name, _folded(group.categories), _folded(group.subcategories))
    shared = frozenset.intersection(*(_folded(g.categories) for g in specific))
    if not shared:
        return Unmatched.AMBIGUOUS
    return Match(" + ".join(g.name for g in specific), shared, frozenset())


def match_diagnosis(text: str | None) -> Match | Unmatched:
    """The diagnosis group a condition's free text names, or why there is none."""
    if not text or not fold(text):
        return Unmatched.NOTHING
    folded = fold(text)
    found = [g for g in DIAGNOSES if _mentions(folded, g.keywords)]
    specific = [g for g in found if not g.generic] or found
    if not specific:
        return Unmatched.NO_KEYWORD
    if len(specific) > 1:
        return Unmatched.AMBIGUOUS
    group = specific[0]
    return Match(group.name, _folded(group.categories), _folded(group.subcategories))


def pharmacy_match() -> Match:
    """The match for a pharmacy denial whose drug no group names: any prescription drug."""
    group = PHARMACY_GROUP
    return Match(group.name, _folded(group.categories), _folded(group.subcategories))
