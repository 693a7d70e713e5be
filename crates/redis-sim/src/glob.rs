//! Glob-style pattern matching (`stringmatchlen` in Redis's util.c), used by
//! KEYS, SCAN MATCH, PSUBSCRIBE and CONFIG GET.

/// Whether `text` matches the glob `pattern` (`*`, `?`, `[a-z]`, `[^x]`, `\` escapes).
pub fn matches(pattern: &[u8], text: &[u8], nocase: bool) -> bool {
    let mut skip_longer = false;
    match_from(pattern, text, nocase, &mut skip_longer, 0)
}

/// Redis gives up on patterns nested deeper than this instead of recursing without bound.
const MAX_NESTING: usize = 1000;

fn match_from(
    mut p: &[u8],
    mut s: &[u8],
    nocase: bool,
    skip_longer: &mut bool,
    nesting: usize,
) -> bool {
    if nesting > MAX_NESTING {
        return false;
    }
    let eq = |a: u8, b: u8| {
        if nocase {
            a.eq_ignore_ascii_case(&b)
        } else {
            a == b
        }
    };
    while let (Some(&pc), Some(&sc)) = (p.first(), s.first()) {
        p = match pc {
            b'*' => {
                while p.get(1) == Some(&b'*') {
                    p = &p[1..];
                }
                if p.len() == 1 {
                    return true;
                }
                while !s.is_empty() {
                    if match_from(&p[1..], s, nocase, skip_longer, nesting + 1) {
                        return true;
                    }
                    if *skip_longer {
                        return false;
                    }
                    s = &s[1..];
                }
                // No suffix matched the rest of the pattern: longer strings will not either.
                *skip_longer = true;
                return false;
            }
            b'?' => &p[1..],
            b'[' => {
                let (matched, rest) = match_class(&p[1..], sc, nocase);
                if !matched {
                    return false;
                }
                rest
            }
            b'\\' if p.len() >= 2 => {
                if !eq(p[1], sc) {
                    return false;
                }
                &p[2..]
            }
            _ => {
                if !eq(pc, sc) {
                    return false;
                }
                &p[1..]
            }
        };
        s = &s[1..];
        if s.is_empty() {
            while p.first() == Some(&b'*') {
                p = &p[1..];
            }
        }
    }
    p.is_empty() && s.is_empty()
}

/// Matches one byte against a `[...]` class; returns the verdict and the pattern
/// after the closing bracket (an unclosed class runs to the end, as in Redis).
fn match_class(mut p: &[u8], c: u8, nocase: bool) -> (bool, &[u8]) {
    let fold = |b: u8| if nocase { b.to_ascii_lowercase() } else { b };
    let not = p.first() == Some(&b'^');
    if not {
        p = &p[1..];
    }
    let mut matched = false;
    loop {
        match p {
            [b'\\', x, ..] => {
                if *x == c {
                    matched = true;
                }
                p = &p[2..];
            }
            [b']', ..] => {
                p = &p[1..];
                break;
            }
            [] => break,
            [a, b'-', b, ..] => {
                let (lo, hi) = if fold(*a) <= fold(*b) {
                    (fold(*a), fold(*b))
                } else {
                    (fold(*b), fold(*a))
                };
                if (lo..=hi).contains(&fold(c)) {
                    matched = true;
                }
                p = &p[3..];
            }
            [a, ..] => {
                if fold(*a) == fold(c) {
                    matched = true;
                }
                p = &p[1..];
            }
        }
    }
    (matched != not, p)
}

#[cfg(test)]
mod tests {
    use super::matches;

    #[test]
    fn stars_questions_and_classes() {
        assert!(matches(b"h?llo", b"hello", false));
        assert!(matches(b"h*llo", b"heeeello", false));
        assert!(matches(b"h[ae]llo", b"hallo", false));
        assert!(!matches(b"h[^e]llo", b"hello", false));
        assert!(matches(b"h[a-b]llo", b"hbllo", false));
        // Redis never matches an empty string, not even with `*`.
        assert!(!matches(b"*", b"", false));
        assert!(!matches(b"a*b", b"acd", false));
        assert!(matches(b"user:\\*", b"user:*", false));
        assert!(matches(b"ab*", b"AB", true));
    }
}
