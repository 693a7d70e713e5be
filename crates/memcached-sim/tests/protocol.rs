//! Transcripts as specifications: what a client sends at which virtual
//! time, and the exact bytes memcached 1.6.18 answers.

use memcached_sim::settings::DEFAULT_START_MS;
use memcached_sim::{Connection, Event, Segment, Server, Settings};

/// A server and one client connection, on a virtual clock.
struct Session {
    server: Server,
    conn: Connection,
    now_ms: u64,
}

impl Session {
    fn new() -> Self {
        Session::with(Settings::default())
    }

    fn with(settings: Settings) -> Self {
        let now_ms = settings.started_at_ms;
        Session {
            server: Server::new(settings),
            conn: Connection::new(),
            now_ms,
        }
    }

    /// Sends `input` (lines end in `\r\n` when written with `\n`) and returns the reply.
    fn send(&mut self, input: &str) -> String {
        let bytes = input.replace('\n', "\r\n");
        let out = self
            .conn
            .feed(&mut self.server, bytes.as_bytes(), self.now_ms);
        String::from_utf8(out)
            .expect("replies in these tests are text")
            .replace("\r\n", "\n")
    }

    fn sleep(&mut self, seconds: u64) {
        self.now_ms += seconds * 1000;
    }
}

#[test]
fn storage_commands_and_cas_uniques() {
    let mut s = Session::new();
    assert_eq!(
        s.send("set foo 0 0 3\nbar\ngets foo\n"),
        "STORED\nVALUE foo 0 3 1\nbar\nEND\n"
    );
    assert_eq!(
        s.send("append foo 0 0 1\n!\ngets foo\n"),
        "STORED\nVALUE foo 0 4 2\nbar!\nEND\n"
    );
    assert_eq!(s.send("cas foo 0 0 1 1\nx\n"), "EXISTS\n");
    assert_eq!(s.send("cas foo 0 0 1 2\nx\n"), "STORED\n");
    assert_eq!(s.send("cas nope 0 0 1 2\nx\n"), "NOT_FOUND\n");
    assert_eq!(
        s.send("add foo 0 0 1\nx\nreplace nope 0 0 1\nx\n"),
        "NOT_STORED\nNOT_STORED\n"
    );
}

#[test]
fn immediate_flush_uses_a_cas_unique() {
    let mut s = Session::new();
    s.send("set a 0 0 1\n1\n");
    assert_eq!(
        s.send("flush_all\nget a\nset b 0 0 1\n2\ngets b\n"),
        "OK\nEND\nSTORED\nVALUE b 0 1 3\n2\nEND\n"
    );
}

#[test]
fn delayed_flush_takes_effect_a_second_early() {
    let mut s = Session::new();
    s.send("set a 0 0 1\n1\n");
    assert_eq!(s.send("flush_all 3\n"), "OK\n");
    s.sleep(1);
    assert_eq!(s.send("get a\n"), "VALUE a 0 1\n1\nEND\n");
    s.sleep(1);
    assert_eq!(s.send("get a\n"), "END\n");
}

#[test]
fn decr_rewrites_in_place_with_padding() {
    let mut s = Session::new();
    s.send("set n 0 0 2\n10\n");
    assert_eq!(s.send("decr n 1\nget n\n"), "9\nVALUE n 0 2\n9 \nEND\n");
    assert_eq!(s.send("incr n 91\nget n\n"), "100\nVALUE n 0 3\n100\nEND\n");
    s.send("set m 0 0 20\n18446744073709551615\n");
    assert_eq!(s.send("incr m 2\ndecr m 5\n"), "1\n0\n");
}

#[test]
fn expiration_times() {
    let mut s = Session::new();
    s.send("set rel 0 10 1\nr\nset neg 0 -1 1\nn\n");
    let future = DEFAULT_START_MS / 1000 + 100;
    let past = DEFAULT_START_MS / 1000 - 100;
    s.send(&format!("set abs 0 {future} 1\na\nset old 0 {past} 1\no\n"));
    assert_eq!(s.send("get neg old\n"), "END\n");
    s.sleep(9);
    assert_eq!(s.send("get rel\n"), "VALUE rel 0 1\nr\nEND\n");
    s.sleep(1);
    assert_eq!(s.send("get rel abs\n"), "VALUE abs 0 1\na\nEND\n");
    s.sleep(90);
    assert_eq!(s.send("get abs\n"), "END\n");
    let stats = s.send("stats\n");
    assert!(stats.contains("STAT get_expired 4\n"), "{stats}");
}

#[test]
fn touch_and_gat_change_expiry() {
    let mut s = Session::new();
    s.send("set t 0 5 1\n1\n");
    assert_eq!(s.send("touch t 100\n"), "TOUCHED\n");
    s.sleep(50);
    assert_eq!(s.send("gats 1 t\n"), "VALUE t 0 1 1\n1\nEND\n");
    s.sleep(1);
    assert_eq!(s.send("get t\n"), "END\n");
}

#[test]
fn input_may_arrive_in_pieces() {
    let script = "set k 0 0 5\r\nhello\r\nget k\r\nincr k 1\r\nset k 0 0 1\r\nxyz\r\nget k\r\n";
    let mut whole = Session::new();
    let expected = whole
        .conn
        .feed(&mut whole.server, script.as_bytes(), whole.now_ms);
    let mut split = Session::new();
    let mut out = Vec::new();
    for byte in script.as_bytes() {
        out.extend(
            split
                .conn
                .feed(&mut split.server, std::slice::from_ref(byte), split.now_ms),
        );
    }
    assert_eq!(out, expected);
    assert_eq!(
        String::from_utf8_lossy(&expected),
        "STORED\r\nVALUE k 0 5\r\nhello\r\nEND\r\nCLIENT_ERROR cannot increment or decrement non-numeric value\r\n\
         CLIENT_ERROR bad data chunk\r\nERROR\r\nVALUE k 0 5\r\nhello\r\nEND\r\n"
    );
}

#[test]
fn too_large_values_are_swallowed_and_old_value_dropped() {
    let mut s = Session::new();
    s.send("set k 0 0 1\nv\n");
    let big = "x".repeat(1024 * 1024);
    assert_eq!(
        s.send(&format!("set k 0 0 {}\n{big}\nget k\n", big.len())),
        "SERVER_ERROR object too large for cache\nEND\n"
    );
}

#[test]
fn quit_and_http_close_the_connection() {
    let mut s = Session::new();
    assert_eq!(s.send("version\nquit\nversion\n"), "VERSION 1.6.18\n");
    assert!(s.conn.is_closed());
    assert_eq!(s.send("version\n"), "");
    let mut h = Session::new();
    assert_eq!(h.send("GET / HTTP/1.1\n"), "");
    assert!(h.conn.is_closed());
}

#[test]
fn events_report_changes_with_slab_class() {
    let mut s = Session::new();
    s.send("set a 0 0 1\n1\nset a 0 0 1\n2\ndelete a\n");
    let events = s.server.drain_events();
    assert_eq!(
        events,
        [
            Event::Stored {
                key: b"a".to_vec(),
                class: 1,
                cas: 1
            },
            Event::Updated {
                key: b"a".to_vec(),
                class: 1,
                cas: 2
            },
            Event::Deleted {
                key: b"a".to_vec(),
                class: 1
            },
        ]
    );
    assert!(s.server.drain_events().is_empty());
}

#[test]
fn new_items_start_hot_and_the_maintainer_moves_them_cold() {
    let mut s = Session::new();
    s.send("set a 0 0 1\n1\n");
    assert_eq!(s.server.item(b"a").map(|i| i.segment), Some(Segment::Hot));
    s.sleep(1);
    s.send("version\n");
    assert_eq!(s.server.item(b"a").map(|i| i.segment), Some(Segment::Cold));
    // Fetched twice while COLD: active, so it moves to WARM.
    s.send("get a\nget a\n");
    assert_eq!(s.server.item(b"a").map(|i| i.segment), Some(Segment::Warm));
}

#[test]
fn a_small_memory_limit_evicts_from_the_cold_tail() {
    let mut s = Session::with(Settings {
        max_bytes: 2 * 1024 * 1024,
        ..Settings::default()
    });
    let value = "v".repeat(100_000);
    for i in 0..30 {
        assert_eq!(
            s.send(&format!("set k{i} 0 0 {}\n{value}\n", value.len())),
            "STORED\n"
        );
    }
    let evicted: Vec<Vec<u8>> = s
        .server
        .drain_events()
        .into_iter()
        .filter_map(|e| match e {
            Event::Evicted { key, .. } => Some(key),
            _ => None,
        })
        .collect();
    assert_eq!(evicted.first().map(Vec::as_slice), Some(&b"k0"[..]));
    let class = s
        .server
        .slab_classes()
        .into_iter()
        .find(|c| c.evictions > 0)
        .expect("a class evicted");
    assert_eq!(class.evictions as usize, evicted.len());
    assert_eq!(
        s.send("get k0 k29\n"),
        format!("VALUE k29 0 100000\n{value}\nEND\n")
    );
}

#[test]
fn the_lessons_lost_update_is_caught_by_cas() {
    let mut server = Server::new(Settings::default());
    let now = DEFAULT_START_MS;
    let (mut a, mut b) = (Connection::new(), Connection::new());
    let mut send = |conn: &mut Connection, input: &str| {
        String::from_utf8(conn.feed(&mut server, input.replace('\n', "\r\n").as_bytes(), now))
            .unwrap_or_default()
    };
    assert_eq!(send(&mut a, "set product_count 0 0 3\n900\n"), "STORED\r\n");
    assert_eq!(
        send(&mut a, "gets product_count\n"),
        "VALUE product_count 0 3 1\r\n900\r\nEND\r\n"
    );
    assert_eq!(
        send(&mut b, "gets product_count\n"),
        "VALUE product_count 0 3 1\r\n900\r\nEND\r\n"
    );
    assert_eq!(
        send(&mut b, "cas product_count 0 0 3 1\n899\n"),
        "STORED\r\n"
    );
    assert_eq!(
        send(&mut a, "cas product_count 0 0 3 1\n899\n"),
        "EXISTS\r\n"
    );
    assert_eq!(
        send(&mut a, "gets product_count\n"),
        "VALUE product_count 0 3 2\r\n899\r\nEND\r\n"
    );
}

#[test]
fn a_long_line_without_newline_closes_unless_it_is_a_get() {
    let mut s = Session::new();
    assert_eq!(s.send(&"x".repeat(3000)), "");
    assert!(s.conn.is_closed());
    let mut g = Session::new();
    let keys: String = (0..600).map(|i| format!("key{i} ")).collect();
    assert_eq!(g.send(&format!("get {keys}")), "");
    assert!(!g.conn.is_closed());
    assert_eq!(g.send("\n"), "END\n");
}
