//! The methods run as programs through the VM, each checked against what python3
//! 3.11 prints for the same program (the expected text is its output, verbatim).

use std::cell::RefCell;
use std::rc::Rc;

use crate::value::{DictFlavor, DictObject, Key, Value};
use crate::vm::{EmptyFolder, Run, Vm};

/// What `program` prints, stdout and stderr in order, run to its end in `vm`.
fn run_in(mut vm: Vm, program: &str) -> String {
    let pid = vm.spawn(
        program,
        vec!["test.py".to_owned()],
        Rc::new(EmptyFolder("/tmp")),
        String::new(),
    );
    let mut printed = String::new();
    loop {
        let state = vm.run(1_000_000);
        for (_, text) in vm.take_output(pid) {
            printed.push_str(&text);
        }
        match state {
            Run::Busy => {}
            Run::Waiting(Some(deadline)) => vm.advance_to(deadline),
            Run::Done | Run::Waiting(None) => return printed,
        }
    }
}

/// What `program` prints.
fn run(program: &str) -> String {
    run_in(Vm::new(0, 0), program)
}

#[test]
fn str_split_join() {
    let program = r#"
print('a,b,,c'.split(','), 'a,b,c'.rsplit(',', 1), '  a b  c '.split(None, 1))
print(' | '.join(['x', 'y']), '中文'.center(6, '*'), '42'.zfill(5), '-42'.zfill(5))
print('line one\nline two\r\nlast'.splitlines(), 'a\nb\n'.splitlines(True))
try:
    ', '.join(['a', 1])
except TypeError as e:
    print('TypeError:', e)
"#;
    // python3 3.11's output.
    let expected = r#"['a', 'b', '', 'c'] ['a,b', 'c'] ['a', 'b  c ']
x | y **中文** 00042 -0042
['line one', 'line two', 'last'] ['a\n', 'b\n']
TypeError: sequence item 1: expected str instance, int found
"#;
    assert_eq!(run(program), expected);
}

#[test]
fn str_search() {
    let program = r#"
s = 'hello world, hello python'
print(s.find('hello', 1), s.rfind('hello'), s.index('world'), s.count('l'), s.count(''))
print('中文中'.find('中', 1), 'banana'.rfind('na', 0, 4), 'hello'.startswith(('x', 'he')), 'hello'.endswith('ell', 0, 4))
print(s.replace('hello', 'hi', 1), 'abc'.replace('', '-'), 'aaa'.replace('a', 'b', 2))
try:
    s.index('java')
except ValueError as e:
    print('ValueError:', e)
"#;
    // python3 3.11's output.
    let expected = r#"13 13 6 5 26
2 2 True True
hi world, hello python -a-b-c- bba
ValueError: substring not found
"#;
    assert_eq!(run(program), expected);
}

#[test]
fn str_case_and_predicates() {
    let program = r#"
print('hello world'.title(), "they're".title(), 'ß'.upper(), 'Straße'.casefold(), 'ΑΣ Β'.lower())
print('aBc'.swapcase(), 'hELLO'.capitalize(), 'Hello World'.istitle(), 'ABC1'.isupper())
print('²'.isdigit(), '²'.isdecimal(), '一二三'.isnumeric(), '中文'.isalpha(), '变量'.isidentifier())
print(' \t'.isspace(), ''.isspace(), 'abc'.isascii(), '中'.isascii(), 'a\n'.isprintable())
"#;
    // python3 3.11's output.
    let expected = r#"Hello World They'Re SS strasse ας β
AbC Hello True True
True False True True True
True False True False False
"#;
    assert_eq!(run(program), expected);
}

#[test]
fn str_strip_partition_translate() {
    let program = r#"
print(repr('  x \n'.strip()), 'xxhixx'.strip('x'), 'www.example.com'.lstrip('w.'), 'spam.py'.rstrip('.py'))
print('amqp://guest@host'.partition('://'), 'a.b.c'.rpartition('.'), 'none'.partition('='))
print('report.txt'.removesuffix('.txt'), 'Mr. Li'.removeprefix('Mr. '), 'a\tbc\td'.expandtabs(4))
table = str.maketrans('abc', 'xyz', '0')
print('a0b0c'.translate(table), '你好，世界'.translate(str.maketrans('，', ',')))
try:
    'x'.center(5, '--')
except TypeError as e:
    print('TypeError:', e)
"#;
    // python3 3.11's output.
    let expected = r#"'x' hi example.com spam
('amqp', '://', 'guest@host') ('a.b', '.', 'c') ('none', '', '')
report Li a   bc  d
xyz 你好,世界
TypeError: The fill character must be exactly one character long
"#;
    assert_eq!(run(program), expected);
}

#[test]
fn str_format() {
    let program = r#"
print('{} and {}'.format('a', 'b'), '{0}{1}{0}'.format('x', 'y'), '{name}:{port:>6}'.format(name='h', port=80))
print('{:.2f}|{:,}|{!r}|{x[0]}'.format(3.14159, 1234567, 'q', x=[7]), '{:{}}|'.format('a', 3))
print('{host}:{port}'.format_map({'host': 'localhost', 'port': 5672}))
for template, args in [('{}{}', (1,)), ('{0}{}', (1, 2)), ('{a}', ())]:
    try:
        template.format(*args)
    except (IndexError, ValueError, KeyError) as e:
        print(type(e).__name__ + ':', e)
"#;
    // python3 3.11's output.
    let expected = r#"a and b xyx h:    80
3.14|1,234,567|'q'|7 a  |
localhost:5672
IndexError: Replacement index 1 out of range for positional args tuple
ValueError: cannot switch from manual field specification to automatic field numbering
KeyError: 'a'
"#;
    assert_eq!(run(program), expected);
}

#[test]
fn wrong_calls() {
    let program = r#"
calls = [
    lambda: 'a'.upper(1),
    lambda: 'a'.split(1, 2, 3),
    lambda: 'a'.split(x=1),
    lambda: 'a'.split(',', sep=','),
    lambda: 'a'.replace('a'),
    lambda: 'a'.find(),
    lambda: 'a'.find(1),
    lambda: 'a'.replace('a', 'b', count=1),
    lambda: [].append(),
    lambda: [].insert(1),
    lambda: [].sort(1),
    lambda: {}.get(1, 2, 3),
    lambda: str.upper(5),
    lambda: str.upper(),
    lambda: (5).to_bytes(1, 'big', True),
    lambda: int.from_bytes(),
]
for call in calls:
    try:
        call()
    except TypeError as e:
        print(e)
"#;
    // python3 3.11's output.
    let expected = r#"str.upper() takes no arguments (1 given)
split() takes at most 2 arguments (3 given)
'x' is an invalid keyword argument for split()
argument for split() given by name ('sep') and position (1)
replace expected at least 2 arguments, got 1
find() takes at least 1 argument (0 given)
must be str, not int
str.replace() takes no keyword arguments
list.append() takes exactly one argument (0 given)
insert expected 2 arguments, got 1
sort() takes no positional arguments
get expected at most 2 arguments, got 3
descriptor 'upper' for 'str' objects doesn't apply to a 'int' object
unbound method str.upper() needs an argument
to_bytes() takes at most 2 positional arguments (3 given)
from_bytes() missing required argument 'bytes' (pos 1)
"#;
    assert_eq!(run(program), expected);
}

#[test]
fn bytes_methods() {
    let program = r#"
msg = b'GET /index.html HTTP/1.1\r\nHost: localhost\r\n\r\n'
line, _, rest = msg.partition(b'\r\n')
print(line.split(), rest.split(b'\r\n'), msg.find(b'Host'), msg.count(b'\r\n'), b'abc'.index(98))
print(b'hello'.upper(), b'  pad  '.strip(), b'a-b'.replace(b'-', b'+'), b'abc'.title(), b', '.join([b'1', b'2']))
print(b'hello'.hex(), b'abcde'.hex('-', 2), bytes.fromhex('48 65 6c'), b'123'.isdigit(), b'ab'.isalpha())
for bad in [lambda: b', '.join(['s']), lambda: bytes.fromhex('zz'), lambda: b'abc'.index(b'z'), lambda: b'a'.strip('a')]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ':', e)
"#;
    // python3 3.11's output.
    let expected = r#"[b'GET', b'/index.html', b'HTTP/1.1'] [b'Host: localhost', b'', b''] 26 3 1
b'HELLO' b'pad' b'a+b' b'Abc' b'1, 2'
68656c6c6f 61-6263-6465 b'Hel' True True
TypeError: sequence item 0: expected a bytes-like object, str found
ValueError: non-hexadecimal number found in fromhex() arg at position 0
ValueError: subsection not found
TypeError: a bytes-like object is required, not 'str'
"#;
    assert_eq!(run(program), expected);
}

#[test]
fn encode_decode() {
    let program = r#"
text = 'Café 中文 ok'
print(text.encode(), text.encode('ascii', errors='ignore'), text.encode('ascii', 'replace'))
print(text.encode('ascii', 'backslashreplace'), text.encode('ascii', 'xmlcharrefreplace'), 'é'.encode('latin-1'))
broken = b'abc\xff\xfedef\xe4\xb8'
print(broken.decode('utf-8', 'replace'), broken.decode('utf-8', 'ignore'), broken.decode('utf-8', 'backslashreplace'))
for bad in (b'\xff', b'abc\xe4\xb8', b'\xe4\xb8\x41', b'\x80abc'):
    try:
        bad.decode()
    except UnicodeDecodeError as e:
        print(bad, '->', e)
try:
    'a中文b'.encode('ascii')
except UnicodeEncodeError as e:
    print(e, '|', e.reason, e.start, e.end)
try:
    'x'.encode('utf-9')
except LookupError as e:
    print('LookupError:', e)
"#;
    // python3 3.11's output.
    let expected = r#"b'Caf\xc3\xa9 \xe4\xb8\xad\xe6\x96\x87 ok' b'Caf  ok' b'Caf? ?? ok'
b'Caf\\xe9 \\u4e2d\\u6587 ok' b'Caf&#233; &#20013;&#25991; ok' b'\xe9'
abc��def� abcdef abc\xff\xfedef\xe4\xb8
b'\xff' -> 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte
b'abc\xe4\xb8' -> 'utf-8' codec can't decode bytes in position 3-4: unexpected end of data
b'\xe4\xb8A' -> 'utf-8' codec can't decode bytes in position 0-1: invalid continuation byte
b'\x80abc' -> 'utf-8' codec can't decode byte 0x80 in position 0: invalid start byte
'ascii' codec can't encode characters in position 1-2: ordinal not in range(128) | ordinal not in range(128) 1 3
LookupError: unknown encoding: utf-9
"#;
    assert_eq!(run(program), expected);
}

#[test]
fn list_methods() {
    let program = r#"
tasks = ['wash', 'cook']
tasks.append('shop')
tasks.insert(0, 'wake')
tasks.insert(100, 'sleep')
tasks.insert(-1, 'read')
tasks.extend(('walk', 'cook'))
print(tasks, tasks.index('cook'), tasks.index('cook', 3), tasks.count('cook'))
tasks.remove('cook')
print(tasks.pop(), tasks.pop(0), tasks.pop(-2), tasks)
tasks.reverse()
copy = tasks.copy()
tasks.sort(key=len, reverse=True)
print(tasks, copy)
tasks.clear()
print(tasks)
for bad in (lambda: [].pop(), lambda: [1].pop(5), lambda: [1].remove(3), lambda: [1].index(7), lambda: ['a'].index('b')):
    try:
        bad()
    except (IndexError, ValueError) as e:
        print(type(e).__name__ + ':', e)
"#;
    // python3 3.11's output.
    let expected = r#"['wake', 'wash', 'cook', 'shop', 'read', 'sleep', 'walk', 'cook'] 2 7 2
cook wake sleep ['wash', 'shop', 'read', 'walk']
['walk', 'read', 'shop', 'wash'] ['walk', 'read', 'shop', 'wash']
[]
IndexError: pop from empty list
IndexError: pop index out of range
ValueError: list.remove(x): x not in list
ValueError: 7 is not in list
ValueError: 'b' is not in list
"#;
    assert_eq!(run(program), expected);
}

#[test]
fn sort_is_stable() {
    let program = r#"
students = [('zhang', 88), ('li', 95), ('wang', 88), ('zhao', 70), ('sun', 95)]
students.sort(key=lambda s: s[1], reverse=True)
print([name for name, _ in students])
words = ['kiwi', 'fig', 'banana', 'apple', 'date']
words.sort(key=lambda w: (len(w), w))
print(words, sorted(['b', 'A', 'c'], key=str.lower))
"#;
    // python3 3.11's output.
    let expected = r#"['li', 'sun', 'zhang', 'wang', 'zhao']
['fig', 'date', 'kiwi', 'apple', 'banana'] ['A', 'b', 'c']
"#;
    assert_eq!(run(program), expected);
}

#[test]
fn tuple_and_range() {
    let program = r#"
t = (1, 2, 2, 3)
print(t.count(2), t.index(2), t.index(3, 1))
r = range(0, 20, 3)
print(r.count(9), r.index(9), r.start, r.stop, r.step, range(10, 0, -2).index(6))
for bad in (lambda: t.index(7), lambda: r.index(10), lambda: r.index('a')):
    try:
        bad()
    except ValueError as e:
        print('ValueError:', e)
"#;
    // python3 3.11's output.
    let expected = r#"2 1 3
1 3 0 20 3 2
ValueError: tuple.index(x): x not in tuple
ValueError: 10 is not in range
ValueError: sequence.index(x): x not in sequence
"#;
    assert_eq!(run(program), expected);
}

#[test]
fn dict_methods() {
    let program = r#"
stock = {'apple': 10, 'pear': 5}
print(stock.get('pear'), stock.get('kiwi'), stock.get('kiwi', 0), stock.setdefault('kiwi', 7), stock.setdefault('apple', 99))
stock.update({'pear': 6, 'fig': 2})
stock.update(grape=4)
stock.update([('melon', 1)])
print(stock, stock.pop('fig'), stock.pop('nothing', 'default'))
print(stock.popitem(), stock.popitem(), stock)
print(dict.fromkeys(['a', 'b']), dict.fromkeys('xy', 0), {}.fromkeys([1], 'v'))
copy = stock.copy()
stock.clear()
print(stock, copy)
for bad in (lambda: {}.pop('missing'), lambda: {}.popitem()):
    try:
        bad()
    except KeyError as e:
        print('KeyError:', e)
"#;
    // python3 3.11's output.
    let expected = r#"5 None 0 7 10
{'apple': 10, 'pear': 6, 'kiwi': 7, 'grape': 4, 'melon': 1} 2 default
('melon', 1) ('grape', 4) {'apple': 10, 'pear': 6, 'kiwi': 7}
{'a': None, 'b': None} {'x': 0, 'y': 0} {1: 'v'}
{} {'apple': 10, 'pear': 6, 'kiwi': 7}
KeyError: 'missing'
KeyError: 'popitem(): dictionary is empty'
"#;
    assert_eq!(run(program), expected);
}

#[test]
fn dict_views() {
    let program = r#"
prices = {'apple': 5, 'pear': 3}
keys, values, items = prices.keys(), prices.values(), prices.items()
prices['kiwi'] = 8
print(list(keys), len(values), ('kiwi', 8) in items, 'apple' in keys, 5 in values)
print(sorted(keys & {'pear', 'melon'}), sorted(keys | {'melon'}), sorted(keys - {'apple'}), sorted(items - {('apple', 5)}))
print(type(keys).__name__, type(values).__name__, type(items).__name__, list(reversed(keys)))
for name, price in items:
    print(name, price)
try:
    keys[0]
except TypeError as e:
    print('TypeError:', e)
"#;
    // python3 3.11's output.
    let expected = r#"['apple', 'pear', 'kiwi'] 3 True True True
['pear'] ['apple', 'kiwi', 'melon', 'pear'] ['kiwi', 'pear'] [('kiwi', 8), ('pear', 3)]
dict_keys dict_values dict_items ['kiwi', 'pear', 'apple']
apple 5
pear 3
kiwi 8
TypeError: 'dict_keys' object is not subscriptable
"#;
    assert_eq!(run(program), expected);
}

#[test]
fn set_methods() {
    let program = r#"
s = {3, 1}
s.add(3)
s.update([5, 7], (9,))
s.discard(100)
s.remove(7)
print(sorted(s), s.issubset(range(10)), s.issuperset({1}), s.isdisjoint({2}))
print(sorted(s.union([2], {4})), sorted(s.intersection({1, 3, 8})), sorted(s.difference({1})), sorted(s.symmetric_difference({1, 2})))
s.intersection_update({1, 3, 5})
s.difference_update({5})
print(sorted(s), sorted(frozenset('aab').union('c')), type(frozenset().copy()).__name__)
for bad in (lambda: s.remove(42), lambda: set().pop(), lambda: s.add([1])):
    try:
        bad()
    except (KeyError, TypeError) as e:
        print(type(e).__name__ + ':', e)
"#;
    // python3 3.11's output.
    let expected = r#"[1, 3, 5, 9] True True True
[1, 2, 3, 4, 5, 9] [1, 3] [3, 5, 9] [2, 3, 5, 9]
[1, 3] ['a', 'b', 'c'] frozenset
KeyError: 42
KeyError: 'pop from an empty set'
TypeError: unhashable type: 'list'
"#;
    assert_eq!(run(program), expected);
}

#[test]
fn numbers() {
    let program = r#"
print((255).bit_length(), (-5).bit_length(), (2**100).bit_length(), (7).bit_count(), True.bit_length())
print((1024).to_bytes(2, 'big'), (1024).to_bytes(2, 'little'), (-1).to_bytes(2, 'big', signed=True), (2**70).to_bytes(9, 'big'))
print(int.from_bytes(b'\x01\x00', 'big'), int.from_bytes(b'\xff', 'big', signed=True), int.from_bytes(b'\x00' + b'\xff' * 9, 'big'))
print((3).real, (3).imag, True.real, (2.5).imag, (3).conjugate(), (3).as_integer_ratio())
print((2.5).as_integer_ratio(), (0.1).as_integer_ratio(), (3.0).is_integer(), (0.1).hex(), (-2.0).hex())
for bad in (lambda: (256).to_bytes(1, 'big'), lambda: (-1).to_bytes(1, 'big'), lambda: float('inf').as_integer_ratio()):
    try:
        bad()
    except OverflowError as e:
        print('OverflowError:', e)
"#;
    // python3 3.11's output.
    let expected = r#"8 3 101 3 1
b'\x04\x00' b'\x00\x04' b'\xff\xff' b'@\x00\x00\x00\x00\x00\x00\x00\x00'
256 -1 4722366482869645213695
3 0 1 0.0 3 (3, 1)
(5, 2) (3602879701896397, 36028797018963968) True 0x1.999999999999ap-4 -0x1.0000000000000p+1
OverflowError: int too big to convert
OverflowError: can't convert negative int to unsigned
OverflowError: cannot convert Infinity to integer ratio
"#;
    assert_eq!(run(program), expected);
}

#[test]
fn special_methods() {
    let program = r#"
print(str.__len__('abc'), [1, 2].__getitem__(1), 'a'.__add__('b'), (1).__add__(2), (1).__add__(2.5), 'ab'.__contains__('a'))
print((3).__lt__(4), (1).__eq__('a'), {1}.__and__([1]), {'a': 1}.__getitem__('a'), 'x'.__mul__(3))
print(list(map(str.strip, [' a ', 'b '])), max({'a': 3, 'b': 5}, key={'a': 3, 'b': 5}.get))
"#;
    // python3 3.11's output.
    let expected = r#"3 2 ab 3 NotImplemented True
True NotImplemented NotImplemented 1 xxx
['a', 'b'] b
"#;
    assert_eq!(run(program), expected);
}

/// `Counter('mississippi')`, made as the collections module makes it: a dict of the
/// Counter flavor, counts in the order the letters were first seen.
fn mississippi() -> Value {
    let entries = [("m", 1), ("i", 4), ("s", 4), ("p", 2)]
        .into_iter()
        .map(|(letter, count)| (Key::str(letter), Value::Int(count)))
        .collect();
    Value::Dict(Rc::new(RefCell::new(DictObject {
        entries,
        flavor: DictFlavor::Counter,
    })))
}

#[test]
fn counter_methods() {
    let vm = Vm::new(0, 0);
    vm.builtins.set("c", mississippi());
    let program = r#"
print(c.most_common(2), c.most_common()[-1], c.total(), sorted(c.elements())[:6])
c.update('sip')
c.update({'m': 2}, z=1)
c.subtract(['i', 'i', 'q'])
print(c.most_common(), c.get('z'), c.get('nothing'))
d = c.copy()
print(d.most_common(1), d.total(), list(d.elements())[:3])
"#;
    // python3 3.11's output, after `from collections import Counter` and
    // `c = Counter('mississippi')`.
    let expected = r#"[('i', 4), ('s', 4)] ('m', 1) 11 ['i', 'i', 'i', 'i', 'm', 'p']
[('s', 5), ('m', 3), ('i', 3), ('p', 3), ('z', 1), ('q', -1)] 1 None
[('s', 5)] 14 ['m', 'm', 'm']
"#;
    assert_eq!(run_in(vm, program), expected);
}

#[test]
fn tables_are_sorted_for_the_binary_search() {
    use crate::vm::types::TypeTag;
    let tags = [
        TypeTag::Str,
        TypeTag::Bytes,
        TypeTag::List,
        TypeTag::Tuple,
        TypeTag::Dict,
        TypeTag::Set,
        TypeTag::FrozenSet,
        TypeTag::Int,
        TypeTag::Float,
        TypeTag::Range,
        TypeTag::Slice,
    ];
    let mut all: Vec<&[super::Method]> = vec![super::dict::COUNTER_METHODS];
    for tag in tags {
        all.extend(super::tables(tag).expect("a type with methods").1);
    }
    for table in all {
        assert!(table.windows(2).all(|pair| pair[0].name < pair[1].name));
    }
}

#[test]
fn method_names_list_what_dir_shows() {
    // python3 3.11: 'upper' in dir('') and '__len__' in dir(''), 'add' not in
    // dir(frozenset()), 'most_common' in dir(Counter()).
    let names = super::method_names(&Value::str(""));
    assert!(names.contains(&"upper") && names.contains(&"__len__") && !names.contains(&"decode"));
    let frozen = Value::FrozenSet(Rc::new(Default::default()));
    assert!(!super::method_names(&frozen).contains(&"add"));
    assert!(super::method_names(&mississippi()).contains(&"most_common"));
}
