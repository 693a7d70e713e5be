//! What `redis-cli` does on its side of the connection.
//!
//! redis-cli splits the typed line into arguments (`sdssplitargs`), handles a few
//! words itself (`help`, `quit`, a leading repeat count, `:set`), sends the rest
//! to the server and prints the reply in its `--no-raw` format. The web console and
//! the native `playground redis` both go through [`run_line`], so what a learner
//! sees in the page is exactly what the CLI prints and what the real tool prints.

use crate::{ClientId, Reply, Server, docs};

/// Why redis-cli refused to split a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidArguments;

/// Splits a typed line into arguments with redis-cli's quoting rules.
///
/// Double quotes understand `\n \r \t \b \a \"` and `\xHH`; single quotes only
/// `\'`; a closing quote must be followed by a space or the end of the line.
/// Breaking these rules is what makes redis-cli print `Invalid argument(s)`.
pub fn split_line(line: impl AsRef<[u8]>) -> Result<Vec<Vec<u8>>, InvalidArguments> {
    let line = line.as_ref();
    // redis-cli hands the line to C string functions: it ends at the first NUL.
    let line = line.split(|&b| b == 0).next().unwrap_or_default();
    let mut args = Vec::new();
    let mut pos = 0;
    loop {
        while line.get(pos).is_some_and(|b| is_c_space(*b)) {
            pos += 1;
        }
        if pos >= line.len() {
            return Ok(args);
        }
        let mut current = Vec::new();
        let mut quote: Option<u8> = None;
        loop {
            let byte = line.get(pos).copied();
            let next = line.get(pos + 1).copied();
            match (quote, byte) {
                (Some(_), None) => return Err(InvalidArguments),
                (Some(b'"'), Some(b'\\'))
                    if next == Some(b'x') && hex_pair(line, pos + 2).is_some() =>
                {
                    current.extend(hex_pair(line, pos + 2));
                    pos += 3;
                }
                (Some(b'"'), Some(b'\\')) if next.is_some() => {
                    current.push(match next.unwrap_or_default() {
                        b'n' => b'\n',
                        b'r' => b'\r',
                        b't' => b'\t',
                        b'b' => 0x08,
                        b'a' => 0x07,
                        other => other,
                    });
                    pos += 1;
                }
                (Some(b'\''), Some(b'\\')) if next == Some(b'\'') => {
                    current.push(b'\'');
                    pos += 1;
                }
                (Some(q), Some(b)) if b == q => {
                    if next.is_some_and(|n| !is_c_space(n)) {
                        return Err(InvalidArguments);
                    }
                    pos += 1;
                    break;
                }
                (Some(_), Some(b)) => current.push(b),
                (None, None | Some(b' ' | b'\n' | b'\r' | b'\t')) => break,
                (None, Some(q @ (b'"' | b'\''))) => quote = Some(q),
                (None, Some(b)) => current.push(b),
            }
            pos += 1;
        }
        args.push(current);
    }
}

/// C's `isspace` in the C locale.
fn is_c_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// The byte written as two hex digits at `at`, if both are hex digits.
fn hex_pair(line: &[u8], at: usize) -> Option<u8> {
    let hi = (*line.get(at)? as char).to_digit(16)?;
    let lo = (*line.get(at + 1)? as char).to_digit(16)?;
    u8::try_from(hi * 16 + lo).ok()
}

/// Formats a reply exactly as `redis-cli --no-raw` prints it, newline included.
pub fn format_reply(reply: &Reply) -> String {
    let mut out = String::new();
    format_into(&mut out, reply, "");
    out
}

/// `cliFormatReplyTTY`: nested arrays indent by the width of their index.
fn format_into(out: &mut String, reply: &Reply, prefix: &str) {
    match reply {
        Reply::Status(s) => {
            out.push_str(s);
            out.push('\n');
        }
        Reply::Error(e) => {
            out.push_str("(error) ");
            out.push_str(e);
            out.push('\n');
        }
        Reply::Integer(n) => out.push_str(&format!("(integer) {n}\n")),
        Reply::Bulk(bytes) => {
            out.push_str(&quote_bytes(bytes));
            out.push('\n');
        }
        Reply::Nil | Reply::NilArray => out.push_str("(nil)\n"),
        Reply::Array(items) if items.is_empty() => out.push_str("(empty array)\n"),
        Reply::Array(items) => {
            let width = items.len().to_string().len();
            let child_prefix = format!("{prefix}{}", " ".repeat(width + 2));
            for (i, item) in items.iter().enumerate() {
                let indent = if i == 0 { "" } else { prefix };
                out.push_str(&format!("{indent}{:>width$}) ", i + 1));
                format_into(out, item, &child_prefix);
            }
        }
        Reply::Frames(frames) => {
            for frame in frames {
                format_into(out, frame, prefix);
            }
        }
    }
}

/// `sdscatrepr`: a double-quoted string with C-style escapes for what is not printable.
pub fn quote_bytes(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + 2);
    out.push('"');
    for &b in bytes {
        match b {
            b'\\' => out.push_str("\\\\"),
            b'"' => out.push_str("\\\""),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x07 => out.push_str("\\a"),
            0x08 => out.push_str("\\b"),
            0x20..=0x7e => out.push(b as char),
            _ => out.push_str(&format!("\\x{b:02x}")),
        }
    }
    out.push('"');
    out
}

/// What redis-cli prints for commands whose output it never quotes (INFO):
/// bulk strings go out as they are, errors without the `(error)` label.
fn format_verbatim(reply: &Reply) -> String {
    match reply {
        Reply::Bulk(bytes) => String::from_utf8_lossy(bytes).into_owned(),
        Reply::Error(error) => format!("{error}\n"),
        other => format_reply(other),
    }
}

/// Commands whose reply redis-cli always prints unquoted, as text for a
/// person to read: INFO, CLIENT LIST and CLIENT INFO.
fn prints_raw(argv: &[Vec<u8>]) -> bool {
    match argv {
        [name, ..] if name.eq_ignore_ascii_case(b"info") => true,
        [name, sub, ..] if name.eq_ignore_ascii_case(b"client") => {
            sub.eq_ignore_ascii_case(b"list") || sub.eq_ignore_ascii_case(b"info")
        }
        _ => false,
    }
}

/// The prompt redis-cli shows: `127.0.0.1:6379> `, with `[n]` when database n is not 0.
pub fn prompt(db: usize) -> String {
    prompt_with(db, false)
}

/// The prompt for a client as the server sees it: redis-cli adds `(TX)` inside MULTI.
pub fn prompt_for(server: &Server, client: ClientId) -> String {
    prompt_with(server.selected_db(client), server.in_transaction(client))
}

fn prompt_with(db: usize, in_transaction: bool) -> String {
    let db = if db == 0 {
        String::new()
    } else {
        format!("[{db}]")
    };
    let tx = if in_transaction { "(TX)" } else { "" };
    format!("127.0.0.1:6379{db}{tx}> ")
}

/// What typing one line did, beyond the text printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineOutput {
    /// Exactly what redis-cli prints for the line (possibly empty).
    pub text: String,
    /// The line was `quit` or `exit`: redis-cli ends here.
    pub quit: bool,
    /// The line subscribed: redis-cli now only prints incoming messages and
    /// reads no more commands.
    pub reading_messages: bool,
    /// The command blocked (BLPOP...): redis-cli waits for its reply, which
    /// [`read_reply`] prints once the server sends it.
    pub blocked: bool,
}

/// redis-cli's general help, printed for `help` without a topic.
const HELP: &str = "redis-cli 7.0.15
To get help about Redis commands type:
      \"help @<group>\" to get a list of commands in <group>
      \"help <command>\" for help on <command>
      \"help <tab>\" to get a list of possible help topics
      \"quit\" to exit

To set redis-cli preferences:
      \":set hints\" enable online hints
      \":set nohints\" disable online hints
Set your preferences in ~/.redisclirc
";

/// `cliOutputHelp`: the general help without a topic; otherwise every command
/// whose name starts with the given words, or every command of `@group`, each
/// laid out as redis-cli does (bold name, grey syntax, yellow labels, CRLF).
fn help(topic: &[Vec<u8>]) -> String {
    let Some(first) = topic.first() else {
        return HELP.to_string();
    };
    let mut out = String::new();
    let group = first.strip_prefix(b"@");
    for entry in docs::sorted() {
        let words: Vec<&str> = entry.words().collect();
        let show_group = match group {
            Some(group) if group.eq_ignore_ascii_case(entry.group.as_bytes()) => false,
            Some(_) => continue,
            None if topic.len() <= words.len()
                && topic
                    .iter()
                    .zip(&words)
                    .all(|(typed, word)| typed.eq_ignore_ascii_case(word.as_bytes())) =>
            {
                true
            }
            None => continue,
        };
        out.push_str(&format!(
            "\r\n  \x1b[1m{}\x1b[0m \x1b[90m{}\x1b[0m\r\n  \x1b[33msummary:\x1b[0m {}\r\n  \x1b[33msince:\x1b[0m {}\r\n",
            entry.display_name(),
            entry.params,
            entry.summary,
            entry.since
        ));
        if show_group {
            out.push_str(&format!("  \x1b[33mgroup:\x1b[0m {}\r\n", entry.group));
        }
    }
    out.push_str("\r\n");
    out
}

/// The grey hint redis-cli 7.0 shows after what has been typed so far
/// (`hintsCallback`): the syntax of the command whose name (one or two words)
/// the input starts with, less one argument for each argument already typed,
/// stopping at the first optional one. `None` when no command matches or
/// nothing would show.
pub fn hint(input: &str) -> Option<String> {
    let typed = split_line(input).ok()?;
    let ends_with_space = input.bytes().last().is_some_and(is_c_space);
    // The entry whose name matches the most leading words wins (CONFIG GET over CONFIG).
    let (entry, matched) = docs::DOCS
        .iter()
        .filter_map(|entry| {
            let words: Vec<&str> = entry.words().collect();
            let matches = words.len() <= typed.len()
                && words
                    .iter()
                    .zip(&typed)
                    .all(|(word, arg)| arg.eq_ignore_ascii_case(word.as_bytes()));
            matches.then_some((entry, words.len()))
        })
        .max_by_key(|(_, matched)| *matched)?;
    let mut rest = entry.params;
    let mut to_remove = typed.len() - matched;
    while to_remove > 0 && !rest.is_empty() && !rest.starts_with('[') {
        if rest.starts_with(' ') {
            to_remove -= 1;
        }
        rest = &rest[1..];
    }
    let shown = if ends_with_space {
        rest.to_string()
    } else {
        format!(" {rest}")
    };
    (!shown.trim().is_empty()).then_some(shown)
}

/// What Tab offers for the typed input (`completionCallback`): every command
/// name, with its subcommand, that starts with the whole input, ignoring case.
/// After `help ` it also offers the `@group` topics. Candidates are whole
/// lines in upper case, as redis-cli 7.0 writes them, in its table's order.
pub fn complete(input: &str) -> Vec<String> {
    let (prefix, typed, with_groups) = match input.get(..5) {
        Some(head) if head.eq_ignore_ascii_case("help ") => {
            let start = 5 + input[5..].bytes().take_while(|b| is_c_space(*b)).count();
            (&input[..start], &input[start..], true)
        }
        _ => ("", input, false),
    };
    let mut topics: Vec<String> = docs::DOCS.iter().map(|d| d.display_name()).collect();
    if with_groups {
        topics.extend(docs::groups().into_iter().map(|g| format!("@{g}")));
    }
    topics.sort_unstable();
    topics
        .into_iter()
        .filter(|topic| {
            topic
                .as_bytes()
                .get(..typed.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(typed.as_bytes()))
        })
        .map(|topic| format!("{prefix}{topic}"))
        .collect()
}

/// Runs one typed line the way redis-cli's prompt does and returns what it prints.
pub fn run_line(
    server: &mut Server,
    client: ClientId,
    line: impl AsRef<[u8]>,
    now_ms: u64,
) -> LineOutput {
    let mut output = LineOutput {
        text: String::new(),
        quit: false,
        reading_messages: false,
        blocked: false,
    };
    let Ok(mut argv) = split_line(line) else {
        output.text.push_str("Invalid argument(s)\n");
        return output;
    };
    let Some(first) = argv.first() else {
        return output;
    };
    let repeat = match repeat_count(first) {
        Some(_) if argv.len() == 1 => 1,
        Some(Some(n)) => {
            argv.remove(0);
            n
        }
        Some(None) => {
            output
                .text
                .push_str("Invalid redis-cli repeat command option value.\n");
            return output;
        }
        None => 1,
    };
    let name = String::from_utf8_lossy(&argv[0]).to_ascii_lowercase();
    if name == "quit" || name == "exit" {
        output.quit = true;
        return output;
    }
    if name.starts_with(':') {
        output.text = preference(&argv);
        return output;
    }
    let subscribing = matches!(name.as_str(), "subscribe" | "psubscribe" | "ssubscribe");
    for _ in 0..repeat {
        if name == "help" || name == "?" {
            output.text.push_str(&help(&argv[1..]));
            continue;
        }
        let reply = server.execute_args(client, &argv, now_ms);
        let Some(connection) = server.connection(client) else {
            break;
        };
        // Every frame the server sends waits on the connection until the tool
        // reads it, and redis-cli reads one reply per command: the extra
        // confirmations of `UNSUBSCRIBE a b` answer the next command typed.
        match reply {
            Reply::Frames(frames) => connection.extend(frames),
            single => connection.push_back(single),
        }
        if subscribing {
            output
                .text
                .push_str("Reading messages... (press Ctrl-C to quit)\n");
            // It now prints every reply until one is an error, or forever.
            let mut stopped_by_error = false;
            while let Some(frame) = connection.pop_front() {
                output.text.push_str(&format_reply(&frame));
                if frame.is_error() {
                    stopped_by_error = true;
                    break;
                }
            }
            if !stopped_by_error {
                output.reading_messages = true;
                return output;
            }
            continue;
        }
        if let Some(frame) = connection.pop_front() {
            let text = if prints_raw(&argv) {
                format_verbatim(&frame)
            } else {
                format_reply(&frame)
            };
            output.text.push_str(&text);
        } else if server.is_blocked(client) {
            output.blocked = true;
            return output;
        }
    }
    output
}

/// Prints the reply a blocked command finally got, as redis-cli does after
/// waiting: the reply, then the time waited when it reached half a second.
/// Empty if nothing has arrived yet.
pub fn read_reply(server: &mut Server, client: ClientId, waited_ms: u64) -> String {
    let Some(reply) = server.connection(client).and_then(|c| c.pop_front()) else {
        return String::new();
    };
    let mut text = format_reply(&reply);
    if waited_ms >= 500 {
        text.push_str(&format!("({:.2}s)\n", waited_ms as f64 / 1000.0));
    }
    text
}

/// redis-cli reads a leading integer as "run the rest this many times".
///
/// `None`: the first word is not a number. `Some(None)`: it is, but not a
/// valid count (zero, negative or out of range), which redis-cli reports.
fn repeat_count(word: &[u8]) -> Option<Option<u64>> {
    // strtol: leading spaces, an optional sign, then digits up to the end.
    let text = std::str::from_utf8(word).ok()?;
    let trimmed = text.trim_start_matches(|c: char| c.is_ascii() && is_c_space(c as u8));
    let digits = trimmed.strip_prefix(['+', '-']).unwrap_or(trimmed);
    if text.is_empty() {
        return Some(None);
    }
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(
        trimmed
            .parse::<i64>()
            .ok()
            .filter(|n| *n > 0)
            .and_then(|n| u64::try_from(n).ok()),
    )
}

/// `:set hints` and friends: preferences of the interactive tool, which print
/// nothing unless they are not understood.
fn preference(argv: &[Vec<u8>]) -> String {
    let word = |i: usize| argv.get(i).map(|a| String::from_utf8_lossy(a).into_owned());
    let first = word(0).unwrap_or_default();
    match word(1) {
        Some(pref) if first.eq_ignore_ascii_case(":set") => {
            if pref.eq_ignore_ascii_case("hints") || pref.eq_ignore_ascii_case("nohints") {
                String::new()
            } else {
                format!("unknown redis-cli preference '{pref}'\n")
            }
        }
        _ => format!("unknown redis-cli internal command '{first}'\n"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(line: &str) -> Vec<String> {
        split_line(line)
            .expect("valid line")
            .into_iter()
            .map(|a| String::from_utf8_lossy(&a).into_owned())
            .collect()
    }

    #[test]
    fn words_split_on_blanks_and_quotes_group_them() {
        assert_eq!(split("  set  a 'b c'  "), ["set", "a", "b c"]);
        assert_eq!(split(r#"set k "x\ny\x41\"""#), ["set", "k", "x\nyA\""]);
        assert_eq!(split(r"echo 'it\'s'"), ["echo", "it's"]);
    }

    #[test]
    fn a_quote_opened_inside_a_word_joins_the_rest() {
        assert_eq!(split(r#"set a"b c""#), ["set", "ab c"]);
    }

    #[test]
    fn unbalanced_or_glued_quotes_are_invalid() {
        assert_eq!(split_line(r#"set a "b"#), Err(InvalidArguments));
        assert_eq!(split_line(r#"get "a"b"#), Err(InvalidArguments));
        assert_eq!(split_line("set a 'it''s'"), Err(InvalidArguments));
    }

    #[test]
    fn nested_arrays_indent_by_the_index_width() {
        let inner = Reply::Array(vec![Reply::bulk("a"), Reply::Integer(1)]);
        let mut items = vec![inner];
        items.extend((0..9).map(|_| Reply::Nil));
        let text = format_reply(&Reply::Array(items));
        assert!(text.starts_with(" 1) 1) \"a\"\n    2) (integer) 1\n 2) (nil)\n"));
        assert!(text.ends_with("10) (nil)\n"));
    }

    #[test]
    fn bulk_strings_are_quoted_with_c_escapes() {
        assert_eq!(
            format_reply(&Reply::bulk(b"\xff\x01 \xc3\xa9\t\"\\")),
            "\"\\xff\\x01 \\xc3\\xa9\\t\\\"\\\\\"\n"
        );
        assert_eq!(format_reply(&Reply::Array(vec![])), "(empty array)\n");
        assert_eq!(format_reply(&Reply::error("ERR x")), "(error) ERR x\n");
    }

    #[test]
    fn prompt_shows_a_non_zero_database() {
        assert_eq!(prompt(0), "127.0.0.1:6379> ");
        assert_eq!(prompt(2), "127.0.0.1:6379[2]> ");
    }

    #[test]
    fn a_leading_number_repeats_the_command() {
        let mut server = Server::new(1);
        let client = server.connect();
        assert_eq!(
            run_line(&mut server, client, "3 incr n", 0).text,
            "(integer) 1\n(integer) 2\n(integer) 3\n"
        );
        assert_eq!(
            run_line(&mut server, client, "0 ping", 0).text,
            "Invalid redis-cli repeat command option value.\n"
        );
        assert_eq!(run_line(&mut server, client, "   ", 0).text, "");
        assert_eq!(
            run_line(&mut server, client, "1", 0).text,
            "(error) ERR unknown command '1', with args beginning with: \n"
        );
    }

    #[test]
    fn help_for_a_command_shows_syntax_summary_since_and_group() {
        let mut server = Server::new(1);
        let client = server.connect();
        let text = run_line(&mut server, client, "help get", 0).text;
        let expected = format!(
            "\r\n  \x1b[1mGET\x1b[0m \x1b[90mkey\x1b[0m\r\n  \x1b[33msummary:\x1b[0m {}\r\n  \x1b[33msince:\x1b[0m 1.0.0\r\n  \x1b[33mgroup:\x1b[0m string\r\n\r\n",
            docs::find("get").map(|d| d.summary).unwrap_or_default()
        );
        assert_eq!(text, expected);
        assert_eq!(run_line(&mut server, client, "help nosuch", 0).text, "\r\n");
    }

    #[test]
    fn help_for_a_container_lists_its_subcommands_in_order() {
        let text = help(&[b"config".to_vec()]);
        let config = text.find("CONFIG\x1b[0m").expect("CONFIG");
        let get = text.find("CONFIG GET\x1b[0m").expect("CONFIG GET");
        let set = text.find("CONFIG SET\x1b[0m").expect("CONFIG SET");
        assert!(config < get && get < set);
        assert!(!help(&[b"config".to_vec(), b"get".to_vec()]).contains("CONFIG SET"));
    }

    #[test]
    fn help_for_a_group_omits_the_group_line() {
        let text = help(&[b"@HASH".to_vec()]);
        assert!(text.contains("HSET\x1b[0m \x1b[90mkey field value [field value ...]"));
        assert!(!text.contains("group:"));
        assert!(!text.contains("LPUSH"));
    }

    #[test]
    fn hint_drops_the_arguments_already_typed() {
        assert_eq!(
            hint("set").as_deref(),
            Some(
                " key value [NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]"
            )
        );
        assert_eq!(
            hint("SET k ").as_deref(),
            Some(
                "value [NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]"
            )
        );
        // Optional arguments stay once reached, however many words follow.
        assert_eq!(
            hint("set k v nx get").as_deref(),
            Some(
                " [NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]"
            )
        );
        assert_eq!(
            hint("config get").as_deref(),
            Some(" parameter [parameter ...]")
        );
        assert_eq!(hint("get k"), None);
        assert_eq!(hint("ge"), None);
        assert_eq!(hint("get \"k"), None);
        assert_eq!(hint(""), None);
    }

    #[test]
    fn completion_offers_commands_and_subcommands_starting_with_the_input() {
        assert_eq!(
            complete("config "),
            ["CONFIG GET", "CONFIG RESETSTAT", "CONFIG SET"]
        );
        assert_eq!(complete("OBJECT enc"), ["OBJECT ENCODING"]);
        let ge = complete("ge");
        assert!(ge.starts_with(&["GET".to_string(), "GETBIT".to_string()]));
        assert!(ge.iter().all(|c| c.starts_with("GE")));
        assert_eq!(complete("help  @so"), ["help  @sorted-set"]);
        assert!(complete("set k").is_empty());
    }
}
