//! Console verbs for the simulated clients: producers, consumers, crashes, the clock and the
//! lesson's bounded queue. Everything else goes to the broker as in [`super::run_line`].

use super::{Args, Failure, Outcome, Usage, run_line, shell, table};
use crate::sim::Simulation;
use crate::sim::consumer::{Attachment, ConsumerSpec};
use crate::sim::distribution::{Duration, parse_ms};
use crate::sim::producer::{KeyChoice, ProducerSpec, expand_keys};

/// Runs one console line against a simulation and returns its transcript text.
pub fn run_sim_line(sim: &mut Simulation, line: &str) -> String {
    let words = match shell::split(line) {
        Ok(w) => w,
        Err(e) => return format!("*** Error: {e}"),
    };
    let verb: Vec<&str> = words.iter().take(2).map(String::as_str).collect();
    let result = match verb.as_slice() {
        ["run", spec, ..] => run(sim, spec),
        ["restart", ..] => {
            sim.restart_broker();
            Ok("broker restarted".to_string())
        }
        ["status", ..] => Ok(status(sim)),
        ["producer", ..] => Args::parse(&words[1..])
            .map_err(Failure::from)
            .and_then(|a| producer(sim, &a)),
        ["consumer", ..] => Args::parse(&words[1..])
            .map_err(Failure::from)
            .and_then(|a| consumer(sim, &a)),
        ["bounded", ..] => Args::parse(&words[1..])
            .map_err(Failure::from)
            .and_then(|a| bounded(sim, &a)),
        ["close", "channel", ..] => Args::parse(&words[2..])
            .map_err(Failure::from)
            .and_then(|a| close_channel(sim, &a)),
        ["stop" | "crash", noun, ..] => Args::parse(&words[2..])
            .map_err(Failure::from)
            .and_then(|a| stop(sim, verb[0], noun, &a)),
        _ => {
            let now = sim.now();
            return run_line(sim.broker_mut(), line, now);
        }
    };
    match result {
        Ok(text) => text,
        Err(Failure::Usage(Usage(text))) => format!("*** Error: {text}"),
        Err(Failure::Amqp(e)) => format!("*** {} {}", e.code, e.text),
    }
}

/// The longest `run` at once: the page stays responsive, and long runs are a loop of lines.
const LONGEST_RUN_MS: u64 = 600_000;

fn run(sim: &mut Simulation, spec: &str) -> Outcome {
    let ms = parse_ms(spec).ok_or_else(|| Usage(format!("bad duration \"{spec}\"")))?;
    if ms > LONGEST_RUN_MS {
        return Err(Usage("run at most 10m at a time".to_string()).into());
    }
    let target = sim.now().saturating_add(ms);
    sim.run_until(target);
    let t = sim.metrics().totals;
    Ok(format!(
        "clock at {target} ms: {} published, {} delivered, {} acked",
        t.published, t.delivered, t.acked
    ))
}

fn probability(args: &Args, key: &str) -> Result<f64, Usage> {
    match args.text(key) {
        None => Ok(0.0),
        Some(v) => match v.parse::<f64>() {
            Ok(p) if (0.0..=1.0).contains(&p) => Ok(p),
            _ => Err(Usage(format!(
                "{key}: expected a probability between 0 and 1, got \"{v}\""
            ))),
        },
    }
}

fn duration(args: &Args, key: &str, default: Duration) -> Result<Duration, Usage> {
    match args.text(key) {
        None => Ok(default),
        Some(v) => Duration::parse(v).ok_or_else(|| Usage(format!("{key}: bad duration \"{v}\""))),
    }
}

fn time(args: &Args, key: &str) -> Result<Option<u64>, Usage> {
    args.text(key)
        .map(|v| parse_ms(v).ok_or_else(|| Usage(format!("{key}: bad duration \"{v}\""))))
        .transpose()
}

fn producer(sim: &mut Simulation, args: &Args) -> Outcome {
    let rate = match args.text("rate") {
        None => 1.0,
        Some(v) => v
            .parse::<f64>()
            .ok()
            .filter(|r| r.is_finite() && *r >= 0.0)
            .ok_or_else(|| Usage(format!("rate: expected messages per second, got \"{v}\"")))?,
    };
    let mut spec = ProducerSpec::new(args.required("name")?, args.required("exchange")?, "", rate);
    spec.routing_keys = expand_keys(args.text("routing_key").unwrap_or_default())
        .map_err(|e| Usage(format!("routing_key: {e}")))?;
    spec.key_choice = match args.text("keys").unwrap_or("cycle") {
        "cycle" => KeyChoice::Cycle,
        "random" => KeyChoice::Random,
        other => {
            return Err(Usage(format!("keys: expected cycle or random, got \"{other}\"")).into());
        }
    };
    spec.burst = u32::try_from(args.number("burst")?.unwrap_or(1))
        .map_err(|_| Usage("burst: too large".into()))?;
    spec.limit = args.number("count")?;
    if let Some(body) = args.text("payload") {
        spec.body = body.to_string();
    }
    spec.persistent = args.flag("persistent", false)?;
    spec.mandatory = args.flag("mandatory", false)?;
    spec.confirms = args.flag("confirms", false)?;
    let name = spec.name.clone();
    sim.add_producer(spec).map_err(Usage)?;
    Ok(format!("producer {name} started"))
}

fn consumer(sim: &mut Simulation, args: &Args) -> Outcome {
    let prefetch = u16::try_from(args.number("prefetch")?.unwrap_or(1))
        .map_err(|_| Usage("prefetch: at most 65535".into()))?;
    let processing = duration(args, "processing", Duration::Fixed(100))?;
    let mut spec = ConsumerSpec::new(
        args.required("name")?,
        args.required("queue")?,
        prefetch,
        processing,
    );
    spec.auto_ack = match args.text("ackmode").unwrap_or("manual") {
        "manual" => false,
        "auto" => true,
        other => return Err(Usage(format!("unknown ackmode \"{other}\"")).into()),
    };
    spec.nack_probability = probability(args, "nack")?;
    spec.reject_probability = probability(args, "reject")?;
    spec.crash_probability = probability(args, "crash")?;
    spec.crash_at = time(args, "crash_at")?;
    spec.reconnect_after = time(args, "reconnect")?;
    let name = spec.name.clone();
    sim.add_consumer(spec)?;
    Ok(format!("consumer {name} started"))
}

fn bounded(sim: &mut Simulation, args: &Args) -> Outcome {
    let capacity = usize::try_from(args.number("capacity")?.unwrap_or(3))
        .map_err(|_| Usage("capacity: too large".into()))?;
    let put_every = time(args, "put_every")?.unwrap_or(10);
    let processing = duration(args, "processing", Duration::Fixed(100))?;
    sim.show_bounded_queue(capacity, put_every, processing);
    Ok(format!("bounded queue of {capacity} started"))
}

fn stop(sim: &mut Simulation, verb: &str, noun: &str, args: &Args) -> Outcome {
    let name = args.required("name")?;
    let found = match (verb, noun) {
        ("stop", "producer") => sim.remove_producer(name),
        ("stop", "consumer") => sim.remove_consumer(name),
        ("crash", "consumer") => sim.crash_consumer(name),
        _ => return Err(Usage(format!("cannot {verb} a {noun}")).into()),
    };
    if found {
        Ok(format!(
            "{noun} {name} {}",
            if verb == "stop" { "stopped" } else { "crashed" }
        ))
    } else {
        Err(Usage(format!("no {noun} \"{name}\"")).into())
    }
}

fn close_channel(sim: &mut Simulation, args: &Args) -> Outcome {
    let name = args.required("consumer")?;
    let Some(c) = sim.consumers().get(name) else {
        return Err(Usage(format!("no consumer \"{name}\"")).into());
    };
    let reopen_after = c.spec.reconnect_after;
    if !sim.close_consumer_channel(name) {
        return Err(Usage(format!("consumer {name} has no open channel")).into());
    }
    Ok(match reopen_after {
        Some(ms) => format!("channel of consumer {name} closed; it reopens one in {ms} ms"),
        None => format!("channel of consumer {name} closed; it stays stopped"),
    })
}

fn status(sim: &Simulation) -> String {
    let producers: Vec<Vec<String>> = sim
        .producers()
        .values()
        .map(|p| {
            vec![
                p.spec.name.clone(),
                p.spec.exchange.clone(),
                p.spec.routing_keys.join(","),
                p.sent.to_string(),
            ]
        })
        .collect();
    let consumers: Vec<Vec<String>> = sim
        .consumers()
        .values()
        .map(|c| {
            vec![
                c.spec.name.clone(),
                c.spec.queue.clone(),
                match c.attachment() {
                    Attachment::Subscribed => "connected",
                    Attachment::ChannelClosed => "channel closed",
                    Attachment::Disconnected => "down",
                }
                .to_string(),
                (c.backlog.len() + usize::from(c.current.is_some())).to_string(),
            ]
        })
        .collect();
    let mut out = vec![
        if producers.is_empty() {
            "no producers".to_string()
        } else {
            table::render(
                &["producer", "exchange", "routing_keys", "sent"],
                &producers,
            )
        },
        if consumers.is_empty() {
            "no consumers".to_string()
        } else {
            table::render(&["consumer", "queue", "connection", "in_hand"], &consumers)
        },
    ];
    if let Some(b) = &sim.bounded {
        out.push(format!(
            "bounded queue: {}/{} items, {} produced, {} consumed, producer blocked {} ms{}",
            b.items.len(),
            b.capacity,
            b.produced,
            b.consumed,
            b.producer_blocked_ms,
            if b.producer_blocked() {
                " (blocked now)"
            } else {
                ""
            }
        ));
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn transcript(script: &str) -> (Simulation, Vec<String>) {
        let mut sim = Simulation::new(9);
        let out = script
            .lines()
            .map(|l| run_sim_line(&mut sim, l))
            .filter(|t| !t.is_empty())
            .collect();
        (sim, out)
    }

    #[test]
    fn producers_and_consumers_from_the_console() {
        let (sim, out) = transcript(
            "declare queue name=work durable=false\n\
             producer name=p exchange= routing_key=work rate=20 count=50\n\
             consumer name=c queue=work prefetch=2 processing=10ms\n\
             run 5s",
        );
        assert_eq!(
            out[3],
            "clock at 5000 ms: 50 published, 50 delivered, 50 acked"
        );
        assert!(
            sim.broker()
                .queue("work")
                .is_some_and(|q| q.ready.is_empty() && q.unacked == 0)
        );
    }

    #[test]
    fn a_producer_with_a_key_pattern_cycles_through_its_keys() {
        let (sim, out) = transcript(
            "declare exchange name=logs type=direct durable=false\n\
             producer name=p exchange=logs routing_key='{kern,auth}.{info,error}' rate=0 burst=5\n\
             producer name=q exchange=logs routing_key='{kern' rate=0\n\
             run 10ms",
        );
        assert_eq!(out[1], "producer p started");
        assert_eq!(
            out[2],
            "*** Error: routing_key: unclosed { in routing key pattern \"{kern\""
        );
        assert_eq!(
            sim.producers()["p"].spec.routing_keys,
            ["kern.info", "kern.error", "auth.info", "auth.error"]
        );
        assert_eq!(sim.producers()["p"].sent, 5);
    }

    #[test]
    fn console_errors_for_simulated_clients() {
        let (_, out) = transcript(
            "consumer name=c queue=missing\n\
             producer name=p exchange= routing_key=k rate=fast\n\
             crash consumer name=ghost\n\
             run 11m",
        );
        assert_eq!(
            out,
            [
                "*** 404 NOT_FOUND - no queue 'missing' in vhost '/'",
                "*** Error: rate: expected messages per second, got \"fast\"",
                "*** Error: no consumer \"ghost\"",
                "*** Error: run at most 10m at a time",
            ]
        );
    }

    #[test]
    fn closing_a_simulated_consumer_channel_from_the_console() {
        let (sim, out) = transcript(
            "declare queue name=work durable=false\n\
             producer name=p exchange= routing_key=work rate=0 burst=3\n\
             consumer name=c queue=work prefetch=3 processing=1s\n\
             run 100ms\n\
             close channel consumer=c\n\
             close channel consumer=c\n\
             close channel consumer=ghost\n\
             status",
        );
        assert_eq!(
            out[4..7],
            [
                "channel of consumer c closed; it stays stopped",
                "*** Error: consumer c has no open channel",
                "*** Error: no consumer \"ghost\"",
            ]
        );
        assert!(out[7].contains("channel closed"));
        let (_, out) = transcript(
            "declare queue name=work durable=false\n\
             consumer name=d queue=work reconnect=2s\n\
             close channel consumer=d",
        );
        assert_eq!(
            out[2],
            "channel of consumer d closed; it reopens one in 2000 ms"
        );
        assert!(
            sim.broker().queue("work").is_some_and(
                |q| q.ready.len() == 3 && q.ready.iter().all(|m| m.message.redelivered)
            )
        );
    }

    #[test]
    fn the_bounded_queue_shows_a_blocked_producer() {
        let (_, out) =
            transcript("bounded capacity=2 put_every=10ms processing=100ms\nrun 1050ms\nstatus");
        assert!(out[2].contains("bounded queue: 2/2 items"));
        assert!(out[2].ends_with("(blocked now)"));
    }
}
