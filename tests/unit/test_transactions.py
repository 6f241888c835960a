"""``core.storage.transact``: cancellation codes come back in the order the items were added
(PynamoDB sends checks, deletes, puts and updates in that order), a commit is ``[]``."""

from __future__ import annotations

from pynamodb.attributes import UnicodeAttribute
from pynamodb.models import Model

from core.storage import CONDITION_FAILED, TableLocation, bind, transact
from infra.tables import table
from tests.support.events import REGION, STAGE


class Item(Model):
    class Meta:
        table_name = "unbound"

    pk = UnicodeAttribute(hash_key=True)


def test_codes_follow_the_order_items_were_added(aws):
    location = TableLocation(table("users").physical_name(STAGE), REGION)
    model = bind(Item, location)
    model("taken").save()

    def write(transaction):
        transaction.save(model("new"), condition=model.pk.does_not_exist())
        transaction.condition_check(model, "taken", condition=model.pk.does_not_exist())
        transaction.delete(model("other"))
        transaction.save(model("another"))

    codes = transact(location, write)
    assert codes[1] == CONDITION_FAILED
    assert CONDITION_FAILED not in codes[:1] + codes[2:]
    assert transact(location, lambda t: t.save(model("fresh"))) == []
