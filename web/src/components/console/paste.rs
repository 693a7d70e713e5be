//! A block pasted into the console's one-line input runs as a terminal runs it: each
//! complete line is entered in turn, through the dialect's own prompt rules (python3's
//! `... ` continuation, a blank line ending a block), and what follows the last line
//! break stays typed. The lesson's printed line numbers are taken off first, as the
//! editor does.

use crate::components::editor::paste::strip_line_numbers;

/// What a paste does to the console.
#[derive(Debug, PartialEq, Eq)]
pub struct Pasted {
    /// The lines to enter, in order.
    pub lines: Vec<String>,
    /// What stays typed after them.
    pub typed: String,
}

/// The effect of pasting `text` between `before` and `after` (the input's text either
/// side of the selection); `None` for a paste of one line, which the input takes itself.
pub fn paste(before: &str, text: &str, after: &str) -> Option<Pasted> {
    if !text.contains('\n') {
        return None;
    }
    let code =
        strip_line_numbers(text).map_or_else(|| text.to_owned(), |unnumbered| unnumbered.code);
    let whole = format!("{before}{code}{after}");
    let mut lines: Vec<String> = whole
        .split('\n')
        .map(|line| line.strip_suffix('\r').unwrap_or(line).to_owned())
        .collect();
    let typed = lines.pop().unwrap_or_default();
    Some(Pasted { lines, typed })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lessons_redis_py_block_runs_line_by_line() {
        let block = "import redis\r\nr = redis.Redis(host='10.211.55.4', port=6379)\r\nr.set('foo', 'Bar')\r\nprint(r.get('foo'))\r\n";
        assert_eq!(
            paste("", block, ""),
            Some(Pasted {
                lines: vec![
                    "import redis".into(),
                    "r = redis.Redis(host='10.211.55.4', port=6379)".into(),
                    "r.set('foo', 'Bar')".into(),
                    "print(r.get('foo'))".into(),
                ],
                typed: String::new(),
            })
        );
    }

    #[test]
    fn what_follows_the_last_line_break_stays_typed_with_the_rest_of_the_input() {
        assert_eq!(
            paste("SET a ", "1\nGET", " a"),
            Some(Pasted {
                lines: vec!["SET a 1".into()],
                typed: "GET a".into()
            })
        );
    }

    #[test]
    fn a_shebang_is_a_line_of_its_own_and_numbers_come_off() {
        let numbered = " 1 #!/usr/bin/env python\n 2 import memcache\n 3 \n 4 mc = memcache.Client(['127.0.0.1:11211'])\n";
        let pasted = paste("", numbered, "").unwrap();
        assert_eq!(
            pasted.lines,
            [
                "#!/usr/bin/env python",
                "import memcache",
                "",
                "mc = memcache.Client(['127.0.0.1:11211'])"
            ]
        );
    }

    #[test]
    fn one_line_is_left_to_the_input() {
        assert_eq!(paste("", "PING", ""), None);
    }
}
