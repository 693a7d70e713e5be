//! Properties over random input: no input makes the engine panic, and the
//! counters always agree with what is stored.

use memcached_sim::{Connection, Server, Settings};
use proptest::prelude::*;

/// Command lines built from the protocol's own words, so that random
/// sequences reach deep into the engine rather than stopping at ERROR.
fn command() -> impl Strategy<Value = Vec<u8>> {
    let key = prop::sample::select(vec!["a", "b", "c", "counter", "k1"]);
    let verb = prop::sample::select(vec![
        "set",
        "add",
        "replace",
        "append",
        "prepend",
        "cas",
        "get",
        "gets",
        "gat",
        "touch",
        "delete",
        "incr",
        "decr",
        "flush_all",
        "mg",
        "ms",
        "md",
        "ma",
        "stats",
        "verbosity",
    ]);
    let number = prop::sample::select(vec![
        "0",
        "1",
        "2",
        "5",
        "-1",
        "10",
        "100",
        "99999999999",
        "abc",
    ]);
    let flag = prop::sample::select(vec![
        "v", "c", "t", "f", "k", "q", "T5", "N10", "MD", "I", "C1", "D3", "Oop", "b",
    ]);
    (
        verb,
        key,
        number.clone(),
        number,
        prop::collection::vec(flag, 0..4),
        "[a-z0-9]{0,12}",
        any::<bool>(),
    )
        .prop_map(|(verb, key, n1, n2, flags, data, noreply)| {
            let mut line = match verb {
                "set" | "add" | "replace" | "append" | "prepend" => {
                    format!("{verb} {key} {n1} {n2} {}", data.len())
                }
                "cas" => format!("cas {key} {n1} 0 {} {n2}", data.len()),
                "gat" => format!("gat {n1} {key}"),
                "touch" | "incr" | "decr" => format!("{verb} {key} {n1}"),
                "flush_all" | "verbosity" => format!("{verb} {n1}"),
                "ms" => format!("ms {key} {} {}", data.len(), flags.join(" ")),
                "mg" | "md" | "ma" => format!("{verb} {key} {}", flags.join(" ")),
                other => format!("{other} {key}"),
            };
            if noreply {
                line.push_str(" noreply");
            }
            line.push_str("\r\n");
            if matches!(
                verb,
                "set" | "add" | "replace" | "append" | "prepend" | "cas" | "ms"
            ) {
                line.push_str(&data);
                line.push_str("\r\n");
            }
            line.into_bytes()
        })
}

/// The stats report as name/value pairs.
fn stat(server: &mut Server, name: &str) -> u64 {
    let out = Connection::new().feed(server, b"stats\r\n", 0);
    let text = String::from_utf8_lossy(&out);
    let prefix = format!("STAT {name} ");
    text.lines()
        .find_map(|l| l.strip_prefix(&prefix))
        .and_then(|v| v.parse().ok())
        .unwrap_or(u64::MAX)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_bytes_never_panic(chunks in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..300), 0..20)) {
        let mut server = Server::new(Settings::default());
        let mut conn = Connection::new();
        for (i, chunk) in chunks.iter().enumerate() {
            conn.feed(&mut server, chunk, i as u64 * 700);
        }
    }

    #[test]
    fn stats_agree_with_the_store(commands in prop::collection::vec(command(), 1..60), pauses in prop::collection::vec(0u64..3000, 60)) {
        let settings = Settings { max_bytes: 2 * 1024 * 1024, ..Settings::default() };
        let start = settings.started_at_ms;
        let mut server = Server::new(settings);
        let mut conn = Connection::new();
        let mut now = start;
        for (command, pause) in commands.iter().zip(&pauses) {
            now += pause;
            conn.feed(&mut server, command, now);
        }
        let items = server.items();
        let view = server.stats();
        prop_assert_eq!(view.curr_items, items.len() as u64);
        prop_assert_eq!(view.bytes, items.iter().map(|i| i.size).sum::<u64>());
        prop_assert_eq!(stat(&mut server, "curr_items"), items.len() as u64);
        let classes = server.slab_classes();
        let in_lru: u32 = classes.iter().map(|c| c.hot + c.warm + c.cold).sum();
        prop_assert_eq!(in_lru as usize, items.len());
        for class in &classes {
            prop_assert_eq!(class.used_chunks + class.free_chunks, class.pages * class.chunks_per_page);
            let here = items.iter().filter(|i| i.class == class.id).count() as u32;
            prop_assert!(class.used_chunks >= here);
        }
        prop_assert!(view.total_items >= view.curr_items);
        prop_assert!(view.get_hits + view.get_misses <= view.cmd_get);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// memcached answers the same whether a pipeline arrives at once or in
    /// pieces. (Not quite always: an mg hit holds its item until the reply is
    /// sent, which can stop a following ma from rewriting in place; so no mg here.)
    #[test]
    fn replies_do_not_depend_on_how_input_is_split(commands in prop::collection::vec(command(), 1..40), cuts in prop::collection::vec(1usize..64, 1..200)) {
        let script: Vec<u8> = commands.iter().filter(|c| !c.starts_with(b"mg")).flatten().copied().collect();
        let start = Settings::default().started_at_ms;
        let mut whole_server = Server::new(Settings::default());
        let whole = Connection::new().feed(&mut whole_server, &script, start);
        let mut split_server = Server::new(Settings::default());
        let mut conn = Connection::new();
        let mut out = Vec::new();
        let mut rest = &script[..];
        for cut in cuts.iter().cycle() {
            if rest.is_empty() {
                break;
            }
            let (piece, tail) = rest.split_at((*cut).min(rest.len()));
            out.extend(conn.feed(&mut split_server, piece, start));
            rest = tail;
        }
        prop_assert_eq!(String::from_utf8_lossy(&out), String::from_utf8_lossy(&whole));
    }
}
