//! Specifications of the engine as a learner meets it: a scenario, the
//! lines typed, and what redis-cli would print.

use redis_sim::{ClientId, Event, Reply, Server, cli};

/// Types each line at `now_ms` and returns everything printed.
fn typed(server: &mut Server, client: ClientId, now_ms: u64, lines: &[&str]) -> String {
    lines
        .iter()
        .map(|line| cli::run_line(server, client, line, now_ms).text)
        .collect()
}

fn fresh() -> (Server, ClientId) {
    let mut server = Server::new(42);
    let client = server.connect();
    (server, client)
}

#[test]
fn a_key_dies_when_its_ttl_runs_out_on_the_virtual_clock() {
    let (mut server, me) = fresh();
    assert_eq!(
        typed(
            &mut server,
            me,
            1_000,
            &["set session abc px 250", "pttl session"]
        ),
        "OK\n(integer) 250\n"
    );
    assert_eq!(typed(&mut server, me, 1_249, &["get session"]), "\"abc\"\n");
    server.drain_events();
    assert_eq!(
        typed(&mut server, me, 1_250, &["get session", "ttl session"]),
        "(nil)\n(integer) -2\n"
    );
    assert_eq!(
        server.drain_events(),
        vec![Event::KeyExpired {
            db: 0,
            key: b"session".to_vec()
        }]
    );
}

#[test]
fn active_expiry_removes_keys_nobody_reads() {
    let (mut server, me) = fresh();
    for i in 0..50 {
        typed(&mut server, me, 0, &[&format!("set k{i} v ex 1")]);
    }
    typed(&mut server, me, 0, &["set keeper v"]);
    assert_eq!(typed(&mut server, me, 0, &["dbsize"]), "(integer) 51\n");
    server.advance(5_000);
    assert_eq!(typed(&mut server, me, 5_000, &["dbsize"]), "(integer) 1\n");
    assert_eq!(server.stats().expired_keys, 50);
}

#[test]
fn exec_fails_when_another_client_changed_a_watched_key() {
    let mut server = Server::new(1);
    let (alice, bob) = (server.connect(), server.connect());
    typed(&mut server, alice, 0, &["set balance 100", "watch balance"]);
    typed(&mut server, bob, 0, &["incrby balance 5"]);
    let out = typed(
        &mut server,
        alice,
        0,
        &["multi", "decrby balance 30", "exec", "get balance"],
    );
    assert_eq!(out, "OK\nQUEUED\n(nil)\n\"105\"\n");
    let out = typed(
        &mut server,
        alice,
        0,
        &["watch balance", "multi", "decrby balance 30", "exec"],
    );
    assert_eq!(out, "OK\nOK\nQUEUED\n1) (integer) 75\n");
}

#[test]
fn a_watched_key_that_expires_aborts_the_transaction() {
    let (mut server, me) = fresh();
    typed(
        &mut server,
        me,
        0,
        &["set lock me px 100", "watch lock", "multi", "ping"],
    );
    assert_eq!(typed(&mut server, me, 200, &["exec"]), "(nil)\n");
}

#[test]
fn errors_inside_exec_do_not_stop_the_other_commands() {
    let (mut server, me) = fresh();
    let out = typed(
        &mut server,
        me,
        0,
        &["multi", "set s text", "incr s", "append s !", "exec"],
    );
    assert_eq!(
        out,
        "OK\nQUEUED\nQUEUED\nQUEUED\n1) OK\n2) (error) ERR value is not an integer or out of range\n3) (integer) 5\n"
    );
}

#[test]
fn each_client_has_its_own_database() {
    let mut server = Server::new(1);
    let (a, b) = (server.connect(), server.connect());
    typed(&mut server, a, 0, &["select 3", "set k in-three"]);
    assert_eq!(typed(&mut server, b, 0, &["get k"]), "(nil)\n");
    assert_eq!(cli::prompt_for(&server, a), "127.0.0.1:6379[3]> ");
    assert_eq!(cli::prompt_for(&server, b), "127.0.0.1:6379> ");
    typed(&mut server, b, 0, &["multi"]);
    assert_eq!(cli::prompt_for(&server, b), "127.0.0.1:6379(TX)> ");
}

#[test]
fn published_messages_reach_channel_and_pattern_subscribers_in_order() {
    let mut server = Server::new(1);
    let (publisher, reader, watcher) = (server.connect(), server.connect(), server.connect());
    let out = cli::run_line(&mut server, reader, "subscribe news", 0);
    assert!(out.reading_messages);
    assert_eq!(
        out.text,
        "Reading messages... (press Ctrl-C to quit)\n1) \"subscribe\"\n2) \"news\"\n3) (integer) 1\n"
    );
    cli::run_line(&mut server, watcher, "psubscribe n*", 0);
    server.take_messages(reader);
    server.take_messages(watcher);
    assert_eq!(
        typed(&mut server, publisher, 0, &["publish news hello"]),
        "(integer) 2\n"
    );
    assert_eq!(
        server.take_messages(reader),
        vec![Reply::bulks(["message", "news", "hello"])]
    );
    assert_eq!(
        server.take_messages(watcher),
        vec![Reply::bulks(["pmessage", "n*", "news", "hello"])]
    );
    let subscribed_get = server.execute(reader, vec![b"get".to_vec(), b"k".to_vec()], 0);
    assert_eq!(
        subscribed_get,
        Reply::error(
            "ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context"
        )
    );
}

#[test]
fn writes_report_what_changed_for_the_page() {
    let (mut server, me) = fresh();
    typed(&mut server, me, 0, &["rpush queue job1", "del queue"]);
    assert_eq!(
        server.drain_events(),
        vec![
            Event::ElementTouched {
                db: 0,
                key: b"queue".to_vec(),
                element: b"job1".to_vec()
            },
            Event::KeyChanged {
                db: 0,
                key: b"queue".to_vec()
            },
            Event::KeyDeleted {
                db: 0,
                key: b"queue".to_vec()
            },
        ]
    );
    typed(&mut server, me, 0, &["lpush l x", "lpop l"]);
    let events = server.drain_events();
    assert_eq!(
        events.last(),
        Some(&Event::KeyDeleted {
            db: 0,
            key: b"l".to_vec()
        }),
        "an emptied list is deleted"
    );
}

#[test]
fn encodings_convert_at_the_seven_zero_thresholds() {
    let (mut server, me) = fresh();
    let members: Vec<String> = (0..512).map(|i| i.to_string()).collect();
    typed(
        &mut server,
        me,
        0,
        &[&format!("sadd s {}", members.join(" "))],
    );
    assert_eq!(
        typed(
            &mut server,
            me,
            0,
            &["object encoding s", "sadd s 512", "object encoding s"]
        ),
        "\"intset\"\n(integer) 1\n\"hashtable\"\n"
    );
    let pairs: Vec<String> = (0..128).map(|i| format!("{i} m{i}")).collect();
    typed(
        &mut server,
        me,
        0,
        &[&format!("zadd z {}", pairs.join(" "))],
    );
    assert_eq!(
        typed(
            &mut server,
            me,
            0,
            &["object encoding z", "zadd z 1 extra", "object encoding z"]
        ),
        "\"listpack\"\n(integer) 1\n\"skiplist\"\n"
    );
    assert_eq!(
        typed(
            &mut server,
            me,
            0,
            &[
                "set n 42",
                "object encoding n",
                "append n 0",
                "object encoding n"
            ]
        ),
        "OK\n\"int\"\n(integer) 3\n\"raw\"\n"
    );
}

#[test]
fn the_same_seed_replays_the_same_random_choices() {
    let run = || {
        let (mut server, me) = fresh();
        typed(&mut server, me, 0, &["mset a 1 b 2 c 3 d 4 e 5"]);
        typed(&mut server, me, 0, &["randomkey", "randomkey", "randomkey"])
    };
    assert_eq!(run(), run());
}

#[test]
fn a_blocked_pop_is_served_by_another_clients_push() {
    let mut server = Server::new(1);
    let (worker, producer) = (server.connect(), server.connect());
    let out = cli::run_line(&mut server, worker, "blpop jobs 5", 0);
    assert!(out.blocked);
    assert_eq!(out.text, "");
    assert_eq!(
        cli::read_reply(&mut server, worker, 0),
        "",
        "nothing arrived yet"
    );
    assert_eq!(
        typed(&mut server, producer, 1_500, &["rpush jobs first second"]),
        "(integer) 2\n"
    );
    assert_eq!(
        cli::read_reply(&mut server, worker, 1_500),
        "1) \"jobs\"\n2) \"first\"\n(1.50s)\n"
    );
    assert_eq!(
        typed(&mut server, producer, 1_500, &["lrange jobs 0 -1"]),
        "1) \"second\"\n"
    );
}

#[test]
fn a_blocked_pop_times_out_on_the_virtual_clock() {
    let (mut server, me) = fresh();
    assert!(cli::run_line(&mut server, me, "brpop empty 0.25", 1_000).blocked);
    server.advance(1_249);
    assert!(server.is_blocked(me));
    server.advance(1_250);
    assert!(!server.is_blocked(me));
    assert_eq!(cli::read_reply(&mut server, me, 250), "(nil)\n");
}

#[test]
fn a_server_nobody_draws_answers_the_same_without_keeping_events() {
    let script = [
        "rpush l a b",
        "hset h f v",
        "zadd z 1 m",
        "set k v px 5",
        "lpop l 2",
        "get k",
    ];
    let (mut drawn, a) = fresh();
    let (mut headless, b) = fresh();
    headless.record_events(false);
    assert_eq!(
        typed(&mut drawn, a, 0, &script),
        typed(&mut headless, b, 0, &script)
    );
    assert_eq!(
        typed(&mut drawn, a, 10, &["get k"]),
        typed(&mut headless, b, 10, &["get k"])
    );
    assert!(!drawn.drain_events().is_empty());
    assert!(headless.drain_events().is_empty());
}

#[test]
fn a_repeated_command_is_the_same_command_in_any_case_and_subcommands_are_looked_up() {
    let (mut server, me) = fresh();
    assert_eq!(
        typed(
            &mut server,
            me,
            0,
            &[
                "SET k 1",
                "set k 2",
                "SeT k",
                "get k",
                "config get maxmemory-policy",
                "config set maxmemory-policy allkeys-lru",
                "config get maxmemory-policy",
                "config",
                "configx",
            ]
        ),
        "OK\nOK\n(error) ERR wrong number of arguments for 'set' command\n\"2\"\n\
         1) \"maxmemory-policy\"\n2) \"noeviction\"\nOK\n\
         1) \"maxmemory-policy\"\n2) \"allkeys-lru\"\n\
         (error) ERR wrong number of arguments for 'config' command\n\
         (error) ERR unknown command 'configx', with args beginning with: \n"
    );
    assert!(
        typed(&mut server, me, 0, &["client list"]).contains(" cmd=client|list "),
        "CLIENT LIST names the latest command"
    );
}

#[test]
fn asking_about_a_key_does_not_count_as_using_it() {
    let (mut server, me) = fresh();
    typed(&mut server, me, 0, &["set k v"]);
    assert_eq!(
        typed(
            &mut server,
            me,
            2_100,
            &[
                "type k",
                "exists k",
                "ttl k",
                "expiretime k",
                "object encoding k",
                "object idletime k",
            ]
        ),
        "string\n(integer) 1\n(integer) -1\n(integer) -1\n\"embstr\"\n(integer) 2\n"
    );
    assert_eq!(
        typed(&mut server, me, 5_000, &["touch k", "object idletime k"]),
        "(integer) 1\n(integer) 0\n"
    );
    assert_eq!(
        typed(&mut server, me, 9_000, &["strlen k", "object idletime k"]),
        "(integer) 1\n(integer) 0\n"
    );
}
