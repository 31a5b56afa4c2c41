"""kiosk.caselist.match: the name keys the list carries and the typed name is cut into, and the
rules of a match (one typo, one word missing, each person word serving one typed word)."""

from __future__ import annotations

from kiosk.caselist import match


def test_words_fold_accents_case_apostrophes_and_separators():
    assert match.words("José  Álvarez-Núñez, O’Brien") == ["jose", "alvarez", "nunez", "obrien"]
    assert match.words(" - ") == []


def test_a_part_of_several_words_is_also_keyed_joined_and_by_neighbours():
    assert match.name_tokens(["De La Cruz"]) == {"de", "la", "cruz", "delacruz", "dela", "lacruz"}
    keys = match.person_keys({"first_name": "Jane", "middle_name": "", "last_name": "Doe", "aliases": ["Janie D"]})
    assert keys == "doe jane|d janie janied"
    assert match.key_rows(keys) == [("doe", 0), ("jane", 0), ("d", 1), ("janie", 1), ("janied", 1)]


def test_initials_and_suffixes_are_left_out_of_the_query_unless_nothing_else_remains():
    assert match.query_words("Jose A. Nunez Jr.") == ["jose", "nunez"]
    assert match.query_words("J. R.") == ["j", "r"]
    assert len(match.query_words(" ".join(f"w{i}" for i in range(20)))) == match.MAX_WORDS
    ws, groups = match.query_groups("a b c d")
    assert ws == ["a", "b", "c", "d"] and groups[(0, 3)] == "abc" and (0, 4) not in groups


def test_one_edit_is_exactly_one_change_addition_drop_or_swap():
    assert match.one_edit("jose", "jsoe") and match.one_edit("jose", "joe") and match.one_edit("jose", "josie")
    assert match.one_edit("jose", "jase")
    assert not match.one_edit("jose", "jose") and not match.one_edit("jose", "jsoa")
    assert not match.one_edit("jo", "jose")
    assert {"jsoe", "joe", "jase", "josex"} <= match.edits("jose") and "jose" not in match.edits("jose")
    assert all(match.one_edit("jose", e) for e in match.edits("jose"))


def test_the_trigram_query_quotes_every_trigram_once():
    assert match.trigram_query("anana") == '"ana" OR "nan"'
    assert match.trigram_query('a"bc') == '"""bc" OR "a""b"'


def test_segmentations_cut_words_into_runs_of_up_to_three():
    assert match.segmentations(0) == [[]]
    assert match.segmentations(3) == [[(0, 1), (1, 2), (2, 3)], [(0, 1), (1, 3)], [(0, 2), (2, 3)], [(0, 3)]]
    assert all(max(j - i for i, j in cut) <= match.MAX_JOIN for cut in match.segmentations(5))


def test_the_best_match_prefers_exact_allows_one_typo_or_one_missing_word():
    cuts = match.segmentations(3)
    exact = {(0, 1): [("jose", 0)], (1, 2): [("alvarez", 0)], (2, 3): [("nunez", 0)]}
    assert match.best_match(3, exact, cuts) == 0
    assert match.best_match(3, {**exact, (2, 3): [("nunez", 1)]}, cuts) == 1
    assert match.best_match(3, {**exact, (0, 1): [("jose", 1)], (2, 3): [("nunez", 1)]}, cuts) is None  # two typos
    assert match.best_match(3, {(0, 1): [("jose", 0)], (1, 2): [("alvarez", 0)]}, cuts) == 2  # one word missing
    assert match.best_match(2, {(0, 1): [("jose", 0)]}, match.segmentations(2)) is None  # too few words left
    same_word = {(0, 1): [("jose", 0)], (1, 2): [("jose", 0)]}
    assert match.best_match(2, same_word, match.segmentations(2)) is None  # one person word serves one run
