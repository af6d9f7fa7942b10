"""IMR outcome counts: exact counts on a made-up file, every header style, the corpus copies
read in place, the category tables, and the cover note in English and Spanish."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from denialwatch.config import EvidenceSettings
from denialwatch.domain.model import Category
from denialwatch.evidence import past_outcomes, suggest
from denialwatch.evidence.imr_categories import (
    Match,
    Unmatched,
    match_diagnosis,
    match_treatment,
    pharmacy_match,
)
from denialwatch.evidence.imr_stats import (
    ImrDataError,
    On,
    Similar,
    cover_note,
    header_key,
    index_lines,
    load_index,
    similar_cases,
)
from tests.conftest import CORPUS, require

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imr"
IMR_CORPUS = CORPUS / "imr-dataset"


def matched(found: Match | Unmatched) -> Match:
    assert isinstance(found, Match), found
    return found


MRI = matched(match_treatment("Lumbar spine MRI without contrast"))
BACK = matched(match_diagnosis("low back pain"))
KNEE = matched(match_diagnosis("right knee pain"))


def test_headers_of_every_export_fold_alike() -> None:
    keys = {header_key(h) for h in ("\ufeffDiagnosisSubCategory", "Diagnosis Sub Category")}
    assert keys == {header_key("diagnosis_sub_category")} == {"diagnosissubcategory"}


def test_exact_counts_on_the_made_up_file() -> None:
    index = load_index(FIXTURES / "determinations.csv")
    assert (index.rows, index.skipped) == (31, 2)
    assert similar_cases(index, MRI, BACK) == Similar(
        15, 9, 6, (2016, 2023), (On.TREATMENT_SUBCATEGORY, On.DIAGNOSIS)
    )
    assert similar_cases(index, MRI, BACK, "Medical Necessity") == Similar(
        12, 8, 4, (2016, 2023), (On.TREATMENT_SUBCATEGORY, On.DIAGNOSIS, On.TYPE)
    )


def test_falls_back_to_the_treatment_when_the_pair_is_too_small() -> None:
    index = load_index(FIXTURES / "determinations.csv")
    # MRI for a knee: 5 decisions, fewer than 10; every MRI: 20.
    assert similar_cases(index, MRI, KNEE) == Similar(
        20, 11, 9, (2016, 2023), (On.TREATMENT_SUBCATEGORY,)
    )
    # Experimental MRI for back pain: 3, and 3 MRIs in all: too few to say anything.
    assert similar_cases(index, MRI, BACK, "Experimental/Investigational") is None
    # A PET/CT names two imaging groups: the imaging category (MRI and CT alike) is the match.
    imaging = matched(match_treatment("PET CT scan"))
    assert imaging.subcategories == frozenset()
    assert similar_cases(index, imaging, BACK) == Similar(
        17, 10, 7, (2016, 2023), (On.TREATMENT_CATEGORY, On.DIAGNOSIS)
    )


def test_none_when_nothing_or_too_little_matches() -> None:
    index = load_index(FIXTURES / "determinations.csv")
    physical_therapy = matched(match_treatment("physical therapy"))
    assert similar_cases(index, physical_therapy, KNEE) is None  # 9 decisions
    assert similar_cases(index, physical_therapy, KNEE, minimum=9) == Similar(
        9, 3, 6, (2015, 2017), (On.TREATMENT_SUBCATEGORY, On.DIAGNOSIS)
    )
    assert similar_cases(index, matched(match_treatment("wheelchair")), None) is None


def test_spaced_headers_and_semicolons() -> None:
    index = load_index(FIXTURES / "spaced_semicolon.csv")
    chemo = matched(match_treatment("chemotherapy"))
    breast = matched(match_diagnosis("breast cancer"))
    assert similar_cases(index, chemo, breast, "Experimental/Investigational") == Similar(
        11, 6, 5, (2005, 2009), (On.TREATMENT_SUBCATEGORY, On.DIAGNOSIS, On.TYPE)
    )


def test_missing_columns_and_missing_files_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(ImrDataError, match="no determination column"):
        load_index(FIXTURES / "no_determination.csv")
    with pytest.raises(ImrDataError, match="cannot read the IMR data file"):
        load_index(tmp_path / "absent.csv")
    with pytest.raises(ImrDataError, match="empty"):
        index_lines([])


def test_the_file_is_read_once(tmp_path: Path) -> None:
    path = tmp_path / "imr.csv"
    path.write_text((FIXTURES / "spaced_semicolon.csv").read_text())
    assert load_index(path) is load_index(path)


def test_years_are_optional_and_rows_stream_from_lines() -> None:
    lines = ["TreatmentCategory,Determination\n"]
    lines += ["Pharmacy,Overturned Decision of Health Plan\n"] * 7
    lines += ["Pharmacy,Upheld Decision of Health Plan\n"] * 3
    index = index_lines(iter(lines))
    assert similar_cases(index, pharmacy_match()) == Similar(
        10, 7, 3, None, (On.TREATMENT_CATEGORY,)
    )


def test_cover_note_in_english_and_spanish() -> None:
    similar = Similar(412, 173, 239, (2015, 2024), (On.TREATMENT_CATEGORY, On.DIAGNOSIS))
    english = cover_note(similar, "en")
    assert english[0] == (
        "In 412 Independent Medical Reviews (IMRs) about the same kind of treatment for the same "
        "kind of condition, decided 2015\u20132024, the reviewer overturned the plan's denial in "
        "173 (42%)."
    )
    assert english[1].startswith("Past results do not predict your case")
    spanish = cover_note(similar, "es-MX")
    assert spanish[0] == (
        "En 412 Revisiones Médicas Independientes (IMR) sobre el mismo tipo de tratamiento para "
        "el mismo tipo de afección, decididas entre 2015 y 2024, el revisor revocó la negación "
        "del plan en 173 (42 %)."
    )
    assert spanish[1].startswith("Los resultados pasados no predicen")


def test_cover_note_without_years_or_diagnosis() -> None:
    similar = Similar(23, 7, 16, None, (On.TREATMENT_SUBCATEGORY, On.TYPE))
    assert cover_note(similar, "en")[0] == (
        "In 23 Independent Medical Reviews (IMRs) about the same treatment, the reviewer "
        "overturned the plan's denial in 7 (30%)."
    )
    assert cover_note(Similar(10, 10, 0, (2024, 2024), (On.TREATMENT_SUBCATEGORY,)), "es")[0] == (
        "En 10 Revisiones Médicas Independientes (IMR) sobre el mismo tratamiento, decididas en "
        "2024, el revisor revocó la negación del plan en 10 (100 %)."
    )
    assert cover_note(None, "en") == ()


def test_category_tables() -> None:
    assert match_treatment(None) is Unmatched.NOTHING
    assert match_treatment("a new wonder device") is Unmatched.NO_KEYWORD
    assert match_treatment("Resonancia magnética de rodilla") == MRI
    assert matched(match_treatment("MRI")).subcategories == frozenset({"mri"})
    assert match_treatment("acupuncture and chemotherapy") is Unmatched.AMBIGUOUS
    assert match_diagnosis("depression and anxiety") is Unmatched.AMBIGUOUS
    # A generic word counts only when nothing specific matches.
    assert matched(match_treatment("Harvoni medication")).name == "Hepatitis C antivirals"
    assert matched(match_diagnosis("breast cancer")).name == "Breast cancer"


def test_past_outcomes_and_suggest_from_settings(caplog: pytest.LogCaptureFixture) -> None:
    settings = EvidenceSettings(imr_data_file=FIXTURES / "determinations.csv")
    similar = past_outcomes(
        settings,
        treatment="MRI lumbar spine",
        condition="low back pain",
        category=Category.MEDICAL_NECESSITY,
    )
    assert similar is not None
    assert (similar.total, similar.overturned) == (12, 8)
    found = suggest(settings, treatment="MRI", condition="back pain", language="es")
    assert found.citations == ()
    assert found.similar is not None
    assert found.similar.total == 15
    assert found.note[0].startswith("En 15 Revisiones")
    assert suggest(EvidenceSettings(), treatment="MRI", condition="back pain", language="en") == (
        suggest(settings, treatment=None, condition="back pain", language="en")
    )
    broken = EvidenceSettings(imr_data_file=FIXTURES / "no_determination.csv")
    with caplog.at_level(logging.WARNING):
        assert suggest(broken, treatment="MRI", condition="back pain", language="en").note == ()
    assert "no determination column" in caplog.text
    assert "back pain" not in caplog.text.lower()


@pytest.mark.corpus
def test_the_cleaned_extract_in_the_corpus() -> None:
    """1,307 real decisions with snake_case headers and no year column (read in place)."""
    path = IMR_CORPUS / "from-baileykayla953" / "urgentcare_clean.csv"
    require(path.is_file(), f"the IMR corpus file is not at {path}")
    index = load_index(path)
    assert index.rows + index.skipped == 1307
    hepatitis = similar_cases(
        index, matched(match_treatment("Harvoni")), matched(match_diagnosis("hepatitis C"))
    )
    assert hepatitis is not None
    assert hepatitis.matched_on == (On.TREATMENT_SUBCATEGORY, On.DIAGNOSIS)
    assert hepatitis.years is None
    assert hepatitis.total == hepatitis.overturned + hepatitis.upheld >= 100
    assert hepatitis.overturned > hepatitis.upheld
    assert cover_note(hepatitis, "en")[0].startswith(f"In {hepatitis.total} Independent")


@pytest.mark.corpus
@pytest.mark.parametrize("name", ["eval_set_imr_preview.csv", "eval_set_imr.parquet.as.csv"])
def test_the_full_rows_in_the_corpus(name: str) -> None:
    """20 rows of the current export, with long quoted Findings text."""
    path = IMR_CORPUS / "from-denial-defence" / name
    require(path.is_file(), f"the IMR corpus file is not at {path}")
    index = load_index(path)
    assert (index.rows, index.skipped) == (20, 0)
    pharmacy = similar_cases(index, pharmacy_match(), minimum=1)
    assert pharmacy is not None
    assert (pharmacy.total, pharmacy.overturned) == (8, 0)  # every row here was upheld
    assert pharmacy.years is not None
    assert 2023 <= pharmacy.years[0] <= pharmacy.years[1] <= 2026


@pytest.mark.corpus
def test_the_official_schema_matches_the_columns_read() -> None:
    """The data package's schema names every column the loader looks for."""
    import json

    path = IMR_CORPUS / "from-denial-defence" / "datapackage.json"
    require(path.is_file(), f"the IMR data package is not at {path}")
    fields = json.loads(path.read_text())["resources"][0]["schema"]["fields"]
    folded = {header_key(f["name"]) for f in fields}
    from denialwatch.evidence.imr_stats import Column

    assert {c.value for c in Column} <= folded
