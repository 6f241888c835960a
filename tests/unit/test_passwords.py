from __future__ import annotations

from core.auth.passwords import Argon2Parameters, PasswordHasher

CHEAP = Argon2Parameters(time_cost=1, memory_cost_kib=1024, parallelism=1)


def test_hashes_are_argon2id_and_verify():
    hasher = PasswordHasher(CHEAP)
    hashed = hasher.hash("correct horse")
    assert hashed.startswith("$argon2id$")
    assert hasher.verify(hashed, "correct horse")
    assert not hasher.verify(hashed, "wrong horse")


def test_the_same_password_hashes_differently_each_time():
    hasher = PasswordHasher(CHEAP)
    assert hasher.hash("correct horse") != hasher.hash("correct horse")


def test_no_hash_never_verifies():
    hasher = PasswordHasher(CHEAP)
    assert not hasher.verify(None, "decoy password that matches nothing")
    assert not hasher.verify("not a hash", "anything")
