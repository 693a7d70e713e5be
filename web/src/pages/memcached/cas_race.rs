//! The CAS race from the lesson: the shop keeps `product_count = 900`; users A and B both
//! read it, both buy, and both write 899. With `gets` and `cas` the second write is refused
//! (`EXISTS`), so A reads again and writes 898. Two client connections to the page's
//! server play it step by step; every reply shown is the engine's.

use std::cell::RefCell;
use std::rc::Rc;

use scenario::SharedServer;
use scenario::memcached_sim::Connection;
use yew::prelude::*;

use crate::session::virtual_now_ms;

/// The key the lesson's story is about.
const KEY: &str = "product_count";

/// Who sends a step.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Client {
    A,
    B,
}

/// What a step sends.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Request {
    /// The shop stocks 900 products (`set`).
    Stock,
    /// `gets`: read the count and its cas unique.
    Gets,
    /// `cas` with the unique last read, storing the count read minus one.
    Buy,
}

/// The story, in order: who acts, what they send, and what the step shows.
const STEPS: [(Client, Request, &str); 7] = [
    (Client::A, Request::Stock, "The shop stores 900 products."),
    (
        Client::A,
        Request::Gets,
        "A opens the page: gets reads 900 and the item's cas unique.",
    ),
    (
        Client::B,
        Request::Gets,
        "B opens the page too: the same 900, the same unique.",
    ),
    (
        Client::B,
        Request::Buy,
        "B buys one: cas with B's unique stores 899, and the item gets a new unique.",
    ),
    (
        Client::A,
        Request::Buy,
        "A buys one: A's unique is stale, so cas answers EXISTS instead of overwriting B's sale.",
    ),
    (
        Client::A,
        Request::Gets,
        "A reads again: 899, with the new unique.",
    ),
    (
        Client::A,
        Request::Buy,
        "A's cas now matches: 898. Both sales count.",
    ),
];

/// One line sent and the reply to it.
#[derive(Clone, Debug, PartialEq)]
struct Exchange {
    step: usize,
    sent: String,
    reply: String,
}

/// One client: its connection, what it last read, and what it sent.
#[derive(Default)]
struct ClientState {
    connection: Connection,
    /// The value and cas unique of the last `gets`, when it found the item.
    read: Option<(String, u64)>,
    log: Vec<Exchange>,
}

/// The race so far.
#[derive(Default)]
struct Race {
    next: usize,
    a: ClientState,
    b: ClientState,
}

/// The lines a client sends for a request, from what it last read.
fn request_lines(request: Request, read: Option<&(String, u64)>) -> Option<String> {
    match request {
        Request::Stock => Some(format!("set {KEY} 0 0 3\r\n900\r\n")),
        Request::Gets => Some(format!("gets {KEY}\r\n")),
        Request::Buy => read.map(|(value, unique)| {
            let count = value.trim().parse::<i64>().map_or(0, |n| n - 1).to_string();
            format!("cas {KEY} 0 0 {} {unique}\r\n{count}\r\n", count.len())
        }),
    }
}

/// The value and cas unique of a `gets` reply (`VALUE k flags bytes unique`), if it found one.
fn parse_gets(reply: &str) -> Option<(String, u64)> {
    let mut lines = reply.split("\r\n");
    let header: Vec<&str> = lines.next()?.split(' ').collect();
    match header.as_slice() {
        ["VALUE", _, _, _, unique] => Some((lines.next()?.to_owned(), unique.parse().ok()?)),
        _ => None,
    }
}

impl Race {
    /// Plays the next step against `server`.
    fn step(&mut self, server: &SharedServer, now_ms: u64) {
        let Some(&(who, request, _)) = STEPS.get(self.next) else {
            return;
        };
        let client = match who {
            Client::A => &mut self.a,
            Client::B => &mut self.b,
        };
        let (sent, reply) = match request_lines(request, client.read.as_ref()) {
            Some(lines) => {
                let reply = server.exchange(&mut client.connection, lines.as_bytes(), now_ms);
                let reply = String::from_utf8_lossy(&reply).into_owned();
                if request == Request::Gets {
                    client.read = parse_gets(&reply);
                }
                (lines, reply)
            }
            None => (
                String::new(),
                "(nothing to update: the last gets found no item)".to_owned(),
            ),
        };
        client.log.push(Exchange {
            step: self.next,
            sent: sent.trim_end().replace("\r\n", "\n"),
            reply: reply.trim_end().replace("\r\n", "\n"),
        });
        self.next += 1;
    }
}

/// Properties of [`CasRace`].
#[derive(Properties, PartialEq)]
pub struct CasRaceProps {
    /// The server both clients connect to.
    pub server: SharedServer,
    /// Tells the page a client changed the server.
    pub on_changed: Callback<()>,
}

/// Two clients side by side, played one step per click.
#[component]
pub fn CasRace(props: &CasRaceProps) -> Html {
    let race = use_mut_ref(Race::default);
    let redraw = use_force_update();
    let on_step = {
        let race = Rc::clone(&race);
        let server = props.server.clone();
        let on_changed = props.on_changed.clone();
        Callback::from(move |_: MouseEvent| {
            race.borrow_mut().step(&server, virtual_now_ms());
            on_changed.emit(());
        })
    };
    let on_reset = {
        let race = Rc::clone(&race);
        Callback::from(move |_: MouseEvent| {
            *race.borrow_mut() = Race::default();
            redraw.force_update();
        })
    };
    let race: &RefCell<Race> = &race;
    let race = race.borrow();
    let done = race.next >= STEPS.len();
    let head = |name: &str, who: Client, state: &ClientState| {
        html! {
            <div class={classes!("cas-head", (!done && STEPS[race.next].0 == who).then_some("next"))}>
                <h3>{ format!("Client {name}") }</h3>
                <p class="cas-read">{ match &state.read {
                    Some((value, unique)) => format!("read {value}, cas unique {unique}"),
                    None => "has read nothing yet".to_owned(),
                } }</p>
            </div>
        }
    };
    // One row per step played, in the acting client's column, so the interleaving shows.
    let cell = |who: Client, step: usize| {
        let state = match who {
            Client::A => &race.a,
            Client::B => &race.b,
        };
        match state.log.iter().find(|e| e.step == step) {
            Some(exchange) => html! {
                <div class={classes!("cas-exchange", (step + 1 == race.next).then_some("latest"))}
                    data-testid="mc-cas-exchange" data-client={if who == Client::A { "a" } else { "b" }}>
                    <pre class="sent">{ &exchange.sent }</pre>
                    <pre class={classes!("reply", reply_class(&exchange.reply))}>{ &exchange.reply }</pre>
                </div>
            },
            None => html! { <div class="cas-idle" aria-hidden="true"></div> },
        }
    };

    html! {
        <section class="mc-panel cas-panel" data-panel="cas" aria-labelledby="mc-cas-title" data-testid="mc-cas">
            <h2 id="mc-cas-title">{ "CAS race: two shoppers, one product_count" }</h2>
            <p class="panel-note">{ "The lesson's story, sent by two more connections to this server. \
                With plain get and set both would write 899; gets and cas refuse the stale write." }</p>
            <div class="cas-controls">
                <button type="button" onclick={on_step} disabled={done} data-testid="mc-cas-step"
                    aria-label="Play the next step of the CAS race">
                    { if done { "Done".to_owned() } else { format!("Step {} of {}", race.next + 1, STEPS.len()) } }
                </button>
                <button type="button" onclick={on_reset} data-testid="mc-cas-reset"
                    aria-label="Start the CAS race again">{ "Start again" }</button>
                <p class="cas-narration" aria-live="polite" data-testid="mc-cas-narration">
                    { match race.next {
                        0 => "Press Step to begin.",
                        n => STEPS[n - 1].2,
                    } }
                </p>
            </div>
            <div class="cas-timeline" data-testid="mc-cas-timeline">
                { head("A", Client::A, &race.a) }
                { head("B", Client::B, &race.b) }
                { for (0..race.next).map(|step| html! {
                    <>{ cell(Client::A, step) }{ cell(Client::B, step) }</>
                }) }
            </div>
        </section>
    }
}

/// Colours a reply by what it means for the write.
fn reply_class(reply: &str) -> Option<&'static str> {
    match reply.lines().next_back()? {
        "STORED" => Some("ok"),
        "EXISTS" | "NOT_FOUND" => Some("refused"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use scenario::memcached_sim::Settings;

    const NOW: u64 = 1_780_000_000_000;

    #[test]
    fn the_story_plays_out_as_the_lesson_tells_it() {
        let server = SharedServer::new(Settings {
            started_at_ms: NOW,
            ..Settings::default()
        });
        let mut race = Race::default();
        for _ in 0..STEPS.len() + 1 {
            race.step(&server, NOW);
        }
        let replies = |c: &ClientState| c.log.iter().map(|e| e.reply.clone()).collect::<Vec<_>>();
        assert_eq!(
            replies(&race.a),
            [
                "STORED",
                "VALUE product_count 0 3 1\n900\nEND",
                "EXISTS",
                "VALUE product_count 0 3 2\n899\nEND",
                "STORED"
            ]
        );
        assert_eq!(
            replies(&race.b),
            ["VALUE product_count 0 3 1\n900\nEND", "STORED"]
        );
        assert_eq!(race.a.log[2].sent, "cas product_count 0 0 3 1\n899");
        let item = server.server().item(KEY.as_bytes()).map(|i| i.value);
        assert_eq!(item.as_deref(), Some(&b"898"[..]));
    }
}
