//! Splitting a console line into words the way a POSIX shell does, so the JSON people
//! pass to rabbitmqadmin in single quotes arrives intact.

/// Splits `line` into words: blanks separate, `'...'` is literal, `"..."` allows `\"` and
/// `\\` escapes, a backslash outside quotes escapes the next character, and `#` at the start
/// of a word begins a comment. An unterminated quote is an error.
pub fn split(line: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' | '\r' | '\n' => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            '#' if !in_word => break,
            '\'' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(ch) => word.push(ch),
                        None => return Err("unterminated single quote".to_string()),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(ch @ ('"' | '\\' | '$' | '`')) => word.push(ch),
                            Some(ch) => {
                                word.push('\\');
                                word.push(ch);
                            }
                            None => return Err("unterminated double quote".to_string()),
                        },
                        Some(ch) => word.push(ch),
                        None => return Err("unterminated double quote".to_string()),
                    }
                }
            }
            '\\' => {
                in_word = true;
                if let Some(ch) = chars.next() {
                    word.push(ch);
                }
            }
            other => {
                in_word = true;
                word.push(other);
            }
        }
    }
    if in_word {
        words.push(word);
    }
    Ok(words)
}

#[cfg(test)]
mod tests {
    use super::split;

    #[test]
    fn single_quotes_keep_json_intact() {
        assert_eq!(
            split(r#"declare queue name=q arguments='{"x-max-length": 10}'"#).unwrap(),
            [
                "declare",
                "queue",
                "name=q",
                r#"arguments={"x-max-length": 10}"#
            ]
        );
    }

    #[test]
    fn double_quotes_escapes_and_comments() {
        assert_eq!(
            split(r#"publish payload="say \"hi\"" routing_key=a\ b # note"#).unwrap(),
            ["publish", r#"payload=say "hi""#, "routing_key=a b"]
        );
        assert_eq!(split("payload=''").unwrap(), ["payload="]);
        assert!(split("payload='open").is_err());
    }
}
