//! The app: the engine pages, drawn into the shell's `#pages`.
//!
//! The shell (`web/shell/shell.js`) draws the header and the landing view and loads this
//! module when an engine page is first shown. Each page's own code is a wasm file of its
//! own (see [`bundles`]), fetched when its route first opens and, after that, for the
//! other pages once the browser is idle.

mod bundles;

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use std::rc::Rc;

use playground_web::embed::{self, ToHost};
use playground_web::route::{Location, Mode, Route};
use playground_web::saved;
use playground_web::scenario_link::Scenario;
use playground_web::{PageProps, PageView};

fn main() {
    let root = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id("pages"));
    match root {
        Some(root) => yew::Renderer::<App>::with_root(root).render(),
        None => yew::Renderer::<App>::new().render(),
    };
}

/// The engine pages. Each stays mounted once visited, only hidden, so a learner who looks
/// at another page and comes back finds their session as they left it.
#[component]
fn App() -> Html {
    let location = use_state(Location::current);
    let visited = use_mut_ref(Vec::<(Route, Option<Rc<Scenario>>)>::new);
    {
        let location = location.clone();
        use_effect_with((), move |()| {
            let listener = web_sys::window().map(|window| {
                EventListener::new(&window, "hashchange", move |_| {
                    let next = Location::current();
                    // A scenario link followed from a page already open starts afresh, as
                    // opening it in a new tab would: its lines assume new servers.
                    if next.scenario.is_some() {
                        if let Some(window) = web_sys::window() {
                            let _ = window.location().reload();
                        }
                        return;
                    }
                    location.set(next);
                })
            });
            move || drop(listener)
        });
    }
    use_effect_with((), |()| when_idle(|| spawn_local(bundles::preload_all())));
    {
        // Embedded, the course page around hears the content's height as it changes.
        let embedded = location.mode == Mode::Embed;
        use_effect_with((embedded, location.route), |&(embedded, route)| {
            let observer = embedded.then(|| tell_host_sizes(route)).flatten();
            move || drop(observer)
        });
    }

    // A page's opening lines are decided once, when it is first shown: a link's lines
    // first; otherwise, in the full app, what the page ran last.
    let route = location.route;
    if Route::ENGINES.contains(&route) && !visited.borrow().iter().any(|(seen, _)| *seen == route) {
        let opening = location.opening(route).or_else(|| {
            (location.mode == Mode::Full)
                .then(|| saved::load(route).map(Rc::new))
                .flatten()
        });
        visited.borrow_mut().push((route, opening));
    }
    html! {
        { for Route::ENGINES.iter().map(|&route| {
            let active = route == location.route;
            let opening = visited.borrow().iter().find(|(seen, _)| *seen == route).map(|(_, opening)| opening.clone());
            html! {
                <div key={route.href()} class="page-slot" hidden={!active}>
                    if let Some(opening) = opening {
                        <PageSlot {route} page={PageProps { mode: location.mode, active, opening }} />
                    }
                </div>
            }
        }) }
    }
}

/// Properties of [`PageSlot`].
#[derive(Properties, PartialEq)]
struct PageSlotProps {
    /// The engine page drawn here.
    route: Route,
    /// What the app tells the page.
    page: PageProps,
}

/// Where an engine page's code stands.
enum Loading {
    /// Being fetched: the shell's skeleton shows meanwhile.
    Waiting,
    /// Loaded: the page's view.
    Ready(PageView),
    /// The fetch failed (offline, or the file is missing).
    Failed,
}

/// One engine page: its code is fetched the first time it is shown, and a failure says so
/// with a retry, while the other pages go on working.
#[component]
fn PageSlot(props: &PageSlotProps) -> Html {
    let loading = use_state(|| Loading::Waiting);
    let attempt = use_state(|| 0_u32);
    {
        // Embedded, the course page around hears when the page takes input.
        let ready = matches!(*loading, Loading::Ready(_));
        let (route, embedded) = (props.route, props.page.mode == Mode::Embed);
        use_effect_with((ready, props.page.active), move |&(ready, active)| {
            if ready && active && embedded {
                embed::tell_host(&ToHost::Ready {
                    page: embed::page_name(route),
                });
            }
        });
    }
    {
        let loading = loading.clone();
        use_effect_with((props.route, *attempt), move |&(route, _)| {
            spawn_local(async move {
                loading.set(match bundles::page(route).await {
                    Some(view) => Loading::Ready(view),
                    None => Loading::Failed,
                });
            });
        });
    }
    match *loading {
        Loading::Waiting => html! {},
        Loading::Ready(view) => view(props.page.clone()),
        Loading::Failed => {
            let retry = {
                let (loading, attempt) = (loading.clone(), attempt.clone());
                Callback::from(move |_: MouseEvent| {
                    loading.set(Loading::Waiting);
                    attempt.set(*attempt + 1);
                })
            };
            html! {
                <div class="load-failure" role="alert" data-testid="page-load-failure">
                    <h1>{ format!("The {} page could not load.", props.route.title()) }</h1>
                    <p>{"Its code did not arrive. Check the connection, then try again; the other pages still work."}</p>
                    <button type="button" onclick={retry} data-testid="page-retry">{"Try again"}</button>
                </div>
            }
        }
    }
}

/// Watches the shell's `#app` and posts its height to the host whenever it changes, until
/// the returned watch is dropped.
fn tell_host_sizes(route: Route) -> Option<SizeWatch> {
    let app = web_sys::window()?.document()?.get_element_by_id("app")?;
    let measured = app.clone();
    let on_resize = Closure::<dyn Fn()>::new(move || {
        let height = u32::try_from(measured.scroll_height()).unwrap_or_default();
        embed::tell_host(&ToHost::Size {
            page: embed::page_name(route),
            height,
        });
    });
    let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok()?;
    observer.observe(&app);
    Some(SizeWatch {
        observer,
        _on_resize: on_resize,
    })
}

/// A ResizeObserver and its callback, disconnected when dropped.
struct SizeWatch {
    observer: web_sys::ResizeObserver,
    _on_resize: Closure<dyn Fn()>,
}

impl Drop for SizeWatch {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Runs `task` when the browser has nothing better to do (at once where it cannot say).
fn when_idle(task: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let callback = Closure::once_into_js(task);
    if window
        .request_idle_callback(callback.unchecked_ref())
        .is_err()
    {
        let _ = window.set_timeout_with_callback(callback.unchecked_ref());
    }
}
