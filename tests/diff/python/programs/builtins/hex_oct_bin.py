# hex / oct / bin 以及 format 的进制输出
for n in (0, 7, 10, 255, 4096, -255, 2 ** 64):
    print(f'{n:>22} hex={hex(n)} oct={oct(n)} bin={bin(n) if abs(n) < 5000 else "..."}')
print(int('0xff', 16), int('ff', 16), int('0b1010', 2), int('0o777', 8), int('-0x10', 16))
print(format(10, 'b'), format(10, '08b'), format(255, 'x'), format(255, '#06x'), format(8, 'o'))
print(hex(255).upper(), bin(10).count('1'), len(bin(2 ** 20)) - 2)
ip = '192.168.1.10'
as_int = 0
for part in ip.split('.'):
    as_int = as_int * 256 + int(part)
print(ip, '->', as_int, hex(as_int))
for bad in (lambda: hex(1.5), lambda: bin('1')):
    try:
        bad()
    except TypeError as e:
        print('TypeError:', e)
