# 格式说明符 [[fill]align][sign][#][0][width][,][.precision][type]
n = 1234567.891
print(f'{n:,}', f'{n:_}', f'{n:,.2f}', f'{n:.3e}', f'{n:e}', f'{n:g}', f'{n:.3g}', f'{n:.10g}')
print(f'{42:08.3f}', f'{-3.5:08.3f}', f'{3.14159:.0f}', f'{2.5:.0f}', f'{0.125:.2f}', f'{1e20:f}')
print(f'{0.256:.1%}', f'{1:%}', f'{-0.5:.0%}')
print(f'{255:x}', f'{255:X}', f'{255:#x}', f'{255:o}', f'{255:#o}', f'{255:b}', f'{255:#010b}')
print(f'{5:+d}', f'{-5:+d}', f'{5: d}', f'{-5: d}', f'{5:=+6}', f'{-5:=6}', f'{1234:06d}')
print(f'{1234567:,d}', f'{-1234567:,}', f'{10**20:,}', f'{0:,}', f'{1234:_x}')
print(f'[{"abc":5}]', f'[{42:5}]', f'[{"abc":>5}]', f'[{42:<5}]', f'[{"abcdef":.3}]', f'[{"中文":^6}]')
print(f'{3.0:g}', f'{1e-5:g}', f'{1e16:g}', f'{123456789:g}', f'{0.0001234:.2g}', f'{100:.2g}')
print(f'{1.5:n}', f'{65:c}', f'{20013:c}', f'{True:d}', f'{True}', f'{None!s:>6}')
print(f'{float("inf"):f}', f'{float("nan"):.2f}', f'{-0.0:.1f}', f'{float("-inf"):>8}')
print(format(0.1, '.20f'), format(2 ** 70, 'e'), format(1 / 3, '.15f'))

for value, spec in [('text', 'd'), (3.5, 'd'), (42, 's'), ('x', ',')]:
    try:
        print(format(value, spec))
    except ValueError as e:
        print(f'format({value!r}, {spec!r}) -> ValueError: {e}')
