"""Which placeholder names the code and the templates pass with each message id.

A translation that uses `%(phon)s` where the code passes `phone` raises KeyError when it is
rendered, whatever the other languages say, so `clinicbot check` compares every msgstr with
what is passed where the message is rendered. Found statically: each `tr`, `tr_label`,
`tr_button`, `tr_message`, `tr_button_label` call in the package's code and each `_()` /
`gettext()` call in the templates, with the names of its keyword arguments. A message id
written as an expression is followed to the ids it can hold: string literals in it, module
constants it names (`LABELS[status]`, `funnel.LABELS[stage]`), and content fields it reads
(`topic.answer` → every `faq.*.answer`). A call that passes `**values`, or whose ids cannot be
followed, constrains nothing.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, nodes
from pydantic import BaseModel

from bot.content.models import MessageId

# Method name → position of the message id among its positional arguments.
PYTHON_CALLS = {"tr": 0, "tr_label": 0, "tr_button": 0, "tr_counted": 0, "tr_message": 1,
                "tr_button_label": 1, "tr_counted_message": 1, "tr_counted_label": 1}
TEMPLATE_CALLS = ("_", "gettext", "ngettext")


@dataclass
class Passed:
    """For each message id, the names every place that renders it passes (their
    intersection: each place must pass what the text uses), and where those places are."""

    names: dict[str, frozenset[str]] = field(default_factory=dict)
    sites: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def add(self, msgid: str, names: frozenset[str], where: str) -> None:
        self.names[msgid] = self.names[msgid] & names if msgid in self.names else names
        if where not in self.sites[msgid]:
            self.sites[msgid].append(where)


@dataclass(frozen=True)
class _CodeSite:
    """One call in the code that renders a message, with what its id expression can refer to."""

    expression: ast.expr
    names: frozenset[str]
    where: str
    own: dict[str, set[str]]  # the module's constants
    imports: dict[str, set[str] | dict[str, set[str]]]


def passed_names(package: Path, env: Environment, models: Iterable[object],
                 known: set[str]) -> Passed:
    """What the code under `package` (a directory named like the package) and the templates
    of `env` pass, for the message ids in `known`; `models` are the loaded dialogs."""
    fields = _fields(models)
    passed = Passed()
    for code in _code_sites(package):
        for msgid in _follow(code.expression, fields, code.own, code.imports) & known:
            passed.add(msgid, code.names, code.where)
    for name in env.list_templates():
        source = env.loader.get_source(env, name)[0]  # type: ignore[union-attr]
        for call in env.parse(source).find_all(nodes.Call):
            site = _template_site(call, fields)
            if site is None:
                continue
            for msgid in site[0] & known:
                passed.add(msgid, site[1], f"dialogs/templates/{name}:{call.lineno}")
    return passed


@lru_cache(maxsize=4)
def _code_sites(package: Path) -> tuple[_CodeSite, ...]:
    """Every rendering call in the package's code; parsed once per process, since the code
    does not change while it runs (the content, checked again and again in tests, may)."""
    modules = {_module_name(package, path): ast.parse(path.read_bytes(), str(path))
               for path in sorted(package.rglob("*.py"))}
    constants = {name: _constants(tree) for name, tree in modules.items()}
    sites: list[_CodeSite] = []
    for module, tree in modules.items():
        imports = _imports(tree, module, constants)
        for node in ast.walk(tree):
            found = _python_site(node)
            if found is not None:
                expression, names = found
                sites.append(_CodeSite(expression, names,
                                       f"{module.replace('.', '/')}.py:{expression.lineno}",
                                       constants[module], imports))
    return tuple(sites)


def _python_site(node: ast.AST) -> tuple[ast.expr, frozenset[str]] | None:
    """A call that renders a message: its message id expression and the names it passes."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
        return None
    position = PYTHON_CALLS.get(node.func.attr)
    if position is None or len(node.args) <= position:
        return None
    if any(keyword.arg is None for keyword in node.keywords):
        return None
    return node.args[position], frozenset(k.arg for k in node.keywords if k.arg)


def _template_site(call: nodes.Call, fields: dict[str, set[str]]
                   ) -> tuple[set[str], frozenset[str]] | None:
    """`_("id", name=…)`, or `_(outcome.title)` (a content field): its ids and names."""
    if not (isinstance(call.node, nodes.Name) and call.node.name in TEMPLATE_CALLS):
        return None
    if call.dyn_kwargs is not None or not call.args:
        return None
    names = frozenset(k.key for k in call.kwargs)
    if call.node.name == "ngettext":  # Jinja2's newstyle ngettext passes the count as `num`
        names |= {"num"}
    argument = call.args[0]
    if isinstance(argument, nodes.Const):
        return {str(argument.value)}, names
    if isinstance(argument, nodes.Getattr):
        return fields.get(argument.attr, set()), names
    return None


def _follow(expression: ast.expr, fields: dict[str, set[str]],
            own: dict[str, set[str]], imports: dict[str, set[str] | dict[str, set[str]]]
            ) -> set[str]:
    """The message ids an id expression can hold."""
    ids: set[str] = set()
    for node in ast.walk(expression):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            ids.add(node.value)
        elif isinstance(node, ast.Name):
            imported = imports.get(node.id)
            ids |= own.get(node.id, set()) | (imported if isinstance(imported, set) else set())
        elif isinstance(node, ast.Attribute):
            base = node.value.id if isinstance(node.value, ast.Name) else None
            module = imports.get(base) if base else None
            if isinstance(module, dict):
                ids |= module.get(node.attr, set())
            elif node is _read_field(expression):
                ids |= fields.get(node.attr, set())
    return ids


def _read_field(expression: ast.expr) -> ast.Attribute | None:
    """The attribute an expression finally reads, through subscripts (`times[t].label`)."""
    while isinstance(expression, ast.Subscript):
        expression = expression.value
    return expression if isinstance(expression, ast.Attribute) else None


def _constants(tree: ast.Module) -> dict[str, set[str]]:
    """A module's UPPER_CASE constants and the strings written in them."""
    found: dict[str, set[str]] = {}
    for statement in tree.body:
        targets = statement.targets if isinstance(statement, ast.Assign) else (
            [statement.target] if isinstance(statement, ast.AnnAssign) and statement.value
            else [])
        value = getattr(statement, "value", None)
        for target in targets:
            if isinstance(target, ast.Name) and target.id.isupper() and value is not None:
                found[target.id] = {n.value for n in ast.walk(value)
                                    if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    return found


def _imports(tree: ast.Module, module: str, constants: dict[str, dict[str, set[str]]]
             ) -> dict[str, set[str] | dict[str, set[str]]]:
    """Names a module imports from the package: a module (its constants) or a constant."""
    names: dict[str, set[str] | dict[str, set[str]]] = {}
    package = module.split(".")[0]
    for statement in tree.body:
        if not isinstance(statement, ast.ImportFrom) or not statement.module:
            continue
        if not statement.module.startswith(package):
            continue
        for alias in statement.names:
            local = alias.asname or alias.name
            submodule = f"{statement.module}.{alias.name}"
            if submodule in constants:
                names[local] = constants[submodule]
            elif alias.name in constants.get(statement.module, {}):
                names[local] = constants[statement.module][alias.name]
    return names


def _fields(models: Iterable[object]) -> dict[str, set[str]]:
    """Message ids by the name of the content field that holds them (`answer`, `label`)."""
    found: dict[str, set[str]] = defaultdict(set)

    def walk(value: object, name: str | None) -> None:
        if isinstance(value, MessageId) and name:
            found[name].add(str(value))
        elif isinstance(value, BaseModel):
            for field_name in type(value).model_fields:
                walk(getattr(value, field_name), field_name)
        elif isinstance(value, tuple | list | frozenset):
            for item in value:
                walk(item, name)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item, name)

    for model in models:
        walk(model, None)
    return found


def _module_name(package: Path, path: Path) -> str:
    parts = [package.name, *path.relative_to(package).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
