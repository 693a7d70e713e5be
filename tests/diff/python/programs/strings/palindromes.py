# 回文判断
def is_palindrome(text):
    chars = [c.lower() for c in text if c.isalnum()]
    return chars == chars[::-1]


for s in ['racecar', 'A man, a plan, a canal: Panama', 'hello', '上海自来水来自海上', '', 'ab']:
    print(repr(s), is_palindrome(s))


def longest_palindrome(s):
    best = ''
    for center in range(len(s)):
        for lo, hi in ((center, center), (center, center + 1)):
            while lo >= 0 and hi < len(s) and s[lo] == s[hi]:
                lo -= 1
                hi += 1
            if hi - lo - 1 > len(best):
                best = s[lo + 1:hi]
    return best


print(longest_palindrome('babad'), longest_palindrome('forgeeksskeegfor'), longest_palindrome('abc'))
print([n for n in range(100, 200) if str(n) == str(n)[::-1]])
