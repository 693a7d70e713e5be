# 大小写转换
samples = ['hello world', 'HELLO World', "it's a dog's life", 'python3.11 is fun', 'ÉCOLE', 'ß']
for s in samples:
    print(f'{s!r:22} upper={s.upper()!r} lower={s.lower()!r}')
    print(f'{"":22} title={s.title()!r} capitalize={s.capitalize()!r} swapcase={s.swapcase()!r}')
print('Straße'.casefold(), 'Straße'.lower(), 'Straße'.upper())
print('hello'.upper().isupper(), 'Hello'.istitle(), 'HELLO'.istitle(), '123'.isupper())
name = 'zhang san'
print(' '.join(part.capitalize() for part in name.split()))
