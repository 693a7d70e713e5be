//! Animation frames: a loop that calls a function on every frame the browser draws, and
//! the clock frames are stamped with. The RabbitMQ canvas and the program editor's world
//! both run in frame-sized slices on it.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

/// Real time in milliseconds, on the clock animation frames are stamped with.
pub fn real_now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// A frame callback that re-requests itself, shared with the loop that can end it.
type FrameCallback = Rc<RefCell<Option<Closure<dyn FnMut(f64)>>>>;

/// Calls a function on every animation frame, with the frame's time, until dropped.
pub struct FrameLoop {
    /// The pending frame's request.
    request: Rc<RefCell<i32>>,
    /// The callback, which re-requests itself; taken out on drop to end the cycle.
    callback: FrameCallback,
}

impl FrameLoop {
    /// Starts calling `tick` on every frame.
    pub fn start(mut tick: impl FnMut(f64) + 'static) -> FrameLoop {
        let request = Rc::new(RefCell::new(0));
        let callback: FrameCallback = Rc::new(RefCell::new(None));
        let (again, pending) = (Rc::clone(&callback), Rc::clone(&request));
        *callback.borrow_mut() = Some(Closure::new(move |now: f64| {
            tick(now);
            if let Some(next) = again.borrow().as_ref() {
                *pending.borrow_mut() = request_frame(next);
            }
        }));
        if let Some(first) = callback.borrow().as_ref() {
            *request.borrow_mut() = request_frame(first);
        }
        FrameLoop { request, callback }
    }
}

impl Drop for FrameLoop {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            let _ = window.cancel_animation_frame(*self.request.borrow());
        }
        self.callback.borrow_mut().take();
    }
}

fn request_frame(callback: &Closure<dyn FnMut(f64)>) -> i32 {
    web_sys::window()
        .and_then(|w| {
            w.request_animation_frame(callback.as_ref().unchecked_ref())
                .ok()
        })
        .unwrap_or(0)
}
