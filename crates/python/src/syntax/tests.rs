//! Tests: the parser against what python3 3.11 prints and builds.

use super::{dump, parse_interactive, parse_module};

/// Erroneous programs and python3 3.11's stderr for each, run as `python3 t.py`.
const ERRORS: &[(&str, &str)] = &[
    (
        "print 'hello'\n",
        "  File \"t.py\", line 1\n    print 'hello'\n    ^^^^^^^^^^^^^\nSyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?\n",
    ),
    (
        "print ret\n",
        "  File \"t.py\", line 1\n    print ret\n    ^^^^^^^^^\nSyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?\n",
    ),
    (
        "print \"a\", b\n",
        "  File \"t.py\", line 1\n    print \"a\", b\n    ^^^^^^^^^^^^\nSyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?\n",
    ),
    (
        "exec 'x = 1'\n",
        "  File \"t.py\", line 1\n    exec 'x = 1'\n    ^^^^^^^^^^^^\nSyntaxError: Missing parentheses in call to 'exec'. Did you mean exec(...)?\n",
    ),
    (
        "try:\n    x = 1\nexcept Exception, e:\n    pass\n",
        "  File \"t.py\", line 3\n    except Exception, e:\n           ^^^^^^^^^^^^\nSyntaxError: multiple exception types must be parenthesized\n",
    ),
    (
        "x = `1`\n",
        "  File \"t.py\", line 1\n    x = `1`\n        ^\nSyntaxError: invalid syntax\n",
    ),
    (
        "if 1 <> 2:\n    pass\n",
        "  File \"t.py\", line 1\n    if 1 <> 2:\n         ^^\nSyntaxError: invalid syntax\n",
    ),
    (
        "x = 0777\n",
        "  File \"t.py\", line 1\n    x = 0777\n        ^\nSyntaxError: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers\n",
    ),
    (
        "x = ur'abc'\n",
        "  File \"t.py\", line 1\n    x = ur'abc'\n          ^^^^^\nSyntaxError: invalid syntax\n",
    ),
    (
        "if x > 1\n    print(x)\n",
        "  File \"t.py\", line 1\n    if x > 1\n            ^\nSyntaxError: expected ':'\n",
    ),
    (
        "while True\n    pass\n",
        "  File \"t.py\", line 1\n    while True\n              ^\nSyntaxError: expected ':'\n",
    ),
    (
        "for i in range(10)\n    print(i)\n",
        "  File \"t.py\", line 1\n    for i in range(10)\n                      ^\nSyntaxError: expected ':'\n",
    ),
    (
        "def f()\n    return 1\n",
        "  File \"t.py\", line 1\n    def f()\n           ^\nSyntaxError: expected ':'\n",
    ),
    (
        "class A\n    pass\n",
        "  File \"t.py\", line 1\n    class A\n           ^\nSyntaxError: expected ':'\n",
    ),
    (
        "def f(:\n    pass\n",
        "  File \"t.py\", line 1\n    def f(:\n          ^\nSyntaxError: invalid syntax\n",
    ),
    (
        "print('hello'\n",
        "  File \"t.py\", line 1\n    print('hello'\n         ^\nSyntaxError: '(' was never closed\n",
    ),
    (
        "x = [1, 2, 3\n",
        "  File \"t.py\", line 1\n    x = [1, 2, 3\n        ^\nSyntaxError: '[' was never closed\n",
    ),
    (
        "foo(a, b\nx = 1\n",
        "  File \"t.py\", line 1\n    foo(a, b\n       ^\nSyntaxError: '(' was never closed\n",
    ),
    (
        "x = 1)\n",
        "  File \"t.py\", line 1\n    x = 1)\n         ^\nSyntaxError: unmatched ')'\n",
    ),
    (
        "x = [1, 2)\n",
        "  File \"t.py\", line 1\n    x = [1, 2)\n             ^\nSyntaxError: closing parenthesis ')' does not match opening parenthesis '['\n",
    ),
    (
        "x = (1,\n     2]\n",
        "  File \"t.py\", line 2\n    2]\n     ^\nSyntaxError: closing parenthesis ']' does not match opening parenthesis '(' on line 1\n",
    ),
    (
        "s = 'abc\n",
        "  File \"t.py\", line 1\n    s = 'abc\n        ^\nSyntaxError: unterminated string literal (detected at line 1)\n",
    ),
    (
        "s = \"abc\n",
        "  File \"t.py\", line 1\n    s = \"abc\n        ^\nSyntaxError: unterminated string literal (detected at line 1)\n",
    ),
    (
        "s = \"\"\"abc\n\nx = 1\n",
        "  File \"t.py\", line 1\n    s = \"\"\"abc\n        ^\nSyntaxError: unterminated triple-quoted string literal (detected at line 3)\n",
    ),
    (
        "x = [1 2 3]\n",
        "  File \"t.py\", line 1\n    x = [1 2 3]\n         ^^^\nSyntaxError: invalid syntax. Perhaps you forgot a comma?\n",
    ),
    (
        "x = {'a': 1 'b': 2}\n",
        "  File \"t.py\", line 1\n    x = {'a': 1 'b': 2}\n              ^^^^^\nSyntaxError: invalid syntax. Perhaps you forgot a comma?\n",
    ),
    (
        "f(a b)\n",
        "  File \"t.py\", line 1\n    f(a b)\n      ^^^\nSyntaxError: invalid syntax. Perhaps you forgot a comma?\n",
    ),
    (
        "if x = 1:\n    pass\n",
        "  File \"t.py\", line 1\n    if x = 1:\n       ^^^^^\nSyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='?\n",
    ),
    (
        "while x = 1:\n    pass\n",
        "  File \"t.py\", line 1\n    while x = 1:\n          ^^^^^\nSyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='?\n",
    ),
    (
        "f() = 1\n",
        "  File \"t.py\", line 1\n    f() = 1\n    ^^^\nSyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='?\n",
    ),
    (
        "x = f() = 1\n",
        "  File \"t.py\", line 1\n    x = f() = 1\n        ^^^\nSyntaxError: cannot assign to function call\n",
    ),
    (
        "1 = x\n",
        "  File \"t.py\", line 1\n    1 = x\n    ^\nSyntaxError: cannot assign to literal here. Maybe you meant '==' instead of '='?\n",
    ),
    (
        "'abc' = 1\n",
        "  File \"t.py\", line 1\n    'abc' = 1\n    ^^^^^\nSyntaxError: cannot assign to literal here. Maybe you meant '==' instead of '='?\n",
    ),
    (
        "None = 1\n",
        "  File \"t.py\", line 1\n    None = 1\n    ^^^^\nSyntaxError: cannot assign to None\n",
    ),
    (
        "x + 1 = 2\n",
        "  File \"t.py\", line 1\n    x + 1 = 2\n    ^^^^^\nSyntaxError: cannot assign to expression here. Maybe you meant '==' instead of '='?\n",
    ),
    (
        "del f()\n",
        "  File \"t.py\", line 1\n    del f()\n        ^^^\nSyntaxError: cannot delete function call\n",
    ),
    (
        "del x + 1\n",
        "  File \"t.py\", line 1\n    del x + 1\n        ^^^^^\nSyntaxError: cannot delete expression\n",
    ),
    (
        "for f() in y:\n    pass\n",
        "  File \"t.py\", line 1\n    for f() in y:\n        ^^^\nSyntaxError: cannot assign to function call\n",
    ),
    (
        "x += 1 += 2\n",
        "  File \"t.py\", line 1\n    x += 1 += 2\n           ^^\nSyntaxError: invalid syntax\n",
    ),
    (
        "f(x) += 1\n",
        "  File \"t.py\", line 1\n    f(x) += 1\n    ^^^^\nSyntaxError: 'function call' is an illegal expression for augmented assignment\n",
    ),
    (
        "f(a=1, b)\n",
        "  File \"t.py\", line 1\n    f(a=1, b)\n            ^\nSyntaxError: positional argument follows keyword argument\n",
    ),
    (
        "f(**k, a)\n",
        "  File \"t.py\", line 1\n    f(**k, a)\n            ^\nSyntaxError: positional argument follows keyword argument unpacking\n",
    ),
    (
        "f(**k, *a)\n",
        "  File \"t.py\", line 1\n    f(**k, *a)\n           ^\nSyntaxError: iterable argument unpacking follows keyword argument unpacking\n",
    ),
    (
        "f(a+1=2)\n",
        "  File \"t.py\", line 1\n    f(a+1=2)\n      ^^^^\nSyntaxError: expression cannot contain assignment, perhaps you meant \"==\"?\n",
    ),
    (
        "f(x=1 for x in y)\n",
        "  File \"t.py\", line 1\n    f(x=1 for x in y)\n      ^^\nSyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='?\n",
    ),
    (
        "f(a, x for x in y)\n",
        "  File \"t.py\", line 1\n    f(a, x for x in y)\n         ^^^^^^^^^^^^\nSyntaxError: Generator expression must be parenthesized\n",
    ),
    (
        "f(True=1)\n",
        "  File \"t.py\", line 1\n    f(True=1)\n      ^^^^^\nSyntaxError: cannot assign to True\n",
    ),
    (
        "if True:\nprint(1)\n",
        "  File \"t.py\", line 2\n    print(1)\n    ^\nIndentationError: expected an indented block after 'if' statement on line 1\n",
    ),
    (
        "for x in y:\nprint(x)\n",
        "  File \"t.py\", line 2\n    print(x)\n    ^\nIndentationError: expected an indented block after 'for' statement on line 1\n",
    ),
    (
        "while x:\npass\n",
        "  File \"t.py\", line 2\n    pass\n    ^\nIndentationError: expected an indented block after 'while' statement on line 1\n",
    ),
    (
        "def f():\nreturn 1\n",
        "  File \"t.py\", line 2\n    return 1\n    ^\nIndentationError: expected an indented block after function definition on line 1\n",
    ),
    (
        "class A:\npass\n",
        "  File \"t.py\", line 2\n    pass\n    ^\nIndentationError: expected an indented block after class definition on line 1\n",
    ),
    (
        "try:\nx = 1\nexcept:\n    pass\n",
        "  File \"t.py\", line 2\n    x = 1\n    ^\nIndentationError: expected an indented block after 'try' statement on line 1\n",
    ),
    (
        "try:\n    x = 1\nexcept:\npass\n",
        "  File \"t.py\", line 4\n    pass\n    ^\nIndentationError: expected an indented block after 'except' statement on line 3\n",
    ),
    (
        "try:\n    x = 1\nfinally:\npass\n",
        "  File \"t.py\", line 4\n    pass\n    ^\nIndentationError: expected an indented block after 'finally' statement on line 3\n",
    ),
    (
        "with open(f) as g:\npass\n",
        "  File \"t.py\", line 2\n    pass\n    ^\nIndentationError: expected an indented block after 'with' statement on line 1\n",
    ),
    (
        "if x:\n    pass\nelse:\npass\n",
        "  File \"t.py\", line 4\n    pass\n    ^\nIndentationError: expected an indented block after 'else' statement on line 3\n",
    ),
    (
        "if x:\n    pass\nelif y:\npass\n",
        "  File \"t.py\", line 4\n    pass\n    ^\nIndentationError: expected an indented block after 'elif' statement on line 3\n",
    ),
    (
        "x = 1\n    y = 2\n",
        "  File \"t.py\", line 2\n    y = 2\nIndentationError: unexpected indent\n",
    ),
    (
        "if x:\n        a = 1\n    b = 2\n",
        "  File \"t.py\", line 3\n    b = 2\n         ^\nIndentationError: unindent does not match any outer indentation level\n",
    ),
    (
        "if x:\n\ta = 1\n        b = 2\n",
        "  File \"t.py\", line 3\n    b = 2\nTabError: inconsistent use of tabs and spaces in indentation\n",
    ),
    (
        "x = 1，2\n",
        "  File \"t.py\", line 1\n    x = 1，2\n         ^\nSyntaxError: invalid character '，' (U+FF0C)\n",
    ),
    (
        "print（'hi'）\n",
        "  File \"t.py\", line 1\n    print（'hi'）\n         ^\nSyntaxError: invalid character '（' (U+FF08)\n",
    ),
    (
        "x = 1\u{a0}+ 2\n",
        "  File \"t.py\", line 1\n    x = 1\u{a0}+ 2\n         ^\nSyntaxError: invalid non-printable character U+00A0\n",
    ),
    (
        "x = 'a' b'b'\n",
        "  File \"t.py\", line 1\n    x = 'a' b'b'\n                ^\nSyntaxError: cannot mix bytes and nonbytes literals\n",
    ),
    (
        "x = 1abc\n",
        "  File \"t.py\", line 1\n    x = 1abc\n        ^\nSyntaxError: invalid decimal literal\n",
    ),
    (
        "x = 1__0\n",
        "  File \"t.py\", line 1\n    x = 1__0\n         ^\nSyntaxError: invalid decimal literal\n",
    ),
    (
        "x = 0b102\n",
        "  File \"t.py\", line 1\n    x = 0b102\n            ^\nSyntaxError: invalid digit '2' in binary literal\n",
    ),
    (
        "x = 0xg\n",
        "  File \"t.py\", line 1\n    x = 0xg\n         ^\nSyntaxError: invalid hexadecimal literal\n",
    ),
    (
        "lambda x: x = 1\n",
        "  File \"t.py\", line 1\n    lambda x: x = 1\n    ^^^^^^^^^^^\nSyntaxError: cannot assign to lambda\n",
    ),
    (
        "x = yield = 1\n",
        "  File \"t.py\", line 1\n    x = yield = 1\n        ^^^^^\nSyntaxError: assignment to yield expression not possible\n",
    ),
    (
        "def f(a=1, b):\n    pass\n",
        "  File \"t.py\", line 1\n    def f(a=1, b):\n               ^\nSyntaxError: non-default argument follows default argument\n",
    ),
    (
        "def f(*):\n    pass\n",
        "  File \"t.py\", line 1\n    def f(*):\n          ^\nSyntaxError: named arguments must follow bare *\n",
    ),
    (
        "def f(**k, a):\n    pass\n",
        "  File \"t.py\", line 1\n    def f(**k, a):\n               ^\nSyntaxError: arguments cannot follow var-keyword argument\n",
    ),
    (
        "def f(a, /, b, /):\n    pass\n",
        "  File \"t.py\", line 1\n    def f(a, /, b, /):\n                   ^\nSyntaxError: / may appear only once\n",
    ),
    (
        "def f(/):\n    pass\n",
        "  File \"t.py\", line 1\n    def f(/):\n          ^\nSyntaxError: invalid syntax\n",
    ),
    (
        "x = 1 if y\n",
        "  File \"t.py\", line 1\n    x = 1 if y\n        ^^^^^^\nSyntaxError: expected 'else' after 'if' expression\n",
    ),
    (
        "from x import a,\n",
        "  File \"t.py\", line 1\n    from x import a,\n                    ^\nSyntaxError: trailing comma not allowed without surrounding parentheses\n",
    ),
    (
        "import\n",
        "  File \"t.py\", line 1\n    import\n          ^\nSyntaxError: invalid syntax\n",
    ),
    (
        "a, b: int\n",
        "  File \"t.py\", line 1\n    a, b: int\n    ^\nSyntaxError: only single target (not tuple) can be annotated\n",
    ),
    (
        "[a, b]: int\n",
        "  File \"t.py\", line 1\n    [a, b]: int\n    ^^^^^^\nSyntaxError: only single target (not list) can be annotated\n",
    ),
    (
        "f(): int\n",
        "  File \"t.py\", line 1\n    f(): int\n    ^^^\nSyntaxError: illegal target for annotation\n",
    ),
    (
        "x = (*a)\n",
        "  File \"t.py\", line 1\n    x = (*a)\n         ^^\nSyntaxError: cannot use starred expression here\n",
    ),
    (
        "x = [*a for a in b]\n",
        "  File \"t.py\", line 1\n    x = [*a for a in b]\n         ^^\nSyntaxError: iterable unpacking cannot be used in comprehension\n",
    ),
    (
        "x = {**a for a in b}\n",
        "  File \"t.py\", line 1\n    x = {**a for a in b}\n         ^^\nSyntaxError: dict unpacking cannot be used in dict comprehension\n",
    ),
    (
        "x = [a, b for a in c]\n",
        "  File \"t.py\", line 1\n    x = [a, b for a in c]\n         ^^^^\nSyntaxError: did you forget parentheses around the comprehension target?\n",
    ),
    (
        "x = {1: }\n",
        "  File \"t.py\", line 1\n    x = {1: }\n          ^\nSyntaxError: expression expected after dictionary key and ':'\n",
    ),
    (
        "x = {1: *a}\n",
        "  File \"t.py\", line 1\n    x = {1: *a}\n            ^^\nSyntaxError: cannot use a starred expression in a dictionary value\n",
    ),
    (
        "x = {1: 2, 3}\n",
        "  File \"t.py\", line 1\n    x = {1: 2, 3}\n               ^\nSyntaxError: ':' expected after dictionary key\n",
    ),
    (
        "try:\n    pass\n",
        "  File \"t.py\", line 2\n    pass\nSyntaxError: expected 'except' or 'finally' block\n",
    ),
    (
        "try:\n    pass\nx = 1\n",
        "  File \"t.py\", line 3\n    x = 1\n    ^\nSyntaxError: expected 'except' or 'finally' block\n",
    ),
    (
        "else:\n    pass\n",
        "  File \"t.py\", line 1\n    else:\n    ^^^^\nSyntaxError: invalid syntax\n",
    ),
    (
        "x = 1 +\n",
        "  File \"t.py\", line 1\n    x = 1 +\n           ^\nSyntaxError: invalid syntax\n",
    ),
    (
        "x = (1 +\n",
        "  File \"t.py\", line 1\n    x = (1 +\n        ^\nSyntaxError: '(' was never closed\n",
    ),
    (
        "x = 1 \\ 2\n",
        "  File \"t.py\", line 1\n    x = 1 \\ 2\n           ^\nSyntaxError: unexpected character after line continuation character\n",
    ),
    (
        "x = 1 \\\n",
        "  File \"t.py\", line 1\n    x = 1 \\\n           ^\nSyntaxError: unexpected EOF while parsing\n",
    ),
    (
        "return\nx = $\n",
        "  File \"t.py\", line 2\n    x = $\n        ^\nSyntaxError: invalid syntax\n",
    ),
    (
        "x = a.1\n",
        "  File \"t.py\", line 1\n    x = a.1\n         ^^\nSyntaxError: invalid syntax\n",
    ),
    (
        "x = f'{a b}'\n",
        "  File \"t.py\", line 1\n    (a b)\n     ^^^\nSyntaxError: f-string: invalid syntax. Perhaps you forgot a comma?\n",
    ),
    (
        "x = f'{}'\n",
        "  File \"t.py\", line 1\n    x = f'{}'\n             ^\nSyntaxError: f-string: empty expression not allowed\n",
    ),
    (
        "x = f'{x!z}'\n",
        "  File \"t.py\", line 1\n    x = f'{x!z}'\n                ^\nSyntaxError: f-string: invalid conversion character: expected 's', 'r', or 'a'\n",
    ),
    (
        "x = f'{x'\n",
        "  File \"t.py\", line 1\n    x = f'{x'\n             ^\nSyntaxError: f-string: expecting '}'\n",
    ),
    (
        "x = f'}'\n",
        "  File \"t.py\", line 1\n    x = f'}'\n            ^\nSyntaxError: f-string: single '}' is not allowed\n",
    ),
    (
        "import a.b as c.d\n",
        "  File \"t.py\", line 1\n    import a.b as c.d\n                   ^\nSyntaxError: invalid syntax\n",
    ),
    (
        "def f(x):\n  return x\n   y = 1\n",
        "  File \"t.py\", line 3\n    y = 1\nIndentationError: unexpected indent\n",
    ),
    (
        "x = [\n  1,\n  2\n",
        "  File \"t.py\", line 1\n    x = [\n        ^\nSyntaxError: '[' was never closed\n",
    ),
    (
        "if x:\n  y = (1,\n  2\nz = 3\n",
        "  File \"t.py\", line 2\n    y = (1,\n        ^\nSyntaxError: '(' was never closed\n",
    ),
    (
        "x = 5 if True else\n",
        "  File \"t.py\", line 1\n    x = 5 if True else\n                      ^\nSyntaxError: invalid syntax\n",
    ),
    (
        "class A(x for x in y): pass\n",
        "  File \"t.py\", line 1\n    class A(x for x in y): pass\n              ^^^\nSyntaxError: invalid syntax\n",
    ),
    (
        "print(f'{x:{y:{z}}}')\n",
        "  File \"t.py\", line 1\n    print(f'{x:{y:{z}}}')\n                        ^\nSyntaxError: f-string: expressions nested too deeply\n",
    ),
    (
        "a = 1; b = 2;; c = 3\n",
        "  File \"t.py\", line 1\n    a = 1; b = 2;; c = 3\n                 ^\nSyntaxError: invalid syntax\n",
    ),
    (
        "x = [i for i in range(3) if]\n",
        "  File \"t.py\", line 1\n    x = [i for i in range(3) if]\n                               ^\nSyntaxError: invalid syntax\n",
    ),
    (
        "for x in range(3):\n    print(x)\n  print(x)\n",
        "  File \"t.py\", line 3\n    print(x)\n            ^\nIndentationError: unindent does not match any outer indentation level\n",
    ),
    (
        "def f(self, x, **kwargs, y):\n    pass\n",
        "  File \"t.py\", line 1\n    def f(self, x, **kwargs, y):\n                             ^\nSyntaxError: arguments cannot follow var-keyword argument\n",
    ),
    (
        "assert x, \n",
        "  File \"t.py\", line 1\n    assert x, \n              ^\nSyntaxError: invalid syntax\n",
    ),
    (
        "x = not\n",
        "  File \"t.py\", line 1\n    x = not\n           ^\nSyntaxError: invalid syntax\n",
    ),
    (
        "with a as f(), b:\n    pass\n",
        "  File \"t.py\", line 1\n    with a as f(), b:\n              ^^^\nSyntaxError: cannot assign to function call\n",
    ),
    (
        "x = 3 := 4\n",
        "  File \"t.py\", line 1\n    x = 3 := 4\n          ^^\nSyntaxError: invalid syntax\n",
    ),
    (
        "(x.y := 1)\n",
        "  File \"t.py\", line 1\n    (x.y := 1)\n     ^^^\nSyntaxError: cannot use assignment expressions with attribute\n",
    ),
    (
        "x = '\\x4'\n",
        "  File \"t.py\", line 1\n    x = '\\x4'\n             ^\nSyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \\xXX escape\n",
    ),
    (
        "x = b'\\x4'\n",
        "  File \"t.py\", line 1\n    x = b'\\x4'\n              ^\nSyntaxError: (value error) invalid \\x escape at position 0\n",
    ),
    (
        "x = b'中'\n",
        "  File \"t.py\", line 1\n    x = b'中'\n        ^^^^^^\nSyntaxError: bytes can only contain ASCII literal characters\n",
    ),
    (
        "def f():\n\tif x:\n        pass\n",
        "  File \"t.py\", line 3\n    pass\nTabError: inconsistent use of tabs and spaces in indentation\n",
    ),
    (
        "  x = 1\n",
        "  File \"t.py\", line 1\n    x = 1\nIndentationError: unexpected indent\n",
    ),
    (
        "x = {'a' 1}\n",
        "  File \"t.py\", line 1\n    x = {'a' 1}\n         ^^^^^\nSyntaxError: invalid syntax. Perhaps you forgot a comma?\n",
    ),
    (
        "print(\"hello\" \"world\" x)\n",
        "  File \"t.py\", line 1\n    print(\"hello\" \"world\" x)\n          ^^^^^^^^^^^^^^^^^\nSyntaxError: invalid syntax. Perhaps you forgot a comma?\n",
    ),
    (
        "if x:\n    pass\n  else:\n    pass\n",
        "  File \"t.py\", line 3\n    else:\n         ^\nIndentationError: unindent does not match any outer indentation level\n",
    ),
    (
        "x = )\n",
        "  File \"t.py\", line 1\n    x = )\n        ^\nSyntaxError: unmatched ')'\n",
    ),
    (
        "x = ]\n",
        "  File \"t.py\", line 1\n    x = ]\n        ^\nSyntaxError: unmatched ']'\n",
    ),
    (
        "if x：\n    pass\n",
        "  File \"t.py\", line 1\n    if x：\n        ^\nSyntaxError: invalid character '：' (U+FF1A)\n",
    ),
    (
        "print(“hello”)\n",
        "  File \"t.py\", line 1\n    print(“hello”)\n          ^\nSyntaxError: invalid character '“' (U+201C)\n",
    ),
    (
        "print('hello)\n",
        "  File \"t.py\", line 1\n    print('hello)\n          ^\nSyntaxError: unterminated string literal (detected at line 1)\n",
    ),
    (
        "if x:\n    pass\nelse if y:\n    pass\n",
        "  File \"t.py\", line 3\n    else if y:\n         ^^\nSyntaxError: expected ':'\n",
    ),
    (
        "elif x:\n    pass\n",
        "  File \"t.py\", line 1\n    elif x:\n    ^^^^\nSyntaxError: invalid syntax\n",
    ),
    (
        "x => 1\n",
        "  File \"t.py\", line 1\n    x => 1\n       ^\nSyntaxError: invalid syntax\n",
    ),
    (
        "print(f\"{x\")\n",
        "  File \"t.py\", line 1\n    print(f\"{x\")\n               ^\nSyntaxError: f-string: expecting '}'\n",
    ),
    (
        "x = 1 = 2\n",
        "  File \"t.py\", line 1\n    x = 1 = 2\n        ^\nSyntaxError: cannot assign to literal\n",
    ),
    (
        "for i in range(10) print(i)\n",
        "  File \"t.py\", line 1\n    for i in range(10) print(i)\n                       ^^^^^\nSyntaxError: invalid syntax\n",
    ),
    (
        "while (x < 5:\n    x += 1\n",
        "  File \"t.py\", line 1\n    while (x < 5:\n                ^\nSyntaxError: invalid syntax\n",
    ),
    (
        "d = {\n  'a': 1,\n  'b': 2\n\nprint(d)\n",
        "  File \"t.py\", line 1\n    d = {\n        ^\nSyntaxError: '{' was never closed\n",
    ),
    (
        "def f(x)\n    return x\n",
        "  File \"t.py\", line 1\n    def f(x)\n            ^\nSyntaxError: expected ':'\n",
    ),
    (
        "import threading\nt = threading.Thread(target=f, args=(1,)\nt.start()\n",
        "  File \"t.py\", line 2\n    t = threading.Thread(target=f, args=(1,)\n                        ^\nSyntaxError: '(' was never closed\n",
    ),
    (
        "x = [1, 2, 3]]\n",
        "  File \"t.py\", line 1\n    x = [1, 2, 3]]\n                 ^\nSyntaxError: unmatched ']'\n",
    ),
    (
        "queue.put(item\nqueue.get()\n",
        "  File \"t.py\", line 1\n    queue.put(item\n             ^\nSyntaxError: '(' was never closed\n",
    ),
    (
        "x = '中文' + )\n",
        "  File \"t.py\", line 1\n    x = '中文' + )\n               ^\nSyntaxError: unmatched ')'\n",
    ),
    (
        "r.set('k', 'v'\n",
        "  File \"t.py\", line 1\n    r.set('k', 'v'\n         ^\nSyntaxError: '(' was never closed\n",
    ),
    (
        "def worker():\n    while True:\n        item = q.get()\n    print(item)\n   q.task_done()\n",
        "  File \"t.py\", line 5\n    q.task_done()\n                 ^\nIndentationError: unindent does not match any outer indentation level\n",
    ),
    (
        "class Worker(threading.Thread)\n    pass\n",
        "  File \"t.py\", line 1\n    class Worker(threading.Thread)\n                                  ^\nSyntaxError: expected ':'\n",
    ),
    (
        "with lock\n    x = 1\n",
        "  File \"t.py\", line 1\n    with lock\n             ^\nSyntaxError: expected ':'\n",
    ),
    (
        "x = 10\nif x > 5:\n    print('big')\n  else:\n    print('small')\n",
        "  File \"t.py\", line 4\n    else:\n         ^\nIndentationError: unindent does not match any outer indentation level\n",
    ),
    (
        "if x:\n    pass\n else:\n    pass\n",
        "  File \"t.py\", line 3\n    else:\n         ^\nIndentationError: unindent does not match any outer indentation level\n",
    ),
    (
        "x = {'a': 1, 'b'}\n",
        "  File \"t.py\", line 1\n    x = {'a': 1, 'b'}\n                   ^\nSyntaxError: ':' expected after dictionary key\n",
    ),
    (
        "def f(a, *, **k):\n    pass\n",
        "  File \"t.py\", line 1\n    def f(a, *, **k):\n             ^\nSyntaxError: named arguments must follow bare *\n",
    ),
    (
        "def f(*a, *b):\n    pass\n",
        "  File \"t.py\", line 1\n    def f(*a, *b):\n              ^\nSyntaxError: * argument may appear only once\n",
    ),
    (
        "lambda: (yield)\nx = yield from\n",
        "  File \"t.py\", line 2\n    x = yield from\n                  ^\nSyntaxError: invalid syntax\n",
    ),
    (
        "a = 1 if b else\n",
        "  File \"t.py\", line 1\n    a = 1 if b else\n                   ^\nSyntaxError: invalid syntax\n",
    ),
    (
        "f(*)\n",
        "  File \"t.py\", line 1\n    f(*)\n       ^\nSyntaxError: invalid syntax\n",
    ),
    (
        "x = [1, 2,, 3]\n",
        "  File \"t.py\", line 1\n    x = [1, 2,, 3]\n              ^\nSyntaxError: invalid syntax\n",
    ),
    (
        "x.1 = 2\n",
        "  File \"t.py\", line 1\n    x.1 = 2\n     ^^\nSyntaxError: invalid syntax\n",
    ),
    (
        "print(1, 2,)\nprint(1 2)\n",
        "  File \"t.py\", line 2\n    print(1 2)\n          ^^^\nSyntaxError: invalid syntax. Perhaps you forgot a comma?\n",
    ),
    (
        "True = 1\n",
        "  File \"t.py\", line 1\n    True = 1\n    ^^^^\nSyntaxError: cannot assign to True\n",
    ),
    (
        "x = (1, 2) = y\n",
        "  File \"t.py\", line 1\n    x = (1, 2) = y\n         ^\nSyntaxError: cannot assign to literal\n",
    ),
    (
        "def f():\n    global x = 1\n",
        "  File \"t.py\", line 2\n    global x = 1\n             ^\nSyntaxError: invalid syntax\n",
    ),
    (
        "x = (yield) = 1\n",
        "  File \"t.py\", line 1\n    x = (yield) = 1\n         ^^^^^\nSyntaxError: cannot assign to yield expression\n",
    ),
    (
        "import a,\n",
        "  File \"t.py\", line 1\n    import a,\n             ^\nSyntaxError: invalid syntax\n",
    ),
    (
        "from . import (a, b\n",
        "  File \"t.py\", line 1\n    from . import (a, b\n                  ^\nSyntaxError: '(' was never closed\n",
    ),
    (
        "from x import (a, b,)\nfrom x import a b\n",
        "  File \"t.py\", line 2\n    from x import a b\n                    ^\nSyntaxError: invalid syntax\n",
    ),
    (
        "@\ndef f(): pass\n",
        "  File \"t.py\", line 1\n    @\n     ^\nSyntaxError: invalid syntax\n",
    ),
    (
        "@dec\nx = 1\n",
        "  File \"t.py\", line 2\n    x = 1\n    ^\nSyntaxError: invalid syntax\n",
    ),
    (
        "x = f'{x!r:>{width}'\n",
        "  File \"t.py\", line 1\n    x = f'{x!r:>{width}'\n                        ^\nSyntaxError: f-string: expecting '}'\n",
    ),
    (
        "x = 0o\n",
        "  File \"t.py\", line 1\n    x = 0o\n         ^\nSyntaxError: invalid octal literal\n",
    ),
    (
        "x = 1.2.3\n",
        "  File \"t.py\", line 1\n    x = 1.2.3\n           ^^\nSyntaxError: invalid syntax\n",
    ),
    (
        "x = 1e+\n",
        "  File \"t.py\", line 1\n    x = 1e+\n          ^\nSyntaxError: invalid decimal literal\n",
    ),
    (
        "x = 5j5\n",
        "  File \"t.py\", line 1\n    x = 5j5\n         ^\nSyntaxError: invalid imaginary literal\n",
    ),
    (
        "x = \"\"\"abc\"\"\" \"\n",
        "  File \"t.py\", line 1\n    x = \"\"\"abc\"\"\" \"\n                  ^\nSyntaxError: unterminated string literal (detected at line 1)\n",
    ),
    (
        "    \n\tx = 1\n",
        "  File \"t.py\", line 2\n    x = 1\nIndentationError: unexpected indent\n",
    ),
    (
        "def f():\n    x = 1\n\n  y = 2\n",
        "  File \"t.py\", line 4\n    y = 2\n         ^\nIndentationError: unindent does not match any outer indentation level\n",
    ),
];

#[test]
fn syntax_errors_are_reported_as_python3_reports_them() {
    for (source, expected) in ERRORS {
        let error = match parse_module(source) {
            Ok(_) => panic!("no error for {source:?}"),
            Err(error) => error,
        };
        assert_eq!(&error.report("t.py", source), expected, "for {source:?}");
    }
}

/// Programs and CPython 3.11's `ast.parse` of each, printed by
/// `tests/diff/python/ast_dump.py`: precedence, targets, f-strings, literals,
/// indentation and line ends.
const TREES: &[(&str, &str)] = &[
    (
        "x = -2 ** -3 ** 2\n",
        "Module\n  body: [1]\n    Assign 1:0-1:17\n      targets: [1]\n        Name 1:0-1:1 id='x' ctx=Store\n      value: UnaryOp 1:4-1:17 op=USub\n        operand: BinOp 1:5-1:17 op=Pow\n          left: Constant 1:5-1:6 value=2\n          right: UnaryOp 1:10-1:17 op=USub\n            operand: BinOp 1:11-1:17 op=Pow\n              left: Constant 1:11-1:12 value=3\n              right: Constant 1:16-1:17 value=2\n",
    ),
    (
        "a < b <= c is not d not in e\n",
        "Module\n  body: [1]\n    Expr 1:0-1:28\n      value: Compare 1:0-1:28 ops=[Lt, LtE, IsNot, NotIn]\n        left: Name 1:0-1:1 id='a' ctx=Load\n        comparators: [4]\n          Name 1:4-1:5 id='b' ctx=Load\n          Name 1:9-1:10 id='c' ctx=Load\n          Name 1:18-1:19 id='d' ctx=Load\n          Name 1:27-1:28 id='e' ctx=Load\n",
    ),
    (
        "x = not a and b or c if d else e\n",
        "Module\n  body: [1]\n    Assign 1:0-1:32\n      targets: [1]\n        Name 1:0-1:1 id='x' ctx=Store\n      value: IfExp 1:4-1:32\n        test: Name 1:24-1:25 id='d' ctx=Load\n        body: BoolOp 1:4-1:20 op=Or\n          values: [2]\n            BoolOp 1:4-1:15 op=And\n              values: [2]\n                UnaryOp 1:4-1:9 op=Not\n                  operand: Name 1:8-1:9 id='a' ctx=Load\n                Name 1:14-1:15 id='b' ctx=Load\n            Name 1:19-1:20 id='c' ctx=Load\n        orelse: Name 1:31-1:32 id='e' ctx=Load\n",
    ),
    (
        "x = a | b ^ c & d << e + f * g @ h\n",
        "Module\n  body: [1]\n    Assign 1:0-1:34\n      targets: [1]\n        Name 1:0-1:1 id='x' ctx=Store\n      value: BinOp 1:4-1:34 op=BitOr\n        left: Name 1:4-1:5 id='a' ctx=Load\n        right: BinOp 1:8-1:34 op=BitXor\n          left: Name 1:8-1:9 id='b' ctx=Load\n          right: BinOp 1:12-1:34 op=BitAnd\n            left: Name 1:12-1:13 id='c' ctx=Load\n            right: BinOp 1:16-1:34 op=LShift\n              left: Name 1:16-1:17 id='d' ctx=Load\n              right: BinOp 1:21-1:34 op=Add\n                left: Name 1:21-1:22 id='e' ctx=Load\n                right: BinOp 1:25-1:34 op=MatMult\n                  left: BinOp 1:25-1:30 op=Mult\n                    left: Name 1:25-1:26 id='f' ctx=Load\n                    right: Name 1:29-1:30 id='g' ctx=Load\n                  right: Name 1:33-1:34 id='h' ctx=Load\n",
    ),
    (
        "f(x for x in y if x)\n",
        "Module\n  body: [1]\n    Expr 1:0-1:20\n      value: Call 1:0-1:20\n        func: Name 1:0-1:1 id='f' ctx=Load\n        args: [1]\n          GeneratorExp 1:1-1:20\n            elt: Name 1:2-1:3 id='x' ctx=Load\n            generators: [1]\n              comprehension\n                target: Name 1:8-1:9 id='x' ctx=Store\n                iter: Name 1:13-1:14 id='y' ctx=Load\n                ifs: [1]\n                  Name 1:18-1:19 id='x' ctx=Load\n        keywords: [0]\n",
    ),
    (
        "a[1:2, ::3]\n",
        "Module\n  body: [1]\n    Expr 1:0-1:11\n      value: Subscript 1:0-1:11 ctx=Load\n        value: Name 1:0-1:1 id='a' ctx=Load\n        slice: Tuple 1:2-1:10 ctx=Load\n          elts: [2]\n            Slice 1:2-1:5\n              lower: Constant 1:2-1:3 value=1\n              upper: Constant 1:4-1:5 value=2\n              step: None\n            Slice 1:7-1:10\n              lower: None\n              upper: None\n              step: Constant 1:9-1:10 value=3\n",
    ),
    (
        "a, *b = c\nfor x, (y, *z) in w: pass\nreturn_value = lambda a, /, b=1, *c, d, e=2, **f: 0\n",
        "Module\n  body: [3]\n    Assign 1:0-1:9\n      targets: [1]\n        Tuple 1:0-1:5 ctx=Store\n          elts: [2]\n            Name 1:0-1:1 id='a' ctx=Store\n            Starred 1:3-1:5 ctx=Store\n              value: Name 1:4-1:5 id='b' ctx=Store\n      value: Name 1:8-1:9 id='c' ctx=Load\n    For 2:0-2:25\n      target: Tuple 2:4-2:14 ctx=Store\n        elts: [2]\n          Name 2:4-2:5 id='x' ctx=Store\n          Tuple 2:7-2:14 ctx=Store\n            elts: [2]\n              Name 2:8-2:9 id='y' ctx=Store\n              Starred 2:11-2:13 ctx=Store\n                value: Name 2:12-2:13 id='z' ctx=Store\n      iter: Name 2:18-2:19 id='w' ctx=Load\n      body: [1]\n        Pass 2:21-2:25\n      orelse: [0]\n    Assign 3:0-3:51\n      targets: [1]\n        Name 3:0-3:12 id='return_value' ctx=Store\n      value: Lambda 3:15-3:51\n        args: arguments\n          posonlyargs: [1]\n            arg 3:22-3:23 arg='a'\n              annotation: None\n          args: [1]\n            arg 3:28-3:29 arg='b'\n              annotation: None\n          vararg: arg 3:34-3:35 arg='c'\n            annotation: None\n          kwonlyargs: [2]\n            arg 3:37-3:38 arg='d'\n              annotation: None\n            arg 3:40-3:41 arg='e'\n              annotation: None\n          kw_defaults: [2]\n            None\n            Constant 3:42-3:43 value=2\n          kwarg: arg 3:47-3:48 arg='f'\n            annotation: None\n          defaults: [1]\n            Constant 3:30-3:31 value=1\n        body: Constant 3:50-3:51 value=0\n",
    ),
    (
        "x = f'a{b!r:>{w}.{p}} {{c}} {d=} {e = !s}'\n",
        "Module\n  body: [1]\n    Assign 1:0-1:42\n      targets: [1]\n        Name 1:0-1:1 id='x' ctx=Store\n      value: JoinedStr 1:4-1:42\n        values: [6]\n          Constant 1:4-1:42 value='a'\n          FormattedValue 1:4-1:42 conversion=114\n            value: Name 1:8-1:9 id='b' ctx=Load\n            format_spec: JoinedStr 1:4-1:42\n              values: [4]\n                Constant 1:4-1:42 value='>'\n                FormattedValue 1:4-1:42 conversion=-1\n                  value: Name 1:14-1:15 id='w' ctx=Load\n                  format_spec: None\n                Constant 1:4-1:42 value='.'\n                FormattedValue 1:4-1:42 conversion=-1\n                  value: Name 1:18-1:19 id='p' ctx=Load\n                  format_spec: None\n          Constant 1:4-1:42 value=' {c} d='\n          FormattedValue 1:4-1:42 conversion=114\n            value: Name 1:29-1:30 id='d' ctx=Load\n            format_spec: None\n          Constant 1:4-1:42 value=' e = '\n          FormattedValue 1:4-1:42 conversion=115\n            value: Name 1:34-1:35 id='e' ctx=Load\n            format_spec: None\n",
    ),
    (
        "x = 'a' f'{b}' 'c'\nx = b'\\x41\\101' rb'\\n'\n",
        "Module\n  body: [2]\n    Assign 1:0-1:18\n      targets: [1]\n        Name 1:0-1:1 id='x' ctx=Store\n      value: JoinedStr 1:4-1:18\n        values: [3]\n          Constant 1:4-1:18 value='a'\n          FormattedValue 1:4-1:18 conversion=-1\n            value: Name 1:11-1:12 id='b' ctx=Load\n            format_spec: None\n          Constant 1:4-1:18 value='c'\n    Assign 2:0-2:22\n      targets: [1]\n        Name 2:0-2:1 id='x' ctx=Store\n      value: Constant 2:4-2:22 value=b'AA\\\\n'\n",
    ),
    (
        "x = '\\u4e2d\\U0001F600\\x41\\101\\q'\n",
        "Module\n  body: [1]\n    Assign 1:0-1:32\n      targets: [1]\n        Name 1:0-1:1 id='x' ctx=Store\n      value: Constant 1:4-1:32 value='\\u{4e2d}\\u{1f600}AA\\\\q'\n",
    ),
    (
        "x = 0x_FF + 0o17 + 0b101 + 1_000 + 0xFFFFFFFFFFFFFFFFFFFF + 1.5e-3 + 2j + .5 + 1.\n",
        "Module\n  body: [1]\n    Assign 1:0-1:81\n      targets: [1]\n        Name 1:0-1:1 id='x' ctx=Store\n      value: BinOp 1:4-1:81 op=Add\n        left: BinOp 1:4-1:76 op=Add\n          left: BinOp 1:4-1:71 op=Add\n            left: BinOp 1:4-1:66 op=Add\n              left: BinOp 1:4-1:57 op=Add\n                left: BinOp 1:4-1:32 op=Add\n                  left: BinOp 1:4-1:24 op=Add\n                    left: BinOp 1:4-1:16 op=Add\n                      left: Constant 1:4-1:9 value=255\n                      right: Constant 1:12-1:16 value=15\n                    right: Constant 1:19-1:24 value=5\n                  right: Constant 1:27-1:32 value=1000\n                right: Constant 1:35-1:57 value=1208925819614629174706175\n              right: Constant 1:60-1:66 value=0.0015\n            right: Constant 1:69-1:71 value=2.0j\n          right: Constant 1:74-1:76 value=0.5\n        right: Constant 1:79-1:81 value=1.0\n",
    ),
    (
        "@dec(1)\nclass A(B, metaclass=M):\n    '''doc'''\n    def f(self, a: int = 1, *args, k, **kw) -> None:\n        del self.x, a[0]\n        global g\n        with open(p) as f, (q):\n            pass\n",
        "Module\n  body: [1]\n    ClassDef 2:0-8:16 name='A'\n      bases: [1]\n        Name 2:8-2:9 id='B' ctx=Load\n      keywords: [1]\n        keyword 2:11-2:22 arg='metaclass'\n          value: Name 2:21-2:22 id='M' ctx=Load\n      body: [2]\n        Expr 3:4-3:13\n          value: Constant 3:4-3:13 value='doc'\n        FunctionDef 4:4-8:16 name='f'\n          args: arguments\n            posonlyargs: [0]\n            args: [2]\n              arg 4:10-4:14 arg='self'\n                annotation: None\n              arg 4:16-4:22 arg='a'\n                annotation: Name 4:19-4:22 id='int' ctx=Load\n            vararg: arg 4:29-4:33 arg='args'\n              annotation: None\n            kwonlyargs: [1]\n              arg 4:35-4:36 arg='k'\n                annotation: None\n            kw_defaults: [1]\n              None\n            kwarg: arg 4:40-4:42 arg='kw'\n              annotation: None\n            defaults: [1]\n              Constant 4:25-4:26 value=1\n          body: [3]\n            Delete 5:8-5:24\n              targets: [2]\n                Attribute 5:12-5:18 attr='x' ctx=Del\n                  value: Name 5:12-5:16 id='self' ctx=Load\n                Subscript 5:20-5:24 ctx=Del\n                  value: Name 5:20-5:21 id='a' ctx=Load\n                  slice: Constant 5:22-5:23 value=0\n            Global 6:8-6:16 names=['g']\n            With 7:8-8:16\n              items: [2]\n                withitem\n                  context_expr: Call 7:13-7:20\n                    func: Name 7:13-7:17 id='open' ctx=Load\n                    args: [1]\n                      Name 7:18-7:19 id='p' ctx=Load\n                    keywords: [0]\n                  optional_vars: Name 7:24-7:25 id='f' ctx=Store\n                withitem\n                  context_expr: Name 7:28-7:29 id='q' ctx=Load\n                  optional_vars: None\n              body: [1]\n                Pass 8:12-8:16\n          decorator_list: [0]\n          returns: Constant 4:47-4:51 value=None\n      decorator_list: [1]\n        Call 1:1-1:7\n          func: Name 1:1-1:4 id='dec' ctx=Load\n          args: [1]\n            Constant 1:5-1:6 value=1\n          keywords: [0]\n",
    ),
    (
        "try:\n    pass\nexcept (A, B) as e:\n    raise C from e\nelse:\n    pass\nfinally:\n    pass\n",
        "Module\n  body: [1]\n    Try 1:0-8:8\n      body: [1]\n        Pass 2:4-2:8\n      handlers: [1]\n        ExceptHandler 3:0-4:18 name='e'\n          type: Tuple 3:7-3:13 ctx=Load\n            elts: [2]\n              Name 3:8-3:9 id='A' ctx=Load\n              Name 3:11-3:12 id='B' ctx=Load\n          body: [1]\n            Raise 4:4-4:18\n              exc: Name 4:10-4:11 id='C' ctx=Load\n              cause: Name 4:17-4:18 id='e' ctx=Load\n      orelse: [1]\n        Pass 6:4-6:8\n      finalbody: [1]\n        Pass 8:4-8:8\n",
    ),
    (
        "from .. import (a as b, c,)\nimport os.path as p\n",
        "Module\n  body: [2]\n    ImportFrom 1:0-1:27 module=None level=2\n      names: [2]\n        alias 1:16-1:22 name='a' asname='b'\n        alias 1:24-1:25 name='c' asname=None\n    Import 2:0-2:19\n      names: [1]\n        alias 2:7-2:19 name='os.path' asname='p'\n",
    ),
    (
        "if a:\n\tb\nelif c:\n  d\nelse:\n  e\n",
        "Module\n  body: [1]\n    If 1:0-6:3\n      test: Name 1:3-1:4 id='a' ctx=Load\n      body: [1]\n        Expr 2:1-2:2\n          value: Name 2:1-2:2 id='b' ctx=Load\n      orelse: [1]\n        If 3:0-6:3\n          test: Name 3:5-3:6 id='c' ctx=Load\n          body: [1]\n            Expr 4:2-4:3\n              value: Name 4:2-4:3 id='d' ctx=Load\n          orelse: [1]\n            Expr 6:2-6:3\n              value: Name 6:2-6:3 id='e' ctx=Load\n",
    ),
    (
        "x = {1: 2, **y}\ns = {*a, b}\nd = {k: v for k, v in z}\n(y := 10)\nprint(*a, **k, sep='')\n",
        "Module\n  body: [5]\n    Assign 1:0-1:15\n      targets: [1]\n        Name 1:0-1:1 id='x' ctx=Store\n      value: Dict 1:4-1:15\n        keys: [2]\n          Constant 1:5-1:6 value=1\n          None\n        values: [2]\n          Constant 1:8-1:9 value=2\n          Name 1:13-1:14 id='y' ctx=Load\n    Assign 2:0-2:11\n      targets: [1]\n        Name 2:0-2:1 id='s' ctx=Store\n      value: Set 2:4-2:11\n        elts: [2]\n          Starred 2:5-2:7 ctx=Load\n            value: Name 2:6-2:7 id='a' ctx=Load\n          Name 2:9-2:10 id='b' ctx=Load\n    Assign 3:0-3:24\n      targets: [1]\n        Name 3:0-3:1 id='d' ctx=Store\n      value: DictComp 3:4-3:24\n        key: Name 3:5-3:6 id='k' ctx=Load\n        value: Name 3:8-3:9 id='v' ctx=Load\n        generators: [1]\n          comprehension\n            target: Tuple 3:14-3:18 ctx=Store\n              elts: [2]\n                Name 3:14-3:15 id='k' ctx=Store\n                Name 3:17-3:18 id='v' ctx=Store\n            iter: Name 3:22-3:23 id='z' ctx=Load\n            ifs: [0]\n    Expr 4:0-4:9\n      value: NamedExpr 4:1-4:8 target='y'\n        value: Constant 4:6-4:8 value=10\n    Expr 5:0-5:22\n      value: Call 5:0-5:22\n        func: Name 5:0-5:5 id='print' ctx=Load\n        args: [1]\n          Starred 5:6-5:8 ctx=Load\n            value: Name 5:7-5:8 id='a' ctx=Load\n        keywords: [2]\n          keyword 5:10-5:13 arg=None\n            value: Name 5:12-5:13 id='k' ctx=Load\n          keyword 5:15-5:21 arg='sep'\n            value: Constant 5:19-5:21 value=''\n",
    ),
    (
        "x: int = 1\n(y): str\na.b: int\nz += yield\n",
        "Module\n  body: [4]\n    AnnAssign 1:0-1:10 simple=1\n      target: Name 1:0-1:1 id='x' ctx=Store\n      annotation: Name 1:3-1:6 id='int' ctx=Load\n      value: Constant 1:9-1:10 value=1\n    AnnAssign 2:0-2:8 simple=0\n      target: Name 2:1-2:2 id='y' ctx=Store\n      annotation: Name 2:5-2:8 id='str' ctx=Load\n      value: None\n    AnnAssign 3:0-3:8 simple=0\n      target: Attribute 3:0-3:3 attr='b' ctx=Store\n        value: Name 3:0-3:1 id='a' ctx=Load\n      annotation: Name 3:5-3:8 id='int' ctx=Load\n      value: None\n    AugAssign 4:0-4:10 op=Add\n      target: Name 4:0-4:1 id='z' ctx=Store\n      value: Yield 4:5-4:10\n        value: None\n",
    ),
    (
        "x = (\n  1,\n  2,\n)\n",
        "Module\n  body: [1]\n    Assign 1:0-4:1\n      targets: [1]\n        Name 1:0-1:1 id='x' ctx=Store\n      value: Tuple 1:4-4:1 ctx=Load\n        elts: [2]\n          Constant 2:2-2:3 value=1\n          Constant 3:2-3:3 value=2\n",
    ),
    (
        "s = f'''\n{a +\nb}'''\n",
        "Module\n  body: [1]\n    Assign 1:0-3:5\n      targets: [1]\n        Name 1:0-1:1 id='s' ctx=Store\n      value: JoinedStr 1:4-3:5\n        values: [2]\n          Constant 1:4-3:5 value='\\u{a}'\n          FormattedValue 1:4-3:5 conversion=-1\n            value: BinOp 2:1-3:1 op=Add\n              left: Name 2:1-2:2 id='a' ctx=Load\n              right: Name 3:0-3:1 id='b' ctx=Load\n            format_spec: None\n",
    ),
    (
        "\u{feff}# -*- coding: utf-8 -*-\r\nx = 1\r\ny = 2",
        "Module\n  body: [2]\n    Assign 2:0-2:5\n      targets: [1]\n        Name 2:0-2:1 id='x' ctx=Store\n      value: Constant 2:4-2:5 value=1\n    Assign 3:0-3:5\n      targets: [1]\n        Name 3:0-3:1 id='y' ctx=Store\n      value: Constant 3:4-3:5 value=2\n",
    ),
];

#[test]
fn trees_match_cpython() {
    for (source, expected) in TREES {
        let module = parse_module(source).unwrap_or_else(|e| panic!("{source:?}: {e:?}"));
        assert_eq!(&dump(&module), expected, "for {source:?}");
    }
}

/// What python3's `>>>` prompt does with each input: runs it (`ok`), asks for a
/// `... ` line (`incomplete`), or reports an error.
const INTERACTIVE: &[(&str, &str)] = &[
    ("x = 1\n", "ok"),
    ("x = (1,\n", "incomplete"),
    ("if x:\n", "incomplete"),
    ("if x:\n    y = 1\n", "incomplete"),
    ("if x:\n    y = 1\n\n", "ok"),
    ("if x: pass\n", "incomplete"),
    ("@dec\n", "incomplete"),
    ("s = '''abc\n", "incomplete"),
    ("x = 1 + \\\n", "incomplete"),
    ("x = [1, 2\n", "incomplete"),
    ("print('a\n", "error"),
    ("if x y:\n", "error"),
    ("class A:\n    pass\nprint(A)\n", "error"),
    ("try:\n    x\n", "incomplete"),
    ("\n", "ok"),
    ("x = 1; y = 2\n", "ok"),
    ("def f():\n    return 1\n\n", "ok"),
    ("for i in x:\n    print(i)\n", "incomplete"),
];

#[test]
fn interactive_input_is_complete_incomplete_or_wrong_as_at_the_prompt() {
    for (source, expected) in INTERACTIVE {
        let got = match parse_interactive(source) {
            Ok(_) => "ok",
            Err(e) if e.incomplete => "incomplete",
            Err(_) => "error",
        };
        assert_eq!(got, *expected, "for {source:?}");
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    // Unoptimised test builds use far bigger stack frames than the 1 MB of a
    // release build in wasm, which `MAX_DEPTH` is set for.
    std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(deep_nesting)
        .expect("thread")
        .join()
        .expect("no panic");
}

fn deep_nesting() {
    // python3 3.11: "too many nested parentheses" from 200 brackets on.
    let source = format!("x = {}1{}\n", "(".repeat(199), ")".repeat(199));
    assert!(parse_module(&source).is_ok());
    let error = parse_module(&format!("x = {}\n", "(".repeat(250))).unwrap_err();
    assert_eq!(error.msg, "too many nested parentheses");
    // Nested calls parse in linear time (a call's first argument is read once).
    let calls = format!("x = {}1{}\n", "f(".repeat(150), ")".repeat(150));
    assert!(parse_module(&calls).is_ok());
    for source in [
        "-".repeat(100_000) + "1",
        "lambda: ".repeat(5_000) + "1",
        "not ".repeat(100_000) + "x",
    ] {
        let _ = parse_module(&source);
    }
}

#[test]
fn random_bytes_never_panic() {
    // A fixed linear congruential sequence: the same inputs on every run.
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let alphabet = b"()[]{}:;,.=+-*/'\"\\#\n\t fx1_ifdefclassforinnotlambdayield0xe";
    for _ in 0..3000 {
        let len = (state >> 59) as usize + 1;
        let mut source = String::new();
        for _ in 0..len * 3 {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            source.push(alphabet[(state >> 33) as usize % alphabet.len()] as char);
        }
        if let Err(error) = parse_module(&source) {
            let _ = error.report("t.py", &source);
        }
        let _ = parse_interactive(&source);
    }
}
