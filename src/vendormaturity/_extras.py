"""Which optional extra brings a missing module: said plainly instead of a traceback.

The extras are read from the package's own metadata (``pyproject.toml``'s
``[project.optional-dependencies]``), so the message never names an extra that does not
exist; ``test`` only gathers the others and the test tools.
"""

from __future__ import annotations

import functools
import importlib.metadata
import re

__all__ = ["extra_for", "extras"]

_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
_EXTRA = re.compile(r"""extra\s*==\s*['"]([A-Za-z0-9_-]+)['"]""")


@functools.cache
def extras() -> dict[str, str]:
    """The extra each optional dependency comes with, by its module name (``sqlalchemy``)."""
    try:
        requirements = importlib.metadata.requires("vendormaturity") or []
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - run from a source tree
        return {}
    # an extra that gathers others (serve: cli and store) lists their modules too: a module is
    # said to come with the smallest extra that brings it (sqlalchemy: store, not serve)
    brought: dict[str, set[str]] = {}
    for requirement in requirements:
        name, extra = _NAME.match(requirement), _EXTRA.search(requirement)
        if name is None or extra is None or extra.group(1) == "test":
            continue
        brought.setdefault(extra.group(1), set()).add(name.group(1).lower().replace("-", "_"))
    found: dict[str, str] = {}
    for smallest in sorted(brought, key=lambda key: (len(brought[key]), key)):
        for module in brought[smallest]:
            found.setdefault(module, smallest)
    return found


def extra_for(error: ModuleNotFoundError) -> str | None:
    """The extra that installs the module *error* could not find, or None if no extra does."""
    top = (error.name or "").partition(".")[0].lower()
    return extras().get(top)
