"""The layering of DESIGN §3, checked on the source with `ast`: a change that breaks it fails here."""
import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "webapp"
FLOORS = [  # bottom to top: a package imports packages on its own floor or below, never above
    ("kernel", {"access", "assets", "audit", "backup", "cli", "clock", "compression", "config", "database", "demo",
                "errors", "exports", "extensions", "formatting", "forms", "inputs", "kit", "pdf", "refusal", "registry",
                "rendering", "security", "share", "spm", "workflow",
                "auth", "regions", "documents", "mitra"}),  # mitra: the partner registry an account works for
    ("registries and framework", {"lembaga", "signals"}),  # the body's members; the signal sources plug into
    ("domains", {"reports", "workplans", "meetings", "pembinaan", "kader", "onboarding"}),
    ("readers", {"home", "mitra_page", "dashboard", "evidence", "exchange", "pwa"}),  # pages that read every domain below
]
FLOOR = {package: level for level, (_, packages) in enumerate(FLOORS) for package in packages}
PACKAGES = {p.name for p in ROOT.iterdir() if (p / "__init__.py").exists()}
ACCESS_READS = {"webapp.auth.models", "webapp.regions.models"}
"""The kernel's one pair: access reads the user and region models that auth and regions guard with it."""
MODULES = {".".join(p.relative_to(ROOT.parent).with_suffix("").parts).removesuffix(".__init__"): ast.parse(p.read_text())
           for p in ROOT.rglob("*.py")}


def imports(name: str, tree: ast.AST):
    """Every module imported anywhere in the file (also inside functions), as dotted names."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                yield full if full in MODULES else node.module


def edges(name: str) -> set[str]:
    return {m for m in imports(name, MODULES[name]) if m in MODULES and m != name}


def part(name: str, level: int) -> str:
    return name.split(".")[level] if name.count(".") >= level else ""


def package(name: str) -> str:
    """The floor-holding unit of a module: `webapp.meetings.views` → meetings, `webapp.clock` → clock."""
    return name.split(".")[1]


def package_arrows() -> dict[tuple[str, str], set[str]]:
    """(importer, imported) package → the module imports behind it; the app factory (`webapp`) stands above all."""
    arrows = defaultdict(set)
    for name in MODULES:
        for other in edges(name):
            if name != "webapp" and other != "webapp" and package(name) != package(other):
                arrows[package(name), package(other)].add(f"{name} -> {other}")
    return arrows


def test_every_package_stands_on_one_floor():
    placed = [package for _, packages in FLOORS for package in packages]
    modules = {package(name) for name in MODULES if name != "webapp"}
    assert not (modules - set(placed)) and len(placed) == len(set(placed)), (modules - set(placed), placed)


def test_packages_import_downward_only_and_never_each_other():
    """Upward arrows and pairs of packages importing each other, every offender in one message."""
    arrows = package_arrows()
    upward = [f"{a} ({FLOORS[FLOOR[a]][0]}) imports {b} ({FLOORS[FLOOR[b]][0]}): {sorted(why)}"
              for (a, b), why in sorted(arrows.items()) if FLOOR.get(b, -1) > FLOOR.get(a, -1)]
    pairs = [f"{a} <-> {b}: {sorted(arrows[a, b] | arrows[b, a])}" for (a, b) in sorted(arrows)
             if a < b and (b, a) in arrows and not reads_guarded_models(a, b, arrows)]
    assert not upward + pairs, "\n".join(upward + pairs)


def reads_guarded_models(a: str, b: str, arrows) -> bool:
    """The pair access <-> auth/regions, when access takes nothing from them but their models."""
    if "access" not in (a, b):
        return False
    other = b if a == "access" else a
    return all(arrow.split(" -> ")[1] in ACCESS_READS for arrow in arrows["access", other])


def test_no_import_cycles():
    state, stack = {}, []

    def visit(name):
        state[name] = "open"
        stack.append(name)
        for other in sorted(edges(name)):
            assert state.get(other) != "open", "import cycle: " + " -> ".join(stack[stack.index(other):] + [other])
            if other not in state:
                visit(other)
        state[name] = "done"
        stack.pop()

    for name in sorted(MODULES):
        if name not in state:
            visit(name)


def layer_breaks(name: str) -> list[str]:
    """models ← access ← queries/services ← views; the region tree and access import no domain logic."""
    used = edges(name)
    role = part(name, 2) or part(name, 1)
    domain_logic = {m for m in used if part(m, 1) in PACKAGES and not m.endswith(".models")}
    breaks = []
    if role == "models":
        breaks += [f"{name}: a model imports {m}" for m in sorted(used)
                   if m.split(".")[-1] in ("access", "queries", "services", "views")]
    if role in ("queries", "services", "rules"):
        breaks += [f"{name}: imports the views {m}" for m in sorted(used) if m.endswith("views")]
    if name == "webapp.access":
        breaks += [f"{name}: access imports domain logic {m}" for m in sorted(domain_logic)]
    if part(name, 1) == "regions":
        breaks += [f"{name}: the region tree imports {m}" for m in sorted(used) if part(m, 1) in PACKAGES - {"regions"}]
    if name != "webapp.pdf" and "weasyprint" in {m.split(".")[0] for m in imports(name, MODULES[name])}:
        breaks.append(f"{name}: imports weasyprint (only webapp.pdf does)")
    return breaks


def test_layers():
    """Every module checked; the failure lists every offender at once."""
    breaks = [line for name in sorted(MODULES) for line in layer_breaks(name)]
    assert not breaks, "\n".join(breaks)


def view_breaks(name: str) -> list[str]:
    breaks = []
    for node in ast.walk(MODULES[name]):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and (
                node.value.id, node.attr) == ("db", "session"):
            breaks.append(f"{name}:{node.lineno} db.session in a view")
        if isinstance(node, ast.Name) and node.id == "select":
            breaks.append(f"{name}:{node.lineno} select() in a view")
        if isinstance(node, ast.FunctionDef) and node.decorator_list and any(
                "bp." in ast.unparse(d) for d in node.decorator_list) and node.end_lineno - node.lineno + 1 > 25:
            breaks.append(f"{name}.{node.name} is longer than 25 lines")
    return breaks


def test_views_are_short_and_leave_the_database_to_services():
    breaks = [line for name in sorted(MODULES) if name.endswith("views") for line in view_breaks(name)]
    assert not breaks, "\n".join(breaks)


def test_models_and_queries_never_commit():
    breaks = [f"{name}:{n.lineno} commits" for name in sorted(MODULES) if name.endswith(("models", "queries"))
              for n in ast.walk(MODULES[name])
              if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "commit"]
    assert not breaks, "\n".join(breaks)


def size_and_import_breaks(path: Path) -> list[str]:
    text = path.read_text()
    where = path.relative_to(ROOT.parent)
    breaks = [f"{where} has more than 400 lines: split it"] if text.count("\n") > 400 else []
    tree = ast.parse(text)
    bound = {}
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)) and getattr(node, "module", "") != "__future__":
            for alias in node.names:
                bound[(alias.asname or alias.name).split(".")[0]] = node.lineno
    used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)} | {
        n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    return breaks + [f"{where}:{line} unused import {name}" for name, line in bound.items() if name not in used]


def test_modules_stay_small_and_import_only_what_they_use():
    breaks = [line for path in sorted(ROOT.rglob("*.py")) for line in size_and_import_breaks(path)]
    assert not breaks, "\n".join(breaks)
