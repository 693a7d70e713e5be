//! Small forms that add exchanges, queues, bindings, producers and consumers. A form does
//! not change the simulation itself: it runs the console line that does, so the learner
//! sees the command in the transcript and can type it next time. One form shows at a
//! time, picked by a row of tabs.

use scenario::rabbitmq_sim::value::{FieldTable, FieldValue, table_to_json};
use wasm_bindgen::JsCast;
use web_sys::{HtmlFormElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Quotes a value for the console's shell-like line, only when it needs it.
pub fn quote(value: &str) -> String {
    let plain = !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._-*#,:/".contains(c))
        && !value.starts_with('#');
    if plain {
        value.to_string()
    } else {
        format!("'{}'", value.replace('\'', r"'\''"))
    }
}

/// What a form's fields hold, read by name.
trait Fields {
    /// The value of the input or select named `name` ("" if there is none).
    fn text(&self, name: &str) -> String;
    /// Whether the checkbox named `name` is ticked.
    fn ticked(&self, name: &str) -> bool;
}

impl Fields for HtmlFormElement {
    fn text(&self, name: &str) -> String {
        let Ok(Some(element)) = self.query_selector(&format!("[name={name}]")) else {
            return String::new();
        };
        match element.dyn_into::<HtmlInputElement>() {
            Ok(input) => input.value().trim().to_string(),
            Err(element) => element
                .dyn_into::<HtmlSelectElement>()
                .map(|select| select.value())
                .unwrap_or_default(),
        }
    }

    fn ticked(&self, name: &str) -> bool {
        self.query_selector(&format!("[name={name}]"))
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
            .is_some_and(|input| input.checked())
    }
}

/// A form's submit handler that runs the console line built from its fields.
fn submitter(on_run: &Callback<String>, build: fn(&dyn Fields) -> String) -> Callback<SubmitEvent> {
    let on_run = on_run.clone();
    Callback::from(move |e: SubmitEvent| {
        e.prevent_default();
        if let Some(form) = e.target_dyn_into::<HtmlFormElement>() {
            on_run.emit(build(&form));
        }
    })
}

/// `key=value` for each optional part of a line that was filled in.
fn optional(parts: &[(&str, String)]) -> String {
    parts
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!(" {k}={}", quote(v)))
        .collect()
}

/// `arguments='{...}'` from the filled-in fields, numbers as numbers; nothing if none is.
fn arguments(entries: &[(&str, String, bool)]) -> String {
    let mut table = FieldTable::new();
    for (key, value, numeric) in entries {
        if value.is_empty() {
            continue;
        }
        let field = match value.parse::<i64>() {
            Ok(n) if *numeric => FieldValue::Long(n),
            // Not a number where one is expected: passed as typed, so the broker's own
            // error (406 PRECONDITION_FAILED, invalid arg) says what is wrong.
            _ => FieldValue::LongStr(value.clone()),
        };
        table.insert((*key).to_string(), field);
    }
    if table.is_empty() {
        String::new()
    } else {
        format!(" arguments={}", quote(&table_to_json(&table).to_string()))
    }
}

/// The console line the exchange form stands for.
fn exchange_line(f: &dyn Fields) -> String {
    format!(
        "declare exchange name={} type={} durable={}{}",
        quote(&f.text("name")),
        quote(&f.text("type")),
        f.ticked("durable"),
        arguments(&[("alternate-exchange", f.text("alternate"), false)]),
    )
}

/// The console line the queue form stands for.
fn queue_line(f: &dyn Fields) -> String {
    format!(
        "declare queue name={} durable={}{}",
        quote(&f.text("name")),
        f.ticked("durable"),
        arguments(&[
            ("x-message-ttl", f.text("ttl"), true),
            ("x-max-length", f.text("max_length"), true),
            ("x-overflow", f.text("overflow"), false),
            ("x-dead-letter-exchange", f.text("dlx"), false),
            ("x-dead-letter-routing-key", f.text("dlrk"), false),
        ]),
    )
}

/// The console line the binding form stands for. The destination select's values are
/// `queue:NAME` or `exchange:NAME`.
fn binding_line(f: &dyn Fields) -> String {
    let destination = f.text("destination");
    let (kind, name) = destination
        .split_once(':')
        .unwrap_or(("queue", destination.as_str()));
    format!(
        "declare binding source={} destination={} destination_type={kind}{}{}",
        quote(&f.text("source")),
        quote(name),
        optional(&[("routing_key", f.text("routing_key"))]),
        header_arguments(&f.text("x_match"), &f.text("headers")),
    )
}

/// A headers binding's `arguments=`: `x-match` and the headers to match, written as
/// `os=linux, level=error` (or as the JSON table itself, for other types of value).
fn header_arguments(x_match: &str, headers: &str) -> String {
    if headers.starts_with('{') {
        return format!(" arguments={}", quote(headers));
    }
    let mut entries = vec![("x-match", x_match.to_string(), false)];
    entries.extend(
        headers
            .split(',')
            .map(|pair| pair.split_once('=').unwrap_or((pair, "")))
            .map(|(name, value)| (name.trim(), value.trim().to_string(), false))
            .filter(|(name, _, _)| !name.is_empty()),
    );
    arguments(&entries)
}

/// The console line the producer form stands for. Only what differs from the
/// simulation's defaults is written, so the line stays as short as a learner would type.
fn producer_line(f: &dyn Fields) -> String {
    // Cycling through the keys is the simulation's default, so only `random` is written.
    let keys = Some(f.text("keys"))
        .filter(|k| k == "random")
        .unwrap_or_default();
    let flags: String = ["persistent", "mandatory", "confirms"]
        .into_iter()
        .filter(|flag| f.ticked(flag))
        .map(|flag| format!(" {flag}=true"))
        .collect();
    format!(
        "producer name={} exchange={} routing_key={} rate={}{}{flags}",
        quote(&f.text("name")),
        quote(&f.text("exchange")),
        quote(&f.text("routing_key")),
        quote(&f.text("rate")),
        optional(&[
            ("burst", f.text("burst")),
            ("count", f.text("count")),
            ("keys", keys),
            ("payload", f.text("payload")),
        ]),
    )
}

/// The console line the consumer form stands for.
fn consumer_line(f: &dyn Fields) -> String {
    format!(
        "consumer name={} queue={} prefetch={} processing={} ackmode={}",
        quote(&f.text("name")),
        quote(&f.text("queue")),
        quote(&f.text("prefetch")),
        quote(&f.text("processing")),
        quote(&f.text("ackmode")),
    )
}

/// The forms, in the order a topology is usually built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    Exchange,
    Queue,
    Binding,
    Producer,
    Consumer,
}

impl Form {
    const ALL: [Form; 5] = [
        Form::Exchange,
        Form::Queue,
        Form::Binding,
        Form::Producer,
        Form::Consumer,
    ];

    fn word(self) -> &'static str {
        match self {
            Form::Exchange => "exchange",
            Form::Queue => "queue",
            Form::Binding => "binding",
            Form::Producer => "producer",
            Form::Consumer => "consumer",
        }
    }
}

/// Properties of [`Forms`].
#[derive(Properties, PartialEq)]
pub struct FormsProps {
    /// Every exchange, the default one (`""`) included.
    pub exchanges: Vec<String>,
    /// Every queue.
    pub queues: Vec<String>,
    /// Name for the next producer.
    pub next_producer: String,
    /// Name for the next consumer.
    pub next_consumer: String,
    /// Runs a console line.
    pub on_run: Callback<String>,
}

/// `<option>`s for `names`, the first selected unless `pick` names another. (Options are
/// marked selected explicitly: left to the browser, the pick depends on the order yew
/// inserts them in.)
fn options<'a>(names: impl Iterator<Item = &'a String>, pick: Option<&str>) -> Html {
    let names: Vec<&String> = names.collect();
    let chosen = pick
        .filter(|p| names.iter().any(|n| n.as_str() == *p))
        .or(names.first().map(|n| n.as_str()));
    html! {
        { for names.iter().map(|n| html! {
            <option value={n.to_string()} selected={Some(n.as_str()) == chosen}>
                { if n.is_empty() { "(AMQP default)" } else { n.as_str() } }</option>
        }) }
    }
}

/// A `<select>` named `name` of fixed `(value, text)` choices, the first selected.
fn choice(name: &'static str, choices: &[(&'static str, &'static str)]) -> Html {
    html! {
        <select {name}>
            { for choices.iter().enumerate().map(|(i, &(value, text))| html! {
                <option {value} selected={i == 0}>{ text }</option>
            }) }
        </select>
    }
}

/// The forms. See the module documentation.
#[component]
pub fn Forms(props: &FormsProps) -> Html {
    let shown = use_state(|| Form::Producer);
    // A learner's own exchange is the likelier target than the default or an amq.* one.
    let own = |x: &&String| !x.is_empty() && !x.starts_with("amq.");
    let first_own = props.exchanges.iter().find(own).map(String::as_str);
    let named: Vec<&String> = props.exchanges.iter().filter(|x| !x.is_empty()).collect();
    let no_queues = props.queues.is_empty();

    let tabs = Form::ALL.iter().map(|&form| {
        let onclick = {
            let shown = shown.clone();
            Callback::from(move |_: MouseEvent| shown.set(form))
        };
        let selected = *shown == form;
        html! {
            <button type="button" role="tab" aria-selected={selected.to_string()}
                aria-controls="rmq-form-panel" data-testid={format!("rmq-tab-{}", form.word())}
                class={classes!(selected.then_some("selected"))} {onclick}>
                { form.word() }
            </button>
        }
    });

    let form = match *shown {
        Form::Exchange => html! {
            <form class="add-form" onsubmit={submitter(&props.on_run, exchange_line)}
                data-testid="rmq-add-exchange" aria-label="Declare an exchange">
                <label>{ "name" }<input name="name" required=true placeholder="e.g. logs" /></label>
                <label>{ "type" }
                    { choice("type", &[("direct", "direct"), ("fanout", "fanout"), ("topic", "topic"),
                        ("headers", "headers")]) }
                </label>
                <label class="check"><input type="checkbox" name="durable" checked=true />{ "durable" }</label>
                <label>{ "alternate exchange" }
                    <select name="alternate">
                        <option value="" selected=true>{ "none" }</option>
                        { for named.iter().map(|x| html! { <option value={x.to_string()}>{ x }</option> }) }
                    </select>
                </label>
                <button type="submit">{ "Declare exchange" }</button>
            </form>
        },
        Form::Queue => html! {
            <form class="add-form" onsubmit={submitter(&props.on_run, queue_line)}
                data-testid="rmq-add-queue" aria-label="Declare a queue">
                <label>{ "name" }<input name="name" required=true placeholder="e.g. task_queue" /></label>
                <label class="check"><input type="checkbox" name="durable" checked=true />{ "durable" }</label>
                <label>{ "x-message-ttl (ms)" }<input name="ttl" type="number" min="0" /></label>
                <label>{ "x-max-length" }<input name="max_length" type="number" min="0" /></label>
                <label>{ "x-overflow" }
                    { choice("overflow", &[("", "drop-head (default)"), ("reject-publish", "reject-publish"),
                        ("reject-publish-dlx", "reject-publish-dlx")]) }
                </label>
                <label>{ "x-dead-letter-exchange" }
                    <select name="dlx">
                        <option value="" selected=true>{ "none" }</option>
                        { for named.iter().map(|x| html! { <option value={x.to_string()}>{ x }</option> }) }
                    </select>
                </label>
                <label>{ "x-dead-letter-routing-key" }<input name="dlrk" placeholder="keep the message's" /></label>
                <button type="submit">{ "Declare queue" }</button>
            </form>
        },
        Form::Binding => html! {
            <form class="add-form" onsubmit={submitter(&props.on_run, binding_line)}
                data-testid="rmq-add-binding" aria-label="Bind a queue or an exchange">
                <label>{ "source exchange" }
                    <select name="source" disabled={named.is_empty()}>
                        { options(named.iter().copied(), first_own) }
                    </select>
                </label>
                <label>{ "destination" }
                    <select name="destination">
                        <optgroup label="queues">
                            { for props.queues.iter().enumerate().map(|(i, q)| html! {
                                <option value={format!("queue:{q}")} selected={i == 0}>{ q }</option>
                            }) }
                        </optgroup>
                        <optgroup label="exchanges">
                            { for named.iter().map(|x| html! {
                                <option value={format!("exchange:{x}")} selected={no_queues && Some(x.as_str()) == first_own}>{ x }</option>
                            }) }
                        </optgroup>
                    </select>
                </label>
                <label>{ "binding key" }<input name="routing_key" placeholder="e.g. kern.* (empty for fanout)" /></label>
                <label title="For a headers exchange: which of the headers below a message must carry">{ "x-match" }
                    { choice("x_match", &[("", "— (not headers)"), ("all", "all"), ("any", "any")]) }
                </label>
                <label>{ "headers to match" }<input name="headers" placeholder="os=linux, level=error" /></label>
                <button type="submit" disabled={named.is_empty()}>{ "Bind" }</button>
            </form>
        },
        Form::Producer => html! {
            <form class="add-form rmq-producer" onsubmit={submitter(&props.on_run, producer_line)}
                data-testid="rmq-add-producer" aria-label="Add a producer">
                <input type="hidden" name="name" value={props.next_producer.clone()} />
                <label>{ "exchange" }
                    <select name="exchange">{ options(props.exchanges.iter(), first_own) }</select>
                </label>
                <label>{ "routing key(s)" }
                    <input name="routing_key" placeholder="e.g. hello, or a,b"
                        aria-describedby="rmq-producer-help" />
                </label>
                <label>{ "order" }
                    <select name="keys" title="How a producer with several routing keys picks one">
                        <option value="cycle" selected=true>{ "cycle" }</option>
                        <option value="random">{ "random" }</option>
                    </select>
                </label>
                <label>{ "msg/s" }
                    <input name="rate" type="number" min="0" max="1000" step="any" value="2" />
                </label>
                <span class="row-break" aria-hidden="true"></span>
                <fieldset class="options">
                    <legend>{ "options" }</legend>
                    <label>{ "body" }
                        <input name="payload" placeholder="{producer} #{n}" aria-describedby="rmq-producer-help" />
                    </label>
                    <label title="messages published together at each tick">{ "burst" }
                        <input name="burst" type="number" min="1" placeholder="1" />
                    </label>
                    <label title="the producer stops after this many messages">{ "count" }
                        <input name="count" type="number" min="1" placeholder="no limit" />
                    </label>
                    <label class="check" title="delivery_mode 2: kept on disk in a durable queue">
                        <input type="checkbox" name="persistent" />{ "persistent" }</label>
                    <label class="check" title="returned to the producer when no queue is bound">
                        <input type="checkbox" name="mandatory" />{ "mandatory" }</label>
                    <label class="check" title="publisher confirms: the broker acks each message">
                        <input type="checkbox" name="confirms" />{ "confirms" }</label>
                </fieldset>
                <button type="submit">{ format!("Start {}", props.next_producer) }</button>
                <p class="hint" id="rmq-producer-help">
                    { "Keys: one, a list (a,b) or groups ({kern,auth}.{info,error} is 4). \
                       Body: {n}, {key} and {producer} are filled in. \
                       0 msg/s sends one burst and stops." }
                </p>
            </form>
        },
        Form::Consumer => html! {
            <form class="add-form" onsubmit={submitter(&props.on_run, consumer_line)}
                data-testid="rmq-add-consumer" aria-label="Add a consumer">
                <input type="hidden" name="name" value={props.next_consumer.clone()} />
                <label>{ "queue" }
                    <select name="queue" disabled={no_queues}>{ options(props.queues.iter(), None) }</select>
                </label>
                <label>{ "prefetch" }
                    <input name="prefetch" type="number" min="0" max="65535" value="1" />
                </label>
                <label>{ "work per msg" }
                    <input name="processing" value="500ms" aria-describedby="rmq-processing-help" />
                </label>
                <label>{ "ack" }
                    { choice("ackmode", &[("manual", "manual"), ("auto", "auto")]) }
                </label>
                <button type="submit" disabled={no_queues}>{ format!("Start {}", props.next_consumer) }</button>
                <p class="hint" id="rmq-processing-help">{ "e.g. 200ms, 1s, or 100ms..2s for a random time" }</p>
            </form>
        },
    };

    html! {
        <div class="rmq-forms">
            <div class="tabs" role="tablist" aria-label="Add to the topology">
                <span class="tabs-title">{ "Add" }</span>
                { for tabs }
            </div>
            <div id="rmq-form-panel" role="tabpanel">{ form }</div>
            <p class="hint">{ "Each form runs its command in the console. To remove something, click it on the canvas." }</p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    /// A filled-in form.
    struct Filled(BTreeMap<&'static str, &'static str>);

    impl Fields for Filled {
        fn text(&self, name: &str) -> String {
            self.0.get(name).copied().unwrap_or_default().to_string()
        }
        fn ticked(&self, name: &str) -> bool {
            self.0.get(name) == Some(&"on")
        }
    }

    fn filled(fields: &[(&'static str, &'static str)]) -> Filled {
        Filled(fields.iter().copied().collect())
    }

    #[test]
    fn values_are_quoted_only_when_the_console_needs_it() {
        assert_eq!(quote("kern.*"), "kern.*");
        assert_eq!(quote("a,b"), "a,b");
        assert_eq!(quote(""), "''");
        assert_eq!(quote("#"), "'#'");
        assert_eq!(quote("it's"), r"'it'\''s'");
        assert_eq!(quote("two words"), "'two words'");
    }

    #[test]
    fn a_queue_form_writes_only_the_arguments_filled_in() {
        let plain = filled(&[("name", "work"), ("durable", "on")]);
        assert_eq!(queue_line(&plain), "declare queue name=work durable=true");
        let limited = filled(&[
            ("name", "jobs"),
            ("ttl", "5000"),
            ("max_length", "10"),
            ("overflow", "reject-publish"),
            ("dlx", "dead"),
        ]);
        assert_eq!(
            queue_line(&limited),
            "declare queue name=jobs durable=false arguments='{\"x-dead-letter-exchange\":\"dead\",\
             \"x-max-length\":10,\"x-message-ttl\":5000,\"x-overflow\":\"reject-publish\"}'"
        );
    }

    #[test]
    fn an_exchange_form_names_its_alternate() {
        let f = filled(&[("name", "logs"), ("type", "fanout"), ("alternate", "ae")]);
        assert_eq!(
            exchange_line(&f),
            "declare exchange name=logs type=fanout durable=false arguments='{\"alternate-exchange\":\"ae\"}'"
        );
    }

    #[test]
    fn a_binding_form_binds_queues_and_exchanges() {
        let to_queue = filled(&[
            ("source", "topic_logs"),
            ("destination", "queue:kernel"),
            ("routing_key", "kern.*"),
        ]);
        assert_eq!(
            binding_line(&to_queue),
            "declare binding source=topic_logs destination=kernel destination_type=queue routing_key=kern.*"
        );
        let to_exchange = filled(&[
            ("source", "front"),
            ("destination", "exchange:back"),
            ("headers", r#"{"x-match":"any"}"#),
        ]);
        assert_eq!(
            binding_line(&to_exchange),
            "declare binding source=front destination=back destination_type=exchange \
             arguments='{\"x-match\":\"any\"}'"
        );
    }

    #[test]
    fn headers_to_match_are_written_as_pairs() {
        let f = filled(&[
            ("source", "h"),
            ("destination", "queue:linux"),
            ("x_match", "all"),
            ("headers", "os = linux, level=error,"),
        ]);
        assert_eq!(
            binding_line(&f),
            "declare binding source=h destination=linux destination_type=queue \
             arguments='{\"level\":\"error\",\"os\":\"linux\",\"x-match\":\"all\"}'"
        );
        assert_eq!(header_arguments("", ""), "", "not a headers binding");
    }

    #[test]
    fn producer_and_consumer_forms_start_simulated_clients() {
        let p = filled(&[
            ("name", "p1"),
            ("exchange", ""),
            ("routing_key", "work"),
            ("keys", "cycle"),
            ("rate", "20"),
            ("persistent", "on"),
        ]);
        assert_eq!(
            producer_line(&p),
            "producer name=p1 exchange='' routing_key=work rate=20 persistent=true"
        );
        let every_option = filled(&[
            ("name", "p2"),
            ("exchange", "topic_logs"),
            ("routing_key", "{kern,auth}.{info,error}"),
            ("keys", "random"),
            ("rate", "5"),
            ("payload", "msg {n} {key}"),
            ("persistent", "on"),
            ("mandatory", "on"),
            ("confirms", "on"),
        ]);
        let burst = filled(&[
            ("name", "p3"),
            ("exchange", "x"),
            ("routing_key", "k"),
            ("rate", "0"),
            ("burst", "5"),
            ("count", "20"),
        ]);
        assert_eq!(
            producer_line(&burst),
            "producer name=p3 exchange=x routing_key=k rate=0 burst=5 count=20"
        );
        assert_eq!(
            producer_line(&every_option),
            "producer name=p2 exchange=topic_logs routing_key='{kern,auth}.{info,error}' rate=5 \
             keys=random payload='msg {n} {key}' persistent=true mandatory=true confirms=true"
        );
        let c = filled(&[
            ("name", "c1"),
            ("queue", "work"),
            ("prefetch", "3"),
            ("processing", "100ms..2s"),
            ("ackmode", "manual"),
        ]);
        assert_eq!(
            consumer_line(&c),
            "consumer name=c1 queue=work prefetch=3 processing=100ms..2s ackmode=manual"
        );
    }
}
