"""Every group of REST routes, in the order they are registered and documented."""

from __future__ import annotations

from functions.api import accounts, docs
from functions.api.routing import ApiRoutes

API_ROUTES: tuple[ApiRoutes, ...] = (accounts.routes, docs.routes)
