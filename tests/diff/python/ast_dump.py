"""Print CPython's syntax tree of each FILE in the line-oriented form of the python
crate's `syntax::dump`, so the two parsers can be compared with diff.

    python3 tests/diff/python/ast_dump.py FILE...

Each file starts with `== FILE`; a file CPython cannot parse prints the error as
python3 reports it when running the file. One node a line, indented by depth: its
field name, its class, its span `line:col-end_line:end_col`, its plain fields;
node and list fields follow below it.
"""

import ast
import sys

# Fields printed on the node's own line, in this order, with how to show them.
PLAIN = {
    "FunctionDef": ["name"],
    "ClassDef": ["name"],
    "AugAssign": ["op"],
    "AnnAssign": ["simple"],
    "ExceptHandler": ["name"],
    "ImportFrom": ["module", "level"],
    "Global": ["names"],
    "Nonlocal": ["names"],
    "alias": ["name", "asname"],
    "keyword": ["arg"],
    "arg": ["arg"],
    "BoolOp": ["op"],
    "NamedExpr": ["target"],
    "BinOp": ["op"],
    "UnaryOp": ["op"],
    "Compare": ["ops"],
    "FormattedValue": ["conversion"],
    "Constant": ["value"],
    "Attribute": ["attr", "ctx"],
    "Subscript": ["ctx"],
    "Starred": ["ctx"],
    "Name": ["id", "ctx"],
    "List": ["ctx"],
    "Tuple": ["ctx"],
}

# Node fields, in the order the dump prints them (CPython's order, less the fields
# the crate's tree does not model: type comments, type_ignores, kind).
CHILDREN = {
    "Module": ["body"],
    "FunctionDef": ["args", "body", "decorator_list", "returns"],
    "ClassDef": ["bases", "keywords", "body", "decorator_list"],
    "Return": ["value"],
    "Delete": ["targets"],
    "Assign": ["targets", "value"],
    "AugAssign": ["target", "value"],
    "AnnAssign": ["target", "annotation", "value"],
    "For": ["target", "iter", "body", "orelse"],
    "While": ["test", "body", "orelse"],
    "If": ["test", "body", "orelse"],
    "With": ["items", "body"],
    "withitem": ["context_expr", "optional_vars"],
    "Raise": ["exc", "cause"],
    "Try": ["body", "handlers", "orelse", "finalbody"],
    "ExceptHandler": ["type", "body"],
    "Assert": ["test", "msg"],
    "Import": ["names"],
    "ImportFrom": ["names"],
    "Expr": ["value"],
    "arguments": ["posonlyargs", "args", "vararg", "kwonlyargs", "kw_defaults", "kwarg", "defaults"],
    "arg": ["annotation"],
    "keyword": ["value"],
    "BoolOp": ["values"],
    "NamedExpr": ["value"],
    "BinOp": ["left", "right"],
    "UnaryOp": ["operand"],
    "Lambda": ["args", "body"],
    "IfExp": ["test", "body", "orelse"],
    "Dict": ["keys", "values"],
    "Set": ["elts"],
    "ListComp": ["elt", "generators"],
    "SetComp": ["elt", "generators"],
    "DictComp": ["key", "value", "generators"],
    "GeneratorExp": ["elt", "generators"],
    "comprehension": ["target", "iter", "ifs"],
    "Await": ["value"],
    "Yield": ["value"],
    "YieldFrom": ["value"],
    "Compare": ["left", "comparators"],
    "Call": ["func", "args", "keywords"],
    "FormattedValue": ["value", "format_spec"],
    "JoinedStr": ["values"],
    "Attribute": ["value"],
    "Subscript": ["value", "slice"],
    "Starred": ["value"],
    "List": ["elts"],
    "Tuple": ["elts"],
    "Slice": ["lower", "upper", "step"],
}

# The target of a NamedExpr is printed as its name.
NAME_FIELDS = {("NamedExpr", "target")}


def repr_str(s):
    out = ["'"]
    for ch in s:
        if ch == "\\":
            out.append("\\\\")
        elif ch == "'":
            out.append("\\'")
        elif " " <= ch <= "~":
            out.append(ch)
        else:
            out.append("\\u{%x}" % ord(ch))
    out.append("'")
    return "".join(out)


def repr_bytes(b):
    out = ["b'"]
    for byte in b:
        if byte == 0x5C:
            out.append("\\\\")
        elif byte == 0x27:
            out.append("\\'")
        elif 0x20 <= byte <= 0x7E:
            out.append(chr(byte))
        else:
            out.append("\\x%02x" % byte)
    out.append("'")
    return "".join(out)


def show(value):
    if value is None:
        return "None"
    if isinstance(value, ast.AST):
        return type(value).__name__
    if isinstance(value, list):
        return "[" + ", ".join(show(v) for v in value) + "]"
    if isinstance(value, bool):
        return repr(value)
    if isinstance(value, complex):
        return repr(value.imag) + "j"
    if value is Ellipsis:
        return "Ellipsis"
    if isinstance(value, str):
        return repr_str(value)
    if isinstance(value, bytes):
        return repr_bytes(value)
    return repr(value)


def dump(node, depth, field, out):
    cls = type(node).__name__
    line = "  " * depth + (field + ": " if field else "") + cls
    if hasattr(node, "lineno") and cls != "arguments":
        line += " %d:%d-%d:%d" % (node.lineno, node.col_offset, node.end_lineno, node.end_col_offset)
    for name in PLAIN.get(cls, []):
        value = getattr(node, name)
        if (cls, name) in NAME_FIELDS:
            value = value.id
        line += " %s=%s" % (name, show(value))
    out.append(line)
    for name in CHILDREN.get(cls, []):
        value = getattr(node, name)
        if (cls, name) in NAME_FIELDS:
            continue
        if isinstance(value, list):
            out.append("  " * (depth + 1) + "%s: [%d]" % (name, len(value)))
            for item in value:
                if item is None:
                    out.append("  " * (depth + 2) + "None")
                else:
                    dump(item, depth + 2, "", out)
        elif value is None:
            out.append("  " * (depth + 1) + name + ": None")
        else:
            dump(value, depth + 1, name, out)


def main():
    for path in sys.argv[1:]:
        print("== " + path)
        with open(path, "rb") as f:
            source = f.read()
        try:
            tree = ast.parse(source, path)
        except SyntaxError as e:
            # Printed by CPython's own error display, as `python3 FILE` prints it.
            sys.stdout.flush()
            saved, sys.stderr = sys.stderr, sys.stdout
            try:
                e.__traceback__ = None
                sys.__excepthook__(type(e), e, None)
            finally:
                sys.stderr = saved
            continue
        except ValueError as e:
            print("ValueError: %s" % e)
            continue
        out = []
        dump(tree, 0, "", out)
        print("\n".join(out))


if __name__ == "__main__":
    main()
