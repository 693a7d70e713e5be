# 凯撒密码: chr 和 ord 的练习
def shift_char(ch, k):
    if 'a' <= ch <= 'z':
        return chr((ord(ch) - ord('a') + k) % 26 + ord('a'))
    if 'A' <= ch <= 'Z':
        return chr((ord(ch) - ord('A') + k) % 26 + ord('A'))
    return ch


def encrypt(text, k):
    return ''.join(shift_char(ch, k) for ch in text)


secret = encrypt('Hello, World! 你好', 3)
print(secret)
print(encrypt(secret, -3))
print(encrypt('abcxyz', 13), encrypt(encrypt('Rot13 twice', 13), 13))

# 暴力破解: 找出含有 "the" 的那个
cipher = encrypt('meet me at the park', 7)
for k in range(26):
    candidate = encrypt(cipher, -k)
    if ' the ' in candidate:
        print('key', k, '->', candidate)
