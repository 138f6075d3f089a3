"""A site's own catalogs: the Python module (or package) it names in its configuration.

The package has the mechanism and the field types; a site declares what it catalogs. Its
definitions module, found beside ``mkdocs.yml`` (``plugins: - kb: definitions: NAME``,
default ``definitions``), defines pydantic models that subclass :class:`kb.data.models.Entry`
and exports:

- ``CATALOGS``: a sequence of :class:`kb.data.models.CatalogSpec`, in the order readers see;
- ``RULES`` (optional): the published rules its ``Derived`` ratings name;
- ``WORDING`` (optional): a :class:`Wording`, the site's own words for entries that rest only
  on its seed sources;
- ``DIAGRAMS`` (optional): the path of a diagrams file (the pictures of techniques and tasks).

A ``vocabularies.yml`` beside the module is read first, so its models can name the site's
vocabularies. Every tool calls :func:`use` before it reads a catalog: the plugin, each ``kb``
command, ``kb generate``. Nothing imports the module any other way, so one process holds one
site's definitions.
"""

from __future__ import annotations

import importlib
import re
import sys
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from kb.data import rules, vocab
from kb.data.fields import Derived
from kb.data.introspect import ref_fields
from kb.data.models import CATALOGS, CatalogSpec, Entry

DEFAULT_MODULE = "definitions"
_NAME = re.compile(r"[a-z][a-z0-9-]*")
_MODULE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*")


class DefinitionError(Exception):
    """A site's definitions cannot be used; the message is one line, naming the file (and
    line, when there is one) to fix."""


@dataclass(frozen=True)
class Wording:
    """What the site calls an entry whose every source is a seed source (``kind: seed``):
    the mark in tables, the note on its page, and the staleness report's reason."""

    seed_mark: str = "as first reported"
    seed_title: str = "As first reported; not re-checked"
    seed_text: str = (
        "Every fact here comes from the material the catalog started from, and nobody has "
        "compared them with current sources since"
    )
    seed_stale: str = "rests only on the seed sources (not re-checked)"


@dataclass(frozen=True)
class Definitions:
    """A site's definitions in use: where they are and what they declare."""

    module: str
    base: Path
    file: Path
    catalogs: tuple[CatalogSpec, ...]
    wording: Wording = field(default_factory=Wording)
    diagrams: Path | None = None


_ACTIVE: list[Definitions] = []


def active() -> Definitions:
    """The definitions in use (:func:`use` must have run)."""
    if not _ACTIVE:
        raise DefinitionError("no catalog definitions in use (kb.data.definitions.use)")
    return _ACTIVE[0]


def in_use() -> bool:
    """True once a site's definitions are in use in this process."""
    return bool(_ACTIVE)


def wording() -> Wording:
    """The site's wording, or the package's when no definitions are in use."""
    return _ACTIVE[0].wording if _ACTIVE else Wording()


def locate(spec: str, base: Path) -> tuple[str, Path]:
    """The module name and the folder to import it from, for the plugin's ``definitions``
    option: a module name beside the configuration (``definitions``), or a path to a module
    file or package elsewhere (``../shared/definitions``, ``/srv/defs/catalogs.py``), so
    several sites can share one set of definitions."""
    if "/" not in spec and "\\" not in spec and not spec.endswith(".py"):
        return spec, base.resolve()
    path = (base / spec).resolve()
    return (path.stem if path.suffix == ".py" else path.name), path.parent


def use(spec: str, base: Path) -> Definitions:
    """Import the site's definitions (``spec``, see :func:`locate`; ``base`` is the folder
    of its configuration file), check them, and register their catalogs and rules.

    Calling it again for the same module in the same folder returns the same definitions;
    another site's in the same process is refused (the models would mix)."""
    module, base = locate(spec, base)
    if _ACTIVE:
        held = _ACTIVE[0]
        if (held.module, held.base) == (module, base):
            return held
        raise DefinitionError(
            f"{module} in {base}: this process already uses {held.module} from {held.base}"
        )
    if not _MODULE.fullmatch(module):
        raise DefinitionError(f"definitions: {module!r} is not a Python module name")
    file = _module_file(module, base)
    vocabularies = file.parent / "vocabularies.yml"
    if vocabularies.is_file():
        try:
            vocab.load_file(vocabularies)
        except vocab.VocabularyError as exc:
            raise DefinitionError(_relative(str(exc), base)) from None
    loaded = _import(module, base, file)
    defs = _read(loaded, module, base, file)
    CATALOGS.clear()
    CATALOGS.update((spec.name, spec) for spec in defs.catalogs)
    rules.RULES.clear()
    rules.RULES.update((r.name, r) for r in getattr(loaded, "RULES", ()))
    _ACTIVE.append(defs)
    try:
        _check_marks(defs, _shown(file, base))
    except DefinitionError:
        _undo()  # nothing half-registered stays in use
        raise
    return defs


def link_pages(exists: Callable[[str], bool]) -> list[str]:
    """Link each catalog's rating method only where the site has its page: a site built
    without that page (a partial copy, another team's) gets no link to nowhere. Returns the
    pages named but missing. Called once per build, from the site's files."""
    missing: list[str] = []
    for spec in active().catalogs:
        method = spec.rating_method
        if method is not None and not exists(method[0]):
            missing.append(method[0])
            spec = replace(spec, rating_method=None)
        CATALOGS[spec.name] = spec
    return missing


def _module_file(module: str, base: Path) -> Path:
    path = base.joinpath(*module.split("."))
    for candidate in (path / "__init__.py", path.with_suffix(".py")):
        if candidate.is_file():
            return candidate
    raise DefinitionError(
        f"{base.name}/: no definitions module {module!r} (a {module.replace('.', '/')}.py or "
        f"a {module.replace('.', '/')}/ package beside the configuration; `kb init` writes one)"
    )


def _shown(path: Path, base: Path) -> str:
    try:
        return str(path.relative_to(base))
    except ValueError:
        return str(path)


def _relative(message: str, base: Path) -> str:
    return message.replace(str(base) + "/", "")


def _import(module: str, base: Path, file: Path) -> Any:
    if str(base) not in sys.path:
        sys.path.insert(0, str(base))
    try:
        loaded = importlib.import_module(module)
    except SyntaxError as exc:
        where = _shown(Path(exc.filename or file), base)
        raise DefinitionError(f"{where}:{exc.lineno}:{exc.offset}: {exc.msg}") from None
    except Exception as exc:  # a site's mistake, reported at its own line, never a traceback
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if _inside(f.filename, base)]
        first = str(exc).splitlines()[0] if str(exc) else ""
        if frames:
            where = f"{_shown(Path(frames[-1].filename), base)}:{frames[-1].lineno}"
        else:
            where = _shown(file, base)
        raise DefinitionError(f"{where}: {type(exc).__name__}: {first}") from None
    found = Path(getattr(loaded, "__file__", "") or "").resolve()
    if found != file.resolve():
        raise DefinitionError(
            f"{_shown(file, base)}: Python imports another module named {module!r} "
            f"({found}); rename the definitions module and the plugin's definitions option"
        )
    return loaded


def _inside(filename: str, base: Path) -> bool:
    try:
        Path(filename).resolve().relative_to(base)
    except ValueError:
        return False
    return "site-packages" not in filename  # a virtual environment kept in the project


def _read(loaded: Any, module: str, base: Path, file: Path) -> Definitions:
    shown = _shown(file, base)
    specs = getattr(loaded, "CATALOGS", None)
    if not isinstance(specs, Iterable) or isinstance(specs, (str, bytes, dict)):
        raise DefinitionError(f"{shown}: CATALOGS must be a list of kb.data.models.CatalogSpec")
    catalogs = tuple(specs)
    if not catalogs:
        raise DefinitionError(f"{shown}: CATALOGS is empty; define at least one catalog")
    seen: set[str] = set()
    for spec in catalogs:
        if not isinstance(spec, CatalogSpec):
            raise DefinitionError(f"{shown}: CATALOGS holds {spec!r}, not a CatalogSpec")
        if not _NAME.fullmatch(spec.name):
            raise DefinitionError(f"{shown}: catalog {spec.name!r}: a name is lowercase-kebab")
        if spec.name in seen:
            raise DefinitionError(f"{shown}: catalog {spec.name!r} is defined twice")
        if not (isinstance(spec.model, type) and issubclass(spec.model, Entry)):
            raise DefinitionError(f"{shown}: catalog {spec.name!r}: its model must subclass Entry")
        seen.add(spec.name)
    wording = getattr(loaded, "WORDING", Wording())
    if not isinstance(wording, Wording):
        raise DefinitionError(f"{shown}: WORDING must be a kb.data.definitions.Wording")
    diagrams = getattr(loaded, "DIAGRAMS", None)
    if diagrams is not None and not Path(diagrams).is_file():
        raise DefinitionError(f"{shown}: DIAGRAMS names {diagrams}, which is not a file")
    return Definitions(module, base, file, catalogs, wording, Path(diagrams) if diagrams else None)


def _check_marks(defs: Definitions, shown: str) -> None:
    """Every reference names a defined catalog and every derived rating a defined rule: a
    typo fails here, at the definitions, not in the middle of a build."""
    for spec in defs.catalogs:
        for name, target in ref_fields(spec.model).items():
            if target not in CATALOGS:
                raise DefinitionError(
                    f"{shown}: {spec.model.__name__}.{name} refers to catalog "
                    f"{target!r}, which CATALOGS does not define"
                )
        for name, info in spec.model.model_fields.items():
            for mark in info.metadata:
                if isinstance(mark, Derived) and mark.rule not in rules.RULES:
                    raise DefinitionError(
                        f"{shown}: {spec.model.__name__}.{name} is derived by rule "
                        f"{mark.rule!r}, which RULES does not define"
                    )


def _undo() -> None:
    CATALOGS.clear()
    rules.RULES.clear()
    _ACTIVE.clear()
