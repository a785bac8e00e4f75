"""Issue 11 items 3-5: paragraphs and their labels, U+2028/U+2029, the splitting fixes."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from briefing_tui.core.segment import SEGMENTER_VERSION, segment
from briefing_tui.core.segment.abbreviations import ABBREVIATIONS
from briefing_tui.core.text import decode_bytes

from .constants import DATA

GOLDEN: list[dict[str, Any]] = yaml.safe_load(
    (DATA / "pysbd_golden_en.yaml").read_text(encoding="utf-8"))


def sentences(text: str) -> list[str]:
    split = segment(text)
    return [split.sentence_text(i) for i in range(len(split))]


def real(name: str) -> str:
    return decode_bytes((DATA / "real" / name).read_bytes()).text


def test_at_least_42_of_pysbds_48_golden_rules_pass() -> None:
    assert len(GOLDEN) == 48
    passed = [rule["text"] for rule in GOLDEN if sentences(rule["text"]) == rule["sentences"]]
    assert len(passed) >= 42


def test_sudan_statement_is_one_paragraph_per_line_and_no_sentence_is_cut() -> None:
    text = real("ungdc_SDN_78_2023_sudan.txt")
    split = segment(text)
    # 18 lines; two go on in lowercase mid-sentence ("at \nits", "call on \nall")
    assert text.count("\n") == 18
    assert split.paragraph_count == 16
    assert "the Assembly at \nits seventy-seventh session" in "".join(sentences(text))
    assert [split.para_labels[p] for p in range(split.paragraph_count)] == [""] * 16
    assert split.sentence(len(split) - 1).paragraph == 16


def test_pakistan_statement_is_cited_by_its_own_paragraph_numbers() -> None:
    text = real("ungdc_PAK_20_1965_pakistan_LFCR.txt")
    split = segment(text)
    labels = [label for label in split.para_labels if label]
    assert labels == [str(n) for n in range(93, 178)]
    first = split.sentence(0)
    assert (first.label, split.paragraph_label(0)) == ("93", "93")
    assert split.sentence_text(0).startswith("Mr. President, I should first")
    tabbed = next(i for i in range(len(split)) if split.paragraph_label(i) == "135")
    assert split.sentence_text(tabbed).startswith("Finally, India cannot deny it")


@pytest.mark.parametrize(("text", "label", "first"), [
    ("48.\tSome people say it is over. It is not.", "48", "Some people say it is over."),
    ("(a) the first point is made here.", "(a)", "the first point is made here."),
    ("1.2\tScope of the report.", "1.2", "Scope of the report."),
    ("1.2 million people fled.", "", "1.2 million people fled."),
    ("1. Security situation remains volatile.", "", "1. Security situation remains volatile."),
])
def test_paragraph_labels(text: str, label: str, first: str) -> None:
    split = segment(text)
    assert split.para_labels == [label]
    assert split.sentence_text(0) == first
    assert split.paragraph_label(0) == (label or "1")


def test_a_short_paragraph_numbered_next_is_labelled_too() -> None:
    body = "The war began in April and has displaced millions of people. " * 3
    text = f"17. {body}\n\n18. This Declaration also stated:\n\n\"Peace now.\""
    assert segment(text).para_labels == ["17", "18", ""]


def test_line_and_paragraph_separators_end_units_and_stay_in_the_text() -> None:
    release = ("ISAF Joint Command - Afghanistan\u20282011-01-S-115\u2028For Immediate Release"
               "\u2028\u00a0\u2028KABUL, Afghanistan (Jan. 10, 2011) – \u2028Sangin/Helmand"
               "\u2028In the same area, coalition forces killed two insurgents. More later."
               "\u2029By Staff Sgt. John Smith\u2028The patrol returned.")
    split = segment(release)
    assert sentences(release) == [
        "ISAF Joint Command - Afghanistan", "2011-01-S-115", "For Immediate Release",
        "KABUL, Afghanistan (Jan. 10, 2011) –", "Sangin/Helmand",
        "In the same area, coalition forces killed two insurgents.", "More later.",
        "By Staff Sgt. John Smith", "The patrol returned."]
    assert split.paragraph_count == 3  # the blank U+2028 line and U+2029 break paragraphs
    wrapped = "Troops crossed the\u2028river at dawn."
    assert sentences(wrapped) == [wrapped]  # a wrapped line in U+2028 still joins


def test_release_header_and_dateline_stand_alone() -> None:
    text = ("2013-01-S-025\n\nKABUL, Afghanistan (Jan. 25, 2013)\nDuring a security operation "
            "in Andar district, an Afghan force killed Alaudin. He led a group.")
    assert sentences(text) == ["2013-01-S-025", "KABUL, Afghanistan (Jan. 25, 2013)",
                               "During a security operation in Andar district, an Afghan "
                               "force killed Alaudin.", "He led a group."]


@pytest.mark.parametrize(("text", "expected"), [
    ("پاکستان نے امداد بھیج دیا۔ یہ ایک بحران ہے۔",
     ["پاکستان نے امداد بھیج دیا۔", "یہ ایک بحران ہے۔"]),
    ("هل انتهت الحرب؟ لا أحد يعرف.", ["هل انتهت الحرب؟", "لا أحد يعرف."]),
    ("他说。我们走吧。", ["他说。", "我们走吧。"]),
    ("भारत ने कहा। यह संकट है।", ["भारत ने कहा।", "यह संकट है।"]),
])
def test_other_scripts_full_stops_end_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("He said “We will hold the bridge. We have enough ammunition.” Then he left.",
     ["He said “We will hold the bridge. We have enough ammunition.”", "Then he left."]),
    ('The order read "Hold. Do not advance." and was signed.',
     ['The order read "Hold. Do not advance." and was signed.']),
    ("Fighters crossed the D.R.C. border on Monday. They withdrew.",
     ["Fighters crossed the D.R.C. border on Monday.", "They withdrew."]),
])
def test_no_break_inside_a_short_quote_or_before_a_lowercase_continuation(
        text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize("line_start", ["— most of it", "W. E. B. Du Bois", "p. 17) show",
                                        "ill. Doctors", "162. The ministry", "A. Rahman said"])
def test_a_hard_wrap_never_makes_a_list_item(line_start: str) -> None:
    prose = ("Officials said the figures for the province were checked again and again by "
             "the\n")
    filler = "mission before they were released to the press in the capital on Monday.\n"
    text = prose + line_start + " and more words follow here in the second line of it.\n" \
        + filler + filler
    flat = text.replace("\n", " ").strip()
    assert segment(text).starts.tolist() == segment(flat).starts.tolist()


def test_two_line_paragraphs_use_the_documents_wrap_width() -> None:
    wrapped = ("The mission said that the convoy had been stopped at the crossing\n"
               "by armed men. It was released the next day after long talks with\n"
               "the elders of the district and the provincial governor himself.\n\n") * 4
    two = ("Officials of the provincial council met the displaced families\n"
           "Tuesday and promised tents.")
    assert sentences(wrapped + two)[-1] == two


def test_curated_abbreviations_leave_ordinary_words_out() -> None:
    assert len(ABBREVIATIONS) < 200
    for word in ("month", "century", "story", "will", "york", "sir", "kg", "km"):
        assert word not in ABBREVIATIONS
    assert sentences("Fighting lasted a month. Talks began.") == [
        "Fighting lasted a month.", "Talks began."]
    assert sentences("He moved to New York. Talks began.") == [
        "He moved to New York.", "Talks began."]


def test_segmenter_version_is_bumped_for_the_new_rules() -> None:
    assert SEGMENTER_VERSION.endswith("+briefing.3")


@pytest.mark.parametrize("text, expected", [
    ("Figure 1. Departments in alert", ["Figure 1. Departments in alert"]),
    ("Figure 2. Hôpital Immaculée Conception des Cayes. The hospital is flooded.",
     ["Figure 2. Hôpital Immaculée Conception des Cayes.", "The hospital is flooded."]),
    ("Table 3. Displaced people by department", ["Table 3. Displaced people by department"]),
    ("Map IV. Roads cut", ["Map IV. Roads cut"]),
    # a label inside a sentence changes nothing; a sentence ending in one still ends
    ("As Figure 1. shows, roads are cut. Talks began.",
     ["As Figure 1. shows, roads are cut.", "Talks began."]),
    ("The roads are shown in Figure 1. Talks began.",
     ["The roads are shown in Figure 1.", "Talks began."]),
])
def test_a_caption_label_is_no_sentence_of_its_own(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected
