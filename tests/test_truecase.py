"""Truecasing: offsets kept, lexicon casings, context rules, the packaged table."""

from __future__ import annotations

import gzip
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from incidents.nlp.truecase import lexicon, needs_truecasing, parse_table, shape_casing, truecase


def only_case_changed(original: str, cased: str) -> bool:
    return len(original) == len(cased) and all(
        a == b or b in (a.upper(), a.lower()) for a, b in zip(original, cased, strict=True))


# --- what it may change ----------------------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_truecase_changes_letter_case_only(text: str) -> None:
    assert only_case_changed(text, truecase(text))


_WIRE = st.lists(
    st.one_of(
        st.sampled_from(["THE", "FMLN", "SAN", "SALVADOR", "EL", "KILLED", "US", "(", ")", "[",
                         "]", "--", ".", ",", "'S", "O'", "-", "\n", "\n\n", "   ", "3 JAN 90",
                         "ß", "İ", "ŉ", "Ǆ", "ﬁ", "\u2019", "M-16", "U.S.", "A.", "Ñ", "É",
                         "ΟΔΟΣ", "Σ"]),
        st.text(alphabet=st.characters(categories=("Lu", "Nd", "Zs", "Po")), max_size=12),
    ),
    max_size=60,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(_WIRE)
def test_truecase_wire_like_text_keeps_offsets(text: str) -> None:
    for variant in (text, text.lower()):
        assert only_case_changed(variant, truecase(variant))


def test_truecase_leaves_informative_casing_alone() -> None:
    text = "Gunmen killed two police officers in Makhachkala, officials said."
    assert not needs_truecasing(text)
    assert truecase(text) is text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (("GUERRILLAS KILLED A PEASANT IN THE CITY OF FLORES, IN THE NORTHERN EL PETEN "
         "DEPARTMENT."), True),
        ("the fmln attacked san salvador on monday, the army said.", True),
        ("Gunmen killed two police officers, officials said.", False),
        ("A NATO summit opened in Brussels on Monday with the EU and the UN present.", False),
        ("BOMB", False),  # too short to judge
        ("", False),
    ],
)
def test_needs_truecasing(text: str, expected: bool) -> None:
    assert needs_truecasing(text) is expected


def test_length_changing_case_is_left_alone() -> None:
    # U+0149 upper-cases to two characters; so does the first letter of "ß..."
    text = "\u0149 ßtrasse was hit in the night. ßtrasse again."
    out = truecase(text)
    assert len(out) == len(text)
    assert out.startswith("\u0149 ")
    assert "ßtrasse again" in out


# --- words --------------------------------------------------------------------------------

def test_muc_sentence() -> None:
    text = ("GUERRILLAS KILLED A PEASANT IN THE CITY OF FLORES, IN THE NORTHERN EL PETEN "
            "DEPARTMENT, AND BURNED A TANK TRUCK.")
    assert truecase(text) == ("Guerrillas killed a peasant in the city of Flores, in the "
                              "northern El Peten Department, and burned a tank truck.")


@pytest.mark.parametrize("acronym", ["FMLN", "URNG", "ELN", "FARC", "UN"])
def test_acronyms_stay_upper_case(acronym: str) -> None:
    out = truecase(f"THE REBELS OF THE {acronym} ATTACKED A POST NEAR THE BORDER.")
    assert f" {acronym} " in out
    assert out.startswith("The rebels of the ")


def test_us_the_country_and_us_the_pronoun() -> None:
    out = truecase("US FORCES WERE NOT INVOLVED, THE OFFICERS TOLD US THAT NIGHT. THE US "
                   "EMBASSY IS CLOSED.")
    assert out == ("US forces were not involved, the officers told us that night. The US "
                   "embassy is closed.")


@pytest.mark.parametrize("place", ["Ayacucho", "Usulutan", "Bogotá", "Kandahar"])
def test_place_names_are_title_case(place: str) -> None:
    out = truecase(f"A BOMB EXPLODED IN {place.upper()} ON MONDAY, POLICE SAID.")
    assert f" {place} " in out


def test_multi_word_places() -> None:
    out = truecase("TROOPS FROM EL SALVADOR AND NEW YORK POLICE MET IN THE WEST BANK TODAY.")
    assert "El Salvador" in out and "New York" in out and "West Bank" in out


def test_hyphens_and_apostrophes() -> None:
    out = truecase("A SOVIET-MADE AK-47 AND AN M-16 WERE FOUND IN THE COUNTRY'S NORTH. "
                   "O'BRIEN SAID THEY DON'T KNOW WHO D'AUBUISSON MET.")
    assert out == ("A Soviet-made AK-47 and an M-16 were found in the country's north. "
                   "O'Brien said they don't know who D'Aubuisson met.")


def test_unknown_words_are_names_or_acronyms() -> None:
    assert shape_casing("villamariona") == "Villamariona"
    assert shape_casing("urng") == "URNG"
    assert shape_casing("fmln") == "FMLN"
    assert shape_casing("anzor") == "Anzor"
    out = truecase("THE KILLING OF GENERAL VILLAMARIONA WAS CONFIRMED BY THE URNG.")
    assert out == "The killing of General Villamariona was confirmed by the URNG."


def test_dotted_abbreviations_and_initials() -> None:
    out = truecase("THE U.S. EMBASSY SAID A. K. AMBEDKAR LEFT AT 9 P.M. ON MONDAY.")
    assert out.startswith("The U.S. embassy said A. K. Ambedkar left at 9 ")


# --- context --------------------------------------------------------------------------

def test_muc_dateline_and_text_tag() -> None:
    text = ("   SAN SALVADOR, 3 FEB 90 (ACAN-EFE) -- [TEXT] THE ARMED FORCES REPORTED THAT "
            "TERRORISTS ATTACKED A POST.")
    assert truecase(text) == ("   San Salvador, 3 Feb 90 (ACAN-EFE) -- [TEXT] The armed forces "
                              "reported that terrorists attacked a post.")


def test_wire_dateline_with_state_and_source() -> None:
    text = "LAS VEGAS, NV (KTNV) -- A 17-YEAR-OLD WAS SHOT IN THE LEG, POLICE SAID."
    assert truecase(text) == ("Las Vegas, NV (KTNV) -- A 17-year-old was shot in the leg, "
                              "police said.")


def test_dateline_only_at_a_paragraph_start() -> None:
    text = ("A REPORT BY THE AGENCY -- MOUTHPIECE OF\nTHE GUATEMALAN NATIONAL REVOLUTIONARY "
            "UNITY (URNG) -- WHOSE OFFICES ARE IN MEXICO, SAYS SO.")
    out = truecase(text)
    assert "\nthe Guatemalan National Revolutionary Unity (URNG) -- whose" in out


def test_sentence_and_paragraph_starts() -> None:
    text = ("POLICE ARRIVED. THEY FOUND NOTHING! WHY? (THE ARMY LEFT.) THE END\n\n"
            "A NEW PARAGRAPH\n   AN INDENTED ONE\nA WRAPPED LINE")
    assert truecase(text) == ("Police arrived. They found nothing! Why? (The army left.) The "
                              "end\n\nA new paragraph\n   An indented one\na wrapped line")


def test_abbreviations_do_not_end_sentences() -> None:
    out = truecase("GEN. MAZA AND MR. SMITH MET AT HOUSE NO. 4 IN THE U.S. THE TALKS FAILED.")
    assert out.startswith("Gen. Maza and Mr. Smith met at house no. 4 in the U.S. ")


def test_acronym_definition_capitalises_the_name() -> None:
    out = truecase("MEMBERS OF THE ULSTER DEFENSE ASSOCIATION (UDA) AND OF THE REVOLUTIONARY "
                   "ARMED FORCES OF COLOMBIA (FARC) AND THE FARABUNDO MARTI NATIONAL "
                   "LIBERATION FRONT [FMLN] MET.")
    assert "the Ulster Defense Association (UDA)" in out
    assert "the Revolutionary Armed Forces of Colombia (FARC)" in out
    assert "the Farabundo Marti National Liberation Front [FMLN]" in out


def test_titles_heads_and_particles() -> None:
    out = truecase("MAJOR RENE RODRIGUEZ SAID THAT NAVARRO COUNTY POLICE FOUND THE BODY NEAR "
                   "LA ESPERANZA FARM IN SAN LUIS DE LA REINA, BUT A MAJOR ROAD WAS CLOSED.")
    assert out == ("Major Rene Rodriguez said that Navarro County police found the body near "
                   "La Esperanza farm in San Luis de la Reina, but a major road was closed.")


def test_lower_case_text() -> None:
    out = truecase("the fmln attacked san salvador on monday. president cristiani said the "
                   "u.s. embassy was closed.")
    assert out == ("The FMLN attacked San Salvador on Monday. President Cristiani said the "
                   "U.S. embassy was closed.")


def test_words_with_informative_case_are_kept() -> None:
    out = truecase("THE McDONALD'S IN eBAY CITY WAS ATTACKED BY GUNMEN ON SUNDAY NIGHT.")
    assert "McDONALD'S" in out and "eBAY" in out


# --- the table ------------------------------------------------------------------------------

def test_packaged_table_loads_and_is_small() -> None:
    raw = resources.files("incidents").joinpath("data", "truecase.tsv.gz").read_bytes()
    assert len(raw) < 2_000_000
    assert gzip.decompress(raw).decode("utf-8").startswith("# truecasing table")
    lex = lexicon()
    assert lex is lexicon()  # loaded once
    assert lex.words["nato"] == "NATO" and lex.words["mcdonald"] == "McDonald"
    assert "fmln" not in lex.words  # shape_casing gives it anyway
    assert "attack" in lex.known and "attack" not in lex.words
    assert lex.phrases["el salvador"] == "El Salvador"


def test_parse_table_format() -> None:
    lex = parse_table("# comment\n@cased\nFMLN\nMcDonald\n@known\nattack\nthe\n"
                      "@phrases\nEl Salvador\nSan Luis de la Reina\n")
    assert lex.words == {"fmln": "FMLN", "mcdonald": "McDonald"}
    assert lex.known == frozenset({"attack", "the"})
    assert lex.phrase_starts == {"el": 2, "san": 5}
    assert "san luis" in lex.phrase_pairs


def test_parse_table_rejects_a_damaged_table() -> None:
    with pytest.raises(ValueError, match="no known, phrases section"):
        parse_table("@cased\nFMLN\n")
