"""Search terms of a contact and how queries match them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from core.contacts.models import ContactDraft, Email, Phone
from core.contacts.terms import (
    MAX_TERMS,
    index_prefix,
    is_first_hit,
    matches,
    query_tokens,
    terms_of,
)

ADA = ContactDraft(
    name="Ada Lovelace-Byron",
    phones=(Phone("+44 20 7946 0000"),),
    emails=(Email("ada.king@analytical.co.uk"),),
    company="Analytical Engines",
    tags=("Math", "VIP"),
)


def test_terms_fold_case_and_accents_and_index_phones_and_tags():
    terms = set(terms_of(ADA))
    assert {"ada", "lovelace", "byron", "analytical", "engines", "#math", "#vip"} <= terms
    assert {"ada.king@analytical.co.uk", "king", "co"} <= terms
    assert {"442079460000", "2079460000", "02079460000"} <= terms
    assert "uk" not in terms
    assert set(terms_of(ContactDraft(name="Émile ZOLA"))) == {"emile", "zola"}


def test_query_tokens():
    assert query_tokens("  Émile  Zo ") == ["emile", "zo"]
    assert query_tokens("+44 (20) 79-46") == ["44207946"]
    assert query_tokens("Ada@Ana ") == ["ada@ana"]
    assert query_tokens("") == query_tokens(None) == []
    assert query_tokens("#vip") == ["vip"]


def test_matching():
    assert matches(ADA, ["ada", "love"], None)
    assert matches(ADA, ["0207"], "vip")
    assert not matches(ADA, ["ada"], "work")
    assert not matches(ADA, ["zola"], None)
    assert index_prefix(["ada", "lovelace"], None) == "lovelace"
    assert index_prefix([], "VIP") == "#vip#"
    assert index_prefix([], None) is None


names = st.lists(
    st.sampled_from(["ada", "adam", "adair", "bo", "Ådne", "a-b", "x"]), min_size=1, max_size=6
)


@given(names, st.sampled_from(["a", "ad", "ada", "b", "x", "z"]))
def test_each_matching_contact_has_exactly_one_first_hit(parts, prefix):
    draft = ContactDraft(name=" ".join(parts))
    hits = [term for term in terms_of(draft) if (term + "#").startswith(prefix)]
    firsts = [term for term in hits if is_first_hit(draft, term, prefix)]
    assert len(firsts) == (1 if hits else 0)


@given(
    st.lists(st.text(min_size=1, max_size=12), max_size=60),
    st.lists(st.text(min_size=1, max_size=40), max_size=20),
)
def test_terms_are_bounded_and_never_empty(words, tags):
    draft = ContactDraft(name=" ".join(words) or "x", tags=tuple(tags))
    terms = terms_of(draft)
    assert len(terms) <= MAX_TERMS
    assert all(terms)
    assert len(set(terms)) == len(terms)
