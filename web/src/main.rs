//! Entry point of the web app: mounts [`playground_web::App`] on the page body.

fn main() {
    yew::Renderer::<playground_web::App>::new().render();
}
