//! The colours and bold a terminal draws for a client's SGR escape codes (redis-cli's
//! `HELP` prints its syntax in grey and its headings in yellow), without printing the
//! codes themselves.

/// The style in force for a run of text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Style {
    /// Bold (SGR 1) until reset (0 or 22).
    pub bold: bool,
    /// Foreground colour code (30-37, 90-97) until reset (0 or 39).
    pub colour: Option<u8>,
}

impl Style {
    /// The CSS classes that draw this style.
    pub fn classes(self) -> String {
        let mut classes = Vec::new();
        if self.bold {
            classes.push("ansi-bold".to_owned());
        }
        if let Some(colour) = self.colour {
            classes.push(format!("ansi-fg-{colour}"));
        }
        classes.join(" ")
    }

    fn apply(&mut self, params: &str) {
        for param in params.split(';') {
            match param.parse::<u8>().unwrap_or(0) {
                0 => *self = Style::default(),
                1 => self.bold = true,
                22 => self.bold = false,
                39 => self.colour = None,
                code @ (30..=37 | 90..=97) => self.colour = Some(code),
                _ => {}
            }
        }
    }
}

/// Splits `text` into runs of one style, dropping the escape codes and carriage returns.
/// A malformed code is kept as text, as a terminal would show it.
pub fn runs(text: &str) -> Vec<(Style, String)> {
    let mut runs: Vec<(Style, String)> = Vec::new();
    let mut style = Style::default();
    let mut rest = text;
    let mut push = |style: Style, piece: &str| {
        let piece = piece.replace('\r', "");
        if piece.is_empty() {
            return;
        }
        match runs.last_mut() {
            Some((last, text)) if *last == style => text.push_str(&piece),
            _ => runs.push((style, piece)),
        }
    };
    while let Some(start) = rest.find("\x1b[") {
        push(style, &rest[..start]);
        let after = &rest[start + 2..];
        let code_len = after
            .find(|c: char| !(c.is_ascii_digit() || c == ';'))
            .filter(|&end| after[end..].starts_with('m'));
        match code_len {
            Some(end) => {
                style.apply(&after[..end]);
                rest = &after[end + 1..];
            }
            None => {
                push(style, "\x1b[");
                rest = after;
            }
        }
    }
    push(style, rest);
    runs
}

/// `text` as it reads without its escape codes, for copying.
pub fn plain(text: &str) -> String {
    if !text.contains('\x1b') {
        return text.to_owned();
    }
    runs(text).into_iter().map(|(_, piece)| piece).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_become_styles_and_disappear_from_the_text() {
        let grey = Style {
            bold: false,
            colour: Some(90),
        };
        let bold = Style {
            bold: true,
            colour: None,
        };
        assert_eq!(
            runs("\r\n  \x1b[1mSET\x1b[0m \x1b[90mkey value\x1b[0m\r\n"),
            [
                (Style::default(), "\n  ".to_owned()),
                (bold, "SET".to_owned()),
                (Style::default(), " ".to_owned()),
                (grey, "key value".to_owned()),
                (Style::default(), "\n".to_owned()),
            ]
        );
        assert_eq!(plain("\x1b[33msummary:\x1b[0m text"), "summary: text");
        assert_eq!(grey.classes(), "ansi-fg-90");
    }

    #[test]
    fn a_malformed_code_stays_as_text() {
        assert_eq!(plain("a\x1b[12"), "a\x1b[12");
        assert_eq!(plain("\x1b[x"), "\x1b[x");
        assert_eq!(plain("plain"), "plain");
    }
}
