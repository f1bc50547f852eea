"""The dashboard as a JupyterHub service: the hub's login and group roles instead of a token.

`careerkit dashboard --hub` gives Voilà these classes by name, so only that process imports
jupyterhub (`pip install 'careerkit[hub]'`). They are jupyterhub's own, from the single-user
server (`jupyterhub.singleuser.extension`), which reads everything it needs from the variables
the hub sets for a managed service: its API token, OAuth client id, callback URL and the
`access:services!service=NAME` scope a visitor must hold.
"""

from __future__ import annotations

from typing import Any

from jupyterhub.singleuser.extension import (  # type: ignore[import-untyped]  # no hints
    JupyterHubAuthorizer,
    JupyterHubIdentityProvider,
)

__all__ = ["HubAuthorizer", "HubIdentityProvider"]


class HubIdentityProvider(JupyterHubIdentityProvider):  # type: ignore[misc]  # untyped base
    """jupyterhub's identity provider, as Voilà builds it.

    Voilà hands every identity provider a `token` (its own login token, empty here); this one's
    token is the hub's API token, read-only, so the given one is dropped.
    """

    def __init__(self, **kwargs: Any) -> None:
        kwargs.pop("token", None)
        super().__init__(**kwargs)


class HubAuthorizer(JupyterHubAuthorizer):  # type: ignore[misc]  # untyped base
    """Every action needs the service's access scope (the hub grants it by role or group)."""
