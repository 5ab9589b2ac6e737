"""Read .po files and pull translatable strings out of templates and Python code.

Enough of the gettext formats for checking our own catalogue, without extra tools: the checks
must run on a fresh machine where only Python is installed.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation.template import templatize

_FIELD = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) (".*")$')
_TEMPLATE_CALL = re.compile(
    r"\b(gettext|ngettext|pgettext|npgettext)\(((?:u'(?:[^'\\]|\\.)*'(?:, )?)+)"
)
_LITERAL = re.compile(r"u'(?:[^'\\]|\\.)*'")
GETTEXT_NAMES = {
    "_": 1,
    "gettext": 1,
    "gettext_lazy": 1,
    "gettext_noop": 1,
    "ngettext": 1,
    "ngettext_lazy": 1,
    "pgettext": 2,
    "pgettext_lazy": 2,
    "npgettext": 2,
    "npgettext_lazy": 2,
}

Key = tuple[str | None, str]  # (context, msgid)


@dataclass(frozen=True)
class PoEntry:
    context: str | None
    msgid: str
    msgid_plural: str | None
    msgstrs: tuple[str, ...]
    fuzzy: bool
    obsolete: bool

    @property
    def key(self) -> Key:
        return (self.context, self.msgid)

    @property
    def translated(self) -> bool:
        return bool(self.msgstrs) and all(self.msgstrs) and not self.fuzzy


def read_po(path: Path) -> list[PoEntry]:
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        fields: dict[str, str] = {}
        current = None
        fuzzy = obsolete = False
        for line in block.splitlines():
            if line.startswith("#~"):
                obsolete = True
                continue
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            match = _FIELD.match(line)
            if match:
                current = match.group(1)
                fields[current] = ast.literal_eval(match.group(2))
            elif line.startswith('"') and current:
                fields[current] += ast.literal_eval(line)
        if "msgid" not in fields or fields["msgid"] == "":
            continue
        msgstrs = tuple(v for k, v in sorted(fields.items()) if k.startswith("msgstr"))
        entries.append(
            PoEntry(
                context=fields.get("msgctxt"),
                msgid=fields["msgid"],
                msgid_plural=fields.get("msgid_plural"),
                msgstrs=msgstrs,
                fuzzy=fuzzy,
                obsolete=obsolete,
            )
        )
    return entries


def template_messages(path: Path) -> set[Key]:
    """Messages of `{% translate %}` and `{% blocktranslate %}` in one template."""
    code = templatize(path.read_text(encoding="utf-8"), origin=str(path))
    found: set[Key] = set()
    for name, arguments in _TEMPLATE_CALL.findall(code):
        literals = [ast.literal_eval(literal) for literal in _LITERAL.findall(arguments)]
        if name.startswith(("p", "np")):
            found.add((literals[0], literals[1]))
        else:
            found.add((None, literals[0]))
    return found


def python_messages(path: Path) -> set[Key]:
    """Messages of gettext calls with literal arguments in one Python module."""
    found: set[Key] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        if name not in GETTEXT_NAMES:
            continue
        strings: list[str] = []  # the leading literal arguments
        for argument in node.args:
            if not (isinstance(argument, ast.Constant) and isinstance(argument.value, str)):
                break
            strings.append(argument.value)
        if not strings:
            continue
        if GETTEXT_NAMES[name] == 2 and len(strings) >= 2:
            found.add((strings[0], strings[1]))
        else:
            found.add((None, strings[0]))
    return found
