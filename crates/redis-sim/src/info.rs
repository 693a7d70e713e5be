//! INFO, CLIENT LIST / CLIENT INFO and MEMORY USAGE: what the server says
//! about itself, with the field names and layout of 7.0 and the values of
//! this simulated server (virtual clock, modelled memory).

use crate::memory::{self, DEFAULT_SAMPLES};
use crate::reply::{Reply, errors};
use crate::server::Client;
use crate::{ClientId, Server, args};

type Result = std::result::Result<Reply, Reply>;

/// The sections this server reports, in INFO's order.
const SECTIONS: [&str; 5] = ["server", "clients", "memory", "stats", "keyspace"];

/// INFO [section ...]: the named sections, or all of ours for none, `default`,
/// `all` or `everything`. Unknown sections are left out, as in Redis.
pub fn info(server: &mut Server, _: ClientId, argv: &[Vec<u8>]) -> Result {
    let everything = argv.len() == 1
        || argv[1..].iter().any(|s| {
            ["default", "all", "everything"]
                .iter()
                .any(|w| args::is(s, w))
        });
    let chosen: Vec<&str> = SECTIONS
        .into_iter()
        .filter(|name| everything || argv[1..].iter().any(|s| args::is(s, name)))
        .collect();
    let texts: Vec<String> = chosen
        .into_iter()
        .map(|name| section(server, name))
        .collect();
    Ok(Reply::bulk(texts.join("\r\n")))
}

fn section(server: &mut Server, name: &str) -> String {
    let fields: Vec<(&str, String)> = match name {
        "server" => server_fields(server),
        "clients" => client_fields(server),
        "memory" => memory_fields(server),
        "stats" => stats_fields(server),
        _ => keyspace_fields(server),
    };
    let mut title = name.to_string();
    title[..1].make_ascii_uppercase();
    let mut text = format!("# {title}\r\n");
    for (field, value) in fields {
        text.push_str(&format!("{field}:{value}\r\n"));
    }
    text
}

fn server_fields(server: &Server) -> Vec<(&'static str, String)> {
    let uptime = (server.now_ms - server.started_ms.unwrap_or(server.now_ms)) / 1000;
    vec![
        ("redis_version", "7.0.15".into()),
        ("redis_git_sha1", "00000000".into()),
        ("redis_git_dirty", "0".into()),
        ("redis_mode", "standalone".into()),
        ("arch_bits", "64".into()),
        ("tcp_port", "6379".into()),
        ("server_time_usec", (server.now_ms * 1000).to_string()),
        ("uptime_in_seconds", uptime.to_string()),
        ("uptime_in_days", (uptime / 86_400).to_string()),
        ("hz", "10".into()),
        ("configured_hz", "10".into()),
        // LRU_CLOCK: seconds on a 24-bit wrapping counter.
        (
            "lru_clock",
            ((server.now_ms / 1000) & 0xff_ffff).to_string(),
        ),
    ]
}

fn client_fields(server: &Server) -> Vec<(&'static str, String)> {
    let blocked = server.clients.values().filter(|c| c.blocked.is_some());
    let with_timeout = blocked
        .clone()
        .filter(|c| c.blocked.as_ref().is_some_and(|b| b.deadline.is_some()))
        .count();
    vec![
        ("connected_clients", server.connected_clients().to_string()),
        ("cluster_connections", "0".into()),
        ("maxclients", "10000".into()),
        ("blocked_clients", blocked.count().to_string()),
        ("tracking_clients", "0".into()),
        ("clients_in_timeout_table", with_timeout.to_string()),
    ]
}

fn memory_fields(server: &mut Server) -> Vec<(&'static str, String)> {
    let used = server.used_memory();
    let peak = server.used_memory_peak();
    let maxmemory = server.config.maxmemory();
    let startup = memory::BASELINE as u64;
    let dataset = used - startup;
    vec![
        ("used_memory", used.to_string()),
        ("used_memory_human", memory::human(used)),
        ("used_memory_peak", peak.to_string()),
        ("used_memory_peak_human", memory::human(peak)),
        (
            "used_memory_peak_perc",
            format!("{:.2}%", used as f64 * 100.0 / peak as f64),
        ),
        ("used_memory_startup", startup.to_string()),
        ("used_memory_dataset", dataset.to_string()),
        (
            "used_memory_dataset_perc",
            format!("{:.2}%", dataset as f64 * 100.0 / used as f64),
        ),
        ("maxmemory", maxmemory.to_string()),
        ("maxmemory_human", memory::human(maxmemory)),
        ("maxmemory_policy", server.config.policy().name().into()),
        ("mem_allocator", "jemalloc-5.3.0".into()),
    ]
}

fn stats_fields(server: &Server) -> Vec<(&'static str, String)> {
    let stats = server.stats;
    vec![
        ("total_connections_received", stats.connections.to_string()),
        ("total_commands_processed", stats.commands.to_string()),
        ("expired_keys", stats.expired_keys.to_string()),
        ("evicted_keys", stats.evicted_keys.to_string()),
        ("keyspace_hits", stats.keyspace_hits.to_string()),
        ("keyspace_misses", stats.keyspace_misses.to_string()),
        ("pubsub_channels", server.pubsub.channels.len().to_string()),
        ("pubsub_patterns", server.pubsub.patterns.len().to_string()),
        ("total_error_replies", stats.error_replies.to_string()),
    ]
}

fn keyspace_fields(server: &Server) -> Vec<(&'static str, String)> {
    const NAMES: [&str; 16] = [
        "db0", "db1", "db2", "db3", "db4", "db5", "db6", "db7", "db8", "db9", "db10", "db11",
        "db12", "db13", "db14", "db15",
    ];
    server
        .dbs
        .iter()
        .zip(NAMES)
        .filter(|(db, _)| !db.entries.is_empty())
        .map(|(db, name)| {
            (
                name,
                format!(
                    "keys={},expires={},avg_ttl=0",
                    db.entries.len(),
                    db.volatile_count()
                ),
            )
        })
        .collect()
}

/// One CLIENT LIST line (`catClientInfoString`), with the buffer fields a
/// simulated connection does not have reported as empty.
fn client_line(server: &Server, id: ClientId, client: &Client) -> String {
    let mut flags = String::new();
    if client.subscribed() {
        flags.push('P');
    }
    if client.multi.is_some() {
        flags.push('x');
    }
    if client.blocked.is_some() {
        flags.push('b');
    }
    if client.watch_dirty {
        flags.push('d');
    }
    if flags.is_empty() {
        flags.push('N');
    }
    let name = client
        .name
        .as_ref()
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .unwrap_or_default();
    // A connection opened before the first command counts from that command.
    let start = server.started_ms.unwrap_or(server.now_ms);
    let since = |ms: u64| server.now_ms.saturating_sub(ms.max(start)) / 1000;
    let multi = client
        .multi
        .as_ref()
        .map_or(-1, |m| i64::try_from(m.queue.len()).unwrap_or(i64::MAX));
    format!(
        "id={} addr=127.0.0.1:{} laddr=127.0.0.1:6379 fd={} name={name} age={} idle={} flags={flags} db={} sub={} psub={} ssub=0 multi={multi} qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0 rbs=1024 rbp=0 obl=0 oll=0 omem=0 tot-mem=1024 events=r cmd={} user=default redir=-1 resp=2\n",
        id.0,
        40_000 + id.0,
        7 + id.0,
        since(client.connected_ms),
        since(client.last_command_ms),
        client.db,
        client.channels.len(),
        client.patterns.len(),
        client.last_command.map_or("NULL", |c| c.name),
    )
}

/// CLIENT LIST [TYPE type] [ID id ...]: one line per connection.
pub fn client_list(server: &mut Server, _: ClientId, argv: &[Vec<u8>]) -> Result {
    let chosen: Vec<ClientId> = match argv {
        [_, _] => server.clients.keys().copied().collect(),
        [_, _, option, kind] if args::is(option, "type") => {
            let pubsub = if args::is(kind, "pubsub") {
                true
            } else if args::is(kind, "normal") {
                false
            } else if ["master", "replica", "slave"]
                .iter()
                .any(|k| args::is(kind, k))
            {
                return Ok(Reply::bulk(""));
            } else {
                return Err(Reply::error(format!(
                    "ERR Unknown client type '{}'",
                    String::from_utf8_lossy(kind)
                )));
            };
            server
                .clients
                .iter()
                .filter(|(_, c)| c.subscribed() == pubsub)
                .map(|(id, _)| *id)
                .collect()
        }
        [_, _, option, ids @ ..] if args::is(option, "id") && !ids.is_empty() => {
            let mut chosen = Vec::new();
            for id in ids {
                let id = args::int(id).map_err(|_| Reply::error("ERR Invalid client ID"))?;
                chosen.extend(
                    u64::try_from(id)
                        .ok()
                        .map(ClientId)
                        .filter(|id| server.clients.contains_key(id)),
                );
            }
            chosen
        }
        _ => return Err(Reply::error(errors::SYNTAX)),
    };
    let text: String = chosen
        .into_iter()
        .filter_map(|id| server.clients.get(&id).map(|c| client_line(server, id, c)))
        .collect();
    Ok(Reply::bulk(text))
}

/// CLIENT INFO: this connection's CLIENT LIST line.
pub fn client_info(server: &mut Server, client: ClientId, _: &[Vec<u8>]) -> Result {
    Ok(Reply::bulk(
        server
            .clients
            .get(&client)
            .map_or_else(String::new, |c| client_line(server, client, c)),
    ))
}

/// MEMORY USAGE key [SAMPLES count]: the bytes the key takes, nil if absent.
pub fn memory_usage(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    let mut samples = DEFAULT_SAMPLES;
    let mut rest = &argv[3..];
    while let Some(option) = rest.first() {
        match rest {
            [_, count, ..] if args::is(option, "samples") => {
                let n = args::int(count)?;
                samples = match usize::try_from(n) {
                    Ok(0) => usize::MAX,
                    Ok(n) => n,
                    Err(_) => return Err(Reply::error(errors::SYNTAX)),
                };
                rest = &rest[2..];
            }
            _ => return Err(Reply::error(errors::SYNTAX)),
        }
    }
    let db = server.db_index(client);
    // MEMORY USAGE looks the key up without expiring it, as dictFind does.
    Ok(server.dbs[db]
        .entries
        .get(argv[2].as_slice())
        .map_or(Reply::Nil, |entry| {
            Reply::count(memory::key_size(&argv[2], &entry.value, samples))
        }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::run_line;

    #[test]
    fn info_lists_our_sections_in_order_and_counts_keys() {
        let mut server = Server::new(1);
        let client = server.connect();
        run_line(&mut server, client, "SET a 1", 1_000);
        run_line(&mut server, client, "EXPIRE a 100", 1_000);
        let text = run_line(&mut server, client, "INFO", 5_000).text;
        let titles: Vec<&str> = text.lines().filter(|l| l.starts_with('#')).collect();
        assert_eq!(
            titles,
            ["# Server", "# Clients", "# Memory", "# Stats", "# Keyspace"]
        );
        assert!(text.contains("uptime_in_seconds:4\r\n"));
        assert!(text.contains("db0:keys=1,expires=1,avg_ttl=0\r\n"));
        assert!(text.contains("total_commands_processed:3\r\n"));
        let memory = run_line(&mut server, client, "INFO MEMORY", 5_000).text;
        assert!(memory.starts_with("# Memory\r\nused_memory:876208\r\n"));
        assert_eq!(run_line(&mut server, client, "INFO nosuch", 5_000).text, "");
    }

    #[test]
    fn client_list_shows_flags_age_idle_and_the_last_command() {
        let mut server = Server::new(1);
        let first = server.connect();
        let second = server.connect();
        run_line(&mut server, first, "MULTI", 1_000);
        run_line(&mut server, second, "SUBSCRIBE news", 2_000);
        let third = server.connect();
        let text = run_line(&mut server, third, "CLIENT LIST", 9_000).text;
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[0].contains(" age=8 idle=8 flags=x ") && lines[0].contains(" multi=0 "));
        assert!(lines[1].contains(" flags=P ") && lines[1].contains(" sub=1 "));
        assert!(lines[2].contains(" cmd=client|list "));
        let pubsub = run_line(&mut server, third, "CLIENT LIST TYPE pubsub", 9_000).text;
        assert!(pubsub.starts_with("id=2 "));
        assert_eq!(pubsub.lines().count(), 1);
    }
}
