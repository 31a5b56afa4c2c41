"""The office's duplicate rules: names folded the same way, each pair flagged with its reason,
and a crowd sharing a common name paired without comparing everyone with everyone."""

from __future__ import annotations

from kiosk.duplicates import Person, find_duplicates, fold, people_from_rows


def flags(*people: Person) -> dict[tuple[str, str], list[str]]:
    out: dict[tuple[str, str], list[str]] = {}
    for a, b, why in find_duplicates(list(people)):
        out.setdefault((a, b), []).append(why)
    return out


def test_fold_ignores_case_accents_hyphens_spaces_and_apostrophes():
    assert fold("José Pérez-Gómez") == fold("JOSE PEREZ GOMEZ") == fold("jose perezgomez") == "joseperezgomez"
    assert fold("O'Brien") == fold("OBRIEN") and fold("Łukasz") == "lukasz" and fold("Nguyễn") == "nguyen"


def test_duplicate_rules_each_say_why():
    dob = "1980-04-02"
    assert flags(Person("a", first="Jane", last="Doe", dockets=["2016KN074376"]),
                 Person("b", first="Other", last="Person", date_of_birth="1950-01-01",
                        dockets=["2016kn074376"])) == {("a", "b"): ["same docket"]}
    assert flags(Person("a", first="José", last="Pérez-Gómez", date_of_birth=dob),
                 Person("b", first="JOSE", last="PEREZ GOMEZ", date_of_birth=dob)) == {("a", "b"): ["same name"]}
    assert flags(Person("a", first="Jane", last="Doe", date_of_birth=dob),
                 Person("b", first="Doe", last="Jane", date_of_birth=dob)) == \
        {("a", "b"): ["same name with first and last swapped"]}
    assert flags(Person("a", first="Jane", last="Doe", date_of_birth=dob, aliases=["Janet Smith-Jones"]),
                 Person("b", first="Janet", last="Smith Jones", date_of_birth=dob)) == \
        {("a", "b"): ["an alias matches the other's name"]}
    assert flags(Person("a", first="Jane", last="Doe"), Person("b", first="Jane", last="Doe", date_of_birth=dob)) \
        == {("a", "b"): ["same name; date of birth missing on one record"]}
    assert flags(Person("a", first="Jane", last="Doe"), Person("b", first="jane", last="doe")) == \
        {("a", "b"): ["same name; no date of birth on either record"]}
    assert flags(Person("a", first="Jane", last="Doe", date_of_birth=dob),
                 Person("b", first="Jane", last="Doe", date_of_birth="1981-04-02")) == {}
    assert flags(Person("a", first="Jane", middle="Q", last="Doe", date_of_birth=dob),
                 Person("b", first="Jane", last="Doe", date_of_birth=dob)) == {("a", "b"): ["same name"]}


def test_a_common_name_with_many_birthdays_is_not_quadratic():
    crowd = [Person(f"p{i:05d}", first="José", last="Rodríguez", date_of_birth=f"19{50 + i % 50}-01-{1 + i % 28:02d}")
             for i in range(3000)]
    pairs = find_duplicates(crowd)
    by_birthday: dict[str, list[str]] = {}
    for p in crowd:
        by_birthday.setdefault(p.date_of_birth, []).append(p.id)
    expected = {(a, b) for ids in by_birthday.values() for a in ids for b in ids if a < b}
    # exactly the people sharing both name and birthday are paired, each pair once
    assert sorted((a, b) for a, b, _ in pairs) == sorted(expected) and {why for _, _, why in pairs} == {"same name"}


def test_people_from_rows_gathers_each_applicants_aliases_and_dockets():
    people = people_from_rows([("a", "R-1", "Jane", "", "Doe", "1980-04-02"),
                               ("b", "R-2", "Doe", "", "Jane", "1980-04-02")],
                              [("a", "Janie Doe"), ("z", "No Such Applicant")], [("a", "2016KN074376")])
    assert [(p.id, p.aliases, p.dockets) for p in people] == [("a", ["Janie Doe"], ["2016KN074376"]), ("b", [], [])]
    assert [p.reference for p in people] == ["R-1", "R-2"]
    assert find_duplicates(people) == [("a", "b", "same name with first and last swapped")]


def test_two_people_without_a_docket_are_not_the_same_docket():
    assert flags(Person("a", first="Jane", last="Doe", dockets=[""]),
                 Person("b", first="Other", last="Person", date_of_birth="1950-01-01", dockets=[""])) == {}
